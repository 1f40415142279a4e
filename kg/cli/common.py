"""What every command shares: one-line errors, pipe-safe output, the project's
folders as defaults, and confinement to the files a command names."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click

from kg.artifacts import GRAPH_CHOICES
from kg.errors import KGError
from kg.guard import OutsideAccessError, confined
from kg.progress import Printed, Progress
from kg.project import Project, find_project


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that clean-up code runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


class Group(click.Group):
    """Turns user errors into one line and an exit code; --debug shows tracebacks."""

    def invoke(self, ctx: click.Context):
        signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            return super().invoke(ctx)
        except (KGError, OutsideAccessError) as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            for detail in getattr(error, "details", ()):
                say(f"  {detail}", err=True)
            fail(error if isinstance(error, KGError) else KGError(str(error)))
        except KeyboardInterrupt:
            say("kg: interrupted (SIGINT); outputs left as they were", err=True)
            sys.exit(128 + signal.SIGINT)
        except Terminated:
            say("kg: terminated (SIGTERM); outputs left as they were", err=True)
            sys.exit(128 + signal.SIGTERM)


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM stop the process at once within the block.

    Oxigraph evaluates a query in native code, where Python's handlers never
    run: a query of hours would ignore Ctrl-C and kill until it ended. Only a
    command that writes nothing but its answer may use it.
    """
    if threading.current_thread() is not threading.main_thread():  # only the main thread sets handlers
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_DFL) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def fail(error: KGError) -> None:
    # One line whatever a library put in the message (rdflib's parsers quote the bad line after a newline).
    message = _LINE_BREAKS.sub(" ", str(error))
    say(f"kg: error: {message}", err=True)
    sys.exit(error.exit_code)


_closed: set[bool] = set()  # which of the streams (err=True/False) a reader has closed


def say(message: str = "", err: bool = False, nl: bool = True) -> None:
    """click.echo that survives a closed pipe (``kg build | head -1``): once the
    reader is gone its output is dropped, and the work goes on."""
    if err in _closed:
        return
    try:
        click.echo(message, err=err, nl=nl)
    except OSError as error:
        _reader_gone(error, err)


def say_bytes(chunks: Iterable[bytes]) -> None:
    """Bytes to standard output, a chunk at a time, as ``say`` writes text."""
    if False in _closed:
        return
    out = click.get_binary_stream("stdout")
    try:
        for chunk in chunks:
            out.write(chunk)
        out.flush()
    except OSError as error:
        _reader_gone(error, False)


def _reader_gone(error: OSError, err: bool) -> None:
    if error.errno != errno.EPIPE:
        raise error
    _closed.add(err)
    # Python would report the failed flush again at exit; point the stream at nothing.
    stream = sys.stderr if err else sys.stdout
    os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def progress_printer(quiet: bool) -> Progress:
    """Steps on standard error, and a bar over a corpus's articles on a terminal; nothing if quiet."""
    return Progress() if quiet else Printed(lambda message: say(f"kg: {message}", err=True))


def project() -> Project:
    """The project of this run (``kg --project``, or found from the current folder)."""
    ctx = click.get_current_context()
    root = ctx.find_root()
    if "project" not in root.obj:
        root.obj["project"] = find_project(root.obj.get("project_dir"))
    return root.obj["project"]


def path_option(*names: str, help: str, default: str | None = None, project_default: str | None = None):
    """A click option holding a path. ``project_default`` names a folder of the
    project (data, build, ontology, queries) that stands in when it is not given."""
    shown = f"{project_default}/ of the project" if project_default else default
    return click.option(
        *names,
        type=click.Path(path_type=Path),
        default=Path(default) if default else None,
        show_default=shown,
        help=help,
    )


def in_project(value: Path | None, key: str) -> Path:
    """An option's path, or the project's folder for ``key`` when it was not given."""
    if value is not None:
        return value
    return getattr(project(), key)


def confine(command: Callable) -> Callable:
    """Run a command with no network but the stores its options name, and no
    files outside the working folder, the project and the folders and files
    its options name."""

    @functools.wraps(command)
    def run(**options):
        named = [v for value in options.values() for v in (value if isinstance(value, tuple) else (value,))]
        paths = [v.absolute() for v in named if isinstance(v, Path)]
        root = project().root
        folders = [*paths, *(p.parent for p in paths), *([root] if root else [])]
        urls = tuple(options[k] for k in ("endpoint", "sparql") if options.get(k))
        with confined(Path.cwd(), *folders, urls=urls):
            return command(**options)

    return run


BUILD_OPTION = path_option("--build", "build_dir", project_default="build", help="Folder written by 'kg build'.")
GRAPH_OPTION = click.option(
    "--graph",
    "graphs",
    type=click.Choice(GRAPH_CHOICES),
    default="all",
    show_default=True,
    help="Read the asserted graphs, the inferred graph, or both; or only what the articles claim (their facts and "
    "statements) or what the reference tables establish (each with the entities and the ontology).",
)
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["kk", "en", "ru"]),
    default="en",
    show_default=True,
    help="Label language (in a query, it stands for the variable ?lang).",
)
QUIET_OPTION = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")

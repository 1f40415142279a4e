"""Write build results so that a failed run never leaves a half-written folder."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError

LOCK_NAME = ".kg.lock"
_DEFERRED = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock: a second build writing there is refused."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_NAME, "a+")  # noqa: SIM115 (held for the whole block)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create output folder: {error.strerror}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{folder}/ is being written by another kg process; try again when it ends") from None
        yield
    finally:
        handle.close()


def write_outputs(folder: Path, files: dict[str, bytes]) -> None:
    """Write all files, or none: each goes to a temporary file in ``folder``,
    and only when every one is written are they renamed into place."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create output folder: {error.strerror}") from None
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in sorted(files.items()):
            staged.append((name, _stage(folder, name, data)))
        _rename_all(folder, staged)
    except OSError as error:
        raise OutputError(f"{folder}: cannot write output: {error.strerror or error}") from None
    finally:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back until the block ends: renames done inside
    are never left half done by an interruption."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _rename_all(folder: Path, staged: list[tuple[str, Path]]) -> None:
    """Rename the staged files into place, so that an interruption never leaves old and new files mixed."""
    with signals_held():
        for name, temporary in staged:
            os.replace(temporary, folder / name)


def _stage(folder: Path, name: str, data: bytes) -> Path:
    handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; outputs are for sharing, as with open().
        os.chmod(path, 0o666 & ~current_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return Path(path)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically: a temporary file beside it, then a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such folder")
    write_outputs(folder, {path.name: data})


@contextmanager
def new_folder(target: Path) -> Iterator[Path]:
    """A folder written whole or not at all: the block fills a temporary folder
    beside ``target``, renamed into place when it ends without error.

    Only a folder that does not exist or is empty is ever written, so nothing
    the user has is replaced or deleted.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(f"{target} exists and is not an empty folder; name a new or empty one")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"{parent}: no such folder")
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        yield staging
        if target.exists():
            target.rmdir()  # empty, as checked above
        os.replace(staging, target)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging)

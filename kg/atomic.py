"""Write build results so that a failed run never leaves a half-written folder."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError

LOCK_NAME = ".kg.lock"
_DEFERRED = {signal.SIGINT, signal.SIGTERM}
_BUFFER = 1 << 20  # a dump is written a line at a time: fewer, bigger writes


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
    with staging(folder) as staged:
        for name, data in sorted(files.items()):
            staged.write(name, data)
        staged.commit()


Writer = Callable[[BinaryIO], None]


class Staged:
    """Files of one folder written one at a time, each to a temporary file
    beside its place as soon as it is made (so that no two need be in memory
    at once), and renamed into place together by ``commit``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path] = {}
        self.committed: dict[str, os.stat_result] = {}  # each file's stat just after its rename, by name

    def write(self, name: str, data: bytes | Writer) -> None:
        """Stage ``name``: ``data``, or what the function ``data`` writes to the file it is given."""
        if name in self.files:  # staged again: the first one goes
            self.files.pop(name).unlink(missing_ok=True)
        try:
            self.files[name] = _stage(self.folder, name, data)
        except OSError as error:
            raise _output_error(self.folder, error) from None

    def path(self, name: str) -> Path:
        """Where the staged file ``name`` lies until it is committed."""
        return self.files[name]

    def commit(self) -> None:
        try:
            self.committed = _rename_all(self.folder, sorted(self.files.items()))
        except OSError as error:
            raise _output_error(self.folder, error) from None


@contextmanager
def staging(folder: Path) -> Iterator[Staged]:
    """Files staged in ``folder`` (created if need be); whatever is not
    committed when the block ends, by an error or an interruption, is removed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create output folder: {error.strerror}") from None
    staged = Staged(folder)
    try:
        yield staged
    finally:
        for temporary in staged.files.values():
            temporary.unlink(missing_ok=True)


def _output_error(folder: Path, error: OSError) -> OutputError:
    return OutputError(f"{folder}: cannot write output: {error.strerror or error}")


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back until the block ends: renames done inside
    are never left half done by an interruption."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _rename_all(folder: Path, staged: list[tuple[str, Path]]) -> dict[str, os.stat_result]:
    """Rename the staged files into place, so that an interruption never
    leaves old and new files mixed; each one's stat as it is renamed (what a
    later change of the file would change: kg.pipeline.cache trusts it)."""
    stats = {}
    with signals_held():
        for name, temporary in staged:
            os.replace(temporary, folder / name)
            stats[name] = os.stat(folder / name)
    return stats


def _stage(folder: Path, name: str, data: bytes | Writer) -> Path:
    handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; outputs are for sharing, as with open().
        os.chmod(path, 0o666 & ~current_umask())
        with os.fdopen(handle, "wb", buffering=_BUFFER) as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                data(out)
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


def write_file(path: Path, data: bytes | Writer) -> None:
    """Write one file atomically: ``data``, or what the function ``data``
    writes to it, goes to a temporary file beside it, then a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such folder")
    with staging(folder) as staged:
        staged.write(path.name, data)
        staged.commit()


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

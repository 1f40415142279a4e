"""Write build results so that a failed run never leaves a half-written folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import OutputError


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
        for name, temporary in staged:
            os.replace(temporary, folder / name)
    except OSError as error:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)
        raise OutputError(f"{folder}: cannot write output: {error.strerror or error}") from None


def _stage(folder: Path, name: str, data: bytes) -> Path:
    handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    # mkstemp makes the file private; outputs are for sharing, as with open().
    os.chmod(path, 0o666 & ~_umask())
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return Path(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically: a temporary file beside it, then a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{folder}: no such folder")
    write_outputs(folder, {path.name: data})

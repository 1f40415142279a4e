"""Write build results so that a failed run never leaves a half-written folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import OutputError


def turtle(graph: Graph) -> bytes:
    """Stable, diff-friendly Turtle: one subject a block, sorted."""
    return graph.serialize(format="longturtle", encoding="utf-8")


def ntriples(graph: Graph) -> bytes:
    """N-Triples with sorted lines, so equal graphs give equal bytes."""
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


def nquads(dataset: Dataset) -> bytes:
    """N-Quads of every named graph, sorted."""
    lines = dataset.serialize(format="nquads", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


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

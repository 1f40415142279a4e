"""A dump written from the previous one: the byte runs that did not change
copied from the previous file (os.copy_file_range, inside the kernel: a
fifth of the cost of writing them on ext4), the lines that changed written.

A build after a change knows which lines of its sorted dumps (kg.nq, kg.nt)
are gone and which are new, and kg.pipeline.blocks which blocks of kg.ttl
changed; the rest of each file is the previous one's bytes. Every edit is
checked against the previous file (a line taken out is there, a line put in
is not), and the size of the result against the size the build expects: a
patch that fails a check is not written, and the dump is written whole.
"""

from __future__ import annotations

import bisect
import errno
import mmap
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

Piece = bytes | tuple[int, int]  # new bytes, or the byte range [start, end) of the previous file
_UNSUPPORTED = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF}
_CHUNK = 1 << 24  # bytes copied at a time where copy_file_range is not supported


def _no_copy_file_range(*_: object) -> int:
    raise OSError(errno.ENOSYS, "copy_file_range is Linux's")


_COPY_FILE_RANGE = getattr(os, "copy_file_range", _no_copy_file_range)


def fingerprint(stat: os.stat_result) -> list[int]:
    """What any write to a file changes: its size, modification and change
    times, and (a file put in its place) its inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


@dataclass(frozen=True)
class Patch:
    """A new file as ``pieces`` of new bytes and runs of the file ``source``,
    which the pieces were cut from when its stat had that ``fingerprint``."""

    source: Path
    fingerprint: list[int]
    pieces: list[Piece]

    @classmethod
    def of(cls, source: Path, pieces: list[Piece]) -> Patch:
        """The pieces of ``source`` as it is now."""
        return cls(source, fingerprint(source.stat()), pieces)

    def length(self) -> int:
        return sum(len(piece) if isinstance(piece, bytes) else piece[1] - piece[0] for piece in self.pieces)

    def __call__(self, out: BinaryIO) -> None:
        """Write the new file to ``out`` (kg.atomic.Staged.write calls it);
        OSError if the source changed since the pieces were cut from it."""
        with open(self.source, "rb") as source:
            if fingerprint(os.fstat(source.fileno())) != self.fingerprint:
                raise OSError(errno.ESTALE, f"{self.source} changed while the build read it")
            for piece in self.pieces:
                if isinstance(piece, bytes):
                    out.write(piece)
                else:
                    out.flush()  # the copy writes at the descriptor's offset, after what is buffered
                    _copy(source.fileno(), out.fileno(), *piece)


@contextmanager
def mapped(file: BinaryIO) -> Iterator[mmap.mmap | bytes]:
    """The bytes of the open ``file``, mapped rather than read (an empty file as b"")."""
    if os.fstat(file.fileno()).st_size == 0:
        yield b""
        return
    with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        yield data


def line_patch(path: Path, removed: list[bytes], added: list[bytes], length: int) -> Patch | None:
    """The file of sorted lines ``path`` without the lines ``removed`` and
    with the lines ``added`` (each ending in a newline), as a Patch of it;
    None if a removed line is not in it, an added one is, or the result
    would not be ``length`` bytes long."""
    try:
        with open(path, "rb") as file, mapped(file) as data:
            stat = os.fstat(file.fileno())
            edits = _edits(data, removed, added)
    except OSError:
        return None
    if edits is None:
        return None
    patch = Patch(path, fingerprint(stat), _pieces(edits, stat.st_size))
    return patch if patch.length() == length else None


def patched_lines(lines: list[bytes], removed: list[bytes], added: list[bytes]) -> list[bytes] | None:
    """The sorted ``lines`` without the lines ``removed`` and with those
    ``added`` (each sorted), the runs between them copied as slices; None if
    a removed line is not among them or an added one is."""
    edits = sorted(
        [(bisect.bisect_left(lines, line), True, line) for line in removed]
        + [(bisect.bisect_left(lines, line), False, line) for line in added]
    )  # at one place the lines put in come first (before the line there), in their order
    result: list[bytes] = []
    position = 0
    for at, gone, line in edits:
        result += lines[position:at]
        position = at
        there = at < len(lines) and lines[at] == line
        if there != gone:
            return None
        if gone:
            position += 1
        else:
            result.append(line)
    result += lines[position:]
    return result


def line_offset(data: mmap.mmap | bytes, line: bytes) -> int:
    """The offset in ``data``, sorted lines each ending in a newline, of the
    first line not before ``line`` (len(data) if there is none)."""
    low, high = 0, len(data)  # each a line's start (or the end); lines before ``low`` come before ``line``
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1  # not before ``low``, which starts a line
        end = data.find(b"\n", start) + 1
        if data[start:end] < line:
            low = end
        else:
            high = start
    return low


def _edits(data: mmap.mmap | bytes, removed: list[bytes], added: list[bytes]) -> list[tuple[int, int, bytes]] | None:
    """(start, end, new bytes) of each line taken out or put in, in the order they come."""
    edits = []
    for line in removed:
        at = line_offset(data, line)
        if data[at : at + len(line)] != line:
            return None
        edits.append((at, at + len(line), b""))
    for line in added:
        at = line_offset(data, line)
        if data[at : at + len(line)] == line:
            return None
        edits.append((at, at, line))
    # At one offset the lines put in come first (before the line there), in their order.
    edits.sort(key=lambda edit: (edit[0], edit[1] > edit[0], edit[2]))
    return edits


def _pieces(edits: list[tuple[int, int, bytes]], size: int) -> list[Piece]:
    pieces: list[Piece] = []
    new: list[bytes] = []
    position = 0
    for start, end, line in edits:
        if start > position:
            if new:
                pieces.append(b"".join(new))
                new = []
            pieces.append((position, start))
        if line:
            new.append(line)
        position = end
    if new:
        pieces.append(b"".join(new))
    if position < size:
        pieces.append((position, size))
    return pieces


def _copy(source: int, target: int, start: int, end: int) -> None:
    """Bytes [start, end) of ``source`` appended to ``target`` at its offset."""
    while start < end:
        try:
            copied = _COPY_FILE_RANGE(source, target, end - start, start)
        except OSError as error:
            if error.errno not in _UNSUPPORTED:
                raise
            copied = _copy_by_reading(source, target, start, end)
        if copied == 0:
            raise OSError(errno.EIO, "the previous file ended before its recorded size")
        start += copied


def _copy_by_reading(source: int, target: int, start: int, end: int) -> int:
    data = os.pread(source, min(end - start, _CHUNK), start)
    view = memoryview(data)
    while view:
        view = view[os.write(target, view) :]
    return len(data)

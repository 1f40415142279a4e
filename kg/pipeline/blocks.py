"""kg.ttl from the previous one: each subject is a block of its own, sorted
(kg.formats.turtle.turtle_of), so a build after a change writes anew only
the blocks of the subjects some changed quad names, and keeps the others'
bytes. The prefixes declared are those some block uses: the manifest keeps
how many blocks use each, and the blocks taken out and put in change the
counts. The blocks kept are not copied: the new kg.ttl is a
kg.pipeline.patch.Patch of the previous one.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from kg.formats.turtle import prefixed_names, turtle_of
from kg.pipeline.patch import Patch, Piece
from kg.rdf import Triple

END = b"\n.\n"
SEPARATOR = END + b"\n"  # between two blocks


@dataclass(frozen=True)
class PreviousTurtle:
    """The previous kg.ttl: its ``text``, how many of its blocks use each of
    its ``prefixes``, and the ``source`` file it was read from when its stat
    had that ``fingerprint`` (kg.pipeline.patch)."""

    text: bytes
    prefixes: dict[str, int]
    source: Path
    fingerprint: list[int]


def kg_turtle(
    lines: list[bytes],
    triples: Callable[[], Iterable[Triple]],
    namespaces: Iterable[tuple[str, object]],
    previous: PreviousTurtle | None,
    subjects: set[bytes] | None,
) -> tuple[bytes | Patch, dict[str, int] | None]:
    """Turtle of the graph whose sorted N-Triples are ``lines`` (and whose
    ``triples`` make it whole) with its prefix counts: a Patch of
    ``previous`` where only the blocks of ``subjects`` changed, if both are known."""
    namespaces = list(namespaces)
    if previous is not None and subjects is not None:
        reused = changed(lines, namespaces, previous, subjects)
        if reused is not None:
            return reused
    return full(triples(), namespaces)


def full(triples: Iterable[Triple], namespaces: list[tuple[str, object]]) -> tuple[bytes, dict[str, int] | None]:
    """turtle_of, and how many blocks use each prefix (None if that does not
    account for the prefixes it declares: then nothing is reused from it)."""
    text = turtle_of(triples, namespaces)
    declared, blocks = _split(text)
    counts = Counter(prefix for block in blocks for prefix in _prefixes(block))
    return text, dict(sorted(counts.items())) if set(counts) == set(declared) else None


def changed(
    lines: list[bytes],
    namespaces: list[tuple[str, object]],
    previous: PreviousTurtle,
    subjects: set[bytes],
) -> tuple[Patch, dict[str, int]] | None:
    """Turtle of the N-Triples ``lines`` as a Patch of ``previous``, where
    only the blocks of ``subjects`` (in N-Triples) may differ; None if the
    previous text is not one turtle_of wrote. The old blocks are found by
    binary search on their subjects (sorted, as turtle_of writes them), so
    that the text is not read between them."""
    text, old_counts = previous.text, previous.prefixes
    name = prefixed_names(namespaces)
    written = sorted({name(URIRef(subject[1:-1].decode())).encode() for subject in subjects})
    body = text.find(b"\n\n") + 2  # where the first block starts
    if body < 2 or body == len(text):
        return None  # no block to keep
    if set(_declared(text[: body - 2])) != set(old_counts) or not all(
        isinstance(n, int) and n > 0 for n in old_counts.values()
    ):
        return None  # counts that do not match the declarations: damaged
    counts = Counter(old_counts)
    # Each block with the newline after it (after the last, one past the text) is a unit to take out or put in.
    edits: list[tuple[int, int, bytes]] = []
    for subject in written:
        start = _block_at(text, body, subject)
        if start < len(text) and _subject_at(text, start) == subject:
            end = _block_end(text, start)
            edits.append((start, end + 1, b""))
            counts.subtract(_prefixes(text[start:end]))
    _, new = _split(turtle_of(parsed(_about(lines, subjects)), namespaces))
    counts.update(prefix for block in new for prefix in _prefixes(block))
    if any(count < 0 for count in counts.values()):
        return None
    namespace = {prefix: str(ns) for ns, prefix in {str(ns): prefix for prefix, ns in sorted(namespaces)}.items()}
    used = {prefix: count for prefix, count in sorted(counts.items()) if count > 0}
    if not set(used) <= set(namespace):
        return None
    for block in new:
        at = _block_at(text, body, _subject(block))
        at = at if at < len(text) else len(text) + 1  # after the last block's newline
        edits.append((at, at, block + b"\n"))
    header = "".join(f"PREFIX {prefix}: <{namespace[prefix]}>\n" for prefix in used).encode()
    return Patch(previous.source, previous.fingerprint, [header + b"\n", *_units(edits, body, len(text))]), used


def _units(edits: list[tuple[int, int, bytes]], body: int, end: int) -> list[Piece]:
    """The blocks of the text from ``body`` to ``end`` with ``edits``: (start,
    end, b"") takes out a unit, (start, start, unit) puts one in (a unit is a
    block and the newline after it, which the text lacks after the last);
    the units kept as ranges of the text."""
    pieces: list[Piece] = []
    position = body
    for start, stop, unit in sorted(edits, key=lambda edit: (edit[0], edit[1] > edit[0], edit[2])):
        if start > position:
            pieces += _run(position, start, end)
        if unit:
            pieces.append(unit)
        position = stop
    if position < end + 1:
        pieces += _run(position, end + 1, end)
    pieces = _joined(pieces)
    if pieces:  # the newline after the last unit, which the text lacks
        last = pieces.pop()
        last = last[:-1] if isinstance(last, bytes) else (last[0], last[1] - 1)
        pieces += [last] if (len(last) if isinstance(last, bytes) else last[1] - last[0]) else []
    return pieces


def _run(start: int, stop: int, end: int) -> list[Piece]:
    """The units from ``start`` to ``stop`` of a text ``end`` bytes long, the last one's newline added."""
    return [(start, stop)] if stop <= end else [(start, end), b"\n"] if start < end else [b"\n"]


def _joined(pieces: list[Piece]) -> list[Piece]:
    """The pieces with each run of new bytes joined."""
    joined: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, bytes) and joined and isinstance(joined[-1], bytes):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _block_at(text: bytes, body: int, subject: bytes) -> int:
    """Where the first block of ``text`` (from ``body`` on) whose subject is
    not before ``subject`` starts (len(text) if there is none)."""
    low, high = body, len(text)  # each a block's start (or the end)
    while low < high:
        middle = (low + high) // 2
        found = text.rfind(SEPARATOR, low, middle)
        start = low if found < 0 else found + len(SEPARATOR)
        if _subject_at(text, start) < subject:
            low = min(_block_end(text, start) + 1, len(text))
        else:
            high = start
    return low


def _block_end(text: bytes, start: int) -> int:
    """Where the block starting at ``start`` ends (its final dot's newline included)."""
    found = text.find(SEPARATOR, start)
    return len(text) if found < 0 else found + len(END)


def _about(lines: list[bytes], subjects: set[bytes]) -> list[bytes]:
    """The lines of the sorted N-Triples ``lines`` whose subject is one of ``subjects``."""
    found = []
    for subject in sorted(subjects):
        start = bisect.bisect_left(lines, subject + b" ")
        end = bisect.bisect_left(lines, subject + b"!")  # "!" follows " ": past the subject's lines
        found += lines[start:end]
    return found


def parsed(lines: list[bytes]) -> set[Triple]:
    """N-Triples lines as rdflib terms, as the compiler made them."""
    graph = Graph()
    graph.parse(data=b"".join(lines), format="nt")
    return set(graph)


def _split(text: bytes) -> tuple[list[str], list[bytes]]:
    """The prefixes a Turtle text of turtle_of declares, and its blocks."""
    header, _, body = text.partition(b"\n\n")
    declared = _declared(header)
    if not body:
        return declared, []
    blocks = [block + END for block in body.removesuffix(END).split(END + b"\n")]
    return declared, blocks


def _declared(header: bytes) -> list[str]:
    return [line.split(b":", 1)[0].removeprefix(b"PREFIX ").decode() for line in header.split(b"\n") if line]


def _subject(block: bytes) -> bytes:
    return block[: block.index(b"\n")]


def _subject_at(text: bytes, start: int) -> bytes:
    """The subject of the block of ``text`` starting at ``start``."""
    return text[start : text.find(b"\n", start)]


def _prefixes(block: bytes) -> set[str]:
    """The prefixes the terms of a block use (a literal's by its datatype)."""
    lines = block.split(b"\n")
    terms = [lines[0]]
    for line in lines[1:]:
        if not line.startswith(b"    "):
            continue  # the final dot
        body = line.strip().removesuffix(b" ;").removesuffix(b" ,")
        if line.startswith(b"        "):
            terms.append(body)
        else:
            predicate, _, obj = body.partition(b" ")
            terms += [predicate, obj] if obj else [predicate]
    found = set()
    for term in terms:
        if term.startswith(b'"'):
            tail = term[term.rindex(b'"') + 1 :]
            if tail.startswith(b"^^") and not tail.startswith(b"^^<"):
                found.add(tail[2 : tail.index(b":")].decode())
        elif not term.startswith(b"<") and b":" in term:
            found.add(term[: term.index(b":")].decode())
    return found

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
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from kg.formats.turtle import prefixed_names, turtle_of
from kg.pipeline.patch import Patch, Piece
from kg.rdf import Triple

END = b"\n.\n"


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
    binary search on their subjects (sorted, as turtle_of writes them) and
    the runs between them kept as they lie."""
    old_text, old_counts = previous.text, previous.prefixes
    name = prefixed_names(namespaces)
    written = sorted({name(URIRef(subject[1:-1].decode())).encode() for subject in subjects})
    header, _, body = old_text.partition(b"\n\n")
    if set(_declared(header)) != set(old_counts) or not all(isinstance(n, int) and n > 0 for n in old_counts.values()):
        return None  # counts that do not match the declarations: damaged
    starts = [0, *(found.end() for found in re.finditer(re.escape(END + b"\n"), body))] if body else []
    # A block ends before the newline that parts it from the next.
    ends = [start - 1 for start in starts[1:]] + [len(body)] if starts else []
    counts = Counter(old_counts)
    gone = set()
    for subject in written:
        at = _first_block(body, starts, subject)
        if at < len(starts) and _subject(body[starts[at] : ends[at]]) == subject:
            gone.add(at)
            counts.subtract(_prefixes(body[starts[at] : ends[at]]))
    _, new = _split(turtle_of(parsed(_about(lines, subjects)), namespaces))
    counts.update(prefix for block in new for prefix in _prefixes(block))
    if any(count < 0 for count in counts.values()):
        return None
    namespace = {prefix: str(ns) for ns, prefix in {str(ns): prefix for prefix, ns in sorted(namespaces)}.items()}
    used = {prefix: count for prefix, count in sorted(counts.items()) if count > 0}
    if not set(used) <= set(namespace):
        return None
    header = "".join(f"PREFIX {prefix}: <{namespace[prefix]}>\n" for prefix in used).encode()
    pieces: list[Piece] = [header + b"\n"]
    at = len(old_text) - len(body)  # where the body starts in the previous file
    for index, piece in enumerate(_merged(body, starts, ends, gone, new)):
        pieces += [b"\n"] if index else []
        pieces.append(piece if isinstance(piece, bytes) else (piece[0] + at, piece[1] + at))
    return Patch(previous.source, previous.fingerprint, _joined(pieces)), used


def _joined(pieces: list[Piece]) -> list[Piece]:
    """The pieces with each run of new bytes joined."""
    joined: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, bytes) and joined and isinstance(joined[-1], bytes):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _first_block(body: bytes, starts: list[int], subject: bytes) -> int:
    """The index of the first block of ``body`` (starting at ``starts``) whose subject is not before ``subject``."""
    return bisect.bisect_left(starts, subject, key=lambda start: body[start : body.index(b"\n", start)])


def _merged(body: bytes, starts: list[int], ends: list[int], gone: set[int], new: list[bytes]) -> list[Piece]:
    """The old blocks but those ``gone`` (each run of kept ones a range of
    ``body``, the newlines between them in it) and the ``new`` blocks, in
    subject order: what sorting all the blocks gives, their subjects being unique."""
    pieces: list[Piece] = []
    run = None  # the first kept block not yet written
    following = sorted(new, key=_subject)
    at = [_first_block(body, starts, _subject(block)) for block in following]
    next_new = 0
    for index in range(len(starts) + 1):
        while next_new < len(following) and at[next_new] == index:
            if run is not None:
                pieces.append((starts[run], ends[index - 1]))
                run = None
            pieces.append(following[next_new])
            next_new += 1
        if index == len(starts):
            break
        if index in gone:
            if run is not None:
                pieces.append((starts[run], ends[index - 1]))
            run = None
        elif run is None:
            run = index
    if run is not None:
        pieces.append((starts[run], ends[len(starts) - 1]))
    return pieces


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

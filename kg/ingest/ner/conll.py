"""Read CoNLL/IOB2 files: one `token TAG` a line, a blank line between sentences."""

from __future__ import annotations

from pathlib import Path

from kg.errors import SourceError
from kg.pipeline.sources import read_text

Sentence = list[tuple[str, str]]


def read_iob2(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    current: Sentence = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        token, _, tag = line.rstrip().rpartition(" ")
        if not token or not (tag == "O" or tag[:2] in ("B-", "I-")):
            raise SourceError(f"{path}:{number}: expected 'token TAG' with an IOB2 tag, got {line!r}")
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end, class) of an IOB2 tag sequence; a stray I- opens a span."""
    found, start, kind = set(), None, None
    for index, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and kind == tag[2:]:
            continue
        if kind is not None:
            found.add((start, index, kind))
            start = kind = None
        if tag != "O":
            start, kind = index, tag[2:]
    return found

"""What `kg ingest` finds in a text, before it is written as a draft: each
item with its exact span (code points, end exclusive), so that a scorer can
compare it with a curator's annotation and the draft can quote it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class MentionFound(Found):
    type: str  # PERSON, ORGANISATION, GPE, LOCATION, POSITION, LAW, EVENT, PROJECT, FACILITY
    link: str | None = None  # a known entity, only where its name says so
    why: str = ""  # how it was found: a known name, the CRF, a pattern


@dataclass(frozen=True)
class NumberFound(Found):
    value: float
    counts: str  # persons, cases, rank, amount, percent, points, groups, events, years, other
    unit: str | None = None
    qualifier: str | None = None  # more_than, about, less_than
    place: MentionFound | None = None
    period: str | None = None  # the date or period nearest it in its clause, as written


@dataclass(frozen=True)
class DateFound(Found):
    value: str | None  # ISO where the text gives it (2018, 2018-12, --12-09); None when relative
    relative: bool = False


@dataclass(frozen=True)
class SpeechFound(Found):
    speaker: str | None  # the speaker as written nearest the cue
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_link: str | None = None
    cue: str = ""


@dataclass
class Analysis:
    text: str
    mentions: list[MentionFound] = field(default_factory=list)
    numbers: list[NumberFound] = field(default_factory=list)
    dates: list[DateFound] = field(default_factory=list)
    speech: list[SpeechFound] = field(default_factory=list)


def overlaps(a: Found | dict, b: Found | dict) -> bool:
    start_a, end_a = (a["start"], a["end"]) if isinstance(a, dict) else (a.start, a.end)
    start_b, end_b = (b["start"], b["end"]) if isinstance(b, dict) else (b.start, b.end)
    return start_a < end_b and start_b < end_a

"""What `kg ingest` finds in a text, before it is written as a draft: each
item with its exact span (code points, end exclusive), so that a scorer can
compare it with a curator's annotation and the draft can quote it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


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


# Latin letters typed for their Cyrillic twins inside a Kazakh word (Aқмола, сенiп, Cыбайлас: keyboards without the
# Kazakh layout). One letter for one, so every offset stays the text's.
LOOKALIKES = str.maketrans("AaBCcEeHhIiKMOoPpTXxy", "АаВСсЕеНһІіКМОоРрТХху")
LETTER_RUN = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")


def fold_lookalikes(text: str) -> str:
    """The text with each run of letters that mixes Cyrillic and Latin lookalikes written in Cyrillic alone; a
    Latin word (Call-орталығы's «Call», Tengrinews.kz) and a run with a Latin letter that has no twin stay."""

    def fold(match: re.Match) -> str:
        run = match.group()
        if not CYRILLIC.search(run) or not LATIN.search(run):
            return run
        folded = run.translate(LOOKALIKES)
        return run if LATIN.search(folded) else folded

    return LETTER_RUN.sub(fold, text)


def as_written(item: Found, original: str, folded: str) -> Found:
    """``item``, found in the folded text, quoting ``original`` where it quoted the folded text."""
    changes: dict = {}
    if item.text == folded[item.start : item.end]:
        changes["text"] = original[item.start : item.end]
    speaker_start, speaker_end = getattr(item, "speaker_start", None), getattr(item, "speaker_end", None)
    if speaker_start is not None and speaker_end is not None and item.speaker == folded[speaker_start:speaker_end]:
        changes["speaker"] = original[speaker_start:speaker_end]
    if getattr(item, "place", None) is not None:
        changes["place"] = as_written(item.place, original, folded)
    return replace(item, **changes)

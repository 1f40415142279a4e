"""New entities a text names: the CRF's finds, organisation names, «titles», year ranges."""

from __future__ import annotations

import re

from kg.ingest.names import Mention, slug, tokens_of
from kg.ingest.ner.conll import spans as iob2_spans
from kg.ingest.ner.model import Tagger
from kg.pipeline.spans import Span, sentences

# The CRF's classes that name things, and the ontology class a curator would start from.
CANDIDATE_CLASSES = {
    "PERSON": "Person",
    "ORGANISATION": "Organisation",
    "GPE": "AdministrativeArea",
    "LOCATION": "Place",
    "POSITION": "Post",
    "LAW": "LegalResource",
    "EVENT": "Event",
    "FACILITY": "Building",
    "PROJECT": "PolicyDocument",
}
ORGANISATION_HEADS = re.compile(
    r"(?:(?:ҚР|[А-ЯӘҒҚҢӨҰҮҺІЁ«][\w»-]*)\s+)(?:[\w«»-]+\s+){0,8}?"
    r"(?:агенттігі|әкімдігі|партиясы|министрлігі|комитеті|департаменті|басқармасы)"
)
YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})\s+жылдар")


def tagged(text: str, tagger: Tagger) -> list[tuple[str, Span, str]]:
    """(class, span, surface) of every entity the CRF finds, sentence by sentence."""
    found = []
    for sentence in sentences(text):
        tokens = tokens_of(text, sentence)
        tags = tagger.tag([t for t, _, _ in tokens])
        for first, last, kind in sorted(iob2_spans(tags)):
            span = Span(tokens[first][1], tokens[last - 1][2])
            found.append((kind, span, span.exact(text)))
    return found


def candidates(text: str, tagger: Tagger, mentions: list[Mention]) -> list[dict]:
    """New entities: CRF finds not covered by a known mention, and «titles» with their years."""
    known = [m.span for m in mentions]
    found: dict[str, dict] = {}
    for kind, span, surface in tagged(text, tagger):
        if kind in CANDIDATE_CLASSES and not any(k.start <= span.start and span.end <= k.end for k in known):
            key = f"{CANDIDATE_CLASSES[kind].lower()}/{slug(surface)}"
            found.setdefault(
                key,
                {
                    "id": key,
                    "type": CANDIDATE_CLASSES[kind],
                    "found_as": kind,
                    "label": {"kk": surface},
                    "start": span.start,
                },
            )
    for match in ORGANISATION_HEADS.finditer(text):
        surface = " ".join(match.group().split())
        if not any(k.start <= match.start() and match.end() <= k.end for k in known):
            key = f"org/{slug(surface)}"
            found.setdefault(
                key,
                {
                    "id": key,
                    "type": "Organisation",
                    "found_as": "organisation name",
                    "label": {"kk": surface},
                    "start": match.start(),
                },
            )
    for match in YEAR_RANGE.finditer(text):
        first, last = int(match.group(1)), int(match.group(2))
        key = f"time/{first}-{last}"
        if not any(m.span.start <= match.start() < m.span.end and m.entity == key for m in mentions):
            found.setdefault(
                key,
                {
                    "id": key,
                    "type": "YearInterval",
                    "found_as": "year range",
                    "label": {"kk": match.group()},
                    "years": [first, last],
                    "start": match.start(),
                },
            )
    for match in re.finditer(r"«([^»]{6,})»", text):
        title = match.group(1)
        years = re.search(r"(\d{4})\s*[-–]\s*(\d{4})\s+жылдар", title)
        key = f"document/{slug(title)}"
        entry = {
            "id": key,
            "type": "Document",
            "found_as": "quoted title",
            "label": {"kk": title},
            "start": match.start(),
        }
        if years:
            entry["years"] = [int(years.group(1)), int(years.group(2))]
        found.setdefault(key, entry)
    return sorted(found.values(), key=lambda c: c["start"])

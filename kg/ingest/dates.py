"""Dates and periods in a new text: years, days of a month, and relative
periods (биыл, өткен жылы), which stay relative: nothing is guessed."""

from __future__ import annotations

import re

from kg.ingest.analysis import DateFound

MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
MONTH = "|".join(MONTHS)
YEAR = r"(?P<year>(?:19|20)\d\d)"
# "2018 жылғы 9 желтоқсанда", "9 желтоқсанда", "2018 жылы", "2015-2025 жылдарға"
FULL_DATE = re.compile(rf"(?<!\d)(?:{YEAR}\s+жылғы\s+)?(?P<day>[0-3]?\d)\s+(?P<month>{MONTH})\w*", re.IGNORECASE)
YEAR_RANGE = re.compile(r"(?<!\d)(?P<first>(?:19|20)\d\d)\s*[-–]\s*(?P<last>(?:19|20)\d\d)(?:\s+жыл\w*)?")
YEAR_ONLY = re.compile(rf"(?<![\d-]){YEAR}(?:\s*-?\s*жыл\w*)")
RELATIVE = re.compile(
    r"\b(?:биыл\w*|былтыр\w*|бүгін\w*|өткен\s+жыл\w*|ағымдағы\s+жыл\w*|жыл\s+басынан\s+бері|"
    r"соңғы\s+(?:\w+\s+)?(?:жыл|ай)\w*|(?:бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он)\s+ай\w*)",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[DateFound]:
    found: list[DateFound] = []

    def add(start: int, end: int, value: str | None, relative: bool = False) -> None:
        if not any(f.start < end and start < f.end for f in found):
            found.append(DateFound(start, end, text[start:end], value, relative))

    for match in FULL_DATE.finditer(text):
        month = MONTHS.index(match.group("month").lower()) + 1
        day = int(match.group("day"))
        if 1 <= day <= 31:
            year = match.group("year")
            add(match.start(), match.end(), f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}")
    for match in YEAR_RANGE.finditer(text):
        add(match.start(), match.end(), f"{match.group('first')}/{match.group('last')}")
    for match in YEAR_ONLY.finditer(text):
        add(match.start(), match.end(), match.group("year"))
    for match in RELATIVE.finditer(text):
        add(match.start(), match.end(), None, relative=True)
    return sorted(found, key=lambda f: f.start)

"""Dates and periods in a new text: years, days of a month, and relative
periods (биыл, өткен жылы), which stay relative: nothing is guessed."""

from __future__ import annotations

import re

from kg.ingest.analysis import DateFound
from kg.kazakh import is_ending

LOW = "a-zа-яәғқңөұүһіё"

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
AMBIGUOUS_MONTHS = ("қазан", "маусым", "наурыз")
YEAR = r"(?P<year>(?:19|20)\d\d)"
SP = r"[\s\u00a0]+"
# "2018 жылғы 9 желтоқсанда", "2024 жылдың 7 ақпанында", "9 желтоқсанда", "2018 жылы", "2015-2025 жылдарға"
FULL_DATE = re.compile(
    rf"(?<!\d)(?:{YEAR}\s+жыл(?:ғы|дың)\s+)?(?P<day>[0-3]?\d)\s+(?P<month>{MONTH})\w*", re.IGNORECASE
)
# A dateline's day and month before the year, the month bare and often capitalised: "21 Маусым 2023", "9 желтоқсан
# 2019 жыл".
DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d.,])(?P<day>[0-3]?\d){SP}(?P<month>{MONTH}){SP}(?P<year>(?:19|20)\d\d)(?![\d.,]\d)(?:{SP}ж(?:ыл\w*|\.))?",
    re.IGNORECASE,
)
# One period from a year to a year: "2015 жылдан 2022 жылға дейін" (not "2015 жылдан бері", from a year on).
YEAR_TO_YEAR = re.compile(
    rf"(?<![\d-])(?P<first>(?:19|20)\d\d){SP}жыл(?:дан|ден)(?:{SP}бастап)?{SP}(?P<last>(?:19|20)\d\d)"
    rf"{SP}жыл(?:ға|ге){SP}дейін(?!\w)",
    re.IGNORECASE,
)
# 16.03.2021, 16.03.2021 ж., and a dateline's 18-03-2022 or 18/03/2022 (one separator throughout)
NUMERIC_DATE = re.compile(
    r"(?<![\d./-])(?P<day>[0-3]?\d)(?P<sep>[./-])(?P<month>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d./-]\d)"
)
# A month without its day, in any case: "2020 жылдың наурыз айында", "2019 жылғы қазанда", "қаңтардан бастап".
# «Қазан» is also a city and a cauldron, «маусым» a season, «Наурыз» a feast: months only with «айы» or a year.
MONTH_ONLY = re.compile(
    rf"(?<![\w-])(?:{YEAR}{SP}жыл(?:дың|ғы){SP})?(?P<month>{MONTH})(?P<rest>[{LOW}]*)(?:{SP}ай\w*)?",
    re.IGNORECASE,
)
YEAR_RANGE = re.compile(r"(?<!\d)(?P<first>(?:19|20)\d\d)\s*[-–]\s*(?P<last>(?:19|20)\d\d)(?:\s+(?:жыл\w*|жж\.?))?")
YEAR_ONLY = re.compile(rf"(?<![\d-]){YEAR}(?:\s*-?\s*жыл\w*|{SP}ж\.)")
NUMBER_WORD = r"(?:бір|екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|он\s+бір|он\s+екі|\d{1,2})"
ORDINAL = r"(?:бірінші|екінші|үшінші|төртінші|[1-4]\s*-\s*(?:ші|інші|шы|ыншы)?|I{1,3}V?|І{1,3}V?|IV)"
WEEKDAY = "дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі"  # өткен жұмада, last Friday
# Periods that stay relative, for the curator to place: "биыл", "өткен жылы", "жыл басынан бері", "11 айында",
# "бірінші тоқсанда", "1-жартыжылдығында", "соңғы 5 жылда", "бір жылда", "үш жыл бұрын", "жыл бойы".
RELATIVE = re.compile(
    r"(?<![\w-])(?:биыл\w*|былтыр\w*|бүгін\w*|кеше(?:гі|ден|де)?|жыл(?:дың)?\s+соңына\s+дейін|"
    rf"(?:өткен|ағымдағы|үстіміздегі|осы|келесі|алдағы)\s+(?:жыл|ай|апта|{WEEKDAY})\w*|"
    r"(?:жыл(?:дың)?\s+)басынан\s+(?:бері|бастап)|соңғы\s+(?:[\w-]+\s+)?(?:жыл|ай)\w*|"
    rf"{ORDINAL}\s*(?:тоқсан|жарты\s*жыл)\w*|(?:[1-2]\s*-\s*)?жартыжылды[қғ]\w*|"
    rf"{NUMBER_WORD}\s+ай(?:ында|да|ы\s+ішінде|\s+ішінде|дың)|"
    rf"(?:{NUMBER_WORD}\s+)?(?:жыл|ай|апта)\s+бойы|"  # жыл бойы, throughout a year
    rf"{NUMBER_WORD}\s+(?:жыл|ай|апта)(?:да|\s+ішінде|\s+бұрын))(?!\w)",
    re.IGNORECASE,
)
# A time word with its endings, or made an adjective first (жылғымен, айлық): not «айтылған» (said).
TIME_WORD = re.compile(r"(?:жыл|ай|апта)(?:[лдт][ыі][қк]|[ғг][ыі])?(?P<ending>\w*)", re.IGNORECASE)


def find_dates(text: str) -> list[DateFound]:
    found: list[DateFound] = []

    def add(start: int, end: int, value: str | None, relative: bool = False) -> None:
        if not any(f.start < end and start < f.end for f in found):
            found.append(DateFound(start, end, text[start:end], value, relative))

    for match in (*DAY_MONTH_YEAR.finditer(text), *FULL_DATE.finditer(text), *NUMERIC_DATE.finditer(text)):
        month = _month(match.group("month"))
        day = int(match.group("day"))
        if month and 1 <= day <= 31:
            year = match.group("year")
            add(match.start(), match.end(), f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}")
    for match in (*YEAR_TO_YEAR.finditer(text), *YEAR_RANGE.finditer(text)):
        add(match.start(), match.end(), f"{match.group('first')}/{match.group('last')}")
    for match in MONTH_ONLY.finditer(text):
        if _names_a_month(match):
            month, year = _month(match.group("month")), match.group("year")
            add(match.start(), match.end(), f"{year}-{month:02d}" if year else f"--{month:02d}")
    for match in YEAR_ONLY.finditer(text):
        add(match.start(), match.end(), match.group("year"))
    for match in RELATIVE.finditer(text):
        last = TIME_WORD.fullmatch(match.group().split()[-1])
        if last is None or is_ending(last.group("ending")):  # not «осы айтылған»: айт-, to say, is no month
            add(match.start(), match.end(), None, relative=True)
    return sorted(found, key=lambda f: f.start)


def _month(name: str) -> int | None:
    """A month's number from its name or its digits."""
    if name.isdigit():
        return int(name) if 1 <= int(name) <= 12 else None
    return MONTHS.index(name.lower()) + 1


def _names_a_month(match: re.Match[str]) -> bool:
    """A month's name with Kazakh endings (сәуірде, қаңтардан), not a word built on it; an ambiguous
    one only with «айы» or a year."""
    said_to_be_a_month = bool(match.group("year")) or re.search(r"\sай", match.group()) is not None
    if match.group("month").lower() in AMBIGUOUS_MONTHS and not said_to_be_a_month:
        return False
    return is_ending(match.group("rest").lower())

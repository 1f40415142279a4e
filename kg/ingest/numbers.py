"""Numbers in a new text, each proposed as a fact with what it counts and where.

Kazakh glues case endings to numerals («90-нан астам», «89мен», «2,1% — ға»),
groups thousands with spaces or scale words («9 000», «2 мың 432», «134 млн»)
and spells quantities out («он екі адам», «үштен бірі»). A number is kept only
where it states a quantity: years, dates, «titles», item numbers and phone
numbers are not, and a number word only where a counted noun follows it.

Long because a fifth of it is the word lists and patterns of Kazakh
numerals, counted nouns and qualifiers, which read best beside the small
functions that use them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.analysis import MentionFound, NumberFound
from kg.ingest.dates import find_dates
from kg.ingest.names import Mention
from kg.kazakh import is_ending
from kg.pipeline.spans import Span

APPROXIMATE = re.compile(r"[дт][ае]й|деген")  # «300-дей», «100-деген»: about so many
ORDINAL = re.compile(r"[ыі]?нш[ыі]|ш[ыі]")  # «екінші», «3-ші»
CARDINALS = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9}
CARDINALS |= {"он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60, "жетпіс": 70}
CARDINALS |= {"сексен": 80, "тоқсан": 90, "жүз": 100, "жарым": 0.5}  # «бір жарым» = 1.5
SCALES = {"мың": 10**3, "миллион": 10**6, "млн": 10**6, "миллиард": 10**9, "млрд": 10**9}
SCALES |= {"триллион": 10**12, "трлн": 10**12}
NUMERALS = sorted(CARDINALS | SCALES, key=len, reverse=True)  # longest first: «жетпіс» is not «жеті»
# What a number counts, from the stem of the noun it governs (with its altered stems: «орны», «тобы»).
COUNTED = {
    "persons": "адам тұлға қызметкер мемқызметкер қызметші мемқызметші шенеунік азамат респондент кісі маман әкім "
    "депутат судья прокурор басшы директор өкіл мүше алаяқ күдікті сотталған бухгалтер есепші тергеуші",
    "cases": "іс қылмыс факт факті құқықбұзушылық құқықбұзушылығ бұзушылық бұзушылығ",
    "rank": "орын орн",
    "points": "балл ұпай",
    "groups": "топ тоб",
    "events": "оқиға іс-шара шара",
    "other": "ел мемлекет облыс өңір аудан қала ұйым мекеме кәсіпорын жоба өтініш шағым есе заң министрлік",
    "years": "жыл",  # a term in words (жеті жылға бас бостандығынан айырылды); a year and a period are dates
}
TERM = re.compile(r"жыл(?:ға)?")  # «жеті жыл(ға) бас бостандығынан»: a term; «бес жылдан кейін» is a time
COUNTS = {stem: counts for counts, stems in COUNTED.items() for stem in stems.split()}
UNITS = {"%": (None, "percent"), "пайыз": (None, "percent"), "₸": ("tenge", "amount"), "теңге": ("tenge", "amount")}
UNITS |= {"тг": ("tenge", "amount"), "$": ("USD", "amount"), "доллар": ("USD", "amount"), "еуро": ("EUR", "amount")}
# A qualifier after the number, and whether the number must be ablative before it («100-ден кем»).
AFTER = {"астам": ("more_than", False), "артық": ("more_than", True), "артығ": ("more_than", True)}
AFTER |= {"аса": ("more_than", True), "жуық": ("about", False), "жуығ": ("about", False), "тарта": ("about", False)}
AFTER |= {"шамасында": ("about", False), "шақты": ("about", False), "кем": ("less_than", True)}
AFTER |= {"аз": ("less_than", True)}
BEFORE = {"шамамен": "about", "шамасы": "about", "кемінде": "more_than"}  # «кемінде», at least: nearest is more_than
MODIFIERS = {"түрлі", "жаңа", "ірі", "сыбайлас", "жемқорлық", "коррупциялық", "мемлекеттік", "лауазымды", "бас"}
# A collective numeral counts people: «екеуі сотталды» (the two of them), «үшеуін ұстады».
COLLECTIVE = {"екеу": 2, "үшеу": 3, "төртеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7}
COLLECTIVE_WORD = re.compile(
    rf"(?<![\w-])(?i:(?P<stem>{'|'.join(COLLECTIVE)})(?:і|ін|іне|інің|інде|інен|імен|міз|іміз|іңіз)?)(?![\w-])"
)
ITEMS = ("бап", "баб", "тармақ", "нөмір", "телефон", "байланыс", "қоңырау")  # «366 бабы», «1424 нөміріне»
WORD = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+(?:-[^\W\d_]+)?)")
# Digits, grouped by spaces («9 000», «1\u00a0347») or with a decimal comma («2,1»); not inside
# a word («COVID-19»), a date («16.03.2021»), a time («10:00»), an address or «№ 410».
DIGITS = re.compile(
    r"(?<![\w.,/@#№:])(?<![^\W\d_]-)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)(?![.,:/]?\d)"
)
MORE_DIGITS = re.compile(r"[ \u00a0\u202f]+(\d{1,3})(?![\d.,:])")  # the «432» of «2 мың 432»
SUFFIX = re.compile(r"[-‑–]?([^\W\d_]+)")  # glued or hyphenated: «89мен», «90-нан», «123-орын»
SPACED_SUFFIX = re.compile(r"\s*[-–—]\s*([^\W\d_]+)")  # «2,1% — ға»
PHONE = re.compile(
    r"(?:\+\s?7|\b8)\s*[(-]?\s*\d{3,4}\s*[)-]?\s*\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b|\b\d{2,3}-\d{2}-\d{2}\b"
)
QUOTED = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“”]*[“”]")
SPEECH_AFTER = re.compile(r"[,.]?\s*[-–—]?\s*де(?:ді|п|йді)\b", re.IGNORECASE)  # not «деген»: "named"
TIME = r"(?:жыл|ай|апта|күн|сағат)"
NUMBER_WORDS = "|".join(NUMERALS)
# «бір жылда», «соңғы 5 жылда», «екі жыл бұрын»: periods, not quantities.
PERIOD = re.compile(
    rf"\b(?:соңғы|алғашқы|кейінгі)\s+(?:[\w-]+\s+)?{TIME}\w*"
    rf"|(?<![\w-])(?:\d+|(?:{NUMBER_WORDS})(?:\s+(?:{NUMBER_WORDS}))*)\s+{TIME}"
    r"(?:\w*?(?:да|де|та|те)\b|\w*\s+(?:ішінде|бойы|бойында|бері|бұрын))",
    re.IGNORECASE,
)
OF_THEM = re.compile(r"(?<![\w-])(?i:олардың|бұлардың|солардың)\s+$")  # «олардың тоғызы»: a part of a group
RANK_NOUN = ("орын", "орн")
RANK = re.compile(r"(\d+)\s+мемлекеттің\s+ішінен\s+(\d+)\s+орын")
MEASURES = {"persons": "numberOfPersons", "cases": "numberOfCasesOpened", "rank": "rank", "points": "score"}
# Any other number is drafted with the generic measure, for the curator to name.
GENERIC_MEASURE = "sdmx-measure:obsValue"


@dataclass
class _Reading:
    """A numeral as read so far: its span, its value, and the ending glued to it."""

    start: int
    end: int
    value: float
    ending: str = ""
    ordinal: bool = False
    rank: bool = False  # the rank noun is read with it: «123-орын»
    about: bool = False  # «300-дей», «100-деген»: about so many


@dataclass
class _Tail:
    """What follows a numeral: a unit («теңге», «%»), a qualifier («астам») and what it counts."""

    end: int
    unit: str | None = None
    qualifier: str | None = None
    counts: str | None = None
    item: bool = False  # «366 бабы», «1424 нөміріне»: the number names something


def _stem_of(word: str, stems) -> str | None:
    """The stem in ``stems`` that ``word`` is, through its endings: «адамдарды» → адам."""
    low = word.lower()
    return next((s for s in stems if low.startswith(s) and is_ending(low[len(s) :].lstrip("-"))), None)


def _numeral(word: str) -> tuple[float, str, bool] | None:
    """A number word: its value, the ending glued to it, and whether it is an ordinal («екінші»)."""
    low = word.lower()
    for stem in (s for s in NUMERALS if low.startswith(s)):
        rest = low[len(stem) :]
        if ORDINAL.fullmatch(rest) or is_ending(rest):
            ordinal = bool(ORDINAL.fullmatch(rest))
            return (CARDINALS | SCALES)[stem], "" if ordinal else rest, ordinal
    return None


def _suffix(text: str, reading: _Reading) -> bool:
    """Glue the ending after digits to them; False where letters make them a name or a part
    of a word («410-V», «1-жартыжылдығында», «5-сынып»), which is no quantity."""
    match = SUFFIX.match(text, reading.end)
    letters = match.group(1).lower() if match else ""
    if not match or _stem_of(letters, SCALES):
        return True  # «10млн»: the scale word is read next
    collective = re.match(r"[ае]у", letters) and is_ending(letters[2:])  # «3-еуі», «2-еуіміз»: three of them
    if is_ending(letters) or ORDINAL.fullmatch(letters) or collective or letters in ("ақ", "ек"):  # «3-ақ»: only 3
        reading.end, reading.ending, reading.ordinal = match.end(), letters, bool(ORDINAL.fullmatch(letters))
        return True
    if APPROXIMATE.fullmatch(letters):  # «300-дей адам», «100-деген отбасы»
        reading.end, reading.about = match.end(), True
        return True
    if _stem_of(letters, RANK_NOUN):  # «123-орын», «3-орынға»
        reading.end, reading.ordinal, reading.rank = match.end(), True, True
        return True
    return False


def _scaled(text: str, reading: _Reading) -> None:
    """«134 млн», «850 мыңға», «2 мың 432», «1 млрд 200 млн»: multiply by the scale word, add what follows."""
    word = WORD.match(text, reading.end)
    stem = _stem_of(word.group(1), SCALES) if word and not reading.ending else None
    if not stem:
        return
    reading.value *= SCALES[stem]
    reading.end, reading.ending = word.end(), word.group(1).lower()[len(stem) :].lstrip("-")
    if not reading.ending and re.match(r"\.\s+[^\W\d_A-ZА-ЯӘІҢҒҮҰҚӨҺ]", text[reading.end :]):
        reading.end += 1  # «134 млн. теңге»: the abbreviation's full stop, not a sentence's
    more = MORE_DIGITS.match(text, reading.end) if not reading.ending else None
    rest = _Reading(more.start(1), more.end(), int(more.group(1))) if more else None
    if rest and _suffix(text, rest) and not rest.ordinal:
        _scaled(text, rest)
        if rest.value < SCALES[stem]:
            reading.value += rest.value
            reading.end, reading.ending = rest.end, rest.ending


def _digits(text: str, match: re.Match) -> _Reading | None:
    digits = re.sub(r"[ \u00a0\u202f]", "", match.group()).replace(",", ".")
    reading = _Reading(match.start(), match.end(), float(digits))
    if not _suffix(text, reading):
        return None
    _scaled(text, reading)
    return reading


def _words(text: str, words: list[re.Match], i: int) -> _Reading | None:
    """The longest run of number words from ``words[i]`` that makes one numeral: «жүз елу» = 150."""
    total, group, last, reading = 0, 0, 10**13, None
    for j in range(i, len(words)):
        word = words[j]
        if j > i and text[words[j - 1].end() : word.start()].strip():
            break
        if "-" in text[max(0, word.start() - 1) : word.end() + 1]:
            break  # «бір-бірімен», «екі-үш»: a compound, not a numeral
        parsed = _numeral(word.group())
        hundreds = parsed is not None and parsed[0] == 100 and last < 10  # «екі жүз»: units count the hundreds
        if not parsed or (parsed[0] >= last and parsed[0] < 1000 and not hundreds):
            break  # «екі он» is not a numeral: tens come before units
        value, ending, ordinal = parsed
        if value >= 1000:
            total, group, last = total + (group or 1) * value, 0, value
        elif value == 100:
            group, last = (group or 1) * 100, 100
        else:
            group, last = group + value, value
        reading = _Reading(words[i].start(), word.end(), total + group, ending, ordinal)
        if ending or ordinal:
            break  # only the last word of a numeral takes an ending
    return reading


def _fraction(words: list[re.Match], i: int) -> _Reading | None:
    """«жартысынан» (a half), «үштен бірі» (one of three: ablative, then possessive), «әр төртінші» (every
    fourth: a quarter)."""
    low = words[i].group().lower()
    if low.startswith("жартыс") and is_ending(low[5:]):
        return _Reading(words[i].start(), words[i].end(), 0.5, low[5:])
    whole, part = _numeral(low), _numeral(words[i + 1].group()) if i + 1 < len(words) else None
    if low in ("әр", "әрбір") and part and part[2] and part[0] > 1:
        return _Reading(words[i].start(), words[i + 1].end(), 1 / part[0])
    if not whole or not part or whole[2] or part[2] or not part[0] < whole[0] < 1000:
        return None
    if re.fullmatch(r"[дтн][ае]н", whole[1]) and re.match(r"с?[ыі]", part[1]):
        return _Reading(words[i].start(), words[i + 1].end(), part[0] / whole[0], part[1])
    return None


def _readings(text: str) -> list[tuple[_Reading, bool]]:
    """Every numeral, and whether it is in words (which needs a counted noun to be a quantity)."""
    readings = [(r, False) for m in DIGITS.finditer(text) if (r := _digits(text, m))]
    digits = [Span(r.start, r.end) for r, _ in readings]  # «млн» of «134 млн» is read with its digits
    words = [w for w in re.finditer(r"[^\W\d_]+", text) if not any(d.start <= w.start() < d.end for d in digits)]
    i = 0
    while i < len(words):
        fraction = _fraction(words, i)
        reading = fraction or _words(text, words, i)
        if reading:
            readings.append((reading, not fraction))
            while i < len(words) and words[i].start() < reading.end:
                i += 1
        else:
            i += 1
    return sorted(readings, key=lambda r: r[0].start)


def _unit(text: str, reading: _Reading, tail: _Tail) -> str:
    """Read «%», «теңге», «пайыз» after a bare numeral, with the ending glued to it; return the ending."""
    if reading.ending or reading.ordinal:
        return reading.ending
    symbol = re.match(r"[ \u00a0]?([%₸$])", text[tail.end :])
    word = WORD.match(text, tail.end)
    stem = symbol.group(1) if symbol else word and _stem_of(word.group(1), [u for u in UNITS if u.isalpha()])
    if not stem:
        return ""
    tail.unit, tail.counts = UNITS[stem]
    if not symbol:
        tail.end = word.end()
        return word.group(1).lower()[len(stem) :]
    tail.end += symbol.end()
    glued = SUFFIX.match(text, tail.end) or SPACED_SUFFIX.match(text, tail.end)
    # «80%-дан», «2,1% — ға»; but a «да» after a dash is the particle "also"
    if glued and is_ending(glued.group(1)) and glued.group(1).lower() not in {"да", "де", "мен", "не", "а", "е"}:
        tail.end = glued.end()
        return glued.group(1).lower()
    return ""


def _tail(text: str, reading: _Reading) -> _Tail:
    tail = _Tail(reading.end, counts="rank" if reading.rank else None)
    ending = _unit(text, reading, tail)
    word = WORD.match(text, tail.end)
    if word and (stem := _stem_of(word.group(1), AFTER)):
        name, needs_ablative = AFTER[stem]
        own = word.group(1).lower()[len(stem) :]  # «астамы»; but «асады» is the verb "exceeds"
        if (not own or own[0] in "ыі") and (not needs_ablative or re.search(r"[дтн][ае]н$", ending)):
            tail.end, tail.qualifier = word.end(), name
    for noun in re.finditer(r"\S+", text[tail.end : tail.end + 80]):
        word = noun.group().strip(',.;:()«»"')
        if word.lower() in MODIFIERS:
            continue  # «1587 түрлі ...», «37 сыбайлас жемқорлық қылмысы»
        tail.item = bool(_stem_of(word, ITEMS))
        if reading.ordinal and not reading.rank and _stem_of(word, RANK_NOUN):  # «екінші орында»
            tail.end, tail.counts = tail.end + noun.start() + len(noun.group().rstrip(',.;:()«»"')), "rank"
        counted = COUNTS.get(_stem_of(word, COUNTS) or "")
        tail.counts = tail.counts or (None if counted == "years" and not TERM.fullmatch(word.lower()) else counted)
        break
    return tail


def _excluded(text: str, periods: list[Span]) -> list[Span]:
    """Where no quantity is: dates and periods, phone numbers, «titles» (short quotes that are not speech)."""
    spans = periods + [Span(*m.span()) for m in PHONE.finditer(text)]
    for quote in QUOTED.finditer(text):
        inside = quote.group()[1:-1]
        speech = SPEECH_AFTER.match(text, quote.end()) or text[: quote.start()].rstrip()[-1:] == ":"
        if len(inside.split()) <= 10 and not re.search(r"[.,!?\n]", inside) and not speech:
            spans.append(Span(*quote.span()))
    return spans


def _is_year(text: str, reading: _Reading, tail: _Tail) -> bool:
    """«2016 жылы», «2019-2020 жж.», «2016-дан бері», «(2019)»: a year; but «2000-нан астам» is a count."""
    if reading.ordinal or not (float(reading.value).is_integer() and 1900 <= reading.value <= 2100):
        return False
    after = text[reading.end : reading.end + 20]
    bracketed = text[reading.start - 1 : reading.start] == "(" or after.startswith(")")
    if bracketed or (reading.ending and not tail.qualifier):
        return True
    return bool(re.match(r"\s*(?:[-–]\s*\d{4}\s*)?(?:-?жыл|жж|ж\.)", after, re.IGNORECASE))


def _is_quantity(text: str, reading: _Reading, in_words: bool, tail: _Tail) -> bool:
    line = text[text.rfind("\n", 0, reading.start) + 1 : reading.start]
    numbered = re.search(r"(?:№|\bN|\bNo)\s*$", text[max(0, reading.start - 5) : reading.start])  # «№ 410»
    if tail.item or numbered or _is_year(text, reading, tail):
        return False
    if not line.strip() and text[reading.end : reading.end + 1] in {".", ")"}:
        return False  # «1. », «2) »: a list item
    if reading.ordinal and tail.counts != "rank":
        return False  # «5-сынып», «бірінші басшы»: an ordinal that ranks nothing
    if not in_words or tail.qualifier:
        return True
    if OF_THEM.search(text[max(0, reading.start - 20) : reading.start]) and re.fullmatch("с?[ыі]", reading.ending):
        return reading.value != 1  # «Олардың тоғызы»: nine of them, the group named before
    # A number word needs a counted noun (else it is an idiom); «бір адам» is as often "a person"
    # as "one person"; «оның», «бірге», «үшін» are a number word with an ending, and no number.
    return bool(tail.unit or tail.counts) and (reading.value != 1 or reading.ordinal) and not reading.ending


def _period(text: str, clause: Span, position: int, periods: list[Span]) -> str | None:
    """The date or period nearest the number in its clause, as written."""
    near = [p for p in periods if clause.start <= p.start and p.end <= clause.end]
    return min(near, key=lambda p: abs(p.start - position)).exact(text) if near else None


def _clause(text: str, position: int) -> Span:
    start = max(text.rfind(mark, 0, position) for mark in ".;:!?") + 1
    ends = [i for mark in ".;!?" if (i := text.find(mark, position)) != -1]
    return Span(start, min(ends) if ends else len(text))


def find_numbers(text: str, mentions: list[Mention]) -> list[NumberFound]:
    """Every number that states a quantity, with what it counts and the place named before it in its clause."""
    periods = [Span(d.start, d.end) for d in find_dates(text)] + [Span(*m.span()) for m in PERIOD.finditer(text)]
    excluded = _excluded(text, periods)
    found: list[NumberFound] = []
    for reading, in_words in _readings(text):
        if any(s.start <= reading.start < s.end for s in excluded):
            continue
        tail = _tail(text, reading)
        if not _is_quantity(text, reading, in_words, tail):
            continue
        start, qualifier = reading.start, tail.qualifier or ("about" if reading.about else None)
        before = re.search(r"([^\W\d_]+)\s+$", text[max(0, start - 20) : start])
        if before and before.group(1).lower() in BEFORE:  # «шамамен 100 адам»
            qualifier, start = BEFORE[before.group(1).lower()], start - len(before.group())
        if any(f.start < tail.end and start < f.end for f in found):
            continue
        clause = _clause(text, reading.start)
        places = [m for m in mentions if m.entity.startswith("place/") and clause.start <= m.span.start < start]
        near = places[-1] if places else None
        place = MentionFound(near.span.start, near.span.end, near.text, "GPE", near.entity) if near else None
        value = int(reading.value) if float(reading.value).is_integer() else reading.value
        period = _period(text, clause, reading.start, periods)
        number = (start, tail.end, text[start : tail.end], value, tail.counts or "other", tail.unit, qualifier)
        found.append(NumberFound(*number, place, period))
    return sorted(found + _collectives(text, found, periods), key=lambda n: n.start)


def _collectives(text: str, found: list[NumberFound], periods: list[Span]) -> list[NumberFound]:
    """Collective numerals, each a count of persons, where no other number was read."""
    return [
        NumberFound(
            m.start(),
            m.end(),
            m.group(),
            COLLECTIVE[m.group("stem").lower()],
            "persons",
            period=_period(text, _clause(text, m.start()), m.start(), periods),
        )
        for m in COLLECTIVE_WORD.finditer(text)
        if not any(f.start < m.end() and m.start() < f.end for f in found)
    ]


def _fact(id_: str, s: str, p: str, quote: str, **value) -> dict:
    return {"id": id_, "s": s, "p": p, **value, "quote": quote, "reviewed": False}


def ranks(text: str) -> list[dict]:
    """ "168 мемлекеттің ішінен 123 орын": a rank among so many countries."""
    proposals = []
    for index, match in enumerate(RANK.finditer(text), start=1):
        observation, quote = f"observation/rank-{index}", " ".join(match.group().split())
        at = match.start()
        proposals.append(_fact(f"rank-{index}", observation, "rank", quote, value=int(match.group(2)), start=at))
        proposals.append(
            _fact(f"rank-{index}-among", observation, "rankedAmong", quote, value=int(match.group(1)), start=at)
        )
    return proposals


def numbers(text: str, mentions: list[Mention]) -> list[dict]:
    """Proposed facts per number: its measure, and the place named before it in its clause.
    The numbers of a «168 мемлекеттің ішінен 123 орын» phrase are left to `ranks`."""
    in_ranks = [Span(*m.span()) for m in RANK.finditer(text)]
    found = [n for n in find_numbers(text, mentions) if not any(r.start <= n.start < r.end for r in in_ranks)]
    proposals = []
    for index, number in enumerate(found, start=1):
        noun = (text[number.end : number.end + 40].split() or [""])[0].strip(",.;:")
        start = number.place.start if number.place else number.start
        quote = " ".join(text[start : number.end + len(noun) + 1].split())
        measure = "numberOfLaws" if _stem_of(noun, ("заң",)) else MEASURES.get(number.counts)
        if measure is None or not isinstance(number.value, int):  # the ontology's counts are integers
            measure = GENERIC_MEASURE
        observation = f"observation/number-{index}"
        proposals.append(_fact(f"number-{index}", observation, measure, quote, value=number.value, start=start))
        if number.place and number.place.link:
            proposals.append(
                _fact(f"number-{index}-area", observation, "refArea", quote, o=number.place.link, start=start)
            )
    return proposals

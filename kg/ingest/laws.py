"""Laws, programmes and events that Kazakh names by grammar, found without a
gazetteer.

A law is named by its subject and «туралы» (about) before «заң» or
«кодекс», a code by its field, a programme by a name and its year («Қазақстан
2050» даму стратегиясы) or by the years it is for; an event by a named day,
a meeting that sums up a year, a congress by those it gathers, or a forum taken up
again. Each finder gives
the whole name with the case ending its last word carries.
"""

from __future__ import annotations

import re

from kg.ingest.patterns import (
    CAPITALISED,
    LOW,
    LOWER_WORD,
    SP,
    UP,
    WORD,
    longest,
    sentence_initial,
    span_of,
    without_opener,
)
from kg.kazakh import is_ending
from kg.pipeline.spans import Span

# «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» Заңы: the title begins at its first capital,
# or at the anti-corruption phrase that opens most of this domain's titles when none is capitalised;
# «… туралы заңнама» (the legislation on a field) is no law's name.
ABOUT = re.compile(
    rf"(?<![\w-])(?P<title>(?:ҚР{SP}|Қазақстан{SP}Республикасының{SP})?[«\"]?(?:{CAPITALISED}|сыбайлас|жемқорлыққа)"
    rf"(?:{SP}{LOWER_WORD}){{0,8}}[»\"]?{SP}туралы[»\"]?)(?:{SP}жаңа)?{SP}(?P<head>[Зз]аң(?!дар|нама)|[Кк]одекс(?!тер))\w*"
)
# Қылмыстық кодекстің, ҚР Әкімшілік құқық бұзушылық туралы кодексі, Әдеп кодексі.
# A code named by its field in lower case: мемлекеттік қызметшілердің әдеп кодексі, қылмыстық кодекске.
CODE_FIELDS = "әдеп|қылмыстық|әкімшілік|азаматтық|салық|еңбек|бюджет|жер|экологиялық|кәсіпкерлік|қылмыстық-процестік"
FIELD_CODE = re.compile(rf"(?<![\w-])(?:{CODE_FIELDS}){SP}кодекс\w*")
# A plan against corruption, named by its aim: сыбайлас жемқорлыққа қарсы саясат тұжырымдамасы, … стратегиясы.
# Up to four words may name its field and scope: … қарсы күрес жөніндегі жалпыұлттық кешенді бағдарламасы; none is
# a body's head (… іс-қимыл агенттігінің бағдарламасы is the body's).
ANTI_CORRUPTION_PLAN = re.compile(
    rf"(?<![\w-])(?:[Сс]ыбайлас{SP})?[Жж]емқорлыққа{SP}қарсы(?:{SP}(?!агентті|департамент|қызмет|комитет)[\w-]+){{0,6}}?"
    rf"{SP}(?:стратегия|тұжырымдама|бағдарлама|іс-шаралар[\s\u00a0]+жоспар)\w*"
)
# The President's Address to the nation, capitalised: Жолдауында, ел халқына Жолдауы.
ADDRESS = re.compile(rf"(?<![\w-])(?:(?:[Ее]л{SP})?[Хх]алқына{SP})?Жолдау(?P<ending>\w*)")
# The Nation Plan, by its name: Ұлт жоспары – 100 нақты қадам.
NATION_PLAN = re.compile(r"(?<![\w-])Ұлт[\s\u00a0]+жоспар\w*")
CODE = re.compile(
    rf"(?<![\w-])(?:(?:ҚР|Қазақстан{SP}Республикасының){SP})?[{UP}][\w-]*(?:{SP}{LOWER_WORD}){{0,3}}{SP}[Кк]одекс\w*"
)
# The Constitution (Ата Заң, the Basic Law) with its endings, not «конституциялық» (constitutional).
CONSTITUTION = re.compile(
    rf"(?<![\w-])(?:(?:ҚР|Қазақстан{SP}Республикасының){SP})?(?:Конституция|Ата[\s\u00a0]+Заң)(?P<ending>\w*)"
)
CONVENTION = re.compile(
    rf"(?<![\w-])(?:БҰҰ(?:-ның)?{SP})?(?:[Сс]ыбайлас{SP})?(?:[Жж]емқорлыққа{SP}қарсы{SP})?(?:[Хх]алықаралық{SP})?"
    r"[Кк]онвенция\w*"
)
# A law's capitalised head alone takes up the law the text named (Заңдағы өзгерістер): inside a sentence,
# or opening one after a law was named (a sentence may open with «Заң бойынша», by law, of any law).
TAKEN_UP_LAW = re.compile(r"(?<![\w«\"-])(?:Заң|Кодекс)(?:ға|да|дағы|ды|ның|нан|мен|ы|ын|ына|ында|ынан|ның)?(?![\w-])")
# Codes by their abbreviation: ҚР ҚК-нің 366-бабы, ӘҚБтК, ҚПК; the civil, labour, tax, budget and land codes only
# after ҚР (ҚР АК 509-бабы), as two capitals alone may be anything.
STATE_CODES = "|".join(("АК", "ЕК", "СК", "БК", "ЖК"))
CODE_ABBREVIATION = re.compile(
    rf"(?<![\w-])(?:(?:ҚР{SP})?(?:ҚК|ӘҚБтК|ҚПК|ҚІЖК)|ҚР{SP}(?:{STATE_CODES}))(?:-?[{LOW}]+)?(?![\w-])"
)
# A decree or a resolution, capitalised, is a particular one: Президенттің Жарлығымен, Үкімет Қаулысы.
DECREE = re.compile(r"(?<![\w-])(?:Жарлы[қғ]|Қаулы)\w*")
# A plan for a span of years: 2015-2025 жылдарға арналған сыбайлас жемқорлыққа қарсы стратегиясы; the
# title may begin before the years, at a capital, in the genitive (Сыбайлас … саясаттың 2022-2026 …).
GENITIVE_TITLE = rf"[{UP}][\w-]*(?:{SP}{LOWER_WORD}){{0,4}}(?<=[ыі]ң)"  # саясаттың: whose plan it is
FOR_YEARS = re.compile(
    rf"(?<![\w-])(?:{GENITIVE_TITLE}{SP})?(?:19|20)\d\d(?:{SP})?[-–](?:{SP})?(?:19|20)\d\d"
    rf"{SP}жылдарға{SP}арналған(?:{SP}{WORD}){{0,6}}?{SP}(?i:стратегия|бағдарлама|тұжырымдама|жоспар)\w*"
)
# A programme named with its year: Қазақстан 2050 даму стратегиясы, Нұрлы жол-2025 бағдарламасы (not a year with
# «жыл» after it, a date: Алайда 2016 жылы басталған жоба).
PROGRAMME_HEADS = {"стратегия": "LAW", "бағдарлама": "LAW", "тұжырымдама": "LAW", "жоспар": "LAW", "жоба": "PROJECT"}
PROGRAMME = re.compile(
    rf"(?<![\w-])[{UP}][\w]*(?:{SP}[{UP}]?[{LOW}]+)?(?:{SP}|[ \u00a0]?[-–][ \u00a0]?)(?:19|20)\d\d(?![\d-])(?!{SP}жыл)"
    rf"(?:{SP}{WORD}){{0,2}}?{SP}(?P<head>{'|'.join(PROGRAMME_HEADS)})\w*",
    re.IGNORECASE,
)
# A programme for developing a named place: Нұр-Сұлтан қаласын дамыту бағдарламасы, Алматы облысын дамытудың
# 2021-2025 жылдарға арналған бағдарламасы.
DEVELOPMENT_PROGRAMME = re.compile(
    rf"(?<![\w-])[{UP}][\w-]*(?:{SP}[{UP}][\w-]*)?(?:{SP}(?:облыс|қала|аудан|өңір)[\w]*)?(?<=[ыін]){SP}"
    rf"дамыту(?:дың)?(?:{SP}(?:19|20)\d\d[-–](?:19|20)\d\d{SP}жылдарға{SP}арналған)?{SP}(?:бағдарлама|стратегия|жоспар)\w*"
)
# Events by their grammar: a named day (Халықаралық сыбайлас жемқорлыққа қарсы күрес күні), a meeting that sums
# up a year (2016 жылды қорытындылау жиыны), and a capitalised forum taken up again (Форумда).
NAMED_DAY = re.compile(
    rf"(?<![\w-])(?:Халықаралық|Дүниежүзілік|Тәуелсіздік|Республика|Конституция|Ұлттық)(?:{SP}{LOWER_WORD}){{0,5}}"
    r"[\s\u00a0]+күн[іу](?:не|нде|нің|н)?(?![\w-])"
)
SUMMING_UP = re.compile(
    rf"(?<![\w-])(?:(?:19|20)\d\d{SP}жыл(?:ды|дың){SP})?(?:жұмысын{SP})?қорытындылау(?:ға)?{SP}"
    r"(?:арналған[\s\u00a0]+)?(?:жиын|алқа|кеңес|отырыс|брифинг)\w*"
)
TAKEN_UP_EVENT = re.compile(r"(?<![\w«\"-])(?:Форум|Конференция|Съезд|Конгресс)\w*(?![\w-])")


# A meeting named by whose it is or by its reach, in lower case: үкімет отырысында, парламент сессиясында,
# мәжіліс отырысында, мәслихат сессиясымен,
# халықаралық ғылыми-практикалық конференцияда (a bare «жиында» is any meeting, no name).
QUALIFIED_MEETING = re.compile(
    rf"(?<![\w-])(?:(?:[Үү]кімет|[Пп]арламент|[Әә]кімдік|мәжіліс|сенат|мәслихат){SP}(?:отырыс|сессия|жиын)"
    rf"|(?:[Хх]алықаралық|[Рр]еспубликалық|[Өө]ңірлік){SP}(?:ғылыми-практикалық{SP})?(?:конференция|форум|семинар))"
    r"\w*"
    # A round table is a meeting of its own kind, whoever holds it: Дөңгелек үстелде, дөңгелек үстел отырысы.
    rf"|(?<![\w-])[Дд]өңгелек{SP}үстел(?:{SP}отырыс)?\w*"
)


# A congress named by those it gathers, in the genitive after a capitalised name, with its number perhaps:
# Қазақстан судьяларының VIII съезі, Nur Otan партиясының съезінде; not a sentence's first word that is a
# locative or an adverb of time or a pointer (Жуырда Қазақстан …, Кеше судьялардың съезі).
GATHERING = re.compile(
    r"(?<![\w-])(?![\w-]*(?:да|де|та|те)(?![\w-]))(?!(?:Кеше|Бүгін|Биыл|Былтыр|Ертең|Қазір|Бұл|Осы|Ал)(?![\w-]))"
    rf"[{UP}][\w-]*(?:{SP}[{UP}][\w-]*){{0,2}}{SP}"
    rf"[\w-]+(?:ның|нің|дың|дің|тың|тің){SP}(?:[IVXLC]+{SP}|\d+-\w*{SP})?(?:съез|құрылтай|конгресс?|сессия)\w*"
)


def event_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of named days, meetings that sum up a year, meetings named by whose they are, congresses
    named by those they gather, and forums taken up again."""
    patterns = (NAMED_DAY, SUMMING_UP, QUALIFIED_MEETING, GATHERING)
    found = [("EVENT", span_of(m)) for pattern in patterns for m in pattern.finditer(text)]
    found += [
        ("EVENT", span_of(m))
        for m in TAKEN_UP_EVENT.finditer(text)
        if not sentence_initial(text, m.start()) or _named_before(text, m)
    ]
    return longest(found)


def _named_before(text: str, match: re.Match[str]) -> bool:
    """The head (форум) stood earlier in the text, in a name that this capitalised word takes up."""
    stem = re.escape(match.group().lower()[:5])
    return re.search(rf"(?<![\w-]){stem}", text[: match.start()], re.IGNORECASE) is not None


def law_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of laws, codes, the Constitution and programmes named with their year."""
    laws = (CODE, FIELD_CODE, CODE_ABBREVIATION, CONVENTION, DECREE, FOR_YEARS, ANTI_CORRUPTION_PLAN, NATION_PLAN)
    laws += (DEVELOPMENT_PROGRAMME,)
    found = [("LAW", span_of(m)) for pattern in laws for m in pattern.finditer(text)]
    found += [
        ("LAW", span_of(m))
        for pattern in (CONSTITUTION, ADDRESS)
        for m in pattern.finditer(text)
        if is_ending(m["ending"])
    ]
    found += [("LAW", _title_start(text, m)) for m in ABOUT.finditer(text)]
    first_law = min((span.start for _, span in found), default=len(text))
    found += [
        ("LAW", span_of(m))
        for m in TAKEN_UP_LAW.finditer(text)
        if not sentence_initial(text, m.start()) or m.start() > first_law
    ]
    for match in PROGRAMME.finditer(text):
        head = match.group("head").lower()
        found.append((next(k for stem, k in PROGRAMME_HEADS.items() if head.startswith(stem)), span_of(match)))
    return longest([(kind, without_opener(text, span)) for kind, span in found])


def _title_start(text: str, match: re.Match[str]) -> Span:
    """A title opening a sentence may have the sentence's first word before it: where the anti-corruption
    phrase stands inside it in lower case, the title begins there (Сотқа дейін | сыбайлас … туралы Заң)."""
    opener = re.search(r"(?<![\w-])(?:сыбайлас|жемқорлыққа)(?![\w-])", match.group("title"))
    if opener and opener.start() > 0 and sentence_initial(text, match.start()):
        return Span(match.start() + opener.start(), match.end())
    return span_of(match)

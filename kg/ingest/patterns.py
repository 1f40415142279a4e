"""Names that Kazakh builds by grammar, found without a gazetteer: laws,
programmes, bodies of the state, news outlets and posts.

A law is named by its subject and «туралы» (about) before «заң» or
«кодекс»; a programme by a name and its year («Қазақстан 2050» даму
стратегиясы); a body in a region by «облысы бойынша» (for the region) or by
«облыстық / қалалық / аудандық» before its head noun; an outlet by its head
(«порталы», «арнасы») or its web address. Each finder gives the whole name
with the case ending its last word carries, as a curator marks it.
"""

from __future__ import annotations

import re

from kg.ingest.names import known_mentions
from kg.ingest.posts import POST_HEADS
from kg.kazakh import is_ending, is_singular_ending
from kg.pipeline.spans import Span

UP, LOW = "A-ZА-ЯӘҒҚҢӨҰҮҺІЁ", "a-zа-яәғқңөұүһіё"
SP = r"[\s\u00a0]+"
CAPITALISED = rf"(?:ҚР{SP})?[{UP}][\w-]*"
WORD = r"[\w-]+"
LOWER_WORD = rf"[{LOW}][\w-]*"  # a title's words after its first are in lower case
# «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» Заңы: the title begins at its first capital,
# or at the anti-corruption phrase that opens most of this domain's titles when none is capitalised.
ABOUT = re.compile(
    rf"(?<![\w-])(?P<title>(?:ҚР{SP}|Қазақстан{SP}Республикасының{SP})?[«\"]?(?:{CAPITALISED}|сыбайлас|жемқорлыққа)"
    rf"(?:{SP}{LOWER_WORD}){{0,8}}[»\"]?{SP}туралы[»\"]?){SP}(?P<head>[Зз]аң|[Кк]одекс)\w*"
)
# Қылмыстық кодекстің, ҚР Әкімшілік құқық бұзушылық туралы кодексі, Әдеп кодексі.
# A code named by its field in lower case: мемлекеттік қызметшілердің әдеп кодексі, қылмыстық кодекске.
CODE_FIELDS = "әдеп|қылмыстық|әкімшілік|азаматтық|салық|еңбек|бюджет|жер|экологиялық|кәсіпкерлік|қылмыстық-процестік"
FIELD_CODE = re.compile(rf"(?<![\w-])(?:{CODE_FIELDS}){SP}кодекс\w*")
# A plan against corruption, named by its aim: сыбайлас жемқорлыққа қарсы саясат тұжырымдамасы, … стратегиясы.
ANTI_CORRUPTION_PLAN = re.compile(
    rf"(?<![\w-])(?:[Сс]ыбайлас{SP})?[Жж]емқорлыққа{SP}қарсы(?:{SP}саясат\w*)?{SP}"
    r"(?:стратегия|тұжырымдама|бағдарлама|іс-шаралар[\s\u00a0]+жоспар)\w*"
)
# The Nation Plan, by its name: Ұлт жоспары – 100 нақты қадам.
NATION_PLAN = re.compile(r"(?<![\w-])Ұлт[\s\u00a0]+жоспар\w*")
CODE = re.compile(rf"(?<![\w-])(?:ҚР{SP})?[{UP}][\w-]*(?:{SP}{LOWER_WORD}){{0,3}}{SP}[Кк]одекс\w*")
# The Constitution (Ата Заң, the Basic Law) with its endings, not «конституциялық» (constitutional).
CONSTITUTION = re.compile(r"(?<![\w-])(?:Конституция|Ата[\s\u00a0]+Заң)(?P<ending>\w*)")
CONVENTION = re.compile(
    rf"(?<![\w-])(?:БҰҰ(?:-ның)?{SP})?(?:[Сс]ыбайлас{SP})?(?:[Жж]емқорлыққа{SP}қарсы{SP})?(?:[Хх]алықаралық{SP})?"
    r"[Кк]онвенция\w*"
)
# A law's capitalised head alone takes up the law the text named (Заңдағы өзгерістер): inside a sentence,
# or opening one after a law was named (a sentence may open with «Заң бойынша», by law, of any law).
TAKEN_UP_LAW = re.compile(r"(?<![\w«\"-])(?:Заң|Кодекс)(?:ға|да|дағы|ды|ның|нан|мен|ы|ын|ына|ында|ынан|ның)?(?![\w-])")
# Codes by their abbreviation: ҚР ҚК-нің 366-бабы, ӘҚБтК, ҚПК.
CODE_ABBREVIATION = re.compile(rf"(?<![\w-])(?:ҚР{SP})?(?:ҚК|ӘҚБтК|ҚПК|ҚІЖК)(?:-?[{LOW}]+)?(?![\w-])")
# A decree or a resolution, capitalised, is a particular one: Президенттің Жарлығымен, Үкімет Қаулысы.
DECREE = re.compile(r"(?<![\w-])(?:Жарлы[қғ]|Қаулы)\w*")
# A plan for a span of years: 2015-2025 жылдарға арналған сыбайлас жемқорлыққа қарсы стратегиясы; the
# title may begin before the years, at a capital, in the genitive (Сыбайлас … саясаттың 2022-2026 …).
GENITIVE_TITLE = rf"[{UP}][\w-]*(?:{SP}{LOWER_WORD}){{0,4}}(?<=[ыі]ң)"  # саясаттың: whose plan it is
FOR_YEARS = re.compile(
    rf"(?<![\w-])(?:{GENITIVE_TITLE}{SP})?(?:19|20)\d\d(?:{SP})?[-–](?:{SP})?(?:19|20)\d\d"
    rf"{SP}жылдарға{SP}арналған(?:{SP}{WORD}){{0,6}}?{SP}(?i:стратегия|бағдарлама|тұжырымдама|жоспар)\w*"
)
# A programme named with its year: Қазақстан 2050 даму стратегиясы, Нұрлы жол-2025 бағдарламасы.
PROGRAMME_HEADS = {"стратегия": "LAW", "бағдарлама": "LAW", "тұжырымдама": "LAW", "жоспар": "LAW", "жоба": "PROJECT"}
PROGRAMME = re.compile(
    rf"(?<![\w-])[{UP}][\w]*(?:{SP}[{UP}]?[{LOW}]+)?(?:{SP}|[ \u00a0]?[-–][ \u00a0]?)(?:19|20)\d\d(?![\d-])"
    rf"(?:{SP}{WORD}){{0,2}}?{SP}(?P<head>{'|'.join(PROGRAMME_HEADS)})\w*",
    re.IGNORECASE,
)
# Bodies of the state, by the head noun that ends their name.
BODY_HEAD = (
    r"(?:департамент|басқарма|комитет|инспекция|филиал|прокуратура|сот|әкімдіг|әкімдік|мәслихат|кеңес|"
    r"комиссия|орталығ|орталық|қызмет|полиция)\w*"
)
# Атырау облысы бойынша департаменті: the Agency's (or a ministry's) body for a region.
PLACE_WORD = rf"[{UP}][\w-]*(?<!ң)"  # not a genitive: «Агенттігінің Түркістан облысы» is two names
FOR_A_PLACE = re.compile(
    rf"(?<![\w-]){PLACE_WORD}(?:{SP}{PLACE_WORD})?{SP}(?:облысы|қаласы|ауданы){SP}бойынша"
    rf"(?:{SP}{WORD}){{0,3}}?{SP}(?i:{BODY_HEAD})"
)
# Атырау облыстық коммуникациялар қызметі, облыстық прокуратура, ауданаралық сот: a regional body, named by its
# adjective (the region's name only before облыстық, қалалық, аудандық).
REGIONAL = re.compile(
    rf"(?<![\w-])(?:(?:{PLACE_WORD}{SP})?(?i:облыстық|қалалық|аудандық)|(?i:ауданаралық|өңірлік|республикалық))"
    rf"(?:{SP}[{LOW}][\w-]*){{0,3}}?{SP}(?i:{BODY_HEAD})"
)
# Ministries named by their field in lower case, one or a list sharing the head: қаржы министрлігі,
# қаржы, әділет және ауыл шаруашылығы министрліктерінің.
MINISTRY_FIELD = (
    r"(?:қаржы|әділет|ішкі\s+істер|сыртқы\s+істер|денсаулық\s+сақтау|білім(?:\s+және\s+ғылым)?|ауыл\s+шаруашылығы|"
    r"ұлттық\s+экономика|энергетика|қорғаныс|цифрлық\s+даму|экология|мәдениет(?:\s+және\s+спорт)?|"
    r"еңбек(?:\s+және\s+халықты\s+әлеуметтік\s+қорғау)?|көлік|өнеркәсіп|сауда(?:\s+және\s+интеграция)?)"
)
MINISTRY = re.compile(
    rf"(?<![\w-])(?i:{MINISTRY_FIELD}(?:,{SP}{MINISTRY_FIELD})*(?:{SP}және{SP}{MINISTRY_FIELD})?){SP}министрлі[кг]\w*"
)
# A body named by its capitalised head alone, as the text's earlier full name is taken up again.
BODY_STEMS = (
    "Ақорда",
    "Бас прокуратура",
    "Агенттік",
    "Агенттіг",
    "Департамент",
    "Басқарма",
    "Министрлік",
    "Министрліг",
    "Комитет",
    "Мәжіліс",
    "Сенат",
    "Парламент",
    "Үкімет",
    "Прокуратура",
    "Комиссия",
)
ANAPHORIC_BODY = re.compile(rf"(?<![\w-])(?:{'|'.join(BODY_STEMS)})\w*(?![\w-])")
# A bare noun before an office (Агенттік төрағасы) is part of the post's name, not a body's.
BEFORE_AN_OFFICE = re.compile(rf"[\s\u00a0]+(?i:бас[\s\u00a0]|{'|'.join(POST_HEADS)})")
# The Agency is the one agency these texts speak of: «агенттіктің» without a name before it is the Agency.
AGENCY = re.compile(r"(?<![\w-])агенттік(?:тің|ке|те|тен|пен|ті)?(?![\w-])")
# A capitalised name before an institution's head: Халық банкі, Назарбаев университеті, Самұрық-Қазына қоры;
# and before a facility's or an event's.
INSTITUTION_STEMS = (
    "университет",
    "банк",
    "компания",
    "корпорация",
    "қор",
    "аурухана",
    "колледж",
    "академия",
    "институт",
    "ұйым",
    "одақ",
    "одағ",
    "кеңес",
    "ассамблея",
    "комиссия",
    "орталық",
    "орталығ",
    "федерация",
    "бірлестіг",
    "қауымдастығ",
    "достастығ",
    "палата",
    "театр",
    "мектеб",
)
# Buildings and works are facilities, as KazNERD has them: Алматы әуежайы, Павлодар мұнай-химия зауыты.
FACILITY_STEMS = ("әуежай", "мұражай", "сарай", "станция", "кітапхана", "аурухана", "зауыт", "фабрика", "полигон")
# Events: Тәуелсіздік күні, Астана экономикалық форумы, партияның съезі.
EVENT_STEMS = ("форум", "съез", "конференция", "саммит", "сессия", "чемпионат", "фестиваль", "мереке", "күн")
HEADED = {"ORGANISATION": INSTITUTION_STEMS, "FACILITY": FACILITY_STEMS, "EVENT": EVENT_STEMS}
# Lower-case words may stand between the name and the head (Павлодар мемлекеттік университеті, Шанхай
# ынтымақтастық ұйымы) when the head is possessive, as a name's head is.
INSTITUTION = re.compile(
    rf"(?<![\w-])(?P<name>{PLACE_WORD}(?:{SP}{PLACE_WORD}){{0,2}}(?P<between>(?:{SP}{LOWER_WORD}){{0,2}}))"
    rf"{SP}(?P<head>(?i:{'|'.join(INSTITUTION_STEMS + FACILITY_STEMS + EVENT_STEMS)})\w*)"
)
# A capitalised name before a place's kind: Абай даңғылы, Жайық өзені, Каспий теңізі.
LOCATION_STEMS = ("өзен", "көл", "теңіз", "тау")
STREET_STEMS = ("көше", "даңғыл", "алаң", "бульвар")  # streets and squares are facilities, as KazNERD has them
PLACE_KINDS = "|".join(LOCATION_STEMS + STREET_STEMS)
LOCATION = re.compile(rf"(?<![\w-])(?P<name>{PLACE_WORD}(?:{SP}{PLACE_WORD})?){SP}(?P<head>(?:{PLACE_KINDS})\w*)")
# An abbreviation in capitals names an organisation (ЭЫДҰ, ҰҚК, ІІМ, GRECO), save those of countries, of
# laws and of kinds of things (АҚШ, ҚК, ЖШС, БАҚ) and Roman numerals.
ABBREVIATION = re.compile(rf"(?<![\w-])(?P<letters>[{UP}]{{2,5}})(?P<ending>-?[{LOW}]+)?(?![\w-])")
# A word in capitals beside another is a headline's (АЛДЫН АЛУ ШАРАЛАРЫ); one with a surname's ending a
# surname (Анар ЖАРОВА).
IN_CAPITALS = re.compile(rf"(?<![\w-])[{UP}]{{2,}}[\s\u00a0]+$")
SURNAME_IN_CAPITALS = re.compile(r"\w{2,}(?:ОВ|ОВА|ЕВ|ЕВА|ИН|ИНА|ҰЛЫ|ҚЫЗЫ)")
CAPITALS_AFTER = re.compile(rf"[\s\u00a0]+[{UP}]{{2,}}(?![{LOW}])")
NOT_ORGANISATIONS = {
    *("ҚР", "АҚШ", "РФ", "ҚХР", "БАӘ", "ЕО", "ТМД", "КСРО", "ҰБ"),
    *("ҚК", "ҚПК", "ҚІЖК", "ЖШС", "АҚ", "ЖК", "БАҚ", "ЖОО", "ҮЕҰ", "ЖСН", "БСН", "ЖІӨ", "ҚҚС", "ЖЖБ", "ТЖ"),
}
ROMAN = re.compile(r"[IVXLCІ]+")
# A region's, district's or city's body named with the bare noun: облыс прокуратурасы, қала әкімдігі.
LOCAL_BODY = re.compile(
    rf"(?<![\w-])(?:[Оо]блыс|[Аа]удан|[Ққ]ала){SP}(?:прокуратурас|әкімдіг|соты|мәслихат|полициясы|департамент)\w*"
)
OUTLET_HEAD = r"(?:порталы|арнасы|телеарнасы|газеті|басылымы|радиосы|сайты)"
OUTLET = re.compile(
    rf"(?<![\w-])[{UP}][\w.-]*(?:{SP}[{UP}][\w.-]*)?{SP}{OUTLET_HEAD}\w*"
    rf"|(?<![\w.@/:-])(?!www\.)[A-Za-z][\w-]*\.(?:kz|kg|ru|com|org|net|info)(?![\w.])"
)


# Words that open a sentence and are no part of a name after them: time, place and discourse adverbs.
OPENER = re.compile(
    r"(?:Биыл|Бүгін|Кеше|Былтыр|Қазір|Жалпы|Сондай-ақ|Сонымен|Алайда|Ал|Бірақ|Мысалы|Осы|Бұл|Сондықтан|Яғни|"
    r"Енді|Әрине|Жақында|Таяуда|Онда|Мұнда|Әзірге|Кейін|Содан|Негізінен|Сонда|Қазіргі|Алдағы|Ол|Олар|Біз|"
    rf"Сондықтан(?:{SP}да)?|Себебі|Өйткені|Мұны|Әрі|Тіпті|Дегенмен|Сол|Оған|Бұған){SP}"
)


# Parts of the world no reference table lists, named in rankings and comparisons (Орталық Азия елдері),
# and the country's great rivers, seas and mountains, which no administrative unit's table lists either; before
# «облысы», «ауданы», «қаласы» such a name is the unit's (Жетісу облысы), not the place's.
PARTS_OF_THE_WORLD = {
    *("Орталық Азия", "Оңтүстік-Шығыс Азия", "Таяу Шығыс", "Еуразия", "Еуропа", "Азия", "Африка"),
    *("Ертіс", "Жайық", "Есіл", "Сырдария", "Іле", "Тобыл", "Каспий", "Алакөл", "Жетісу", "Алатау"),
}
UNIT_AFTER = re.compile(r"[\s\u00a0]+(?:облыс|аудан|қала|ауыл|кент)", re.IGNORECASE)


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


def event_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of named days, meetings that sum up a year, and forums taken up again."""
    found = [("EVENT", _span(m)) for pattern in (NAMED_DAY, SUMMING_UP) for m in pattern.finditer(text)]
    found += [
        ("EVENT", _span(m))
        for m in TAKEN_UP_EVENT.finditer(text)
        if not _sentence_initial(text, m.start()) or _named_before(text, m)
    ]
    return longest(found)


def _named_before(text: str, match: re.Match[str]) -> bool:
    """The head (форум) stood earlier in the text, in a name that this capitalised word takes up."""
    stem = re.escape(match.group().lower()[:5])
    return re.search(rf"(?<![\w-]){stem}", text[: match.start()], re.IGNORECASE) is not None


def law_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of laws, codes, the Constitution and programmes named with their year."""
    laws = (CODE, FIELD_CODE, CODE_ABBREVIATION, CONVENTION, DECREE, FOR_YEARS, ANTI_CORRUPTION_PLAN, NATION_PLAN)
    found = [("LAW", _span(m)) for pattern in laws for m in pattern.finditer(text)]
    found += [("LAW", _span(m)) for m in CONSTITUTION.finditer(text) if is_ending(m.group("ending"))]
    found += [("LAW", _title_start(text, m)) for m in ABOUT.finditer(text)]
    first_law = min((span.start for _, span in found), default=len(text))
    found += [
        ("LAW", _span(m))
        for m in TAKEN_UP_LAW.finditer(text)
        if not _sentence_initial(text, m.start()) or m.start() > first_law
    ]
    for match in PROGRAMME.finditer(text):
        head = match.group("head").lower()
        found.append((next(k for stem, k in PROGRAMME_HEADS.items() if head.startswith(stem)), _span(match)))
    return longest([(kind, _without_opener(text, span)) for kind, span in found])


def body_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of bodies of the state, institutions, news outlets, and of places, facilities and
    events named by their kind."""
    patterns = (FOR_A_PLACE, REGIONAL, LOCAL_BODY, AGENCY, OUTLET, MINISTRY)
    found = [("ORGANISATION", _span(m)) for pattern in patterns for m in pattern.finditer(text)]
    found += [("ORGANISATION", _span(m)) for m in ANAPHORIC_BODY.finditer(text) if _names_a_body(text, m)]
    found += [
        (kind, _span(m))
        for m in INSTITUTION.finditer(text)
        for kind, stems in HEADED.items()
        if m.group("head").lower().startswith(stems) and _headed(text, m, stems)
    ]
    found += [("LOCATION", _span(m)) for m in LOCATION.finditer(text) if _headed(text, m, LOCATION_STEMS)]
    found += [("FACILITY", _span(m)) for m in LOCATION.finditer(text) if _headed(text, m, STREET_STEMS)]
    found += [("ORGANISATION", _span(m)) for m in ABBREVIATION.finditer(text) if _an_abbreviation(text, m)]
    parts = known_mentions(text, {"part of the world": PARTS_OF_THE_WORLD})
    found += [("LOCATION", m.span) for m in parts if not UNIT_AFTER.match(text, m.span.end)]
    return longest([(kind, _without_adverbial(text, _without_opener(text, span))) for kind, span in found])


# A word in the locative, dative, ablative or instrumental before another capitalised word is the clause's,
# not the name's: «Қазақстанда | Біріккен Ұлттар Ұйымының», «Назарбаевқа | Халықаралық түркі академиясының».
ADVERBIAL_WORD = re.compile(
    rf"[{UP}][\w-]{{3,}}?(?:н?[дт][ае]|[ғгқк][ае]|[дтн][ае]н|[мбп]ен)(?=[\s\u00a0]+[{UP}])[\s\u00a0]+"
)


def _without_adverbial(text: str, span: Span) -> Span:
    adverbial = ADVERBIAL_WORD.match(text, span.start, span.end)
    return Span(adverbial.end(), span.end) if adverbial else span


def _without_opener(text: str, span: Span) -> Span:
    """A name without the adverb that opens its sentence (Биыл | Атырау облысы бойынша департаменті)."""
    opener = OPENER.match(text, span.start)
    if opener and _sentence_initial(text, span.start) and opener.end() < span.end:
        return Span(opener.end(), span.end)
    return span


def _an_abbreviation(text: str, match: re.Match[str]) -> bool:
    """Capitals that are no country, law, kind of thing or Roman numeral, with a case ending if any
    (ҰҚК-ға, ЭЫДҰ-ның), standing alone: not a headline's word nor a surname after a name."""
    letters, ending = match.group("letters"), (match.group("ending") or "").lstrip("-")
    kind_of_word = letters in NOT_ORGANISATIONS or ROMAN.fullmatch(letters) or SURNAME_IN_CAPITALS.fullmatch(letters)
    if kind_of_word or not is_singular_ending(ending):
        return False
    before = IN_CAPITALS.search(text, max(0, match.start() - 30), match.start())
    return before is None and not CAPITALS_AFTER.match(text, match.end())


SURNAME_LIKE = re.compile(r"(?:ов|ев|ин|ова|ева|ина|ұлы|қызы)$", re.IGNORECASE)


def _headed(text: str, match: re.Match[str], stems: tuple[str, ...]) -> bool:
    """The head with Kazakh endings only (банкі, даңғылында; not көлемі, таудай), after a name that is more
    than a sentence's capitalised first word."""
    head = match.group("head").lower()
    endings = [head[len(stem) :] for stem in stems if head.startswith(stem)]
    if not any(is_singular_ending(ending) for ending in endings):
        return False
    possessive = any(re.match("с?[ыі]", e) for e in endings)  # a name's head is possessive: университеті
    between = match.groupdict().get("between") or ""
    capitalised = match.group("name")[: len(match.group("name")) - len(between)].split()
    person = any(SURNAME_LIKE.search(word) for word in capitalised)
    if ((person or between) and not possessive) or (person and between):
        return False  # «Ерлан Нұрғалиев ауруханада»: a person in a hospital; «Назарбаев университеті» is a name
    if head.startswith("орталы") and re.search(r"(?:облыс|аудан|ел|қала)\w*$", match.group("name")):
        return False  # «облыс орталығы»: the region's chief town
    # A sentence's capitalised first word alone is no name («Мамандар облыстың … қорында», «Бүгін банк»).
    return len(capitalised) > 1 or not _sentence_initial(text, match.start())


def _names_a_body(text: str, match: re.Match[str]) -> bool:
    """The body's head with Kazakh endings (Агенттіктің), not a word built on it (Агенттіктегілер, its
    staff), nor the bare noun of a post's name (Агенттік төрағасы)."""
    word = match.group()
    endings = (word[len(stem) :] for stem in BODY_STEMS if word.startswith(stem))
    ending = next((e for e in endings if is_singular_ending(e)), None)
    return ending is not None and (bool(ending) or not BEFORE_AN_OFFICE.match(text, match.end()))


def _title_start(text: str, match: re.Match[str]) -> Span:
    """A title opening a sentence may have the sentence's first word before it: where the anti-corruption
    phrase stands inside it in lower case, the title begins there (Сотқа дейін | сыбайлас … туралы Заң)."""
    opener = re.search(r"(?<![\w-])(?:сыбайлас|жемқорлыққа)(?![\w-])", match.group("title"))
    if opener and opener.start() > 0 and _sentence_initial(text, match.start()):
        return Span(match.start() + opener.start(), match.end())
    return _span(match)


def _sentence_initial(text: str, pos: int) -> bool:
    return re.search(r"(?:^|[.!?…:]\s*|\n\s*)$", text[max(0, pos - 5) : pos]) is not None


def _span(match: re.Match[str]) -> Span:
    return Span(match.start(), match.end())


def longest(found: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    kept: list[tuple[str, Span]] = []
    for kind, span in sorted(found, key=lambda f: (f[1].start - f[1].end, f[1].start)):
        if not any(k.start < span.end and span.start < k.end for _, k in kept):
            kept.append((kind, span))
    return sorted(kept, key=lambda f: f[1])

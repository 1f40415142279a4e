"""Names that Kazakh builds by grammar, found without a gazetteer: bodies of
the state, institutions, news outlets, and places, facilities and events
named by their kind (laws and events by their own grammar are in laws.py).

A body in a region is named by «облысы бойынша» (for the region) or by
«облыстық / қалалық / аудандық» before its head noun; an institution by a
name before its possessive head (Назарбаев университеті); an outlet by its
head («порталы», «арнасы») or its web address. Each finder gives the whole
name with the case ending its last word carries, as a curator marks it.

Long because each kind of name has its own pattern and its own checks, and
they must be read together to see which wins where two overlap.
"""

from __future__ import annotations

import re

from kg.ingest.names import known_mentions
from kg.ingest.posts import MINISTRY_FIELD, POST_HEADS
from kg.kazakh import is_singular_ending
from kg.pipeline.spans import Span

UP, LOW = "A-ZА-ЯӘҒҚҢӨҰҮҺІЁ", "a-zа-яәғқңөұүһіё"
SP = r"[\s\u00a0]+"
CAPITALISED = rf"(?:ҚР{SP})?[{UP}][\w-]*"
WORD = r"[\w-]+"
LOWER_WORD = rf"[{LOW}][\w-]*"  # a title's words after its first are in lower case
# Bodies of the state, by the head noun that ends their name.
BODY_HEAD = (
    r"(?:департамент|басқарма|комитет|инспекция|филиал|прокуратура|сот|әкімдіг|әкімдік|мәслихат|кеңес|"
    r"комиссия|орталығ|орталық|қызмет|полиция|бөлім|штаб)\w*"
)
# Атырау облысы бойынша департаменті: the Agency's (or a ministry's) body for a region.
PLACE_WORD = rf"[{UP}][\w-]*(?<!ң)"  # not a genitive: «Агенттігінің Түркістан облысы» is two names
FOR_A_PLACE = re.compile(
    rf"(?<![\w-]){PLACE_WORD}(?:{SP}{PLACE_WORD})?{SP}(?:облысы|қаласы|ауданы){SP}бойынша"
    rf"(?:{SP}{WORD}){{0,3}}?{SP}(?i:(?:қызмет{SP})?{BODY_HEAD})"  # … қарсы қызмет департаменті
)
# Атырау облыстық коммуникациялар қызметі, облыстық прокуратура, ауданаралық сот: a regional body, named by its
# adjective (the region's name only before облыстық, қалалық, аудандық).
NOT_A_SURNAME = r"(?![\w-]+(?:ов|ев|ин|ова|ева|ина|ұлы|қызы)[\s\u00a0])"  # Бөлекпаев | облыстық мәслихат
NOT_LOCATIVE = rf"(?![{LOW}]+(?:[дт][ае]|н[дт][ае]|[дтн][ае]н)[\s\u00a0])"  # «Ақ ордада | … жөніндегі»
# Іс-шараға | облыстық …; a country's «-стан» is no ablative (Түркістан облыстық …)
NOT_IN_A_CASE = rf"(?![{UP}][\w-]*(?:[ғгқк][ае]|[дт][ае]|н[дт][ае]|(?<!с)[дтн][ае]н)[\s\u00a0])"
REGIONAL = re.compile(  # a field may open it: … күрес жөніндегі республикалық комиссия
    rf"(?<![\w-])(?:(?:{NOT_LOCATIVE}{LOWER_WORD}{SP}){{1,4}}?жөніндегі{SP})?"
    rf"(?:(?:{NOT_A_SURNAME}{NOT_IN_A_CASE}{PLACE_WORD}{SP})?(?i:облыстық|қалалық|аудандық)"
    rf"|(?i:ауданаралық|өңірлік|республикалық))"
    rf"(?:{SP}[{LOW}][\w-]*|{SP}[{UP}][{LOW}][\w-]*(?=(?:{SP}[{LOW}][\w-]*)*{SP}(?i:{BODY_HEAD}))){{0,5}}?"
    rf"{SP}(?i:{BODY_HEAD})(?:{SP}(?i:басқарма|департамент|бөлім|комитет)\w*)?"
)
# The anti-corruption service, department, agency or bureau, named by its aim in any case, capitalised or not and
# with «сыбайлас» or without: Сыбайлас жемқорлыққа қарсы қызмет, облыстық сыбайлас жемқорлыққа қарсы іс-қимыл
# департаментінің, жемқорлыққа қарсы Ұлттық бюро.
ANTI_CORRUPTION_BODY = re.compile(
    rf"(?<![\w-])(?:(?i:облыстық|қалалық|аудандық){SP})?(?:[Сс]ыбайлас{SP})?(?:жемқорлыққа|Жемқорлыққа){SP}қарсы"
    rf"(?:{SP}іс[-\s]қимыл)?{SP}"
    r"(?:қызмет(?:[\s\u00a0]+(?:департамент|орталығ|орталық))?|департамент|агентті[кг]|басқарма|[Ұұ]лттық[\s\u00a0]+бюро)"
    r"(?P<ending>\w*)"
)
# A unit of a body named just before it, by its field: агенттігі превенция қызметінің, агенттігі 1-ші
# департаментінің; the unit's head is possessive, as a name's head is (not «министрлігі қызметкерлері»).
UNIT_OF_A_BODY = re.compile(
    rf"(?<![\w-])(?i:агентті[кг]|министрлі[кг]|комитет|департамент)\w*{SP}"
    rf"(?P<unit>(?:[\w-]+{SP}){{1,2}}?(?i:департамент|басқарма|қызмет|бөлім|комитет)(?P<ending>с?[ыі]\w*))"
)
# Ministries named by their field in lower case, one or a list sharing the head: қаржы министрлігі,
# қаржы, әділет және ауыл шаруашылығы министрліктерінің.
MINISTRY = re.compile(
    rf"(?<![\w-])(?i:{MINISTRY_FIELD}(?:,{SP}{MINISTRY_FIELD})*(?:{SP}және{SP}{MINISTRY_FIELD})?){SP}министрлі[кг]\w*"
)
# A body named by its capitalised head alone, as the text's earlier full name is taken up again.
BODY_STEMS = (
    "Ақорда",
    "Бас прокуратура",
    "Жоғарғы Сот",
    "Жоғарғы сот",
    "Конституциялық Сот",
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
    "Антикор",  # the anti-corruption service's common name, which no text spells out again
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
FACILITY_STEMS = (
    *("әуежай", "мұражай", "сарай", "станция", "кітапхана", "аурухана", "зауыт", "фабрика", "полигон", "зират"),
)
# Events: Тәуелсіздік күні, Астана экономикалық форумы, партияның съезі.
EVENT_STEMS = ("форум", "съез", "конференция", "саммит", "сессия", "чемпионат", "фестиваль", "мереке", "күн")
HEADED = {"ORGANISATION": INSTITUTION_STEMS, "FACILITY": FACILITY_STEMS, "EVENT": EVENT_STEMS}
# Lower-case words may stand between the name and the head (Павлодар мемлекеттік университеті, Шанхай
# ынтымақтастық ұйымы) when the head is possessive, as a name's head is.
INSTITUTION = re.compile(  # «Әл-Фараби атындағы» (named after) opens the name it stands before
    rf"(?<![\w-])(?P<name>(?:{PLACE_WORD}(?:{SP}{PLACE_WORD})?{SP}атындағы{SP})?{PLACE_WORD}(?:{SP}{PLACE_WORD}){{0,2}}"
    rf"(?P<between>(?:{SP}(?!атындағы){LOWER_WORD}){{0,2}}))"  # a name after «атындағы» is NAMED_AFTER's
    rf"{SP}(?P<head>(?i:{'|'.join(INSTITUTION_STEMS + FACILITY_STEMS + EVENT_STEMS)})\w*)"
)
SURNAME_WORD = rf"[{UP}][\w-]*(?:ов|ев|ин|ова|ева|ина|ұлы|қызы)"  # a first name goes with it: Ахмет Байтұрсынұлы
# «М.Әуезов атындағы» (named after) opens an institution's name, whatever the case of the words after it:
# М.Әуезов атындағы Қазақ мемлекеттік Академиялық драма театры.
NAMED_AFTER = re.compile(
    rf"(?<![\w.-])(?:[{UP}]\.(?:{SP})?){{0,2}}(?:{PLACE_WORD}{SP}(?={SURNAME_WORD}{SP}атындағы))?{PLACE_WORD}"
    rf"{SP}атындағы(?:{SP}{WORD}){{0,5}}?"
    rf"{SP}(?P<head>(?i:{'|'.join(INSTITUTION_STEMS + FACILITY_STEMS)})с?[ыі]\w*|(?i:мектеп)\w*)"  # театры
)
# A school named after someone takes no possessive: Б.Ухатов атындағы орта мектепті, Абай атындағы мектепке.
SCHOOL = "мектеп"
# A capitalised name before a place's kind: Абай даңғылы, Жайық өзені, Каспий теңізі.
LOCATION_STEMS = ("өзен", "көл", "теңіз", "тау")
STREET_STEMS = ("көше", "даңғыл", "алаң", "бульвар")  # streets and squares are facilities, as KazNERD has them
PLACE_KINDS = "|".join(LOCATION_STEMS + STREET_STEMS)
LOCATION = re.compile(rf"(?<![\w-])(?P<name>{PLACE_WORD}(?:{SP}{PLACE_WORD})?){SP}(?P<head>(?:{PLACE_KINDS})\w*)")
# An abbreviation in capitals names an organisation (ЭЫДҰ, ҰҚК, ІІМ, GRECO), save those of countries, of
# laws and of kinds of things (АҚШ, ҚК, ЖШС, БАҚ) and Roman numerals.
ABBREVIATION = re.compile(rf"(?<![\w-])(?P<letters>[{UP}]{{2,5}})(?P<ending>-?[{LOW}]+)?(?![\w-])")
# A word in capitals beside another, or after an ellipsis, is a headline's (АЛДЫН АЛУ ШАРАЛАРЫ, ПАРА... ТАБА...);
# one with a surname's ending a surname (Анар ЖАРОВА).
IN_CAPITALS = re.compile(rf"(?<![\w-])[{UP}]{{2,}}(?:\.{{2,}}|…|!)?[\s\u00a0]+$")
SURNAME_IN_CAPITALS = re.compile(r"\w{2,}(?:ОВ|ОВА|ЕВ|ЕВА|ИН|ИНА|ҰЛЫ|ҚЫЗЫ)")
CAPITALS_AFTER = re.compile(rf"(?:\.{{2,}}|…|!)?[\s\u00a0]+[{UP}]{{2,}}(?![{LOW}])")  # ПАРА... ТАБА...
# Capitals after a number are its unit (1000 АЕК-тен, 5 ЕТЖ), not a body.
NUMBER_BEFORE = re.compile(r"\d[\s\u00a0]*$")
NOT_ORGANISATIONS = {
    *("ҚР", "АҚШ", "РФ", "ҚХР", "БАӘ", "ЕО", "ТМД", "КСРО", "ҰБ"),
    *("ҚК", "ҚПК", "ҚІЖК", "ЖШС", "АҚ", "ЖК", "БАҚ", "ЖОО", "ҮЕҰ", "ЖСН", "БСН", "ЖІӨ", "ҚҚС", "ЖЖБ", "ТЖ"),
}
# A body's abbreviation after the state's (ҚР АШМ, ҚР ҚМА: a ministry, an agency) is the body's, the state's
# included, though a tagger takes the two for a person's initials; not a code (ҚР АК, ҚР ҚК: laws.py's).
STATE_BODY = re.compile(rf"(?<![\w-])ҚР{SP}(?P<letters>[{UP}]{{2,5}})(?P<ending>-?[{LOW}]+)?(?![\w-])")
STATE_CODES = {"АК", "ЕК", "СК", "БК", "ЖК"}
ROMAN = re.compile(r"[IVXLCІ]+")
REGIONS = {"ОҚО", "СҚО", "ШҚО", "БҚО"}  # the regions news names by their initials: Оңтүстік Қазақстан облысы
# An akim's office (аппарат) with the place whose akim it serves: Сарқан ауданы әкімі аппаратының, Шымкент әкімі
# аппараты, облыс әкімінің аппараты.
AKIMS_OFFICE = re.compile(
    rf"(?<![\w-])(?:{PLACE_WORD}(?:{SP}(?:облысы|ауданы|қаласы|ауылдық{SP}округі))?|[Оо]блыс|[Аа]удан|[Ққ]ала){SP}"
    rf"әкімі(?:нің)?{SP}аппарат(?P<ending>\w*)"
)
# A region's, district's or city's body named with the bare noun: облыс прокуратурасы, қала әкімдігі.
LOCAL_BODY = re.compile(
    rf"(?<![\w-])(?:[Оо]блыс|[Аа]удан|[Ққ]ала|[Өө]ңір|[Аа]уыл){SP}(?:прокуратурас|әкімдіг|соты|мәслихат|полициясы|департамент)\w*"
)
# A council, commission or committee named by its field, capitalised and before «жөніндегі»: Әдеп жөніндегі кеңес,
# Сыбайлас жемқорлыққа қарсы іс-қимыл мәселелері жөніндегі ведомствоаралық комиссияның; no word of it in a clause's
# case (Ақ ордада | … жөніндегі республикалық комиссияның) and no surname before it (Тоқаев | … жөніндегі кеңесте).
FIELD_COUNCIL = re.compile(
    rf"(?<![\w-]){NOT_IN_A_CASE}{NOT_A_SURNAME}[{UP}][\w-]*(?:{SP}{NOT_LOCATIVE}{LOWER_WORD}){{0,5}}?{SP}жөніндегі(?:{SP}{LOWER_WORD}(?<=[лдт][ыі][қк])|"
    rf"{SP}ведомствоаралық)?{SP}(?P<head>кеңес|комиссия|комитет|штаб)(?P<ending>\w*)(?![\w-])"
)
# The prosecutor's office and the akimat named by the bare noun in lower case are the text's own (прокуратура
# тарапынан, прокуратура органдарының, әкімдіктің): one of each serves a place; «әкімдік» only with a case ending,
# as the bare word is also an adjective (әкімдік қызметкерлері, әкімдік жиыны).
BARE_BODY = re.compile(
    rf"(?<![\w-])(?:прокуратура(?P<ending>\w*)(?:{SP}органдар\w*)?|әкімдік(?:тің|ке|те|тен|пен|ті)|әкімдігі\w+)(?![\w-])"
)
# A body's head in lower case after the text named a body with that head takes it up: Жоғары аудиторлық палата …
# палатаның; … бойынша департаменті … департаменттің (a case ending, not the bare noun before an office).
TAKEN_UP_HEAD = re.compile(r"(?<![\w-])(?P<stem>палата|департамент|комиссия|комитет)(?P<ending>\w+)(?![\w-])")
OUTLET_HEAD = r"(?:порталы|арнасы|телеарнасы|газеті|басылымы|радиосы|сайты)"
# «Еуразия» арнасы, Kazinform порталы; a site's address may end its sentence (деп хабарлайды Paryz.kz.) or be in
# capitals (ERNUR.KZ), take a case ending (sputnik.kz-ке) or its outlet's head (Ranking.kz агенттігінің, Opennews.kz
# ақпарат агенттігі, Kazinform.kz халықаралық агенттігі).
OUTLET = re.compile(
    rf"(?<![\w-])[«\"]?[{UP}][\w.-]*(?:{SP}[{UP}][\w.-]*)?[»\"]?{SP}{OUTLET_HEAD}\w*"
    rf"|(?<![\w.@/:-])(?!www\.)[A-Za-z][\w-]*\.(?i:kz|kg|ru|com|org|net|info)(?!\w|\.\w)"
    rf"(?:-[{LOW}]+(?![\w-])|{SP}(?:(?:халықаралық|ақпарат){SP}){{0,2}}(?:агенттіг|{OUTLET_HEAD})\w*)?"
    # A channel on a platform, the platform's name glued to it: Yedilov ONLINE Telegram-каналында.
    rf"|(?<![\w-])[{UP}][\w.-]*(?:{SP}[{UP}][\w.-]*){{0,2}}{SP}[A-Z][A-Za-z]+-(?i:канал|арна)\w*"
)

# A dateline's outlet in Latin capitals after its town: «АСТАНА. KAZINFORM — …», «АТЫРАУ.KAZINFORM - …».
DATELINE_OUTLET = re.compile(
    rf"(?m)^[{UP}]{{3,}}(?:-[{UP}]+)?\.[ \t\u00a0]*(?P<outlet>[A-Z]{{3,}})(?=[ \t\u00a0]+[–—-])"
)
# A body's or an official's press service: баспасөз қызметі, Баспасөз қызметінің (its own mention after its
# body's genitive: … агенттігінің | баспасөз қызметі).
# The capital named by its common noun (Елордадағы, елорданың): a place, unlinked, as no text names which.
CAPITAL = re.compile(r"(?<![\w-])[Ее]лорда(?P<ending>\w*)")
# A speaker's initials labelling an interview's paragraph (М.Ә: …): a person's mention.
INITIALS_LABEL = re.compile(rf"(?m)^[ \t\u00a0]*(?P<initials>(?:[{UP}]\.[ \t\u00a0]?)[{UP}])\.?[ \t\u00a0]*:")
PRESS_SERVICE = re.compile(rf"(?<![\w-])[Бб]аспасөз{SP}қызмет[ыі](?P<ending>\w*)")
# The investigating court (тергеу соты), which sanctions arrests; and a local body named by its field in lower case
# (мәдениет басқармасы, құрылыс бөлімінің, ақпараттандыру департаменті, қаржы полициясы).
INVESTIGATING_COURT = re.compile(rf"(?<![\w-])[Тт]ергеу{SP}сот[ыі](?P<ending>\w*)")
FIELD = (
    rf"(?:{MINISTRY_FIELD}|құрылыс|ақпараттандыру|жер{SP}қатынастары|сәулет|кәсіпкерлік|жұмыспен{SP}қамту|"
    rf"тұрғын{SP}үй|ішкі{SP}саясат|туризм)"
)
FIELD_BODY = re.compile(rf"(?<![\w-])(?i:{FIELD}){SP}(?:басқармас|департамент|бөлім|полициясы)(?:[ыі])?(?P<ending>\w*)")

# A unit's name holds no word in a clause's case: «агенттігі бүгін қызметін», «департаменті жылда бөлімін».
ADVERBIAL_UNIT_WORD = re.compile(r"(?<![\w-])(?:бүгін|кеше|биыл|\w+(?:[дт][ае]|[дт][ае]н|[ғгқк][ае]|[мбп]ен))\s")


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


def body_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of bodies of the state, institutions, news outlets, and of places, facilities and
    events named by their kind."""
    patterns = (FOR_A_PLACE, REGIONAL, LOCAL_BODY, AGENCY, OUTLET, MINISTRY)
    found = [("ORGANISATION", span_of(m)) for pattern in patterns for m in pattern.finditer(text)]
    found += [
        ("ORGANISATION", span_of(m)) for m in ANTI_CORRUPTION_BODY.finditer(text) if is_singular_ending(m["ending"])
    ]
    found += [
        ("ORGANISATION", Span(*m.span("unit")))
        for m in UNIT_OF_A_BODY.finditer(text)
        if is_singular_ending(m["ending"]) and not ADVERBIAL_UNIT_WORD.search(m["unit"])
    ]
    found += [("ORGANISATION", span_of(m)) for m in ANAPHORIC_BODY.finditer(text) if _names_a_body(text, m)]
    found += [("ORGANISATION", span_of(m)) for m in FIELD_COUNCIL.finditer(text) if is_singular_ending(m["ending"])]
    found += [("ORGANISATION", span_of(m)) for m in AKIMS_OFFICE.finditer(text) if is_singular_ending(m["ending"])]
    found += [("ORGANISATION", span_of(m)) for m in BARE_BODY.finditer(text) if is_singular_ending(m["ending"] or "")]
    found += [("ORGANISATION", span_of(m)) for m in TAKEN_UP_HEAD.finditer(text) if _taken_up(text, m)]
    found += [
        (kind, span_of(m))
        for m in _from_each_capital(INSTITUTION, text)
        for kind, stems in HEADED.items()
        if m.group("head").lower().startswith(stems) and _headed(text, m, stems)
    ]
    found += [
        ("FACILITY" if m.group("head").lower().startswith(FACILITY_STEMS) else "ORGANISATION", span_of(m))
        for m in NAMED_AFTER.finditer(text)
        if _possessive_head(m.group("head"), INSTITUTION_STEMS + FACILITY_STEMS)
        or (m.group("head").lower().startswith(SCHOOL) and is_singular_ending(m.group("head")[len(SCHOOL) :].lower()))
    ]
    found += [("LOCATION", span_of(m)) for m in LOCATION.finditer(text) if _headed(text, m, LOCATION_STEMS)]
    found += [("FACILITY", span_of(m)) for m in LOCATION.finditer(text) if _headed(text, m, STREET_STEMS)]
    found += [
        ("GPE" if m.group("letters") in REGIONS else "ORGANISATION", span_of(m))
        for m in ABBREVIATION.finditer(text)
        if _an_abbreviation(text, m)
    ]
    found += [
        ("ORGANISATION", span_of(m))
        for m in STATE_BODY.finditer(text)
        if m.group("letters") not in STATE_CODES and _an_abbreviation(text, m)
    ]
    found += [("ORGANISATION", Span(*m.span("outlet"))) for m in DATELINE_OUTLET.finditer(text)]
    found += [("GPE", span_of(m)) for m in CAPITAL.finditer(text) if is_singular_ending(m["ending"])]
    found += [("PERSON", Span(*m.span("initials"))) for m in INITIALS_LABEL.finditer(text)]
    found += [("ORGANISATION", span_of(m)) for m in PRESS_SERVICE.finditer(text) if is_singular_ending(m["ending"])]
    found += [
        ("ORGANISATION", span_of(m))
        for pattern in (INVESTIGATING_COURT, FIELD_BODY)
        for m in pattern.finditer(text)
        if is_singular_ending(m["ending"])
    ]
    parts = known_mentions(text, {"part of the world": PARTS_OF_THE_WORLD})
    found += [("LOCATION", m.span) for m in parts if not UNIT_AFTER.match(text, m.span.end)]
    return longest([(kind, _without_adverbial(text, without_opener(text, span))) for kind, span in found])


# A word in the locative, dative, ablative or instrumental before another capitalised word is the clause's,
# not the name's: «Қазақстанда | Біріккен Ұлттар Ұйымының», «Назарбаевқа | Халықаралық түркі академиясының».
ADVERBIAL_WORD = re.compile(
    rf"[{UP}][\w-]{{3,}}?(?:н?[дт][ае]|[ғгқк][ае]|[дтн][ае]н|[мбп]ен)(?=[\s\u00a0]+[{UP}])[\s\u00a0]+"
)


def _without_adverbial(text: str, span: Span) -> Span:
    adverbial = ADVERBIAL_WORD.match(text, span.start, span.end)
    return Span(adverbial.end(), span.end) if adverbial else span


def without_opener(text: str, span: Span) -> Span:
    """A name without the adverb that opens its sentence (Биыл | Атырау облысы бойынша департаменті)."""
    opener = OPENER.match(text, span.start)
    if opener and sentence_initial(text, span.start) and opener.end() < span.end:
        return Span(opener.end(), span.end)
    return span


def _an_abbreviation(text: str, match: re.Match[str]) -> bool:
    """Capitals that are no country, law, kind of thing or Roman numeral, with a case ending if any
    (ҰҚК-ға, ЭЫДҰ-ның), standing alone: not a headline's word, a surname after a name nor a number's unit."""
    letters, ending = match.group("letters"), (match.group("ending") or "").lstrip("-")
    kind_of_word = letters in NOT_ORGANISATIONS or ROMAN.fullmatch(letters) or SURNAME_IN_CAPITALS.fullmatch(letters)
    if kind_of_word or not is_singular_ending(ending):
        return False
    before = IN_CAPITALS.search(text, max(0, match.start() - 30), match.start())
    unit = NUMBER_BEFORE.search(text, max(0, match.start() - 3), match.start())
    return before is None and unit is None and not CAPITALS_AFTER.match(text, match.end())


LOCATED = re.compile(r"(?:н?[дт][ае])[гғ][ыі]$")  # -дағы, -дегі, -ндағы: in a place, not part of a name
IN_A_PLACE = re.compile(r"(?:-?н?[дт][ае])$")  # -да, -те, -нда: the clause's place, not a name's word
SURNAME_LIKE = re.compile(r"(?:ов|ев|ин|ова|ева|ина|ұлы|қызы)$", re.IGNORECASE)


def _headed(text: str, match: re.Match[str], stems: tuple[str, ...]) -> bool:
    """The head with Kazakh endings only (банкі, даңғылында; not көлемі, таудай), after a name that is more
    than a sentence's capitalised first word."""
    head = match.group("head").lower()
    endings = [head[len(stem) :] for stem in stems if head.startswith(stem)]
    if not any(is_singular_ending(ending) for ending in endings):
        return False
    between = match.groupdict().get("between") or ""
    name = match.group("name")[: len(match.group("name")) - len(between)]
    if LOCATED.search(name) or (between and IN_A_PLACE.search(name)):
        return False  # «Алматыдағы таудың»: a mountain in Almaty, not a mountain's name; «СҚО-да аудандық аурухана»
    possessive = any(re.match("с?[ыі]", e) for e in endings)  # a name's head is possessive: университеті
    capitalised = name.split()
    person = any(SURNAME_LIKE.search(word) for word in capitalised)
    if ((person or (between and not _adjectives(between))) and not possessive) or (person and between):
        return False  # «Ерлан Нұрғалиев ауруханада»: a person in a hospital; «Назарбаев университеті» is a name
    if head.startswith("орталы") and re.search(r"(?:облыс|аудан|ел|қала)\w*$", match.group("name")):
        return False  # «облыс орталығы»: the region's chief town
    # A sentence's capitalised first word alone is no name («Мамандар облыстың … қорында», «Бүгін банк»); with
    # adjectives after it, it is (Жоғары аудиторлық палатаның қызметі).
    adjectives = bool(between) and _adjectives(between)
    return len(capitalised) > 1 or adjectives or not sentence_initial(text, match.start())


# Adjectives built with -лық, -лік (аудиторлық, қаржылық) or -тық, -тік, -дық, -дік (ұлттық, мемлекеттік): such a
# word before a head needs no possessive on it, as a noun does (Жоғары аудиторлық палата, Павлодар мемлекеттік
# университеті).
ADJECTIVE = re.compile(r"[\w-]+(?:[лдт][ыі]қ|[лдт][ыі]к)")


def _adjectives(words: str) -> bool:
    return all(ADJECTIVE.fullmatch(word) for word in words.split())


def _from_each_capital(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The pattern's match from each capitalised word: where a person's name opens the longest one (Қасым-Жомарт
    Тоқаев Жоғары аудиторлық палатаның), a shorter one after it may still be a name."""
    starts = (m.start() for m in re.finditer(rf"(?<![\w-])[{UP}]", text))
    return [m for m in (pattern.match(text, start) for start in starts) if m is not None]


def _possessive_head(head: str, stems: tuple[str, ...]) -> bool:
    """A name's head, possessive with Kazakh endings after it (театрының, университеті)."""
    endings = [head.lower()[len(stem) :] for stem in stems if head.lower().startswith(stem)]
    return any(re.match("с?[ыі]", e) and is_singular_ending(e) for e in endings)


def _taken_up(text: str, match: re.Match[str]) -> bool:
    """A head in lower case with a singular case ending (палатаның, not палаталар), after a capitalised name
    with the same head earlier in the text."""
    if not is_singular_ending(match["ending"]) or re.match("[лдт][ае]р", match["ending"]):
        return False
    named = re.compile(rf"[{UP}][\w-]*(?:{SP}[\w-]+){{0,4}}?{SP}(?i:{match['stem']})")
    return named.search(text, 0, match.start()) is not None


def _names_a_body(text: str, match: re.Match[str]) -> bool:
    """The body's head with Kazakh endings (Агенттіктің), not a word built on it (Агенттіктегілер, its
    staff), nor the bare noun of a post's name (Агенттік төрағасы)."""
    word = match.group()
    endings = (word[len(stem) :] for stem in BODY_STEMS if word.startswith(stem))
    ending = next((e for e in endings if is_singular_ending(e)), None)
    return ending is not None and (bool(ending) or not BEFORE_AN_OFFICE.match(text, match.end()))


def sentence_initial(text: str, pos: int) -> bool:
    return re.search(r"(?:^|[.!?…:]\s*|\n\s*)$", text[max(0, pos - 5) : pos]) is not None


def span_of(match: re.Match[str]) -> Span:
    return Span(match.start(), match.end())


def longest(found: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    kept: list[tuple[str, Span]] = []
    for kind, span in sorted(found, key=lambda f: (f[1].start - f[1].end, f[1].start)):
        if not any(k.start < span.end and span.start < k.end for _, k in kept):
            kept.append((kind, span))
    return sorted(kept, key=lambda f: f[1])

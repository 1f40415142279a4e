"""New entities a text names: the CRF's finds, organisation names, «titles», year ranges.

Long because the words that end, begin and break an organisation's name in Kazakh are listed beside the
few functions that run a name back from its head noun, and a split would part each list from its reader."""

from __future__ import annotations

import re

from kg.ingest.analysis import MentionFound
from kg.ingest.names import TITLE_WORDS, Mention, slug, tokens_of
from kg.ingest.ner.conll import spans as iob2_spans
from kg.ingest.ner.model import Tagger
from kg.kazakh import ENDING, is_ending, is_singular_ending
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
# An organisation's head noun, with its case ending; the bare «агенттік» only after the anti-corruption
# phrase that names it (Сыбайлас жемқорлыққа қарсы агенттік); a committee or department also bare, after
# the words that say what it does (… есепке алу жөніндегі комитеттің).
ORGANISATION_HEAD = re.compile(
    r"(?<![\w-])(?:(?i:агенттігі|әкімдігі|партиясы|министрлігі|комитеті|департаменті|басқармасы|прокуратурасы|соты|"
    r"мәслихаты|полициясы|палатасы|қауымдастығы|одағы|бірлестігі|алқасы|бөлімі|кеңесі|комитет|департамент)|"
    r"(?<=қарсы\s|қимыл\s)агенттік)"
    r"(?P<rest>\w*)"
)
# Words a name runs back over to its first capital: not across a line or a stop, not over a
# number, nor over a word in a case that ends a clause's adverbial (биыл, 16 наурызында, Бұл туралы); a
# country's «-стан» is no ablative (Қазақстан Республикасының … агенттігі).
NAME_BREAK = re.compile(
    r".*[\d.,:;!?()–—].*|бұл|осы|ол|туралы|жөнінде|бүгін|кеше|биыл|жылдың|жылғы"
    r"|менің|сенің|оның|біздің|сіздің|олардың|өзінің|өз"  # whose: a pronoun is no part of a name (Менің | … мәслихатым)
    r"|ал|алайда|бірақ|былтыр|жақында|таяуда|қазір|әзірге|кейін|сондай-ақ"  # nor an adverb (Ал | Алматы облысының …)
    r"|\w+(?:[дтн][ае]|нд[ае]|(?<!с)[дтн][ае]н|[мбп]ен)",
    re.IGNORECASE,
)
NAME_WORDS = 9
# An organisation's head in any form: a name ends there, and an office after it is the organisation's.
HEAD_WORD = re.compile(
    r"(?:агентті[кг]|департамент|басқарма|министрлі[кг]|комитет|әкімді[кг]|партия|прокуратура|мәслихат|сот|ведомство)\w*"
    r"|қызмет\w*(?:[нт][ыі]ң)|қызметі",  # a service named whole (… қарсы қызметі | Түркістан облыстық … департаменті)
    re.IGNORECASE,
)
YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})\s+жылдар")


# An organisation's head noun in the genitive: a longer name goes on after it
# (агенттігінің … департаментінің басшысы), so the name ends there.
ORGANISATION_GENITIVE = re.compile(
    r"(?:агентті[кг]|департамент|басқарма|министрлі|комитет|әкімдіг|партия|кеңсе)\w*(?:ның|нің|дың|дің|тың|тің)",
    re.IGNORECASE,
)
PLACE_GENITIVE = re.compile(r"(?:облыс|аудан|қала)\w*(?:ның|нің|тың|тің)", re.IGNORECASE)
IN_A_NAMED_PLACE = re.compile(r"[А-ЯӘҒҚҢӨҰҮҺІЁ]\w+[дт][ае][ғг][ыі]")
OWNER = re.compile(r"[А-ЯӘҒҚҢӨҰҮҺІЁ][\w-]+(?<!Республикасы)(?:[нтд][ыі]ң)")
PLACE_NOMINATIVE = re.compile(r"(?:облысы|ауданы|қаласы|ауылы)", re.IGNORECASE)
ACCUSATIVE = re.compile(r"\w+(?:[дтн][ыі])", re.IGNORECASE)  # істі, киноны, ақшаны
PARTICIPLE = re.compile(r"[а-яәғқңөұүһіё]+[ғгқк][ае]н")  # алған, сөйлеген
# (and a common noun for a body, «мекеме», «ұйым», «орган», before a named one: … өсіретін мекеме | Ауыл
# шаруашылығы министрлігіне бағынады)
BARE_HEAD = re.compile(r"(?:қызмет|агенттік|департамент|басқарма|комитет|мекеме|ұйым|орган)", re.IGNORECASE)
PLACE_KIND = re.compile(r"(?:облыс|қала|аудан)(?:с?[ыі]|тық|лық|дық)", re.IGNORECASE)
POST_WORDS = ("басшы", "төраға", "орынбасар", "әкім", "маман", "бастығ", "директор", "депутат", "прокурор", "хатшы")
# Words a span must not begin with: speech verbs and dashes the CRF takes along.
NOT_A_NAME_START = re.compile(r"[-–—,.:;!?»]+|деді|дейді|деп|деген|айтты", re.IGNORECASE)


UPPER, LOWER = "А-ЯӘҒҚҢӨҰҮҺІЁ", "а-яәғқңөұүһіё"
ADVERBIAL_FIRST = re.compile(rf"[{UPPER}][\w-]{{2,}}(?:н?[дт][ае]|[дтн][ае]н|[ғгқк][ае])")
NOT_IN_A_BODY = re.compile(rf"пен|мен|бен|[{UPPER}]\w+(?:ов|ев|ин|ова|ева|ина)")
# Kazakh and Russian surname endings, then Kazakh endings (Досмұхамбетовтің, Жарованың); a first name may be
# two joined by a hyphen (Қасым-Жомарт Тоқаев).
SURNAME = rf"[{UPPER}][{LOWER}{UPPER}]+?(?:ов|ев|ин|ова|ева|ина|ОВ|ЕВ|ИН|ОВА|ЕВА|ИНА|ұлы|қызы)(?:{ENDING.pattern})"
PERSON_NAME = re.compile(
    rf"(?<![\w.])(?:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?[\s\u00a0]+|(?:[{UPPER}]\.[\s\u00a0]?){{1,2}})?{SURNAME}(?![\w])"
    rf"(?![\s\u00a0]+(?:ауданы|облысы|қаласы|ауылы|көшесі|даңғылы))"
)


# «Title» and the noun that says what it names: «…» Заңы, "…" жобасы, «…» форумы.
TITLE_HEADS = {
    "заң(?!дар)": "LAW",  # «… туралы», «… туралы» заңдары: each title a law of its own
    "кодекс": "LAW",
    "стратегия": "LAW",
    "бағдарлама": "LAW",
    "жоспар": "LAW",
    "конвенция": "LAW",
    "жоба": "PROJECT",
    "жобалық": "PROJECT",
    "жобалық кеңсе": "ORGANISATION",  # «…» жобалық кеңсесі: a project's office is a body
    "кеңсе": "ORGANISATION",
    "филиал": "ORGANISATION",  # «Еңбек-Қызылжар» филиалы, a company's branch
    "форум": "EVENT",
    "конференция": "EVENT",
    "акция": "EVENT",
    "басқосу": "EVENT",  # «…» атты басқосуда
    "дөңгелек үстел": "EVENT",
    "конкурс": "EVENT",
    "марафон": "EVENT",
    "жиын": "EVENT",
    "кездесу": "EVENT",
    "семинар": "EVENT",
    "байқау": "EVENT",
    "портал": "FACILITY",
    "партия": "ORGANISATION",
    "ұйым": "ORGANISATION",  # «Адал ұрпақ» ұйымы
    "қозғалыс": "ORGANISATION",  # «Әділет жастар одағы» жастар антикоррупциялық қозғалысы
    "қоғамдық бірлестіг": "ORGANISATION",
    "қоры": "ORGANISATION",
    "компания": "ORGANISATION",
    "корпорация": "ORGANISATION",
    "холдинг": "ORGANISATION",
    "банк": "ORGANISATION",
    "университет": "ORGANISATION",
    "колледж": "ORGANISATION",
    "мектеп": "ORGANISATION",
    "мектеб": "ORGANISATION",
    "аурухана": "ORGANISATION",
    "газет": "ORGANISATION",
    "бала": "ORGANISATION",  # «Балапан» бала-бақшасы, a kindergarten
    "балабақша": "ORGANISATION",
    "жшс": "ORGANISATION",
    "акционерлік қоғам": "ORGANISATION",  # «Қазпошта» Акционерлік қоғамы, «…» АҚ, «…» КЕАҚ
    "ақ(?![\\w-])": "ORGANISATION",
    "кеақ": "ORGANISATION",
    "рмк": "ORGANISATION",
    "мкқк": "ORGANISATION",
    "мм(?![\\w-])": "ORGANISATION",  # «…» ММ, a state institution
    "кмм(?![\\w-])": "ORGANISATION",
    "мкк(?![\\w-])": "ORGANISATION",
}
# Between a title and its noun may stand its date, the state and the law's number: «…» ҚР Заңы, «…» № 410-V Заңы,
# «…» 2015 жылғы 18 қарашадағы Қазақстан Республикасының Заңы; and
# «атты» (named) or two lower-case words: «Самұрық-Қазына» ұлттық әл-ауқат қоры.
OF_THE_STATE = (
    r"(?:(?:19|20)\d\d[\s\u00a0]+жылғы[\s\u00a0]+(?:\d{1,2}[\s\u00a0]+)?[\w]+?(?:дағы|дегі|тағы|тегі)?[\s\u00a0]+)?"
    r"(?:(?:ҚР|Қазақстан[\s\u00a0]+Республикасының)[\s\u00a0]+)?(?:№[\s\u00a0]*[\w-]+[\s\u00a0]+)?"
)
TITLED = re.compile(
    r"[«\"„“]([^«»\"„“”]{2,80})[»\"“”][\s\u00a0]+(?:атты[\s\u00a0]+)?(?:[а-яәғқңөұүһіё][\w-]*[\s\u00a0]+){0,2}?"
    + OF_THE_STATE
    + r"(?P<head>(?:"
    + "|".join(TITLE_HEADS)
    + r")[\w-]*"
    r"(?:\s+кеңсе(?:сі|лері)\w*|\s*-\s*бақша\w*)?)",
    re.IGNORECASE,
)


# A title joined by «және» or «мен» to the one a noun follows shares that noun, plural then: «Адал ұрпақ» және
# «Саналы ұрпақ» ұйымдарының names two organisations.
TITLE_JOINED = re.compile(r"[«\"„“][^«»\"„“”]{2,80}[»\"“”][\s\u00a0]+(?:және|мен)[\s\u00a0]+$")


def titled_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of every «title» followed by the noun that says what it is, and of a title joined to it."""
    found = []
    for match in TITLED.finditer(text):
        head = match.group("head").lower()
        stem = max((stem for stem in TITLE_HEADS if re.match(stem, head)), key=len)  # жобалық кеңсе, not жоба
        kind = TITLE_HEADS[stem]
        found.append((kind, Span(match.start(), match.end())))
        joined = TITLE_JOINED.search(text, max(0, match.start() - 100), match.start())
        if joined:
            title = joined.group().rstrip().rsplit(None, 1)[0]  # the title without «және»
            found.append((kind, Span(joined.start(), joined.start() + len(title))))
    return found


def organisation_names(text: str) -> list[Span]:
    """A phrase from a capitalised word (or ҚР) to an organisation's head noun, with its case ending;
    a head in the genitive ends a name (Агенттіктің | Превенция департаментінің)."""
    found = []
    for head in ORGANISATION_HEAD.finditer(text):
        if not is_singular_ending(head.group("rest")):
            continue  # «комитетіндегілер»: the committee's staff, not the committee
        line = text.rfind("\n", 0, head.start()) + 1
        words = list(re.finditer(r"[^\s\u00a0]+", text[line : head.start()]))[-NAME_WORDS:]
        start, after, second = None, "", ""  # the words after this one, nearest first
        for word in reversed(words):
            # «және» joins a name's lower-case words (… істері және сыбайлас … агенттігі), but two names after a
            # capital (Алматы облысы және Шымкент қаласы әкімдігі); a word before «қаласы» is a place's bare name
            # whatever it ends in (Астана қаласы әкімдігі).
            joins = (word.group() == "және" and start is None) or PLACE_KIND.fullmatch(after)
            if not joins and (NAME_BREAK.fullmatch(word.group().strip('«»"')) or HEAD_WORD.fullmatch(word.group())):
                break
            if not joins and (_is_an_office(word.group()) or NOT_IN_A_BODY.fullmatch(word.group())):
                break  # an office, «пен», a surname: no part of a body's name (Ерлан Нұров пен | білім басқармасы)
            in_a_case = ADVERBIAL_FIRST.fullmatch(word.group()) and not word.group().endswith("стан")
            if in_a_case and PLACE_KIND.fullmatch(after):
                break  # Іс-шараға | облыстық білім басқармасының (but Түркістан облыстық …: «-стан» is no ablative)
            if PARTICIPLE.fullmatch(word.group()) and after[:1].isupper():
                break  # сөз алған | Қазақстан Республикасы … агенттігінің: a clause's verb, then the name
            if ACCUSATIVE.fullmatch(word.group()) and after[:1].isupper():
                break  # Қылмыстық істі | Қаржы мониторинг агенттігі: an object, then the name (not «киноны қолдау»)
            if BARE_HEAD.fullmatch(word.group()) and after[:1].isupper():
                break  # … қарсы қызмет | Талғар ауданы әкімдігінің: a body named whole, then another
            if PLACE_NOMINATIVE.fullmatch(word.group()) and after[:1].isupper() and _placed(second):
                break  # Қызылорда облысы | Жаңақорған аудандық соты: the region, then a body with a place of its own
            second = after
            if (OWNER.fullmatch(word.group()) or PLACE_GENITIVE.fullmatch(word.group())) and after[:1].isupper():
                break  # Шымкенттің | Мәдениет басқармасы, Алматы қаласының | Жастар саясаты басқармасы: a place in the
                # genitive owns the body named after it
            if IN_A_NAMED_PLACE.fullmatch(word.group()):
                break  # Мәжілістегі | … партиясының: where a body sits is no part of its name (but … жөніндегі is)
            after = word.group()
            if word.group()[:1].isupper() or word.group()[:1] in '«"':
                start = line + word.start()
        if start is not None:
            found.append(Span(start + _unclosed_mark(text, start, head.end()), head.end()))
    return found


def _placed(word: str) -> bool:
    """A body's word that says where it is (аудандық, қалалық, ауданы): after a place's name it makes that
    body one of its own, not the place's (Шымкент қаласы Мәдениет басқармасы is the city's)."""
    return PLACE_KIND.fullmatch(word) is not None or PLACE_NOMINATIVE.fullmatch(word) is not None


def _is_an_office(word: str) -> bool:
    """An office with Kazakh endings (басшысы, депутаттарына), not a word built on one (мамандандырылған)."""
    low = word.lower()
    return any(low.startswith(stem) and is_ending(low[len(stem) :]) for stem in POST_WORDS)


def _unclosed_mark(text: str, start: int, end: int) -> int:
    """1 where a name begins at a quotation mark it does not close (a quotation's first words: «Тергеу соты …)."""
    return int(text[start] in '«"„“' and not any(mark in text[start + 1 : end] for mark in '»"“”'))


# An initial glued to a capitalised name is a person's, whatever the name's shape (Ж.Батырхан, К.Қалиева), save a
# street's or a place's named after one (Қ. Қайсенов көшесі); the name takes Kazakh endings (Ж.Батырханның).
INITIAL_AND_NAME = re.compile(
    rf"(?<![\w.])(?:[{UPPER}]\.){{1,2}}[{UPPER}][{LOWER}]{{2,}}(?:{ENDING.pattern})(?![\w.-])"
    rf"(?![\s\u00a0]+(?:ауданы|облысы|қаласы|ауылы|көшесі|даңғылы|атындағы))"
)


# A byline on a line of its own, the surname in capitals: «Гаухар ТӨЛЕКБАЙ» under a report.
BYLINE = re.compile(rf"(?m)^[ \t\u00a0]*([{UPPER}][{LOWER}]+[ \t\u00a0]+[{UPPER}]{{3,}}(?:-[{UPPER}]+)?)[ \t\u00a0]*$")


# A name in the official order: surname, first name, patronymic (Мырзалиев Мейіржан Иябайұлы).
OFFICIAL_NAME = re.compile(
    rf"(?<![\w.])[{UPPER}][{LOWER}]+(?:ов|ев|ин|ова|ева|ина)[\s\u00a0]+[{UPPER}][{LOWER}]+[\s\u00a0]+"
    rf"[{UPPER}][{LOWER}]+(?:ұлы|қызы|ович|овна|евич|евна)(?:{ENDING.pattern})(?![\w])"
)


def person_names(text: str) -> list[Span]:
    """Names shaped like a person's: a first name or an initial, and a surname; the official order; and a
    byline's name; none inside another."""
    bylines = [Span(*m.span(1)) for m in BYLINE.finditer(text)]
    patterns = (PERSON_NAME, OFFICIAL_NAME, INITIAL_AND_NAME)
    spans = {Span(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text)}
    spans |= set(bylines)
    inside = {s for s in spans if any(o != s and o.start <= s.start and s.end <= o.end for o in spans)}
    return sorted(spans - inside)


def tagged(text: str, tagger: Tagger) -> list[tuple[str, Span, str]]:
    """(class, span, surface) of every entity the CRF finds, sentence by sentence,
    trimmed and split where Kazakh names end."""
    found = []
    for sentence in sentences(text):
        tokens = tokens_of(text, sentence)
        tags = tagger.tag([t for t, _, _ in tokens])
        for first, last, kind in sorted(iob2_spans(tags)):
            if _in_a_headline(tokens, first, last):
                continue
            for piece_kind, piece in _pieces(kind, tokens[first:last]):
                span = Span(piece[0][1], piece[-1][2])
                found.append((piece_kind, span, span.exact(text)))
    return found


def _in_a_headline(tokens: list[tuple[str, int, int]], first: int, last: int) -> bool:
    """One word in capitals beside others in capitals: a headline's (АЛДЫН АЛУ ШАРАЛАРЫ), not an abbreviation."""
    beside = [tokens[i][0] for i in (first - 1, last) if 0 <= i < len(tokens)]
    return last - first == 1 and tokens[first][0].isupper() and any(w.isupper() and len(w) > 1 for w in beside)


def _pieces(kind: str, tokens: list[tuple[str, int, int]]) -> list[tuple[str, list]]:
    """A found span as the names it holds: leading dashes and speech verbs
    dropped; spans of numbers or shouted headline words dropped; a post's
    organisations and place split off (ҚР … агенттігінің | Атырау облысы
    бойынша департаментінің | басшысы)."""
    while tokens and NOT_A_NAME_START.fullmatch(tokens[0][0]):
        tokens = tokens[1:]
    while len(tokens) > 1 and ADVERBIAL_FIRST.fullmatch(tokens[0][0]) and tokens[1][0][:1].isupper():
        tokens = tokens[1:]  # «Желіде | Түркістан облысы …»: a word in a clause's case opens no name
    words = [t for t, _, _ in tokens]
    if not tokens or any(w.isdigit() for w in words) or (len(words) == 1 and words[0].isupper() and len(words[0]) > 5):
        return []
    pieces, start = [], 0
    for index, word in enumerate(words[:-1]):
        if ORGANISATION_GENITIVE.fullmatch(word):
            pieces.append(("ORGANISATION", tokens[start : index + 1]))
            start = index + 1
        elif PLACE_GENITIVE.fullmatch(word) and kind == "POSITION" and start == 0:
            pieces.append(("GPE", tokens[: index + 1]))
            start = index + 1
        elif PLACE_NOMINATIVE.fullmatch(word) and kind == "POSITION" and start == 0 and words[0][:1].isupper():
            pieces.append(("GPE", tokens[: index + 1]))  # Байқоңыр ауданы | әкімі: the place, then its office
            start = index + 1
    rest = tokens[start:]
    is_post = rest[-1][0].lower().startswith(POST_WORDS)
    pieces.append(("POSITION" if pieces and is_post else kind, rest))
    return pieces


def candidates(text: str, found: list[MentionFound], mentions: list[Mention]) -> list[dict]:
    """New entities: what the analysis found but could not link, year ranges,
    and «titles» with their years."""
    proposed: dict[str, dict] = {}
    for mention in found:
        if mention.link is None and mention.type in CANDIDATE_CLASSES:
            key = f"{CANDIDATE_CLASSES[mention.type].lower()}/{slug(mention.text)}"
            proposed.setdefault(
                key,
                {
                    "id": key,
                    "type": CANDIDATE_CLASSES[mention.type],
                    "found_as": mention.why,
                    "label": {"kk": mention.text},
                    "start": mention.start,
                },
            )
    found_by_pattern = _years_and_titles(text, mentions)
    return sorted({**found_by_pattern, **proposed}.values(), key=lambda c: c["start"])


# After a quotation, what makes it words said: a dash or a verb of saying (but «…» деп аталатын names a title).
SAID_AFTER = re.compile(r"\s*[,.!?]?\s*(?:[–—-]\s|де(?:п|ді|йді|ген)(?!\s+атал)(?!\w))")


def _years_and_titles(text: str, mentions: list[Mention]) -> dict[str, dict]:
    found: dict[str, dict] = {}
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
        if len(title.split()) > TITLE_WORDS or SAID_AFTER.match(text, match.end()) or title.rstrip()[-1] in ",.!?…":
            continue  # someone's words, not a title: long, closed by a cue (», – деді), or ending a sentence
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
    return found

"""Posts named by their office, not by who holds it (облыс әкімі, төрағасының орынбасары, бас маманы,
Білім және ғылым министрі), where something in the text says the office is a particular one."""

from __future__ import annotations

import re

from kg.ingest.candidates import HEAD_WORD, LOWER, NAME_BREAK, PLACE_GENITIVE, UPPER
from kg.kazakh import is_singular_ending
from kg.pipeline.spans import Span

# A post named by its office, not by who holds it: облыс әкімі, төрағасының орынбасары, бас маманы. A bare
# noun before the office is part of the post's name (Агенттік төрағасы, облыс әкімі); a genitive one
# (Агенттіктің … басшысы) is a name of its own.
POST_HEADS = (
    "әкім",
    "төраға",
    "төрайым",
    "басшы",
    "маман",
    "бастығ",
    "бастық",
    "директор",
    "прокурор",
    "хатшы",
    "министр",
    "вице-министр",
    "кеңесші",
    "көмекші",  # басшысы мен оның көмекшісіне: an assistant joined to an office
    "меңгеруші",
    "депутат",
    "сенатор",  # a member of the Senate, named by the one word
    "мәжілісмен",
    "журналист",  # журналист Нартай Аралбайұлына: an occupation before its holder's name
    "судья",
    "тергеуші",
    "инспектор",
    "президент",
    "елбасы",
    "премьер-министр",
    "вице-премьер",
    "спикер",
    "елші",
    "ректор",
    "канцлер",
    "мүше",
    "орынбасар",  # оның орынбасары Олжас Бектенов
    "есепші",  # бас есепшісі
    "бухгалтер",  # бас бухгалтері
    "дәрігер",  # аурухананың бас дәрігері
    "жетекші",  # топтың жетекшісі
)
# A representative is an office only as a body's spokesman (ресми өкілі): «Агенттік өкілі» is the body's.
REPRESENTATIVE = "өкіл"
POST_OF = ("орынбасар", "кеңесші", "көмекші", "хатшы")  # төрағасының орынбасары: the office of an office
# Ministries' fields, in lower case before «министр» or «министрлігі»: мәдениет және спорт министрі.
MINISTRY_FIELD = (
    r"(?:қаржы|әділет|ішкі\s+істер|сыртқы\s+істер|денсаулық\s+сақтау|білім(?:\s+және\s+ғылым)?|ауыл\s+шаруашылығы|"
    r"ұлттық\s+экономика|энергетика|қорғаныс|цифрлық\s+даму|экология|мәдениет(?:\s+және\s+спорт)?|"
    r"еңбек(?:\s+және\s+халықты\s+әлеуметтік\s+қорғау)?|көлік|өнеркәсіп|сауда(?:\s+және\s+интеграция)?)"
)
POST_PHRASE = re.compile(
    r"(?<![\w-])(?:(?:облыс|аудан|қала|өңір|ауыл|агенттік|департамент|министрлік|комитет|басқарма|мемлекет|ведомство|"
    r"сот|партия|кеңес|комиссия|мекеме|үкімет|тұңғыш|сенат|мәжіліс|парламент|палата|ұлттық\s+банк|бөлім|мектеп|"
    r"колледж|аурухана|кәсіпорын|баспасөз)\s+)?(?P<former>экс-)?(?P<vice>вице-)?"
    rf"(?P<field>(?:(?!(?:оның|олардың|менің|біздің|сіздің)\s)[\w-]+\s+){{1,3}}жөніндегі\s+|{MINISTRY_FIELD}\s+(?=министр))?(?:(?:бас|ресми)\s+)?"
    rf"(?P<head>(?:{'|'.join(sorted(POST_HEADS, key=len, reverse=True))}|{REPRESENTATIVE})\w*)"
    rf"(?P<of>\s+(?:бұрынғы\s+)?(?:бірінші\s+|аға\s+)?(?:{'|'.join(POST_OF)})\w*)?"
    rf"(?P<acting>\s+міндетін(?:\s+уақытша)?\s+атқар(?:ушы|ған)\w*)?(?![\w]|-\w)",  # «төрайымы- Ырза»
    re.IGNORECASE,
)
# An office's field before it (аса маңызды істер жөніндегі тергеушісі; not a pronoun: оның | шаруашылық істері
# жөніндегі орынбасары), and «міндетін атқарушы» after it (the acting holder: бастығының міндетін уақытша атқарушы)
# belong to the post's name; so does a senior or first deputy's rank (прокурорының аға көмекшісі).
# A body's name in the genitive before an office makes it that body's (қызметінің басшысы, орталығының басшысы).
BODY_GENITIVE = re.compile(
    r"(?:қызмет|орталығ|кеңсе|бөлім|орган|сот|ұйым|қор|мекеме|университет|компания|банк|кеңес|комиссия|"
    r"коллегия|алқа|палата|қоғам|театр|дирекция|инспекция|аппарат|әуежай|тоб|филиал|музей|академия|институт|"
    r"колледж|мектеп|аурухана|штаб)\w*(?:[нтд][ыі]ң)",
    re.IGNORECASE,
)


def _is_post_word(word: str, stems: tuple[str, ...]) -> bool:
    """The office itself with Kazakh endings (әкімі, төрағасының), not a word built on it (әкімшілік, әкімдік)
    nor the plural (мамандар, әкімдері: a group, no one post)."""
    low = word.lower()
    return any(low.startswith(stem) and is_singular_ending(low[len(stem) :]) for stem in stems)


# Last words of a post's name besides the offices above: the acting holder, ranks, a body's representative.
OTHER_POST_ENDS = ("атқарушы", "өкіл", "полковник", "генерал", "майор", "қызметкер", "сарапшы", "жетекші", "мүше")


def ends_in_an_office(words: str) -> bool:
    """Whether a phrase ends where a post's name ends, in an office (… төрағасының орынбасары), not in
    some other word a tagger took along («Жемқорлық – ел дамуының басты кедергісі»)."""
    last = re.findall(r"[\w-]+", words.lower())[-1:] or [""]
    return last[0].startswith((*POST_HEADS, *POST_OF, *OTHER_POST_ENDS))


def post_phrases(text: str) -> list[Span]:
    """Posts named by their office where something says the office is a particular one."""
    found: list[Span] = []
    offices: set[str] = set()
    for match in POST_PHRASE.finditer(text):
        if not _is_post_word(match.group("head"), (*POST_HEADS, REPRESENTATIVE)) or _a_bodys_representative(
            text, match
        ):
            continue
        of = match.group("of")
        end = match.end("of") if of and _is_post_word(of.split()[-1], POST_OF) else match.end("head")
        end = match.end("acting") if match.group("acting") else end
        start = _ministry_start(text, match) if match.group("head").lower().startswith("министр") else match.start()
        start = match.start("field") if match.group("field") else start
        if OFFICE_OF_A_POST.match(text, end):
            continue  # «ауданы әкімі аппаратының»: the akim's office is a body, and the post part of its name
        # A capital makes an office particular (Облыс әкімі); but a deputy opening a sentence is anyone's.
        capital = text[start].isupper() and not text[start:end].lower().startswith("орынбасар")
        # A former holder (экс-министрдің) and a minister by the ministry's field are one particular person.
        particular = match.group("former") or (match.group("field") and not match.group("field").endswith("жөніндегі "))
        the_akim = _the_akim(text[start:end]) and AN_AKIM.search(text) is not None
        joined = _joined_to_an_office(text, start) or match.group("head").lower().startswith(ONE_HOLDER)
        if capital or particular or the_akim or joined or _a_particular_office(text, start, end):
            found.append(Span(start, end))
            if re.match(rf"[\s\u00a0]+[{UPPER}]", text[end:]):  # its holder named: a particular one
                offices.add(_office_of(match))
        elif _office_of(match) in offices and start == match.start("head") - len(match.group("vice") or ""):
            found.append(Span(start, end))  # «вице-министрі Мансұр …», then «вице-министрдің»: the same post
    return found


def _office_of(match: re.Match[str]) -> str:
    """The office a post phrase names, without its endings: «вице-министр», «сенатор»."""
    head = match.group("head").lower()
    stem = max((s for s in POST_HEADS if head.startswith(s)), key=len, default=head)
    return (match.group("vice") or "").lower() + stem


def _joined_to_an_office(text: str, start: int) -> bool:
    """An office joined by «мен», «және» to one just before it, a few words apart at most: the same body's
    (бөлімінің басшысы мен орынбасарымен, бұрынғы басшысы мен қызмет атқарып жатқан орынбасары)."""
    before = text[max(0, start - 80) : start]
    return re.search(rf"{JOINED_OFFICE}(?:[\w-]+[\s\u00a0]+){{0,4}}$", before) is not None


def _a_bodys_representative(text: str, match: re.Match[str]) -> bool:
    """«Агенттік өкілі» is the body's and a representative, no office; «ресми өкілі» (its spokesman) is one."""
    head = match.group("head").lower()
    return head.startswith(REPRESENTATIVE) and re.search(r"ресми[\s\u00a0]+$", text[: match.start("head")]) is None


PRONOUNS = {"Ол", "Оның", "Оған", "Бұл", "Бұған", "Мұның", "Осы", "Осының", "Олар", "Біз", "Біздің", "Мен", "Менің"}


def _ministry_start(text: str, match: re.Match[str]) -> int:
    """A minister's title begins at its ministry's first capital: Білім және ғылым министрі."""
    if match.start() != match.start("head"):
        return match.start()
    words = list(re.finditer(r"[^\s\u00a0]+", text[max(0, match.start() - 60) : match.start()]))[-4:]
    offset = max(0, match.start() - 60)
    for word in reversed(words):
        if word.group() != "және" and (NAME_BREAK.fullmatch(word.group()) or HEAD_WORD.fullmatch(word.group())):
            break
        if word.group()[:1].isupper():
            return offset + word.start() if word.group() not in PRONOUNS else match.start()
    return match.start()


# Offices the country has one holder of: the Prime Minister (премьер-министрден) is one person.
ONE_HOLDER = ("премьер-министр",)
# An office, then «мен» or «және»: the office after it is the same body's.
JOINED_OFFICE = (
    r"(?<![\w-])(?i:басшы|төраға|директор|бастығ|меңгеруші|әкім)\w*[\s\u00a0]+(?:мен|пен|бен|және)[\s\u00a0]+"
)
# A place's akim the text names: then «әкім» alone is that akim (Талғар ауданының әкімі … әкім пара алды), not
# any akim («министр немесе әкім қызметтен кетуі тиіс»).
AN_AKIM = re.compile(rf"(?:[{UPPER}]\w+|(?i:облыс|аудан|қала)\w*)[\s\u00a0]+әкімі")
# «әкім» alone or with a bare place noun, in any singular case, and its deputy: аудан әкімінің, әкіммен,
# әкімнің орынбасары.
AKIM_ALONE = re.compile(
    r"(?:(?:облыс|аудан|қала)[\s\u00a0]+)?әкім(?:і|ін)?(?:нің|ің|ге|не|мен|де|нен|ді|ні)?"
    r"(?:[\s\u00a0]+орынбасары\w*)?",
    re.IGNORECASE,
)


def _the_akim(words: str) -> bool:
    """The akim's office named by «әкім» alone (or with a bare «аудан», «облыс», «қала»), in any singular case,
    or its deputy's: where the text names a place's akim, the one that akim holds."""
    return AKIM_ALONE.fullmatch(words) is not None


OFFICE_OF_A_POST = re.compile(r"[\s\u00a0]+аппарат", re.IGNORECASE)
# A named place's noun in the nominative before an office: Түркістан облысы | әкімінің орынбасары.
NAMED_PLACE = re.compile(r"(?:облысы|ауданы|қаласы)")
# A person's name and a comma before an office: «Ерлан Нұров, облыс прокуроры».
NAME_AND_COMMA = re.compile(rf"[{UPPER}][{LOWER}]+[\s\u00a0]+[{UPPER}][{LOWER}]+,[\s\u00a0]+$")


def _a_particular_office(text: str, start: int, end: int) -> bool:
    """A name follows the office (облыс әкімі Махамбет …), an organisation's or a place's name precedes it
    (… агенттігі төрағасының орынбасары, Атырау облысының әкімі, Қасымовтың орынбасары), or it follows a
    name and a comma (Ерлан Нұров, облыс прокуроры)."""
    after = re.match(r"[\s\u00a0]+([«\"]?\w)", text[end:])
    # A former holder's or a count of holders' words stand between the body and its office: «Әуежайдың бұрынғы
    # басқарма төрағасының», «аппаратының екі бас маманы».
    before = re.search(
        r"(\w+)(?:[\s\u00a0]+(?:бұрынғы|екі|үш|төрт|бес))?[\s\u00a0]+$", text[max(0, start - 50) : start]
    )
    word = before.group(1) if before else ""
    genitive = re.search(r"(?:ның|нің|дың|дің|тың|тің)$", word) is not None
    of_a_body = any(p.fullmatch(word) is not None for p in (HEAD_WORD, PLACE_GENITIVE, BODY_GENITIVE, NAMED_PLACE))
    # A place's bare name before an akim's office is the place's: Шымкент әкімі, Астана әкімі.
    of_a_body = of_a_body or (word[:1].isupper() and text[start:end].lower().startswith("әкім"))
    proper = word[:1].isupper() and re.search(r"(?:^|[.!?…]\s*|\n\s*)$", text[: max(0, start - len(word) - 1)]) is None
    of_a_body = of_a_body or (genitive and proper)
    of_a_name = NAME_AND_COMMA.search(text[max(0, start - 60) : start]) is not None
    return bool(after and after.group(1)[-1].isupper()) or of_a_body or of_a_name

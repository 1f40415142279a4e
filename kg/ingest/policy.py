"""Names that policy reporting builds by grammar (council and commission meetings, documents, parliament),
found without a gazetteer: a chamber of Parliament with the state's name, the President's Address by its
quoted title, laws listed by their quoted titles before a plural «заңдар», an order by its number, rules
approved by one, a village district, a primary party organisation, a meeting named by the body that holds
it, and the anti-corruption service by its common name. Each finder gives the whole name with the case ending
its last word carries.
"""

from __future__ import annotations

import re

from kg.ingest.patterns import LOW, SP, UP, longest, span_of
from kg.kazakh import is_ending, is_singular_ending
from kg.pipeline.spans import Span

STATE = rf"(?:(?:ҚР|Қазақстан{SP}Республикасы(?:ның)?){SP})?"
# Қазақстан Республикасының Парламенті Сенатының, Парламент Мәжілісі: a chamber named with its Parliament; the
# Senate by its name alone (Сенат Төрағасы), capitalised.
CHAMBER = re.compile(rf"(?<![\w-])(?:{STATE}Парламент(?:і|інің)?{SP})?(?:Сенат|Мәжіліс)(?:[ыі])?(?P<ending>\w*)")
QUOTED = r"[«\"“][^«»\"“”\n]{3,160}[»\"”]"
# «Халық бірлігі және жүйелі реформалар – …» атты Қазақстан халқына арнаған Жолдауы: the Address by its title.
TITLED_ADDRESS = re.compile(
    rf"{QUOTED}{SP}атты{SP}(?:[\w-]+{SP})?(?:[Хх]алқына{SP})?(?:арнаған{SP})?Жолдау(?P<ending>\w*)"
)
# «Сыбайлас жемқорлықпен күрес туралы», «… шаралары туралы» заңдарды: each title is a law of its own, the plural
# noun the list's.
LISTED_LAWS = re.compile(rf"{QUOTED}(?:,{SP}{QUOTED})*(?:,?{SP}және{SP}{QUOTED})?{SP}(?i:заңдар|кодекстер)\w*")
TITLE_IN_A_LIST = re.compile(r"[«\"“][^«»\"“”\n]{3,160}?туралы[»\"”]")
# … 2016 жылғы 19 қазандағы 12 бұйрығымен, № 153 қаулысы: an order or a resolution by its number.
ORDER = re.compile(r"(?<=\d)[\s\u00a0](?P<order>(?:бұйры[ғқ]|қаулы)(?P<ending>\w*))(?![\w-])")
# … бұйрығымен бекітілген Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидалары: rules,
# a regulation or a procedure that an act approved, named from its first capital.
APPROVED = re.compile(
    rf"(?<=бекітілген)[\s\u00a0](?P<title>[{UP}][\w-]*(?:{SP}[{LOW}][\w-]*){{0,9}}?{SP}"
    rf"(?:қағидалар|ереже|тәртіб|тәртіп|нұсқаулық)(?P<ending>\w*))(?![\w-])"
)
# Арықты ауылдық округіндегі, Қосшы кенттік округі: a rural or settlement district.
RURAL_DISTRICT = re.compile(rf"(?<![\w-])[{UP}][\w-]+{SP}(?:ауылдық|кенттік){SP}округ(?P<ending>\w*)")
# бастауыш партия ұйымының: a party's primary organisation, its cell in a village or a body.
PARTY_CELL = re.compile(rf"(?<![\w-])[Бб]астауыш{SP}партия{SP}ұйым(?P<ending>\w*)")
# антикор, антикорға: the anti-corruption service by its common name in lower case (not антикорлық, an adjective).
ANTIKOR = re.compile(r"(?<![\w-])антикор(?P<ending>\w*)(?![\w-])")
# комиссияның | отырысында: a meeting after the genitive of the body that holds it, a mention of its own; Қоғамдық
# кеңес отырысы, дөңгелек үстел отырысы: a meeting named whole by the council or round table it is.
MEETING_OF_A_BODY = re.compile(
    rf"(?<![\w-])[\w-]*(?i:комиссия|кеңес|алқа|мәслихат)\w*(?:ның|нің|тың|тің){SP}"
    rf"(?P<meeting>(?:(?:кезекті|кезектен{SP}тыс|\d+-\w+){SP})?(?:отырыс|сессия)(?P<ending>\w*))(?![\w-])"
)
# … but after a word of the body's own name (ведомствоаралық комиссия | отырысы) the meeting is named alone.
NAMED_MEETING = re.compile(
    rf"(?<![\w-])(?:[Кк]еңес|[Кк]омиссия|[Дд]өңгелек{SP}үстел){SP}(?P<meeting>отырыс(?P<ending>\w*))(?![\w-])"
)
NAME_WORD_BEFORE = re.compile(rf"(?:[\w-]+(?:[лдт][ыі][қк])|жөніндегі){SP}$", re.IGNORECASE)


def policy_names(text: str) -> list[tuple[str, Span]]:
    """(class, span) of the names policy reporting builds: chambers, the Address, listed laws, orders, approved
    rules, rural districts, party cells and meetings."""
    found = [("ORGANISATION", span_of(m)) for m in CHAMBER.finditer(text) if is_singular_ending(m["ending"])]
    found += [("LAW", span_of(m)) for m in TITLED_ADDRESS.finditer(text) if is_ending(m["ending"])]
    found += [
        ("LAW", span_of(title))
        for m in LISTED_LAWS.finditer(text)
        for title in TITLE_IN_A_LIST.finditer(text, m.start(), m.end())
    ]
    found += [("LAW", Span(*m.span("order"))) for m in ORDER.finditer(text) if is_singular_ending(m["ending"])]
    found += [("LAW", Span(*m.span("title"))) for m in APPROVED.finditer(text) if is_ending(m["ending"])]
    found += [("GPE", span_of(m)) for m in RURAL_DISTRICT.finditer(text) if is_singular_ending(m["ending"])]
    found += [
        ("ORGANISATION", span_of(m))
        for pattern in (PARTY_CELL, ANTIKOR)
        for m in pattern.finditer(text)
        if is_singular_ending(m["ending"])
    ]
    found += [("EVENT", Span(*m.span("meeting"))) for m in MEETING_OF_A_BODY.finditer(text) if is_ending(m["ending"])]
    found += [
        ("EVENT", Span(*m.span("meeting")) if NAME_WORD_BEFORE.search(text, 0, m.start()) else span_of(m))
        for m in NAMED_MEETING.finditer(text)
        if is_ending(m["ending"])
    ]
    return longest(found)

"""Reported speech in a Kazakh news text, with the speaker it resolves to.

Kazakh news reports speech in fixed shapes: «…», – деді X; X: «…»; – …, – деп
атап өтті X; a dash paragraph after someone was named; X-тың айтуынша, …; X …
екенін атап өтті; Бұл туралы X хабарлады. A speech is the span of the words
said; its speaker is the name as written (for a pronoun or an omitted subject,
the person last named), linked to a known person or post only where it overlaps.

Long because each of those shapes is a small function with the commented
vocabulary of reporting verbs and closers it reads; split, the shapes would
each import the others' words."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise

from kg.ingest.analysis import SpeechFound
from kg.ingest.names import Mention
from kg.ingest.posts import POST_HEADS
from kg.pipeline.spans import Span

UP = "A-ZА-ЯӘҒҚҢӨҰҮҺІЁ"
SP = r"[ \t\u00a0]"  # a space that does not end the line
QUOTE_MARKS = {"«": "»", "„": "“”", "“": "”", '"': '"'}  # an opening mark and the marks that close it

# Verbs of reporting, by their stems, and of saying after "деп" ("деп аталатын", is called, "деп атады", named
# it, and "деп саналады", is counted as, are not). Kazakh news reports in the past (атап өтті, хабарлады), the
# present (хабарлайды, айтады), the past participle with or without a copula (атап өткен болатын, мәлімдеген)
# and the evidential (айтыпты).
REPORTING_STEMS = (
    "атап өт",
    "атап көрсет",
    "атап айт",
    "баса айт",
    "айтып өт",
    "мәлімде",
    "мәлім ет",
    "мәлімдеме жаса",
    "айт",
    "жеткіз",
    "ескерт",
    "түсіндір",
    "алға тарт",
    "хабарла",
    "жаз",
    "нақтыла",
    "мойында",
    "раста",
    "жария ет",
    "жариял",  # "Бұл туралы X парақшасында жариялады" (published it)
    "өтін",  # "… сауал жолдауды өтінді" (asked that)
    "қосып өт",
    "қос",  # "… алынғанын қосты" (added that)
    "меңзе",  # "… толмайтынын меңзеді" (hinted that)
    "түйінде",  # "деп түйіндеді" (concluded)
    "сенім білдір",  # "деп сенім білдірді" (was confident that)
)
SAYING_STEMS = (
    *REPORTING_STEMS,
    "баса атап өт",
    "тоқталып өт",
    "қосып өт",
    "пікір білдір",
    "сенім білдір",
    "алаңдаушылық білдір",
    "түйінде",
    "сөзін түйінде",
    "қорытындыла",
    "толықтыр",
    "тоқтал",
    "сендір",
    "есепте",
    "сана",
    "қос",
    "сұра",
    "жауап бер",
    "түсініктеме бер",
    "еске сал",
    "ұсын",
    "шақыр",
    "талап ет",
    "айтып бер",
    "түсіндіріп бер",
    "сөзін аяқта",
    "ой бөліс",
    "пікірімен бөліс",
    "бөліс",
    "назар аудар",
    "баса назар аудар",
    "кеңес бер",
    "хабар тарат",
    "үміт ет",
    "сен",
    "түй",  # "… деп түйді" (concluded)
    "топшыла",  # "… болуы мүмкін деп топшылады" (surmised)
    "болжа",  # "… деп болжады" (supposed)
)
TENSE = r"(?:[дт][ыі]|[ае]?й?д[ыі]|[ғгқк][ае]н(?:\s+(?:болатын|еді))?|[ыі]?пт[ыі]|[ыі]?п\s+отыр|уде)"


def _inflected(stems: tuple[str, ...]) -> str:
    """A regex of the verbs' finite forms (past, present, participle, evidential), longest stem first."""
    longest_first = sorted(stems, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(stem).replace(r"\ ", r"\s+") for stem in longest_first) + ")" + TENSE


REPORTING = _inflected(REPORTING_STEMS)
SAYING = rf"{_inflected(SAYING_STEMS)}|отыр"
CUE = re.compile(rf"(?<!\w)(?:деп\s+(?:{SAYING})|деді|дейді|деген|депті)(?!\w)")
# A quotation's closing mark, a comma or dash, then the cue: «…», – деді / «…»,- деді / «…» – деп.
QUOTE_CLOSER = re.compile(rf"(?P<gap>[ \t\u00a0.,]*(?:[–—-][ \t\u00a0,]*)?)(?P<cue>{CUE.pattern})")
# A quotation from a document: «…», – делінген хабарламада; its issuer only where named after it (делінген
# агенттіктің хабарламасында), else no one.
DOCUMENT_CUE = re.compile(r"(?<!\w)(?:делінген|делінеді|деп\s+(?:жазылған|көрсетілген|айтылған))(?!\w)")
DOCUMENT_CLOSER = re.compile(rf"[ \t\u00a0.,]*(?:[–—-][ \t\u00a0,]*)?(?P<cue>{DOCUMENT_CUE.pattern})")
# A quotation its writer left open and closed by a cue all the same: «…, – деді X. / "…, - делінген хабарламада.
OPEN_CLOSER = re.compile(rf"[,!?…]{SP}*[–—-]{SP}*(?:(?P<cue>{CUE.pattern})|(?P<document>{DOCUMENT_CUE.pattern}))")
# The dash that closes a dash-opened quotation ("…, – деп атап өтті"); not a hyphen inside a word (100-деген).
DASH_BEFORE = re.compile(r"[,!?…]?[ \t\u00a0]*(?<![\w-])[–—-][ \t\u00a0]*$")
# "…, – Антикор делінген хабарламасында": the issuer named between the dash and the cue.
DASH_ISSUER = re.compile(rf"[,!?…]{SP}*[–—-]{SP}*(?P<issuer>[{UP}][\w.-]*(?:{SP}+[{UP}][\w.-]*){{0,2}}){SP}+$")
# A dash opening direct speech, at a line's start or after a sentence's end ("… берді. – Қазақстан …"); a
# paragraph so opened, with a capital, is an interview's answer or a speech going on.
DASH_OPENER = re.compile(rf"(?:^{SP}*|(?<=[.!?…:]){SP}+)[–—-]{SP}*(?=\S)", re.M)
DASH_LINE = re.compile(rf"^{SP}*[–—-]{SP}*(?=[«\"{UP}])(?P<body>[^\n]*[^\s])", re.M)
COLON_VERB = re.compile(rf"(?<!\w)(?:былай\s+)?(?:деді|дейді|{REPORTING})\s*$")  # "X былай деді: …"
# A sentence ends at . ! ? … before a space, but not after an initial (Н. Назарбаев); a line break ends one too.
SENTENCE_END = re.compile(rf"(?<!\b[{UP}])[.!?…]+(?=\s|$)|\n")
# Heads of a speaker's description: posts, occupations, people ("басшысы Анар ЖАРОВА", "жазушы Сәдібек Түгел").
TITLE = (
    r"(?i:басшы|орынбасар|төраға|төрайым|әкім|министр|сенатор|мәжілісмен|кеңесші|маман|директор|бастығ|бастық|прокурор|депутат|өкіл|"
    r"хатшы|меңгеруші|қызметкер|сарапшы|судья|тергеуші|президент|жетекші|инспектор|ректор|мүше|елбасы|қайраткер|"
    r"жазушы|ақын|профессор|журналист|заңгер|тұрғын|кәсіпкер|блогер|белсенді|дәрігер|мұғалім|спикер|азамат|"
    r"зейнеткер|оқушы|студент|ұстаз|шаруа|фермер|психолог|саясаттанушы|политолог|экономист|социолог|адвокат|"
    r"қатысушы)"
)
# nominative: әкімі, өкілдері, басшылық (the management); not a light verb's noun (жетекшілік етті, led; төрағалық
# жасады, chaired)
TITLE_SUBJECT = rf"{TITLE}(?:[ыі]|с[ыі]|[лдт][ае]р[ыі]?|л[ыі][кқ](?!{SP}+(?:ет|жаса)\w*(?!\w))|л[ыі][гғ][ыі])?(?!\w)"
ORGANISATION = (  # the head of an outlet's or organisation's name: "Дәстүр порталы", "баспасөз қызметі"
    r"(?:порталы|сайты|агенттігі|арнасы|телеарнасы|газеті|басылымы|қызметі|тілшісі|ақпарат\w*|компаниясы|ұйымы|"
    r"департаменті|комитеті|әкімдігі|прокуратурасы|партиясы|қауымдастығы|кеңесі|органы|басқармасы)"
)
TITLE_BEFORE = re.compile(rf"(?<!\w){TITLE}[\w-]*[ \t\u00a0,]*$")
# A person's name: initials then a surname (Ғ.Жүндібаев, Н. Назарбаев), or one to three capitalised words.
NAME = re.compile(rf"(?<![\w.])(?:((?:[{UP}]\.{SP}?){{1,2}}[{UP}][\w-]+)|[{UP}][\w-]+(?:{SP}+[{UP}][\w-]+){{0,2}})")
# A surname's ending, then perhaps a case ending: Сүлейменов, ЖАРОВА, Өмірәліұлы, Жарованың, Шпекбаевтың.
SURNAME = re.compile(
    r"\w\w(?:ов|ев|ёв|ин|ова|ева|ёва|ина|ұлы|қызы|ский|ская|енко)"
    r"(?P<case>[тдн][ыі]ң|[тдн][ыі]|[ғгқк][ае]|[нтд][ае]н|[нтд][ае]|мен|пен|бен)?$",
    re.I,
)
ADVERBIAL_FIRST = re.compile(rf"\w+(?:н?[дт][ае]|н?[дт][ае]н|[ғгқк][ае]){SP}+")
PRONOUN = re.compile(r"(?<!\w)(?:[Оо]л|[Оо]ның|[Оо]лар|[Оо]лардың)(?!\w)")
# A group or post as the subject when no one is named: "Агенттік өкілдері", "Премьер-министр", "Министрлік".
GROUP = re.compile(rf"(?<![\w.])(?:[{UP}][\w-]+{SP}+)?(?:бас{SP}+|\w+-)?(?:{TITLE_SUBJECT}|{ORGANISATION}(?!\w))")
# A speaker described without a name, up to its head: "Дәстүр порталы", "… департаментінің басшысы"; the words
# before the head are not accusative or locative ("ресми сайтында жарияланған хабар" is no speaker).
MODIFIER = r"(?![^\s,.]*(?:да|де|та|те|ын|ін)(?![\w-]))[^\s,.]+(?:\.\w+)*"  # a site's name too: Tengrinews.kz
HEAD_PHRASE = re.compile(rf"(?<![\w-])((?:{MODIFIER}{SP}+){{0,12}}(?:{TITLE}[\w-]*|{ORGANISATION})(?<![ңае])(?![\w-]))")
# Else capitalised words or a site right after the cue: "деп хабарлайды Kazinform", "… kaztag.kz".
OUTLET_NAME = re.compile(rf"\s*([{UP}][\w.-]*(?:{SP}+[{UP}][\w.-]*)*|[\w-]+\.(?:kz|com|ru|org|net)\b)")
# An outlet's name (a site, a Latin name or one in quotation marks), then up to two words, just before a
# description's head noun, or glued to it by a hyphen: "Ranking.kz аналитика ресурсы", "«Егемен Қазақстан»
# газеті", "Yedilov ONLINE Telegram-каналы".
NAMED_BEFORE_HEAD = re.compile(
    rf"(?<![\w.-])([\w-]+(?:\.[\w-]+)+|[A-Z][\w-]+(?:{SP}+[A-Z][\w-]+)*|«[^»\n]+»)(?:{SP}+[\w-]+){{0,2}}(?:{SP}+|-)$"
)
# A medium named by its kind alone, in any case: "Каналдың", "Сайттың", "Басылым".
MEDIUM = re.compile(r"(?i:(?:теле)?канал|(?:теле)?арна|сайт|портал|басылым|газет|ресурс)\w*")
# Indirect speech led by the speaker in the genitive: "Оның айтуынша, …", "Жарованың сөзіне қарағанда …"; a body
# may stand bare, by its head or its abbreviation: "Прокуратура мәліметінше, …", "ҰҚК хабарлауынша" (but not
# "Соңғы мәліметінше", by the latest data); the source's name stays on its line (a heading above it, «НЕ ҮШІН»,
# is none of it).
# The date of a source's words, between the source and the cue: "порталының 2026 жылғы 18 ақпандағы мәліметінше".
DATED = r"(?:\d{4}\s+жылғы\s+)?\d{1,2}\s+[а-яәғқңөұүһі]+(?:дағы|дегі|тағы|тегі)"
BARE_BODY = (
    rf"(?:[{UP}]{{2,}}|(?i:прокуратура|агенттік|министрлік|департамент|комитет|әкімдік|полиция|ведомство|антикор|"
    r"басқарма|сот|қызмет))"
)
ACCORDING_TO = re.compile(
    rf"(?<![\w-])(?P<who>(?:[\w-]+{SP}+){{0,4}}?[\w-]+(?:ның|нің|тың|тің|дың|дің)|{BARE_BODY})\s+"
    rf"(?:{DATED}\s+)?(?P<cue>(?:(?:жариялаған|берген|таратқан|ұсынған)\s+)?(?:(?:ақпаратқа|мәліметке|мәліметтерге|деректерге|ақпаратына|"
    r"мәліметіне|мәліметтеріне|дерегіне|деректеріне)\s+сүйенсек|(?:мәліметіне|дерегіне|ақпаратына)\s+сәйкес|"
    r"(?:мәліметіне|мәліметтеріне|ақпаратына|дерегіне|деректеріне)\s+қарағанда)|"
    r"айтуынша|атап\s+өтуінше|сөзінше|пікірінше|"
    r"мәліметінше|дерегінше|ақпаратынша|хабарлауынша|пайымдауынша|есептеуінше|мәлімдеуінше|түсіндіруінше|бағалауынша|ойынша|"
    r"көзқарасынша|айтуы\s+бойынша|мәліметі\s+бойынша|ақпараты\s+бойынша|(?:мәліметтері|деректері)\s+бойынша|"
    r"сөзіне\s+қарағанда|айтқанындай)(?!\w)"
)
# A body named bare as a sentence's subject (capitalised there): "Агенттік … ескертті", "ҰҚК … хабарлады".
BODY_SUBJECT = re.compile(rf"{BARE_BODY}(?!\w)")
# A body opening its sentence, in the nominative, the locative or the ablative, or those at it: "Облыс әкімдігі …",
# "Прокуратурадан … хабарлады" (from the prosecutor's office, they reported),
# "Қала әкімдігінде …" (at the akimat, they said), "Антикордағылар …"; up to four words of its name before, each
# capitalised, in the genitive or a word bodies' names are made of (облыс, қалалық, сыбайлас, қарсы).
BODY_HEAD = (
    r"(?i:әкімдіг|әкімдік|агенттіг|агенттік|министрліг|министрлік|департамент|басқарма|прокуратура|комитет|"
    r"ведомство|бюро|қызмет|полиция|антикор)"
)
BODY_LEAD = re.compile(
    rf"(?:(?:[{UP}][\w.-]*|[\w-]+(?:[нтд][ыі]ң)|(?i:облыс|қала|аудан)\w*|сыбайлас|жемқорлыққа|қарсы|іс-қимыл|баспасөз)"
    rf"{SP}+){{0,4}}?[\w-]*?{BODY_HEAD}(?:[ыі]|с[ыі])?(?:н?[дт][ае]н?)?(?:ғылар|гілер)?(?![\w-]){SP}+"
    rf"(?![\w-]*[ғгқк][ае]н(?![\w-]))(?!{TITLE}[\w-]*[ыі](?![\w-]))"  # not "Агенттікте өткен …", "Департамент басшысы"
    rf"(?!{TITLE}[\w-]*[нтд][ыі]ң{SP}+(?:бас{SP}+|бірінші{SP}+)?{TITLE})"  # nor "Агенттік төрағасының орынбасары"
)
# The words a headline's question asks (Нұрбекова не дейді?): no words said.
QUESTION_WORD = re.compile(r"(?i:не|нені|кім|қалай|неге|неліктен|қайда|қашан|қандай)")
# A source in the ablative, then the information got from it: "Департаменттен алынған мәліметке қарағанда, …".
FROM_A_SOURCE = re.compile(
    r"(?:^|(?<=[.!?…]\s)|(?<=\n))(?P<who>(?:[\w.-]+\s+){0,4}?[\w.-]+(?:[дт][ае]н|нан|нен))\s+"
    r"(?P<cue>(?:алынған|түскен)\s+(?:мәліметке|ақпаратқа|деректерге)\s+(?:қарағанда|сәйкес|сүйенсек)),?\s*"
)
# "Ақпаратқа қарағанда, …" (according to the information) with no source named: the source the sentence before
# reports, if it reports one, else no one.
UNSOURCED = re.compile(
    r"(?:^|(?<=[.!?…]\s)|(?<=\n))(?P<cue>(?:[Аа]қпаратқа|[Мм]әліметке|[Дд]еректерге)\s+қарағанда|"
    r"(?:[\w-]+\s+){0,3}?(?:[\w-]+[ғгқк][ае]н\s+)?(?i:хабарға|ақпаратқа|мәліметке|деректерге)\s+сенсек|"
    r"(?:[Рр]есми\s+)?(?:[Аа]қпаратқа|[Мм]әліметке|[Дд]еректерге)\s+сәйкес),?\s*"
)  # also "(Әлеуметтік желіде тараған) хабарға сенсек, …": by what is said, with no one named
ADVERBIAL_CASE = re.compile(r"(?:н?[дт][ае]н?|[дт][ае](?:ғылар|гілер))$")  # әкімдігінде, прокуратурадан
PARTICLE = re.compile(r"\s*(?:да|де|та|те)\s+")  # "Прокурор да …" (the prosecutor too): no words said
DISCOURSE = re.compile(  # words that open a clause and are not the speaker: "Алайда тұрғындардың айтуынша"
    r"(?i:ал|алайда|бірақ|жалпы|сондай-ақ|сонымен|қатар|бірге|дегенмен|мысалы|мәселен|яғни|әрине|сонда|қазір|"
    r"бүгін|кеше|тағы|бұл|ретте|осы|орайда),?\s+"  # «Сонымен бірге, Агенттік …»: a comma may close the connective
)
# A sentence-final verb of reporting after a clause headed by a verbal noun in the accusative: "… екенін атап
# өтті.", "… жатқанын айтты.", "… екендігі айтылды." ("… мерейтойын атап өтті" celebrates, "… міндеттерді айтты"
# names a topic.)
# The passive reports words no one is named as saying: "… тіркелгені айтылды", "… екені хабарланды".
PASSIVE = re.compile(r"айтылды|атап\s+өтілді|атап\s+көрсетілді|хабарланды|мәлімделді|жеткізілді|түсіндірілді")
# A participle's clause in the accusative may stand a few words from its verb (… тоқтағанын әлеуметтік желі
# арқылы жария етті), those words no such clause themselves.
ACCUSATIVE_CLAUSE = r"(?:[ғгқк][ае]н|т[ыі]н|екен)[ыі]н"
SAID_THAT = re.compile(
    rf"(?P<head>[\w-]+)(?:(?:(?<=[ғгқк][ае]н[ыі]н)|(?<=т[ыі]н[ыі]н)|(?<=екен[ыі]н))(?:\s+(?![\w-]*{ACCUSATIVE_CLAUSE}(?![\w-]))[\w-]+){{1,3}}?)?"
    rf"(?:\s+(?:да|де|та|те))?\s+(?P<cue>{REPORTING}|{PASSIVE.pattern})(?=[.!?…]|{SP}*(?:\n|$))"
)
# "X атап өткендей, …", "X хабарлағандай, …" (as X noted): the rest of the sentence is X's.
REPORTING_STEM = "|".join(sorted(REPORTING_STEMS, key=len, reverse=True))
AS_SAID = re.compile(rf"(?<!\w)(?P<cue>(?:{REPORTING_STEM})[ғгқк][ае]н(?:[ыі]н)?д[ае]й)\s*,")
# A post as a subject: its office in the nominative, and the bare noun or genitive before it (облыс әкімі,
# Агенттік төрағасының орынбасары, өңір басшысы).
# One word before a place's noun names the place, though it ends as a patronymic does (Аққұлы ауданында).
PLACE_NOUN_AFTER = re.compile(rf"{SP}+(?i:аудан|облыс|қала|ауыл|кент|округ)\w*(?!\w)")
# A person an institution is named after (Абай атындағы мектеп) says nothing in the text and is no one's antecedent.
NAMESAKE = re.compile(rf"{SP}+атында(?:ғы|ғы\w+)(?!\w)")
POST_SUBJECT = re.compile(
    rf"(?<![\w-])(?:[\w-]+(?:[нд][ыі]ң|[тд][ыі]ң)?{SP}+)?(?:бас{SP}+)?(?:{TITLE}[\w-]*{SP}+)?{TITLE_SUBJECT}"
)
OFFICE_BEFORE = re.compile(rf"(?:[\w-]+\s+)?(?<!\w){TITLE}[\w-]*[ \t\u00a0,]*$")  # облыс әкімі | Ерлан Нұров
REGION = re.compile(r"(?i:өңір|облыс|аймақ|аудан|қала)(?=\w*\s)")  # өңір басшысы: the region's head, its akim
# A sentence that announces words to follow without any of its own: a post published, the floor taken.
ANNOUNCED = re.compile(
    rf"(?:(?:жазба|пост|мақала|үндеу|үнпарақ)[\w-]*{SP}+(?:жариялады|жазды|жолдады|қалдырды)|сөз{SP}+(?:сөйледі|алды)|"
    rf"(?:үн|тіл){SP}+қатты)[.!?…:]?{SP}*$"
)
# A rank with no name after a closing cue, its service's words before it (– деді … қызмет полковнигі): the person
# the sentence before reports as speaking, as a bare title is.
RANKED = re.compile(
    rf"(?:[\w-]+{SP}+){{0,6}}?(?i:полковни|подполковни|генерал|майор|капитан|лейтенант)[\w-]*(?<![ңае])"
)
# "Өз сөзін жалғастыра отырып, мемлекет басшысы …" (going on with their words): the title is the speaker before.
CONTINUING = re.compile(r"(?i:сөзін)\s+(?:әрі\s+қарай\s+)?жалғастыр")
# "… сілтеме жасап" (citing …), after an outlet's name: the source cited, in the dative, ends before it.
CITING = re.compile(rf"{SP}+сілтеме{SP}+жаса")
RELAYED = re.compile(r"(?<!\w)деп\s+(?:хабарла|жаз)\w*")  # an outlet's credit: деп хабарлайды, деп жазады
# "шенеуніктің өзі", "оның өзі": someone in the genitive and "өзі" (himself), the person just named.
SELF = re.compile(rf"(?:[\w-]+[нтд][ыі]ң|[Оо]ның){SP}+өзі(?![\w-])")
# Nouns that take up the person last named: "– деді спикер", "Баяндамашының айтуынша".
ANAPHORIC_SPEAKER = re.compile(r"(?i:спикер|баяндамашы)(?:[дтн][ыі]ң)?")
# "– деді ведомство өкілдері" (the office's people): "ведомство", "мекеме" name no office but the one in question, so
# they are the body or staff the sentence before reports as speaking (Облыстық прокуратура … хабарлады).
OFFICE_STAFF = re.compile(r"(?i:ведомство|мекеме)(?:нің)?\s+(?:өкілдері|қызметкерлері)")
# "Агенттік өкілі", "– деді ведомство өкілі": a body's representative, one, is the person last named with that
# body's name just before theirs (… агенттігі … басшысы Саян Ахметжанов); "өкілдері" are a group.
REPRESENTATIVE = re.compile(r"(?P<body>[\w-]{4,})\s+(?i:өкілі)(?:[дтн][ыі]ң)?")
# A body in the instrumental, with up to three words of its name, as a passive's agent (Облыс прокуратурасымен,
# прокуратура органдарымен), not one acting with it (… бірлесіп).
AGENT = re.compile(
    rf"(?P<body>(?:[\w-]+{SP}+){{0,3}}?[\w-]*?(?i:прокуратура|департамент|агенттіг|басқарма|комитет|министрліг|"
    rf"әкімдіг|органдар)[\w-]*?(?:мен|пен|бен))(?![\w-])(?!{SP}+(?:бірлесіп|бірге))"
)
PASSIVE_VERB = re.compile(r"\w+(?:[ыі]?л|[ыі]?н)(?:ды|ді)(?!\w)")  # анықталды, тіркелді, ашылды
SENTENCE_SPANS = re.compile(r"[^.!?…\n]+")
PARAGRAPH_START = re.compile(r"^(?=[^\n]*\S)", re.M)
PASSIVE_HEAD = re.compile(r"(?:[ғгқк][ае]н|т[ыі]н|екен|екендіг)[ыі]$")  # тіркелгені, екені, екендігі
# … екенін атап өтті; … берілмейтініне сенім білдірді (a clause in the dative for a belief); … жолдауды өтінді (a
# verbal noun for what was asked).
CLAUSE_HEAD = re.compile(r"(?:[ғгқк][ае]н|т[ыі]н|екен|[гғ]|у)(?:[ыі]н|[ыі]|[ыі]н[ае])$|уд[ыі]$")
# "Бұл туралы X хабарлады", "Мұны X мәлімдеді", "X осылай деді": X is the source of the text just before.
BACK_REFERENCE = re.compile(
    r"(?<!\w)(?:(?:[Бб]ұл|[Оо]сы)\s+(?:туралы|жөнінде|жайында|хақында)|[Мм]ұны|[Бб]ұны|[Оо]сылай(?:ша)?)(?!\w)"
)
# A body in the dative a question or letter was sent to: "ШҚО әкімдігінің баспасөз қызметіне сауал жолдап"; its
# name's words are abbreviations, a place's name, genitives and "баспасөз" (not a sentence's first word, Тілшіміз).
ASKED = re.compile(
    rf"(?P<body>(?:(?:[{UP}]{{2,}}[\w.-]*|[{UP}][\w-]*{SP}+(?:облысы|қаласы|ауданы)|[\w-]+[нтд][ыі]ң|баспасөз){SP}+){{0,4}}"
    r"[\w-]+(?:ға|ге|қа|ке|на|не))"
    r"\s+(?:ресми\s+)?(?:сауал|сұрау|сұрақ|хат)\s+(?:жолда|жібер|қой)"
)
# A clause, a dash, then the back reference in the same sentence: «Кеше … белгілі болды – бұл туралы X мәлім етті».
DASHED_REFERENCE = re.compile(rf"{SP}+[–—-]{SP}+(?=(?:[Бб]ұл|[Оо]сы)\s+(?:туралы|жөнінде|жайында|хақында)(?!\w))")
REPORTED = re.compile(rf"(?<!\w)(?:{REPORTING}|деді|дейді|деген|деп\s+(?:{SAYING}))(?!\w)")
# "Бұл туралы комиссияның отырысында айтылды", "… стратегиясында айтылған": words told where, by no one named;
# "Бұл туралы облыстық прокуратурада айтылды": by the body there.
SAID_THERE = r"айтыл(?:ды|ған)|атап\s+өтіл(?:ді|ген)|хабарлан(?:ды|ған)"
REPORTED_OR_SAID = re.compile(rf"{REPORTED.pattern}|(?<!\w)(?P<passive>{SAID_THERE})(?!\w)")
# "X … стратегияның іске асырылуына тоқталып, биыл … жеткізді": a topic touched on before the words said.
TOPIC_FIRST = re.compile(r"[^.!?…\n]*?(?:тоқталып|тоқтала\s+келе|тоқтала\s+отырып|айта\s+келіп|шақырып)\s*,\s*")
# "X өз сөзінде …", "X сөз сөйлеп, …", "X баяндама жасап, …", "X ҚазАқпарат тілшісіне берген сұхбатында …" (in an
# interview given to): how X spoke, not what X said.
OWN_WORDS = re.compile(
    r"\s*(?:(?:өз\s+(?:сөзінде|баяндамасында|кезегінде)|сөз\s+(?:сөйлеп|алып)|баяндама\s+жасап|"
    r"(?:[\w.-]+\s+){0,3}?[\w.-]+(?:ға|ге|қа|ке|на|не)\s+берген\s+(?:сұхбат|интервью|түсініктеме)\w*)[\s,]*)?"
)
# "… брифингте", "желідегі парақшасында" (on one's page online) are where, not who.
DOCUMENT_NAME = re.compile(r"(?:\s+(?i:баспасөз|ресми))?\s+\w*(?:хабарлама|мәлімдеме|релиз)\w*[\s.]*$")  # no issuer
PLACE_AND_TIME = re.compile(r"(?:\s+(?:\w+(?:да|де|та|те)(?:ғы|гі)?|бүгін|кеше))+$")


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    link: str | None = None
    case: str = ""  # a name's case ending: "Путинмен", "Нұрлановтың" is no sentence's subject


Resolver = Callable[[], "_Speaker | None"]  # resolved once every direct speech is known


class _Guarded:
    """A resolver that, asked again while it runs, answers no one: a quotation over paragraphs, each opened with
    «, goes on with the speaker of its last part (– деді ол), whose «ол» is sought in the sentence before, which
    is the quotation's first part again."""

    def __init__(self, resolve: Resolver) -> None:
        self.resolve, self.running = resolve, False

    def __call__(self) -> _Speaker | None:
        if self.running:
            return None
        self.running = True
        try:
            return self.resolve()
        finally:
            self.running = False


@dataclass
class _Doc:
    text: str
    mentions: list[Mention]
    quotes: list[tuple[int, int]] = field(default_factory=list)
    people: list[_Speaker] = field(default_factory=list)
    posts: list[_Speaker] = field(default_factory=list)  # posts named alone, as a sentence's subject
    pending: list[tuple[int, int, str, _Speaker | Resolver | None, bool]] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # cues already read as closing a direct speech

    def add(self, start: int, end: int, cue: str, speaker: _Speaker | Resolver | None, direct: bool = True) -> None:
        start, end = _unquoted(self.text, *_trimmed(self.text, start, end))
        if end - start > 1 and not any(s < end and start < e for s, e, *_ in self.pending):
            speaker = _Guarded(speaker) if callable(speaker) and not isinstance(speaker, _Guarded) else speaker
            self.pending.append((start, end, " ".join(cue.split()), speaker, direct))

    def inside_speech(self, pos: int, quotes: bool = True) -> bool:
        spans = [(s, e) for s, e, *_, direct in self.pending if direct] + (self.quotes if quotes else [])
        return any(s <= pos < e for s, e in spans)

    def speaker(self, start: int, end: int) -> _Speaker:
        """A speaker's span, without a leading "Алайда", linked to a person its last word names, else a post."""
        while lead := DISCOURSE.match(self.text, start, end):
            start = lead.end()
        last = max(start, self.text.rfind(" ", start, end) + 1)
        links = [(m.entity, last < m.span.end) for m in self.mentions if m.span.start < end and start < m.span.end]
        person = next((e for e, at_end in links if at_end and e.startswith("person/")), None)
        return _Speaker(start, end, person or next((e for e, _ in links if e.startswith("post/")), None))

    def antecedent(self, pos: int) -> _Speaker | None:
        """Whom «Ол» or an omitted subject means: the person last named before ``pos``, outside quotations;
        but a post named alone after them, in this sentence or the one before, is nearer (Облыс әкімі жиын
        өткізді. «…», – деді ол)."""
        before = [p for p in self.people if p.end <= pos and not self.inside_speech(p.start)]
        nominal = [p for p in before if not p.case or p.case.endswith("ң")]  # not "Путинмен" but "Х-тың айтуынша"
        person = (nominal or before or [None])[-1]
        ends = [m.end() for m in SENTENCE_END.finditer(self.text, 0, pos)]
        near = ends[-2] if len(ends) > 1 else 0  # the sentence before this one begins there
        posts = [p for p in self.posts if near <= p.start and p.end <= pos and not self.inside_speech(p.start)]
        if posts and (person is None or person.end <= posts[-1].start):
            return posts[-1]
        return person

    def speaker_before(self, start: int) -> _Speaker | None:
        """Whom «ол» (he, she) means after a sentence that reports a person's or post's words: that speaker, though
        others were named after them (… орынбасары … атап өтті. «…», – деді ол)."""
        said = self.reporter_before(start)
        if said is None or said in self.people or said in self.posts:
            return said
        words = self.text[said.start : said.end]
        titled = re.search(rf"{TITLE}[\w-]*$", words) is not None
        return said if titled or (said.link or "").startswith(("person/", "post/")) else None

    def reporter_before(self, start: int) -> _Speaker | None:
        """Who the sentence before ``start`` reports as speaking (Х … атап өтті. «…»): a quotation that follows
        such a sentence with no cue of its own goes on with that speaker's words."""
        sentence = _sentence_before(self.text, start)
        if sentence is None:
            return None
        previous = sentence[0]
        said = [w for s, e, _, w, _ in self.pending if w is not None and previous <= e <= start and s < start]
        speaker = said[-1] if said else None
        return speaker() if callable(speaker) else speaker

    def announcer_before(self, start: int) -> _Speaker | None:
        """Who the sentence before ``start`` reports as speaking, else as publishing or taking the floor with no
        words of their own (Академик Х … жазба жариялады. «…»; Х сөз сөйледі. «…»): the subject of that sentence."""
        said = self.reporter_before(start)
        sentence = _sentence_before(self.text, start)
        if said is not None or sentence is None or not ANNOUNCED.search(self.text, *sentence):
            return said
        return self.subject(*sentence)

    def issuer(self, cue_end: int, start: int) -> _Speaker | None:
        """Who issued the document a quotation is from: named after the cue (делінген прокуратураның
        хабарламасында), else the source the sentence before reports."""
        end = _sentence_end(self.text, cue_end)
        document = DOCUMENT_NAME.search(self.text, cue_end, end)
        said = self.described(cue_end, document.start() if document else end) or self.reporter_before(start)
        return said or self.source_before(start) or self.agent_before(start) or self.asked_before(start)

    def asked_before(self, start: int) -> _Speaker | None:
        """The body the sentence before ``start`` says a question was sent to (… ШҚО әкімдігінің баспасөз қызметіне
        сауал жолдап, түсініктеме алды): a comment quoted next with no issuer named is its answer."""
        sentence = _sentence_before(self.text, start)
        asked = ASKED.search(self.text, *sentence) if sentence else None
        return self.speaker(*asked.span("body")) if asked else None

    def agent_before(self, start: int) -> _Speaker | None:
        """The body a sentence before ``start`` (in its paragraph or the two before) names as the agent of a passive,
        in the instrumental: "Облыс прокуратурасымен … схемасы анықталды. … — делінген хабарламада"."""
        starts = [line.start() for line in PARAGRAPH_START.finditer(self.text, 0, start)]
        floor = starts[-3] if len(starts) >= 3 else 0
        for sentence in reversed(list(SENTENCE_SPANS.finditer(self.text, floor, start))):
            agent = AGENT.search(self.text, *sentence.span())
            if agent and PASSIVE_VERB.search(self.text, agent.end(), sentence.end()):
                return self.speaker(*agent.span("body"))
        return None

    def source_before(self, start: int) -> _Speaker | None:
        """The source that ``start``'s paragraph or the one before it last reports (Баспасөз қызметінің
        мәліметінше, …): a statement quoted further on with no issuer named is that source's."""
        own = self.text.rfind("\n", 0, start)
        before = self.text[: max(own, 0)].rstrip()  # paragraphs apart by a blank line too
        previous = before.rfind("\n") + 1 if own > 0 else 0
        said = sorted((e, w) for s, e, _, w, _ in self.pending if w is not None and previous <= s and e <= start)
        speaker = said[-1][1] if said else None
        return speaker() if callable(speaker) else speaker

    def representative(self, said: _Speaker, body: str) -> _Speaker | None:
        """The person last named, if that body's name stands just before their name: its representative. A post
        nearer (… деп сұрады журналист. Агенттік өкілі …) is no one's representative: the person before it is."""
        person = self.antecedent(said.start)
        if person in self.posts:
            named = [p for p in self.people if p.end <= said.start and not self.inside_speech(p.start)]
            person = named[-1] if named else None
        stem = body.lower()[:5]  # агенттік, агенттігі: one stem
        named_with = person is not None and stem in self.text[max(0, person.start - 150) : person.start].lower()
        return person if named_with and person not in self.posts else None

    def omitted_subject(self, start: int) -> _Speaker | None:
        """Whom a sentence with no subject means: the person or post named in the sentence before it (Kazakh
        drops a subject the reader has just met), outside quotations; no one further back."""
        sentence = _sentence_before(self.text, start)
        previous = sentence[0] if sentence else start
        named = [p for p in (*self.people, *self.posts) if previous <= p.start and p.end <= start]
        named = [p for p in named if not self.inside_speech(p.start) and (not p.case or p.case.endswith("ң"))]
        return max(named, key=lambda p: p.start, default=None)

    def holder(self, post: _Speaker) -> _Speaker | None:
        """Who holds a post named without a name, if the text named its holder with that post before:
        «облыс әкімі Ерлан Нұров … Өңір басшысының айтуынша» — the akim is the region's head."""
        said = self.text[post.start : post.end]
        office = None if re.match(BODY_HEAD, said.split()[-1]) else _office(said)  # әкімдік: the akimat, not its akim
        if office is None or any(post.start <= p.start < post.end for p in self.people):
            return None
        holders = [
            p
            for p in self.people
            if p.end <= post.start and _same_office(_office(self.text[max(0, p.start - 60) : p.start], True), office)
        ]
        return holders[-1] if holders else None

    def name_in(self, start: int, end: int, subject: bool = False) -> _Speaker | None:
        inside = [p for p in self.people if start <= p.start and p.end <= end and not (subject and p.case)]
        return next((p for p in inside if not any(o <= p.start < c for o, c in self.quotes)), None)

    def continued(self, end: int) -> _Speaker | Resolver | None:
        """The speaker of a direct speech opening the next paragraph: a long quotation opens each paragraph
        with « (or a dash) and is credited only where it closes."""
        start, speaker = min(((s, w) for s, _, _, w, d in self.pending if d and s > end), default=(end, None))
        gap = self.text[end:start]
        return speaker if "\n" in gap and not gap.strip(' \t\u00a0\n«„“"–—-') else None

    def subject(self, start: int, end: int, groups: bool = True) -> _Speaker | None:
        """Who speaks in ``text[start:end]``: a name, a leading pronoun, else a group or post ("Агенттік өкілдері")."""
        pronoun = PRONOUN.search(self.text, start, end)
        name = self.name_in(start, end, subject=True)
        leading = pronoun and len(self.text[start : pronoun.start()].split()) < 4
        if pronoun and leading and not (name and name.start < pronoun.start()):
            plural = pronoun.group().lower() == "олар" and self.body_before(pronoun.start())
            return plural or self.speaker_before(start) or self.antecedent(pronoun.start())
        group = GROUP.search(self.text, start, end) if groups else None
        body = BODY_SUBJECT.match(self.text, start, end) if groups and self.text[start : start + 1].isupper() else None
        group = group or body
        lead = self.body_lead(start, end) if groups else None
        between = self.text[lead.end : name.start] if lead and name else ""
        # A name right after a body in the nominative is its officer (баспасөз қызметі Серік Әділбаев), who speaks.
        apposed = lead and name and not between.strip() and not ADVERBIAL_CASE.search(self.text[lead.start : lead.end])
        if lead and not apposed and (name is None or (lead.end <= name.start and not TITLE_BEFORE.search(between))):
            return lead  # "Облыс әкімдігі Ерлан Нұров қызметінен кетпегенін хабарлады": the name is its clause's
        return name or (self.holder_named_after(self.speaker(*group.span())) if group else None)

    def titled_subject(self, start: int, end: int) -> _Speaker | None:
        """A post or occupation opening the sentence as its subject, capitalised there: "Психолог … осылай дейді"."""
        title = POST_SUBJECT.match(self.text, start, end)
        return self.speaker(*title.span()) if title and self.text[start].isupper() else None

    def body_lead(self, start: int, end: int) -> _Speaker | None:
        """A body that opens the sentence at ``start`` (after a connective) as its subject."""
        while lead := DISCOURSE.match(self.text, start, end):
            start = lead.end()
        body = BODY_LEAD.match(self.text, start, end)
        return self.speaker(*_trimmed(self.text, *body.span())) if body else None

    def body_before(self, pos: int) -> _Speaker | None:
        """Whom «Олар» (they) means as a subject: the body the sentence before names (Мәдениет басқармасы …
        шығарды. Олар … жеткізді), not a person."""
        sentence = _sentence_before(self.text, pos)
        head = HEAD_PHRASE.search(self.text, *sentence) if sentence else None
        return self.speaker(*head.span(1)) if head else None

    def described_before(self, said: _Speaker, speech_start: int) -> _Speaker | None:
        """Who a speaker described without a name is, where the text named them before: a bare title (– деді
        Президент) is the person the sentence before reports as speaking; a description (деп жазады
        аналитикалық ресурс) is the name an earlier mention of its head noun follows (Ranking.kz аналитика
        ресурсы)."""
        words = self.text[said.start : said.end]
        if re.fullmatch(rf"{TITLE}[\w-]*", words):
            person = self.reporter_before(speech_start)
            going_on = CONTINUING.search(self.text, _sentence_start(self.text, said.start), said.start) is not None
            person = person if person is None or going_on or self.titled_as(person, words) else None
            if person in self.people or re.match(BODY_HEAD, words):  # әкімдік is the akimat, no one's title
                return person if person in self.people else None
            return self.titled_before(said)
        medium = MEDIUM.fullmatch(words) is not None  # "Каналдың ақпараты бойынша", capitalised opening a sentence
        if not (medium or re.fullmatch(r"[а-яәғқңөұүһіё\s-]+", words)) or re.search(TITLE, words):
            return None  # a name, an abbreviation or a site is no description; a post is its holder's
        stem = re.escape(words.split()[-1].lower()[:5])
        earlier = list(
            re.compile(rf"(?<![\w-])(?i:{stem})\w*|(?<=[A-Za-z]-)(?i:{stem})\w*").finditer(self.text, 0, said.start)
        )
        named = [NAMED_BEFORE_HEAD.search(self.text, max(0, m.start() - 60), m.start()) for m in earlier]
        last = next((n for n in reversed(named) if n), None)
        if last is None and medium:  # «Басылымның атап өтуінше» after «… порталының мәліметінше»: that source
            return self.outlet_before(said.start)
        return self.speaker(*last.span(1)) if last and len(stem) >= 4 else None

    def outlet_before(self, pos: int) -> _Speaker | None:
        """The source, no person nor post, that the text last reports before ``pos`` (КТК ақпаратына сүйенсек, …):
        a medium named later by its kind alone (– деп жазды телеарна) is that source."""
        said = sorted((e, w) for s, e, _, w, _ in self.pending if w is not None and e <= pos)
        sources = [w() if callable(w) else w for _, w in said]
        sources = [w for w in sources if w is not None and w not in self.people and w not in self.posts]
        outlets = [w for w in sources if w.end <= pos and not MEDIUM.fullmatch(self.text[w.start : w.end])]
        return outlets[-1] if outlets else None

    def titled_as(self, person: _Speaker, title: str) -> bool:
        """Whether the text names this person anywhere with the bare title's stem just before, as a head (басшысы),
        or with no title at all: «– деді Президент» goes on with «Президент Қасым-Жомарт Тоқаев» or «Мемлекет
        басшысы Қасым-Жомарт Тоқаев», not with a deputy chairman."""
        stem, name = title.lower()[:5], self.text[person.start : person.end].split()[-1][:5]
        befores = [
            self.text[max(0, p.start - 60) : p.start].split()[-3:]
            for p in self.people
            if self.text[p.start : p.end].split()[-1][:5] == name
        ]
        titled = [words for words in befores if any(w.lower().startswith(POST_HEADS) for w in words)]
        if not title.lower().startswith(POST_HEADS):
            # an occupation (– деді сарапшы) may describe anyone named before (саясаттанушы X), but not one the text
            # names with a post: «әкімі Жасұлан Оңалбаев» is no «ауыл тұрғыны»
            return not titled
        # a head (Мемлекет басшысы, облыс басшысы, Елбасы) is named by its post's title too: – деді Президент
        return not titled or any(w.lower().startswith((stem, "басшы", "елбас")) for words in titled for w in words)

    def titled_after(self, pos: int, title: str) -> _Speaker | None:
        """The first person named after ``pos`` right after a word of the title's stem (a headline's «депутат»,
        then «Депутат Азат Перуашев … пікір білдірді»)."""
        stem = title.lower()[:5]
        return next(
            (
                p
                for p in self.people
                if p.start >= pos
                and any(w.lower().startswith(stem) for w in self.text[max(pos, p.start - 60) : p.start].split()[-3:])
            ),
            None,
        )

    def titled_before(self, said: _Speaker) -> _Speaker | None:
        """The person last named, outside quotations, right after a word of the bare title's stem: «Сенатор»
        after «Сенатының депутаты Мұрат Бақтиярұлы»."""
        stem = self.text[said.start : said.end].lower()[:5]
        named = [
            p
            for p in self.people
            if p.end <= said.start
            and not self.inside_speech(p.start)
            and any(w.lower().startswith(stem) for w in self.text[max(0, p.start - 60) : p.start].split()[-3:])
        ]
        return named[-1] if named else None

    def holder_named_after(self, post: _Speaker) -> _Speaker:
        """A post and its holder's name after it, in any case (ҚР Президенті Н.Назарбаевтың Жолдауында): the holder."""
        after = len(self.text[post.end :]) - len(self.text[post.end :].lstrip(" \t\u00a0"))
        return next((p for p in self.people if p.start == post.end + after and after <= 2), post)

    def after_cue(self, cue_end: int, speech_start: int, zero_subject: bool = True) -> _Speaker | None:
        """The speaker named after a closing cue (– деді … басшысы Қанат Сүлейменов), else named before the
        quotation in its sentence, else a post or outlet, else (an omitted subject) the person last named."""
        end = _sentence_end(self.text, cue_end)
        if PRONOUN.match(self.text[cue_end:end].strip()):
            return self.speaker_before(speech_start) or self.antecedent(speech_start)
        named = self.name_in(cue_end, end, subject=True)
        named = named or self.subject(_sentence_start(self.text, speech_start), speech_start)
        return named or self.described(cue_end, end) or (self.antecedent(speech_start) if zero_subject else None)

    def office_before(self, start: int) -> _Speaker | None:
        """Whom «ведомство өкілдері» means: the body or staff the sentence before reports as speaking, or, where an
        outlet relays that sentence (Елорда прокуратурасы … тоқтатты, деп жазады azattyq-ruhy.kz), the body its
        words open with; no person."""
        sentence = _sentence_before(self.text, start)
        if sentence is None:
            return None
        said = [p for p in self.pending if p[3] is not None and sentence[0] <= p[1] <= start and p[0] < start]
        if not said:
            return None
        words_start, words_end, cue, speaker, _ = said[-1]
        if RELAYED.match(cue):
            return self.body_lead(words_start, words_end)
        speaker = speaker() if callable(speaker) else speaker
        return speaker if speaker not in self.people else None

    def itself(self, start: int, end: int) -> _Speaker | None:
        """«шенеуніктің өзі», «оның өзі» (the official himself) opening ``text[start:end]``: the person last named,
        in any case (… хатшысы Арман Евниевке … ұсыныс жасаған. Бұл туралы шенеуніктің өзі … жариялады)."""
        lead = len(self.text[start:end]) - len(self.text[start:end].lstrip())
        found = SELF.match(self.text, start + lead, end)
        named = [p for p in self.people if found and p.end <= found.start() and not self.inside_speech(p.start)]
        return named[-1] if named else None

    def cited(self, start: int, end: int) -> _Speaker | None:
        """The source an outlet cites after its name (деп хабарлайды Newsroom+Ақпарат агенттігі сыбайлас
        жемқорлыққа қарсы іс-қимыл агенттігіне сілтеме жасап). The outlet stays the speaker of what it relays, as
        the gold of every set has it; «олардың мәліметі» after it (their data) is the cited body's."""
        citing = CITING.search(self.text, start, end)
        outlet = self.described(start, citing.start()) if citing else None
        if citing is None or outlet is None or outlet.end >= citing.start():
            return None
        return self.speaker(*_trimmed(self.text, outlet.end, citing.start()))

    def described(self, start: int, end: int) -> _Speaker | None:
        """A speaker without a name: a post's or outlet's phrase, capitalised words or a site, else a short phrase."""
        trimmed = _trimmed(self.text, start, len(self.text[:end].rstrip(" .,")))
        if RANKED.fullmatch(self.text, *trimmed):
            return self.speaker(*trimmed)
        if head := HEAD_PHRASE.search(self.text, start, end) or OUTLET_NAME.match(self.text, start, end):
            return self.speaker(*head.span(1))
        words = PLACE_AND_TIME.sub("", self.text[start:end].rstrip(" ,"))
        start, stop = _trimmed(self.text, start, start + len(words))
        return self.speaker(start, stop) if stop - start >= 3 and len(words.split()) <= 3 else None


def _trimmed(text: str, start: int, end: int, strip: str = " –—-,") -> tuple[int, int]:
    while start < end and (text[start] in strip or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in strip or text[end - 1].isspace()):
        end -= 1
    return start, end


# An office of an office (төрағасының орынбасары, басшысының бірінші орынбасары): the second is the one held.
OFFICE_OF_OFFICE = re.compile(rf"{TITLE}[\w-]*[нтд][ыі]ң{SP}+(?:(?:бірінші|бас){SP}+)?(?P<title>{TITLE})")


def _office(words: str, before: bool = False) -> tuple[str, str] | None:
    """The office a post's words name: its region's kind (облыс, аудан, қала; өңір is облыс) and its
    title's stem, the head of a region being its akim; with ``before``, the office just before a name
    (облыс әкімі | Ерлан Нұров)."""
    if before:
        match = OFFICE_BEFORE.search(words)
        words = match.group() if match else ""
    head = re.search(TITLE, words)
    if head is None:
        return None
    deputy = OFFICE_OF_OFFICE.match(words, head.start())  # төрағасының орынбасары: a deputy's office
    head = re.compile(TITLE).match(words, deputy.start("title")) if deputy else head
    if re.search(r"(?i:мемлекет)\s+басшы", words):  # the head of state is the President: one office
        return ("", "президент")
    region = REGION.search(words[: head.start()])
    kind = {"өңір": "облыс", "аймақ": "облыс"}.get(region.group().lower(), region.group().lower()) if region else ""
    title = head.group().lower()
    return (kind, "әкім" if title == "басшы" and kind else title)


def _same_office(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """The same title, in the same kind of region where both name one."""
    return a is not None and b is not None and a[1] == b[1] and (a[0] == b[0] or not a[0] or not b[0])


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """Without a quotation mark at either end that the words said do not close or open inside."""
    if start < end and text[start] in QUOTE_MARKS and not any(c in text[start + 1 : end] for c in '»“”"'):
        start += 1
    if start < end and text[end - 1] in '»“”"' and not any(c in text[start : end - 1] for c in QUOTE_MARKS):
        end -= 1
    return start, end


def _sentence_start(text: str, pos: int) -> int:
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, pos)]
    return _trimmed(text, ends[-1] if ends else 0, pos, "")[0]


def _sentence_before(text: str, pos: int) -> tuple[int, int] | None:
    """The last sentence with words in it that ends before ``pos``."""
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(text, 0, pos))]
    return next(((a, b) for a, b in reversed(list(pairwise(bounds))) if text[a:b].strip()), None)


def _sentence_end(text: str, pos: int) -> int:
    match = SENTENCE_END.search(text, pos)
    return match.start() if match else len(text)


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return end if end != -1 else len(text)


def _quotes(text: str) -> list[tuple[int, int]]:
    """Outermost quotations, paragraph by paragraph: opening and closing mark (the paragraph's end if left open)."""
    found: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    for index, char in enumerate(text + "\n"):
        if char == "\n":
            found += [(stack[0][0], index)] if stack else []
            stack = []
        elif stack and char in QUOTE_MARKS[stack[-1][1]]:
            opening = stack.pop()[0]
            found += [] if stack else [(opening, index)]
        elif char in QUOTE_MARKS:
            stack.append((index, char))
    return _over_paragraphs(text, sorted(found))


def _over_paragraphs(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A quotation left open at its paragraph's end that a later paragraph closes with a cue after the mark
    ("…\n…\n… еді", – деді X): one quotation, and none of the marks inside it opens another."""
    joined: list[tuple[int, int]] = []
    for opening, closing in quotes:
        if joined and opening <= joined[-1][1]:
            continue
        left_open = closing < len(text) and text[closing] == "\n"
        joined.append((opening, _closed_later(text, opening, closing) if left_open else closing))
    return joined


def _closed_later(text: str, opening: int, end: int) -> int:
    """Where a later paragraph (of the next three) closes the quotation with a cue after it, else ``end``; not
    where a paragraph opens with a mark again, as each paragraph of a long quotation may (read as continued)."""
    limit = end
    for _ in range(3):
        if text[limit + 1 :].lstrip(" \t\u00a0\n")[:1] in QUOTE_MARKS:
            return end
        limit = text.find("\n", limit + 1)
        limit = len(text) if limit == -1 else limit
    for index in range(end, limit):
        closer = QUOTE_CLOSER.match(text, index + 1) or DOCUMENT_CLOSER.match(text, index + 1)
        if text[index] in QUOTE_MARKS[text[opening]] and closer:
            return index
    return end


def _people(text: str, mentions: list[Mention], names: Sequence[Span] = ()) -> list[_Speaker]:
    """Persons' names: known persons, and capitalised words that initials, a surname's ending or a post before
    them mark as a name, which ends at its surname ("Қанат Сүлейменов Алматыда") and is not a known place; and
    the names the analysis found (``names``: Дана Нұржігіт has no surname's ending)."""
    persons = [m for m in mentions if m.entity.startswith("person/")]
    others = [m.span for m in mentions if not m.entity.startswith(("person/", "post/"))]
    found = []
    for match in NAME.finditer(text):
        start, end = match.span()
        while (lead := DISCOURSE.match(text, start, end)) and lead.end() < end:  # "Сондай-ақ Ерлан Нұров"
            start = lead.end()
        title = re.match(rf"{TITLE}[\w-]*{SP}+(?=\S)", text[start:end])  # "Сарапшы Ерлан Сейітов"
        start += title.end() if title and not match.group(1) else 0
        adverbial = ADVERBIAL_FIRST.match(text, start, end)  # "Жиында Ерлан Қасымов": no name is in the locative
        start = adverbial.end() if adverbial and not match.group(1) and len(text[start:end].split()) > 2 else start
        words = [(w.end(), SURNAME.search(w.group())) for w in re.finditer(r"\S+", text[start:end])]
        surname = next(((e, s) for e, s in words if s), None)
        end = start + surname[0] if surname and not match.group(1) else end
        link = next((m.entity for m in persons if m.span.start < end and start < m.span.end), None)
        titled = " " in text[start:end] and TITLE_BEFORE.search(text, max(0, start - 40), start)
        place = any(o.start < end and start < o.end for o in others)
        if link or (not place and (match.group(1) or surname or titled)):
            found.append(_Speaker(start, end, link, (surname[1].group("case") or "") if surname else ""))
    named = {(f.start, f.end) for f in found}
    found += [_Speaker(m.span.start, m.span.end, m.entity) for m in persons if (m.span.start, m.span.end) not in named]
    found += [_Speaker(n.start, n.end) for n in names if not any(f.start < n.end and n.start < f.end for f in found)]
    found = [f for f in found if not NAMESAKE.match(text, f.end) and not _a_places_name(text, f)]
    return sorted(found, key=lambda p: p.start)


def _a_places_name(text: str, found: _Speaker) -> bool:
    """One word, not a known person, with a place's noun after it (Аққұлы ауданында)."""
    one_word = not re.search(r"\s", text[found.start : found.end])
    return one_word and found.link is None and PLACE_NOUN_AFTER.match(text, found.end) is not None


def _posts(text: str, mentions: list[Mention], people: list[_Speaker]) -> list[_Speaker]:
    """Posts named without their holder's name next to them (Өңір басшысы жиын өткізді), in the nominative:
    the holder named before or after («Ерлан Нұров, облыс прокуроры», «облыс прокуроры Ерлан Нұров») is
    the one who speaks."""
    found = []
    for match in POST_SUBJECT.finditer(text):
        start, end = match.span()
        named = any(abs(p.start - end) <= 2 or 0 <= start - p.end <= 3 for p in people)
        capital = re.match(r"[\s\u00a0]+[" + UP + "]", text[end:])
        # a capital after the post opens its holder's name, unless it opens a known body's (Сенатор Мәжіліске …)
        body = capital and any(
            m.span.start == end + capital.end() - 1 for m in mentions if not m.entity.startswith("person/")
        )
        if not named and (not capital or body):
            links = [m.entity for m in mentions if m.span.start < end and start < m.span.end]
            found.append(_Speaker(start, end, next((e for e in links if e.startswith("post/")), None)))
    return found


def _quoted(doc: _Doc) -> None:
    """«…», – деді X; X: «…»; and a quotation left open at its paragraph's end (its speaker unknown)."""
    text = doc.text
    for index in reversed(range(len(doc.quotes))):  # from the last, so that a paragraph left open finds the next
        opening, closing = doc.quotes[index]
        closed = closing < len(text) and text[closing] in '»“”"'
        if not closed and (cue := OPEN_CLOSER.search(text, opening, closing)):
            doc.quotes[index] = (opening, cue.start())  # the speaker named after the cue is outside the words said
            word = "cue" if cue.group("cue") else "document"
            doc.consumed.add(cue.start(word))
            resolve = doc.after_cue if word == "cue" else doc.issuer
            doc.add(opening + 1, cue.start(), cue.group(word), partial(resolve, cue.end(), opening))
            continue
        leads, inside = _opens_a_paragraph(text, opening), text[opening:closing]
        closer = QUOTE_CLOSER.match(text, closing + 1) if closed else None
        if closer and (closer.group("cue") != "деген" or re.search("[,–—-]", closer.group("gap"))):
            doc.consumed.add(closer.start("cue"))
            doc.add(opening + 1, closing, closer.group("cue"), partial(doc.after_cue, closer.end(), opening))
        elif closed and (document := DOCUMENT_CLOSER.match(text, closing + 1)):
            doc.add(opening + 1, closing, document.group("cue"), partial(doc.issuer, document.end(), opening))
        elif closed and len(inside.split()) >= 3 and (named := _named_after_dash(doc, closing)):
            doc.add(opening + 1, closing, "«…» – X", named)
        elif closed and (named := _captioned_by_comma(doc, opening, closing)):
            doc.add(opening + 1, closing, "X, «…»", named)
        elif (colon := _colon_before(text, opening)) is not None and (speaker := _colon_led_quote(doc, colon)):
            doc.add(opening + 1, closing, ": «…»", speaker)
        elif not closed and (speaker := doc.continued(closing)):
            doc.add(opening + 1, closing, "« (continued)", speaker)
        elif (not closed or leads) and len(text[opening:closing].split()) >= 5 and re.search(r"[.!?…]", inside):
            cue = "quotation after its speaker's sentence" if closed else "unclosed quotation"
            doc.add(opening + 1, closing, cue, partial(doc.announcer_before, opening) if leads else None)


# A dash or colon right after a quotation's closing mark: «"Кадрлар қалмады ма?" – Жапаров …», «"Мереке, форум
# өткізеді": Аймағамбетов әкімдіктерді сынады».
DASH_AFTER = re.compile(rf"{SP}*[–—:-]{SP}*")


def _named_after_dash(doc: _Doc, closing: int) -> _Speaker | None:
    """A person named, in the nominative, right after a dash or colon that follows a quotation, as a headline credits
    the words it quotes («"Кадрлар қалмады ма?" – Жапаров сыбайлас жемқорлық жайлы айтты»)."""
    dash = DASH_AFTER.match(doc.text, closing + 1)
    if dash is None:
        return None
    return next((p for p in doc.people if p.start == dash.end() and not p.case), None)


# A headline, the text's first line, crediting its words after a dash: «Өз сөзіне жауап беруі керек - депутат …»,
# «… әкімнің идеясы болатын — Антикор».
# A headline is a line of its own with no sentence's end in it.
HEADLINE_CREDIT = re.compile(rf"\A(?P<words>[^\n«»\"“”.!]{{12,}}?){SP}+[–—-]{SP}+(?P<who>[^\n.!]*[^\s.!]){SP}*\n")


def _headline_credit(doc: _Doc) -> None:
    """A headline's words credited after a dash: to the person named there, else to the person the text names
    later with that title (депутат → «Депутат Азат Перуашев»), else to the title or body as written."""
    line = HEADLINE_CREDIT.match(doc.text)
    if line is None or len(line.group("words").split()) < 3:
        return
    who = line.start("who")
    named = next((p for p in doc.people if p.start == who and not p.case), None)
    title = re.compile(rf"{TITLE}[\w-]*(?![\w-])").match(doc.text, who, line.end())
    body = BODY_SUBJECT.match(doc.text, who, line.end())
    if named is None and title is None and body is None:
        return
    written = doc.speaker(*(title or body).span()) if title or body else None
    speaker = named or (title and doc.titled_after(title.end(), title.group())) or written
    doc.add(0, line.end("words"), "– X (headline)", speaker)


def _captioned_by_comma(doc: _Doc, opening: int, closing: int) -> _Speaker | None:
    """A paragraph that is a person's name, a comma and a quotation that ends it («Кенжебек Жанбосынов, «Білім
    бөліміне …».»), as television news captions the words said: that person (not «X, «Y» кеңсесінің жетекшісі:»)."""
    paragraph = doc.text.rfind("\n", 0, opening) + 1
    lead = doc.text[paragraph:opening].rstrip(" \t\u00a0")
    if not lead.endswith(",") or doc.text[closing + 1 : _paragraph_end(doc.text, closing)].strip(" \t\u00a0."):
        return None
    return next((p for p in doc.people if p.start == paragraph and p.end == paragraph + len(lead) - 1), None)


def _opens_a_paragraph(text: str, opening: int) -> bool:
    """A quotation that begins its paragraph: after «X … атап өтті.» it goes on with X's words, which a
    quotation inside the paragraph need not (a writer named, then an official's words unattributed)."""
    before = text[:opening].rstrip(" \t\u00a0")
    return not before or before[-1] == "\n"


def _colon_before(text: str, opening: int) -> int | None:
    """The colon that introduces a quotation, on its line or at the end of the paragraph before it."""
    before = text[:opening].rstrip()
    return len(before) - 1 if before.endswith(":") else None


def _colon_led_quote(doc: _Doc, colon: int) -> Resolver | None:
    """Who is named before the colon of «X: «…»» or «X былай деді:\n«…»»."""
    start = _sentence_start(doc.text, colon)
    said = bool(COLON_VERB.search(doc.text, start, colon))
    return partial(_colon_speaker, doc, start, colon, said) if _colon_speaker(doc, start, colon, said) else None


def _dash_closed(doc: _Doc) -> None:
    """– …, – деп атап өтті X (or – делінген X хабарламасында): the speech runs back to the dash that opened it in
    its paragraph."""
    for cue in (*CUE.finditer(doc.text), *DOCUMENT_CUE.finditer(doc.text)):
        gap = DASH_BEFORE.search(doc.text, max(0, cue.start() - 4), cue.start())
        if cue.start() in doc.consumed or doc.inside_speech(cue.start()):
            continue
        if not gap:
            if cue.re is DOCUMENT_CUE:
                _issuer_after_dash(doc, cue)
            continue
        paragraph = doc.text.rfind("\n", 0, cue.start()) + 1
        openers = [o.end() for o in DASH_OPENER.finditer(doc.text, paragraph, gap.start())]
        start = openers[-1] if openers else _dash_paragraph_before(doc, paragraph)
        start = _sentence_start(doc.text, gap.start()) if start is None else start
        doc.consumed.add(cue.start())
        resolve = doc.issuer if cue.re is DOCUMENT_CUE else doc.after_cue
        doc.add(start, gap.start(), cue.group(), partial(resolve, cue.end(), start))


def _dash_paragraph_before(doc: _Doc, paragraph: int) -> int | None:
    """Where a dash speech closed in a paragraph that opens without a dash began: the dash opening the paragraph
    just before it (- Мен … ойлағам.\nПарламентке … керек, - деді сенатор), if that one has no closer of its own
    and asks nothing (an interviewer's question is the interviewer's)."""
    previous = doc.text[: max(paragraph - 1, 0)].rstrip()
    line = DASH_LINE.match(doc.text, previous.rfind("\n") + 1)
    if line is None or doc.inside_speech(line.start("body")) or not previous.endswith((".", "!", "…")):
        return None
    return line.start("body")


def _issuer_after_dash(doc: _Doc, cue: re.Match) -> None:
    """…, – Антикор делінген хабарламасында: the paragraph (or its dash-opened part) is the issuer's statement,
    the issuer the name between the dash and the cue."""
    named = DASH_ISSUER.search(doc.text, max(0, cue.start() - 80), cue.start())
    if not named:
        return
    issuer = named.span("issuer")
    paragraph = doc.text.rfind("\n", 0, named.start()) + 1
    openers = [o.end() for o in DASH_OPENER.finditer(doc.text, paragraph, named.start())]
    start = openers[-1] if openers else paragraph
    link = next((m.entity for m in doc.mentions if m.span.start < issuer[1] and issuer[0] < m.span.end), None)
    doc.consumed.add(cue.start())
    doc.add(start, named.start() + 1, cue.group(), _Speaker(*issuer, link))


def _document_closed(doc: _Doc) -> None:
    """A statement quoted without marks, its paragraph ending in a comma the cue follows (…,\nделінген
    хабарламада): the paragraph is the document's words."""
    for cue in DOCUMENT_CUE.finditer(doc.text):
        before = doc.text[: cue.start()].rstrip(" \t\u00a0\n")
        comma = len(before) - 1
        if cue.start() in doc.consumed or not before.endswith(",") or doc.inside_speech(comma):
            continue
        start = doc.text.rfind("\n", 0, comma) + 1
        doc.consumed.add(cue.start())
        doc.add(start, comma, cue.group(), partial(doc.issuer, cue.end(), start))


# «Айтуынша, …» with no one named before it (as he or she says): the words of the source last reported.
ITS_WORDS = re.compile(r"(?:^|(?<=[.!?…]\s)|(?<=\n))(?P<cue>[Аа]йтуынша|[Сс]өзінше|[Пп]ікірінше),\s*")
# «Айтуларынша, …» (as they say): the words of the group the sentence before has for its subject, a plural noun
# not in the genitive («Бірақ олардың туыстары … келіспейді. Айтуларынша, …»).
THEIR_WORDS = re.compile(r"(?:^|(?<=[.!?…]\s)|(?<=\n))(?P<cue>[Аа]йтуларынша|[Пп]ікірлерінше|[Сс]өздерінше),?\s*")
PLURAL_SUBJECT = re.compile(r"(?<![\w-])[\w-]+(?:лар|лер|дар|дер|тар|тер)[ыі]?(?![\w-])")


def _their_words(doc: _Doc) -> None:
    """«Айтуларынша, …»: the rest of the sentence is the words of the group the sentence before names."""
    for match in THEIR_WORDS.finditer(doc.text):
        if doc.inside_speech(match.start()):
            continue
        previous = _sentence_start(doc.text, len(doc.text[: match.start()].rstrip().rstrip(".!?…")))
        groups = list(PLURAL_SUBJECT.finditer(doc.text, previous, match.start()))
        if groups:
            speaker = _Speaker(groups[0].start(), groups[0].end())
            doc.add(match.end(), _sentence_end(doc.text, match.end()), match.group("cue"), speaker, direct=False)


def _its_words(doc: _Doc) -> None:
    """«Айтуынша, …» opening a sentence: the rest of it is the words of the source last reported, in its paragraph
    or the one before (Психолог … осылай дейді. Айтуынша, …), else of the person last named."""
    for match in ITS_WORDS.finditer(doc.text):
        if not doc.inside_speech(match.start()):
            speaker = partial(_last_source, doc, match.start())
            doc.add(match.end(), _sentence_end(doc.text, match.end()), match.group("cue"), speaker, False)


def _last_source(doc: _Doc, start: int) -> _Speaker | None:
    return doc.source_before(start) or doc.antecedent(start)


def _colon_speaker(doc: _Doc, start: int, colon: int, said: bool) -> _Speaker | None:
    """Who is named before the colon; after "былай деді:" with no one named, the person last named."""
    return doc.subject(start, colon) or (doc.antecedent(start) if said else None)


def _colon_led(doc: _Doc) -> None:
    """X, … орынбасары: – … (an interview's answer), X атап өтті: … and a headline's «X: …» — the rest
    of the paragraph."""
    text = doc.text
    labels = {label.end() for label in INITIALS_LABEL.finditer(text)}  # «М.Ә: …» is read by its initials
    for colon in (m.start() for m in re.finditer(":", text)):
        if any(colon < end <= colon + 4 for end in labels):
            continue
        after = len(text) - len(text[colon + 1 :].lstrip())
        if after >= len(text) or text[after] in QUOTE_MARKS or doc.inside_speech(colon):
            continue
        start = _sentence_start(text, colon)
        said = bool(COLON_VERB.search(text, start, colon))
        headline = _named_before_a_colon(doc, start, colon) and text[after].isupper()
        headline = headline or (_captioned(doc, start, colon) and "\n" in text[colon:after] and text[after].isupper())
        if (text[after] in "–—-" or said or headline) and _colon_speaker(doc, start, colon, said):
            doc.add(after, _paragraph_end(text, after), ":", partial(_colon_speaker, doc, start, colon, said))


# An interview's label by initials, at a line's start: «М.Ә: …», «А.Б.: …».
INITIALS_LABEL = re.compile(rf"^{SP}*(?P<initials>(?:[{UP}]\.{SP}?){{1,2}}[{UP}]\.?){SP}*:{SP}*(?=\S)", re.M)


def _initials_labels(doc: _Doc) -> None:
    """«М.Ә: …»: the paragraph is the words of the person last named whose names begin with those letters
    (Махамбет Әбжан), as an interview labels its speakers by initials once it has named them; else no one."""
    for label in INITIALS_LABEL.finditer(doc.text):
        letters = re.findall(f"[{UP}]", label.group("initials"))
        named = [
            p
            for p in doc.people
            if p.end <= label.start()
            and _initials(doc.text[p.start : p.end]) == letters
            and not INITIALS_LABEL.match(doc.text, p.start)  # an earlier label is no name
        ]
        speaker = named[-1] if named else None
        doc.add(label.end(), _paragraph_end(doc.text, label.end()), f"{label.group('initials')}:", speaker)


def _initials(name: str) -> list[str]:
    return [word[0] for word in name.split()]


def _named_before_a_colon(doc: _Doc, start: int, colon: int) -> bool:
    """Only a name (and its post) before the colon, as headlines quote: «Асқар Нұров: Жемқорлыққа жол жоқ»; or
    a line opening with who speaks by their occupation alone: «Заңгер: Пара бергендер де жазаланады»."""
    name = doc.name_in(start, colon)
    occupation = GROUP.fullmatch(doc.text, start, colon) is not None and doc.text[start].isupper()
    return (name is not None and name.end == colon and len(doc.text[start:colon].split()) <= 6) or occupation


def _captioned(doc: _Doc, start: int, colon: int) -> bool:
    """A line «Name, post:» over a paragraph, as television news captions the words said under it."""
    name = doc.name_in(start, colon)
    return name is not None and name.start == start and doc.text.startswith(",", name.end)


# Words only a speaker writes of themself: «Мен» opening a sentence, меніңше, a verb in the first person singular
# (ойлаймын, жоқпын) or plural with its auxiliary (жатырмыз).
FIRST_PERSON = re.compile(
    r"(?:^|(?<=[.!?…,]\s)|(?<=[–—-]\s))Мен(?!\w)|(?<!\w)(?i:меніңше)(?!\w)|\w{2,}(?:[ыі]?мын|[ыі]?мін|пын|пін)(?!\w)|"
    r"(?<!\w)(?:жатыр|отыр|тұр|жүр)(?:мыз|міз)(?!\w)"
)


def _dash_paragraphs(doc: _Doc) -> None:
    """A dash paragraph with no closer goes on with the speech of the paragraph after it, or follows a question,
    a speech or a paragraph naming someone, and is the speech of the person last named."""
    text = doc.text
    for line in DASH_LINE.finditer(text):
        body = line.span("body")
        previous = text[: line.start()].rstrip()
        start = previous.rfind("\n") + 1
        credited = previous.endswith("?") or any(s < len(previous) and start < e for s, e, *_ in doc.pending)
        named = credited or doc.name_in(start, len(previous))
        speaker = doc.continued(body[1]) or (partial(doc.antecedent, line.start()) if named else None)
        if text[body[1] - 1] in '.!…»"' and len(text[slice(*body)].split()) >= 6 and speaker:
            doc.add(*body, "– (dash)", speaker)
        elif text[body[1] - 1] in ".!…" and FIRST_PERSON.search(text, *body):  # a passer-by's words, no one named
            doc.add(*body, "– (dash)", None)


def _according_to(doc: _Doc) -> None:
    """X-тың айтуынша, … (and сөзінше, пікірінше, мәліметінше, …): the rest of the sentence is X's."""
    for match in ACCORDING_TO.finditer(doc.text):
        if doc.inside_speech(match.start()):
            continue
        who = doc.speaker(*match.span("who"))
        last = max(who.start, doc.text.rfind(" ", who.start, who.end) + 1)
        name = next((p for p in doc.people if p.start < who.end and last < p.end), None)
        pronoun = PRONOUN.fullmatch(doc.text[who.start : who.end])
        speaker = doc.antecedent(who.start) if pronoun else name or who
        if pronoun and pronoun.group().lower() == "олардың":  # theirs: the body or source the sentence before reports
            speaker = partial(_their_source, doc, who.start)
        doc.add(match.end(), _sentence_end(doc.text, match.end()), match.group("cue"), speaker, False)


def _their_source(doc: _Doc, pos: int) -> _Speaker | None:
    """Whose «олардың мәліметі» (their data) is: the body the sentence before cites, else the source it reports."""
    sentence = _sentence_before(doc.text, pos)
    relayed = RELAYED.search(doc.text, *sentence) if sentence else None
    cited = doc.cited(relayed.end(), sentence[1]) if relayed and sentence else None
    return cited or doc.reporter_before(pos) or doc.body_before(pos)


def _from_a_source(doc: _Doc) -> None:
    """X-тен алынған мәліметке қарағанда, …: the rest of the sentence is X's."""
    for match in FROM_A_SOURCE.finditer(doc.text):
        if not doc.inside_speech(match.start()):
            speaker = doc.speaker(*match.span("who"))
            doc.add(match.end(), _sentence_end(doc.text, match.end()), match.group("cue"), speaker, False)


def _unsourced(doc: _Doc) -> None:
    """Ақпаратқа қарағанда, … with no source named: the rest of the sentence is the words of the source the
    sentence before reports (Бұл туралы X хабарлады. Ақпаратқа қарағанда, …), else of no one named."""
    for match in UNSOURCED.finditer(doc.text):
        if not doc.inside_speech(match.start()):
            speaker = partial(doc.reporter_before, match.start())
            doc.add(match.end(), _sentence_end(doc.text, match.end()), match.group("cue"), speaker, False)


def _as_said(doc: _Doc) -> None:
    """X атап өткендей, …: the rest of the sentence is X's, X the subject before the verb."""
    for match in AS_SAID.finditer(doc.text):
        verb = match.start("cue")
        start = _sentence_start(doc.text, verb)
        if doc.inside_speech(verb):
            continue
        speaker = doc.subject(start, verb, groups=False) or doc.described(start, verb)
        if speaker:
            doc.add(match.end(), _sentence_end(doc.text, match.end()), match.group("cue"), speaker, False)


def _refers_back(text: str, start: int, verb: int) -> bool:
    """Whether the verb at ``verb`` reports what came before: "Бұл туралы X хабарлады", "X осылай деді", "Бұл
    туралы … айтылды"."""
    for ref in BACK_REFERENCE.finditer(text, start, verb):
        reported = REPORTED_OR_SAID.search(text, ref.end())
        leads = len(text[start : ref.start()].split()) <= 3 or not text[ref.end() : verb].strip()
        if reported and reported.start() == verb and leads:
            return True
    return False


def _said_that(doc: _Doc) -> None:
    """X … деп атап өтті; X … екенін атап өтті: the clause between the speaker and the verb; … екені
    айтылды: the clause, said by the person named in it, else by no one named."""
    text = doc.text
    verbs = [c for c in CUE.finditer(text) if c.start() not in doc.consumed and c.group() != "деген"]
    clauses = [c for c in SAID_THAT.finditer(text) if CLAUSE_HEAD.search(c.group("head"))]
    for cue in [*verbs, *clauses]:
        verb = cue.start("cue") if cue.re is SAID_THAT else cue.start()
        start = _sentence_start(text, verb)
        opens = text[cue.end() :].lstrip().startswith(":")  # "X былай деді: …" is read at its colon
        if (
            opens
            or doc.inside_speech(verb)
            or _refers_back(text, start, verb)
            or _credits_a_reference(text, start, verb)
        ):
            continue
        passive = cue.re is SAID_THAT and PASSIVE.fullmatch(cue.group("cue")) is not None
        if passive and not PASSIVE_HEAD.search(cue.group("head")):
            continue  # «… маңыздылығы айтылды»: a topic spoken of, not words said
        subject = doc.subject(start, verb, groups=not passive)
        if cue.re is CUE and _named_after(text, start, verb, cue.end()):
            subject = None  # «…, деп хабарлады облыстық соттың баспасөз қызметі»: the clause is all said
        if passive and subject is None:
            doc.add(start, cue.end("head"), cue.group("cue"), None, False)
            continue
        speaker = subject or (doc.after_cue(cue.end(), start, zero_subject=False) if cue.re is CUE else None)
        speaker = speaker or doc.omitted_subject(start)
        someone = None if speaker else _indefinite(text, start, verb)
        if someone is not None:  # «Бірнеше адам … деп топшылады»: words said, by no one the text names
            doc.add(someone, verb if cue.re is CUE else cue.end("head"), text[verb : cue.end()], None, False)
        elif speaker:
            pronoun = PRONOUN.search(text, start, verb)  # a pronoun's antecedent is further back
            after = start if not subject else subject.end if subject.start >= start else pronoun.end()
            while lead := DISCOURSE.match(text, after) or PARTICLE.match(text, after):  # «Сондай-ақ …», «Прокурор да …»
                after = lead.end()
            end = cue.end("head") if cue.re is SAID_THAT else verb
            if QUESTION_WORD.fullmatch(text[after:end].strip()):
                continue  # «Нұрбекова не дейді?»: a question, no words said
            after = OWN_WORDS.match(text, after).end()
            topic = TOPIC_FIRST.match(text, after, end)  # «… стратегияға тоқталып, …»: the topic, then the words
            doc.add(topic.end() if topic else after, end, text[verb : cue.end()], speaker, False)


# An indefinite subject (some people, several residents): someone speaks, but no one the text names.
INDEFINITE = re.compile(
    r"(?i:бірнеше|кейбір|көптеген|біраз)\s+(?:адам|тұрғын|пайдаланушы|қолданушы|азамат)\w*\s+|(?i:кейбіреу|біреу)\w*\s+"
)


def _indefinite(text: str, start: int, verb: int) -> int | None:
    """Where the words begin after an indefinite subject opening the sentence at ``start``, if one does."""
    while lead := DISCOURSE.match(text, start, verb):
        start = lead.end()
    someone = INDEFINITE.match(text, start, verb)
    return someone.end() if someone else None


def _credits_a_reference(text: str, start: int, verb: int) -> bool:
    """«Бұл туралы мемлекет басшысы Twitter-де жазды, деп хабарлайды Bugin.kz»: an outlet credits a sentence that
    only says who said what came before, which holds no words of its own."""
    said = re.search(rf"(?<!\w)(?:{REPORTING})$", text[start:verb].rstrip(" ,\t\u00a0"))
    return said is not None and _refers_back(text, start, start + said.start())


def _named_after(text: str, start: int, verb: int, cue_end: int) -> bool:
    """A clause, a comma, then «деп» and its verb, with the speaker named after them in the sentence (without the
    comma, an outlet's name: … шығарды деп хабарлайды Paryz.kz); not where the clause reports someone's words
    itself (… екенін айтты, деп хабарлады Paryz.kz: those are its subject's), unless it names only a topic spoken
    of (… мәселесі жайлы айтты, деп хабарлайды ulysmedia.kz: the outlet's report of a talk, no words of it)."""
    clause = text[start:verb].rstrip()
    said = re.search(
        rf"(?P<topic>(?<!\w)(?:туралы|жайлы|жөнінде|жайында|хақында)\s+)?(?<!\w)(?:{REPORTING})\s*,?$", clause
    )
    reports = said is not None and not said.group("topic")
    outlet = OUTLET_NAME.match(text, cue_end) is not None
    return (
        (clause.endswith(",") or outlet) and not reports and bool(text[cue_end : _sentence_end(text, cue_end)].strip())
    )


def _after_reported(doc: _Doc, start: int, end: int) -> int:
    """Where the words a back reference takes up begin: after the sentences of ``text[start:end]`` that report
    speech of their own (X … айтады. <the words> X осылай деп отыр)."""
    ends = [e for s, e, *_ in doc.pending if start <= s < end]
    if not ends:
        return start
    stop = SENTENCE_END.search(doc.text, max(ends))
    return _trimmed(doc.text, stop.end() if stop else end, end, "")[0]


def _back_reference(doc: _Doc) -> None:
    """Бұл туралы X хабарлады: X is the source of the paragraph before it (or of the paragraph before that)."""
    text = doc.text
    for verb in REPORTED_OR_SAID.finditer(text):
        start = _sentence_start(text, verb.start())
        paragraph = text.rfind("\n", 0, start) + 1
        said = (paragraph, start)
        if dash := DASHED_REFERENCE.search(text, start, verb.start()):  # «… болды – бұл туралы X мәлім етті»
            said, start = (start, dash.start()), dash.end()
        elif not text[paragraph:start].strip():
            previous = text[: max(paragraph - 1, 0)].rstrip()
            said = (previous.rfind("\n") + 1, len(previous))
        if said[0] >= said[1] or not _refers_back(text, start, verb.start()):
            continue
        if any(doc.inside_speech(p, quotes=False) for p in (said[0], said[1] - 1)) or doc.inside_speech(verb.start()):
            continue  # a quotation's source told twice ("Бұл туралы ол брифингте мәлімдеді")
        quoted = [(o + 1, c) for o, c in doc.quotes if o == said[0] and said[1] - c <= 2]  # «…». as a whole
        relayed = _relayed(doc, *said)
        said = quoted[0] if quoted else (_after_reported(doc, *said), said[1])
        ref = BACK_REFERENCE.search(text, start, verb.start())
        who = ref.end() if ref else start
        cue = f"{ref.group() if ref else ''} ... {verb.group()}"
        if verb.group("passive"):  # where it was said: a body there said it (прокуратурада), a meeting no one
            there = ref.end() if ref else start
            there += len(text[there : verb.start()]) - len(text[there : verb.start()].lstrip())
            doc.add(*said, cue, doc.body_lead(there, verb.end()), False)
            continue
        speaker = doc.subject(start, verb.start(), groups=False) or doc.titled_subject(start, verb.start())
        speaker = speaker or doc.itself(who, verb.start())
        speaker = speaker or doc.described(who, verb.start()) or doc.after_cue(verb.end(), start)
        if said[0] >= said[1] and relayed is not None and speaker is not None:
            words_start, words_end, credit, _, direct = doc.pending[relayed]
            doc.pending[relayed] = (words_start, words_end, f"{credit}; {cue}", speaker, direct)
            continue
        doc.add(*said, cue, speaker, False)


def _relayed(doc: _Doc, start: int, end: int) -> int | None:
    """Which speech in ``text[start:end]``, the last, an outlet relays (…, деп хабарлайды Zakon.kz): a back
    reference right after it (Бұл туралы президент … мәлімдеді) names whose words they are."""
    inside = [(s, index) for index, (s, e, *_) in enumerate(doc.pending) if start <= s and e <= end]
    if not inside:
        return None
    index = max(inside)[1]
    _, _, cue, _, direct = doc.pending[index]
    return index if not direct and cue.startswith("деп хабарла") else None


def find_speech(text: str, mentions: list[Mention], names: Sequence[Span] = ()) -> list[SpeechFound]:
    """Who the text reports as saying what: the direct speech in order, then the indirect; ``names`` are
    persons' names found but not known."""
    people = _people(text, mentions, names)
    doc = _Doc(text, mentions, _quotes(text), people, _posts(text, mentions, people))
    readers = (
        _headline_credit,
        _quoted,
        _dash_closed,
        _document_closed,
        _colon_led,
        _initials_labels,
        _dash_paragraphs,
        _according_to,
        _their_words,
        _its_words,
        _from_a_source,
        _unsourced,
        _as_said,
        _said_that,
    )
    for read in (*readers, _back_reference):
        read(doc)
    found = []
    for start, end, cue, who, _ in sorted(doc.pending, key=lambda p: (not p[4], p[0])):
        speaker = who() if callable(who) else who
        if speaker and ANAPHORIC_SPEAKER.fullmatch(text[speaker.start : speaker.end]):
            speaker = doc.antecedent(speaker.start) or speaker
        elif speaker and RANKED.fullmatch(text, speaker.start, speaker.end):
            person = doc.reporter_before(start)
            speaker = person if person in doc.people else speaker
        elif speaker and OFFICE_STAFF.fullmatch(text, speaker.start, speaker.end):
            speaker = doc.office_before(start) or speaker
        elif speaker and (body := REPRESENTATIVE.fullmatch(text, speaker.start, speaker.end)):
            speaker = doc.representative(speaker, body.group("body")) or speaker
        elif speaker and speaker.link is None:
            speaker = doc.holder(speaker) or doc.described_before(speaker, start) or speaker
        said_by = text[speaker.start : speaker.end] if speaker else None
        span = (speaker.start, speaker.end, speaker.link) if speaker else (None, None, None)
        found.append(SpeechFound(start, end, text[start:end], said_by, *span, cue))
    return found


def attributions(text: str, mentions: list[Mention], names: Sequence[Span] = ()) -> list[dict]:
    """The draft's record of each reported speech, quoted as printed (with its quotation marks, if any)."""
    records = []
    for found in find_speech(text, mentions, names):
        start, end = found.start, found.end
        if start > 0 and text[start - 1] in QUOTE_MARKS and end < len(text) and text[end] in '»“”"':
            start, end = start - 1, end + 1
        speech = " ".join(text[start:end].split())
        record = {"speech": speech, "said_by": found.speaker, "speaker": found.speaker_link, "cue": found.cue}
        if found.speaker is None:  # left open rather than guessed: the curator names a speaker only from the text
            record["note"] = "no speaker named in the text"
        records.append(record)
    return records

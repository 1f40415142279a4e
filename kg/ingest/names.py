"""Known entities in a new text, found through their names and Kazakh suffixes.

A known entity is linked only through its names (labels and other names, in
any script), never through forms a curator recorded for one article: «жиын»
or «облыс әкімі» name different things in different texts. Kazakh adds
plural, possessive and case suffixes to the last word of a name, in harmony
with its last vowel (Орал → Оралда, Оралдың; Агенттігі → Агенттігінің); a
name is matched with any such chain, whatever its capitals, in Cyrillic or
in Latin letters (Nur Otan). The longest name wins, and a name that is only
part of a longer proper name (Қазақстан in Шығыс Қазақстан облысы) is not
linked: a wrong link is worse than none.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kg.kazakh import suffix_chain
from kg.pipeline.sources import load_all_entities, read_text
from kg.pipeline.spans import Span

TOKEN = re.compile(r"\d+(?:[-–]\d+)*|\w+(?:-\w+)*|[^\w\s]")
CYRILLIC = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN = "a a b v g g d e io zh z i i k q l m n n o o p r s t u u u f h h ts ch sh shch - y i - e iu ia"
TRANSLITERATION = {c: "" if t == "-" else t for c, t in zip(CYRILLIC, LATIN.split(), strict=True)}
# Entities named the same way in every text; events, observations, periods and
# the like are one article's own and are never linked from another.
LINKED_KINDS = ("person", "org", "place", "post", "document", "law", "website")
# Words that begin a longer place name around a known one (Шығыс Қазақстан).
COMPOUND_HEADS = {"шығыс", "батыс", "солтүстік", "оңтүстік", "орталық", "жоғарғы", "төменгі", "ұлы", "кіші", "жаңа"}
STATES = ("Қазақстан Республикасының ", "Қазақстан Республикасы ")
# A capitalised word in the locative, ablative or dative is its clause's, not a longer name's first word
# (Желіде | Түркістан облысы …, Telegram-каналында | Түркістан облысы …).
ADVERBIAL_CASE = re.compile(r"\w{3,}(?:н?[дт][ае]|[дтн][ае]н|[ғгқк][ае])$")
# "Our country" in Kazakh news is the country it is published in.
HOME_COUNTRY = ("place/kazakhstan", ("Еліміз", "Мемлекетіміз", "Отанымыз"))
QUOTES = '«»"„“”'
# After a bare name, what makes it the first word of a longer name: a year with no «жыл» after it
# («Қазақстан 2050» стратегиясы, «Қазақстан-2050»), or «облысы бойынша» and a body's head noun
# (Атырау облысы бойынша департаменті is the Agency's department, not the region; so is «… облысы бойынша
# сыбайлас жемқорлыққа қарсы қызмет», where «қызмет» alone after «бойынша» may be a service or a duty: еліміз
# бойынша 614 лауазымды тұлға қызметін …).
NAMES_A_PROGRAMME = re.compile(
    r"(?:[\s\u00a0]*[-–][\s\u00a0]*|[\s\u00a0]+)(?:19|20)\d\d(?![\d.,])(?![\s\u00a0]*-?[\s\u00a0]*ж)"
)
NAMES_A_BODY = re.compile(
    r"[\s\u00a0]+(?:[\w-]+[\s\u00a0]+)?бойынша[\s\u00a0]+(?:[\w-]+[\s\u00a0]+){0,3}?"
    r"(?:департамент|басқарма|комитет|инспекция|филиал|бөлім|прокуратура|сот|қарсы[\s\u00a0]+қызмет)",
    re.IGNORECASE,
)
# A place in the nominative or genitive with a body's head noun after it, perhaps after up to three words of the
# body's name, is the first word of that body's name (Қостанай облысы әкімдігінің, Алматы облысының прокуратурасы,
# Алматы облысы Сыбайлас жемқорлыққа қарсы қызметі), not a mention of the place.
OPENS_A_BODY = re.compile(
    r"[\s\u00a0]+(?:[\w-]+[\s\u00a0]+){0,3}?(?:әкімдіг|әкімдік|прокуратура|департамент|басқарма|қызмет|комитет)",
    re.IGNORECASE,
)
PLACE_NOUN_CASE = re.compile(r"(?:облысы|ауданы|қаласы)(?:ның)?", re.IGNORECASE)
# ҚР, the state's abbreviation, stands for its name in any text: ҚР Президенті is Қазақстан Республикасының Президенті.
STATE_ABBREVIATION = re.compile(r"^ҚР[\s\u00a0]+")
TITLE_WORDS = 12  # a «title» is short; longer quoted text is someone's words


@dataclass(frozen=True)
class Mention:
    entity: str
    span: Span
    text: str


def slug(text: str) -> str:
    latin = "".join(TRANSLITERATION.get(c, c) for c in text.lower())
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:60].strip("-") or "x"


def latin(text: str) -> str:
    return "".join(TRANSLITERATION.get(c, c) for c in text.lower())


def _last_word(word: str) -> str:
    """The last word as it may stand before a suffix: a final voiceless
    consonant voices (агенттік → агенттігі), a possessive -ы/-і may take -н-."""
    stem = re.escape(word)
    if word[-1:] in "кқп":
        stem = re.escape(word[:-1]) + {"к": "[кг]", "қ": "[қғ]", "п": "[пб]"}[word[-1]]
    return stem


def form_pattern(name: str) -> re.Pattern[str] | None:
    """A name as it may appear inflected, case-insensitive: suffixes on its last word."""
    words = name.strip(QUOTES).replace("«", " ").replace("»", " ").split()
    if not words or len(name) < 2:
        return None
    quote = f"[{QUOTES}]?"
    head = [quote + re.escape(w) + quote for w in words[:-1]]
    last = quote + _last_word(words[-1]) + quote
    if words[-1][-1:].isalpha():
        last += suffix_chain(words[-1])
    return re.compile(r"(?<![\w-])" + r"[\s\u00a0]+".join([*head, last]) + r"(?![\w])", re.IGNORECASE)


def gazetteer(data_dir: Path) -> dict[str, set[str]]:
    """The names of every known entity that is named the same way in every
    text: labels and other names in every language, and their Latin spelling."""
    forms: dict[str, set[str]] = {}
    for entity in load_all_entities(data_dir).values():
        if entity.id.split("/")[0] not in LINKED_KINDS:
            continue
        names = {*entity.labels.values(), *(n for names in entity.alt_labels.values() for n in names)}
        names = {n for n in names if not _common_word(n)}
        names |= {STATE_ABBREVIATION.sub(state, n) for n in names if _state_and_one_word(n) for state in STATES}
        if entity.id.startswith("org/"):
            names |= {_in_the_genitive_state(n) for n in names if n.startswith(STATES[1])}
        forms[entity.id] = names | {latin(n) for n in names if re.search("[а-яәғқңөұүһі]", n.lower())}
    country, deictic = HOME_COUNTRY
    if country in forms:
        forms[country].update(deictic)
    return forms


def _in_the_genitive_state(name: str) -> str:
    """A body's name with the state in the genitive before it, as Kazakh names a body of the state as often
    as in the nominative: Қазақстан Республикасының … агенттігі is Қазақстан Республикасы … агенттігі."""
    return STATES[0] + name.removeprefix(STATES[1])


def _state_and_one_word(name: str) -> bool:
    """ҚР and one word (ҚР Президенті): spelt out, the same name; a longer one (ҚР … агенттігі төрағасының
    орынбасары) a draft reads as its body and its office, each a mention of its own."""
    return STATE_ABBREVIATION.match(name) is not None and len(name.split()) == 2


def _common_word(name: str) -> bool:
    """One word in small letters (бағдарламалар, programmes): a common noun that names one article's things,
    not a name that means the same in every text (a site's name, sn.kz, is no word)."""
    return name.strip().isalpha() and name == name.lower()


def reference_places(data_dir: Path) -> set[str]:
    """Kazakh names of the places in the reference table of Wikidata items; a
    region is also named without «облысы» (Жамбылда, Ақмолада)."""
    table = data_dir / "reference" / "wikidata.csv"
    if not table.is_file():
        return set()
    names = {row["entity_kk"] for row in csv.DictReader(read_text(table).splitlines()) if row.get("entity_kk")}
    return names | {n.removesuffix(" облысы") for n in names if n.endswith(" облысы")}


def _inside_a_title(text: str, span: Span) -> bool:
    """Within a «quoted title» that says more than the name (Қазақстандағы in
    «2020 жылғы Қазақстандағы … мониторингі»)."""
    opening = text.rfind("«", 0, span.start + 1)
    if opening == -1 or text.rfind("»", 0, span.start) > opening:
        return False
    closing = text.find("»", span.start)
    inside = text[opening + 1 : closing if closing != -1 else len(text)]
    if len(inside.split()) > TITLE_WORDS:
        return False  # a quotation, not a title
    return len(inside.strip()) > len(text[span.start : span.end].strip(QUOTES)) + 1


def _part_of_a_longer_name(text: str, span: Span, matched: str) -> bool:
    """Preceded by a capitalised word that is not the sentence's first, or by a
    compass word; followed by a year or by «бойынша» and a body; an
    abbreviation (ҚР) directly followed by a capitalised word; or inside a
    longer «title»."""
    if _inside_a_title(text, span):
        return True
    if NAMES_A_PROGRAMME.match(text, span.end) or NAMES_A_BODY.match(text, span.end):
        return True
    last_word = matched.split()[-1] if matched.split() else ""
    if PLACE_NOUN_CASE.fullmatch(last_word) and OPENS_A_BODY.match(text, span.end):
        return True
    before = re.search(r"(\S+)[\s\u00a0]+$", text[max(0, span.start - 40) : span.start])
    if before:
        word = before.group(1).strip(QUOTES)
        sentence_start = re.search(r"(^|[.!?»:]\s*)$", text[: span.start - len(before.group(0))])
        capitalised = word[:1].isupper() and word[-1:].isalpha() and not ADVERBIAL_CASE.search(word)
        if word.lower() in COMPOUND_HEADS or (capitalised and not sentence_start):
            return True
    if matched.isupper() and len(matched) <= 4:
        after = re.match(r"[\s\u00a0]+[«\"]?(\w)", text[span.end :])
        return bool(after and after.group(1).isupper())
    return False


def _without_open_quotes(text: str, span: Span) -> Span:
    """A name without a quotation mark it does not close: «Атырау облысы … is Атырау облысы."""
    start, end = span.start, span.end
    if text[start] in '«„“"' and not any(c in text[start + 1 : end] for c in '»“”"'):
        start += 1
    if text[end - 1] in '»“”"' and not any(c in text[start : end - 1] for c in '«„“"'):
        end -= 1
    return Span(start, end)


def known_mentions(text: str, forms: dict[str, set[str]]) -> list[Mention]:
    """Known entities in the text, the longest name winning where names overlap."""
    found: list[Mention] = []
    for entity_id, names in sorted(forms.items()):
        for name in names:
            pattern = form_pattern(name)
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                span = _without_open_quotes(text, Span(match.start(), match.end()))
                if not _part_of_a_longer_name(text, span, match.group()):
                    found.append(Mention(entity_id, span, span.exact(text)))
    found.sort(key=lambda m: (-(m.span.end - m.span.start), m.span.start, m.entity))
    kept: list[Mention] = []
    for mention in found:
        if not any(k.span.start < mention.span.end and mention.span.start < k.span.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.span, m.entity))


def tokens_of(text: str, span: Span) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, span.start, span.end)]

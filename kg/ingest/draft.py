"""Draft the curated facts of a new Kazakh article, for a curator to review.

The draft is in the build's own source format. It names the known entities
the text mentions (through Kazakh case and possessive suffixes), lists new
candidate entities found by the CRF and by patterns, proposes a fact for each
number, and records who is reported as saying what. Every proposed fact, and
the article itself, is marked `reviewed: false`: `kg build` refuses them until
a curator has checked each against the text.

Long because the rules that decide which of two overlapping finds stands (a known name, a name Kazakh grammar
builds, the tagger's) sit beside the loop in `analyse` that applies them, and are read with it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from pathlib import Path

import yaml

from kg.atomic import write_outputs
from kg.errors import OutputError
from kg.ingest.analysis import Analysis, MentionFound, as_written, fold_lookalikes
from kg.ingest.candidates import (
    CANDIDATE_CLASSES,
    candidates,
    organisation_names,
    person_names,
    tagged,
    titled_names,
)
from kg.ingest.dates import find_dates
from kg.ingest.laws import event_names, law_names
from kg.ingest.names import gazetteer, known_mentions, reference_places, slug
from kg.ingest.ner.model import Tagger
from kg.ingest.numbers import find_numbers, numbers, ranks
from kg.ingest.patterns import UP, body_names, longest, without_opener
from kg.ingest.policy import policy_names
from kg.ingest.posts import ends_in_an_office, post_phrases
from kg.ingest.speech import attributions, find_speech
from kg.kazakh import is_ending
from kg.pipeline.sources import read_text, sha256_hex
from kg.pipeline.spans import Span, occurrences, sentences

PLACE_NOUN = re.compile(
    r"[\s\u00a0]+(?:облыс|қала|аудан|ауыл|кент|өңір)(?:с?[ыі])?(?P<ending>[\w]*)(?![\w-])", re.IGNORECASE
)
FORMER = re.compile(r"[\s\u00a0]+бұрынғы[\s\u00a0]+")
PARLIAMENT = re.compile(
    r"(?:(?:ҚР|Қазақстан[\s\u00a0]+Республикасы(?:ның)?)[\s\u00a0]+)?Парламент(?:і|інің)?[\s\u00a0]+$"
)
PARTY_NOUN = re.compile(r"[\s\u00a0]+партиясы(?P<ending>\w*)(?![\w-])")
# The state before a body's or a law's name is part of it: ҚР …, Қазақстан Республикасының … агенттігі.
STATE = re.compile(r"(?:ҚР|Қазақстан[\s\u00a0]+Республикасы(?:ның)?)[\s\u00a0]+")
# Known entities of these kinds are named things a reader would call mentions.
KIND_TYPES = {
    "person": "PERSON",
    "org": "ORGANISATION",
    "place": "GPE",
    "post": "POSITION",
    "document": "LAW",
    "law": "LAW",
    "event": "EVENT",
    "website": "FACILITY",
}


CORRESPONDENT = re.compile(r"[\s\u00a0]+тілшіс[іi]")
# One or two capitalised words before «тілшісі» are an outlet's name (Qazaqstan Media тілшісі, Ратель тілшісі),
# though a word of it is a place's or a person's name.
OUTLET_OF_A_CORRESPONDENT = re.compile(
    rf"(?<![\w.-])[«\"]?[{UP}][\w.-]*(?:[\s\u00a0]+[{UP}][\w.-]*)?[»\"]?(?=[\s\u00a0]+тілшіс[іi](?![\w-]))"
)


def analyse(text: str, tagger: Tagger, forms: dict[str, set[str]], places: set[str] = frozenset()) -> Analysis:
    """Everything the draft will propose, each item with its span; ``places``
    are the names of the reference table's places, found but not linked. A
    word typed with Latin twins of its Cyrillic letters is read as if typed
    in Cyrillic, and quoted as written."""
    folded = fold_lookalikes(text)
    found = _analyse(folded, tagger, forms, places)
    if folded == text:
        return found
    return Analysis(
        text,
        *(
            [as_written(item, text, folded) for item in items]
            for items in (found.mentions, found.numbers, found.dates, found.speech)
        ),
    )


def _analyse(text: str, tagger: Tagger, forms: dict[str, set[str]], places: set[str]) -> Analysis:
    known = known_mentions(text, forms)
    mentions = [
        piece
        for m in known
        if (kind := m.entity.split("/")[0]) in KIND_TYPES
        for piece in _place_and_office(
            MentionFound(m.span.start, m.span.end, m.text, KIND_TYPES[kind], m.entity, "known name"), forms
        )
    ]
    for kind, span, why in _unlinked(text, tagger, places):
        span = _after_a_body(text, span, mentions) if kind == "POSITION" else span
        clash = [m for m in mentions if m.start < span.end and span.start < m.end]
        part_of = _gathered_there if kind == "EVENT" else partial(_in_the_state, text)
        chamber = [m for m in clash if m.type == "ORGANISATION" and m.link]
        if kind == "ORGANISATION" and len(chamber) == 1 and _its_parliament(text, span, chamber[0], clash):
            mentions = [m for m in mentions if m not in clash]
            mentions.append(replace(chamber[0], start=span.start, text=span.exact(text)))
            continue
        titled = kind in ("LAW", "EVENT", "PROJECT") and text[span.start] in '«"“'
        headed = [m for m in clash if titled and _headed_by(text, span, m)]
        if len(clash) == 1 and headed:  # «100 нақты қадам» Ұлт жоспарын: the known document, with its title
            mentions = [m for m in mentions if m is not headed[0]]
            mentions.append(replace(headed[0], start=span.start, text=span.exact(text)))
            continue
        if titled and clash and all(_inside_a_title(span, m) for m in clash):
            mentions = [m for m in mentions if m not in clash]
            clash = []
        if kind in ("ORGANISATION", "LAW", "EVENT") and clash and all(part_of(span, m) for m in clash):
            mentions = [m for m in mentions if m not in clash]
            clash = []
        if not clash:
            mentions.append(MentionFound(span.start, span.end, span.exact(text), kind, None, why))
    mentions = _outlets_by_their_correspondent(text, mentions)
    for index, mention in enumerate(mentions):
        longer = _with_its_marks(text, _with_party_noun(text, _with_place_noun(text, mention)))
        if not any(o is not mention and o.start < longer.end and mention.end <= o.start for o in mentions):
            mentions[index] = longer
    return Analysis(
        text,
        sorted(mentions, key=lambda m: (m.start, m.end)),
        find_numbers(text, known),
        find_dates(text),
        find_speech(text, known, _unknown_persons(mentions)),
    )


def _outlets_by_their_correspondent(text: str, mentions: list[MentionFound]) -> list[MentionFound]:
    """A name with «тілшісі» (its correspondent) after it is an outlet's, wherever the text names it (Halyq Uni
    тілшісі): a tagger may take a two-word Latin name for a person's."""
    outlets = {m.text for m in mentions if m.type == "PERSON" and CORRESPONDENT.match(text, m.end)}
    mentions = [replace(m, type="ORGANISATION") if m.type == "PERSON" and m.text in outlets else m for m in mentions]
    for match in OUTLET_OF_A_CORRESPONDENT.finditer(text):
        span = without_opener(text, Span(*match.span()))
        inside = [m for m in mentions if m.start < span.end and span.start < m.end]
        if all(span.start <= m.start and m.end <= span.end for m in inside) and not any(
            (m.start, m.end, m.type) == (span.start, span.end, "ORGANISATION") for m in inside
        ):
            outlet = MentionFound(span.start, span.end, span.exact(text), "ORGANISATION", None, "an outlet's name")
            mentions = [m for m in mentions if m not in inside] + [outlet]
    return mentions


# A region's, district's or town's name that opens a known post's: Атырау облысының | әкімі.
PLACE_OF_AN_OFFICE = re.compile(
    r"(?P<place>.+?(?:облыс|аудан|қала)(?:с?[ыі])?(?:ның|нің)?)[\s\u00a0]+(?P<office>[^\s\u00a0].*)", re.DOTALL
)


def _place_and_office(mention: MentionFound, forms: dict[str, set[str]]) -> list[MentionFound]:
    """A known post named with its place is two mentions, as a curator marks them: the place (linked where
    the place is known) and the office (Атырау облысының | әкімі)."""
    parts = PLACE_OF_AN_OFFICE.fullmatch(mention.text) if mention.type == "POSITION" else None
    if parts is None:
        return [mention]
    place, office = parts.group("place"), parts.group("office")
    places = {entity: names for entity, names in forms.items() if entity.startswith("place/")}
    link = next((m.entity for m in known_mentions(place, places) if m.text == place), None)
    start = mention.start + parts.start("office")
    return [
        MentionFound(mention.start, mention.start + len(place), place, "GPE", link, "known name"),
        replace(mention, start=start, text=office),
    ]


def _unknown_persons(mentions: list[MentionFound]) -> list[Span]:
    """The persons' names found but not linked: speakers too, though no surname's ending marks them."""
    return [Span(m.start, m.end) for m in mentions if m.type == "PERSON" and m.link is None]


def _unlinked(text: str, tagger: Tagger, places: set[str]) -> list[tuple[str, Span, str]]:
    """(class, span, how found) of things no known name links, the surest finders first: a name that
    Kazakh grammar builds (a law, a body) is whole where the CRF or a place name sees a part of it."""
    grammar = law_names(text) + body_names(text) + event_names(text) + titled_names(text) + policy_names(text)
    grammar += [("ORGANISATION", span) for span in organisation_names(text)]
    return [
        *((kind, span, "a name's grammar") for kind, span in longest(grammar)),
        *(("GPE", m.span, "reference place") for m in known_mentions(text, {"reference place": places})),
        # A surname's shape (О.Пернеев, Ерлан Нұров) says more than the tagger, which may take one for a place.
        *(("PERSON", span, "a person's name") for span in person_names(text)),
        *(("POSITION", span, "a post's name") for span in post_phrases(text)),
        *(
            (kind, span, "mention finder")
            for kind, span, said in tagged(text, tagger)
            if kind in CANDIDATE_CLASSES and (kind != "POSITION" or ends_in_an_office(said))
        ),
    ]


def _after_a_body(text: str, span: Span, mentions: list[MentionFound]) -> Span:
    """A post's name without the body named at its start or ending inside it, which is a mention of its own
    (Мәжіліс | депутаты; облыстық Қоғамдық кеңес | төрағасы)."""
    body = next((m for m in mentions if m.start <= span.start < m.end < span.end and m.type == "ORGANISATION"), None)
    if body is None:
        return span
    gap = text[body.end : span.end]
    former = FORMER.match(gap)  # «бөлімінің | бұрынғы басшысы»: a former holder's office is the office
    return Span(body.end + (former.end() if former else len(gap) - len(gap.lstrip())), span.end)


def _in_the_state(text: str, span: Span, mention: MentionFound) -> bool:
    """The country's mention is the state's name that opens this body's or law's (Қазақстан Республикасының |
    … агенттігі)."""
    state = STATE.match(text, mention.start)
    return state is not None and mention.type == "GPE" and span.start <= mention.start and state.end() <= span.end


def _its_parliament(text: str, span: Span, chamber: MentionFound, clash: list[MentionFound]) -> bool:
    """A known chamber named with its Parliament, and the state perhaps, before it: the chamber, whole and linked
    (Қазақстан Республикасы Парламенті Мәжілісінің); the state's mention is part of its name."""
    named = chamber.end == span.end and PARLIAMENT.match(text, span.start, chamber.start) is not None
    return named and all(m is chamber or _in_the_state(text, span, m) for m in clash)


def _headed_by(text: str, span: Span, mention: MentionFound) -> bool:
    """A known document's name after a quoted title's closing mark, ending the title's name: the title is its
    own («100 нақты қадам» Ұлт жоспарын), where a name inside the marks is a longer title's part."""
    closing = max(text.rfind(mark, span.start, span.end) for mark in '»"”')
    return mention.type in ("LAW", "PROJECT") and mention.end == span.end and mention.start > closing


def _inside_a_title(span: Span, mention: MentionFound) -> bool:
    """A place or a document named after a quoted title's first word is part of the title («Шығыс – Адалдық
    алаңы» жобасы; «…» атты Қазақстан халқына Жолдауы), not a mention of its own."""
    inside = span.start < mention.start and mention.end <= span.end
    return inside and mention.type in ("GPE", "LAW", "PROJECT")


def _gathered_there(span: Span, mention: MentionFound) -> bool:
    """A place's mention opens this event's name, whose gathering it names (Қазақстан | судьяларының VIII
    съезі), or a body's in lower case whose sitting it is (мәжіліс | отырысында): part of the name, not a
    mention of the place or the body of its own."""
    sitting = mention.type == "ORGANISATION" and mention.text[:1].islower()
    return (mention.type == "GPE" or sitting) and mention.start == span.start and mention.end < span.end


def _with_party_noun(text: str, mention: MentionFound) -> MentionFound:
    """A known party's name with «партиясы» after it, which names it whole: «Nur Otan» партиясының."""
    noun = PARTY_NOUN.match(text, mention.end) if mention.type == "ORGANISATION" and mention.link else None
    if noun is None or not is_ending(noun.group("ending")) or mention.text.lower().endswith(("партиясы", "партия")):
        return mention
    return replace(mention, end=noun.end(), text=text[mention.start : noun.end()])


OPENING_MARKS, CLOSING_MARKS = '«"“', '»"”'


def _with_its_marks(text: str, mention: MentionFound) -> MentionFound:
    """A name quoted whole, with its quotation marks, as a curator marks it: «Тұрақты даму қоры»."""
    quoted = mention.start > 0 and mention.end < len(text) and mention.type != "PERSON"
    quoted = quoted and text[mention.start - 1] in OPENING_MARKS and text[mention.end] in CLOSING_MARKS
    if not quoted or any(mark in mention.text for mark in OPENING_MARKS + CLOSING_MARKS):
        return mention
    return replace(
        mention, start=mention.start - 1, end=mention.end + 1, text=text[mention.start - 1 : mention.end + 1]
    )


def _with_place_noun(text: str, mention: MentionFound) -> MentionFound:
    """A place's name with the noun that says what it is, which Kazakh puts after it and inflects:
    Түркістан қаласындағы, Жамбыл облысында."""
    noun = PLACE_NOUN.match(text, mention.end) if mention.type == "GPE" else None
    ending = noun.group("ending").lower() if noun else ""
    if noun is None or not is_ending(ending) or re.match("[лдт][ае]р", ending):  # a plural is shared by a list
        return mention
    return replace(mention, end=noun.end(), text=text[mention.start : noun.end()])


def _start_near(text: str, quote: str, near: int) -> int | None:
    """Where ``quote`` stands nearest ``near``: the build needs it when the quote occurs twice."""
    found = occurrences(text, quote)
    return min(found, key=lambda span: abs(span.start - near)).start if found else None


def _placed(text: str, facts: list[dict]) -> list[dict]:
    """Every fact with the offset of its quote, in the order of the keys the build reads."""
    placed = []
    for fact in facts:
        # The quote where the finder saw it (the build checks it is there), else where it first stands.
        start = _start_near(text, fact["quote"], fact.get("start") or 0)
        placed.append({k: v for k, v in {**fact, "start": start}.items() if v is not None})
    return placed


def draft_document(article_id: str, file_name: str, analysis: Analysis, forms: dict) -> dict:
    """The draft in the build's source format: every item unreviewed, nothing invented."""
    text = analysis.text
    known = known_mentions(text, forms)
    mentions: dict[str, list[str]] = {}
    for mention in known:
        surface = " ".join(mention.text.split())
        if surface not in mentions.setdefault(mention.entity, []):
            mentions[mention.entity].append(surface)
    # Observations are the article's own: their ids say so, and no two drafts share one.
    own = article_id.split("/", 1)[1]
    facts = [
        {**f, "s": f["s"].replace("observation/", f"observation/{own}/", 1)}
        for f in _placed(text, numbers(text, known) + ranks(text))
    ]
    proposed = candidates(text, analysis.mentions, known) + [
        {"id": f["s"], "type": "Observation", "found_as": "number", "label": {"kk": f["quote"]}, "start": f["start"]}
        for f in facts
        if f["id"].count("-") == 1
    ]
    proposed = [c for c in proposed if c["id"] not in forms]
    for candidate in proposed:
        mentions.setdefault(candidate["id"], []).append(" ".join(candidate["label"]["kk"].split()))
    first_sentence = sentences(text)[0].exact(text) if text.strip() else ""
    return {
        "article": {
            "id": article_id,
            "text": file_name,
            "sha256": sha256_hex(text),
            "language": "kk",
            "label": {"kk": " ".join(first_sentence.split())[:120]},
            "publisher": None,
            "reviewed": False,
        },
        "mentions": {k: sorted(set(v), key=v.index) for k, v in mentions.items()},
        "offsets": [
            {"entity": m.entity, "text": " ".join(m.text.split()), "start": m.span.start, "end": m.span.end}
            for m in known
        ],
        "candidates": proposed,
        "dates": [{"text": d.text, "start": d.start, "value": d.value, "relative": d.relative} for d in analysis.dates],
        "attributions": attributions(text, known, _unknown_persons(analysis.mentions)),
        "facts": facts,
    }


HEADER = (
    "# Draft by `kg ingest`: nothing here is reviewed. Check every mention, candidate\n"
    "# and fact against the text, add the facts it states, move candidates you keep\n"
    "# to data/entities.yaml, name the publisher, and set `reviewed: true` where you\n"
    "# have checked. `kg build` lists what is still to do; `kg build --allow-unreviewed`\n"
    "# builds it as it is, every unreviewed statement flagged kgo:reviewed false.\n"
)


def draft_yaml(text: str, name: str, file_name: str, tagger: Tagger, data_dir: Path) -> str:
    """The draft of an article ``name`` whose text is ``file_name``, as YAML
    text, linked to the known entities of ``data_dir``."""
    forms = gazetteer(data_dir)
    analysis = analyse(text, tagger, forms, reference_places(data_dir))
    document = draft_document(f"article/{name}", file_name, analysis, forms)
    return HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110)


def draft(article_path: Path, tagger: Tagger, data_dir: Path = Path("data")) -> str:
    """The draft of one article, as YAML text."""
    return draft_yaml(read_text(article_path), slug(article_path.stem), article_path.name, tagger, data_dir)


def ingest_into(article_path: Path, data_dir: Path, tagger: Tagger) -> tuple[Path, Path]:
    """Put a new article's text into the data folder, its SHA-256 recorded, with
    its draft beside it; written together or not at all, and never over a
    curator's work."""
    text = read_text(article_path)
    name = slug(article_path.stem)
    folder = data_dir / "articles"
    text_path, draft_path = folder / f"{name}.txt", folder / f"{name}.yaml"
    if draft_path.exists():
        raise OutputError(f"{draft_path} exists: a draft or a reviewed article; remove it, or draft with -o FILE")
    if text_path.exists() and text_path.read_bytes() != text.encode("utf-8"):
        raise OutputError(f"{text_path} exists with another text; rename the new article")
    body = draft_yaml(text, name, text_path.name, tagger, data_dir)
    write_outputs(folder, {text_path.name: text.encode("utf-8"), draft_path.name: body.encode("utf-8")})
    return text_path, draft_path

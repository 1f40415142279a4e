"""Draft the curated facts of a new Kazakh article, for a curator to review.

The draft is in the build's own source format. It names the known entities
the text mentions (through Kazakh case and possessive suffixes), lists new
candidate entities found by the CRF and by patterns, proposes a fact for each
number, and records who is reported as saying what. Every proposed fact, and
the article itself, is marked `reviewed: false`: `kg build` refuses them until
a curator has checked each against the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.ingest.ner.conll import spans as iob2_spans
from kg.ingest.ner.model import Tagger
from kg.pipeline.sources import load_article, load_entities, read_text, sha256_hex
from kg.pipeline.spans import Span, sentences

NAMED_KINDS = {"person", "org", "place", "post", "website"}
TOKEN = re.compile(r"\d+(?:[-–]\d+)*|\w+(?:-\w+)*|[^\w\s]")
FINAL_VOWELS = "ыіаеуо"
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
COUNTED_NOUNS = {
    "іс": "numberOfCasesOpened",
    "заң": "numberOfLaws",
    "тұлға": "numberOfPersons",
    "қызметкер": "numberOfPersons",
    "адам": "numberOfPersons",
    "шенеунік": "numberOfPersons",
}
LATIN = dict(
    zip(
        "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "g",
            "d",
            "e",
            "io",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "q",
            "l",
            "m",
            "n",
            "n",
            "o",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "u",
            "u",
            "f",
            "h",
            "h",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "i",
            "",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)
# Reported speech: "– … – деп атап өтті X", "– …, – деген X", "X-тың айтуынша, …".
SPEECH_CLOSERS = re.compile(
    r"[–—-]\s*(?:деп\s+(?:атап\s+|тоқталып\s+)?өтті|деген)"
    r"(?:[ \u00a0]+(?P<name>[А-ЯӘҒҚҢӨҰҮҺІЁ]\w*(?:\s[А-ЯӘҒҚҢӨҰҮҺІЁ]\w*)?))?"
)
SPEECH_OPENER = re.compile(r"(?:^|[.!?»]\s+)([–—])\s")
ORGANISATION_HEADS = re.compile(
    r"(?:(?:ҚР|[А-ЯӘҒҚҢӨҰҮҺІЁ«][\w»-]*)\s+)(?:[\w«»-]+\s+){0,8}?"
    r"(?:агенттігі|әкімдігі|партиясы|министрлігі|комитеті|департаменті|басқармасы)"
)
YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})\s+жылдар")
RANK = re.compile(r"(\d+)\s+мемлекеттің\s+ішінен\s+(\d+)\s+орын")
ACCORDING_TO = re.compile(r"(?P<name>(?:[А-ЯӘҒҚҢӨҰҮҺІЁ]\w*\s){1,2})?\w*(?:ның|нің|тың|тің|дың|дің)\s+айтуынша")


@dataclass(frozen=True)
class Mention:
    entity: str
    span: Span
    text: str


def slug(text: str) -> str:
    latin = "".join(LATIN.get(c, c) for c in text.lower())
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:60] or "x"


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word[-1] in FINAL_VOWELS else word


def _form_pattern(form: str) -> re.Pattern[str] | None:
    """A surface form as it may appear inflected: suffixes on its last word."""
    words = form.split()
    if not words or len(form) < 2:
        return None
    head = [re.escape(w) for w in words[:-1]]
    last = re.escape(_stem(words[-1])) + (r"\w*" if words[-1][-1:].isalpha() else "")
    return re.compile(r"(?<!\w)" + r"\s+".join([*head, last]))


def gazetteer(data_dir: Path) -> dict[str, set[str]]:
    """Kazakh surface forms of every known entity: labels, other names, and the
    forms curators recorded in the articles already built."""
    forms: dict[str, set[str]] = {}
    for entity in load_entities(data_dir / "entities.yaml").values():
        names = {entity.labels["kk"], *entity.alt_labels.get("kk", ())}
        forms.setdefault(entity.id, set()).update(names)
    for path in sorted((data_dir / "articles").glob("*.yaml")):
        for entity_id, surface in load_article(path).mentions.items():
            forms.setdefault(entity_id, set()).update(surface)
    return forms


def known_mentions(text: str, forms: dict[str, set[str]]) -> list[Mention]:
    """Known entities in the text; a match inside another entity's longer match
    (Қазақстан in Батыс Қазақстан облысы) is part of that name, not a mention."""
    found = []
    for entity_id, surfaces in sorted(forms.items()):
        spans = set()
        for surface in surfaces:
            pattern = _form_pattern(surface)
            if pattern:
                spans.update(Span(m.start(), m.end()) for m in pattern.finditer(text))
        for span in sorted(s for s in spans if not any(o.contains(s) for o in spans)):
            found.append(Mention(entity_id, span, span.exact(text)))
    names = {m.span for m in found if m.entity.split("/")[0] in NAMED_KINDS}
    kept = [m for m in found if not any(o.contains(m.span) for o in names)]
    return sorted(kept, key=lambda m: (m.span, m.entity))


def tokens_of(text: str, span: Span) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, span.start, span.end)]


def tagged(text: str, tagger: Tagger) -> list[tuple[str, Span, str]]:
    """(class, span, surface) of every entity the CRF finds, sentence by sentence."""
    found = []
    for sentence in sentences(text):
        tokens = tokens_of(text, sentence)
        tags = tagger.tag([t for t, _, _ in tokens])
        for first, last, kind in sorted(iob2_spans(tags)):
            span = Span(tokens[first][1], tokens[last - 1][2])
            found.append((kind, span, span.exact(text)))
    return found


def _clause(text: str, position: int) -> Span:
    start = max(text.rfind(mark, 0, position) for mark in ".;:!?") + 1
    ends = [i for mark in ".;!?" if (i := text.find(mark, position)) != -1]
    return Span(start, min(ends) if ends else len(text))


def ranks(text: str) -> list[dict]:
    """ "168 мемлекеттің ішінен 123 орын": a rank among so many countries."""
    proposals = []
    for index, match in enumerate(RANK.finditer(text), start=1):
        observation = f"observation/rank-{index}"
        quote = " ".join(match.group().split())
        proposals.append(
            {
                "id": f"rank-{index}",
                "s": observation,
                "p": "rank",
                "value": int(match.group(2)),
                "quote": quote,
                "reviewed": False,
            }
        )
        proposals.append(
            {
                "id": f"rank-{index}-among",
                "s": observation,
                "p": "rankedAmong",
                "value": int(match.group(1)),
                "quote": quote,
                "reviewed": False,
            }
        )
    return proposals


def numbers(text: str, mentions: list[Mention]) -> list[dict]:
    """Proposed facts per number: what it counts, and the place named before it in its clause."""
    proposals = []
    in_ranks = [Span(m.start(), m.end()) for m in RANK.finditer(text)]
    for index, match in enumerate(re.finditer(r"(?<![\w-])\d+(?![\w-])", text), start=1):
        if any(r.start <= match.start() < r.end for r in in_ranks):
            continue
        if text.count("«", 0, match.start()) > text.count("»", 0, match.start()):
            continue  # a number inside a «title», such as «100 нақты қадам»
        value = int(match.group())
        if 1900 <= value <= 2100:
            continue
        after = text[match.end() : match.end() + 40].split()
        noun = after[0].strip(",.;:") if after else ""
        clause = _clause(text, match.start())
        places = [m for m in mentions if m.entity.startswith("place/") and clause.start <= m.span.start < match.start()]
        quote = " ".join(
            text[(places[-1].span.start if places else match.start()) : match.end() + len(noun) + 1].split()
        )
        measure = next((p for stem, p in COUNTED_NOUNS.items() if noun.lower().startswith(stem)), None)
        observation = f"observation/number-{index}"
        proposals.append(
            {
                "id": f"number-{index}",
                "s": observation,
                "p": measure or "TODO: the measure this number is (see ontology/kg.ttl)",
                "value": value,
                "quote": quote,
                "reviewed": False,
            }
        )
        if places:
            proposals.append(
                {
                    "id": f"number-{index}-area",
                    "s": observation,
                    "p": "refArea",
                    "o": places[-1].entity,
                    "quote": quote,
                    "reviewed": False,
                }
            )
    return proposals


def _person(name: str, mentions: list[Mention], before: int) -> str | None:
    for mention in mentions:
        if mention.entity.startswith("person/") and name and mention.text.split()[0] == name.split()[0]:
            return mention.entity
    previous = [m for m in mentions if m.entity.startswith("person/") and m.span.start < before]
    return previous[-1].entity if previous else None


def _speech_start(text: str, closer: int) -> int:
    """Where reported speech ending at ``closer`` begins: its opening « when it
    is quoted, else the dash that opens a sentence."""
    before = text[:closer].rstrip(" ,\u00a0")
    if before.endswith("»"):
        depth = 0
        for index in range(len(before) - 1, -1, -1):
            depth += {"»": 1, "«": -1}.get(before[index], 0)
            if depth == 0:
                return index
    openers = [m.start(1) for m in SPEECH_OPENER.finditer(text, 0, closer)]
    return openers[-1] if openers else max(text.rfind(". ", 0, closer), 0)


def attributions(text: str, mentions: list[Mention]) -> list[dict]:
    """Who the text reports as saying what: the speech and the speaker it resolves to."""
    found = []
    for closer in SPEECH_CLOSERS.finditer(text):
        opening = _speech_start(text, closer.start())
        speech = " ".join(text[opening : closer.start()].strip(" –,").split())
        name = (closer.group("name") or "").strip()
        found.append(
            {
                "speech": speech,
                "said_by": name or None,
                "speaker": _person(name, mentions, opening),
                "cue": " ".join(closer.group().split()),
            }
        )
    for match in ACCORDING_TO.finditer(text):
        end = text.find(".", match.end())
        speech = " ".join(text[match.end() : end if end != -1 else len(text)].strip(" ,").split())
        name = (match.group("name") or "").strip()
        mention = next(
            (
                m
                for m in mentions
                if m.span.start <= match.start() < m.span.end or match.start() <= m.span.start < match.end()
            ),
            None,
        )
        speaker = mention.entity if mention and mention.entity.startswith("person/") else _person(name, mentions, 0)
        found.append(
            {"speech": speech, "said_by": match.group().split(" айтуынша")[0], "speaker": speaker, "cue": "айтуынша"}
        )
    return found


def candidates(text: str, tagger: Tagger, mentions: list[Mention]) -> list[dict]:
    """New entities: CRF finds not covered by a known mention, and «titles» with their years."""
    known = [m.span for m in mentions]
    found: dict[str, dict] = {}
    for kind, span, surface in tagged(text, tagger):
        if kind in CANDIDATE_CLASSES and not any(k.start <= span.start and span.end <= k.end for k in known):
            key = f"{CANDIDATE_CLASSES[kind].lower()}/{slug(surface)}"
            found.setdefault(
                key,
                {
                    "id": key,
                    "type": CANDIDATE_CLASSES[kind],
                    "found_as": kind,
                    "label": {"kk": surface},
                    "start": span.start,
                },
            )
    for match in ORGANISATION_HEADS.finditer(text):
        surface = " ".join(match.group().split())
        if not any(k.start <= match.start() and match.end() <= k.end for k in known):
            key = f"org/{slug(surface)}"
            found.setdefault(
                key,
                {
                    "id": key,
                    "type": "Organisation",
                    "found_as": "organisation name",
                    "label": {"kk": surface},
                    "start": match.start(),
                },
            )
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
    return sorted(found.values(), key=lambda c: c["start"])


def draft(article_path: Path, tagger: Tagger, data_dir: Path = Path("data")) -> str:
    text = read_text(article_path)
    mentions = known_mentions(text, gazetteer(data_dir))
    forms: dict[str, list[str]] = {}
    for mention in mentions:
        surface = " ".join(mention.text.split())
        if surface not in forms.setdefault(mention.entity, []):
            forms[mention.entity].append(surface)
    first_sentence = sentences(text)[0].exact(text) if text.strip() else ""
    facts = numbers(text, mentions) + ranks(text)
    document = {
        "article": {
            "id": f"article/{slug(article_path.stem)}",
            "text": article_path.name,
            "sha256": sha256_hex(text),
            "language": "kk",
            "label": {"kk": " ".join(first_sentence.split())[:120], "en": "TODO: an English title"},
            "publisher": "TODO: the organisation the text names as its publisher",
            "reviewed": False,
        },
        "mentions": forms,
        "offsets": [
            {"entity": m.entity, "text": " ".join(m.text.split()), "start": m.span.start, "end": m.span.end}
            for m in mentions
        ],
        "candidates": candidates(text, tagger, mentions)
        + [
            {"id": f["s"], "type": "Observation", "found_as": "number", "label": {"kk": f["quote"]}}
            for f in facts
            if f["id"].count("-") == 1
        ],
        "attributions": attributions(text, mentions),
        "facts": facts,
    }
    header = (
        "# Draft by `kg ingest`: nothing here is reviewed. Check every mention, candidate\n"
        "# and fact against the text, add the facts it states, move candidates you keep\n"
        "# to data/entities.yaml, and set `reviewed: true` where you have checked.\n"
    )
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110)

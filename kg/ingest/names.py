"""Known entities in a new text, found through their names and Kazakh suffixes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.pipeline.sources import load_article, load_entities
from kg.pipeline.spans import Span

NAMED_KINDS = {"person", "org", "place", "post", "website"}
TOKEN = re.compile(r"\d+(?:[-–]\d+)*|\w+(?:-\w+)*|[^\w\s]")
FINAL_VOWELS = "ыіаеуо"
CYRILLIC = "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN = "a b v g g d e io zh z i i k q l m n n o o p r s t u u u f h h ts ch sh shch - y i - e iu ia"
TRANSLITERATION = {c: "" if t == "-" else t for c, t in zip(CYRILLIC, LATIN.split(), strict=True)}


@dataclass(frozen=True)
class Mention:
    entity: str
    span: Span
    text: str


def slug(text: str) -> str:
    latin = "".join(TRANSLITERATION.get(c, c) for c in text.lower())
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

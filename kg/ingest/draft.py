"""Draft the curated facts of a new Kazakh article, for a curator to review.

The draft is in the build's own source format. It names the known entities
the text mentions (through Kazakh case and possessive suffixes), lists new
candidate entities found by the CRF and by patterns, proposes a fact for each
number, and records who is reported as saying what. Every proposed fact, and
the article itself, is marked `reviewed: false`: `kg build` refuses them until
a curator has checked each against the text.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.ingest.candidates import candidates
from kg.ingest.names import gazetteer, known_mentions, slug
from kg.ingest.ner.model import Tagger
from kg.ingest.numbers import numbers, ranks
from kg.ingest.speech import attributions
from kg.pipeline.sources import read_text, sha256_hex
from kg.pipeline.spans import sentences


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

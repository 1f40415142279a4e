"""How much of the seed article's curation `kg ingest` would have drafted:
recall of the curated entity mentions and of the numbers, with a gazetteer made
from entity labels only (not from the seed's own recorded surface forms).

Usage: python benchmarks/ingest_recall.py
"""

from __future__ import annotations

import time
from pathlib import Path

from kg.ingest.names import known_mentions
from kg.ingest.numbers import numbers, ranks
from kg.pipeline.sources import load_article, load_entities
from kg.pipeline.spans import mention_spans

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    article = load_article(ROOT / "data" / "articles" / "000_45cd44230e9f16be.yaml")
    entities = load_entities(ROOT / "data" / "entities.yaml")
    forms = {e.id: {e.labels["kk"], *e.alt_labels.get("kk", ())} for e in entities.values()}
    start = time.perf_counter()
    found = known_mentions(article.text, forms)
    proposed = numbers(article.text, found) + ranks(article.text)
    seconds = time.perf_counter() - start
    curated = {(entity, span) for entity, f in article.mentions.items() for span in mention_spans(article.text, f)}
    drafted = {(m.entity, m.span) for m in found}
    hit = {
        (entity, span)
        for entity, span in curated
        if any(e == entity and s.start < span.end and span.start < s.end for e, s in drafted)
    }
    entities_curated = {entity for entity, _ in curated}
    entities_hit = {entity for entity, _ in hit}
    curated_numbers = {f.value for f in article.facts if isinstance(f.value, int) and not isinstance(f.value, bool)}
    drafted_numbers = {p["value"] for p in proposed if "value" in p}
    print(f"mentions: {len(hit)}/{len(curated)} curated mention spans found ({len(hit) / len(curated):.1%})")
    print(
        f"entities: {len(entities_hit)}/{len(entities_curated)} curated entities found at least once "
        f"({len(entities_hit) / len(entities_curated):.1%})"
    )
    print(
        f"numbers: {len(curated_numbers & drafted_numbers)}/{len(curated_numbers)} curated numbers proposed "
        f"({len(curated_numbers & drafted_numbers) / len(curated_numbers):.1%})"
    )
    print(f"drafting took {seconds:.3f} s")


if __name__ == "__main__":
    main()

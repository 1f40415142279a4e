"""How much of the seed article's curation `kg ingest` would have drafted:
recall of the curated entity mentions and of the numbers, with a gazetteer made
from entity labels only (not from the seed's own recorded surface forms).

With ``--kaznerd FILE.iob2``, also how the rule-based finders fare on text no
rule was written from (KazNERD's sentences, its classes as it draws them): for
each class, the finds that are exactly a KazNERD entity of that class, that
overlap one, and that overlap none of that class; and how many dates and
numbers in digits overlap a KazNERD DATE or quantity.

Usage: python benchmarks/ingest_recall.py [--kaznerd ../shared/data/kaznerd/valid.iob2]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from kg.ingest.candidates import organisation_names, titled_names
from kg.ingest.dates import find_dates
from kg.ingest.laws import event_names, law_names
from kg.ingest.names import known_mentions
from kg.ingest.ner.conll import read_iob2, spans
from kg.ingest.numbers import find_numbers, numbers, ranks
from kg.ingest.patterns import body_names
from kg.ingest.posts import post_phrases
from kg.pipeline.sources import load_article, load_entities
from kg.pipeline.spans import mention_spans

ROOT = Path(__file__).resolve().parent.parent
QUANTITIES = {"CARDINAL", "MONEY", "PERCENTAGE", "QUANTITY"}


def seed() -> None:
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


def _rules(text: str) -> list:
    found = law_names(text) + body_names(text) + event_names(text) + titled_names(text)
    found += [("ORGANISATION", span) for span in organisation_names(text)]
    return found + [("POSITION", span) for span in post_phrases(text)]


def kaznerd(path: Path) -> None:
    counts: Counter = Counter()
    for sentence in read_iob2(path):
        tokens = [token for token, _ in sentence]
        starts = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
        text = " ".join(tokens)
        gold = [(starts[a], starts[b - 1] + len(tokens[b - 1]), k) for a, b, k in spans([t for _, t in sentence])]
        for kind, span in _rules(text):
            same = [g for g in gold if g[2] == kind and g[0] < span.end and span.start < g[1]]
            verdict = "exact" if (span.start, span.end, kind) in gold else "overlap" if same else "other"
            counts[kind, verdict] += 1
        for found, classes in ((find_dates(text), {"DATE"}), (find_numbers(text, []), QUANTITIES)):
            label = "dates" if classes == {"DATE"} else "numbers"
            for item in found:
                counts[label, "found"] += 1
                counts[label, "in"] += any(g[2] in classes and g[0] < item.end and item.start < g[1] for g in gold)
    for kind in sorted({k for k, _ in counts} - {"dates", "numbers"}):
        exact, overlap, other = (counts[kind, v] for v in ("exact", "overlap", "other"))
        total = exact + overlap + other
        print(f"{kind:<13} found {total:4d}: exact {exact:4d}, overlapping {overlap:4d}, other {other:4d}")
    for label in ("dates", "numbers"):
        print(f"{label}: {counts[label, 'in']}/{counts[label, 'found']} found overlap a KazNERD {label[:-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kaznerd", type=Path, help="a KazNERD IOB2 file to check the rule-based finders on")
    args = parser.parse_args()
    seed()
    if args.kaznerd:
        kaznerd(args.kaznerd)


if __name__ == "__main__":
    main()

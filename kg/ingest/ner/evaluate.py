"""Entity-level precision, recall and F1 (exact span and class), per class."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.ingest.ner.conll import Sentence, read_iob2, spans
from kg.ingest.ner.model import Tagger, split


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    support: int


def _scores(tp: int, fp: int, fn: int) -> Scores:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp + fn)


def evaluate(gold: list[Sentence], predicted: list[list[str]]) -> dict[str, Scores]:
    """Scores per class and overall ('overall' key), micro-averaged."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for sentence, tags in zip(gold, predicted, strict=True):
        truth = spans([tag for _, tag in sentence])
        guess = spans(tags)
        for span in guess & truth:
            tp[span[2]] += 1
        for span in guess - truth:
            fp[span[2]] += 1
        for span in truth - guess:
            fn[span[2]] += 1
    classes = sorted(set(tp) | set(fp) | set(fn))
    table = {c: _scores(tp[c], fp[c], fn[c]) for c in classes}
    table["overall"] = _scores(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return table


def report(table: dict[str, Scores], sentences: int, seconds: float) -> str:
    """The per-class table; the last line is `overall precision P recall R f1 F`."""
    width = max(len(name) for name in table)
    lines = [f"{'class':<{width}}  precision  recall  f1     support"]
    ordered = sorted((k for k in table if k != "overall"), key=lambda k: (-table[k].support, k))
    for name in ordered:
        s = table[name]
        lines.append(f"{name:<{width}}  {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}  {s.support:7d}")
    rate = sentences / seconds if seconds else float("inf")
    lines.append(f"{sentences} sentences tagged in {seconds:.2f} s ({rate:.0f} sentences/s)")
    overall = table["overall"]
    lines.append(f"overall precision {overall.precision:.3f} recall {overall.recall:.3f} f1 {overall.f1:.3f}")
    return "\n".join(lines) + "\n"


def evaluate_file(path: Path, model: Path, heldout: bool = False) -> str:
    """The mention finder's scores on a CoNLL/IOB2 file (only its held-out
    fifth with ``heldout``), as the report above."""
    sentences = read_iob2(path)
    if heldout:
        sentences = split(sentences)[1]
    tagger = Tagger(model)
    start = time.perf_counter()
    predicted = [tagger.tag([token for token, _ in sentence]) for sentence in sentences]
    return report(evaluate(sentences, predicted), len(sentences), time.perf_counter() - start)

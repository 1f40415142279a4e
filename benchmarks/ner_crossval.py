"""Cross-validate the mention finder on the KazNERD validation split, by blocks
of consecutive sentences (neighbouring sentences share entities, so blocks
keep test entities away from training better than every-fifth-sentence), and
report per class, with entities seen in training apart from unseen ones.

    python benchmarks/ner_crossval.py ../shared/data/kaznerd/valid.iob2 --folds 5 --iterations 50

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.ingest.ner.conll import Sentence, read_iob2, spans
from kg.ingest.ner.model import Tagger, train


def _entities(sentence: Sentence) -> set[tuple[int, int, str]]:
    return spans([tag for _, tag in sentence])


def _surface(sentence: Sentence, span: tuple[int, int, str]) -> str:
    return " ".join(token for token, _ in sentence[span[0] : span[1]]).lower()


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("iob2", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=50)
    args = parser.parse_args()
    sentences = read_iob2(args.iob2)
    size = len(sentences) // args.folds + 1
    blocks = [sentences[i : i + size] for i in range(0, len(sentences), size)]
    tp, fp, fn = Counter(), Counter(), Counter()
    seen_counts = Counter()
    started = time.perf_counter()
    for index, held in enumerate(blocks):
        training = [s for j, block in enumerate(blocks) if j != index for s in block]
        known = {(_surface(s, e), e[2]) for s in training for e in _entities(s)}
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / "fold.model"
            train(training, model, args.iterations)
            tagger = Tagger(model)
            for sentence in held:
                gold = _entities(sentence)
                guess = spans(tagger.tag([token for token, _ in sentence]))
                for span in gold:
                    kind = "seen" if (_surface(sentence, span), span[2]) in known else "unseen"
                    seen_counts[kind, span in guess] += 1
                for span in guess & gold:
                    tp[span[2]] += 1
                for span in guess - gold:
                    fp[span[2]] += 1
                for span in gold - guess:
                    fn[span[2]] += 1
        print(f"fold {index + 1}/{len(blocks)} done ({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"{'class':<14} precision  recall  f1     support")
    for kind in sorted(set(tp) | set(fn), key=lambda k: -(tp[k] + fn[k])):
        p, r, f = _f1(tp[kind], fp[kind], fn[kind])
        print(f"{kind:<14} {p:9.3f}  {r:6.3f}  {f:5.3f}  {tp[kind] + fn[kind]:7d}")
    for kind in ("seen", "unseen"):
        found, total = seen_counts[kind, True], seen_counts[kind, True] + seen_counts[kind, False]
        print(f"recall on entities {kind} in training: {found}/{total} ({found / total if total else 0:.3f})")
    p, r, f = _f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"overall precision {p:.3f} recall {r:.3f} f1 {f:.3f} ({len(blocks)} blocks, {args.iterations} iterations)")


if __name__ == "__main__":
    main()

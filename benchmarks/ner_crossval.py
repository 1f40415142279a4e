"""Cross-validate the mention finder on the KazNERD validation split, by blocks
of consecutive sentences (neighbouring sentences share entities, and KazNERD
gives many a sentence twice, numbers in words and in digits, so blocks keep
test entities away from training better than every-fifth-sentence), and
report per class, with entities seen in training apart from unseen ones.

    python benchmarks/ner_crossval.py ../shared/data/kaznerd/valid.iob2 --folds 5 --iterations 150

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.ingest.ner.conll import Sentence, read_iob2, spans
from kg.ingest.ner.evaluate import evaluate, report
from kg.ingest.ner.model import ITERATIONS, Tagger, train


def _entities(sentence: Sentence) -> set[tuple[int, int, str]]:
    return spans([tag for _, tag in sentence])


def _surface(sentence: Sentence, span: tuple[int, int, str]) -> str:
    return " ".join(token for token, _ in sentence[span[0] : span[1]]).lower()


def _recall(found: int, total: int) -> str:
    return f"{found}/{total} ({found / total if total else 0:.3f})"


def _seen_report(counts: Counter) -> str:
    """Recall per class on entities seen in training and on unseen ones: the gap is what the features
    fail to carry over to new names."""
    classes = sorted({kind for kind, _, _ in counts}, key=lambda k: -sum(n for key, n in counts.items() if key[0] == k))
    lines = ["recall per class: seen in training, unseen"]
    for name in classes:
        halves = [
            _recall(counts[name, half, True], counts[name, half, True] + counts[name, half, False])
            for half in ("seen", "unseen")
        ]
        lines.append(f"{name:<14}  {halves[0]:>20}  {halves[1]:>20}")
    for half in ("seen", "unseen"):
        found = sum(n for (_, h, hit), n in counts.items() if h == half and hit)
        total = sum(n for (_, h, _), n in counts.items() if h == half)
        lines.append(f"recall on entities {half} in training: {_recall(found, total)}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("iob2", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    args = parser.parse_args()
    sentences = read_iob2(args.iob2)
    size = len(sentences) // args.folds + 1
    blocks = [sentences[i : i + size] for i in range(0, len(sentences), size)]
    gold_sentences: list[Sentence] = []
    predicted: list[list[str]] = []
    seen_counts: Counter = Counter()
    started, tagging = time.perf_counter(), 0.0
    for index, held in enumerate(blocks):
        training = [s for j, block in enumerate(blocks) if j != index for s in block]
        known = {(_surface(s, e), e[2]) for s in training for e in _entities(s)}
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / "fold.model"
            train(training, model, args.iterations)
            size_mb = model.stat().st_size / 1e6
            tagger = Tagger(model)
            for sentence in held:
                before = time.perf_counter()
                tags = tagger.tag([token for token, _ in sentence])
                tagging += time.perf_counter() - before
                guess = spans(tags)
                for span in _entities(sentence):
                    kind = "seen" if (_surface(sentence, span), span[2]) in known else "unseen"
                    seen_counts[span[2], kind, span in guess] += 1
                gold_sentences.append(sentence)
                predicted.append(tags)
        print(
            f"fold {index + 1}/{len(blocks)} done ({time.perf_counter() - started:.0f} s, model {size_mb:.1f} MB)",
            flush=True,
        )
    scores = evaluate(gold_sentences, predicted)
    print(report(scores, len(gold_sentences), tagging), end="")
    # Three places hide whether a target such as 0.870 is met or only rounded up to.
    overall = scores["overall"]
    print(f"overall to four places: precision {overall.precision:.4f} recall {overall.recall:.4f} f1 {overall.f1:.4f}")
    print(_seen_report(seen_counts), end="")
    print(f"({len(blocks)} blocks of consecutive sentences, {args.iterations} iterations)")


if __name__ == "__main__":
    main()

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
from kg.ingest.ner.evaluate import evaluate, report
from kg.ingest.ner.model import Tagger, train


def _entities(sentence: Sentence) -> set[tuple[int, int, str]]:
    return spans([tag for _, tag in sentence])


def _surface(sentence: Sentence, span: tuple[int, int, str]) -> str:
    return " ".join(token for token, _ in sentence[span[0] : span[1]]).lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("iob2", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=50)
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
            tagger = Tagger(model)
            for sentence in held:
                before = time.perf_counter()
                tags = tagger.tag([token for token, _ in sentence])
                tagging += time.perf_counter() - before
                guess = spans(tags)
                for span in _entities(sentence):
                    kind = "seen" if (_surface(sentence, span), span[2]) in known else "unseen"
                    seen_counts[kind, span in guess] += 1
                gold_sentences.append(sentence)
                predicted.append(tags)
        print(f"fold {index + 1}/{len(blocks)} done ({time.perf_counter() - started:.0f} s)", flush=True)
    print(report(evaluate(gold_sentences, predicted), len(gold_sentences), tagging), end="")
    for kind in ("seen", "unseen"):
        found, total = seen_counts[kind, True], seen_counts[kind, True] + seen_counts[kind, False]
        print(f"recall on entities {kind} in training: {found}/{total} ({found / total if total else 0:.3f})")
    print(f"({len(blocks)} blocks of consecutive sentences, {args.iterations} iterations)")


if __name__ == "__main__":
    main()

"""Train, store and apply the CRF (python-crfsuite)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pycrfsuite

from kg.atomic import write_file
from kg.errors import KGError, OutputError
from kg.ingest.ner.conll import Sentence, read_iob2
from kg.ingest.ner.features import sentence_features
from kg.project import packaged

MODEL_FILE = packaged("kg.ingest.ner") / "kaznerd-crf.model"
HOLDOUT_EVERY = 5  # every fifth sentence of the training file is held out for evaluation
ITERATIONS = 150  # L-BFGS passes: cross-validated F1 rises from 50 to 150, not past it
# Light L1 and L2: on KazNERD's eleven thousand sentences stronger penalties cost recall on new names as well
# as on known ones (benchmarks/results.md, "Mention finder: features and training").
PENALTIES = {"c1": 0.005, "c2": 0.002}


def split(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """(training, held out): deterministic, so the held-out figures can be reproduced."""
    train = [s for i, s in enumerate(sentences) if i % HOLDOUT_EVERY != HOLDOUT_EVERY - 1]
    held = [s for i, s in enumerate(sentences) if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1]
    return train, held


def train_file(source: Path, model: Path, iterations: int, progress: Callable[[str], None] = lambda _: None) -> None:
    """Train on a CoNLL/IOB2 file, all but its held-out fifth, and write the model."""
    training, held = split(read_iob2(source))
    progress(f"training on {len(training)} sentences ({len(held)} held out), {iterations} iterations")
    train(training, model, iterations)
    progress(f"wrote {model}")


def train(sentences: list[Sentence], path: Path, iterations: int = ITERATIONS) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        tokens = [t for t, _ in sentence]
        trainer.append(sentence_features(tokens), [tag for _, tag in sentence])
    trainer.set_params({**PENALTIES, "max_iterations": iterations, "feature.possible_transitions": True})
    if not path.parent.is_dir():
        raise OutputError(f"{path.parent}: no such folder")
    # CRFsuite writes as it goes: trained beside the model and renamed in, a failed run leaves the old one whole.
    staging = path.with_name(f".{path.name}.training.tmp")
    try:
        trainer.train(str(staging))
        write_file(path, staging.read_bytes())
    finally:
        staging.unlink(missing_ok=True)


class Tagger:
    def __init__(self, path: Path = MODEL_FILE) -> None:
        if not path.is_file():
            raise KGError(f"{path}: no NER model; train one with 'kg ingest --train FILE.iob2'")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag(self, tokens: list[str]) -> list[str]:
        return list(self._tagger.tag(sentence_features(tokens))) if tokens else []

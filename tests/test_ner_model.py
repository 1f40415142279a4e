"""Training the mention finder writes its model whole or not at all."""

from __future__ import annotations

import pytest

from kg.errors import OutputError
from kg.ingest.ner.model import Tagger, train

SENTENCES = [
    [("Ерлан", "B-PERSON"), ("Қарин", "I-PERSON"), ("Астанада", "B-GPE"), ("болды", "O")],
    [("Асқар", "B-PERSON"), ("Маминнің", "I-PERSON"), ("сапары", "O"), ("Алматыда", "B-GPE")],
] * 5


def test_a_trained_model_replaces_the_old_one_and_tags(tmp_path):
    model = tmp_path / "ner.model"
    model.write_bytes(b"old")
    train(SENTENCES, model, iterations=20)
    assert model.read_bytes() != b"old"
    assert Tagger(model).tag(["Ерлан", "Қарин", "Астанада", "болды"])[:2] == ["B-PERSON", "I-PERSON"]
    assert [p.name for p in tmp_path.iterdir()] == ["ner.model"], "no temporary file is left beside it"


def test_a_model_for_a_missing_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(OutputError, match="no such folder"):
        train(SENTENCES, tmp_path / "missing" / "ner.model", iterations=5)

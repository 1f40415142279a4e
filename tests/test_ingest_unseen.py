"""Rules that unseen news (benchmarks/ingest-dev11) showed the drafter needing, each on an invented sentence, with a
case where it must not apply."""

from __future__ import annotations

import pytest

from fixtures import ROOT
from kg.ingest.analysis import fold_lookalikes
from kg.ingest.draft import analyse
from kg.ingest.names import gazetteer, known_mentions
from kg.ingest.ner.model import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


@pytest.fixture(scope="module")
def forms() -> dict:
    return gazetteer(ROOT / "data")


def test_latin_twins_in_a_kazakh_word_are_read_as_cyrillic():
    text = "Aқмола облысында мектеп директоры сенiп тапсырылған мүлiктi жымқырды, деп хабарлайды Tengrinews.kz."
    folded = fold_lookalikes(text)
    assert len(folded) == len(text)
    assert folded.startswith("Ақмола") and "сеніп" in folded and "мүлікті" in folded
    assert "Tengrinews.kz" in folded  # a Latin word stays Latin


@pytest.mark.parametrize("word", ["Call-орталығы", "Qазақ", "Kazinform-ның"])
def test_a_latin_word_or_a_letter_with_no_twin_stays(word):
    assert fold_lookalikes(word) == word


def test_a_place_typed_with_a_latin_twin_is_linked_and_quoted_as_written(tagger, forms):
    text = "Aқмола облысының прокуратурасы тексеріс жүргізді. Aқмола облысында жол салынды."
    places = [m for m in analyse(text, tagger, forms, set()).mentions if m.link == "place/akmola-region"]
    assert [m.text for m in places] == ["Aқмола облысында"]
    assert all(text[m.start : m.end] == m.text for m in places)


@pytest.mark.parametrize(
    "text",
    [
        "Алматы облысы бойынша Сыбайлас жемқорлыққа қарсы қызметке 20 өтініш түсті.",
        "Түркістан облысы бойынша сыбайлас жемқорлыққа қарсы қызмет тергеу жүргізуде.",
    ],
)
def test_the_anti_corruption_service_for_a_region_is_no_mention_of_the_region(forms, text):
    assert not [m for m in known_mentions(text, forms) if m.entity.startswith("place/")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Алматы облысы бойынша 20 өтініш түсті.", "place/almaty-region"),
        ("Түркістан облысы бойынша биыл 20 адам мемлекеттік қызметке алынды.", "place/turkistan-region"),
    ],
)
def test_a_region_with_boyynsha_and_no_service_after_it_is_the_region(forms, text, place):
    assert [m.entity for m in known_mentions(text, forms)] == [place]

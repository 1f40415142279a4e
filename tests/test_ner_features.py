"""The mention finder's word features: stems through Kazakh endings, scripts, and the context of names."""

from __future__ import annotations

import pytest

from kg.ingest.ner.features import script, sentence_features, stem


@pytest.mark.parametrize("forms", [("Астанада", "Астананың", "Астанадағы"), ("облысында", "облысының", "облысына")])
def test_a_words_case_forms_share_one_stem(forms):
    assert len({stem(form) for form in forms}) == 1


def test_a_stem_keeps_three_letters():
    assert stem("ҚР") == "қр"
    assert stem("Назарбаевтың") == "назарбаев"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Sukhoi", "latin"), ("Алматы", "cyrillic"), ("KazМұнайГаз", "mixed"), ("2019", "none"), ("«", "none")],
)
def test_the_script_of_a_word(word, expected):
    assert script(word) == expected


def test_a_quoted_name_sees_the_noun_after_the_quote():
    tokens = ["Бүгін", "«", "Нұр", "Отан", "»", "партиясының", "төрағасы", "сөйледі", "."]
    features = sentence_features(tokens)
    assert [features[i].get("run") for i in range(len(tokens))][:4] == ["S", None, "B", "E"]
    assert features[2]["quote_next"] == features[3]["quote_next"] == "партия"
    assert features[2]["quote_length"] == 2
    assert "quote_next" not in features[5], "the word after the quote is not inside it"


def test_every_word_of_a_capitalised_run_sees_the_words_around_it():
    tokens = ["Облыс", "әкімі", "Ерлан", "Қарин", "Ақтөбеге", "барды"]
    features = sentence_features(tokens)
    assert [f.get("run") for f in features] == ["S", None, "B", "I", "E", None]
    assert {features[i]["run_previous"] for i in (2, 3, 4)} == {stem("әкімі")}
    assert {features[i]["run_next"] for i in (2, 3, 4)} == {stem("барды")}
    assert features[0]["run_length"] == 1 and "run_previous" not in features[0]


def test_a_surname_shows_its_stem_ending_in_any_case():
    first, second = sentence_features(["Шпекбаевтың"]), sentence_features(["Шпекбаевқа"])
    assert first[0]["stem_suf3"] == second[0]["stem_suf3"] == "аев"


def test_a_headline_in_capitals_reads_as_lowercase_words_but_abbreviations_stay():
    headline = sentence_features(["ЖЕМҚОРЛЫҚТЫҢ", "АЛДЫН", "АЛУ", "ШАРАЛАРЫ"])
    assert headline == sentence_features(["Жемқорлықтың", "алдын", "алу", "шаралары"])
    abbreviations = sentence_features(["ҚР", "ҰҚК", "хабарлады"])
    assert abbreviations[0]["upper"] and abbreviations[1]["upper"]

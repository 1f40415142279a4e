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


def test_every_word_of_a_lowercase_name_sees_the_head_noun_that_ends_it():
    tokens = ["Қазақстан", "Республикасы", "Білім", "және", "ғылым", "министрлігінің", "өкілі", "."]
    features = sentence_features(tokens)
    assert [features[i]["head_ahead"] for i in (2, 3, 4)] == [stem("министрлігінің")] * 3
    assert [features[i]["head_distance"] for i in (2, 3, 4)] == [3, 2, 1]
    assert features[0]["head_ahead"] == stem("Республикасы")


def test_a_head_noun_is_not_looked_for_past_punctuation():
    features = sentence_features(["Ол", "келді", ",", "министрлігі", "хабарлады"])
    assert "head_ahead" not in features[1]


def test_a_word_knows_its_place_in_a_quote():
    tokens = ["«", "Ақ", "жол", "ниет", "»", "партиясы"]
    assert [f.get("quote_place") for f in sentence_features(tokens)] == [None, "B", "I", "E", None, None]
    assert sentence_features(["«", "Болашақ", "»"])[1]["quote_place"] == "S"


def test_a_capital_in_mid_sentence_is_told_from_one_at_the_start_or_after_a_quote():
    features = sentence_features(["Бүгін", "«", "Нұр", "Отан", "»", "Астанада", "жиналды"])
    assert [f["cap_place"] for f in features] == [
        "True|first",
        "False|mid",
        "True|punct",
        "True|mid",
        "False|mid",
        "True|punct",
        "False|mid",
    ]


def test_a_names_case_forms_share_the_trigrams_of_its_stem():
    first, second = sentence_features(["Шпекбаевтың"])[0], sentence_features(["Шпекбаевқа"])[0]
    grams = {key for key in first if key.startswith("sg3:")}
    assert grams == {key for key in second if key.startswith("sg3:")}
    assert {"sg3:<шп", "sg3:аев", "sg3:ев>"} <= grams

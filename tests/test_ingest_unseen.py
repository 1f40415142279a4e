"""Rules that unseen news (benchmarks/ingest-dev11) showed the drafter needing, each on an invented sentence, with a
case where it must not apply."""

from __future__ import annotations

import pytest

from fixtures import ROOT
from kg.ingest.analysis import fold_lookalikes
from kg.ingest.candidates import organisation_names
from kg.ingest.dates import find_dates
from kg.ingest.draft import analyse
from kg.ingest.laws import law_names
from kg.ingest.names import gazetteer, known_mentions
from kg.ingest.ner.model import Tagger
from kg.ingest.numbers import find_numbers
from kg.ingest.patterns import body_names
from kg.ingest.posts import post_phrases
from kg.ingest.speech import find_speech


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
        ("Алматы облысы бойынша 14 лауазымды тұлға қызметін атқармады.", "place/almaty-region"),  # a duty
    ],
)
def test_a_region_with_boyynsha_and_no_service_after_it_is_the_region(forms, text, place):
    assert [m.entity for m in known_mentions(text, forms)] == [place]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Жол салу\n21 Маусым 2023\nПрокуратура тексерді.", [("21 Маусым 2023", "2023-06-21", False)]),
        ("9 желтоқсан 2019 жылы форум өтті.", [("9 желтоқсан 2019 жылы", "2019-12-09", False)]),
        ("Олар мұны 2015 жылдан 2022 жылға дейін істеді.", [("2015 жылдан 2022 жылға дейін", "2015/2022", False)]),
        ("Ол мекемені 2015 жылдан бері басқарды.", [("2015 жылдан", "2015", False)]),
        ("Құрылыс 2022 жылға дейін созылды.", [("2022 жылға", "2022", False)]),
        ("Жыл бойы жалақы аударылып отырған.", [("Жыл бойы", None, True)]),
        ("Ол жылдар бойы үндемеді.", []),
        ("Қазан 2023 жобасы туралы 12 қазанда айтылды.", [("12 қазанда", "--10-12", False)]),
    ],
)
def test_a_datelines_year_a_span_of_years_and_a_year_long_period(text, dates):
    assert [(d.text, d.value, d.relative) for d in find_dates(text)] == dates


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(s.cue, s.speaker) for s in find_speech(text, [])]


@pytest.mark.parametrize(
    "named",
    [
        "Екеуі де Абай Құнанбаев атындағы мектепті басқарған.",  # a school's namesake
        # a district, and a light verb's noun
        "Директордың біреуі Аққұлы ауданында, екіншісі Тереңкөл мектебіне жетекшілік еткен.",
        "Ол жиынға төрағалық етті.",
    ],
)
def test_a_namesake_a_districts_name_and_a_light_verbs_noun_are_no_antecedent(named):
    text = f"Бұл туралы департамент басшысы Ардақ Балғожин мәлімдеді. {named} Оның айтуынша, заң бұзылған."
    assert ("айтуынша", "Ардақ Балғожин") in speakers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Мектеп директоры Ерлан Нұров жиын өткізді. Оның айтуынша, заң бұзылған.",
        "Ерлан Нұров аудан әкімі болып тағайындалды. Оның айтуынша, заң бұзылған.",  # two words: a person's name
    ],
)
def test_a_person_named_before_the_pronoun_is_still_the_speaker(text):
    assert speakers(text) == [("айтуынша", "Ерлан Нұров")]


def test_the_management_is_a_speaker():
    text = "Басшылық тексеріс жүргізілетінін хабарлады."
    assert [s.speaker for s in find_speech(text, [])] == ["Басшылық"]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Ол Б.Ухатов атындағы орта мектепті басқарды.", "Б.Ухатов атындағы орта мектепті"),
        ("Балалар Ы.Алтынсарин атындағы мектепке барды.", "Ы.Алтынсарин атындағы мектепке"),
    ],
)
def test_a_school_named_after_someone_takes_no_possessive(text, body):
    assert ("ORGANISATION", body) in [(k, s.exact(text)) for k, s in body_names(text)]


def test_schools_named_after_someone_in_the_plural_are_no_one_body():
    text = "Абай атындағы мектептерде сабақ өтті."
    assert [s.exact(text) for _, s in body_names(text)] == []


@pytest.mark.parametrize(
    ("text", "body"), [("ҚР АШМ департаменті", "ҚР АШМ"), ("ҚР ІІМ-нің хабарлауынша", "ҚР ІІМ-нің")]
)
def test_a_bodys_abbreviation_after_the_states_is_the_bodys(text, body):
    assert ("ORGANISATION", body) in [(k, s.exact(text)) for k, s in body_names(text)]


@pytest.mark.parametrize("text", ["(ҚР АК 509-бабы)", "ЕРНАР ТАЙЖАН, ҚР ҚМА РЕСМИ ӨКІЛІ:"])
def test_a_code_or_a_caption_in_capitals_is_no_body(text):
    assert [s.exact(text) for _, s in body_names(text)] == []


@pytest.mark.parametrize(
    ("text", "laws"),
    [("айыппұл (ҚР АК 509-бабы)", ["ҚР АК"]), ("ҚР ҚК-нің 366-бабы", ["ҚР ҚК-нің"]), ("АК партиясы", [])],
)
def test_the_civil_code_by_its_abbreviation_after_the_states(text, laws):
    assert [s.exact(text) for _, s in law_names(text)] == laws


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Көшет өсіретін мекеме Ауыл шаруашылығы министрлігіне бағынады.", ["Ауыл шаруашылығы министрлігіне"]),
        ("Уәкілетті орган Қаржы министрлігі тексерді.", ["Қаржы министрлігі"]),
        ("Мекеме Ауыл шаруашылығы министрлігіне бағынады.", ["Ауыл шаруашылығы министрлігіне"]),
    ],
)
def test_a_common_noun_for_a_body_before_a_named_one_is_no_part_of_its_name(text, names):
    assert [s.exact(text) for s in organisation_names(text)] == names


def test_a_named_body_ending_in_a_word_for_a_body_keeps_its_name():
    text = "Оқиғаны Қазақстан Республикасы Ұлттық қауіпсіздік комитеті тексерді."
    assert [s.exact(text) for s in organisation_names(text)] == ["Қазақстан Республикасы Ұлттық қауіпсіздік комитеті"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Бюджетке 32 триллион теңге бөлінді.", 32 * 10**12), ("Шығын 1,5 трлн теңге.", 1.5 * 10**12)],
)
def test_a_trillion_by_its_word_or_abbreviation(text, value):
    assert [n.value for n in find_numbers(text, [])] == [value]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Өткен жұмада жиын өтті.", [("Өткен жұмада", None, True)]),
        ("Келесі сәрсенбіде сот басталады.", [("Келесі сәрсенбіде", None, True)]),
        ("Жұма күні жиын өтті.", []),  # which Friday, the text does not say relative to what
    ],
)
def test_a_weekday_before_or_after_this_one_stays_relative(text, dates):
    assert [(d.text, d.value, d.relative) for d in find_dates(text)] == dates


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        ("Департаменттің басшысы мен оның көмекшісіне қатысты тергеу басталды.", ["басшысы", "көмекшісіне"]),
        ("Облыс прокурорының аға көмекшісі Сайтдолла Дәуешов айтты.", ["Облыс прокурорының аға көмекшісі"]),
        ("Ол мұғалімнің көмекшісі болды.", []),  # an assistant nothing makes a particular office's
    ],
)
def test_an_assistant_joined_to_an_office_is_a_post(text, posts):
    assert [s.exact(text) for s in post_phrases(text)] == posts

"""Mentions of bodies, posts, persons, events and laws that unseen news (benchmarks/ingest-dev10) showed the
drafter missing or taking wrongly, each rule on an invented sentence."""

from __future__ import annotations

import pytest

from fixtures import ROOT
from kg.ingest.candidates import titled_names
from kg.ingest.draft import analyse
from kg.ingest.laws import law_names
from kg.ingest.names import gazetteer, known_mentions
from kg.ingest.ner.model import Tagger
from kg.ingest.patterns import body_names
from kg.ingest.posts import post_phrases


def texts(found, text: str) -> list[str]:
    return [span.exact(text) for _, span in found]


def of_type(text: str, kind: str, tagger: Tagger, forms: dict | None = None) -> list[tuple[str, str | None]]:
    return [(m.text, m.link) for m in analyse(text, tagger, forms or {}, set()).mentions if m.type == kind]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def test_legislation_on_a_field_is_no_laws_name():
    text = "Прокуратура аудан көлемінде мемлекеттік сатып алу туралы заңнаманың сақталуын тексерді."
    assert texts(law_names(text), text) == []
    text = "Депутаттар «Мемлекеттік сатып алу туралы» заңды талқылады."
    assert texts(law_names(text), text) == ["«Мемлекеттік сатып алу туралы» заңды"]


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("Бөрлі ауданы әкімі сөйледі. Жиында аудан әкімінің алғыс хаты берілді.", "аудан әкімінің"),
        ("Бөрлі ауданы әкімі сөйледі. Кәсіпкерлер әкіммен кездесті.", "әкіммен"),
        ("Бөрлі ауданы әкімінің орынбасары ұсталды. Әкімнің орынбасары пара алған.", "Әкімнің орынбасары"),
    ],
)
def test_the_akim_the_text_names_is_taken_up_in_any_case(text, post):
    assert post in [span.exact(text) for span in post_phrases(text)]


def test_an_akim_no_text_names_is_anyones():
    text = "Кез келген министр немесе әкім қызметтен кетуі тиіс. Сондықтан әр әкімнің жауапкершілігі бар."
    assert not {"әкім", "әкімнің"} & {span.exact(text) for span in post_phrases(text)}


def test_a_body_with_the_state_in_the_genitive_is_linked_whole():
    forms = gazetteer(ROOT / "data")
    assert (
        "Қазақстан Республикасының Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі"
        in (forms["org/anti-corruption-agency"])
    )
    text = (
        "Шараны Қазақстан Республикасының мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл "
        "агенттігі ұйымдастырды."
    )
    assert [m.entity for m in known_mentions(text, forms)] == ["org/anti-corruption-agency"]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Іс бойынша прокуратура тарапынан наразылық келтірілді.", "прокуратура"),
        ("Мәселе прокуратура органдарының назарына алынды.", "прокуратура органдарының"),
        ("Жалпы әкімдіктің шешімі қайта қаралды.", "әкімдіктің"),
        ("Өңір прокуратурасының ақпаратынша, іс сотқа жіберілді.", "Өңір прокуратурасының"),
        ("Ол ауыл әкімдігінің маманы.", "ауыл әкімдігінің"),
    ],
)
def test_the_prosecutors_office_and_the_akimat_by_the_bare_noun(text, body):
    assert body in texts(body_names(text), text)


def test_akimdik_as_an_adjective_is_no_body():
    text = "Кеше әкімдік қызметкерлері мен әкімдіктер жиналды."
    assert texts(body_names(text), text) == []


def test_a_bodys_head_in_lower_case_takes_up_a_named_body():
    text = "Есепті Жоғары аудиторлық палата берді. Кейін палатаның ұсынымдары қаралды."
    assert "палатаның" in texts(body_names(text), text)
    text = "Кейін палатаның ұсынымдары қаралды. Палаталар көп."
    assert "палатаның" not in texts(body_names(text), text)


def test_adjectives_before_an_institutions_head_need_no_possessive(tagger):
    text = "Бүгін Жоғары аудиторлық палатаның төрағасы есеп берді."
    assert "Жоғары аудиторлық палатаның" in texts(body_names(text), text)
    assert of_type(text, "POSITION", tagger) == [("төрағасы", None)]
    text = "Бүгін Ерлан мектеп директоры болды."  # a noun between, no possessive: no name
    assert texts(body_names(text), text) == []


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Жиынға Әдеп жөніндегі кеңес төрағасы қатысты.", "Әдеп жөніндегі кеңес"),
        (
            "Сыбайлас жемқорлыққа қарсы іс-қимыл мәселелері жөніндегі ведомствоаралық комиссияның отырысы өтті.",
            "Сыбайлас жемқорлыққа қарсы іс-қимыл мәселелері жөніндегі ведомствоаралық комиссияның",
        ),
    ],
)
def test_a_council_named_by_its_field(text, body):
    assert body in texts(body_names(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "Кеше Ақ ордада жемқорлыққа қарсы күрес жөніндегі кеңес өтті.",
        "Тоқаев индустриалды-инновациялық даму жөніндегі кеңесте сөйледі.",
    ],
)
def test_a_council_named_by_its_field_holds_no_word_in_a_clauses_case_nor_a_surname(text):
    assert not any(t.startswith(("Ақ", "Тоқаев")) for t in texts(body_names(text), text))


def test_a_posts_grammar_takes_the_bare_place_noun_the_tagger_leaves(tagger):
    text = "Жиынға облыс прокурорының бірінші орынбасары Т.Әлібаев қатысты."
    assert ("облыс прокурорының бірінші орынбасары", None) in of_type(text, "POSITION", tagger)


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("Бөлімде оның шаруашылық істері жөніндегі орынбасары Ерлан Нұров жұмыс істейді.", "шаруашылық істері"),
        ("Бүгін аудан прокурорының аға көмекшісі Ерлан Нұров сөйледі.", "аудан прокурорының аға көмекшісі"),
    ],
)
def test_a_posts_field_holds_no_pronoun_and_a_senior_deputy_is_one_post(text, post):
    spans = [span.exact(text) for span in post_phrases(text)]
    assert any(s.startswith(post) for s in spans)
    assert not any(s.startswith("оның") for s in spans)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Форумда облыс әкімінің орынбасары Ж.Батырхан сөз сөйледі.", "Ж.Батырхан"),
        ("Кейін К.Қалиеваның баяндамасы тыңдалды.", "К.Қалиеваның"),
    ],
)
def test_an_initial_glued_to_a_name_is_a_persons(tagger, text, person):
    assert (person, None) in of_type(text, "PERSON", tagger)


def test_an_initial_before_a_streets_name_is_the_streets(tagger):
    text = "Көрме Қ.Қайсенов көшесіндегі ғимаратта өтті."
    assert not any(t.startswith("Қ.Қайсенов") for t, _ in of_type(text, "PERSON", tagger))


def test_a_name_quoted_whole_keeps_its_marks(tagger):
    text = "Жиынға «Тұрақты және әлеуметтік даму қоры» басшылары қатысты."
    assert ("«Тұрақты және әлеуметтік даму қоры»", None) in of_type(text, "ORGANISATION", tagger)


def test_a_chambers_sitting_is_one_event_and_the_chamber_is_not_linked_apart(tagger):
    text = "Бүгін мәжіліс отырысында депутат сөйледі."
    forms = {"org/mazhilis": {"Мәжіліс"}}
    assert of_type(text, "EVENT", tagger, forms) == [("мәжіліс отырысында", None)]
    assert of_type(text, "ORGANISATION", tagger, forms) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Шараға «Адал ұрпақ» және «Саналы ұрпақ» ұйымдарының мүшелері келді.",
            ["«Адал ұрпақ»", "«Саналы ұрпақ» ұйымдарының"],
        ),
        ("Жұмысты «Саналы ұрпақ» жобалық кеңселері атқарады.", ["«Саналы ұрпақ» жобалық кеңселері"]),
        (
            "Оны «Әділет жастар одағы» жастар антикоррупциялық қозғалысының жетекшісі айтты.",
            ["«Әділет жастар одағы» жастар антикоррупциялық қозғалысының"],
        ),
    ],
)
def test_titled_bodies_plural_offices_and_a_title_joined_to_another(text, names):
    assert sorted(span.exact(text) for kind, span in titled_names(text) if kind == "ORGANISATION") == names


def test_a_shorter_institution_after_a_persons_name():
    text = "Президент Қасым-Жомарт Тоқаев Жоғары аудиторлық палатаның төрағасын қабылдады."
    assert "Жоғары аудиторлық палатаның" in texts(body_names(text), text)
    text = "Жоғары аудиторлық палатаның қызметі цифрландырылды."  # opening a sentence, with its adjective
    assert texts(body_names(text), text) == ["Жоғары аудиторлық палатаның"]


@pytest.mark.parametrize(
    "text",
    [
        "Кеше Елордадағы халықаралық әуежайда тексеріс өтті.",
        "Оқиға СҚО-да аудандық аурухана ғимаратында болды.",
        "Іс-шараны бастауыш партия ұйымының мүшелері өткізді.",
    ],
)
def test_no_institution_opens_with_a_place_in_a_clauses_case_or_a_sentences_first_word(text):
    names = [span.exact(text) for kind, span in body_names(text) if kind != "GPE"]
    assert not any(t.startswith(("Елордадағы", "СҚО-да", "Іс-шараны")) for t in names)


def test_a_year_with_zhyl_after_it_names_no_programme():
    text = "Алайда 2016 жылы басталған жоба тоқтап тұр."
    assert texts(law_names(text), text) == []
    text = "Біз Нұрлы жол-2025 бағдарламасын қолдаймыз."
    assert texts(law_names(text), text) == ["Нұрлы жол-2025 бағдарламасын"]


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("Бұл Нұр-Сұлтан қаласын дамыту бағдарламасы бойынша жоспарланған.", "Нұр-Сұлтан қаласын дамыту бағдарламасы"),
        (
            "Ол Алматы облысын дамытудың 2021-2025 жылдарға арналған бағдарламасына енді.",
            "Алматы облысын дамытудың 2021-2025 жылдарға арналған бағдарламасына",
        ),
    ],
)
def test_a_programme_for_developing_a_named_place(text, law):
    assert law in texts(law_names(text), text)


def test_an_akims_office_with_its_place_is_one_body():
    text = "Шараны Сарқан ауданы әкімі аппаратының қызметкерлері ұйымдастырды."
    assert "Сарқан ауданы әкімі аппаратының" in texts(body_names(text), text)


def test_an_outlets_address_with_its_reach_and_head():
    text = "Бұл туралы Kazinform.kz халықаралық агенттігі хабарлады."
    assert "Kazinform.kz халықаралық агенттігі" in texts(body_names(text), text)


def test_a_place_noun_in_the_genitive_owns_a_capitalised_body(tagger):
    text = "Жоба Алматы қаласының Жастар саясаты басқармасының қолдауымен өтті."
    assert ("Жастар саясаты басқармасының", None) in of_type(text, "ORGANISATION", tagger)
    text = "Үкімді Ақсу қаласының мамандандырылған ауданаралық соты шығарды."  # a lower-case body is the place's own
    assert ("Ақсу қаласының мамандандырылған ауданаралық соты", None) in of_type(text, "ORGANISATION", tagger)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Дөңгелек үстелде сарапшылар сөйледі.", "Дөңгелек үстелде"),
        ("Кеше дөңгелек үстел отырысы өтті.", "дөңгелек үстел отырысы"),
    ],
)
def test_a_round_table_is_an_event(tagger, text, event):
    assert of_type(text, "EVENT", tagger) == [(event, None)]

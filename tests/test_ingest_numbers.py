"""Numbers in Kazakh news: the forms a quantity takes (endings, spaced thousands,
scale words, number words, fractions, qualifiers) and the numbers that are no
quantity (years, dates, titles, item and phone numbers)."""

from __future__ import annotations

import pytest

from kg.ingest.names import Mention
from kg.ingest.numbers import find_numbers, numbers, ranks
from kg.pipeline.spans import Span


def found(text: str) -> list[tuple[str, float]]:
    return [(n.text, n.value) for n in find_numbers(text, [])]


def one(text: str):
    numbers_found = find_numbers(text, [])
    assert len(numbers_found) == 1, numbers_found
    number = numbers_found[0]
    assert text[number.start : number.end] == number.text
    return number


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Қазақстан рейтингте 123-орын алды.", "123-орын", 123),
        ("Олардың 134-і сотталды.", "134-і", 134),
        ("Облыста 400-ден астам іс тіркелді.", "400-ден астам", 400),
        ("Ол 89мен бәсекелес болды.", "89мен", 89),
        ("Биыл 10нан астам адам ұсталды.", "10нан астам", 10),
        ("Көрсеткіш 2,1% төмендеді.", "2,1%", 2.1),
        ("Үлесі 2,1% — ға төмендеген.", "2,1% — ға", 2.1),
        ("Тұрғындардың 80%-дан астамы қолдады.", "80%-дан астамы", 80),
        ("Олардың 15 пайызы әйелдер.", "15 пайызы", 15),
        ("Олардың 3-еуі тұтқындалды.", "3-еуі", 3),
        ("Көрсеткіш 0,5 % өсті.", "0,5 %", 0.5),
    ],
)
def test_endings_glued_to_a_number_are_part_of_it(text, span, value):
    number = one(text)
    assert (number.text, number.value) == (span, value)


def test_two_numbers_with_endings_side_by_side():
    assert found("Қылмыстар саны 84-тен 32-ге дейін азайды.") == [("84-тен", 84), ("32-ге", 32)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Олар 2 мың 432 адамды тексерді.", 2432),
        ("Сауалнамаға 9 000 адам қатысты.", 9000),
        ("Сауалнамаға 9\u00a0000 адам қатысты.", 9000),
        ("Сауалнамаға 9\u202f000 адам қатысты.", 9000),
        ("Барлығы 1 347 өтініш түсті.", 1347),
        ("Шығын 2,2 млрд теңгені құрады.", 2_200_000_000),
        ("Бюджеттен 26 миллион теңге ұрланды.", 26_000_000),
        ("Залал 1 млрд 200 млн теңге болды.", 1_200_000_000),
        ("Облыс бойынша 12 мыңнан астам азамат қамтылды.", 12_000),
        ("Пара 5 мың 500 теңге болды.", 5500),
        ("Жиынға 2000-нан астам адам келді.", 2000),  # a year's digits, but a count
    ],
)
def test_thousands_and_scale_words(text, value):
    assert one(text).value == value


def test_an_amount_in_tenge_spans_the_scale_word_and_the_unit():
    number = one("Мемлекетке 134 млн теңге залал келтірілді.")
    assert (number.text, number.value, number.counts, number.unit) == ("134 млн теңге", 134_000_000, "amount", "tenge")


@pytest.mark.parametrize(
    ("text", "span", "value", "counts"),
    [
        ("Агенттік он екі адамды ұстады.", "он екі", 12, "persons"),
        ("Жүз елу қызметкер тексерілді.", "Жүз елу", 150, "persons"),
        ("Ауданда жиырма бес іс қозғалды.", "жиырма бес", 25, "cases"),
        ("Оннан астам шенеунік ұсталды.", "Оннан астам", 10, "persons"),
        ("Мыңнан астам адам қатысты.", "Мыңнан астам", 1000, "persons"),
        ("Бір жарым миллион теңге жымқырылды.", "Бір жарым миллион теңге", 1_500_000, "amount"),
    ],
)
def test_number_words_before_a_counted_noun(text, span, value, counts):
    number = one(text)
    assert (number.text, number.value, number.counts) == (span, value, counts)


@pytest.mark.parametrize(
    "text",
    [
        "Олар бір-бірімен келісті.",
        "Екі жақты келісім жасалды.",
        "Бірінші басшы жауап береді.",
        "Оның айтуынша, жұмыс жалғасады.",
        "Бір адам келді.",  # «бір» is "a" as often as "one"
        "Мыңдаған адам келді.",
        "Бұл мәселе жүзеге асырылды.",
        "Ол бес жылдан кейін оралды.",
        "Олар бірге жұмыс істейді, үшін деген сөз.",
    ],
)
def test_number_words_in_idioms_are_no_quantity(text):
    assert found(text) == []


def test_ordinals_count_only_as_ranks():
    second = one("Жер қатынастары екінші орында тұр.")
    assert (second.text, second.value, second.counts) == ("екінші орында", 2, "rank")
    assert one("Қазақстан бірінші орынға шықты.").counts == "rank"
    assert found("Ол 5-сынып оқушысы.") == []


def test_fractions():
    half = one("Олардың жартысынан астамы жемқорлық үшін кетті.")
    assert (half.text, half.value, half.qualifier) == ("жартысынан астамы", 0.5, "more_than")
    third = one("Шенеуніктердің үштен бірі жазаланды.")
    assert third.text == "үштен бірі" and third.value == pytest.approx(1 / 3)
    assert found("Жарты жыл өтті.") == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Елімізде 90-нан астам шенеунік сотталды.", "more_than"),
        ("Айыппұл 5 млн теңгеден артық.", "more_than"),
        ("Жиынға 300-ге жуық адам келді.", "about"),
        ("Шамамен 500 адам қатысты.", "about"),
        ("Мұнда 100 шамасында адам жұмыс істейді.", "about"),
        ("Жиынға 100-ден кем адам қатысты.", "less_than"),
        ("Жиынға 100-ден аз адам қатысты.", "less_than"),
        ("Жиынға 100 адам қатысты.", None),
    ],
)
def test_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


def test_the_qualifier_is_in_the_span():
    assert one("Жиынға 850 мыңға жуық адам қатысты.").text == "850 мыңға жуық"
    assert one("Шамамен 500 адам қатысты.").text == "Шамамен 500"


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Облыста 37 адам сотталды.", "persons"),
        ("Облыста 37 тұлғаға айыппұл салынды.", "persons"),
        ("Облыста 37 мемқызметкер жазаланды.", "persons"),
        ("Сауалнамаға 9 000 респондент қатысты.", "persons"),
        ("Облыста 54 факт тіркелді.", "cases"),
        ("Облыста 54 сыбайлас жемқорлық қылмысы тіркелді.", "cases"),
        ("Облыста 12 іс қозғалды.", "cases"),
        ("Облыста 20 құқықбұзушылық анықталды.", "cases"),
        ("Қазақстан 39 балл жинады.", "points"),
        ("Облыста 5 топ құрылды.", "groups"),
        ("Облыста 3 оқиға болды.", "events"),
        ("Зерттеуге 180 ел қатысты.", "other"),
        ("Порталға 1 347 өтініш түсті.", "other"),
        ("Үлесі 2,1% төмендеді.", "percent"),
    ],
)
def test_what_a_number_counts_from_the_noun_it_governs(text, counts):
    assert one(text).counts == counts


@pytest.mark.parametrize(
    "text",
    [
        "2016 жылы жиын өтті.",
        "2019-2020 жж. бағдарлама.",
        "Зерттеу (2019) жарияланды.",
        "Ол 9 желтоқсанда өтті.",
        "Кездесу 16.03.2021 күні өтті.",
        "Жиын сағат 10:00-де басталды.",
        "«100 нақты қадам» бағдарламасы қабылданды.",
        "№ 410 бұйрық шықты.",
        "Заң 410-V нөмірімен тіркелді.",
        "Қылмыстық кодекстің 366-бабы бойынша іс қозғалды.",
        "Сенім телефоны: 8 701 123 45 67.",
        "Анықтама телефоны: 8 (7172) 74-10-28.",
        "Ұлттық бюро 1424 нөміріне хабарласуды сұрайды.",
        "COVID-19 пандемиясы кезінде жиын өтпеді.",
        "Ағымдағы жылдың 1-жартыжылдығында жиын өтті.",
        "Бір жылда жұмыс аяқталды.",
        "Соңғы 5 жылда жұмыс аяқталды.",
        "1. Бірінші мәселе.",
    ],
)
def test_numbers_that_state_no_quantity(text):
    assert found(text) == []


def test_a_quoted_speech_is_no_title():
    number = one("«Биыл облыста 12 адам сотталды», - деді ол.")
    assert (number.value, number.counts) == (12, "persons")


def test_years_dates_and_quantities_in_one_sentence():
    text = "2016 жылы 9 желтоқсанда Алматыда 37 адам сотталды."
    assert found(text) == [("37", 37)]
    assert one(text).period == "9 желтоқсанда"


def test_the_place_and_period_of_a_number_are_those_of_its_clause():
    text = "Биыл Теректі ауданында 12 іс қозғалды. Оралда 5 іс."
    terekti = Mention("place/terekti-district", Span(5, 22), "Теректі ауданында")
    first, second = find_numbers(text, [terekti])
    assert first.place.link == "place/terekti-district" and first.period == "Биыл"
    assert second.place is None and second.period is None


def test_facts_keep_their_shape():
    text = "Биыл Теректі ауданында 12 іс қозғалды. Үлесі 2,1% төмендеді."
    terekti = Mention("place/terekti-district", Span(5, 22), "Теректі ауданында")
    facts = numbers(text, [terekti])
    assert facts[0] == {
        "id": "number-1",
        "s": "observation/number-1",
        "p": "numberOfCasesOpened",
        "value": 12,
        "start": 5,
        "quote": "Теректі ауданында 12 іс",
        "reviewed": False,
    }
    assert facts[1]["p"] == "refArea" and facts[1]["o"] == "place/terekti-district"
    assert facts[2]["value"] == 2.1 and facts[2]["p"] == "sdmx-measure:obsValue"


def test_a_rank_among_countries_is_left_to_ranks():
    text = "Қазақстан 168 мемлекеттің ішінен 123 орынды иеленді."
    assert [n.value for n in find_numbers(text, [])] == [168, 123]
    assert numbers(text, []) == []
    assert [(f["p"], f["value"]) for f in ranks(text)] == [("rank", 123), ("rankedAmong", 168)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Екі жүз елу адам келді.", 250), ("Үш жүз адам келді.", 300), ("Жүз екі адам келді.", 102)],
)
def test_units_before_juz_count_the_hundreds(text, value):
    assert one(text).value == value


def test_civil_servants_are_persons_counted():
    assert (one("Биыл 45 мемлекеттік қызметші жазаланды.").counts, one("Биыл 45 қызметші жазаланды.").value) == (
        "persons",
        45,
    )


@pytest.mark.parametrize(
    ("text", "span", "qualifier"),
    [
        ("Портта 300-дей адам жұмыс істейді.", "300-дей", "about"),
        ("Кеше 100-деген отбасы көмек алды.", "100-деген", "about"),
        ("Тек 3-ақ іс қаралды.", "3-ақ", None),
        ("Оның 2-еуінің ісі сотта.", "2-еуінің", None),
    ],
)
def test_approximate_only_and_collective_endings_after_digits(text, span, qualifier):
    number = one(text)
    assert (number.text, number.qualifier) == (span, qualifier)


def test_every_nth_is_a_share():
    fourth = one("Әр төртінші қылмыс сатып алуда жасалады.")
    assert (fourth.text, fourth.value, fourth.counts) == ("Әр төртінші", pytest.approx(0.25), "cases")
    assert found("Әр бірінші күн демалыс.") == []


def test_a_number_word_with_a_possessive_after_olardyn_is_a_part_of_the_group():
    nine = one("Олардың тоғызы – бірінші басшылар.")
    assert (nine.text, nine.value) == ("тоғызы", 9)
    assert found("Оның тоғызы белгілі.") == [] and found("Олардың бірі кетті.") == []


def test_heads_and_directors_are_counted_persons():
    assert one("Қызмет екі басшыны да жұмыстан шығаруды ұсынды.").counts == "persons"
    assert one("Облыста 14 директор ұсталды.").counts == "persons"


def test_a_term_in_years_spelled_out_is_a_quantity_but_a_period_ago_is_a_date():
    number = one("Сот оны жеті жылға бас бостандығынан айырды.")
    assert (number.text, number.value, number.counts) == ("жеті", 7, "years")
    assert found("Іс осыдан екі жыл бұрын қозғалған.") == []


def test_a_collective_numeral_counts_persons():
    number = one("Сот оларды кінәлі деп таныды, екеуі шартты түрде сотталды.")
    assert (number.text, number.value, number.counts) == ("екеуі", 2, "persons")
    assert found("Полиция үшеуін ұстады.") == [("үшеуін", 3)]


def test_fraudsters_suspects_and_chief_specialists_are_counted_persons():
    assert one("Қызмет екі алаяқты ұстады.").counts == "persons"
    assert one("Аппараттың үш бас маманы пара алған.").counts == "persons"

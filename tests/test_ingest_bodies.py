"""Bodies, posts and laws as Kazakh news names them, each rule on an invented sentence: the state's name
before a body, the anti-corruption service by its aim, a body's units, outlets, companies, offices with
their field or an acting holder, and plans named by their aim."""

from __future__ import annotations

import pytest

from kg.ingest.candidates import organisation_names, person_names, titled_names
from kg.ingest.draft import analyse
from kg.ingest.laws import event_names, law_names
from kg.ingest.ner.model import Tagger
from kg.ingest.patterns import body_names
from kg.ingest.posts import ends_in_an_office, post_phrases


def texts(found, text: str) -> list[str]:
    return [span.exact(text) for _, span in found]


def found(text: str, kind: str, tagger: Tagger, forms: dict | None = None, places: set | None = None) -> list:
    return [(m.text, m.link) for m in analyse(text, tagger, forms or {}, places or set()).mentions if m.type == kind]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def test_zhane_joins_a_names_lower_case_words_but_not_two_names():
    text = "Бүгін Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы күрес агенттігі есеп берді."
    assert [s.exact(text) for s in organisation_names(text)] == [
        "Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы күрес агенттігі"
    ]
    text = "Ақтөбе облысы және Шымкент қаласы әкімдігі келісті."
    assert [s.exact(text) for s in organisation_names(text)] == ["Шымкент қаласы әкімдігі"]


def test_the_states_name_opens_a_bodys_and_is_not_linked_apart(tagger):
    text = "Кеше Қазақстан Республикасының Денсаулық сақтау министрлігі бұйрық шығарды."
    forms = {"place/kazakhstan": {"Қазақстан Республикасы"}}
    assert [s.exact(text) for s in organisation_names(text)] == [
        "Қазақстан Республикасының Денсаулық сақтау министрлігі"
    ]
    assert found(text, "ORGANISATION", tagger, forms) == [
        ("Қазақстан Республикасының Денсаулық сақтау министрлігі", None)
    ]
    assert found(text, "GPE", tagger, forms) == []


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Сыбайлас жемқорлыққа қарсы қызмет тергеу бастады.", "Сыбайлас жемқорлыққа қарсы қызмет"),
        ("Деректі сыбайлас жемқорлыққа қарсы қызметтің өкілдері растады.", "сыбайлас жемқорлыққа қарсы қызметтің"),
        (
            "Бұл туралы облыстық сыбайлас жемқорлыққа қарсы іс-қимыл департаментінің басшысы айтты.",
            "облыстық сыбайлас жемқорлыққа қарсы іс-қимыл департаментінің",
        ),
        (
            "Маңғыстау облысы бойынша Сыбайлас жемқорлыққа қарсы қызмет департаменті хабарлады.",
            "Маңғыстау облысы бойынша Сыбайлас жемқорлыққа қарсы қызмет департаменті",
        ),
    ],
)
def test_the_anti_corruption_service_by_its_aim_in_any_case(text, body):
    assert texts(body_names(text), text) == [body]


def test_the_anti_corruption_services_staff_is_not_the_service():
    text = "Сыбайлас жемқорлыққа қарсы қызметкерлері келді."
    assert texts(body_names(text), text) == []


def test_a_unit_named_by_its_field_after_its_body():
    text = "Агенттігі превенция қызметінің басшысы мен министрлігі 2-ші департаментінің өкілі келді."
    assert "превенция қызметінің" in texts(body_names(text), text)
    assert "2-ші департаментінің" in texts(body_names(text), text)
    for text in ("Оның министрлігі қызметкерлері келді.", "Оның агенттігі бүгін жұмысын қызметін бастады."):
        assert texts(body_names(text), text) == []


def test_an_outlet_in_quotes_and_a_site_that_ends_the_sentence():
    text = "Бұл туралы «Хабар» арнасы жазды. Бұл туралы Dalanews.kz. Мекенжайы: www.dalanews.kz/kz"
    assert texts(body_names(text), text) == ["«Хабар» арнасы", "Dalanews.kz"]


def test_a_name_in_the_locative_is_no_place_of_a_kind_and_a_cemetery_is_a_facility():
    text = "Адам өлсе, Алматыдағы таудың маңайы, Кеңсай зиратының маңайы."
    assert body_names(text) == [("FACILITY", body_names(text)[0][1])]
    assert texts(body_names(text), text) == ["Кеңсай зиратының"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("«Ақбота» акционерлік қоғамы", "ORGANISATION"),
        ("«Ақбота» АҚ", "ORGANISATION"),
        ("«Ұлттық театр орталығы» КЕАҚ", "ORGANISATION"),
        ("«Адал өңір» жобалық кеңсесінің", "ORGANISATION"),
        ("«Адал өңір» кеңсесі", "ORGANISATION"),
        ("«Адал ел – адал болашақ» атты басқосуда", "EVENT"),
        ("«Адал өңір» жобасы", "PROJECT"),
    ],
)
def test_a_quoted_name_and_its_kind(text, kind):
    assert [(k, s.exact(text)) for k, s in titled_names(text + " өтті.")] == [(kind, text)]


def test_a_quoted_name_is_no_company_before_a_word_that_begins_with_aq():
    assert titled_names("«Адал өңір» ақпарат таратты.") == []


def test_a_person_named_by_two_initials_and_a_surname():
    text = "Жиында Қ.Ә.Бекболатовтың сөзі тыңдалды."
    assert [s.exact(text) for s in person_names(text)] == ["Қ.Ә.Бекболатовтың"]


@pytest.mark.parametrize(
    ("text", "post"),
    [
        (
            "Департаментінің аса маңызды істер жөніндегі тергеушісі Ерлан Сәтбаев айтты.",
            "аса маңызды істер жөніндегі тергеушісі",
        ),
        (
            "Департаменті бастығының міндетін уақытша атқарушы Ерлан Сәтбаев айтты.",
            "бастығының міндетін уақытша атқарушы",
        ),
        ("Мемлекеттік орталығының басшысы тергеуге алынды.", "басшысы"),
        ("Кеше Тараз әкімі жиын өткізді.", "әкімі"),
    ],
)
def test_an_offices_field_an_acting_holder_a_bodys_genitive_and_a_towns_akim(text, post):
    assert [s.exact(text) for s in post_phrases(text)] == [post]


def test_an_office_after_a_bare_word_is_no_particular_post():
    text = "Жаңа директор тағайындалды."
    assert post_phrases(text) == []


def test_a_body_opening_a_posts_name_is_a_mention_of_its_own(tagger):
    text = "Сенат депутаты Ерлан Сәтбаев сөз сөйледі."
    forms = {"org/senate": {"Сенат"}}
    assert found(text, "ORGANISATION", tagger, forms) == [("Сенат", "org/senate")]
    assert found(text, "POSITION", tagger, forms) == [("депутаты", None)]


def test_a_region_named_by_onir_takes_the_noun(tagger):
    text = "Жобалар Маңғыстау өңірінде жүзеге асырылды."
    assert found(text, "GPE", tagger, places={"Маңғыстау"}) == [("Маңғыстау өңірінде", None)]


def test_a_plan_named_by_its_aim_with_words_between_and_the_presidents_address():
    text = (
        "Президенттің ел халқына Жолдауында сыбайлас жемқорлыққа қарсы күрес жөніндегі жалпыұлттық кешенді "
        "бағдарламаны жүзеге асыру айтылды."
    )
    assert texts(law_names(text), text) == [
        "ел халқына Жолдауында",
        "сыбайлас жемқорлыққа қарсы күрес жөніндегі жалпыұлттық кешенді бағдарламаны",
    ]


def test_a_bodys_programme_is_not_a_plan_named_by_its_aim():
    text = "Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің бағдарламасы бекітілді."
    assert law_names(text) == []


def test_a_towns_bare_name_before_its_kind_is_part_of_a_bodys_name_whatever_it_ends_in():
    text = "Кеше Астана қаласы әкімдігінің қызметкері ұсталды."
    assert [s.exact(text) for s in organisation_names(text)] == ["Астана қаласы әкімдігінің"]


def test_an_office_a_surname_or_pen_ends_a_bodys_name_running_back():
    text = "Облыс әкімінің орынбасары Ерлан Нұров пен білім басқармасының басшысы келді."
    assert organisation_names(text) == []
    text = "Кеңесші Ерлан Нұров Білім министрлігінің өкілі болды."
    assert [s.exact(text) for s in organisation_names(text)] == ["Білім министрлігінің"]


def test_lower_case_words_between_a_quoted_name_and_its_head_but_the_nearest_head_wins():
    text = (
        "«Бәйтерек» ұлттық басқарушы холдингі мен «Адал ел» атты дөңгелек үстел және «Нұрлы жер» бағдарламасы "
        "аясында жоба"
    )
    assert [(k, s.exact(text)) for k, s in titled_names(text)] == [
        ("ORGANISATION", "«Бәйтерек» ұлттық басқарушы холдингі"),
        ("EVENT", "«Адал ел» атты дөңгелек үстел"),
        ("LAW", "«Нұрлы жер» бағдарламасы"),
    ]


@pytest.mark.parametrize(
    ("words", "office"),
    [
        ("Агенттік төрағасының орынбасары", True),
        ("бастығының міндетін уақытша атқарушы", True),
        ("«Жемқорлық – ел дамуының басты кедергісі", False),
        ("Екіншісі-парақор", False),
    ],
)
def test_a_post_found_by_the_tagger_ends_in_an_office(words, office):
    assert ends_in_an_office(words) is office


def test_a_surname_before_a_regional_adjective_is_no_regions_name():
    text = "Әкім Ермағанбет Бөлекпаев облыстық мәслихаттың сессиясында сөйледі."
    assert texts(body_names(text), text) == ["облыстық мәслихаттың"]


def test_a_committee_named_by_what_it_does_with_a_bare_head():
    text = "Бас прокуратура жанындағы Құқықтық статистика және арнайы есепке алу жөніндегі комитеттің деректері."
    assert [s.exact(text) for s in organisation_names(text)] == [
        "Құқықтық статистика және арнайы есепке алу жөніндегі комитеттің"
    ]


def test_the_supreme_court_is_a_body_and_its_chair_a_post(tagger):
    text = "Жоғарғы соттың төрағасы Асқар Бекұлы кездесті."
    assert found(text, "ORGANISATION", tagger) == [("Жоғарғы соттың", None)]
    assert found(text, "POSITION", tagger) == [("төрағасы", None)]


def test_named_after_opens_an_institutions_name():
    text = "Әл-Фараби атындағы Қазақ ұлттық университетінің ректоры сөйледі."
    assert texts(body_names(text), text) == ["Әл-Фараби атындағы Қазақ ұлттық университетінің"]


def test_the_states_name_opens_a_codes_and_is_not_linked_apart(tagger):
    text = "Іс Қазақстан Республикасының Қылмыстық кодексінің 366-бабы бойынша қозғалды."
    forms = {"place/kazakhstan": {"Қазақстан Республикасы"}}
    assert found(text, "LAW", tagger, forms) == [("Қазақстан Республикасының Қылмыстық кодексінің", None)]
    assert found(text, "GPE", tagger, forms) == []


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("Бөлім басшысы Айгүл Серікова сөйледі.", "Бөлім басшысы"),
        ("Кеше мектеп директоры Серік Әлиев ұсталды.", "мектеп директоры"),
        ("Тергеуде экс-министр Серік Әлиев бар.", "экс-министр"),
        ("Төраға мен оның орынбасары Олжас Бекұлы келді.", "орынбасары"),
    ],
)
def test_a_units_or_schools_head_a_former_minister_and_a_named_deputy(text, post):
    assert post in [s.exact(text) for s in post_phrases(text)]


def test_a_deputy_opening_a_sentence_is_anyones():
    assert post_phrases("Орынбасары парамен ұсталса, басшы жауап береді.") == []


def test_a_towns_education_department_is_a_body_and_its_head_its_post(tagger):
    text = "Қалалық білім бөлімінің басшысы Ерлан Нұров ұсталды."
    assert found(text, "ORGANISATION", tagger) == [("Қалалық білім бөлімінің", None)]
    assert found(text, "POSITION", tagger) == [("басшысы", None)]


def test_a_surname_with_its_initial_is_a_person_whatever_the_tagger_says(tagger):
    text = "Дөңгелек үстелде Әл-Фараби ауданының прокуроры О.Пернеев сөйледі."
    assert ("О.Пернеев", None) in found(text, "PERSON", tagger)


def test_a_laws_title_with_its_date_and_the_state_before_its_noun(tagger):
    text = "«Мемлекеттік сатып алу туралы» 2015 жылғы 4 желтоқсандағы Қазақстан Республикасының Заңы күшіне енді."
    forms = {"place/kazakhstan": {"Қазақстан Республикасы"}}
    law = "«Мемлекеттік сатып алу туралы» 2015 жылғы 4 желтоқсандағы Қазақстан Республикасының Заңы"
    assert found(text, "LAW", tagger, forms) == [(law, None)]
    assert found(text, "GPE", tagger, forms) == []


def test_the_states_constitution():
    text = "Бұл ҚР Конституциясының 33-бабында көрсетілген."
    assert texts(law_names(text), text) == ["ҚР Конституциясының"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a region named before a body in it is no part of its name
        ("Кеше Ақмола облысы Бұланды аудандық соты үкім шығарды.", ["Бұланды аудандық соты"]),
        # a town's body runs back over a word built on an office (маман → мамандандырылған)
        (
            "Кеше Ақтау қаласының мамандандырылған ауданаралық соты үкім шығарды.",
            ["Ақтау қаласының мамандандырылған ауданаралық соты"],
        ),
        # a department's and a bar's names run back to their place
        (
            "Кеше Сарысу ауданының құрылыс бөлімінің басшысы мен Ақтау қаласы адвокаттар алқасының мүшесі келді.",
            ["Сарысу ауданының құрылыс бөлімінің", "Ақтау қаласы адвокаттар алқасының"],
        ),
        # a name stops at a named place's locative adjective and at the service's genitive
        ("Кеше Мәжілістегі Жаңа Әділет партиясының депутаттары сөйледі.", ["Жаңа Әділет партиясының"]),
        (
            "Кеше Сыбайлас жемқорлыққа қарсы қызметтің Ақтау облысы бойынша департаменті тергеу бастады.",
            ["Ақтау облысы бойынша департаменті"],
        ),
        # a quotation's opening mark is no part of a body its words begin with
        ("«Тергеу соты күдіктіге санкция берді», – делінген хабарламада.", ["Тергеу соты"]),
    ],
)
def test_a_bodys_name_runs_back_to_where_kazakh_begins_it(text, names):
    assert [s.exact(text) for s in organisation_names(text)] == names


def test_a_quoted_state_institution_is_one_name():
    text = "Соты «Сарысу ауданының білім бөлімі» ММ басшысына қатысты үкім шығарды."
    assert texts(titled_names(text), text) == ["«Сарысу ауданының білім бөлімі» ММ"]


def test_antikor_chief_accountants_and_regions_by_their_initials(tagger):
    text = "Антикор мәліметінше, СҚО-да мекеменің бас бухгалтері ұсталды."
    assert found(text, "ORGANISATION", tagger) == [("Антикор", None)]
    assert found(text, "GPE", tagger) == [("СҚО-да", None)]
    assert found(text, "POSITION", tagger) == [("бас бухгалтері", None)]


def test_a_name_with_its_correspondent_after_it_is_an_outlets_wherever_it_stands(tagger):
    text = "Фото: Halyq Uni\n\nМәжіліс депутаттары есеп талап етті, деп хабарлады Halyq Uni тілшісі."
    assert found(text, "ORGANISATION", tagger) == [("Halyq Uni", None), ("Мәжіліс", None), ("Halyq Uni", None)]
    assert found(text, "PERSON", tagger) == []


def test_capitalised_words_before_a_correspondent_are_an_outlet_though_a_word_is_a_place(tagger):
    text = "Сот үкім шығарды, деп хабарлайды Qazaqstan Media тілшісі. Бұған дейін Ратель тілшісі жазған."
    forms = {"place/kazakhstan": {"Qazaqstan"}}
    assert found(text, "ORGANISATION", tagger, forms) == [("Qazaqstan Media", None), ("Ратель", None)]
    assert found(text, "GPE", tagger, forms) == []


def test_a_sites_address_in_capitals_is_one_outlet():
    text = "BAQ.KZ. Бүгін тергеу басталды."
    assert texts(body_names(text), text) == ["BAQ.KZ"]


def test_a_known_post_named_with_its_place_is_the_place_and_the_office(tagger):
    text = "Маңғыстау облысының әкімі жиында сөз сөйледі."
    forms = {"post/mangystau-akim": {"Маңғыстау облысының әкімі"}, "place/mangystau": {"Маңғыстау облысы"}}
    assert found(text, "GPE", tagger, forms) == [("Маңғыстау облысының", "place/mangystau")]
    assert found(text, "POSITION", tagger, forms) == [("әкімі", "post/mangystau-akim")]
    text = "Жаңаөзен қаласы әкімі келді."
    assert found(text, "GPE", tagger, {"post/zhanaozen-akim": {"Жаңаөзен қаласы әкімі"}}) == [("Жаңаөзен қаласы", None)]


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        ("Қала театрының бас есепшісі ұсталды.", ["бас есепшісі"]),
        ("Музейдің бұрынғы басқарма төрағасы сотталды.", ["басқарма төрағасы"]),
        ("Әкімдік аппаратының екі бас маманы пара алған.", ["бас маманы"]),
        ("Сот бұрынғы денсаулық сақтау министрін қамауға алды.", ["денсаулық сақтау министрін"]),
        ("Бұл жалған, дейді экс-әкімнің баспасөз хатшысы Болат Ержанов.", ["экс-әкімнің", "баспасөз хатшысы"]),
        ("Мұны агенттіктің ресми өкілі Ержан Сәрсенов айтты.", ["ресми өкілі"]),
        ("Кездесуге Агенттік өкілі келді.", []),
    ],
)
def test_offices_by_their_body_former_holders_ministers_by_field_and_spokesmen(text, posts):
    assert [span.exact(text) for span in post_phrases(text)] == posts


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Ол Ғ.Мүсірепов атындағы Балалар мен жасөспірімдер театрының әртісі.",
            ["Ғ.Мүсірепов атындағы Балалар мен жасөспірімдер театрының"],
        ),
        ("Қаражат Абай атындағы облыстық кітапханасына бөлінді.", ["Абай атындағы облыстық кітапханасына"]),
        ("Тергеуді жемқорлыққа қарсы қызмет бастады.", ["жемқорлыққа қарсы қызмет"]),
        ("Деректі жемқорлыққа қарсы Ұлттық бюро растады.", ["жемқорлыққа қарсы Ұлттық бюро"]),
        (
            "Бұл туралы Ақ ордада жемқорлыққа қарсы күрес жөніндегі республикалық комиссияның отырысында айтылды.",
            ["жемқорлыққа қарсы күрес жөніндегі республикалық комиссияның"],
        ),
    ],
)
def test_names_after_atyndagy_the_anti_corruption_bodies_and_a_commission_by_its_field(text, names):
    assert [span.exact(text) for kind, span in body_names(text) if kind in ("ORGANISATION", "FACILITY")] == names


def test_a_quoted_branch_is_one_name():
    text = "Былтыр «Ақжол-Сервис» филиалы көмір сатып алған."
    assert texts(titled_names(text), text) == ["«Ақжол-Сервис» филиалы"]


def test_a_byline_in_capitals_on_its_own_line_is_a_persons_name():
    text = "Тергеу аяқталды.\nАйгерім СЕРІКБАЙ"
    assert [span.exact(text) for span in person_names(text)] == ["Айгерім СЕРІКБАЙ"]
    assert person_names("Тергеу аяқталды.\nАЛДЫН АЛУ ШАРАЛАРЫ") == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Жуырда Қазақстан судьяларының VIII съезі болды.", "Қазақстан судьяларының VIII съезі"),
        ("Алматы кәсіпкерлерінің құрылтайы өтті.", "Алматы кәсіпкерлерінің құрылтайы"),
    ],
)
def test_a_congress_is_named_by_those_it_gathers_and_its_place_is_not_linked_apart(tagger, text, event):
    forms = {"place/kazakhstan": {"Қазақстан"}, "place/almaty": {"Алматы"}}
    assert found(text, "EVENT", tagger, forms) == [(event, None)]
    assert found(text, "GPE", tagger, forms) == []


def test_an_adverb_opening_the_sentence_before_a_congress_is_not_its_name():
    text = "Кеше судьялардың съезі өтті. Жуырда Ұлттық құрылтайдың сессиясы болды."
    assert texts(event_names(text), text) == ["Ұлттық құрылтайдың сессиясы"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Менің Атырау облыстық мәслихатындағы қызметім аяқталды.", ["Атырау облыстық мәслихатындағы"]),
        ("Біздің Алматы қалалық сотымыз шешім шығарды.", ["Алматы қалалық сотымыз"]),
        ("Шымкенттің Мәдениет басқармасы хабарлама жариялады.", ["Мәдениет басқармасы"]),
        (
            "Сыбайлас жемқорлыққа қарсы қызметі Түркістан облыстық Жер ресурстарын басқару департаментінің басшысын"
            " ұстады.",
            ["Түркістан облыстық Жер ресурстарын басқару департаментінің"],
        ),
        ("Қорғаныс ведомствосының ақпараттандыру департаменті жабылды.", []),
        (
            "Кеше Қазақстан Республикасының Денсаулық сақтау министрлігі бұйрық шығарды.",
            ["Қазақстан Республикасының Денсаулық сақтау министрлігі"],
        ),
    ],
)
def test_a_bodys_name_does_not_take_in_its_owner_a_pronoun_or_a_service_named_before_it(text, names):
    assert [s.exact(text) for s in organisation_names(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("ПАРА... ТАБА... ТОБА...\n\nІс сотқа жіберілді.", []),
        ("Залал 1000 АЕК-тен аспаса, хабарлаған адамға 100 АЕК-ке дейін сыйақы беріледі.", []),
        ("Мұны ҰҚК растады. ЭЫДҰ, ІІМ және GRECO ұсынды.", ["ҰҚК", "ЭЫДҰ", "ІІМ", "GRECO"]),
    ],
)
def test_capitals_are_no_body_in_a_headline_of_capitals_or_after_a_number(text, names):
    assert texts(body_names(text), text) == names


def test_a_sites_name_takes_its_case_ending_and_its_outlets_head():
    text = (
        "Бұл туралы sputnik.kz-ке сілтеме жасап хабарлады. Ranking.kz агенттігінің мәліметінше, Opennews.kz ақпарат "
        "агенттігі хабарлайды, деп жазады Paryz.kz."
    )
    assert texts(body_names(text), text) == [
        "sputnik.kz-ке",
        "Ranking.kz агенттігінің",
        "Opennews.kz ақпарат агенттігі",
        "Paryz.kz",
    ]


def test_a_first_name_of_two_joined_by_a_hyphen_is_part_of_the_persons_name():
    text = "Мемлекет басшысы Қасым-Жомарт Тоқаев сөз сөйледі."
    assert [span.exact(text) for span in person_names(text)] == ["Қасым-Жомарт Тоқаев"]


def test_a_datelines_outlet_in_latin_capitals_is_an_organisation_and_its_town_is_not():
    text = "АТЫРАУ.KAZINFORM - Былтыр басқарма үй алмақ болған.\nАСТАНА. KAZINFORM — Тергеу аяқталды."
    outlets = [span.exact(text) for kind, span in body_names(text) if kind == "ORGANISATION"]
    assert outlets == ["KAZINFORM", "KAZINFORM"]


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Агенттіктің баспасөз қызметі ақпарат жоқ деп мәлімдеді.", "баспасөз қызметі"),
        ("Баспасөз қызметінің мәліметінше, күдікті ұсталды.", "Баспасөз қызметінің"),
    ],
)
def test_a_press_service_is_an_organisation_of_its_own(text, service):
    assert service in [span.exact(text) for kind, span in body_names(text) if kind == "ORGANISATION"]


def test_a_named_places_office_is_the_place_and_the_office_and_a_word_in_a_clauses_case_opens_no_name(tagger):
    forms = {"place/turkistan": {"Түркістан облысы"}}
    text = "Желіде Түркістан облысы әкімінің орынбасары парамен ұсталғаны жайлы ақпарат тарады."
    assert found(text, "GPE", tagger, forms) == [("Түркістан облысы", "place/turkistan")]
    assert found(text, "POSITION", tagger, forms) == [("әкімінің орынбасары", None)]


def test_an_office_before_apparat_is_part_of_its_bodys_name_not_a_post():
    text = "Жетісу ауданы әкімі аппаратының екі бас маманы ұсталды."
    assert [span.exact(text) for span in post_phrases(text)] == ["бас маманы"]
    assert [span.exact(text) for span in post_phrases("Жетісу ауданы әкімі жиын өткізді.")] == ["әкімі"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ал Алматы облысының әкімдігі сауалға жауап берді.", ["Алматы облысының әкімдігі"]),
        ("Былтыр Атырау облысы мәдениет басқармасы үй алмақ болған.", ["Атырау облысы мәдениет басқармасы"]),
        (
            "Алматы облысы Сыбайлас жемқорлыққа қарсы қызмет Талғар ауданы әкімдігінің тұлғаларын тексереді.",
            ["Талғар ауданы әкімдігінің"],
        ),
        ("Мемлекеттік қызмет істері агенттігі хабарлады.", ["Мемлекеттік қызмет істері агенттігі"]),
    ],
)
def test_a_bodys_name_runs_back_over_no_adverb_nor_another_body_named_whole(text, names):
    assert [span.exact(text) for span in organisation_names(text)] == names


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Тергеу соты қамауға алуды санкциялады.", "Тергеу соты"),
        ("Күдікті тергеу сотының шешімімен ұсталды.", "тергеу сотының"),
        ("Атырауда мәдениет басқармасы үй алмақ болған.", "мәдениет басқармасы"),
        ("Қала құрылыс бөлімінің басшысы ұсталды.", "құрылыс бөлімінің"),
        ("Іске қаржы полициясы кірісті.", "қаржы полициясы"),
    ],
)
def test_the_investigating_court_and_a_body_named_by_its_field_are_organisations(text, body):
    assert body in [span.exact(text) for kind, span in body_names(text) if kind == "ORGANISATION"]


def test_field_bodies_in_the_plural_are_a_group_not_one_body():
    text = "Облыстағы білім бөлімдері тексерілді."
    assert "білім бөлімдері" not in [span.exact(text) for _, span in body_names(text)]


def test_a_bare_akim_is_a_post_only_where_the_text_names_a_places_akim():
    named = "Талғар ауданының әкімі ұсталды. Әлеуметтік желіде әкім пара алды деп жазылды."
    assert "әкім" in [span.exact(named) for span in post_phrases(named)]
    anyone = "Жемқорлық дауына іліккен жағдайда министр немесе әкім бірден қызметтен кетуі тиіс."
    assert "әкім" not in [span.exact(anyone) for span in post_phrases(anyone)]


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("Бөлімнің басшысы мен орынбасарымен бірге ұстады.", "орынбасарымен"),
        ("Басқарманың бұрынғы басшысы мен қызмет атқарып жатқан орынбасары ұсталды.", "орынбасары"),
        ("Аудан ауруханасының бас дәрігері ұсталды.", "бас дәрігері"),
    ],
)
def test_an_office_joined_to_another_and_a_hospitals_chief_doctor_are_posts(text, post):
    assert post in [span.exact(text) for span in post_phrases(text)]


def test_a_deputy_joined_to_no_office_is_anyones():
    text = "Ол Ерлан мен орынбасарын шақырды."
    assert "орынбасарын" not in [span.exact(text) for span in post_phrases(text)]


def test_a_name_in_the_official_order_is_one_person_not_a_surname_and_a_name():
    text = "Облыс әкімінің орынбасары Мырзалиев Мейіржан Иябайұлы ауруханада жатыр."
    assert [span.exact(text) for span in person_names(text)] == ["Мырзалиев Мейіржан Иябайұлы"]


def test_a_channel_on_a_platform_is_an_outlet(tagger):
    text = "Жақында Adal News Telegram-каналында ақпарат пайда болды."
    assert ("Adal News Telegram-каналында", None) in found(text, "ORGANISATION", tagger)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Шымкент қаласы Мәдениет басқармасының қызметкерлері ұсталды.", ["Шымкент қаласы Мәдениет басқармасының"]),
        ("Қызылорда облысы Жаңақорған аудандық соты үкім шығарды.", ["Жаңақорған аудандық соты"]),
    ],
)
def test_a_place_opens_a_bodys_name_unless_the_body_names_a_place_of_its_own(text, names):
    assert [span.exact(text) for span in organisation_names(text)] == names


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("Жұмыс тобының жетекшісі ұсталды.", "жетекшісі"),
        ("Департаменттің басшысының бұрынғы орынбасары сотталды.", "басшысының бұрынғы орынбасары"),
        ("Бөлімнің бастығының міндетін уақытша атқарған Ерлан Нұров ұсталды.", "бастығының міндетін уақытша атқарған"),
        ("Депутаттар есепті премьер-министрден талап етті.", "премьер-министрден"),
    ],
)
def test_more_offices_that_name_one_post(text, post):
    assert post in [span.exact(text) for span in post_phrases(text)]


def test_an_object_in_the_accusative_before_a_capital_is_no_part_of_the_name_after_it():
    text = "Қылмыстық істі Қаржы мониторинг агенттігі тергеп жатыр."
    assert [span.exact(text) for span in organisation_names(text)] == ["Қаржы мониторинг агенттігі"]
    inside = "Ұлттық киноны қолдау мемлекеттік орталығының басшысы ұсталды."
    assert [span.exact(inside) for span in organisation_names(inside)] == []


def test_the_capital_by_its_common_noun_is_a_place_and_an_interviews_initials_a_person():
    text = "Елордадағы әуежайда тергеу аяқталды.\nМ.Ә: Біз бұған дайынбыз."
    found = [(kind, span.exact(text)) for kind, span in body_names(text)]
    assert ("GPE", "Елордадағы") in found and ("PERSON", "М.Ә") in found

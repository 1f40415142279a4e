"""Names Kazakh builds by grammar, and links only through whole names: each rule
on a minimal invented sentence."""

from __future__ import annotations

import pytest

from kg.ingest.candidates import candidates, organisation_names
from kg.ingest.draft import analyse
from kg.ingest.laws import event_names, law_names
from kg.ingest.names import known_mentions
from kg.ingest.ner.features import ending
from kg.ingest.ner.model import Tagger
from kg.ingest.patterns import body_names
from kg.ingest.posts import post_phrases

COUNTRY = {"place/kazakhstan": {"Қазақстан"}}


def texts(found, text: str) -> list[str]:
    return [span.exact(text) for _, span in found]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


@pytest.mark.parametrize(
    "text",
    [
        "Қазақстан 2050 даму стратегиясы қабылданды.",
        "«Қазақстан-2050» стратегиясы жарияланды.",
        "Атырау облысы бойынша департамент тексеріс жүргізді.",
    ],
)
def test_a_known_name_followed_by_a_year_or_a_body_for_it_is_not_linked(text):
    forms = {**COUNTRY, "place/atyrau": {"Атырау облысы"}}
    assert known_mentions(text, forms) == []


def test_a_year_after_a_name_with_zhyl_is_a_date_and_the_name_is_linked():
    text = "Қазақстан 2020 жылы рейтингте көтерілді."
    assert [m.text for m in known_mentions(text, COUNTRY)] == ["Қазақстан"]


def test_an_opening_quote_the_name_does_not_close_is_not_part_of_it():
    text = "«Атырау облысы биыл барлық көрсеткіштер бойынша алда тұр, бұл жылдың ең жақсы нәтижесі», – деді ол."
    found = known_mentions(text, {"place/atyrau": {"Атырау облысы"}})
    assert [m.text for m in found] == ["Атырау облысы"]


def test_a_programme_named_with_its_year_is_a_law_or_a_project():
    text = "Қазақстан 2050 даму стратегиясының мақсаты айқын. Нұрлы жол-2025 жобасы басталды."
    assert law_names(text) == [
        ("LAW", law_names(text)[0][1]),
        ("PROJECT", law_names(text)[1][1]),
    ]
    assert texts(law_names(text), text) == ["Қазақстан 2050 даму стратегиясының", "Нұрлы жол-2025 жобасы"]


def test_a_law_is_named_by_its_subject_and_turaly():
    text = "Агенттік Мемлекеттік қызмет туралы заңға өзгеріс енгізді."
    assert texts(law_names(text), text) == ["Мемлекеттік қызмет туралы заңға"]
    text = "Сотқа дейін сыбайлас жемқорлыққа қарсы іс-қимыл туралы Заңның талабы түсіндірілді."
    assert texts(law_names(text), text) == ["сыбайлас жемқорлыққа қарсы іс-қимыл туралы Заңның"]


def test_codes_conventions_and_the_constitution_are_laws():
    text = "Ол Қылмыстық кодекстің бабын, Конституцияны және БҰҰ-ның Сыбайлас жемқорлыққа қарсы конвенциясын атады."
    assert texts(law_names(text), text) == [
        "Қылмыстық кодекстің",
        "Конституцияны",
        "БҰҰ-ның Сыбайлас жемқорлыққа қарсы конвенциясын",
    ]


def test_a_capitalised_law_takes_up_the_law_named_before():
    text = "Депутаттар Салық кодексін талқылады. Кодекстегі жаңа бап қатаң. Заң бойынша бәрі тең."
    assert "Кодекстегі" not in texts(law_names(text), text), "not a case ending: Кодекс-тегі is «in the Code's»"
    text = "Депутаттар Мемлекеттік қызмет туралы заңды талқылады. Заңдағы жаңа бап қатаң."
    assert texts(law_names(text), text)[-1] == "Заңдағы"
    assert law_names("Заң бойынша бәрі тең.") == [], "a sentence opening «by law» names no law"


def test_an_adverb_opening_the_sentence_is_no_part_of_the_name_after_it():
    text = "Биыл Атырау облысы бойынша департамент тексерді."
    assert texts(body_names(text), text) == ["Атырау облысы бойынша департамент"]


def test_a_body_for_a_region_and_a_regional_body_are_whole_names():
    text = "Жамбыл облысы бойынша Мемлекеттік кірістер департаментінің өкілі мен Жамбыл облыстық сотының судьясы келді."
    assert texts(body_names(text), text) == [
        "Жамбыл облысы бойынша Мемлекеттік кірістер департаментінің",
        "Жамбыл облыстық сотының",
    ]


def test_a_capitalised_body_taken_up_alone_with_its_endings():
    text = "Агенттіктің қызметкерлері Мәжіліске хат жолдады. Агенттіктегілер үнсіз."
    assert texts(body_names(text), text) == ["Агенттіктің", "Мәжіліске"]


def test_a_bare_body_before_an_office_is_the_posts_name():
    text = "Кеше Агенттік төрағасының орынбасары Асқар Бекұлы келді."
    assert body_names(text) == []
    assert [s.exact(text) for s in post_phrases(text)] == ["Агенттік төрағасының орынбасары"]


def test_outlets_by_their_head_or_web_address():
    text = "Бұл туралы Алаш порталы мен Zhambyl.kz сайты хабарлады."
    assert texts(body_names(text), text) == ["Алаш порталы", "Zhambyl.kz сайты"]


def test_an_organisations_name_begins_at_its_first_capital_within_the_clause():
    text = "Бүгін ҚР Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің Превенция департаментінің басшысы сөйледі."
    assert [s.exact(text) for s in organisation_names(text)] == [
        "ҚР Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің",
        "Превенция департаментінің",
    ]
    text = "Биыл 16 наурызында Сыбайлас жемқорлыққа қарсы агенттік есеп берді."
    assert [s.exact(text) for s in organisation_names(text)] == ["Сыбайлас жемқорлыққа қарсы агенттік"]


def test_an_office_after_an_organisation_is_its_post_and_words_built_on_an_office_are_not():
    text = "Ерлан Нұров, Мемлекеттік қызмет істері агенттігі төрағасының кеңесшісі, сөйледі. Әкімшілік шешім шықты."
    assert [s.exact(text) for s in post_phrases(text)] == ["төрағасының кеңесшісі"]


def test_a_place_takes_the_noun_that_follows_it_but_not_a_plural_shared_by_a_list(tagger):
    text = "Кеше Түркістан қаласындағы мектепте және Жамбыл, Түркістан облыстарында тексеріс болды."
    found = analyse(text, tagger, {}, {"Түркістан", "Жамбыл"})
    places = [m.text for m in found.mentions if m.type == "GPE"]
    assert places == ["Түркістан қаласындағы", "Жамбыл", "Түркістан"]


def test_institutions_and_places_named_by_their_kind():
    text = "Биыл Халық банкі арқылы төленді, Абай даңғылындағы ғимарат пен Жайық өзенінің жағасы тексерілді."
    assert [(kind, span.exact(text)) for kind, span in body_names(text)] == [
        ("ORGANISATION", "Халық банкі"),
        ("FACILITY", "Абай даңғылындағы"),
        ("LOCATION", "Жайық өзенінің"),
    ]


def test_a_kinds_word_built_on_further_or_a_sentences_first_word_is_no_name():
    assert body_names("Сот көлемі үлкен. Бұл қорғау шарасы.") == []
    assert body_names("Бүгін банк жабық.") == []


def test_an_office_after_a_name_and_a_comma_is_that_persons_post():
    text = "Жиында Ерлан Нұров, облыс прокуроры, сөз алды. Облыста прокуроры жоқ аудандар бар."
    assert [s.exact(text) for s in post_phrases(text)] == ["облыс прокуроры"]


def test_the_head_of_state_and_a_capitalised_office_are_posts():
    text = "Мемлекет басшысы Қасым Тоқаев пен Премьер-министр жиынға келді."
    assert [s.exact(text) for s in post_phrases(text)] == ["Мемлекет басшысы", "Премьер-министр"]


def test_quoted_names_of_companies_and_kindergartens_are_organisations(tagger):
    text = "Кеше «Алтын дән» ЖШС мен «Балдырған» бала-бақшасында тексеріс болды."
    found = analyse(text, tagger, {}, set())
    assert [(m.text, m.type) for m in found.mentions] == [
        ("«Алтын дән» ЖШС", "ORGANISATION"),
        ("«Балдырған» бала-бақшасында", "ORGANISATION"),
    ]


def test_abbreviations_in_capitals_are_organisations_save_countries_laws_kinds_headlines_and_surnames():
    text = "Биыл ЭЫДҰ-ның және ҰҚК сарапшылары АҚШ-та, ЖШС пен БАҚ өкілдерімен ІІ тоқсанда кездесті."
    assert texts(body_names(text), text) == ["ЭЫДҰ-ның", "ҰҚК"]
    assert body_names("Кеше Анар ЖАРОВА келді.\nАЛДЫН АЛУ ШАРАЛАРЫ") == []


def test_codes_by_their_abbreviation_decrees_and_plans_for_a_span_of_years_are_laws():
    text = (
        "Ол ҚР ҚК-нің 366-бабы бойынша Президенттің Жарлығымен бекітілген 2015-2025 жылдарға арналған "
        "сыбайлас жемқорлыққа қарсы стратегиясына сай айыпталды. Сыбайлас жемқорлыққа қарсы саясаттың "
        "2022-2026 жылдарға арналған тұжырымдамасы бекітілді."
    )
    assert texts(law_names(text), text) == [
        "ҚР ҚК-нің",
        "Жарлығымен",
        "2015-2025 жылдарға арналған сыбайлас жемқорлыққа қарсы стратегиясына",
        "Сыбайлас жемқорлыққа қарсы саясаттың 2022-2026 жылдарға арналған тұжырымдамасы",
    ]


def test_a_body_named_with_the_bare_noun_of_its_region():
    text = "Облыс прокуратурасы мен қала әкімдігі тексерді."
    assert texts(body_names(text), text) == ["Облыс прокуратурасы", "қала әкімдігі"]


@pytest.mark.parametrize(
    "law",
    [
        "«Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» ҚР Заңына",
        "«Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» № 410-V Заңының",
        "«Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» Қазақстан Республикасының Заңы",
        "«Мемлекеттік қызмет» туралы заңға",
    ],
)
def test_a_laws_title_with_the_state_its_number_or_turaly_outside_the_quotes(tagger, law):
    text = f"Бұл {law} сай."
    assert [(m.text, m.type) for m in analyse(text, tagger, {}, set()).mentions] == [(law, "LAW")]


def test_a_long_quotation_is_not_proposed_as_a_documents_title():
    said = "«Биыл облыста жемқорлыққа қарсы он екі түрлі шара өтті, оған мыңнан астам адам қатысты», – деді ол."
    titled = "«Адал ел» жобасы басталды."
    assert [c["type"] for c in candidates(said, [], [])] == []
    assert [c["label"]["kk"] for c in candidates(titled, [], [])] == ["Адал ел"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("облысында", "сында"), ("Шпекбаевтың", "тың"), ("Оралда", "да"), ("агенттігінің", "інің"), ("Астанада", "да")],
)
def test_the_mention_finder_sees_a_words_kazakh_ending(word, expected):
    assert ending(word) == expected
    assert ending("ҚР") == "", "no stem of three letters is left"


def test_the_basic_law_the_presidential_office_and_parts_of_the_world():
    text = "Бұл Ата Заңымызда жазылған. Шағым Ақордаға және Бас прокуратураға түсті, Орталық Азия мен Еуропадан артта."
    assert texts(law_names(text), text) == ["Ата Заңымызда"]
    assert [(kind, span.exact(text)) for kind, span in body_names(text)] == [
        ("ORGANISATION", "Ақордаға"),
        ("ORGANISATION", "Бас прокуратураға"),
        ("LOCATION", "Орталық Азия"),
        ("LOCATION", "Еуропадан"),
    ]


def test_the_leader_of_the_nation_and_the_head_of_government_are_posts():
    text = "Елбасының тапсырмасын Үкімет басшысы орындады."
    assert [s.exact(text) for s in post_phrases(text)] == ["Елбасының", "Үкімет басшысы"]


def test_an_office_after_a_genitive_proper_name_or_place_and_a_ministers_whole_title():
    text = "Кеше Атырау облысының әкімі мен Білім және ғылым министрі келді. Жұмыстың басшысы жоқ. Ол министр болды."
    assert [s.exact(text) for s in post_phrases(text)] == ["әкімі", "Білім және ғылым министрі"]
    assert post_phrases("Біздің коэффициент министрі келді.") == [], "a pronoun does not begin a ministry's name"


def test_a_word_in_capitals_in_a_headline_is_not_an_organisation(tagger):
    text = "ЖЕМҚОРЛЫҚТЫҢ АЛДЫН АЛУ ШАРАЛАРЫ КҮШЕЙТІЛДІ\nКеше жиын өтті."
    assert [m.text for m in analyse(text, tagger, {}, set()).mentions] == []


def test_events_by_their_grammar():
    text = (
        "Агенттік 2019 жылды қорытындылау жиынын және Халықаралық сыбайлас жемқорлыққа қарсы күрес күніне "
        "арналған «Адал жол» форумын өткізді. Форумда көп адам болды."
    )
    assert texts(event_names(text), text) == [
        "2019 жылды қорытындылау жиынын",
        "Халықаралық сыбайлас жемқорлыққа қарсы күрес күніне",
        "Форумда",
    ]
    assert event_names("Форум ашық өтеді.") == [], "a sentence's first word takes up only a forum named before"


def test_a_plural_names_a_group_not_one_post_or_body():
    text = "Мамандар мен облыс әкімдері, Үкіметтер және БТР-лер келді. Агенттік басшысы Ерлан Нұров келді."
    assert [s.exact(text) for s in post_phrases(text)] == ["Агенттік басшысы"]
    assert body_names(text) == []


def test_constitutional_is_not_the_constitution():
    text = "Конституциялық сот Конституцияның бабын түсіндірді."
    assert texts(law_names(text), text) == ["Конституцияның"]


def test_a_word_built_on_an_organisations_head_is_not_its_name():
    text = "Кеше Көлік комитетіндегілер мен Көлік комитетінің өкілдері келді."
    assert [s.exact(text) for s in organisation_names(text)] == ["Көлік комитетінің"]


def test_a_head_inside_a_longer_word_or_after_a_dash_or_a_persons_name_makes_no_organisation():
    text = "Алғашқылардың бірі болып Токиодағы бөлімше ашылды. Бұл — корей этномәдени бірлестігінің үйі."
    assert [s.exact(text) for s in organisation_names(text)] == []
    text = "Кеше Ерлан Нұрғалиев ауруханада болды, Назарбаев университетінде оқыды."
    assert texts(body_names(text), text) == ["Назарбаев университетінде"]


def test_a_known_name_takes_endings_in_harmony_with_its_last_vowel_and_voices_its_last_consonant():
    forms = {"place/oral": {"Орал"}, "place/oskemen": {"Өскемен"}, "org/agency": {"Агенттік"}}
    text = "Оралда, Өскеменнің, Агенттігінің және Оралдегі, Өскеменда."
    assert [m.text for m in known_mentions(text, forms)] == ["Оралда", "Өскеменнің", "Агенттігінің"]


def test_a_surname_of_russian_form_takes_back_endings_after_its_front_vowels():
    found = known_mentions("Ғабит Жүндібаевтың сөзі.", {"person/g": {"Ғабит Жүндібаев"}})
    assert [m.text for m in found] == ["Ғабит Жүндібаевтың"]


def test_codes_by_their_field_plans_against_corruption_and_the_nation_plan_are_laws():
    text = (
        "Ол қылмыстық кодекске сай жазаланды. Сыбайлас жемқорлыққа қарсы саясат тұжырымдамасы қабылданды. "
        "«100 нақты қадам» Ұлт жоспарының мақсаты айқын."
    )
    assert texts(law_names(text), text) == [
        "қылмыстық кодекске",
        "Сыбайлас жемқорлыққа қарсы саясат тұжырымдамасы",
        "Ұлт жоспарының",
    ]


def test_a_pronoun_opening_the_sentence_is_no_part_of_a_codes_name():
    text = "Ол Салық кодексін бұзды."
    assert texts(law_names(text), text) == ["Салық кодексін"]


def test_ministries_by_their_field_alone_or_in_a_list_sharing_the_head():
    text = "Көбі қаржы, әділет және ауыл шаруашылығы министрліктерінің өкілдері. Ішкі істер министрлігі хабарлады."
    assert texts(body_names(text), text) == [
        "қаржы, әділет және ауыл шаруашылығы министрліктерінің",
        "Ішкі істер министрлігі",
    ]


def test_a_regions_name_stands_only_before_an_adjective_of_a_region():
    text = "Іс ауданаралық қылмыстық сотқа жіберілді. Атырау облыстық сотының шешімі шықты."
    assert texts(body_names(text), text) == ["ауданаралық қылмыстық сотқа", "Атырау облыстық сотының"]


def test_an_institutions_name_may_hold_lower_case_words_before_a_possessive_head():
    text = "Кеше Павлодар мемлекеттік университетінде және Шанхай ынтымақтастық ұйымынан өкілдер болды."
    assert texts(body_names(text), text) == ["Павлодар мемлекеттік университетінде", "Шанхай ынтымақтастық ұйымынан"]


def test_a_word_in_an_adverbial_case_or_a_connective_before_a_name_is_not_part_of_it():
    text = "Ол Қазақстанда Біріккен Ұлттар Ұйымының өкілі. Сондықтан Еуропалық одақ келісті."
    assert texts(body_names(text), text) == ["Біріккен Ұлттар Ұйымының", "Еуропалық одақ"]


def test_no_institution_from_a_chief_town_or_a_persons_name_and_lower_case_words():
    text = "Кеше Ақтөбе облыс орталығы болды. Кеше Анар ЖАРОВА агенттіктің баспасөз орталығында сөйледі."
    assert texts(body_names(text), text) == ["агенттіктің"], "the Agency, and no institution"


def test_speakers_of_chambers_ambassadors_and_members_are_posts():
    text = "Кеше Сенат спикері Мәулен Әшімбаев пен Германия елшісі Ганс Шмидт келді."
    assert [s.exact(text) for s in post_phrases(text)] == ["Сенат спикері", "елшісі"]
    assert texts(body_names(text), text) == [], "Сенат before its speaker is the post's name"


def test_great_rivers_and_mountains_are_locations_but_not_before_an_administrative_unit():
    text = "Жайықтың жағасы мен Алатау бөктері, Жетісу облысы және Ертіс ауданы."
    assert [(kind, span.exact(text)) for kind, span in body_names(text)] == [
        ("LOCATION", "Жайықтың"),
        ("LOCATION", "Алатау"),
    ]


def test_facilities_and_events_by_their_head_after_a_name():
    text = (
        "Ол Алматы әуежайынан Павлодар мұнай-химия зауытына барды, "
        "Астана экономикалық форумына және Тәуелсіздік күніне."
    )
    assert [(kind, span.exact(text)) for kind, span in body_names(text)] == [
        ("FACILITY", "Алматы әуежайынан"),
        ("FACILITY", "Павлодар мұнай-химия зауытына"),
        ("EVENT", "Астана экономикалық форумына"),
        ("EVENT", "Тәуелсіздік күніне"),
    ]


def test_a_meeting_named_by_whose_it_is_or_its_reach_is_an_event_a_bare_one_is_not():
    text = "Мәселе үкімет отырысында қаралды. Ғалымдар халықаралық ғылыми-практикалық конференцияға жиналды."
    assert texts(event_names(text), text) == ["үкімет отырысында", "халықаралық ғылыми-практикалық конференцияға"]
    assert event_names("Жиында пара туралы айтылды. Кездесуге мамандар келді.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Атырау облысы әкімдігінің қызметкері ұсталды.",
        "Атырау облысының прокуратурасымен схема анықталды.",
        "Атырау облысы прокуратура органдарымен іс тіркелді.",
        "Атырау облысы Сыбайлас жемқорлыққа қарсы қызмет тергеу бастады.",
    ],
)
def test_a_known_place_opening_a_bodys_name_is_not_linked(text):
    assert known_mentions(text, {"place/atyrau": {"Атырау облысы"}}) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Атырау облысы әкімі жиын өткізді.", ["Атырау облысы"]),
        ("Атырау облысында қызметкерлер ұсталды.", ["Атырау облысында"]),
    ],
)
def test_a_known_place_before_an_office_or_in_the_locative_is_linked(text, found):
    assert [m.text for m in known_mentions(text, {"place/atyrau": {"Атырау облысы"}})] == found


def test_a_capitalised_word_in_a_clauses_case_before_a_known_name_is_no_part_of_it():
    text = "Жақында Telegram-каналында Түркістан облысы әкімінің ұсталғаны айтылды."
    assert [m.text for m in known_mentions(text, {"place/t": {"Түркістан облысы"}})] == ["Түркістан облысы"]
    text = "Жақында Оңтүстік Түркістан облысы туралы айтылды."
    assert known_mentions(text, {"place/t": {"Түркістан облысы"}}) == []

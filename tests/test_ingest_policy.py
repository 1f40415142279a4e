"""Policy reporting as Kazakh news writes it (council and commission meetings, documents, parliament): each
form on an invented passage, the speech or mention it gives, and the look-alike it must leave alone."""

from __future__ import annotations

import pytest

from kg.ingest.candidates import candidates, organisation_names
from kg.ingest.draft import analyse
from kg.ingest.laws import law_names
from kg.ingest.names import Mention
from kg.ingest.ner.model import Tagger
from kg.ingest.patterns import body_names, longest
from kg.ingest.policy import policy_names
from kg.ingest.posts import post_phrases
from kg.ingest.speech import _office, find_speech
from kg.pipeline.spans import Span


def mention(text: str, entity: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention(entity, Span(start, start + len(surface)), surface)


def said(text: str, mentions: list[Mention] | None = None) -> list[tuple[str, str | None]]:
    """Each speech found, as (its words, its speaker's words), spans checked against the text."""
    found = find_speech(text, mentions or [])
    for speech in found:
        assert text[speech.start : speech.end] == speech.text
    return [(s.text, s.speaker) for s in found]


def test_words_said_at_a_meeting_or_in_a_document_have_no_speaker():
    text = (
        "Биыл облыста 12 қылмыс тіркелді. Бұл туралы облыстық комиссияның отырысында айтылды.\n"
        "Пара берген де жауапқа тартылады. Бұл туралы бағдарламада айтылған."
    )
    assert said(text) == [
        ("Биыл облыста 12 қылмыс тіркелді.", None),
        ("Пара берген де жауапқа тартылады.", None),
    ]


def test_a_topic_spoken_of_at_a_meeting_is_no_back_reference():
    text = "Жиында жастар мәселесі айтылды."
    assert said(text) == []


def test_the_issuer_named_between_the_dash_and_the_document_cue_speaks_the_paragraph():
    text = "Тергеу басталды.\nБіз тергеу жүргізіп жатырмыз. Өзге ақпарат берілмейді, – Антикор делінген хабарламасында."
    assert said(text) == [("Біз тергеу жүргізіп жатырмыз. Өзге ақпарат берілмейді", "Антикор")]


def test_a_dash_speech_runs_back_to_the_dash_opening_the_paragraph_before():
    text = (
        "Сенат депутаты Ерлан Қасымов сұхбат берді.\n"
        "- Мен көп заңгер келеді деп ойладым. Бірақ олар келмеді.\n"
        "Бізге шешендер керек, - деді сенатор."
    )
    assert said(text) == [
        ("Мен көп заңгер келеді деп ойладым. Бірақ олар келмеді.\nБізге шешендер керек", "Ерлан Қасымов")
    ]


def test_a_dash_paragraph_closed_by_its_own_cue_does_not_run_on():
    text = "- Біз дайынбыз, - деді ол.\nБізге шешендер керек, - деді Ерлан Қасымов."
    assert said(text)[-1] == ("Бізге шешендер керек", "Ерлан Қасымов")


def test_a_bare_title_opening_a_sentence_before_a_known_body_is_the_person_named_with_its_stem():
    text = (
        "Сенат депутаты Ерлан Қасымов Мәжіліс туралы пікір білдірді.\n"
        "Сенатор Мәжіліске заңгерлерді көргісі келгенін айтты. Дегенмен көңілі толмайтынын меңзеді."
    )
    known = [mention(text, "org/mazhilis", "Мәжіліске")]
    assert said(text, known)[-2:] == [
        ("Мәжіліске заңгерлерді көргісі келгенін", "Ерлан Қасымов"),
        ("көңілі толмайтынын", "Ерлан Қасымов"),
    ]


def test_a_body_named_like_a_title_is_not_resolved_to_a_person_by_its_stem():
    text = "Облыс әкімдігінде Ерлан Қасымов жұмыс істейді.\nОл ауырып қалды, - делінген әкімдік хабарламасында."
    assert said(text) == [("Ол ауырып қалды", "әкімдік")]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def names(found, text: str) -> list[tuple[str, str]]:
    return [(kind, span.exact(text)) for kind, span in found]


def test_a_chamber_of_parliament_is_one_body_with_the_states_name_unlinked(tagger):
    text = "Кеше Қазақстан Республикасының Парламенті Сенатының депутаты сөйледі."
    assert names(policy_names(text), text) == [("ORGANISATION", "Қазақстан Республикасының Парламенті Сенатының")]
    forms = {"place/kazakhstan": {"Қазақстан Республикасы"}}
    found = [(m.text, m.type, m.link) for m in analyse(text, tagger, forms).mentions]
    assert ("Қазақстан Республикасының Парламенті Сенатының", "ORGANISATION", None) in found
    assert all(link is None for *_, link in found)


def test_the_address_by_its_quoted_title_is_one_law_and_the_country_in_it_no_mention(tagger):
    text = "Мемлекет басшысының «Халық бірлігі – берік негіз» атты Қазақстан халқына арнаған Жолдауын іске асырамыз."
    law = "«Халық бірлігі – берік негіз» атты Қазақстан халқына арнаған Жолдауын"
    assert names(policy_names(text), text) == [("LAW", law)]
    found = [(m.text, m.type, m.link) for m in analyse(text, tagger, {"place/kazakhstan": {"Қазақстан"}}).mentions]
    assert (law, "LAW", None) in found and not any(link == "place/kazakhstan" for *_, link in found)


def test_a_known_project_inside_a_longer_quoted_title_is_not_linked(tagger):
    text = "«Шығыс – Адалдық алаңы» жобасын іске асыру аясында көрме өтеді."
    forms = {"document/adaldyq-alany-project": {"«Адалдық алаңы» жобасы"}}
    found = [(m.text, m.type, m.link) for m in analyse(text, tagger, forms).mentions]
    assert ("«Шығыс – Адалдық алаңы» жобасын", "PROJECT", None) in found
    assert not any(link for *_, link in found)


def test_laws_listed_by_their_titles_before_a_plural_are_each_a_law():
    text = "Ауылда «Сыбайлас жемқорлықпен күрес туралы», «Мемлекеттік қызмет туралы» заңдарды түсіндірді."
    found = longest_laws(text)
    assert found == [("LAW", "«Сыбайлас жемқорлықпен күрес туралы»"), ("LAW", "«Мемлекеттік қызмет туралы»")]
    single = "Ауылда «Сыбайлас жемқорлықпен күрес туралы» Заңын түсіндірді."
    assert names(law_names(single), single) == [("LAW", "«Сыбайлас жемқорлықпен күрес туралы» Заңын")]


def longest_laws(text: str) -> list[tuple[str, str]]:
    return names(longest(law_names(text) + policy_names(text)), text)


def test_an_order_by_its_number_and_the_rules_it_approved_are_laws():
    text = "Төрағаның 2016 жылғы 19 қазандағы 12 бұйрығымен бекітілген Ішкі талдау жүргізудің үлгілік қағидаларына сай."
    assert names(policy_names(text), text) == [
        ("LAW", "бұйрығымен"),
        ("LAW", "Ішкі талдау жүргізудің үлгілік қағидаларына"),
    ]
    assert policy_names("Ол бұйрық берді.") == []


def test_a_rural_district_a_party_cell_and_a_meeting_by_whose_it_is():
    text = (
        "Арықты ауылдық округіндегі бастауыш партия ұйымының бастамасымен кеңес отырысы өтті. "
        "Бұл комиссияның отырысында айтылды. Отырыста бәрі болды."
    )
    assert names(policy_names(text), text) == [
        ("GPE", "Арықты ауылдық округіндегі"),
        ("ORGANISATION", "бастауыш партия ұйымының"),
        ("EVENT", "кеңес отырысы"),
        ("EVENT", "отырысында"),
    ]


def test_a_regional_body_takes_a_capitalised_word_and_a_second_head_but_no_word_in_a_case_before_it():
    text = "Іс-шараға облыстық еңбек инспекциясы басқармасының басшысы мен облыстық Қоғамдық кеңес қатысты."
    assert names(body_names(text), text) == [
        ("ORGANISATION", "облыстық еңбек инспекциясы басқармасының"),
        ("ORGANISATION", "облыстық Қоғамдық кеңес"),
    ]
    text = "Атырау облыстық мәслихаты жиналды."
    assert names(body_names(text), text) == [("ORGANISATION", "Атырау облыстық мәслихаты")]


def test_a_body_does_not_run_back_over_a_participle_before_its_capital_but_keeps_one_inside_it():
    text = "Әуелі сөз алған Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің өкілі сөйледі."
    assert [s.exact(text) for s in organisation_names(text)] == [
        "Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің"
    ]
    text = "Кеше Ақсу қаласының мамандандырылған ауданаралық соты үкім шығарды."
    assert [s.exact(text) for s in organisation_names(text)] == ["Ақсу қаласының мамандандырылған ауданаралық соты"]


def test_a_journalist_before_a_name_a_senator_and_a_chair_with_a_hyphen_glued_are_posts():
    text = "Сенатор журналист Нартай Әлиевке сұхбат берді. Штабының төрайымы- Ырза Тұрсынова келді."
    assert [s.exact(text) for s in post_phrases(text)] == ["Сенатор", "журналист", "төрайымы"]


def test_the_anti_corruption_service_by_its_common_name_in_lower_case_but_not_the_adjective():
    text = "Айта кетейік, антикор тексеру жүргізді. Антикорлық сараптама және антикорлық шаралар."
    assert names(policy_names(text), text) == [("ORGANISATION", "антикор")]


def test_an_office_with_its_holder_named_is_taken_up_by_the_bare_office_later_but_a_generic_one_is_not():
    text = "Экология вице-министрі Мансұр Ошурбаев ұсталды. Қызмет вице-министрдің ұсталғанын растамады."
    assert [s.exact(text) for s in post_phrases(text)] == ["вице-министрі", "вице-министрдің"]
    text = "Министр немесе әкім кетуі тиіс. Ал министр жауап бермейтін."
    assert [s.exact(text) for s in post_phrases(text)] == ["Министр"]


def test_a_body_ending_inside_a_post_leaves_the_office_and_a_former_holders_office(tagger):
    text = "Кеше облыстық Қоғамдық кеңес төрағасы Марат Әбдірайымов сөйледі."
    found = [(m.text, m.type) for m in analyse(text, tagger, {}).mentions]
    assert ("облыстық Қоғамдық кеңес", "ORGANISATION") in found and ("төрағасы", "POSITION") in found


MEETING = (
    "Жиынға Агенттік төрағасының орынбасары Олжас Бектенов, облыс әкімі Ерлан Нұрланов, облыстық мәслихат хатшысы "
    "Асқар Бекұлы қатысты. Агенттік төрағасының орынбасары өз баяндамасында биыл 120 қылмыс тіркелгенін атап өтті.\n"
    "«Жаңа заңдар қабылданды», – деді ол.\n"
    "Сондай-ақ ол әдеп талаптарын сақтау қажеттігін баса айтты.\n"
    "Мәжіліс депутаты Айгүл Серікова сөз сөйлеп, кодекске өзгерістер енгізілгенін айтты."
)


def test_a_deputy_chairman_reporting_at_a_meeting_is_the_holder_named_with_that_office_and_ol_goes_on_with_him():
    assert said(MEETING) == [
        ("Жаңа заңдар қабылданды", "Олжас Бектенов"),
        ("биыл 120 қылмыс тіркелгенін", "Олжас Бектенов"),
        ("әдеп талаптарын сақтау қажеттігін", "Олжас Бектенов"),
        ("кодекске өзгерістер енгізілгенін", "Айгүл Серікова"),
    ]


def test_ol_with_no_speech_before_it_is_still_the_person_last_named():
    text = "Облыс әкімі Ерлан Нұрланов жиын өткізді. Ол жемқорлыққа жол берілмейтінін айтты."
    assert said(text) == [("жемқорлыққа жол берілмейтінін", "Ерлан Нұрланов")]


def test_a_first_deputy_is_one_post():
    text = "Партия филиалы төрағасының бірінші орынбасары Жандос Сейітов келді."
    assert [s.exact(text) for s in post_phrases(text)] == ["төрағасының бірінші орынбасары"]


def test_a_belief_in_a_dative_clause_is_reported_speech():
    text = "Мәслихат хатшысы Нұржан Әлиев мұндай жағдайға жол берілмейтініне сенім білдірді."
    assert said(text) == [("мұндай жағдайға жол берілмейтініне", "Нұржан Әлиев")]
    assert said("Ол жиынның маңыздылығына тоқталды.") == []


def test_a_known_party_named_in_latin_letters_takes_its_noun(tagger):
    text = "Кеше «Nur Otan» партиясының кеңесі өтті."
    found = [(m.text, m.link) for m in analyse(text, tagger, {"org/nur-otan": {"Nur Otan"}}).mentions]
    assert ("«Nur Otan» партиясының", "org/nur-otan") in found


def test_the_senate_by_its_name_opens_its_chairs_post_and_a_known_chamber_keeps_its_link_with_its_parliament(tagger):
    text = "Сенат Төрағасы Мәулен Әшімбаев сөйледі. Парламент Мәжілісі заңды қабылдады."
    found = [(m.text, m.type, m.link) for m in analyse(text, tagger, {"org/mazhilis": {"Мәжіліс"}}).mentions]
    assert ("Сенат", "ORGANISATION", None) in found and ("Төрағасы", "POSITION", None) in found
    assert ("Парламент Мәжілісі", "ORGANISATION", "org/mazhilis") in found
    assert names(policy_names("Сенатор келді."), "Сенатор келді.") == []


def test_a_topic_touched_on_before_the_words_said_is_left_out_of_them():
    text = "Агенттік Төрағасы өз баяндамасында стратегияға тоқталып, биыл 300 адам жазаланғанын жеткізді."
    assert said(text) == [("биыл 300 адам жазаланғанын", "Агенттік Төрағасы")]


def test_a_known_document_after_its_quoted_title_keeps_its_link_with_the_title(tagger):
    text = "«100 нақты қадам» Ұлт жоспарын іске асыру аясында заңдар қабылданды."
    forms = {"document/nation-plan": {"Ұлт жоспары"}}
    found = [(m.text, m.type, m.link) for m in analyse(text, tagger, forms).mentions]
    assert ("«100 нақты қадам» Ұлт жоспарын", "LAW", "document/nation-plan") in found


def test_a_new_law_by_its_subject():
    text = "Мемлекеттік қызмет туралы жаңа Заң күшіне енді."
    assert names(law_names(text), text) == [("LAW", "Мемлекеттік қызмет туралы жаңа Заң")]


def test_a_bare_title_goes_on_with_the_speaker_before_only_if_the_text_names_them_with_that_title():
    base = "Агенттік төрағасының орынбасары Айгүл Шаимова сөйледі. Шаимова жаңа заң қабылданатынын айтты.\n"
    assert said(base + "Депутаттың сөзінше, заң күзде қаралады.")[-1] == ("заң күзде қаралады", "Депутаттың")
    assert said(base + "Орынбасардың сөзінше, заң күзде қаралады.")[-1] == ("заң күзде қаралады", "Айгүл Шаимова")


def test_a_call_made_before_the_words_said_is_left_out_of_them():
    text = "Облыс әкімі Ерлан Нұров басшыларды жауапкершілікке шақырып, заң бұзылмауы керектігін ескертті."
    assert said(text) == [("заң бұзылмауы керектігін", "Ерлан Нұров")]


def test_a_session_by_its_body_and_a_meeting_after_a_bodys_own_name_is_named_alone():
    text = (
        "Облыстық мәслихаттың кезекті сессиясында есеп тыңдалды. "
        "Сыбайлас жемқорлыққа қарсы іс-қимыл жөніндегі ведомствоаралық комиссия отырысы өтті."
    )
    assert names(policy_names(text), text) == [("EVENT", "кезекті сессиясында"), ("EVENT", "отырысы")]


def test_a_council_named_from_its_capital():
    text = "Кеше Қазақстан Республикасының Қауіпсіздік Кеңесі жиналды."
    assert [s.exact(text) for s in organisation_names(text)] == ["Қазақстан Республикасының Қауіпсіздік Кеңесі"]


def test_a_bare_title_goes_on_with_a_head_named_by_another_word_for_the_post():
    text = (
        "Мемлекет басшысы Қасым-Жомарт Тоқаев отырыс өткізді. Ол күрес жалғасатынын атап өтті.\n"
        "«Ешкімге кешірім жоқ», – деді Президент."
    )
    assert said(text)[0] == ("Ешкімге кешірім жоқ", "Қасым-Жомарт Тоқаев")


def test_words_said_at_a_body_are_the_bodys_and_at_a_meeting_no_ones():
    text = (
        "Биыл 40 қылмыс тіркелді. Бұл туралы облыстық прокуратурада айтылды.\n"
        "Тексеру жалғасады. Бұл туралы комиссияның отырысында хабарланды."
    )
    assert said(text) == [
        ("Биыл 40 қылмыс тіркелді.", "облыстық прокуратурада"),
        ("Тексеру жалғасады.", None),
    ]


def test_a_bare_occupation_after_the_cue_goes_on_with_the_person_reported_before():
    text = "Саясаттанушы Ерлан Сайыров жемқорлық азаймағанын айтты.\n«Жүйе өзгеруі керек», – деді сарапшы."
    assert said(text)[0] == ("Жүйе өзгеруі керек", "Ерлан Сайыров")


def test_an_interviewers_dash_question_does_not_join_the_answer_closed_in_the_next_paragraph():
    text = "Сенатор Ерлан Қасымов сұхбат берді.\n- Заң қашан қабылданады?\nКүзде қабылданады, - деді сенатор."
    assert ("Күзде қабылданады", "Ерлан Қасымов") in said(text)


@pytest.mark.parametrize(
    ("words", "office"),
    [
        ("Агенттік төрағасының орынбасары", ("", "орынбасар")),
        ("облыс әкімінің бірінші орынбасары", ("облыс", "орынбасар")),
        # Two offices side by side, not one of the other: the first is the one the words name.
        ("облыс әкімі, комиссия төрағасы", ("облыс", "әкім")),
        ("аудан әкімі комиссия мүшелерімен", ("аудан", "әкім")),
    ],
)
def test_an_office_of_an_office_is_the_deputy_and_two_offices_the_first(words, office):
    assert _office(words) == office


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("Облыс әкімі Серік Ахметов: «Біз жемқорлыққа қарсы күресеміз», – деді.", []),
        ("Ол «Біз жеңеміз» деп айтты.", []),
        ("Ол: «Заң бәріне ортақ!» деді.", []),
        ("«100 нақты қадам» деп аталатын Ұлт жоспары қабылданды.", ["100 нақты қадам"]),
        ("«Адал ел» жобасы – ел игілігі.", ["Адал ел"]),
    ],
)
def test_a_quotation_closed_by_a_cue_or_a_sentence_end_is_words_said_not_a_title(text, titles):
    found = candidates(text, [], [])
    assert [c["label"]["kk"] for c in found if c["found_as"] == "quoted title"] == titles

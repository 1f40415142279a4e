"""Reported speech as Kazakh news writes it: each form on a short passage, the
speaker it resolves to, and quoted titles that are not speech."""

from __future__ import annotations

import pytest

from kg.ingest.analysis import SpeechFound
from kg.ingest.names import Mention
from kg.ingest.speech import attributions, find_speech
from kg.pipeline.spans import Span


def mention(text: str, entity: str, surface: str) -> Mention:
    """A known entity's mention at the surface's first occurrence."""
    start = text.index(surface)
    return Mention(entity, Span(start, start + len(surface)), surface)


def only(text: str, mentions: list[Mention] | None = None) -> SpeechFound:
    """The one speech in the text, its spans checked against the text."""
    found = find_speech(text, mentions or [])
    assert len(found) == 1, found
    speech = found[0]
    assert text[speech.start : speech.end] == speech.text
    if speech.speaker is not None:
        assert text[speech.speaker_start : speech.speaker_end] == speech.speaker
    return speech


def test_a_quotation_closed_by_dedi_names_its_speaker_after_the_cue():
    text = "«Біз сыбайлас жемқорлыққа қарсы күресті жалғастырамыз», – деді облыс әкімі Ерлан Нұрланов."
    speech = only(text)
    assert speech.text == "Біз сыбайлас жемқорлыққа қарсы күресті жалғастырамыз"
    assert speech.speaker == "Ерлан Нұрланов"
    assert speech.cue == "деді"
    assert speech.speaker_link is None


def test_the_closer_may_follow_the_quotation_without_a_space():
    speech = only("«Жаңа заң күшіне енді»,- деді Асқар Бекұлы.")
    assert (speech.text, speech.speaker) == ("Жаңа заң күшіне енді", "Асқар Бекұлы")


@pytest.mark.parametrize(
    "cue",
    [
        "деп атап өтті",
        "деп мәлім етті",
        "деп хабарлады",
        "деп айтты",
        "деп түсіндірді",
        "деп тоқталды",
        "деп сендірді",
        "деп есептейді",
        "деп санайды",
        "деп пікір білдірді",
        "деген",
        "деді",
        "дейді",
    ],
)
def test_every_verb_of_saying_closes_a_quotation(cue):
    text = f"Жиын өтті. «Парақорлық жыл сайын азаяды», – {cue} сарапшы Дәурен Әбілов. Жиын аяқталды."
    speech = only(text)
    assert speech.text == "Парақорлық жыл сайын азаяды"
    assert speech.speaker == "Дәурен Әбілов"
    assert speech.cue == cue


def test_straight_and_low_quotation_marks_are_quotations_too():
    assert only('"Тексеріс жалғасуда", - дейді Айгүл Сәрсенова.').speaker == "Айгүл Сәрсенова"
    speech = only("„Заң бәріне ортақ“, – деді судья Арман Қасым.")
    assert (speech.text, speech.speaker) == ("Заң бәріне ортақ", "Арман Қасым")


def test_after_a_long_post_and_organisation_the_speaker_is_the_name_at_its_end():
    text = (
        "«Бұл – маңызды қадам» – деп атап өтті ҚР Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің "
        "Алматы облысы бойынша департаментінің басшысы Қанат Сүлейменов."
    )
    assert only(text).speaker == "Қанат Сүлейменов"
    text = "«Іс сотқа жіберілді», – деді департаменттің Превенция басқармасының басшысы Анар ЖАРОВА брифингте."
    assert only(text).speaker == "Анар ЖАРОВА"


def test_without_a_name_the_speaker_is_the_post_or_organisation():
    text = "«Тексеріс жалғасады», – деді облыстық прокуратураның баспасөз қызметі."
    assert only(text).speaker == "облыстық прокуратураның баспасөз қызметі"
    text = "Жиында сөз сөйленді. «Барлық деректер тексеріледі», – деді облыс әкімі."
    post = mention(text, "post/region-akim", "облыс әкімі")
    speech = only(text, [post])
    assert (speech.speaker, speech.speaker_link) == ("облыс әкімі", "post/region-akim")


def test_a_speaker_and_a_colon_before_the_quotation():
    speech = only("Агенттік төрағасы Марат Ахметжанов: «Ешкім жазасыз қалмайды».")
    assert (speech.text, speech.speaker) == ("Ешкім жазасыз қалмайды", "Марат Ахметжанов")
    speech = only("Облыс әкімі Бауыржан Қажиев былай деді: «Біз ашықтықты қамтамасыз етеміз».")
    assert (speech.text, speech.speaker) == ("Біз ашықтықты қамтамасыз етеміз", "Бауыржан Қажиев")


def test_a_verb_of_saying_and_a_colon_report_the_rest_of_the_paragraph():
    text = "Департамент басшысы Айдос Серікбаев атап өтті: биыл 12 қылмыстық іс тіркелді.\nКелесі жаңалық."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("биыл 12 қылмыстық іс тіркелді.", "Айдос Серікбаев")


def test_an_interview_answer_after_the_speakers_name_and_a_colon():
    text = "Марат Ахметжанов, агенттік төрағасы:\n\n– Біз барлық өтініштерді тексереміз және нәтижесін жариялаймыз."
    speech = only(text)
    assert speech.text == "Біз барлық өтініштерді тексереміз және нәтижесін жариялаймыз."
    assert speech.speaker == "Марат Ахметжанов"


def test_a_dash_opened_quotation_runs_back_to_its_dash():
    text = (
        "Жиында агенттік өкілі Дана Төлеуова сөз сөйледі. – Біз азаматтардың өтініштерін мұқият қараймыз. "
        "Әр шағым тексеріледі, – деді Дана Төлеуова. Жиын жалғасты."
    )
    speech = only(text)
    assert speech.text == "Біз азаматтардың өтініштерін мұқият қараймыз. Әр шағым тексеріледі"
    assert speech.speaker_start == text.rindex("Дана Төлеуова")


def test_with_no_one_named_at_the_cue_the_speaker_is_the_person_last_named():
    text = "Жиында Дана Төлеуова сөз сөйледі. – Біз өтініштерді мұқият қараймыз, – деп атап өтті."
    person = mention(text, "person/dana-toleuova", "Дана Төлеуова")
    speech = only(text, [person])
    assert speech.text == "Біз өтініштерді мұқият қараймыз"
    assert (speech.speaker, speech.speaker_link) == ("Дана Төлеуова", "person/dana-toleuova")


def test_a_dash_paragraph_goes_on_with_the_speech_of_the_person_last_named():
    text = (
        "Облыс әкімі Мәлік Ахметов форумда сөз сөйледі.\n"
        "–Сыбайлас жемқорлық – дамуға басты қатер. Біз онымен күресті тоқтатпаймыз."
    )
    speech = only(text)
    assert speech.text == "Сыбайлас жемқорлық – дамуға басты қатер. Біз онымен күресті тоқтатпаймыз."
    assert speech.speaker == "Мәлік Ахметов"


def test_a_dash_list_after_a_colon_is_not_speech():
    text = "Жоспарда мыналар қарастырылған:\n– Мемлекеттік қызметшілердің әдеп кодексін жаңарту және бекіту.\n"
    assert find_speech(text, []) == []


def test_indirect_speech_with_dep_runs_from_the_speaker_to_the_cue():
    speech = only("Сарапшы Ерлан Сейітов жемқорлық деңгейі биыл төмендеді деп атап өтті.")
    assert (speech.text, speech.speaker) == ("жемқорлық деңгейі биыл төмендеді", "Ерлан Сейітов")


def test_indirect_speech_in_the_accusative_before_atap_otti():
    text = "Кездесуде облыс әкімі Мәлік Мырзалин өз сөзінде бұл шараның жылдың қорытынды форумы екенін атап өтті."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("бұл шараның жылдың қорытынды форумы екенін", "Мәлік Мырзалин")


def test_an_indirect_verb_with_no_subject_is_not_credited_to_anyone():
    assert find_speech("Сондай-ақ биыл жемқорлық көрсеткіштерінің төмендегенін атап өтті.", []) == []


@pytest.mark.parametrize("cue", ["айтуынша", "сөзінше", "пікірінше", "мәліметінше", "дерегінше", "сөзіне қарағанда"])
def test_according_to_the_speaker_in_the_genitive(cue):
    text = f"Асқар Мамыровтың {cue}, биыл парақорлық фактілері азайған. Келесі сөйлем."
    speech = only(text)
    assert speech.text == "биыл парақорлық фактілері азайған"
    assert speech.speaker == "Асқар Мамыровтың"
    assert speech.cue == cue


def test_a_pronoun_means_the_person_last_named_and_links_to_them():
    text = "Облыс прокуроры Ержан Әлімов брифинг өткізді. Оның айтуынша, биыл 5 іс сотқа жолданды."
    person = mention(text, "person/erzhan-alimov", "Ержан Әлімов")
    speech = only(text, [person])
    assert speech.text == "биыл 5 іс сотқа жолданды"
    assert (speech.speaker, speech.speaker_link) == ("Ержан Әлімов", "person/erzhan-alimov")
    text = "Ержан Әлімов брифинг өткізді. «Тергеу аяқталды», – деді ол."
    person = mention(text, "person/erzhan-alimov", "Ержан Әлімов")
    assert only(text, [person]).speaker_link == "person/erzhan-alimov"


def test_names_inside_a_quotation_are_not_whom_a_pronoun_means():
    text = "Дана Төлеуова сөз алды. «Бізге Арман Қасымов көмектесті», – деді ол."
    assert only(text).speaker == "Дана Төлеуова"


def test_a_link_only_where_the_speaker_overlaps_a_known_mention():
    text = "Алик Шпекбаев жиынға қатысты. «Жемқорлыққа жол жоқ», – деді облыс әкімі Ерлан Нұрланов."
    speech = only(text, [mention(text, "person/alik-shpekbayev", "Алик Шпекбаев")])
    assert (speech.speaker, speech.speaker_link) == ("Ерлан Нұрланов", None)
    text = "«Жемқорлыққа жол жоқ», – деді облыс әкімі Ерлан Нұрлановтың орынбасары."
    speech = only(text, [mention(text, "person/erlan-nurlanov", "Ерлан Нұрлановтың")])
    assert speech.speaker == "облыс әкімі Ерлан Нұрлановтың орынбасары"
    assert speech.speaker_link is None, "the akim's deputy is not the akim"


def test_an_outlet_reports_when_no_one_is_named_in_the_quotations_sentence():
    speech = only("«Облыста жаңа жоба іске қосылды», – деп хабарлайды Tengrinews.kz.")
    assert speech.speaker == "Tengrinews.kz"
    speech = only("«Облыста жаңа жоба іске қосылды»,- деп хабарлайды Дәстүр порталы әкімдікке сілтеме жасап.")
    assert speech.speaker == "Дәстүр порталы"
    speech = only("Облыс әкімі Серік Ахметов: «Жоба іске қосылды», – деп хабарлайды Kazinform.")
    assert speech.speaker == "Серік Ахметов"


def test_bul_turaly_credits_the_sentences_before_it():
    text = "Облыста биыл 15 шенеунік жазаланды. Бұл туралы облыстық прокуратураның баспасөз қызметі хабарлады."
    speech = only(text)
    assert speech.text == "Облыста биыл 15 шенеунік жазаланды."
    assert speech.speaker == "облыстық прокуратураның баспасөз қызметі"
    text = "Министр отставкаға кетеді.\n\nБұл туралы КТК арнасы хабарлады."
    assert (only(text).text, only(text).speaker) == ("Министр отставкаға кетеді.", "КТК арнасы")


def test_bul_turaly_after_a_quotation_adds_no_second_speech():
    text = "«Жемқорлық азайды», – дейді Айгүл Шаимова. Бұл туралы ол бүгін брифингте мәлімдеді."
    assert only(text).speaker == "Айгүл Шаимова"


def test_a_quotation_left_open_has_no_speaker():
    speech = only('Кездесу өтті. "Біздің қызметіміздегі маңызды аспект азаматтық қоғаммен өзара іс-қимыл.')
    assert speech.text == "Біздің қызметіміздегі маңызды аспект азаматтық қоғаммен өзара іс-қимыл."
    assert speech.speaker is None and speech.speaker_start is None and speech.speaker_link is None


@pytest.mark.parametrize(
    "text",
    [
        "«Нұр Отан» партиясының облыстық филиалында жиын өтті.",
        "Кездесу барысында «Адалдық алаңы» жобасының маңыздылығы айтылды.",
        "«Адал ұрпақ» деген клуб құрылды.",
        "«Сыбайлас жемқорлықсыз болашақ» деп аталатын акция өтті.",
        'Еліміздегі ең "жемқор" облыстардың тізімі жарияланды.',
        "Жемқор: облыстың көрсеткіші бәрінен жоғары.",
        "Алик Шпекбаев Қазақстандағы жемқорлық және онымен күрес жөнінде баяндады.",
    ],
)
def test_titles_and_narration_are_not_speech(text):
    assert find_speech(text, []) == []


def test_attributions_quote_the_speech_as_printed():
    text = "«Жемқорлыққа жол жоқ», – деді облыс әкімі Ерлан Нұрланов."
    person = mention(text, "person/erlan-nurlanov", "Ерлан Нұрланов")
    assert attributions(text, [person]) == [
        {
            "speech": "«Жемқорлыққа жол жоқ»",
            "said_by": "Ерлан Нұрланов",
            "speaker": "person/erlan-nurlanov",
            "cue": "деді",
        }
    ]


def test_an_attribution_with_no_speaker_named_is_left_open_with_a_note():
    text = "Министрдің орынбасары ұсталды. Ақпаратқа қарағанда, оған қатысты тергеу басталды."
    assert attributions(text, []) == [
        {
            "speech": "оған қатысты тергеу басталды",
            "said_by": None,
            "speaker": None,
            "cue": "Ақпаратқа қарағанда",
            "note": "no speaker named in the text",
        }
    ]


def test_a_long_quotation_opens_each_paragraph_and_is_credited_where_it_closes():
    text = (
        "«Биыл агенттік 40 қылмыстық іс қозғады. Олардың жартысы сотқа жіберілді.\n"
        "«Келесі жылы тексеріс күшейеді», – деді департамент басшысы Айдос Серікбаев."
    )
    first, second = find_speech(text, [])
    assert first.text == "Биыл агенттік 40 қылмыстық іс қозғады. Олардың жартысы сотқа жіберілді."
    assert first.speaker == second.speaker == "Айдос Серікбаев"


def test_a_dash_list_of_several_items_is_not_speech():
    text = (
        "Жоспарда мыналар қарастырылған:\n"
        "– Мемлекеттік қызметшілердің әдеп кодексін жаңарту және бекіту.\n"
        "– Мемлекеттік сатып алуды толық цифрлық форматқа көшіру және бақылау.\n"
    )
    assert find_speech(text, []) == []


def test_an_interview_answer_after_a_question_is_the_interviewees():
    text = (
        "Агенттік төрағасы Марат Ахметжанов тілшімізге сұхбат берді.\n"
        "– Биыл қанша іс тіркелді?\n"
        "– Биыл 40 іс тіркелді, олардың жартысы сотқа жіберілді."
    )
    speech = only(text)
    assert (speech.text, speech.speaker) == (
        "Биыл 40 іс тіркелді, олардың жартысы сотқа жіберілді.",
        "Марат Ахметжанов",
    )


def test_a_pronoun_subject_of_indirect_speech():
    text = "Ержан Әлімов брифинг өткізді. Ол биыл парақорлықтың азайғанын атап өтті."
    speech = only(text, [mention(text, "person/erzhan-alimov", "Ержан Әлімов")])
    assert speech.text == "биыл парақорлықтың азайғанын"
    assert (speech.speaker, speech.speaker_link) == ("Ержан Әлімов", "person/erzhan-alimov")


def test_the_speaker_before_a_quotation_closed_by_dep():
    speech = only("Облыс әкімі Серік Ахметов «Жемқорлыққа жол берілмейді» деп атап өтті.")
    assert (speech.text, speech.speaker) == ("Жемқорлыққа жол берілмейді", "Серік Ахметов")


def test_what_was_talked_about_is_not_what_was_said():
    assert find_speech("Кездесуде Ерлан Сейітов жаңа заңның маңызы туралы айтты.", []) == []


def test_a_known_place_after_a_post_is_not_a_persons_name():
    text = "«Тексеріс жалғасады», – деді облыс әкімі Алматы Облысында өткен жиында."
    place = mention(text, "place/almaty-region", "Алматы Облысында")
    assert only(text, [place]).speaker == "облыс әкімі"


def test_a_colon_then_a_quotation_closed_by_dep_otyr():
    speech = only("Қала әкімдігі: «Алдағы бес жылда елу мектеп салу қажет», – деп отыр.")
    assert (speech.text, speech.speaker) == ("Алдағы бес жылда елу мектеп салу қажет", "Қала әкімдігі")


@pytest.mark.parametrize(
    ("closing", "speaker"),
    [
        (
            "Мұны облыстық полиция департаментінің баспасөз қызметі мәлімдеді.",
            "облыстық полиция департаментінің баспасөз қызметі",
        ),
        ("Спикер Нұрлан Нығматулин осылай деп мәлімдеді.", "Нұрлан Нығматулин"),
        ("Бұл жөнінде Денсаулық сақтау министрі Елжан Біртанов хабарлады.", "Елжан Біртанов"),
    ],
)
def test_a_back_reference_credits_what_was_said_before_it(closing, speaker):
    text = f"«Биыл 40 жол-көлік оқиғасы тіркелді».\n{closing}"
    speech = only(text)
    assert speech.text == "Биыл 40 жол-көлік оқиғасы тіркелді"
    assert speech.speaker == speaker


def test_a_name_in_an_oblique_case_is_not_the_subject():
    text = "Мәскеуде Владимир Путинмен кездесуде Нұрсұлтан Назарбаев бұл жобаның маңызды екенін айтты."
    assert only(text).speaker == "Нұрсұлтан Назарбаев"


def test_a_pronoun_means_a_subject_rather_than_a_name_in_the_dative():
    text = "Ержан Әлімов Дана Төлеуоваға сұрақ қойды. «Тергеу аяқталды», – деді ол."
    assert only(text).speaker == "Ержан Әлімов"


def test_the_speaker_drops_a_leading_discourse_word():
    assert only("Алайда тұрғындардың айтуынша, құрылыс сапасы сын көтермейді.").speaker == "тұрғындардың"


@pytest.mark.parametrize(
    "text",
    [
        "Бибігүл Төлегенова Алматыда тоқсан жасқа толған мерейтойын атап өтті.",
        "Үкімет басшысы облыс әкімдігінің алдында тұрған міндеттерді атап өтті.",
        "Баспасөз орталығында 100-деген журналист отыр.",
        "«Оқу мекемелеріндегі жүйе жемқорлыққа итермелейді» деген де жауап бар.",
    ],
)
def test_a_celebration_a_topic_and_a_hyphen_are_not_speech(text):
    assert find_speech(text, []) == []


@pytest.mark.parametrize(
    "verb",
    [
        "деп атап өткен болатын",
        "деп мәлімдеген еді",
        "деп нақтылады",
        "деп толықтырды",
        "деп сенім білдірді",
        "деп қорытындылады",
        "деп жауап берді",
        "деп түсіндіреді",
        "деп хабарлайды",
        "деп мәлім етті",
        "деп атап көрсетті",
        "деп айтып берді",
        "деп сөзін аяқтады",
        "деп ой бөлісті",
        "деп баса назар аударды",
    ],
)
def test_a_verb_of_saying_after_dep_in_any_tense(verb):
    text = f"«Тексеріс аяқталды», – {verb} аудан әкімі Серік Омаров."
    speech = only(text)
    assert (speech.text, speech.speaker, speech.cue) == ("Тексеріс аяқталды", "Серік Омаров", verb)


@pytest.mark.parametrize("verb", ["мәлім етті", "мәлімдеген болатын", "жеткізді", "хабарлайды", "атап көрсетті"])
def test_a_reporting_verb_after_a_clause_in_the_accusative_in_any_tense(verb):
    speech = only(f"Серік Омаров биыл үш іс сотқа жолданғанын {verb}.")
    assert (speech.text, speech.speaker) == ("биыл үш іс сотқа жолданғанын", "Серік Омаров")


def test_as_someone_said_the_rest_of_the_sentence_is_theirs():
    speech = only("Серік Омаров атап өткендей, биыл тексерістер көбейді.")
    assert (speech.text, speech.speaker, speech.cue) == ("биыл тексерістер көбейді", "Серік Омаров", "атап өткендей")
    speech = only("Ведомствоның баспасөз қызметі хабарлағандай, іс сотқа жолданды.")
    assert speech.speaker == "Ведомствоның баспасөз қызметі"


@pytest.mark.parametrize("cue", ["ойынша", "мәлімдеуінше", "бағалауынша", "мәліметіне сәйкес", "деректері бойынша"])
def test_more_ways_of_according_to(cue):
    speech = only(f"Серік Омаровтың {cue}, тексерістер көбейді.")
    assert (speech.text, speech.speaker, speech.cue) == ("тексерістер көбейді", "Серік Омаровтың", cue)


def test_a_pronoun_or_an_omitted_subject_means_a_post_named_alone_in_the_sentence_before():
    assert only("Облыс әкімі жиын өткізді. «Жемқорлыққа жол жоқ», – деді ол.").speaker == "Облыс әкімі"
    assert only("Өңір басшысы жиын ашты. Оның айтуынша, жемқорлық азайды.").speaker == "Өңір басшысы"
    assert only("Аудан әкімі жиын ашты. Ол тексеріс аяқталғанын атап өтті.").speaker == "Аудан әкімі"


def test_the_nearest_of_a_person_and_a_post_named_alone_is_whom_a_pronoun_means():
    text = "Жиынды Серік Омаров ашты. Одан кейін агенттік өкілі сөз алды. «Іс тіркелді», – деді ол."
    assert only(text).speaker == "агенттік өкілі"
    text = "Жиынды облыс прокуроры Серік Омаров ашты. «Іс тіркелді», – деді ол."
    assert only(text).speaker == "Серік Омаров", "a post next to its holder's name is the holder"
    text = "Серік Омаров, облыс прокуроры, жиын ашты. «Іс тіркелді», – деді ол."
    assert only(text).speaker == "Серік Омаров"


def test_a_post_two_sentences_back_is_too_far_and_the_person_named_is_whom_a_pronoun_means():
    text = "Облыс әкімі келді. Серік Омаров жиын ашты. Жиын ұзаққа созылды. «Іс тіркелді», – деді ол."
    assert only(text).speaker == "Серік Омаров"


def test_the_speaker_as_spiker_takes_up_the_person_last_named():
    text = "Серік Омаров брифинг өткізді. «Іс тіркелді», – деді спикер."
    assert only(text).speaker == "Серік Омаров"
    text = "Серік Омаров брифинг өткізді. Спикердің айтуынша, іс тіркелді."
    assert only(text).speaker == "Серік Омаров"


def test_a_headline_quotes_after_a_name_and_a_colon():
    speech = only("Серік Омаров: Жемқорлыққа жол жоқ\n\nЖиын өтті.")
    assert (speech.text, speech.speaker) == ("Жемқорлыққа жол жоқ", "Серік Омаров")
    assert find_speech("Мақсат: жемқорлықты азайту\n\nЖиын өтті.", []) == []


def test_a_closing_mark_the_words_said_do_not_open_is_not_part_of_them():
    text = "Серік Омаров жиында:\nБіз жұмысты жалғастырамыз», – деді."
    assert only(text).text == "Біз жұмысты жалғастырамыз"


def test_a_post_named_without_a_name_means_its_holder_named_with_it_before():
    text = "Жиынды облыс әкімі Серік Омаров ашты. Жиынға Дана Төлеуова қатысты. Өңір басшысының айтуынша, іс азайды."
    assert only(text).speaker == "Серік Омаров", "the head of a region is its akim"
    text = "Жиынды агенттік төрағасы Серік Омаров ашты. «Іс азайды», – деді агенттік төрағасы."
    assert only(text).speaker == "Серік Омаров"


def test_a_post_of_another_region_or_title_is_not_the_same_office():
    text = "Жиынды аудан әкімі Серік Омаров ашты. «Іс азайды», – деді облыс әкімі."
    assert only(text).speaker == "облыс әкімі"
    text = "Жиынды облыс прокуроры Серік Омаров ашты. «Іс азайды», – деді облыс әкімі."
    assert only(text).speaker == "облыс әкімі"


def test_the_passive_reports_words_that_no_one_is_named_as_saying():
    speech = only("Жиында биыл үш іс тіркелгені айтылды.")
    assert (speech.text, speech.speaker, speech.cue) == ("Жиында биыл үш іс тіркелгені", None, "айтылды")
    assert only("Сайтта тексеріс аяқталғаны хабарланды.").cue == "хабарланды"


def test_the_passive_with_a_person_named_in_its_clause_is_theirs():
    speech = only("Жиында Серік Омаров биыл үш іс тіркелгені атап өтілді.")
    assert (speech.text, speech.speaker) == ("биыл үш іс тіркелгені", "Серік Омаров")


def test_a_word_in_the_locative_before_a_name_is_not_part_of_it():
    assert only("Жиында Серік Омаров биыл үш іс тіркелгенін айтты.").speaker == "Серік Омаров"


def test_a_colon_ending_the_paragraph_before_a_quotation_introduces_it():
    text = "Облыс әкімі Серік Омаров жиында мынадай мәлімдеме жасады:\n\n«Іс тіркелді. Біз жұмысты жалғастырамыз»."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("Іс тіркелді. Біз жұмысты жалғастырамыз", "Серік Омаров")
    assert only("Өңір басшысы:\n«Іс тіркелді. Біз жұмысты жалғастырамыз».").speaker == "Өңір басшысы"


def test_an_omitted_subject_means_the_person_named_in_the_sentence_before():
    text = "Облыс әкімі Серік Омаров жиын өткізді. Сондай-ақ жемқорлықпен күрес жалғасатынын атап өтті."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("жемқорлықпен күрес жалғасатынын", "Серік Омаров")
    text = "Серік Омаров жиын өткізді.\n\nКүрес жалғасады деп атап өтті."
    assert only(text).speaker == "Серік Омаров", "the sentence before may end the paragraph before"


def test_an_omitted_subject_reaches_no_further_back_than_the_sentence_before():
    assert find_speech("Серік Омаров келді. Жиын өтті. Сондай-ақ күрес жалғасатынын атап өтті.", []) == []


def test_a_television_caption_name_and_post_over_the_paragraph_said():
    text = "Жиын өтті.\nЕрлан Сәтбаев, облыс әкімінің орынбасары:\nБіз бұл жұмысты жалғастырамыз. Жемқорлыққа жол жоқ."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("Біз бұл жұмысты жалғастырамыз. Жемқорлыққа жол жоқ.", "Ерлан Сәтбаев")


def test_a_colon_ending_a_line_with_no_name_and_comma_before_it_is_no_caption():
    assert find_speech("Жиында талқыланған мәселелер:\nЖер, су және салық мәселелері қаралды.", []) == []


def test_a_quotation_over_paragraphs_closed_with_a_cue_in_the_last():
    text = (
        '"Олар басқа қызметке тағайындалған. Заңның күші болмайды.\n'
        "Заң бойынша олар бұл салада жұмыс істей алмайды.\n"
        'Ол мүлде жұмыс істемеуі керек еді", - деді департамент бастығы Ерлан Сәтбаев'
    )
    speech = only(text)
    assert speech.text == text[1 : text.index('", -')]
    assert speech.speaker == "Ерлан Сәтбаев"


def test_a_post_with_its_holders_name_after_it_is_that_person_speaking():
    text = "ҚР Президенті Қ.Ә.Серікбаевтың Жолдауында күрес барша халықтың борышы екенін атап көрсеткен болатын."
    assert only(text).speaker == "Қ.Ә.Серікбаевтың"


def test_a_bodys_representative_is_the_person_last_named_with_that_body():
    text = (
        "Агенттіктің тергеушісі Ерлан Сәтбаев іс қозғалғанын айтты. "
        "Агенттік өкілі бұл оқиға ведомствода қаралғанын айтты."
    )
    speeches = find_speech(text, [])
    assert [s.speaker for s in speeches] == ["Ерлан Сәтбаев", "Ерлан Сәтбаев"]
    assert speeches[1].speaker_start == text.index("Ерлан Сәтбаев")


def test_a_representative_of_another_body_is_not_the_person_last_named():
    text = "Соттың төрағасы Ерлан Сәтбаев үкім шыққанын айтты. Агенттік өкілі іс қаралғанын айтты."
    assert [s.speaker for s in find_speech(text, [])] == ["Ерлан Сәтбаев", "Агенттік өкілі"]


def test_an_investigating_body_speaks_as_a_body():
    text = "Тергеу органы басшылық қызметке қалай қабылданғанын анықтау қиын екенін түсіндірді."
    assert only(text).speaker == "Тергеу органы"


def test_a_clause_then_dep_and_its_verb_with_the_speaker_after_is_all_said_by_that_speaker():
    text = "Қалалық соттың үкімімен аудан әкімі 7 жылға сотталды, деп хабарлады облыстық соттың баспасөз қызметі."
    speech = only(text)
    assert speech.text == "Қалалық соттың үкімімен аудан әкімі 7 жылға сотталды"
    assert speech.speaker == "облыстық соттың баспасөз қызметі"


def test_a_clause_reporting_someones_words_keeps_its_speaker_when_an_outlet_reports_it():
    text = "Депутат Ерлан Сәтбаев шағымдардың көбі параға қатысты екенін айтты, деп хабарлады Ақпарат.kz."
    assert only(text).speaker == "Ерлан Сәтбаев"


def test_a_quotation_from_a_document_is_said_by_its_issuer_only_where_named():
    speech = only("Тергеу басталды. «Күдікті қамауға алынды. Тергеу жалғасуда», – делінген хабарламада.")
    assert (speech.text, speech.speaker, speech.cue) == ("Күдікті қамауға алынды. Тергеу жалғасуда", None, "делінген")
    speech = only("«Күдікті қамауға алынды», - деп жазылған департаменттің хабарламасында.")
    assert speech.speaker == "департаменттің"


def test_a_site_named_with_its_correspondent_after_the_cue():
    assert only("Тергеу басталды, деп хабарлайды Tengrinews.kz тілшісі.").speaker == "Tengrinews.kz тілшісі"


def test_a_body_bare_before_according_to():
    speech = only("Прокуратура мәліметінше, жыл басынан бері 40 шенеунік сотталды.")
    assert (speech.text, speech.speaker) == ("жыл басынан бері 40 шенеунік сотталды", "Прокуратура")


def test_an_adjective_before_according_to_is_no_speaker():
    assert find_speech("Соңғы мәліметінше, күдікті қамауға алынды.", []) == []
    assert only("ҰҚК хабарлауынша, күдікті қамауға алынды.").speaker == "ҰҚК"


def test_a_quotation_opening_the_paragraph_after_a_speakers_sentence_is_that_speakers():
    text = "Сондай-ақ Ерлан Сәтбаев күрес әркімнен басталатынын атап өтті.\n«Әркім өзінен бастауы керек. Біз де солай"
    speeches = find_speech(text, [])
    assert [(s.text, s.speaker) for s in speeches] == [
        ("Әркім өзінен бастауы керек. Біз де солай", "Ерлан Сәтбаев"),
        ("күрес әркімнен басталатынын", "Ерлан Сәтбаев"),
    ]
    closed = find_speech(text + " істейміз».", [])[0]
    assert (closed.speaker, closed.cue) == ("Ерлан Сәтбаев", "quotation after its speaker's sentence")


def test_an_unclosed_quotation_inside_a_paragraph_keeps_no_speaker():
    text = "Жазушы Ерлан Сәтбаев дәстүрді атап өтті. «Біздің қызметіміздегі басты міндет – ашықтық болып табылады."
    speech = find_speech(text, [])[0]
    assert (speech.text[:6], speech.speaker) == ("Біздің", None)


def test_a_quotation_from_a_press_release_is_said_by_the_source_the_sentence_before_reports():
    text = (
        "Күдіктілер ұсталды, деп хабарлайды облыстық департаменттің баспасөз қызметі.\n"
        "«Тергеу соты санкция берді.\nЗалал өтелді» – делінген баспасөз хабарламасында."
    )
    speech = find_speech(text, [])[0]
    assert speech.text == "Тергеу соты санкция берді.\nЗалал өтелді"
    assert speech.speaker == "облыстық департаменттің баспасөз қызметі"


def test_a_dash_opened_quotation_from_a_bodys_statement_is_that_bodys():
    text = "— Екеуі де 7 жыл бас бостандығынан айырылды, — делінген Ақтау облысының прокуратурасы хабарламасында."
    speech = only(text)
    assert (speech.text, speech.speaker) == (
        "Екеуі де 7 жыл бас бостандығынан айырылды",
        "Ақтау облысының прокуратурасы",
    )


def test_a_headline_led_by_an_occupation_and_a_colon_is_that_persons_words():
    speech = only("Сарапшы: Пара бергендер де жазасыз қалмайды\nЕлімізде 126 қылмыс тіркелді.")
    assert (speech.text, speech.speaker) == ("Пара бергендер де жазасыз қалмайды", "Сарапшы")


def test_where_words_were_written_is_no_speaker_the_person_named_before_is():
    text = 'Депутат Ерлан Сәтбаев жемқорлық туралы сөз қозғады.\n"Заң қатаң болады", - деп жазды желідегі парақшасында.'
    assert only(text).speaker == "Ерлан Сәтбаев"


def test_a_name_the_analysis_found_speaks_though_no_surname_ending_marks_it():
    text = "Дана Нұрлан: Жемқорларды масқара ету керек\n\nДана Нұрлан індет бәсеңдейді деп үміт етеді."
    names = [Span(0, 11), Span(text.rindex("Дана"), text.rindex("Дана") + 11)]
    assert all(s.speaker_start != 0 for s in find_speech(text, []))
    speeches = find_speech(text, [], names)
    assert [(s.text, s.speaker_start) for s in speeches] == [
        ("Жемқорларды масқара ету керек", 0),
        ("індет бәсеңдейді", names[1].start),
    ]


def test_a_statement_quoted_without_marks_before_delingen_is_the_source_named_a_paragraph_before():
    text = (
        "Полиция мәліметінше, күдікті банкке жалған құжат тапсырған. Ақша қайтарылды.\n"
        "Күдікті қамауға алынды. Тергеу жалғасып жатыр,\nделінген хабарламада."
    )
    speeches = find_speech(text, [])
    assert [(s.text, s.speaker, s.cue) for s in speeches] == [
        ("Күдікті қамауға алынды. Тергеу жалғасып жатыр", "Полиция", "делінген"),
        ("күдікті банкке жалған құжат тапсырған", "Полиция", "мәліметінше"),
    ]


def test_information_published_by_a_body_leads_its_words():
    speech = only("ҰҚК жариялаған ақпаратқа сүйенсек, биыл 40 адам ұсталған.")
    expected = ("биыл 40 адам ұсталған", "ҰҚК", "жариялаған ақпаратқа сүйенсек")
    assert (speech.text, speech.speaker, speech.cue) == expected


def test_aitularynsha_is_the_words_of_the_group_the_sentence_before_has_for_its_subject():
    text = "Сот үкім шығарды. Бірақ сотталғанның әріптестері үкіммен келіспейді. Айтуларынша, дәлелдер жеткіліксіз."
    speech = only(text)
    assert (speech.text, speech.speaker, speech.cue) == ("дәлелдер жеткіліксіз", "әріптестері", "Айтуларынша")


@pytest.mark.parametrize(
    "cue",
    ["берген ақпаратына сәйкес", "ұсынған мәліметіне сәйкес", "мәліметіне сүйенсек", "таратқан ақпаратына сүйенсек"],
)
def test_a_body_given_information_in_the_possessive_is_a_source(cue):
    speech = only(f"Облыстық департаменттің {cue}, күдіктілер қамауға алынған.")
    assert (speech.text, speech.speaker, speech.cue) == ("күдіктілер қамауға алынған", "Облыстық департаменттің", cue)


def test_a_body_named_bare_leads_its_clause_and_a_clause_may_open_inside_it():
    text = "Тергеу басталды. Агенттік тергеу аяқталмайынша, іске қатысты мәліметтер жария етілмейтінін ескертті."
    speech = only(text)
    assert speech.text == "тергеу аяқталмайынша, іске қатысты мәліметтер жария етілмейтінін"
    assert (speech.speaker, speech.cue) == ("Агенттік", "ескертті")


def test_they_as_a_subject_are_the_body_the_sentence_before_names():
    text = "Қалалық полиция департаменті мәлімдеме жасады. Олар басқармаға хат түспегенін жеткізді."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("басқармаға хат түспегенін", "Қалалық полиция департаменті")


def test_an_accusative_clause_may_stand_a_few_words_from_its_verb():
    speech = only("Асқар Нұров жұмыстан өз еркімен кеткенін әлеуметтік желі арқылы жария етті.")
    assert (speech.text, speech.speaker, speech.cue) == ("жұмыстан өз еркімен кеткенін", "Асқар Нұров", "жария етті")


def test_a_headline_question_about_what_someone_says_is_no_speech():
    assert find_speech("Нұров не дейді?\nНұров жұмыстан кеткенін айтады.", [])[0].text == "жұмыстан кеткенін"
    assert find_speech("Нұров не дейді?", []) == []


AGENCY = "сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі"


@pytest.mark.parametrize(("before", "speaker"), [(f"Бұл туралы {AGENCY} хабарлады. ", AGENCY), ("", None)])
def test_according_to_the_information_with_no_source_is_the_source_the_sentence_before_reports(before, speaker):
    text = f"Министрдің орынбасары ұсталды. {before}Ақпаратқа қарағанда, оған қатысты тергеу басталды."
    speech = find_speech(text, [])[-1]
    assert (speech.text, speech.speaker, speech.cue) == ("оған қатысты тергеу басталды", speaker, "Ақпаратқа қарағанда")


def test_an_outlet_named_after_the_cue_says_the_whole_clause():
    speech = only("Қалалық мәдениет басқармасы ақпаратты жоққа шығарды деп хабарлайды Paryz.kz.")
    assert (speech.text, speech.speaker) == ("Қалалық мәдениет басқармасы ақпаратты жоққа шығарды", "Paryz.kz")


@pytest.mark.parametrize(
    ("before", "described", "speaker"),
    [
        ("Ranking.kz аналитика ресурсы рейтинг жасады.", "аналитикалық ресурс", "Ranking.kz"),
        ("Бұл туралы «Егемен Қазақстан» газеті жазды.", "газет", "«Егемен Қазақстан»"),
        ("Бұл туралы «Егемен Қазақстан» газеті жазды.", "басылым", "басылым"),
        ("", "аналитикалық ресурс", "аналитикалық ресурс"),
    ],
)
def test_a_description_after_the_cue_is_the_name_an_earlier_mention_of_its_head_follows(before, described, speaker):
    text = f"{before} «Биыл 91 қызметкер ұсталған», деп жазады {described}."
    speech = next(s for s in find_speech(text, []) if s.text == "Биыл 91 қызметкер ұсталған")
    assert speech.speaker == speaker


@pytest.mark.parametrize(
    ("reported", "speaker"), [("деп атап көрсетті", "Қасым-Жомарт Тоқаев"), ("туралы айтылды", "")]
)
def test_a_bare_title_after_the_cue_is_the_person_the_sentence_before_reports(reported, speaker):
    text = (
        f"Жиынға қатысқан Қасым-Жомарт Тоқаев адам құқығы бірінші міндет {reported}. "
        "– Судьялар бұл ұстанымды басшылыққа алуы керек, – деді Президент."
    )
    speech = next(s for s in find_speech(text, []) if s.text.startswith("Судьялар"))
    assert speech.speaker == (speaker or "Президент")


def test_an_interview_labelled_by_initials_credits_the_people_named_with_those_initials():
    text = (
        "Сұхбат.\nМақпал Мейірбекқызы: Өткен аптада журналистер күні өтті.\n\nМахамбет Әбжан: Рахмет, қызық болды.\n\n"
        "М.М: Сіз өз жұмысыңызды ұсынған бе едіңіз?\n\nМ.Ә: Жоқ, ұсынған жоқпын.\n\nА.Б: Бұл кімнің сөзі?"
    )
    names = [Span(text.index(n), text.index(n) + len(n)) for n in ("Мақпал Мейірбекқызы", "Махамбет Әбжан")]
    said = {s.text: (s.speaker, s.cue) for s in find_speech(text, [], names)}
    assert said["Сіз өз жұмысыңызды ұсынған бе едіңіз?"] == ("Мақпал Мейірбекқызы", "М.М:")
    assert said["Жоқ, ұсынған жоқпын."] == ("Махамбет Әбжан", "М.Ә:")
    assert said["Бұл кімнің сөзі?"] == (None, "А.Б:")


def test_words_retold_before_their_speaker_start_after_the_sentence_that_reports_speech_of_its_own():
    text = (
        "Асқар Нұров өзінің заңсыз шеттетілгенін айтады. Орынбасары пара алып ұсталды. Ақша кабинетте табылды. "
        "Асқар Нұров осылай деп отыр."
    )
    retold = find_speech(text, [])[-1]
    assert (retold.text, retold.speaker) == ("Орынбасары пара алып ұсталды. Ақша кабинетте табылды.", "Асқар Нұров")
    assert retold.cue == "осылай ... деп отыр"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Ал облыс әкімдігі ресми сауалымызға Серік Ерланов қызметінен босатылмағанын хабарлады.",
            "ресми сауалымызға Серік Ерланов қызметінен босатылмағанын",
            "облыс әкімдігі",
        ),
        ("Қала әкімдігінде Ерланов ауруханада жатқанын айтты.", "Ерланов ауруханада жатқанын", "Қала әкімдігінде"),
        (
            "Сыбайлас жемқорлыққа қарсы қызметтегілер әкім пара алды деген күдікке ілінгенін айтты.",
            "әкім пара алды деген күдікке ілінгенін",
            "Сыбайлас жемқорлыққа қарсы қызметтегілер",
        ),
    ],
)
def test_a_body_opening_the_sentence_speaks_not_the_name_in_its_clause(text, words, speaker):
    speech = only(text)
    assert (speech.text, speech.speaker) == (words, speaker)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Агенттік басшысы Серік Ерланов тергеу басталғанын айтты.", "Серік Ерланов"),
        ("Агенттікте өткен брифингте Серік Ерланов тергеу басталғанын айтты.", "Серік Ерланов"),
        ("Департамент басшысы тергеу басталғанын айтты.", "Департамент басшысы"),
    ],
)
def test_a_body_is_no_speaker_before_its_officer_or_as_where_an_event_was(text, speaker):
    assert only(text).speaker == speaker


def test_a_quotation_left_open_ends_at_the_cue_that_closes_it_and_names_the_speaker_after_it():
    text = "«Жемқорлықпен күресу - ең маңызды бастама. Ол үшін адалдық болуы шарт, - деді спикер Сәкен Мәжімов."
    speech = only(text)
    assert speech.text == "Жемқорлықпен күресу - ең маңызды бастама. Ол үшін адалдық болуы шарт"
    assert (speech.speaker, speech.cue) == ("Сәкен Мәжімов", "деді")


def test_a_document_quoted_without_its_closing_mark_is_its_issuers_not_the_name_inside_it():
    text = (
        'Хабарлама тарады.\n\n"Облыс әкімінің орынбасары Ерланов ауруханада жатыр. Қосымша ақпарат кейінірек '
        "беріледі, - делінген әкімдік хабарламасында."
    )
    speech = only(text)
    assert speech.text.endswith("Қосымша ақпарат кейінірек беріледі")
    assert (speech.speaker, speech.cue) == ("әкімдік", "делінген")


def test_an_occupation_opening_a_back_reference_speaks_and_a_bare_aituynsha_goes_on_with_it():
    text = (
        "Жемқорлық ауру емес. Психолог бармақ басты әрекеттерге қатысты осылай дейді.\n\n"
        "Айтуынша, бақылау болмаса, билік адамды тойымсыздыққа апарады."
    )
    found = find_speech(text, [])
    assert [(s.text, s.speaker, s.speaker_start) for s in found] == [
        ("Жемқорлық ауру емес.", "Психолог", 21),
        ("бақылау болмаса, билік адамды тойымсыздыққа апарады", "Психолог", 21),
    ]


def test_a_bare_aituynsha_with_no_source_before_is_the_person_last_named():
    text = "Жиында Ерлан Нұров сөз алды. Айтуынша, тергеу аяқталды."
    assert only(text).speaker == "Ерлан Нұров"


def test_an_occupation_as_subject_and_ol_after_a_quotation_mean_that_person():
    text = "Психолог жемқорлықтың ауру емес екенін кесіп айтты. «Дерт ретінде қарасақ, оларды ақтаймыз», - дейді ол."
    found = find_speech(text, [])
    assert [(s.text, s.speaker, s.speaker_start) for s in found] == [
        ("Дерт ретінде қарасақ, оларды ақтаймыз", "Психолог", 0),
        ("жемқорлықтың ауру емес екенін", "Психолог", 0),
    ]


def test_a_dash_paragraph_in_the_first_person_with_no_one_named_is_speech_left_open():
    text = "Шаралар әр салада жүріп жатыр.\n\n- Заңға нормалар енгізіліп жатыр. Олар көмектеседі деп ойлаймын."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("Заңға нормалар енгізіліп жатыр. Олар көмектеседі деп ойлаймын.", None)
    narration = "Шаралар әр салада жүріп жатыр.\n\n- Заңға нормалар енгізіліп жатыр. Олар жемқорлықты азайтады."
    assert find_speech(narration, []) == []


def test_a_headline_line_without_a_full_stop_reports_what_its_subject_warned():
    text = "Антикор мемқызметшілерге сыйлық алмау керектігін ескертті\n\nЖаңа жыл жақындап келеді."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("мемқызметшілерге сыйлық алмау керектігін", "Антикор")


def test_according_to_a_medium_named_by_its_kind_means_the_outlet_named_with_that_kind_before():
    text = (
        "Жақында Adal News Telegram-каналында әкімнің ұсталғаны туралы ақпарат пайда болды. "
        "Каналдың ақпараты бойынша, әкім пара алды деп күдіктелуде."
    )
    speech = only(text)
    assert (speech.text, speech.speaker, speech.cue) == (
        "әкім пара алды деп күдіктелуде",
        "Adal News Telegram",
        "ақпараты бойынша",
    )


def test_by_what_social_media_spread_no_one_is_named_as_speaker():
    text = "Әлеуметтік желіде тараған хабарға сенсек, аудан әкімі ұсталған болуы мүмкін."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("аудан әкімі ұсталған болуы мүмкін", None)


def test_a_statement_with_no_issuer_is_the_body_that_a_sentence_before_names_as_agent():
    text = (
        "Облыс прокуратурасымен өзге органдармен бірлесіп сатып алу саласындағы схема анықталды.\n"
        "Медициналық ұйымдармен құрылғылар қымбатқа алынған.\n"
        "— Келтірілген шығынның сомасы 2 млрд теңгеден асты, — делінген хабарламада."
    )
    speech = only(text)
    assert speech.text == "Келтірілген шығынның сомасы 2 млрд теңгеден асты"
    assert speech.speaker == "Облыс прокуратурасымен"
    together = "Облыс әкімдігімен бірлесіп жиын өтті.\n— Шығын 2 млрд теңгеден асты, — делінген хабарламада."
    assert only(together).speaker is None, "an organiser acting with others is no agent of a passive"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Прокурор да тергеу аяқталғанын жеткізді.", "тергеу аяқталғанын", "Прокурор"),
        ("Ресми ақпаратқа сәйкес, тергеу аяқталды.", "тергеу аяқталды", None),
        (
            "Облыс прокуратурасының баспасөз қызметі тергеу аяқталғанын хабарлады.",
            "тергеу аяқталғанын",
            "Облыс прокуратурасының баспасөз қызметі",
        ),
        ("Прокуратурадан тергеу аяқталғанын хабарлады.", "тергеу аяқталғанын", "Прокуратурадан"),
        ("Департаменттен алынған мәліметке қарағанда, тергеу аяқталды.", "тергеу аяқталды", "Департаменттен"),
        (
            "Бірақ аудан әкімінің баспасөз қызметі Серік Әділбаев әкімдік жұмыс істеп жатқанын алға тартты.",
            "әкімдік жұмыс істеп жатқанын",
            "Серік Әділбаев",
        ),
    ],
)
def test_more_ways_a_body_or_no_one_is_named_as_the_source(text, words, speaker):
    speech = only(text)
    assert (speech.text, speech.speaker) == (words, speaker)


def test_qosty_reports_an_added_clause_but_not_a_contribution():
    text = "Ерлан Нұров сөз алды. Сондай-ақ ол күдіктінің қамауға алынғанын қосты."
    assert (only(text).text, only(text).speaker) == ("күдіктінің қамауға алынғанын", "Ерлан Нұров")
    assert find_speech("Ол бұл іске өз үлесін қосты.", []) == []


def test_an_interviews_initials_label_is_its_named_speaker_though_labels_are_mentions_of_their_own():
    text = "Махамбет Әбжан сұхбат берді.\nМ.Ә: Біз бұған дайынбыз.\nМ.Ә: Тағы бір жайт бар."
    labels = [Span(text.index("М.Ә"), text.index("М.Ә") + 3), Span(text.rindex("М.Ә"), text.rindex("М.Ә") + 3)]
    found = find_speech(text, [], [Span(0, 14), *labels])
    assert [(s.text, s.speaker) for s in found] == [
        ("Біз бұған дайынбыз.", "Махамбет Әбжан"),
        ("Тағы бір жайт бар.", "Махамбет Әбжан"),
    ]


def test_a_bodys_representative_is_the_person_before_a_journalist_who_asked():
    text = (
        "Агенттіктің тергеушісі Ерлан Сәтбаев жиында сөйледі. «Іс неге ұзаққа созылды?» деп сұрады журналист. "
        "Агенттік өкілі іс тергеліп жатқанын айтты."
    )
    speeches = {s.text: s for s in find_speech(text, [])}
    assert speeches["іс тергеліп жатқанын"].speaker_start == text.index("Ерлан Сәтбаев")


def test_a_journalist_before_no_named_person_is_no_bodys_representative():
    text = "«Іс неге ұзаққа созылды?» деп сұрады журналист. Агенттік өкілі іс тергеліп жатқанын айтты."
    speeches = {s.text: s.speaker for s in find_speech(text, [])}
    assert speeches["іс тергеліп жатқанын"] == "Агенттік өкілі"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Ақжол.kz сайтының 2024 жылғы 3 наурыздағы мәліметінше, әкім орнынан алынды.",
            "әкім орнынан алынды",
            "kz сайтының",
        ),
        ("Сарапшының атап өтуінше, заң әлі күшіне енген жоқ.", "заң әлі күшіне енген жоқ", "Сарапшының"),
        ("Прокурордың 5 мамырдағы айтуынша, іс сотқа жіберілді.", "іс сотқа жіберілді", "Прокурордың"),
    ],
)
def test_a_source_with_its_date_before_the_cue_or_noting_is_the_source(text, words, speaker):
    speech = only(text)
    assert (speech.text, speech.speaker) == (words, speaker)


def test_a_medium_named_by_its_kind_alone_is_the_source_last_reported():
    text = (
        "Полиция тексеріліп жатыр, деп хабарлайды Ақжол.kz. КТК ақпаратына сүйенсек, хатты белгісіз адам жазған. "
        '"Хатта басшыға айып тағылған",- деп жазды телеарна.'
    )
    speeches = {s.text: s for s in find_speech(text, [])}
    said = speeches["Хатта басшыға айып тағылған"]
    assert (said.speaker, said.speaker_start) == ("КТК", text.index("КТК"))
    first = "Гүлнар.kz порталының мәліметінше, жол бұзылған. Басылымның атап өтуінше, жөндеу қымбатқа түседі."
    speeches = {s.text: s.speaker for s in find_speech(first, [])}
    assert speeches["жөндеу қымбатқа түседі"] == "kz порталының"


def test_a_medium_with_no_source_before_it_stays_as_written():
    text = '"Хатта басшыға айып тағылған",- деп жазды телеарна.'
    assert only(text).speaker == "телеарна"


def test_a_quotation_after_a_post_was_published_is_its_authors():
    text = (
        "Ақын Ерлан Сәтбаев әлеуметтік парақшасында жазба жариялады.\n"
        "«Бұрын біз сыйлық алмайтын едік. Қазір пара алу әдетке айналды. Бұл қауіпті дерт.\n"
        "Оны бірге жеңуіміз керек."
    )
    speech = only(text, [])
    assert speech.text.startswith("Бұрын біз сыйлық")
    assert speech.speaker is not None and speech.speaker_start <= text.index("Ерлан") < speech.speaker_end


def test_a_quotation_after_a_sentence_that_announces_no_words_has_no_speaker():
    text = "Ерлан Сәтбаев жиналыс өткізді.\n«Бұрын біз сыйлық алмайтын едік. Қазір пара алу әдетке айналды.»"
    assert only(text, []).speaker is None


def test_a_rank_with_no_name_after_the_cue_is_the_person_the_sentence_before_reports():
    text = (
        "Тергеуші Ерлан Сәтбаев іс қозғалғанын алға тартты.\n"
        '"Күдікті уақытша ұстау изоляторына қамалды", - деді Сыбайлас жемқорлыққа қарсы қызмет полковнигі.'
    )
    speech = next(s for s in find_speech(text, []) if s.text.startswith("Күдікті"))
    assert (speech.speaker, speech.speaker_start) == ("Ерлан Сәтбаев", text.index("Ерлан Сәтбаев"))


def test_a_rank_with_no_one_reported_before_stays_as_written():
    text = '"Күдікті уақытша ұстау изоляторына қамалды", - деді полиция полковнигі.'
    assert only(text).speaker == "полиция полковнигі"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Ерлан Сәтбаев ҚазАқпарат тілшісіне берген сұхбатында заң бәріне ортақ екенін айтты.",
            "заң бәріне ортақ екенін",
        ),
        ("Ерлан Сәтбаев жергілікті газетке берген интервьюінде іс тергеліп жатқанын жеткізді.", "іс тергеліп жатқанын"),
        ("Ерлан Сәтбаев тілшіге берген жауабын қайталағанын айтты.", "тілшіге берген жауабын қайталағанын"),
    ],
)
def test_the_interview_the_words_were_given_in_is_not_part_of_them(text, words):
    speech = only(text)
    assert (speech.text, speech.speaker) == (words, "Ерлан Сәтбаев")


def test_aqparatynsha_credits_the_source_on_its_line_not_a_heading_above():
    text = "НЕ ҮШІН\nОблыс прокуратурасының ақпаратынша, күдіктілер 40 млн теңгені жымқырған."
    speech = only(text)
    assert speech.text == "күдіктілер 40 млн теңгені жымқырған"
    assert (speech.speaker, speech.cue) == ("Облыс прокуратурасының", "ақпаратынша")


def test_a_connective_closed_by_a_comma_is_not_the_subject_that_speaks():
    text = "Сонымен бірге, Агенттік кінәсі дәлелденгенге дейін әркім кінәсіз деп есептелетінін ескертеді."
    speech = only(text)
    assert speech.text == "кінәсі дәлелденгенге дейін әркім кінәсіз деп есептелетінін"
    assert (speech.speaker, speech.speaker_start) == ("Агенттік", text.index("Агенттік"))


def test_a_headline_credits_its_quotation_to_the_name_after_the_dash():
    text = '"Адал кадрлар қалмады ма?" – Сапаров жемқорлық жайлы пікір айтты\n\nОл бүгін жиында сөйледі.'
    speech = only(text)
    assert speech.text == "Адал кадрлар қалмады ма?"
    assert (speech.speaker, speech.speaker_start) == ("Сапаров", text.index("Сапаров"))


def test_a_name_in_another_case_after_the_dash_does_not_speak_the_quotation():
    text = '"Адал кадрлар қалмады ма?" – Сапаровтың сөзі қызу талқыланды\n\nОл бүгін жиында сөйледі.'
    assert all(s.speaker != "Сапаровтың" for s in find_speech(text, []))


def test_a_back_reference_after_an_outlets_credit_names_whose_words_the_outlet_relays():
    text = (
        "Он кандидаттың тоғызы жемқорлыққа қатысты болып шықты, деп хабарлайды Ақиқат.kz.\n\n"
        "Бұл туралы министр Ерлан Сәтбаев бүгін Парламент отырысында мәлімдеді."
    )
    speech = only(text)
    assert speech.text == "Он кандидаттың тоғызы жемқорлыққа қатысты болып шықты"
    assert (speech.speaker, speech.speaker_start) == ("Ерлан Сәтбаев", text.index("Ерлан Сәтбаев"))


def test_an_outlets_credit_with_no_back_reference_after_it_stays_the_outlets():
    text = (
        "Он кандидаттың тоғызы жемқорлыққа қатысты болып шықты, деп хабарлайды Ақиқат.kz.\n\n"
        "Министр Ерлан Сәтбаев бүгін Парламент отырысына қатысты."
    )
    assert only(text).speaker == "Ақиқат.kz"


def test_a_title_going_on_with_its_words_is_the_person_who_spoke_before():
    text = (
        "Президент Ерлан Сәтбаев жиында сөйледі.\n"
        '"Біз адал кадрларды таптық", – деді Ерлан Сәтбаев.\n'
        "Өз сөзін жалғастыра отырып, мемлекет басшысы жемқорлықпен күрес тоқтамайтынын нақтылады."
    )
    speech = next(s for s in find_speech(text, []) if s.cue == "нақтылады")
    assert speech.text == "жемқорлықпен күрес тоқтамайтынын"
    assert (speech.speaker, speech.speaker_start) == ("Ерлан Сәтбаев", text.rindex("Ерлан Сәтбаев"))


def test_a_title_not_going_on_with_words_is_no_differently_titled_speaker_before():
    text = (
        "Министр Ерлан Сәтбаев жиында сөйледі.\n"
        '"Біз адал кадрларды таптық", – деді Ерлан Сәтбаев.\n'
        "Кейін департамент басшысы жемқорлықпен күрес тоқтамайтынын нақтылады."
    )
    speech = next(s for s in find_speech(text, []) if s.cue == "нақтылады")
    assert speech.speaker is not None and "Сәтбаев" not in speech.speaker


def test_the_participants_of_a_meeting_speak_as_a_group():
    text = "Жиынға қатысушылар жемқорлықпен күресті әркім өзінен бастауы керек дейді."
    speech = only(text)
    assert speech.text == "жемқорлықпен күресті әркім өзінен бастауы керек"
    assert speech.speaker is not None and speech.speaker.endswith("қатысушылар")


def test_the_offices_people_are_the_body_the_sentence_before_reports():
    text = (
        "Облыстық прокуратура тексеріс басталғанын хабарлады.\n"
        "Қазіргі уақытта тексеріс жүргізілуде, нәтижесі бойынша шешім қабылданады, – деді ведомство өкілдері."
    )
    speech = next(s for s in find_speech(text, []) if s.cue == "деді")
    assert speech.text.startswith("Қазіргі уақытта тексеріс")
    assert speech.speaker_start < text.index(" тексеріс") and "ведомство" not in speech.speaker


def test_the_offices_people_after_a_persons_words_stay_as_written():
    text = (
        "Прокурор Ерлан Сәтбаев тексеріс басталғанын хабарлады.\n"
        "Қазіргі уақытта тексеріс жүргізілуде, нәтижесі бойынша шешім қабылданады, – деді ведомство өкілдері."
    )
    speech = next(s for s in find_speech(text, []) if s.cue == "деді")
    assert speech.speaker == "ведомство өкілдері"


@pytest.mark.parametrize("subject", ["Бірнеше адам", "Бірнеше пайдаланушы", "Кейбіреулер"])
def test_an_indefinite_subject_says_words_no_one_named_said(subject):
    text = f"{subject} бөтелкелер кештен кейін қалған болуы мүмкін деп топшылады."
    speech = only(text)
    assert (speech.text, speech.speaker) == ("бөтелкелер кештен кейін қалған болуы мүмкін", None)
    assert speech.cue == "деп топшылады"


def test_dep_boljady_reports_a_named_persons_supposition():
    speech = only("Сарапшы Ерлан Сәтбаев баға биыл өседі деп болжады.")
    assert (speech.text, speech.speaker) == ("баға биыл өседі", "Ерлан Сәтбаев")


def test_a_quotation_over_paragraphs_each_opened_closed_by_dedi_ol_is_the_person_named_before():
    text = (
        "Агенттік төрағасы Асқар Шәкіров брифинг өткізді.\n"
        "«Биыл 300 іс тіркелді. Олардың жартысы сотқа жіберілді.\n\n"
        "«Бұл өткен жылмен салыстырғанда көп», – деді ол."
    )
    found = find_speech(text, [])
    assert [s.text for s in found] == [
        "Биыл 300 іс тіркелді. Олардың жартысы сотқа жіберілді.",
        "Бұл өткен жылмен салыстырғанда көп",
    ]
    assert {s.speaker for s in found} == {"Асқар Шәкіров"}


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Мемлекет басшысы Ерлан Сәтбаев кеңес өткізді.", "Президенттің айтуынша, тексеріс бұзушылықтарды анықтаған."),
        ("Президент Ерлан Сәтбаев кеңес өткізді.", "Мемлекет басшысының айтуынша, тексеріс бұзушылықтарды анықтаған."),
    ],
)
def test_the_head_of_state_and_the_president_are_one_office(first, then):
    text = f"{first} {then}"
    speech = only(text)
    assert (speech.speaker, speech.speaker_start) == ("Ерлан Сәтбаев", text.index("Ерлан Сәтбаев"))


def test_an_outlets_credit_of_a_back_reference_holds_no_words():
    text = (
        "Президент Ерлан Сәтбаев шенеуніктерді босатуды тапсырды. "
        "Бұл туралы мемлекет басшысы Twitter-де жазды, деп хабарлайды Ақиқат.kz."
    )
    speech = only(text)
    assert speech.text.rstrip(".") == "Президент Ерлан Сәтбаев шенеуніктерді босатуды тапсырды"
    assert (speech.speaker, speech.speaker_start) == ("Ерлан Сәтбаев", text.index("Ерлан Сәтбаев"))


def test_a_talk_about_a_topic_credited_to_an_outlet_is_the_outlets_report():
    text = "Облыс әкімі Ерлан Сәтбаев брифингте жемқорлық мәселесі жайлы айтты, деп хабарлайды Ақиқат.kz."
    speech = only(text)
    assert speech.text.startswith("Облыс әкімі Ерлан Сәтбаев брифингте")
    assert speech.speaker == "Ақиқат.kz"


def test_words_said_credited_to_an_outlet_stay_the_speakers():
    text = "Облыс әкімі Ерлан Сәтбаев жемқорлық азайғанын айтты, деп хабарлайды Ақиқат.kz."
    speech = only(text)
    assert speech.text.startswith("жемқорлық азайғанын") and speech.speaker == "Ерлан Сәтбаев"


def test_their_data_after_an_outlet_citing_a_body_is_that_bodys():
    text = (
        "Биыл 9 әкім отставкаға кетті, деп хабарлайды Ақиқат.kz сайты облыстық прокуратураға сілтеме жасап. "
        "Олардың мәліметіне қарағанда, алтауы жұмыстан шығарылды."
    )
    speeches = {s.text: s for s in find_speech(text, [])}
    relayed = speeches["Биыл 9 әкім отставкаға кетті"]
    assert relayed.speaker == "Ақиқат.kz сайты"  # the outlet speaks what it relays
    theirs = speeches["алтауы жұмыстан шығарылды"]
    assert (theirs.speaker, theirs.cue) == ("облыстық прокуратураға", "мәліметіне қарағанда")


def test_their_data_with_no_one_cited_is_the_source_the_sentence_before_reports():
    text = "Облыстық прокуратура 9 әкім отставкаға кеткенін хабарлады. Олардың мәліметіне қарағанда, алтауы шығарылды."
    theirs = next(s for s in find_speech(text, []) if s.cue == "мәліметіне қарағанда")
    assert theirs.text == "алтауы шығарылды"
    assert theirs.speaker_start is not None and theirs.speaker_start < text.index(" 9 әкім")


def test_the_official_himself_published_it_is_the_person_just_named():
    text = (
        "Министрліктің хатшысы Ерлан Сәтбаевқа бір кәсіпкер пара ұсынған. "
        "Бұл туралы шенеуніктің өзі әлеуметтік желідегі парақшасында жариялады."
    )
    speech = only(text)
    assert speech.text.startswith("Министрліктің хатшысы Ерлан Сәтбаевқа бір кәсіпкер пара ұсынған")
    assert (speech.speaker, speech.speaker_start) == ("Ерлан Сәтбаевқа", text.index("Ерлан Сәтбаевқа"))
    assert speech.cue == "Бұл туралы ... жариялады"


def test_an_occupation_is_not_the_person_named_before_with_a_post():
    text = (
        '"Мені депутаттар таңдады", - деді ауыл әкімі Ерлан Сәтбаев.\n'
        'Бұған шамданған ауыл тұрғыны одан: "Сіз кім үшін жұмыс істейсіз?" деп сұраған.'
    )
    asked = next(s for s in find_speech(text, []) if s.cue == "деп сұраған")
    assert asked.speaker is not None and asked.speaker.endswith("тұрғыны")


def test_an_occupation_after_a_closing_cue_is_the_person_named_before_without_a_post():
    text = 'Саясаттанушы Ерлан Сәтбаев реформа жалғасатынын айтты.\n"Бұл дұрыс шешім", - деді сарапшы.'
    said = next(s for s in find_speech(text, []) if s.cue == "деді")
    assert (said.speaker, said.speaker_start) == ("Ерлан Сәтбаев", text.index("Ерлан Сәтбаев"))


def test_the_offices_people_after_an_outlets_relay_are_the_body_its_words_open_with():
    text = (
        "Облыстық прокуратура 20 заңсыз конкурсты тоқтатты, деп жазады Ақиқат.kz.\n\n"
        "«Тек биылдың өзінде 20 заңсыз конкурс анықталды», - деп атап өтті ведомство өкілдері."
    )
    said = next(s for s in find_speech(text, []) if s.cue == "деп атап өтті")
    assert (said.speaker, said.speaker_start) == ("Облыстық прокуратура", 0)


def test_a_back_reference_after_a_dash_takes_up_the_clause_before_it():
    text = "Кеше әкімге сөгіс жарияланғаны белгілі болды – бұл туралы облыстық департамент мәлім етті."
    speech = only(text)
    assert speech.text == "Кеше әкімге сөгіс жарияланғаны белгілі болды"
    assert speech.speaker == "облыстық департамент"


def test_a_comment_quoted_after_a_question_was_sent_is_the_asked_bodys():
    text = (
        "Тілшіміз Павлодар облысы әкімдігінің баспасөз қызметіне сауал жолдап, түсініктеме алды. "
        'Ресми түсініктемеде "әкімдікте ондай мәлімет жоқ" делінген.'
    )
    speech = only(text)
    assert speech.text == "әкімдікте ондай мәлімет жоқ"
    assert speech.speaker == "Павлодар облысы әкімдігінің баспасөз қызметіне"


def test_a_quoted_comment_with_no_question_sent_before_has_no_issuer():
    text = 'Тілшіміз әкімдікке барды. Ресми түсініктемеде "әкімдікте ондай мәлімет жоқ" делінген.'
    assert only(text).speaker is None


def test_a_body_asking_that_something_be_done_reports_its_request():
    speech = only("Біз комитеттен пікір сұрадық. Ведомство ресми сауал жолдауды өтінді.")
    assert (speech.text, speech.speaker, speech.cue) == ("ресми сауал жолдауды", "Ведомство", "өтінді")


def test_a_headline_credits_its_words_after_a_dash_to_the_person_later_named_with_that_title():
    text = (
        "Өз сөзіне жауап беруі керек - депутат әріптесі жайлы\n"
        "Депутат Ерлан Сәтбаев әріптесінің сөзіне қатысты пікір білдірді."
    )
    speech = next(s for s in find_speech(text, []) if s.cue == "– X (headline)")
    assert speech.text == "Өз сөзіне жауап беруі керек"
    assert (speech.speaker, speech.speaker_start) == ("Ерлан Сәтбаев", text.index("Ерлан Сәтбаев"))


def test_a_headline_credits_its_words_to_a_body_after_the_dash():
    speech = only("Шенеунікті жиында ұстау әкімнің идеясы болатын — Антикор\n\nЖиын өтті.")
    assert (speech.text, speech.speaker) == ("Шенеунікті жиында ұстау әкімнің идеясы болатын", "Антикор")


def test_a_dash_in_a_headline_before_no_speaker_credits_nothing():
    assert find_speech("Алматы облысы – жемқорлық ең аз өңір\n\nЖиын өтті.", []) == []


def test_a_headline_quotation_followed_by_a_colon_and_a_name_is_that_persons():
    text = '"Мереке, форум өткізеді": Сәтбаев әкімдіктерді сынады\n\nДепутат Ерлан Сәтбаев сөйледі.'
    speech = next(s for s in find_speech(text, []) if s.text == "Мереке, форум өткізеді")
    assert (speech.speaker, speech.speaker_start) == ("Сәтбаев", text.index("Сәтбаев"))


def test_a_name_a_comma_and_a_quotation_ending_the_paragraph_is_a_caption():
    text = "Депутаттар есеп тыңдады.\n\nЕрлан Сәтбаев, «Конкурс кеш өтіп, мердігер жеткізе алмады».\n\nЖиын аяқталды."
    speech = only(text)
    assert (speech.speaker, speech.cue) == ("Ерлан Сәтбаев", "X, «…»")


def test_a_name_a_comma_and_a_quoted_title_inside_a_caption_is_no_speech():
    text = "Ерлан Сәтбаев, «Адалдық алаңы» жобалық кеңсесінің жетекшісі:\nБіз жобаны жалғастырамыз."
    assert all(s.text != "Адалдық алаңы" for s in find_speech(text, []))


def test_dep_tuydi_reports_a_conclusion():
    speech = only("Жауапқа қанағаттанбаған депутаттар әкімнің жауабын жан ашымағандық деп түйді.")
    assert speech.text.endswith("жан ашымағандық") and speech.speaker.endswith("депутаттар")

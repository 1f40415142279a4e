"""Policy reporting as Kazakh news writes it (council and commission meetings, documents, parliament): each
form on an invented passage, the speech or mention it gives, and the look-alike it must leave alone."""

from __future__ import annotations

from kg.ingest.names import Mention
from kg.ingest.speech import find_speech
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

import pytest

from kg.errors import SpanError
from kg.pipeline.spans import Span, locate, mention_spans, occurrences, sentences

TEXT = "Батыс Қазақстанда\u00a0ҚР агенттігі.  Алик Шпекбаевтың қатысуымен; Алик Шпекбаев баяндады."


def test_plain_spaces_in_a_quote_match_no_break_and_double_spaces():
    span = locate(TEXT, "Қазақстанда ҚР агенттігі. Алик")
    assert span.exact(TEXT) == "Қазақстанда\u00a0ҚР агенттігі.  Алик"
    assert TEXT[span.start : span.end] == span.exact(TEXT)


def test_offsets_count_code_points():
    span = locate(TEXT, "ҚР")
    assert span == Span(18, 20)


def test_a_missing_quote_is_refused():
    with pytest.raises(SpanError, match="not found"):
        locate(TEXT, "Назарбаев")


def test_an_ambiguous_quote_is_refused_with_its_offsets():
    with pytest.raises(SpanError, match=r"occurs 2 times \(at 33, 62\)"):
        locate(TEXT, "Алик Шпекбаев")


def test_start_picks_one_of_several_occurrences():
    assert locate(TEXT, "Алик Шпекбаев", start=62) == Span(62, 75)


def test_a_wrong_start_is_refused_naming_where_the_quote_is():
    with pytest.raises(SpanError, match="not at offset 5; it occurs at 33, 62"):
        locate(TEXT, "Алик Шпекбаев", start=5)


def test_a_mention_may_end_inside_a_word_but_not_begin_inside_one():
    assert [s.exact(TEXT) for s in occurrences(TEXT, "Шпекбаев")] == ["Шпекбаев", "Шпекбаев"]
    assert occurrences(TEXT, "пекбаев") == []


def test_a_shorter_form_inside_a_longer_one_is_one_mention():
    spans = mention_spans(TEXT, ("Алик Шпекбаевтың", "Алик Шпекбаев"))
    assert [s.exact(TEXT) for s in spans] == ["Алик Шпекбаевтың", "Алик Шпекбаев"]


def test_a_mention_form_that_is_not_in_the_text_is_refused():
    with pytest.raises(SpanError, match="mention not found"):
        mention_spans(TEXT, ("Көлгінов",))


def test_sentences_end_at_full_stops_but_not_after_initials_or_inside_guillemets():
    text = "– ҚР Президенті Н. Назарбаев «Бірінші. Екінші» деді.  Жиын аяқталды. "
    assert [s.exact(text) for s in sentences(text)] == [
        "– ҚР Президенті Н. Назарбаев «Бірінші. Екінші» деді.",
        "Жиын аяқталды.",
    ]

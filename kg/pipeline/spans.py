"""Find quotes and mentions in an article's text, in Unicode code points.

Curators type quotes with plain spaces; the article has no-break spaces and
double spaces. A run of white space in a quote therefore matches any run of
white space in the text, and the span recorded is the text's own, byte-exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import SpanError

CONTEXT = 32


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def exact(self, text: str) -> str:
        return text[self.start : self.end]

    def prefix(self, text: str) -> str:
        return text[max(0, self.start - CONTEXT) : self.start]

    def suffix(self, text: str) -> str:
        return text[self.end : self.end + CONTEXT]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end and self != other


def _pattern(quote: str) -> re.Pattern[str]:
    words = quote.split()
    if not words:
        raise SpanError("empty quote")
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def locate(text: str, quote: str, start: int | None = None) -> Span:
    """The one span of ``text`` that ``quote`` states, or a SpanError saying why not."""
    pattern = _pattern(quote)
    if start is not None:
        match = pattern.match(text, start)
        if not match:
            found = [m.start() for m in pattern.finditer(text)]
            hint = f"; it occurs at {', '.join(map(str, found))}" if found else "; it is not in the text"
            raise SpanError(f"quote is not at offset {start}{hint}: {quote!r}")
        return Span(match.start(), match.end())
    matches = list(pattern.finditer(text))
    if not matches:
        raise SpanError(f"quote not found in the article: {quote!r}")
    if len(matches) > 1:
        offsets = ", ".join(str(m.start()) for m in matches)
        raise SpanError(f"quote occurs {len(matches)} times (at {offsets}); add 'start' to pick one: {quote!r}")
    return Span(matches[0].start(), matches[0].end())


def occurrences(text: str, form: str) -> list[Span]:
    """Every place ``form`` begins a word in ``text``.

    Kazakh adds suffixes, so a form may end inside a word, but it must not
    begin inside one.
    """
    return [
        Span(m.start(), m.end())
        for m in _pattern(form).finditer(text)
        if m.start() == 0 or not text[m.start() - 1].isalnum()
    ]


def mention_spans(text: str, forms: tuple[str, ...]) -> list[Span]:
    """Spans of all forms of one entity; a span inside a longer one is dropped."""
    spans: set[Span] = set()
    for form in forms:
        found = occurrences(text, form)
        if not found:
            raise SpanError(f"mention not found in the article: {form!r}")
        spans.update(found)
    return sorted(s for s in spans if not any(o.contains(s) for o in spans))


_SENTENCE_END = re.compile(r"[.!?]+[»\"]?(?=\s)")
_INITIAL = re.compile(r"(?:^|\s)\w$")


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[Span, ...]:
    """The sentences of ``text``, without surrounding white space.

    A sentence ends at . ! or ? before white space, but not after an initial
    ("Н. Назарбаев") nor inside «…», where titles and quoted speech may hold
    full stops of their own.
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if _INITIAL.search(before) or before.count("«") > before.count("»"):
            continue
        spans.append(_trimmed(text, start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return tuple(spans)


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)

"""Equal terms of a compilation are made one object, and nothing else changes."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.pipeline.terms import share_terms


def _iri(text: str) -> URIRef:
    return URIRef("".join(["https://kg.example.org/", text]))  # a new object each call


def test_equal_terms_become_one_object_and_the_sets_hold_the_same_triples():
    first = {(_iri("a"), _iri("p"), Literal("x", lang="kk")), (_iri("b"), _iri("p"), _iri("a"))}
    shared = (_iri("a"), _iri("q"), Literal("1", datatype=_iri("int")))
    second = {shared, (_iri("b"), _iri("q"), Literal("x"))}
    third = {shared}
    before = [set(first), set(second), set(third)]
    held = [first, second, third]
    share_terms([first, second, third, first])  # a set twice, as one named graph held under two names
    assert [first, second, third] == before
    assert all(held_set is now for held_set, now in zip(held, [first, second, third], strict=True))
    terms = [term for triples in (first, second) for triple in triples for term in triple]
    by_value: dict = {}
    for term in terms:
        assert by_value.setdefault((type(term), term), term) is term
    assert next(iter(third)) is next(t for t in second if t == shared)
    # Equal only: a plain literal and a tagged one stay two terms.
    assert {t[2] for t in first | second if isinstance(t[2], Literal) and str(t[2]) == "x"} == {
        Literal("x", lang="kk"),
        Literal("x"),
    }

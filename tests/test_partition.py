"""Validation in chunks finds what validation of the whole graph finds."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from fixtures import ROOT
from kg.engines.partition import chunks, inverse_predicates
from kg.formats.ntriples import ntriples_lines, ntriples_of
from kg.namespaces import OA, SCHEMA
from kg.pipeline.build import load_turtle
from kg.pipeline.validate import validate
from mutations import MUTATIONS

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
"""


def test_the_steps_back_are_read_from_the_shapes(shapes):
    found = inverse_predicates(shapes)
    # A post's holder, a data set's observations, an article's spans, a fact's statements …
    assert {URIRef("https://kg.example.org/ontology#holdsPost"), OA.hasSource} <= found
    assert URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject") in found
    assert inverse_predicates(load_turtle(ROOT / "ontology" / "shapes-inferred.ttl")) == frozenset()


@pytest.mark.parametrize(
    "shape",
    [
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
        "ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .",
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p [ sh:inversePath ex:q ] ) ; "
        "sh:minCount 1 ] .",
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { ?x ?p $this }" ] .',
    ],
)
def test_shapes_that_read_where_chunks_cannot_follow_are_not_chunked(shape):
    assert inverse_predicates(Graph().parse(data=PREFIXES + shape, format="turtle")) is None


def test_every_subject_is_owned_by_exactly_one_chunk_and_each_holds_the_ontology(built, ontology):
    result, _ = built
    data = ntriples_of(result.graph)
    schema = ntriples_of(ontology)
    parts = list(chunks(data, schema, frozenset({OA.hasSource}), 400))
    owned = [subject for part in parts for subject in part.owned]
    assert len(parts) > 10
    assert len(owned) == len(set(owned)) == len({line.split(" ", 1)[0] for line in data.decode().splitlines()})
    assert all(set(schema.splitlines()) <= set(part.ntriples.splitlines()) for part in parts)


def test_tiny_chunks_find_no_violation_in_the_real_graph(built, shapes, ontology):
    result, _ = built
    assert b"_:" not in ntriples_of(result.graph) + ntriples_of(ontology)  # else validated whole
    report = validate(result.graph, shapes, ontology, validator="rudof", chunk_triples=50)
    assert report.conforms, report.violations[:3]
    # Nothing left of the results dropped as other chunks' (their paths among them).
    assert len(report.graph) == 2, sorted(report.graph)[:5]


def test_tiny_chunks_find_what_pyshacl_finds_in_a_graph_broken_every_way(built, shapes, ontology):
    result, _ = built
    broken = Graph()
    broken += result.graph
    for mutate in MUTATIONS.values():
        mutate(broken)
    whole = validate(broken, shapes, ontology)
    chunked = validate(broken, shapes, ontology, validator="rudof", chunk_triples=50)
    # Breaks can hide one another (a quote cannot be checked without its selector): most show.
    assert len({v.shape for v in whole.violations}) >= len(MUTATIONS) - 2
    assert {(v.focus, v.path, v.shape) for v in chunked.violations} == {
        (v.focus, v.path, v.shape) for v in whole.violations
    }


def test_shapes_that_cannot_be_chunked_are_validated_whole(built, ontology):
    result, _ = built
    shapes = Graph().parse(
        data=PREFIXES
        + "ex:S a sh:NodeShape ; sh:targetNode <https://kg.example.org/place/oral> ;"
        + " sh:property [ sh:path ex:missing ; sh:minCount 1 ] .",
        format="turtle",
    )
    report = validate(result.graph, shapes, ontology, validator="rudof", chunk_triples=50)
    assert [v.focus for v in report.violations] == ["<https://kg.example.org/place/oral>"]


def _most_pointed_at(graph: Graph, predicate: URIRef) -> URIRef:
    return Counter(graph.objects(None, predicate)).most_common(1)[0][0]


def test_a_shared_entitys_chunk_carries_what_points_at_it_but_not_their_articles(built, shapes):
    result, _ = built
    graph = result.graph
    hub = _most_pointed_at(graph, RDF.subject)
    # A budget of one triple: each subject a chunk of its own, holding what its shapes read.
    chunk = next(c for c in chunks(ntriples_of(graph), b"", inverse_predicates(shapes), 1) if hub.n3() in c.owned)
    lines = set(chunk.ntriples.splitlines(keepends=True))
    statements = set(graph.subjects(RDF.subject, hub))
    evidence = {e for s in statements for e in graph.objects(s, PROV.wasDerivedFrom)}
    assert len(statements) > 3 and evidence
    # A step back and a step on: the statements' triples, and their evidence's.
    for node in statements | evidence:
        assert set(ntriples_lines(graph.triples((node, None, None)))) <= lines, node
    # A third step would bring in the articles the evidence lies in, with their texts.
    assert not any(f" {SCHEMA.text.n3()} ".encode() in line for line in lines)


def test_tiny_chunks_find_a_graph_broken_across_shared_entities(built, shapes, ontology):
    result, _ = built
    broken = Graph()
    broken += result.graph
    hub = _most_pointed_at(broken, RDF.subject)
    statement = next(broken.subjects(RDF.subject, hub))
    broken.remove((statement, PROV.wasDerivedFrom, None))  # a fact about the entity without evidence
    article = _most_pointed_at(broken, OA.hasSource)
    span = next(broken.subjects(OA.hasSource, article))
    quote = next(q for q in broken.objects(span, OA.hasSelector) if (q, OA.exact, None) in broken)
    broken.set((quote, OA.exact, Literal("not the article's words")))  # read two steps from the article
    whole = validate(broken, shapes, ontology)
    chunked = validate(broken, shapes, ontology, validator="rudof", chunk_triples=50)
    found = {(v.focus, v.path, v.shape) for v in chunked.violations}
    assert found == {(v.focus, v.path, v.shape) for v in whole.violations}
    assert {hub.n3(), article.n3()} <= {focus for focus, _, _ in found}

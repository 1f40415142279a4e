"""Vocabulary hygiene: every term the graph uses is declared, each triple has
one home graph."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

from kg.namespaces import KGO

# rdflib's closed namespaces know every term of these vocabularies.
CLOSED: tuple[type[DefinedNamespace], ...] = (DCAT, DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD)


def _terms(dataset: Dataset) -> set[URIRef]:
    used = set()
    for _, p, o, _ in dataset.quads((None, None, None, None)):
        used.add(p)
        if p == RDF.type and isinstance(o, URIRef):
            used.add(o)
    return used


def test_every_term_used_is_declared_by_the_ontology_or_its_standard_vocabulary(good_output, ontology: Graph):
    dataset = Dataset()
    for name in ("kg.nq", "inferred.nq"):
        dataset.parse(good_output / name, format="nquads")
    undeclared = []
    for term in sorted(_terms(dataset)):
        if term.startswith(str(KGO)):
            if (term, RDF.type, None) not in ontology:
                undeclared.append(term)
            continue
        for namespace in CLOSED:
            if term.startswith(str(namespace)) and term not in namespace:
                undeclared.append(term)
    assert undeclared == []


def test_each_triple_lives_in_one_named_graph(good_output):
    homes: dict[tuple, set[str]] = defaultdict(set)
    dataset = Dataset()
    dataset.parse(good_output / "kg.nq", format="nquads")
    for s, p, o, g in dataset.quads((None, None, None, None)):
        homes[(s, p, o)].add(str(g))
    assert {triple: graphs for triple, graphs in homes.items() if len(graphs) > 1} == {}


def test_the_order_of_a_meetings_parts_claims_no_owl_time_semantics(ontology: Graph):
    """Under OWL-Time a sub-property of time:after would make each part a time:TemporalEntity."""
    parents = set(ontology.transitive_objects(KGO.follows, RDFS.subPropertyOf))
    assert not [p for p in parents if str(p).startswith(str(TIME))]

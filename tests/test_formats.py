"""Writers that keep every triple, whatever the terms."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.formats import FORMATS, serialize
from kg.namespaces import DEFAULT_BASE, bind_prefixes

P = URIRef("urn:example#p")


def _graph(*triples) -> Graph:
    graph = Graph()
    bind_prefixes(graph, DEFAULT_BASE)
    for triple in triples:
        graph.add(triple)
    return graph


def test_every_graph_format_keeps_values_python_holds_equal():
    # 0 == False and 1 == 1.0 in Python; rdflib's JSON-LD compaction kept only one of each pair.
    graph = _graph(
        (URIRef("urn:a"), P, Literal(0)),
        (URIRef("urn:a"), P, Literal(False)),
        (URIRef("urn:b"), P, Literal(1)),
        (URIRef("urn:b"), P, Literal(True)),
    )
    for fmt in FORMATS.values():
        back = Graph().parse(data=serialize(graph, fmt.name, DEFAULT_BASE), format=fmt.parser)
        assert isomorphic(back, graph), fmt.name


def test_every_graph_format_keeps_blank_nodes_and_carriage_returns():
    first, second = BNode(), BNode()
    graph = _graph((URIRef("urn:a"), P, first), (first, P, second), (second, P, Literal("line\r\nnext")))
    for fmt in FORMATS.values():
        back = Graph().parse(data=serialize(graph, fmt.name, DEFAULT_BASE), format=fmt.parser)
        assert isomorphic(back, graph), fmt.name


def test_a_single_node_in_json_ld_carries_the_context_once():
    text = serialize(_graph((URIRef("urn:a"), P, Literal(1))), "jsonld", DEFAULT_BASE).decode()
    assert text.count('"@context"') == 1

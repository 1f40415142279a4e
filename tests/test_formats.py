"""Writers that keep every triple, whatever the terms."""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.formats import FORMATS, serialize
from kg.formats.ntriples import nquads_lines, parsed_quads
from kg.namespaces import DEFAULT_BASE, bind_prefixes
from kg.rdf import quads_of

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


def test_our_own_nquads_lines_read_back_as_rdflib_reads_them():
    from rdflib.namespace import XSD  # here: pytest, reading the module's names, would warn of a missing XSD term

    g = URIRef("urn:example#g")
    quads = {
        g: {
            (URIRef("urn:a"), P, Literal('Алик "Жатқамбайұлы"\\ <x> .\r\nжол\u00a0\u2028', lang="kk")),
            (URIRef("urn:a"), P, Literal("2.1", datatype=XSD.decimal)),
            (URIRef("urn:a"), P, Literal(5)),
            (URIRef("urn:a"), P, Literal(True)),
            (URIRef("urn:a"), P, Literal("2015-01-01", datatype=XSD.date)),
            (URIRef("urn:a"), P, Literal("")),
            (URIRef("urn:a"), P, URIRef("urn:b")),
        },
        URIRef("urn:example#other"): {(URIRef("urn:b"), P, Literal("b <urn:example#g> .", lang="en"))},
    }
    lines = nquads_lines(quads)
    read = Dataset()
    read.parse(data=b"".join(lines), format="nquads")
    expected = quads_of(read)
    found = parsed_quads(lines)
    assert found == expected == quads
    for name, triples in expected.items():  # equal, and alike: the same kind, language and datatype
        assert _alike(found[name]) == _alike(triples)


def _alike(triples: set) -> set:
    return {(type(o), o, getattr(o, "language", None), getattr(o, "datatype", None)) for _, _, o in triples}

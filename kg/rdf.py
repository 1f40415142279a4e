"""General RDF helpers shared by every stage: triples as sets, rdflib graphs on demand."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.namespaces import bind_prefixes

Triple = tuple[Node, Node, Node]
# Each named graph's triples as a set: adding to a set is some 20 times
# cheaper than to rdflib's store, which matters on a corpus; to_dataset makes
# the rdflib Dataset when one is wanted.
Quads = dict[URIRef, set[Triple]]


def to_dataset(quads: Quads, base: str) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset, base)
    for name, triples in quads.items():
        graph = dataset.graph(name)
        for triple in triples:
            graph.add(triple)
    return dataset


def quads_of(dataset: Dataset) -> Quads:
    return {graph.identifier: set(graph) for graph in dataset.graphs() if len(graph)}


def to_graph(triples: Iterable[Triple], base: str) -> Graph:
    graph = Graph()
    bind_prefixes(graph, base)
    for triple in triples:
        graph.add(triple)
    return graph


def union_graph(dataset: Dataset, base: str) -> Graph:
    """All named graphs as one graph, with our prefixes."""
    return to_graph(((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))), base)

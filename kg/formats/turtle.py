"""Turtle and TriG, sorted and diff-friendly: equal graphs give equal bytes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.nt import _quote_encode

from kg.rdf import Triple

LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
BARE = {XSD.integer: re.compile(r"[+-]?[0-9]+\Z"), XSD.boolean: re.compile(r"(true|false)\Z")}
# Read once: rdflib's namespace attributes cost a lookup each time, a million times a corpus.
RDF_TYPE, XSD_STRING = RDF.type, XSD.string


def turtle(graph: Graph) -> bytes:
    """Stable, diff-friendly Turtle: one subject a block, subjects, predicates
    and objects sorted.

    Written here rather than by rdflib's longturtle, which takes minutes on a
    corpus; a graph with blank nodes (a SHACL report) still goes to rdflib.
    """
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph.serialize(format="longturtle", encoding="utf-8")
    return turtle_of(graph, graph.namespaces())


def turtle_of(triples: Iterable[Triple], namespaces: Iterable[tuple[str, object]]) -> bytes:
    """Turtle of blank-node-free triples, IRIs shortened by ``namespaces``."""
    return "".join(turtle_parts(triples, namespaces)).encode("utf-8")


def turtle_parts(triples: Iterable[Triple], namespaces: Iterable[tuple[str, object]]) -> Iterator[str]:
    """turtle_of in pieces (the prefixes, then a subject's block at a time),
    to be written as they come rather than joined."""
    names = _Names(namespaces)
    # Only the triples are held by subject, their terms written block by
    # block: the text of every object of a corpus at once takes gigabytes.
    # Each term is written once beforehand all the same, for the prefixes used.
    subjects: dict[str, list[Triple]] = defaultdict(list)
    for triple in triples:
        s, p, o = triple
        subjects[names.term(s)].append(triple)
        if p != RDF_TYPE:
            names.term(p)
        names.term(o)
    yield "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(names.used.items())) + "\n"
    for index, subject in enumerate(sorted(subjects)):
        predicates: dict[str, list[str]] = defaultdict(list)
        for _, p, o in subjects.pop(subject):  # a block written, its triples go
            predicates["a" if p == RDF_TYPE else names.term(p)].append(names.term(o))
        lines = [subject]
        for predicate in sorted(predicates, key=lambda p: (p != "a", p)):
            objects = sorted(predicates[predicate])
            if len(objects) == 1:
                lines.append(f"    {predicate} {objects[0]} ;")
            else:
                lines.append(f"    {predicate}\n" + " ,\n".join(f"        {o}" for o in objects) + " ;")
        yield ("\n" if index else "") + "\n".join(lines) + "\n.\n"


def prefixed_names(namespaces: Iterable[tuple[str, object]]) -> Callable[[URIRef], str]:
    """An IRI as turtle_of writes it with ``namespaces``."""
    return _Names(namespaces).term


class _Names:
    """Terms in Turtle, IRIs as prefixed names where a bound prefix fits."""

    def __init__(self, namespaces: Iterable[tuple[str, object]]) -> None:
        self.prefixes = {str(ns): prefix for prefix, ns in sorted(namespaces)}
        self.used: dict[str, str] = {}
        self.cache: dict[URIRef, str] = {}

    def term(self, term: object) -> str:
        if isinstance(term, Literal):
            return self.literal(term)
        if term not in self.cache:
            self.cache[term] = self.iri(term)
        return self.cache[term]

    def iri(self, iri: URIRef) -> str:
        text = str(iri)
        cut = max(text.rfind("#"), text.rfind("/")) + 1  # a prefixed name's local part has neither
        prefix = self.prefixes.get(text[:cut])
        if prefix is not None and LOCAL_NAME.match(text, cut):
            self.used[prefix] = text[:cut]
            return f"{prefix}:{text[cut:]}"
        return f"<{text}>"

    def literal(self, literal: Literal) -> str:
        if literal.language:
            return f"{_quote_encode(literal)}@{literal.language}"
        if literal.datatype is None or literal.datatype == XSD_STRING:
            return _quote_encode(literal)
        bare = BARE.get(literal.datatype)
        if bare is not None and bare.match(literal):
            return str(literal)
        return f"{_quote_encode(literal)}^^{self.term(literal.datatype)}"


def trig(dataset: Dataset) -> bytes:
    """TriG: each named graph as a sorted Turtle block, prefixes declared once."""
    prefixes: set[bytes] = set()
    blocks: list[bytes] = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(graph):
            continue
        named = Graph(namespace_manager=dataset.namespace_manager)
        named += graph
        lines = turtle(named).splitlines()
        prefixes.update(line for line in lines if line.startswith(b"PREFIX "))
        # No indentation: a long literal spans lines, and must keep them as they are.
        body = [line for line in lines if not line.startswith(b"PREFIX ")]
        while body and not body[0]:
            body.pop(0)
        name = b"" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else b"<" + str(graph.identifier).encode() + b"> "
        blocks.append(name + b"{\n" + b"\n".join(body).rstrip() + b"\n}\n")
    return b"\n".join(sorted(prefixes)) + b"\n\n" + b"\n".join(blocks)

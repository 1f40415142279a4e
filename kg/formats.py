"""RDF serializations, each deterministic: equal graphs give equal bytes."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.nt import _quote_encode, _quoteLiteral
from rdflib.term import Node

CONTEXT_FILE = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"

GRAPH_FORMATS = ("ttl", "nt", "jsonld", "xml")
DATASET_FORMATS = ("nq", "trig")
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}


LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
BARE = {XSD.integer: re.compile(r"[+-]?[0-9]+\Z"), XSD.boolean: re.compile(r"(true|false)\Z")}
# Read once: rdflib's namespace attributes cost a lookup each time, a million times a corpus.
RDF_TYPE, XSD_STRING = RDF.type, XSD.string


Triple = tuple[Node, Node, Node]


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
    names = _Names(namespaces)
    subjects: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        subjects[names.term(s)]["a" if p == RDF_TYPE else names.term(p)].append(names.term(o))
    blocks = []
    for subject in sorted(subjects):
        predicates = subjects[subject]
        lines = [subject]
        for predicate in sorted(predicates, key=lambda p: (p != "a", p)):
            objects = sorted(predicates[predicate])
            if len(objects) == 1:
                lines.append(f"    {predicate} {objects[0]} ;")
            else:
                lines.append(f"    {predicate}\n" + " ,\n".join(f"        {o}" for o in objects) + " ;")
        blocks.append("\n".join(lines) + "\n.\n")
    prefixes = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(names.used.items()))
    return (prefixes + "\n" + "\n".join(blocks)).encode("utf-8")


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


def ntriples_of(triples: Iterable[Triple]) -> bytes:
    """N-Triples with sorted lines, as rdflib writes each (and faster)."""
    term = _NTerms()
    return "".join(sorted(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)).encode("utf-8")


def nquads_of(quads: dict[URIRef, Iterable[Triple]]) -> bytes:
    """N-Quads of named graphs (and the default graph's triples) with sorted lines, as rdflib writes each."""
    term = _NTerms()
    lines = [
        f"{term(s)} {term(p)} {term(o)} {_graph_term(term, name)}.\n"
        for name, triples in quads.items()
        for s, p, o in triples
    ]
    return "".join(sorted(lines)).encode("utf-8")


def _graph_term(term: _NTerms, name: URIRef) -> str:
    return "" if name == DATASET_DEFAULT_GRAPH_ID else f"{term(name)} "


class _NTerms(dict):
    """Each term in N-Triples once: a corpus repeats its terms many times."""

    def __call__(self, term: Node) -> str:
        text = self.get(term)
        if text is None:
            text = self[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return text


def nquads(dataset: Dataset) -> bytes:
    """N-Quads of every graph of the dataset, sorted."""
    return nquads_of({graph.identifier: graph for graph in dataset.graphs()})


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
        blocks.append(b"<" + str(graph.identifier).encode() + b"> {\n" + b"\n".join(body).rstrip() + b"\n}\n")
    return b"\n".join(sorted(prefixes)) + b"\n\n" + b"\n".join(blocks)


def context() -> dict:
    """The compact JSON-LD @context shipped with the ontology (never fetched)."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def jsonld(graph: Graph, base: str | None = None) -> bytes:
    """Compact JSON-LD with our @context inline, nodes and values sorted."""
    ctx = dict(context())
    if base:
        ctx["kg"] = base
    data = json.loads(graph.serialize(format="json-ld", context=ctx, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    canonical = sorted((_sorted_node(node) for node in nodes), key=lambda n: str(n.get("@id", "")))
    document = {"@context": ctx, "@graph": canonical}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sorted_node(node: dict) -> dict:
    result = {}
    for key, value in node.items():
        if isinstance(value, list):
            value = sorted(value, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        result[key] = value
    return result


def rdfxml(graph: Graph) -> bytes:
    """Flat RDF/XML, one rdf:Description a subject, subjects and properties sorted.

    rdflib's own RDF/XML writers follow the store's set order, which changes
    with the hash seed.
    """
    manager = graph.namespace_manager
    used: dict[str, str] = {"rdf": str(RDF)}
    properties: dict[URIRef, str] = {}
    for predicate in sorted(set(graph.predicates())):
        prefix, namespace, local = manager.compute_qname_strict(predicate)
        used[prefix] = str(namespace)
        properties[predicate] = f"{prefix}:{local}"
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"  xmlns:{prefix}={quoteattr(ns)}" for prefix, ns in sorted(used.items())]
    lines[-1] += ">"
    for subject in sorted(set(graph.subjects()), key=str):
        lines.append(f"  <rdf:Description rdf:about={quoteattr(str(subject))}>")
        for predicate, obj in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), po[1].n3())):
            lines.append("    " + _xml_property(properties[predicate], obj))
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xml_property(name: str, obj: object) -> str:
    if isinstance(obj, URIRef):
        return f"<{name} rdf:resource={quoteattr(str(obj))}/>"
    assert isinstance(obj, Literal)
    attributes = ""
    if obj.language:
        attributes = f" xml:lang={quoteattr(obj.language)}"
    elif obj.datatype and obj.datatype != XSD.string:
        attributes = f" rdf:datatype={quoteattr(str(obj.datatype))}"
    return f"<{name}{attributes}>{escape(str(obj))}</{name}>"


def serialize_graph(graph: Graph, fmt: str, base: str | None = None) -> bytes:
    return {"ttl": turtle, "nt": ntriples_of, "xml": rdfxml}[fmt](graph) if fmt != "jsonld" else jsonld(graph, base)


def serialize_dataset(dataset: Dataset, fmt: str) -> bytes:
    return {"nq": nquads, "trig": trig}[fmt](dataset)

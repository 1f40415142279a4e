"""The build's Oxigraph store read the way the pages read an rdflib dataset.

The pages, kg.query.describe and the explanations were written against
rdflib's read API (objects, value, triples, ``in``, graph(name), ...). A
``StoreGraph`` answers those calls with index lookups in the store, one
pattern at a time, and hands back rdflib terms: the server keeps no copy of
the build in rdflib, so it starts in moments and stays small at any corpus
size. Its default view is the store's default graph, the union of the named
graphs with each triple once (kg.artifacts.open_store), as rdflib's dataset
with default_union had it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDF, NamespaceManager
from rdflib.term import Node

from kg.artifacts import to_rdflib
from kg.namespaces import ONTOLOGY_GRAPH, GraphNames, bind_prefixes
from kg.query.run import Scope
from kg.query.why import Explainer

Triple = tuple[Node, Node, Node]
Pattern = tuple[Node | None, Node | None, Node | None]
OxTerm = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal


def to_oxigraph(term: Node) -> OxTerm:
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        datatype = pyoxigraph.NamedNode(str(term.datatype)) if term.datatype else None
        return pyoxigraph.Literal(str(term), datatype=datatype)
    raise TypeError(f"no Oxigraph term for {term!r}")


def matchable(pattern: Pattern) -> bool:
    """Whether a triple could match: rdflib answers a literal subject or a
    non-IRI predicate with nothing, where Oxigraph refuses the pattern."""
    s, p, _ = pattern
    return not isinstance(s, Literal) and (p is None or isinstance(p, URIRef))


def prefixed(base: str) -> NamespaceManager:
    """Our prefixes, bound as kg.artifacts.load_built binds them."""
    holder = Dataset()
    bind_prefixes(holder, base)
    return holder.namespace_manager


def scoped(store: pyoxigraph.Store, scope: Scope, base: str) -> StoreGraph:
    """The graphs of ``store`` that ``scope`` reads outside GRAPH (kg.store.query_store's choice)."""
    chosen = None if scope.default_graph is None else tuple(URIRef(g.value) for g in scope.default_graph)
    return StoreGraph(store, prefixed(base), chosen)


class StoreGraph:
    """A read-only view of ``store``: its default graph, or the union of the
    named ``graphs`` (each triple once)."""

    def __init__(
        self,
        store: pyoxigraph.Store,
        namespace_manager: NamespaceManager,
        graphs: tuple[URIRef, ...] | None = None,
    ) -> None:
        self.store = store
        self.namespace_manager = namespace_manager
        self.graphs_read = graphs
        self._names = [pyoxigraph.DefaultGraph()] if graphs is None else [pyoxigraph.NamedNode(str(g)) for g in graphs]

    @property
    def identifier(self) -> URIRef | None:
        """The named graph viewed, when it is one."""
        return self.graphs_read[0] if self.graphs_read and len(self.graphs_read) == 1 else None

    def graph(self, name: object) -> StoreGraph:
        """The named graph ``name`` alone."""
        return StoreGraph(self.store, self.namespace_manager, (URIRef(str(name)),))

    def union(self, *names: object) -> StoreGraph:
        """The named graphs ``names`` together."""
        return StoreGraph(self.store, self.namespace_manager, tuple(URIRef(str(n)) for n in names))

    def all_but(self, *names: URIRef) -> GraphsBut:
        """Every named graph but ``names``, together."""
        return GraphsBut(self.store, self.namespace_manager, names)

    def graphs(self) -> Iterator[StoreGraph]:
        """Each named graph of the store (the union default graph is none of them)."""
        for name in self.store.named_graphs():
            if isinstance(name, pyoxigraph.NamedNode):
                yield self.graph(URIRef(name.value))

    def count_members(self, cls: URIRef) -> int:
        """How many IRIs are of the class ``cls``, counted by the store."""
        [row] = self.store.query(
            f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a {cls.n3()} FILTER(isIRI(?s)) }}",
            default_graph=self._names,
        )
        return int(row["n"].value)

    # --- rdflib's read API ---------------------------------------------------

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        if not matchable(pattern):
            return
        s, p, o = (None if t is None else to_oxigraph(t) for t in pattern)
        if len(self._names) == 1:
            for quad in self.store.quads_for_pattern(s, p, o, self._names[0]):
                yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)
            return
        seen: set[tuple[OxTerm, OxTerm, OxTerm]] = set()
        for name in self._names:
            for quad in self.store.quads_for_pattern(s, p, o, name):
                key = (quad.subject, quad.predicate, quad.object)
                if key not in seen:
                    seen.add(key)
                    yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)

    def __iter__(self) -> Iterator[Triple]:
        return self.triples((None, None, None))

    def __contains__(self, pattern: Pattern) -> bool:
        return next(self.triples(pattern), None) is not None

    def quads(self, pattern: tuple[Node | None, Node | None, Node | None, object]) -> Iterator[tuple]:
        """The pattern's triples, each once, with this view as their graph
        (only used for their triples: the dataset was always a union)."""
        for triple in self.triples(pattern[:3]):
            yield (*triple, self)

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return (o for _, _, o in self.triples((subject, predicate, None)))

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        return (s for s, _, _ in self.triples((None, predicate, obj)))

    def predicate_objects(self, subject: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((p, o) for _, p, o in self.triples((subject, None, None)))

    def subject_predicates(self, obj: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((s, p) for s, p, _ in self.triples((None, None, obj)))

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        return ((s, o) for s, _, o in self.triples((None, predicate, None)))

    def value(
        self, subject: Node | None = None, predicate: Node | None = None, obj: Node | None = None, default=None
    ) -> Node | None:
        """One term of the first triple matching (the one left None), or ``default``."""
        for s, p, o in self.triples((subject, predicate, obj)):
            return o if obj is None else s if subject is None else p
        return default

    def items(self, node: Node) -> Iterator[Node]:
        """The members of the RDF list ``node`` (rdflib's Collection reads lists so)."""
        seen = set()
        while node not in seen and node != RDF.nil and (item := self.value(node, RDF.first)) is not None:
            seen.add(node)
            yield item
            node = self.value(node, RDF.rest)

    def transitive_objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """``subject`` and everything reached from it along ``predicate``."""
        seen, todo = set(), [subject]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node
            todo.extend(self.objects(node, predicate))


class GraphsBut(StoreGraph):
    """The union of every named graph but ``excluded``, each triple once; for
    a triple, ``get`` names the first graph that holds it."""

    def __init__(
        self, store: pyoxigraph.Store, namespace_manager: NamespaceManager, excluded: Iterable[URIRef]
    ) -> None:
        super().__init__(store, namespace_manager)
        self.excluded = frozenset(pyoxigraph.NamedNode(str(g)) for g in excluded)

    def _quads(self, pattern: Pattern) -> Iterator[pyoxigraph.Quad]:
        if not matchable(pattern):
            return
        s, p, o = (None if t is None else to_oxigraph(t) for t in pattern)
        for quad in self.store.quads_for_pattern(s, p, o, None):
            if isinstance(quad.graph_name, pyoxigraph.NamedNode) and quad.graph_name not in self.excluded:
                yield quad

    def triples(self, pattern: Pattern) -> Iterator[Triple]:
        seen: set[tuple[OxTerm, OxTerm, OxTerm]] = set()
        for quad in self._quads(pattern):
            key = (quad.subject, quad.predicate, quad.object)
            if key not in seen:
                seen.add(key)
                yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)

    def get(self, triple: Triple, default: URIRef | None = None) -> URIRef | None:
        found = min((quad.graph_name.value for quad in self._quads(triple)), default=None)
        return URIRef(found) if found is not None else default


def explainer(graph: StoreGraph, base: str) -> Explainer:
    """kg.query.why's Explainer reading the store: the same rules over the
    same graphs, each premise looked up when needed instead of the whole
    build copied into memory first (as ``Explainer.of_dataset`` does)."""
    names = GraphNames(base)
    store, prefixes = graph.store, graph.namespace_manager
    asserted = GraphsBut(store, prefixes, (*names.about_statements, names.inferred, ONTOLOGY_GRAPH))
    return Explainer(
        ontology=graph.graph(ONTOLOGY_GRAPH),
        inferred=graph.graph(names.inferred),
        asserted=asserted,
        known=GraphsBut(store, prefixes, (*names.about_statements, ONTOLOGY_GRAPH)),
        statements=graph.union(names.provenance, names.reference),
        home=asserted,
        base=base,
    )

"""Validate a graph against the SHACL shapes with pyshacl."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query

from kg.namespaces import SH


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str
    shape: str

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.focus} {self.path}: {self.message}{value} [{self.shape}]"


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]
    graph: Graph
    text: str


def _term(graph: Graph, node: URIRef, prop: URIRef) -> str:
    value = graph.value(node, prop)
    if value is None:
        return ""
    return graph.namespace_manager.normalizeUri(value) if isinstance(value, URIRef) else str(value)


def _source_shape(graph: Graph, shapes: Graph, result: URIRef) -> str:
    """The named node shape a result comes from, climbing out of blank property shapes."""
    shape = graph.value(result, SH.sourceShape)
    while shape is not None and not isinstance(shape, URIRef):
        shape = shapes.value(predicate=SH.property, object=shape) or shapes.value(predicate=SH.sparql, object=shape)
    return shapes.namespace_manager.normalizeUri(shape) if shape is not None else ""


@lru_cache(maxsize=256)
def _prepared(query: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    return translateQuery(parseQuery(query), initNs=dict(namespaces))


@contextmanager
def _sparql_parsed_once() -> Iterator[None]:
    """Parse each SHACL-SPARQL query once instead of once per focus node.

    pyshacl hands rdflib the query text for every focus node, and rdflib
    parses it anew each time: most of the validation time on our graph.
    A translated query is reusable, as rdflib's own prepareQuery intends.
    """
    original = SPARQLProcessor.query

    def query(self, text_or_query, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(text_or_query, str) and base is None:
            namespaces = tuple(sorted((k, str(v)) for k, v in (initNs or {}).items()))
            text_or_query = _prepared(text_or_query, namespaces)
        return original(self, text_or_query, initBindings, initNs, base, DEBUG)

    SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        SPARQLProcessor.query = original  # type: ignore[method-assign]


def validate(data: Graph, shapes: Graph, ontology: Graph, only: list[URIRef] | None = None) -> Report:
    """SHACL-validate ``data`` without inference; the ontology supplies subclasses.

    ``only`` restricts validation to the named node shapes.
    """
    with _sparql_parsed_once():
        conforms, report_graph, text = shacl_validate(
            data,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            advanced=True,
            allow_warnings=False,
            use_shapes=only,
        )
    report_graph.namespace_manager = data.namespace_manager
    violations = tuple(
        sorted(
            Violation(
                focus=_term(report_graph, result, SH.focusNode),
                path=_term(report_graph, result, SH.resultPath),
                message=_term(report_graph, result, SH.resultMessage),
                value=_term(report_graph, result, SH.value),
                shape=_source_shape(report_graph, shapes, result),
            )
            for result in report_graph.subjects(RDF.type, SH.ValidationResult)
        )
    )
    return Report(bool(conforms), violations, report_graph, str(text))

"""Validate a graph against the SHACL shapes: pyshacl (the reference) or rudof.

rudof (Rust, pip install pyrudof) is the fast path for corpora: on the same
shapes it reports the same focus nodes (tests compare the two on every shape).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.engines import VALIDATORS
from kg.engines.partition import CHUNK_TRIPLES, NTriples
from kg.engines.validators import Job, engine_errors, is_anonymous
from kg.errors import SourceError
from kg.formats.ntriples import ntriples_of
from kg.namespaces import SH
from kg.rdf import Triple, to_graph


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


def _term(graph: Graph, node: URIRef, prop: URIRef) -> str:
    value = graph.value(node, prop)
    if value is None:
        return ""
    return graph.namespace_manager.normalizeUri(value) if isinstance(value, URIRef) else str(value)


def _path(graph: Graph, path: object) -> str:
    """A result path in SPARQL's notation, the same whichever engine reported it."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return graph.namespace_manager.normalizeUri(path)
    inverse = graph.value(path, SH.inversePath)
    return f"^{_path(graph, inverse)}" if inverse is not None else "(a complex path)"


def _source_shape(graph: Graph, shapes: Graph, result: URIRef) -> str:
    """The named node shape a result comes from, climbing out of anonymous property shapes."""
    shape = graph.value(result, SH.sourceShape)
    while shape is not None and is_anonymous(shape):
        shape = shapes.value(predicate=SH.property, object=shape) or shapes.value(predicate=SH.sparql, object=shape)
    return shapes.namespace_manager.normalizeUri(shape) if shape is not None else ""


def validate(
    data: Graph,
    shapes: Graph,
    ontology: Graph | None = None,
    only: list[URIRef] | None = None,
    validator: str = "pyshacl",
    ntriples: NTriples | None = None,
    chunk_triples: int = CHUNK_TRIPLES,
    since: bytes | None = None,
) -> Report:
    """SHACL-validate ``data`` without inference; the ontology (None if
    ``data`` holds it) supplies subclasses.

    ``only`` restricts validation to the named node shapes; ``ntriples`` is
    the data and ontology already written as N-Triples, or their lines (rudof reads it
    instead of the graph, in chunks of about ``chunk_triples`` triples).
    ``since`` is the N-Triples of a previous graph that conformed to the same
    shapes and ontology: rudof then validates only what the changes reach.
    """
    engine = VALIDATORS[validator]
    engine.require()
    try:
        report_graph, shapes = engine.load()(Job(data, shapes, ontology, only, ntriples, chunk_triples, since))
    except engine_errors() as error:  # the shapes, not the data: e.g. a SPARQL constraint that does not parse
        first = str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__
        raise SourceError(f"the SHACL shapes cannot be applied ({validator}): {first}") from None
    report_graph.namespace_manager = data.namespace_manager
    violations = tuple(
        sorted(
            Violation(
                focus=_term(report_graph, result, SH.focusNode),
                path=_path(report_graph, report_graph.value(result, SH.resultPath)),
                message=_message(report_graph, shapes, result),
                value=_term(report_graph, result, SH.value),
                shape=_source_shape(report_graph, shapes, result),
            )
            for result in report_graph.subjects(RDF.type, SH.ValidationResult)
        )
    )
    report = report_graph.value(predicate=RDF.type, object=SH.ValidationReport)
    return Report(bool(report_graph.value(report, SH.conforms)), violations, report_graph)


def validate_triples(triples: Iterable[Triple], shapes: Graph, ontology: Graph, validator: str, base: str) -> Report:
    """validate() of ``triples`` with the ontology: as N-Triples to an engine
    that reads them, an rdflib graph of them made only for one that does not."""
    if VALIDATORS[validator].reads_ntriples:
        ntriples = ntriples_of(chain(triples, ontology))
        return validate(to_graph((), base), shapes, ontology, validator=validator, ntriples=ntriples)
    return validate(to_graph(triples, base), shapes, ontology, validator=validator)


def _message(graph: Graph, shapes: Graph, result: URIRef) -> str:
    """The shape's own message (the one with a language tag), before an engine's."""
    messages = [m for m in graph.objects(result, SH.resultMessage) if getattr(m, "language", None)]
    messages = messages or list(shapes.objects(graph.value(result, SH.sourceShape), SH.message))
    messages = messages or list(graph.objects(result, SH.resultMessage))
    return str(min(messages)) if messages else ""

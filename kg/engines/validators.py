"""The SHACL engines: pyshacl (the reference) and rudof (Rust, in chunks).

Each takes the data, the shapes and the ontology (for subclasses) and
returns a SHACL report graph with the shapes graph as the engine applied it
(which its results name); kg.pipeline.validate reads the report the same way
whichever engine made it.

Long because rudof's three ways (whole, in chunks, only what changed) share
how its reports are cut to the nodes a chunk owns and merged.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib.util import find_spec
from itertools import chain

from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.engines.partition import (
    CHUNK_TRIPLES,
    PARALLEL_CHUNK_TRIPLES,
    Chunk,
    NTriples,
    affected,
    chunks,
    inverse_predicates,
    joined,
    line_count,
    lines_of,
    neighbourhood,
    steps_back,
)
from kg.forked import CAN_FORK, Forked
from kg.formats.ntriples import ntriples_of
from kg.memory import collect, release
from kg.namespaces import SH

MAX_WORKERS = 4  # chunks validated at once, each in a rudof of its own
_FOCUS_NODE = SH.focusNode.n3()
_A_REPORT = [RDF.type.n3(), SH.ValidationReport.n3()]
SPLIT_FROM = 50_000  # triples: a smaller graph is validated at once (the seed's are 6,000)
GENID = "/.well-known/genid/"


def at_once(triples: int, budget: int = CHUNK_TRIPLES) -> bool:
    """Whether rudof validates a graph of this many triples whole, neither in
    chunks nor only where it changed: a second rudof's fixed cost, or reading
    how far the shapes reach, would outweigh the work it spares."""
    return triples <= min(budget, SPLIT_FROM)


def engine_errors() -> tuple[type[Exception], ...]:
    """What the engines raise when the shapes, not the data, are at fault."""
    from pyshacl.errors import ReportableRuntimeError, ValidationFailure

    errors: tuple[type[Exception], ...] = (ReportableRuntimeError, ValidationFailure, ParseException)
    if find_spec("pyrudof") is not None:
        import pyrudof

        errors += (pyrudof.RudofError,)
    return errors


def is_anonymous(node: object) -> bool:
    return not isinstance(node, URIRef) or GENID in node


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


@dataclass(frozen=True)
class Job:
    """What an engine validates: ``data`` against ``shapes`` (only the named
    node shapes ``only``, if given), the ``ontology`` supplying subclasses;
    ``ntriples``, the data and ontology already written, if they are; chunks
    of about ``budget`` triples; ``since``, the N-Triples of a graph that
    conformed to the same shapes, if only its changes need validating."""

    data: Graph
    shapes: Graph
    ontology: Graph | None
    only: list[URIRef] | None
    ntriples: NTriples | None
    budget: int
    since: bytes | None = None


def pyshacl_report(job: Job) -> tuple[Graph, Graph]:
    """pyshacl without inference, over the whole graph (the reference: ``since``
    is not used); reading data and ontology through one aggregate spares it a
    copy of the data."""
    from pyshacl import validate as shacl_validate

    with _sparql_parsed_once():
        _, report_graph, _ = shacl_validate(
            job.data if job.ontology is None else ReadOnlyGraphAggregate([job.data, job.ontology]),
            shacl_graph=job.shapes,
            inference="none",
            advanced=True,
            inplace=True,
            allow_warnings=False,
            use_shapes=job.only,
        )
    return report_graph, job.shapes


def rudof_report(job: Job) -> tuple[Graph, Graph]:
    """rudof over the N-Triples (written now if they were not), in chunks;
    given ``since``, only over what the changes from it can reach."""
    shapes = _property_shapes_named(job.shapes if job.only is None else _restricted(job.shapes, job.only))
    schema = job.ontology if job.ontology is not None else Graph()
    ntriples = job.ntriples if job.ntriples is not None else ntriples_of(chain(job.data, schema))
    if job.since is not None and not at_once(line_count(ntriples), job.budget):
        changes = _rudof_since(job.since, ntriples, ntriples_of(schema), shapes, job.budget)
        if changes is not None:
            # One small chunk: what it leaves is small, and collecting would
            # walk every object the build holds (half a second at 1,000 articles).
            return changes, shapes
    try:
        return _rudof_in_chunks(ntriples, ntriples_of(schema), shapes, job.budget), shapes
    finally:
        collect()  # the chunks' reports, and the frames that SPARQL's parser left holding the data


def _rudof_since(old: bytes, new: NTriples, schema: bytes, shapes: Graph, budget: int) -> Graph | None:
    """rudof over the nodes whose results the changes from ``old`` to ``new``
    can change (kg.engines.partition.affected); every other node's results are
    as they were: none. None if the shapes read further than steps follow, if
    there are blank nodes (which rudof names anew), or if what the changes
    reach is more than a chunk of ``budget`` triples (an entity that half the
    corpus mentions): then everything is validated, in chunks."""
    # Pure Python over the whole graph (and the shapes' SPARQL parsed): where
    # it can, in a child process, so that it runs beside the build's own
    # Python rather than taking turns with it (kg.forked). Only Python runs
    # there, none of rudof's threads.
    finding = partial(_changed_chunk, old, new, schema, shapes, budget)
    chunk = Forked(finding).result() if CAN_FORK else finding()
    if chunk is None or not chunk.owned:
        return None if chunk is None else _merged([])
    return _merged([_rudof_report(chunk.ntriples, shapes.serialize(format="turtle"), chunk.owned)])


def _changed_chunk(old: bytes, new: NTriples, schema: bytes, shapes: Graph, budget: int) -> Chunk | None:
    """The chunk of what the changes from ``old`` to ``new`` reach (empty if
    nothing changed); None if the shapes read further than steps follow,
    there are blank nodes, or it passes ``budget``."""
    back = steps_back(shapes)
    if back is None or b"_:" in old or any(b"_:" in line for line in lines_of(new)):
        return None
    owned, index = affected(old, new, back)
    if not owned:
        return Chunk(frozenset(), b"")
    chunk = neighbourhood(owned, index, back, schema)
    return None if chunk.ntriples.count(b"\n") > budget else chunk


def _rudof_report(ntriples: bytes, shapes: str, owned: frozenset[str] | None) -> Graph:
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(ntriples.decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes)
    rudof.validate_shacl()
    report = rudof.serialize_shacl_validation_results(format=pyrudof.ResultShaclValidationFormat.NTriples)
    del rudof
    release()  # what rudof held stays in this thread's arena otherwise, unused by the others
    if owned is not None:
        report = _without_results_elsewhere(report, owned)
    report_graph = Graph().parse(data=report, format="nt")
    for result in list(report_graph.subjects(RDF.type, SH.ValidationResult)):
        # rudof also reports the members of a failed sh:or (blank: only property
        # shapes are named above), which SHACL leaves out of the report; and a
        # chunk's results on nodes it does not own are another chunk's to make.
        focus = report_graph.value(result, SH.focusNode)
        if focus is None:  # dropped already, with the result it details
            continue
        elsewhere = owned is not None and focus.n3() not in owned
        if elsewhere or isinstance(report_graph.value(result, SH.sourceShape), BNode):
            report_graph.remove((None, SH.result, result))
            _drop(report_graph, result)
    report = report_graph.value(predicate=RDF.type, object=SH.ValidationReport)
    report_graph.set((report, SH.conforms, Literal(not any(report_graph.objects(report, SH.result)))))
    return report_graph


def _without_results_elsewhere(report: str, owned: frozenset[str]) -> str:
    """The report's N-Triples without the results on nodes the chunk does not
    own, nor the blank nodes only they referred to: parsing them only to drop
    them took most of a small chunk's time (7,772 lines for 57 nodes owned)."""
    lines = report.splitlines(keepends=True)
    triples = [line[:-3].split(" ", 2) for line in lines]
    elsewhere = {
        subject
        for subject, predicate, focus in triples
        if predicate == _FOCUS_NODE and focus not in owned and focus.isascii() and "\\" not in focus
    }
    kept = [(line, t) for line, t in zip(lines, triples, strict=True) if not {t[0], t[2]} & elsewhere]
    reports = {triple[0] for triple in triples if triple[1:] == _A_REPORT}
    while True:  # blank nodes no kept triple refers to, but the report
        referred = {triple[2] for _, triple in kept} | reports
        orphans = {triple[0] for _, triple in kept if triple[0].startswith("_:") and triple[0] not in referred}
        if not orphans:
            return "".join(line for line, _ in kept)
        kept = [(line, triple) for line, triple in kept if triple[0] not in orphans]


def _drop(graph: Graph, node: Node) -> None:
    """A node's triples, and those of the blank nodes only it refers to (a result's path)."""
    for _, predicate, value in list(graph.triples((node, None, None))):
        graph.remove((node, predicate, value))
        if isinstance(value, BNode) and (None, None, value) not in graph:
            _drop(graph, value)


def _rudof_in_chunks(ntriples: NTriples, schema: bytes, shapes: Graph, budget: int) -> Graph:
    """rudof over the data in chunks (kg.engines.partition), two or more at once in
    threads of their own (rudof leaves Python's lock while it works), the
    reports merged: memory bounded by the chunk, not the corpus."""
    text = shapes.serialize(format="turtle")
    lines = lines_of(ntriples)
    triples = len(lines)
    inverse = None if at_once(triples, budget) else inverse_predicates(shapes)
    # All at once if shapes read further than chunks hold, or if blank nodes
    # (which rudof names anew) could make a chunk's results unrecognisable.
    if inverse is None or any(b"_:" in line for line in lines):
        return _rudof_report(joined(ntriples), text, None)
    workers = min(len(os.sched_getaffinity(0)), MAX_WORKERS)
    budget = min(budget, PARALLEL_CHUNK_TRIPLES, triples // workers + 1)
    reports = []
    with ThreadPoolExecutor(workers) as pool:
        running: deque[Future[Graph]] = deque()
        # No more chunks made than are validated at once: a corpus's chunks together are as big as the corpus.
        for chunk in chunks(lines, schema, inverse, budget):
            if len(running) == workers:
                reports.append(running.popleft().result())
            running.append(pool.submit(_rudof_report, chunk.ntriples, text, chunk.owned))
        reports += [report.result() for report in running]
    return _merged(reports)


def _merged(reports: list[Graph]) -> Graph:
    merged = Graph()
    report = BNode()
    merged.add((report, RDF.type, SH.ValidationReport))
    conforms = all(bool(g.value(g.value(predicate=RDF.type, object=SH.ValidationReport), SH.conforms)) for g in reports)
    merged.add((report, SH.conforms, Literal(conforms)))
    for graph in reports:
        own = graph.value(predicate=RDF.type, object=SH.ValidationReport)
        for triple in graph:
            if triple[0] != own:
                merged.add(triple)
        for result in graph.subjects(RDF.type, SH.ValidationResult):
            merged.add((report, SH.result, result))
    return merged


def _property_shapes_named(shapes: Graph) -> Graph:
    """The shapes with each blank property shape given a (skolem) IRI, so that
    rudof's results name it; paths and lists stay blank, as SHACL needs them."""
    names = {node: node.skolemize() for node in shapes.objects(None, SH.property) if not isinstance(node, URIRef)}
    named = Graph(namespace_manager=shapes.namespace_manager)
    for s, p, o in shapes:
        named.add((names.get(s, s), p, names.get(o, o)))
    return named


def _restricted(shapes: Graph, only: list[URIRef]) -> Graph:
    """The shapes graph without the named node shapes outside ``only`` (their
    property shapes stay, targetless, so they validate nothing)."""
    dropped = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if not is_anonymous(s) and s not in only}
    kept = Graph(namespace_manager=shapes.namespace_manager)
    for triple in shapes:
        if triple[0] not in dropped:
            kept.add(triple)
    return kept

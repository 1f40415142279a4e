"""The data in chunks for validation: each focus node checked once, beside what its shapes read.

A shape reads a bounded neighbourhood of its focus node: the node's own
triples, those of the nodes it points to (a value's class), and, along an
inverse path or a SPARQL pattern that ends at ``$this``, those of the nodes
that point at it (the statements about a fact, the spans of an article).
The subjects are shared out among chunks; a chunk holds its own subjects'
triples and their neighbourhood, and only its results on its own subjects
count. A corpus is then validated a chunk at a time, in bounded memory.

Long because the two uses of a shape's reach live together: the chunks of
a whole graph, and what the changes since a previous graph can reach.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

from rdflib import Graph, URIRef, Variable
from rdflib.namespace import RDF
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from kg.namespaces import SH

# The deepest our shapes read from a focus node, counting a step back to it as
# one: an article ← its span → the span's selector → the selector's offsets.
CONTEXT_DEPTH = 3
# Targets that may pick nodes with no triples of their own, which no chunk owns.
UNCHUNKABLE_TARGETS = (SH.targetNode, SH.targetObjectsOf, SH.target)
THIS = Variable("this")
# Own triples a chunk: rudof takes no longer over four chunks of a
# 1,000-article corpus than over two.
CHUNK_TRIPLES = 120_000
# At most this many own triples a chunk when chunks are validated side by
# side: rudof holds about 10 KB a line it reads (a chunk of 158k lines of a
# 2,000-article corpus took it from 0.1 to 1.8 GB, one of 62k to 0.7 GB, in
# about the same time a line).
PARALLEL_CHUNK_TRIPLES = 40_000
_IRI = ord("<")


# N-Triples, or their lines: the build holds kg.nt's lines, and indexing
# those objects spares a second copy of every line (a gigabyte at 10,000 articles).
NTriples = bytes | list[bytes]


def lines_of(ntriples: NTriples) -> list[bytes]:
    return ntriples.splitlines(keepends=True) if isinstance(ntriples, bytes) else ntriples


def line_count(ntriples: NTriples) -> int:
    return ntriples.count(b"\n") if isinstance(ntriples, bytes) else len(ntriples)


def joined(ntriples: NTriples) -> bytes:
    return ntriples if isinstance(ntriples, bytes) else b"".join(ntriples)


@dataclass(frozen=True)
class Chunk:
    owned: frozenset[str]  # the subjects (in N-Triples) whose results count in this chunk
    ntriples: bytes  # their triples and what their shapes read besides, the ontology's among them


def inverse_predicates(shapes: Graph) -> frozenset[URIRef] | None:
    """The predicates shapes follow back to a focus node; None if a shape
    reads the data in a way chunks cannot follow (a deeper step back, a
    target that picks objects)."""
    if any((None, target, None) in shapes for target in UNCHUNKABLE_TARGETS):
        return None
    found: set[URIRef] = set()
    for path, predicate in shapes.subject_objects(SH.inversePath):
        if not isinstance(predicate, URIRef) or not _from_the_focus(shapes, path):
            return None
        found.add(predicate)
    prefixes = _prefixes(shapes)
    for query in shapes.objects(None, SH.select):
        backwards = _backward_predicates(_query_patterns(prefixes + str(query)))
        if backwards is None:
            return None
        found |= backwards
    return frozenset(found)


def _from_the_focus(shapes: Graph, path: Node) -> bool:
    """Whether an inverse path is a shape's whole path, or one of the alternatives that make it up."""
    if (None, SH.path, path) in shapes:
        return True
    cell = shapes.value(predicate=RDF.first, object=path)
    while cell is not None and (earlier := shapes.value(predicate=RDF.rest, object=cell)) is not None:
        cell = earlier
    alternative = shapes.value(predicate=SH.alternativePath, object=cell) if cell is not None else None
    return alternative is not None and (None, SH.path, alternative) in shapes


def _prefixes(shapes: Graph) -> str:
    declared = sorted(
        (str(shapes.value(d, SH.prefix)), str(shapes.value(d, SH.namespace))) for d in shapes.objects(None, SH.declare)
    )
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in declared)


@lru_cache(maxsize=64)
def _query_patterns(query: str) -> tuple[tuple, ...]:
    """The triple patterns of a SPARQL query, parsed once a process: rdflib's
    parser takes a tenth of a second a constraint, and both the chunks and
    the reach of changes read them."""
    return tuple(_patterns(translateQuery(parseQuery(query)).algebra))


def _backward_predicates(patterns: tuple[tuple, ...]) -> set[URIRef] | None:
    """Predicates of the patterns ``?x <p> $this``; None if such a pattern's
    predicate is a variable or a path."""
    found: set[URIRef] = set()
    for _, predicate, obj in patterns:
        if obj == THIS:
            if not isinstance(predicate, URIRef):
                return None
            found.add(predicate)
    return found


def _patterns(node: object) -> Iterator[tuple]:
    if isinstance(node, CompValue):
        if node.name == "BGP":
            yield from node["triples"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _patterns(value)


def _locality(subject: bytes) -> tuple[bytes, ...]:
    """Our IRIs are minted as <kind>/<article>/…: sorted on what follows the
    kind, an article's statements, spans and mentions come together."""
    parts = subject.split(b"/")
    return (*parts[4:], *parts[:4])


def chunks(ntriples: NTriples, schema: bytes, inverse: frozenset[URIRef], budget: int) -> Iterator[Chunk]:
    """Chunks of about ``budget`` own triples of the N-Triples ``ntriples``
    (one triple a line, as kg.formats.ntriples writes them; or their lines); the
    ``schema`` (the ontology: subclasses for class constraints) goes whole into each.

    The lines stay bytes, never decoded: a corpus's lines as Python strings
    would take twice the memory (a Kazakh letter makes a whole line wide)
    for as long as the validation runs; UTF-8 sorts as the text does."""
    backwards = {predicate.n3().encode() for predicate in inverse}
    out: dict[bytes, list[bytes]] = defaultdict(list)
    into: dict[bytes, list[bytes]] = defaultdict(list)
    for line in lines_of(ntriples):
        subject, predicate, rest = line.split(b" ", 2)
        out[subject].append(line)
        if predicate in backwards:
            into[rest[:-3]].append(subject)
    schema_lines = set(schema.splitlines(keepends=True))
    group: list[bytes] = []
    size = 0
    for subject in sorted(out, key=_locality):
        group.append(subject)
        # What a subject brings counts, not only what it owns: the nodes
        # pointing back at a shared entity come with it.
        size += len(out[subject]) + sum(len(out[node]) for node in into.get(subject, ()))
        if size >= budget:
            yield _chunk(group, out, into, schema_lines)
            group, size = [], 0
    if group or not out:
        yield _chunk(group, out, into, schema_lines)


def _chunk(
    group: list[bytes], out: dict[bytes, list[bytes]], into: dict[bytes, list[bytes]], schema: set[bytes]
) -> Chunk:
    # A node pointing back at a focus node is one step from it, as a value is:
    # its triples are read at the second step, not the first (a shared entity,
    # which thousands of statements point at, would otherwise bring in their
    # articles' texts and spans, which no shape reads from it).
    frontier = set(group)
    seen = set(frontier)
    lines = set(schema)
    for step in range(CONTEXT_DEPTH):
        reached = {s for focus in group for s in into.get(focus, ()) if s not in seen} if step == 0 else set()
        seen |= reached
        for node in frontier:
            for line in out.get(node, ()):
                lines.add(line)
                value = line.split(b" ", 2)[2][:-3]
                if not value.startswith(b'"') and value not in seen:
                    seen.add(value)
                    reached.add(value)
        frontier = reached
    return Chunk(frozenset(subject.decode("utf-8") for subject in group), b"".join(sorted(lines)))


# Validating again what changes can reach


def steps_back(shapes: Graph) -> frozenset[URIRef] | None:
    """The predicates shapes follow back from any node they reach: those of
    inverse_predicates (back to the focus node) and, in SPARQL constraints,
    those of a pattern ``?x <p> ?y`` that reaches ``?x`` only from ``?y`` (the
    other statements of a statement's triple); None if a shape reads the data
    in a way steps cannot follow (a pattern joined to no reached node)."""
    inverse = inverse_predicates(shapes)
    if inverse is None:
        return None
    found = set(inverse)
    prefixes = _prefixes(shapes)
    for query in shapes.objects(None, SH.select):
        back = _steps_back_in(list(_query_patterns(prefixes + str(query))), inverse)
        if back is None:
            return None
        found |= back
    return frozenset(found)


def _steps_back_in(patterns: list[tuple], known: frozenset[URIRef]) -> set[URIRef] | None:
    """Reach the patterns' nodes from ``$this``: forward wherever a subject is
    reached, else back along one pattern (preferring a predicate already
    followed back). One step back to a node suffices: every solution binds it
    through each of its patterns. Nested groups are read as one, as in
    inverse_predicates."""
    reached: set = {THIS}
    back: set[URIRef] = set()
    pending = patterns
    while pending:
        forward = [t for t in pending if t[0] in reached]
        if not forward:
            backward = sorted((t for t in pending if t[2] in reached), key=lambda t: t[1] not in known)
            if not backward or not isinstance(backward[0][1], URIRef):
                return None
            back.add(backward[0][1])
            reached.add(backward[0][0])
            continue
        reached.update(o for _, _, o in forward)
        pending = [t for t in pending if t[0] not in reached]
    return back


class Index:
    """Sorted N-Triples lines (a node's found by bisection) and the subjects pointing at each node, as bytes."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines if all(a <= b for a, b in pairwise(lines)) else sorted(lines)
        self.into: dict[bytes, list[tuple[bytes, bytes]]] = defaultdict(list)
        for line in self.lines:
            subject, predicate, rest = line.split(b" ", 2)
            if rest[0] == _IRI:
                self.into[rest[:-3]].append((subject, predicate))

    def out(self, node: bytes) -> list[bytes]:
        """The lines whose subject is ``node``: a line is the subject, a space and the rest."""
        return self.lines[bisect_left(self.lines, node + b" ") : bisect_left(self.lines, node + b"!")]


def affected(old: bytes, new: NTriples, back: frozenset[URIRef]) -> tuple[set[str], Index]:
    """The nodes (in N-Triples) whose results may differ between the N-Triples
    ``old`` and ``new`` (a triple a line, as kg.formats.ntriples writes them;
    or their lines), and an index of ``new`` (empty if nothing changed). A
    node's shapes read the triples of the nodes within CONTEXT_DEPTH steps of
    it (forward along any predicate, back along ``back``): a changed triple can
    change the results of the nodes from which its subject is that near, in
    the old graph or in the new."""
    old_lines, new_lines = set(old.splitlines(keepends=True)), set(lines_of(new))
    if old_lines == new_lines:
        return set(), Index([])
    index, removed = Index(lines_of(new)), Index(sorted(old_lines - new_lines))
    changed = {line.split(b" ", 1)[0] for line in chain(removed.lines, new_lines - old_lines)}
    backwards = {predicate.n3().encode() for predicate in back}
    nodes, frontier = set(changed), set(changed)
    for _ in range(CONTEXT_DEPTH):
        reached = set()
        for node in frontier:
            for graph in (index, removed):
                reached.update(subject for subject, _ in graph.into.get(node, ()))
                reached.update(_values(graph.out(node), backwards))
        frontier = reached - nodes
        nodes |= frontier
    return {node.decode("utf-8") for node in nodes}, index


def _values(lines: Iterable[bytes], predicates: set[bytes] | None = None) -> Iterator[bytes]:
    """The IRI values of the lines whose predicate is one of ``predicates`` (None: any)."""
    for line in lines:
        _, predicate, rest = line.split(b" ", 2)
        if (predicates is None or predicate in predicates) and rest[0] == _IRI:
            yield rest[:-3]


def neighbourhood(owned: set[str], index: Index, back: frozenset[URIRef], schema: bytes) -> Chunk:
    """A chunk owning ``owned``: the triples of the nodes within CONTEXT_DEPTH
    steps of them (forward, or back along ``back``), and the ``schema``."""
    backwards = {predicate.n3().encode() for predicate in back}
    nodes = {node.encode("utf-8") for node in owned}
    frontier = set(nodes)
    for _ in range(CONTEXT_DEPTH):
        reached = set(_values(line for node in frontier for line in index.out(node)))
        reached.update(s for node in frontier for s, p in index.into.get(node, ()) if p in backwards)
        frontier = reached - nodes
        nodes |= frontier
    lines = set(schema.splitlines(keepends=True))
    lines.update(line for node in nodes for line in index.out(node))
    return Chunk(frozenset(owned), b"".join(sorted(lines)))

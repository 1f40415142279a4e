"""What the corroboration rules see of the asserted graph, and what a build
keeps of their findings for the next build.

The contract (ontology/rules/README.md states it for the rules' authors): the
rules run once per *partition*, the statements (nodes typed kgo:Statement)
with one set of rdf:predicate values, over the ontology and the partition's
*scope*: for each of its statements,
- the statement's own triples;
- the triples of what it is about, its rdf:subject and rdf:object;
- the oa:hasSource triples of its evidence (its prov:wasDerivedFrom).
A statement's *nodes* are the subjects of those triples. What two statements
of different predicates say is never compared, nor is anything outside the
scope seen: a build from nothing and a build after a change run the same
partitions over the same triples, so they find the same whatever the rules
say, and a build after a change compares again only the partitions where a
line whose subject is a node of one of their statements was added or removed.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib.namespace import PROV, RDF

from kg.namespaces import KGO, OA

_TYPED = f" {RDF.type.n3()} {KGO.Statement.n3()} .\n".encode()
_ABOUT = tuple(term.n3().encode() for term in (RDF.subject, RDF.object))
_PREDICATE, _DERIVED, _SOURCE = (term.n3().encode() for term in (RDF.predicate, PROV.wasDerivedFrom, OA.hasSource))


class Lines:
    """Sorted N-Triples lines (kg.nt's), looked up by subject: a subject's
    lines lie together, from ``subject + " "`` to before ``subject + "!"``."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines

    def of(self, prefix: bytes) -> list[bytes]:
        """The lines that start with ``prefix``, which ends with a space."""
        start = bisect_left(self.lines, prefix)
        return self.lines[start : bisect_left(self.lines, prefix[:-1] + b"!", start)]

    def objects(self, node: bytes, predicate: bytes) -> list[bytes]:
        prefix = node + b" " + predicate + b" "
        return [line[len(prefix) : -3] for line in self.of(prefix)]

    def is_statement(self, node: bytes) -> bool:
        line = node + _TYPED
        at = bisect_left(self.lines, line)
        return at < len(self.lines) and self.lines[at] == line

    def statements(self) -> list[bytes]:
        """Every node typed kgo:Statement."""
        return [line[: -len(_TYPED)] for line in self.lines if line.endswith(_TYPED)]


@dataclass
class Statement:
    """What corroboration keeps of a statement: its partition (its
    rdf:predicate values), what it is about (its rdf:subject and rdf:object
    IRIs), its evidence, its sources (the article its evidence lies in, or
    the evidence itself where it names none), and its proposition once
    compared. Nodes are in N-Triples."""

    partition: str
    about: list[str]
    evidence: list[str]
    sources: list[str]
    proposition: str = ""

    @classmethod
    def read(cls, lines: Lines, node: bytes) -> Statement:
        values: dict[bytes, list[bytes]] = {predicate: [] for predicate in (*_ABOUT, _PREDICATE, _DERIVED)}
        for line in lines.of(node + b" "):
            _, predicate, value = line[:-3].split(b" ", 2)  # an IRI, which holds no space, then an IRI
            if predicate in values:
                values[predicate].append(value)
        about = sorted({term for predicate in _ABOUT for term in values[predicate] if term.startswith(b"<")})
        evidence = values[_DERIVED]
        # What ?statement prov:wasDerivedFrom ?from OPTIONAL { ?from oa:hasSource ?source } gives, or ?from.
        sources = {source for item in evidence for source in lines.objects(item, _SOURCE) or [item]}
        return cls(
            b" ".join(sorted(values[_PREDICATE])).decode(),
            [term.decode() for term in about],
            sorted(item.decode() for item in evidence if item.startswith(b"<")),
            sorted(source.decode() for source in sources),
        )

    def nodes(self, statement: str) -> list[str]:
        """The subjects of the triples of its scope."""
        return [statement, *self.about, *self.evidence]

    def scope(self, lines: Lines, statement: str) -> Iterable[bytes]:
        """The triples of its scope (the contract above)."""
        for node in (statement, *self.about):
            yield from lines.of(node.encode() + b" ")
        for node in self.evidence:
            yield from lines.of(node.encode() + b" " + _SOURCE + b" ")

    def row(self) -> list:
        return [self.partition, self.about, self.evidence, self.sources, self.proposition]


@dataclass
class Compared:
    """What a build found, for the next: each statement (by its N-Triples
    text), and the links each partition's rules found, as [proposition,
    relation, proposition, rules]."""

    statements: dict[str, Statement]
    links: dict[str, list[list]]

    def dump(self) -> bytes:
        # Sorted, as every file a build writes: the same bytes whatever the hash seed.
        as_dict = {"statements": {s: record.row() for s, record in self.statements.items()}, "links": self.links}
        return json.dumps(as_dict, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def load(cls, data: bytes) -> Compared:
        found = json.loads(data)
        return cls({s: Statement(*row) for s, row in found["statements"].items()}, found["links"])


def compared_anew(lines: Lines) -> tuple[dict[str, Statement], set[str]]:
    """Every statement, and every partition to compare."""
    statements = {node.decode(): Statement.read(lines, node) for node in lines.statements()}
    return statements, {record.partition for record in statements.values()}


def changed(previous: Compared, lines: Lines, touched: set[bytes]) -> tuple[dict[str, Statement], set[str]]:
    """The statements now, from those ``previous`` knew and the subjects of
    the lines added or removed since (``touched``); and the partitions to
    compare again: those a changed statement leaves or joins."""
    texts = {subject.decode() for subject in touched}
    statements = dict(previous.statements)
    again = {s for s, record in statements.items() if not texts.isdisjoint(record.nodes(s))}
    again |= {text for text in texts if text not in statements and lines.is_statement(text.encode())}
    partitions = set()
    for text in again:
        if text in statements:
            partitions.add(statements.pop(text).partition)
        if lines.is_statement(text.encode()):
            statements[text] = record = Statement.read(lines, text.encode())
            partitions.add(record.partition)
    return statements, partitions

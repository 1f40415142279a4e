"""kg.nq and kg.nt assembled from units, so that a build after a change
serializes only what changed.

The quads of a build fall into units that share no quad: each article's
(kg.pipeline.compile.compile_units keys them by the article and what was
known when it was compiled), the shared rest (the entity files' entities,
outside facts and the ontology) and the corroboration graph. A build from
nothing writes every unit's lines and sorts them together. A build after a
change starts from the previous kg.nq: it takes out the lines of the units
that are gone (read from their cache entries) and of the shared rest and
corroboration as they were, and adds those of the new units and of the rest
as they are now. Each step is checked (every line taken out was there, none
added is there already); a check that fails, like a missing or damaged
entry, raises StaleCacheError, and the build writes every unit anew.

Nor is an article whose unit the previous build holds compiled again
(compile_and_assemble): its lines are in kg.nq already. What reads the quads
whole then reads kg.nq's lines: the facts, parsed back for reasoning and the
summary (Assembly.quads_outside), and the count of triples (Assembly.tally).
If the units do not add up, every article is compiled after all.

A build after a change also knows which lines of kg.nq changed, so what
follows from them is the previous build's, changed by those alone: which
lines of kg.nq and kg.nt are gone and new (the dumps are written as patches
of the previous ones, kg.pipeline.patch), kg.nt's lines, and the tally.

Long because the assembly is both the build's lines and how they differ
from the previous build's, which each dump, the summary and the query
store take from it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, pairwise

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.formats.ntriples import (
    graph_endings,
    nquad_lines,
    parsed_quads,
    term_texts,
    triples_of_quads,
    union_triples,
)
from kg.pipeline.blocks import PreviousTurtle
from kg.pipeline.compile import Compiled, Reuse
from kg.pipeline.patch import patched_lines
from kg.rdf import Quads, Triple
from kg.store import KnownChanges

_TYPE = RDF.type.n3().encode()


class StaleCacheError(Exception):
    """The previous build's units do not add up to its kg.nq."""


@dataclass
class Previous:
    """What the last build left, as its manifest vouches for it: kg.nq's
    lines, the keys of its articles' units, the shared rest's and the
    corroboration's lines, and a reader of a unit's lines by its key."""

    nquads: list[bytes]
    units: frozenset[str]
    shared: set[bytes]
    corroboration: set[bytes]
    read_unit: Callable[[str], list[bytes]] = field(repr=False)  # raises StaleCacheError
    turtle: PreviousTurtle | None = None
    tally: Tally | None = None  # of kg.nq's lines
    ntriples: bytes | None = None  # kg.nt, if read already
    compared: bytes = b""  # what corroboration found (kg.pipeline.scope.Compared)


@dataclass(frozen=True)
class Tally:
    """How many triples a graph holds, and how many type a node by each class."""

    triples: int
    typed: Counter[URIRef]

    @classmethod
    def of(cls, triples: set[Triple]) -> Tally:
        a = RDF.type  # read once: each read of a namespace attribute makes a new IRI, a million times a corpus
        # str's comparison in C rather than rdflib's in Python (a predicate is always an IRI): 0.6 s of a corpus.
        return cls(len(triples), Counter(o for s, p, o in triples if str.__eq__(p, a)))

    def record(self) -> dict:
        """The tally as JSON, for the manifest (kg.pipeline.cache)."""
        return {"triples": self.triples, "typed": {str(cls): n for cls, n in sorted(self.typed.items()) if n}}

    @classmethod
    def from_record(cls, record: object) -> Tally | None:
        """The tally ``record`` gave; None if it is not one."""
        try:
            triples, typed = record["triples"], record["typed"]  # type: ignore[index]
            if isinstance(triples, int) and all(isinstance(n, int) for n in typed.values()):
                return cls(triples, Counter({URIRef(cls): n for cls, n in typed.items()}))
        except (TypeError, KeyError, AttributeError):
            pass
        return None


@dataclass
class Assembly:
    """The lines of kg.nq, sorted, before corroboration and after it."""

    lines: list[bytes]
    shared: list[bytes]
    new_units: dict[str, list[bytes]]  # the units not in the previous build, by key
    keys: list[str]  # every unit's key, in article order
    disjoint: bool  # whether no two units share a quad: only then may the next build reuse them
    corroboration: list[bytes] = field(default_factory=list)
    # Built from a previous build: the lines that changed, and that build's corroboration.
    touched: set[bytes] | None = None
    previous_corroboration: set[bytes] = field(default_factory=set)
    triples: list[bytes] | None = None  # the N-Triples lines of ``lines``, once asked for
    # What corroboration found (kg.pipeline.scope.Compared), in the previous build and in this one.
    previous_compared: bytes = b""
    compared: bytes = b""
    # Built from a previous build: its kg.nq's lines, their tally, and its kg.nt if known.
    before: list[bytes] | None = None
    previous_tally: Tally | None = None
    previous_ntriples: bytes | None = None

    def subjects(self) -> set[bytes] | None:
        """The subjects (in N-Triples) of the quads that changed; None if not known."""
        if self.touched is None:
            return None
        return {line[: line.index(b" ")] for line in self.touched}

    def corroborated_since(self) -> tuple[bytes, set[bytes]] | None:
        """What the previous build's corroboration found, and the subjects of
        the lines added or removed since; None if either is not known."""
        subjects = self.subjects()
        return None if subjects is None or not self.previous_compared else (self.previous_compared, subjects)

    def store_changes(self, old_inferred: bytes, new_inferred: bytes, sha256: dict[str, str]) -> KnownChanges | None:
        """How the query store of the previous build's dumps becomes that of
        this one's (kg.store.KnownChanges), from the lines that changed and
        the previous and new inferred.nq; None if the changes are not known."""
        if self.touched is None or self.triples is None:
            return None
        lines = {line: _holds(self.lines, line) for line in self.touched}
        old, new = set(old_inferred.splitlines(keepends=True)), set(new_inferred.splitlines(keepends=True))
        lines.update((line, line in new) for line in old.symmetric_difference(new))
        # The default graph: kg.nt's triples, and those of inferred.nq it lacks.
        inferred_only = sum(1 for line in new if not _holds(self.triples, line[: line.rindex(b" <")] + b" .\n"))
        return KnownChanges(lines, len(self.lines) + len(new) + len(self.triples) + inferred_only, sha256)

    def as_before(self, now: list[bytes], endings: tuple[bytes, ...]) -> list[bytes] | None:
        """``now``, the sorted lines of ``lines`` that end with none of
        ``endings``, as the previous build had them; None if not known."""
        if self.touched is None:
            return None
        changed = [line for line in self.touched if not line.endswith(endings)]
        added = {line for line in changed if _holds(self.lines, line)}
        return sorted(set(now).difference(added).union(line for line in changed if line not in added))

    def ntriple_lines(self) -> list[bytes]:
        """kg.nt's lines, made once and held, never joined (a gigabyte at 10,000 articles)."""
        if self.triples is None:
            self.triples = self._patched_triples() or triples_of_quads(self.lines)
            self.previous_ntriples = None
        return self.triples

    def _patched_triples(self) -> list[bytes] | None:
        """kg.nt's lines as the previous ones changed by the triples whose
        quads changed (those of the previous corroboration among them, which
        are out of ``lines`` until corroboration puts them back); None if not known."""
        if self.previous_ntriples is None or self.touched is None:
            return None
        changes = self._triple_changes(self.touched | self.previous_corroboration)
        return None if changes is None else patched_lines(self.previous_ntriples.splitlines(keepends=True), *changes)

    def quads_outside(self, graphs: Iterable[URIRef]) -> Quads:
        """The quads of every graph but ``graphs``, as rdflib terms."""
        skipped = graph_endings(*graphs)
        return parsed_quads(line for line in self.lines if not line.endswith(skipped))

    def quad_changes(self) -> tuple[list[bytes], list[bytes]] | None:
        """The lines of the previous kg.nq that are gone and those that are
        new, each sorted; None if not known."""
        if self.touched is None or self.before is None:
            return None
        new = {line: _holds(self.lines, line) for line in self.touched}
        return sorted(line for line, now in new.items() if not now), sorted(line for line, now in new.items() if now)

    def triple_changes(self) -> tuple[list[bytes], list[bytes]] | None:
        """The lines of the previous kg.nt that are gone and those that are
        new, each sorted: of the triples of the quads that changed, those
        that some quad held before and none now, and the other way round;
        None if not known."""
        return None if self.touched is None else self._triple_changes(self.touched)

    def _triple_changes(self, quads: set[bytes]) -> tuple[list[bytes], list[bytes]] | None:
        """triple_changes, of the triples of the changed ``quads``."""
        if self.before is None:
            return None
        removed, added = [], []
        for triple in sorted({_triple(line) for line in quads}):
            was, now = _has_quad(self.before, triple), _has_quad(self.lines, triple)
            if was != now:
                (added if now else removed).append(triple + b" .\n")
        return removed, added

    def tally(self, outside: URIRef) -> Tally:
        """How many triples the graphs but ``outside`` hold, and how many of them type a node by each class."""
        skipped = graph_endings(outside)
        if self.previous_tally is not None and self.touched is not None and self.before is not None:
            return self._tally_changed(self.previous_tally, skipped)
        typed: Counter[bytes] = Counter()
        count = 0
        for line in union_triples(line for line in self.lines if not line.endswith(skipped)):
            count += 1
            _, predicate, rest = line.split(b" ", 2)  # a subject is an IRI (no blank nodes), which holds no space
            if predicate == _TYPE:
                typed[rest[:-3]] += 1
        return Tally(count, Counter({URIRef(cls[1:-1].decode()): n for cls, n in typed.items()}))

    def _tally_changed(self, previous: Tally, skipped: tuple[bytes, ...]) -> Tally:
        """The previous build's tally, changed by the triples of the quads
        that changed which are now in the graphs counted and were not, or the
        other way round: a triple is counted while some quad of it lies
        outside the ``skipped`` graphs."""
        count, typed = previous.triples, Counter(previous.typed)
        for triple in {_triple(line) for line in self.touched or ()}:
            change = _has_quad(self.lines, triple, skipped) - _has_quad(self.before or [], triple, skipped)
            if change:
                count += change
                _, predicate, rest = triple.split(b" ", 2)
                if predicate == _TYPE:
                    typed[URIRef(rest[1:-1].decode())] += change
        return Tally(count, Counter({cls: n for cls, n in typed.items() if n}))

    def add_corroboration(self, name: URIRef, triples: set[Triple], compared: bytes = b"") -> None:
        self.corroboration, self.compared = nquad_lines({name: triples}), compared
        if self.touched is not None:
            self.touched |= self.previous_corroboration.symmetric_difference(self.corroboration)
        added = sorted(self.corroboration)
        if _overlap(self.lines, added):
            self.disjoint = False
            added = [line for line in added if not _holds(self.lines, line)]
        self.lines = sorted(self.lines + added)  # two sorted runs: merged in linear time
        if self.triples is not None:
            more = [line for line in triples_of_quads(added) if not _holds(self.triples, line)]
            self.triples = sorted(self.triples + more)


def compile_and_assemble(
    compile_with: Callable[[Reuse | None], Compiled],
    ontology: tuple[URIRef, set[Triple]],
    previous: Previous | None,
    note: Callable[[str], None],
    reuse: bool = True,
) -> tuple[Compiled, Assembly]:
    """The compilation (by ``compile_with``) and its assembly; with ``reuse``,
    the articles whose units ``previous`` holds are not compiled again, unless
    its units do not add up: then every article is compiled."""
    if previous is not None and reuse:
        compiled = compile_with(Reuse(previous.units, partial(_holds, previous.nquads)))
        try:
            return compiled, assemble(compiled, ontology, previous, note)
        except StaleCacheError as why:
            note(f"{why}: every unit written anew, every article compiled")
            previous = None
    compiled = compile_with(None)
    return compiled, assemble(compiled, ontology, previous, note)


def assemble(
    compiled: Compiled,
    ontology: tuple[URIRef, set[Triple]],
    previous: Previous | None,
    note: Callable[[str], None],
) -> Assembly:
    """The build's lines before corroboration (the ontology's graph among
    them), from ``previous`` where it serves; a note where it does not."""
    term = term_texts()
    shared = nquad_lines({**compiled.shared, ontology[0]: ontology[1]}, term)
    keys = [key for key, _ in compiled.articles]
    if previous is not None:
        try:
            return _changed(compiled, shared, keys, previous, term)
        except StaleCacheError as why:
            if compiled.partial:
                raise  # the articles not compiled are wanted: the caller compiles them
            note(f"{why}: every unit written anew")
    if compiled.partial:
        raise StaleCacheError("no previous build's units to reuse")
    units = {key: nquad_lines(quads, term) for key, quads in compiled.articles if quads is not None}
    lines = sorted(chain(shared, *units.values()))
    disjoint = len(units) == len(keys) and not any(a == b for a, b in pairwise(lines))
    if not disjoint:
        lines = sorted(set(lines))
    return Assembly(lines, shared, units, keys, disjoint)


def _changed(compiled: Compiled, shared: list[bytes], keys: list[str], previous: Previous, term) -> Assembly:
    """The previous lines without the gone units and the old shared rest, with
    the new units and the new shared rest; StaleCacheError if they do not add up."""
    if len(set(keys)) != len(keys):
        raise StaleCacheError("two articles compile under one key")
    new_units = {
        key: nquad_lines(quads, term)
        for key, quads in compiled.articles
        if key not in previous.units and quads is not None
    }
    if len(new_units) != sum(1 for key in keys if key not in previous.units):
        raise StaleCacheError("an article was not compiled")
    present = set(keys)
    shared_now = set(shared)
    removed = set(previous.corroboration) | (previous.shared - shared_now)
    for key in previous.units - present:
        removed.update(previous.read_unit(key))
    kept = [line for line in previous.nquads if line not in removed]
    if len(kept) != len(previous.nquads) - len(removed):
        raise StaleCacheError("kg.nq lacks lines of the units the cache lists")
    added = sorted(chain(shared_now - previous.shared, *new_units.values()))
    if any(a == b for a, b in pairwise(added)) or _overlap(kept, added):
        raise StaleCacheError("a changed unit shares quads with another")
    touched = removed.symmetric_difference(added) - previous.corroboration
    lines = sorted(kept + added)
    assembly = Assembly(lines, shared, new_units, keys, True, [], touched, previous.corroboration)
    assembly.previous_compared = previous.compared
    assembly.before, assembly.previous_tally = previous.nquads, previous.tally
    assembly.previous_ntriples = previous.ntriples
    return assembly


def _triple(line: bytes) -> bytes:
    """The triple of an N-Quads line of a named graph: "S P O" of "S P O <G> .\n"."""
    return line[: line.rindex(b" <")]


def _has_quad(lines: list[bytes], triple: bytes, skipped: tuple[bytes, ...] = ()) -> bool:
    """Whether the sorted N-Quads ``lines`` hold a quad of ``triple`` ("S P O")
    in a graph but those whose lines end as ``skipped`` says. The quads of a
    triple lie together: a line starting "S P O <" is one (an object is
    followed by a space only before the graph)."""
    start = triple + b" <"
    at = bisect.bisect_left(lines, start)
    while at < len(lines) and lines[at].startswith(start):
        if not lines[at].endswith(skipped):
            return True
        at += 1
    return False


def _holds(lines: list[bytes], line: bytes) -> bool:
    at = bisect.bisect_left(lines, line)
    return at < len(lines) and lines[at] == line


def _overlap(lines: list[bytes], added: list[bytes]) -> bool:
    """Whether any of ``added`` is among the sorted ``lines``."""
    return any(_holds(lines, line) for line in added)

"""The last build's inferences, renamed, when only some text of the facts changed.

OWL 2 RL's rules, the property-chain rule we add, the consistency checks and
the noise filter never tell one string from another but by being the same
string or not: none names a string the data holds, and a string's datatype
(xsd:string or rdf:langString, by its language tag) is all they read of it.
So if the facts are the last build's with some strings replaced, each by one
string found nowhere in those facts nor in the ontology, and each replaced
everywhere it stood, the closure is the last one with the same strings
replaced: an article's title edited, say. The renamed inferences are written
as a build that reasons writes them, and checked against the shapes again
(shapes, unlike the rules, read a string's text).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from rdflib import URIRef

from kg.formats.ntriples import graph_endings, union_triples
from kg.pipeline.cache import Reasoned
from kg.pipeline.reason import Inference, inference_of


def renamed_inference(
    old: list[bytes],
    new: list[bytes],
    graphs: tuple[URIRef, tuple[URIRef, ...]],
    reasoned: Callable[[str], Reasoned | None],
    base: str,
    reasoner: str,
) -> Inference | None:
    """The inference over the facts of the sorted N-Quads lines ``new``, from
    the last build's over the facts of ``old`` (which ``reasoned`` gives by
    their digest) with strings renamed; None unless the facts differ only so.
    ``graphs``: the ontology's, which must hold none of those strings, and
    those about statements, which reasoning leaves out."""
    ontology, about = graphs
    skipped = graph_endings(ontology, *about)
    before = [line for line in old if not line.endswith(skipped)]
    after = [line for line in new if not line.endswith(skipped)]
    renaming = _renaming(before, after)
    if renaming is None or _graphs(before) != _graphs(after):
        return None
    (fixed,) = graph_endings(ontology)
    if any(_split(line)[2] in renaming.keys() | renaming.values() for line in new if line.endswith(fixed)):
        return None
    used = [URIRef(name) for name in _graphs(before)]
    previous = reasoned(_digest(before, used))
    if previous is None:
        return None
    inferred = previous.dumps["inferred.nq"].splitlines(keepends=True)
    renamed = b"".join(sorted(_renamed(line, renaming) for line in inferred))
    return inference_of(renamed, previous.summary, base, used, reasoner)


def _renaming(old: list[bytes], new: list[bytes]) -> dict[bytes, bytes] | None:
    """Each string of ``old`` replaced in ``new`` (N-Triples terms) by the
    string that replaced it, if the lines differ only by that: each replaced
    string and its replacement plain or tagged strings, found in no line the
    two share, the tag kept; None otherwise."""
    before, after = set(old), set(new)
    pairs: dict[tuple[bytes, ...], list[list[bytes]]] = {}
    for side, lines in enumerate((before - after, after - before)):
        for line in lines:
            subject, predicate, value, graph = _split(line)
            if not _string(value):
                return None
            pairs.setdefault((subject, predicate, graph, _tag(value)), [[], []])[side].append(value)
    renaming: dict[bytes, bytes] = {}
    for was, now in pairs.values():
        # One string of a subject's property (in a language) replaced by one other.
        if len(was) != 1 or len(now) != 1 or renaming.setdefault(was[0], now[0]) != now[0]:
            return None
    if not renaming or len(set(renaming.values())) != len(renaming) or renaming.keys() & set(renaming.values()):
        return None
    moved = renaming.keys() | renaming.values()
    if any(_split(line)[2] in moved for line in before & after):
        return None
    return renaming


def _split(line: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """A line's subject, predicate, object and graph: subjects and predicates
    are IRIs, which hold no space, and the graph is the last term."""
    first = line.index(b" ")
    second = line.index(b" ", first + 1)
    last = line.rindex(b" <")
    return line[:first], line[first + 1 : second], line[second + 1 : last], line[last + 1 : -3]


def _string(value: bytes) -> bool:
    """Whether a term is a plain string or one with a language tag (not another datatype, not an IRI)."""
    return value.startswith(b'"') and (value.endswith(b'"') or b'"@' in value[value.rindex(b'"') :])


def _tag(value: bytes) -> bytes:
    return value[value.rindex(b'"') + 1 :]


def _renamed(line: bytes, renaming: dict[bytes, bytes]) -> bytes:
    subject, predicate, value, graph = _split(line)
    return b"%s %s %s %s .\n" % (subject, predicate, renaming.get(value, value), graph)


def _graphs(lines: Iterable[bytes]) -> list[str]:
    return sorted({_split(line)[3][1:-1].decode("utf-8") for line in lines})


def _digest(lines: list[bytes], used: list[URIRef]) -> str:
    """kg.pipeline.reason.facts_digest of the facts whose sorted N-Quads lines are ``lines``."""
    digest = hashlib.sha256(b"".join(union_triples(lines)))
    digest.update("\n".join(used).encode())
    return digest.hexdigest()

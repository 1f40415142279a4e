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
if the shapes read a string's text (the rules do not; shapes.ttl's sh:pattern
does, shapes-inferred.ttl's constraints do not: renaming_invisible).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.pipeline.cache import Reasoned
from kg.pipeline.reason import Inference, facts_digest, inference_of

# SHACL's predicates whose constraints a renaming of strings cannot change: they
# read of a literal its datatype, tag or count, or which literals equal it,
# which a renaming to strings found nowhere else keeps. Not sh:pattern,
# lengths, ranges or order (which read the text), nor sh:in, sh:hasValue or
# sh:targetNode (which name values), nor SPARQL.
RENAMING_INVISIBLE = {
    SH[name]
    for name in (
        "property",
        "path",
        "inversePath",
        "alternativePath",
        "zeroOrMorePath",
        "oneOrMorePath",
        "zeroOrOnePath",
        "targetClass",
        "targetSubjectsOf",
        "targetObjectsOf",
        "class",
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "node",
        "and",
        "or",
        "not",
        "xone",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "languageIn",
        "uniqueLang",
        "equals",
        "disjoint",
        "closed",
        "ignoredProperties",
        "message",
        "name",
        "description",
        "severity",
        "deactivated",
        "order",
        "group",
    )
}


def renamed_inference(
    facts: tuple[list[bytes], list[bytes]],
    ontology: tuple[list[bytes], bytes],
    reasoned: Callable[[str], Reasoned | None],
    base: str,
    reasoner: str,
) -> Inference | None:
    """The inference over the facts now, from the last build's over the
    facts before (which ``reasoned`` gives by their digest) with strings
    renamed; None unless the facts differ only so. ``facts``: the sorted
    N-Quads lines of the graphs reasoning reads, before and now;
    ``ontology``: lines that hold the ontology's, none of which may hold
    those strings, and how an ontology's line ends."""
    before, now = facts
    renaming = _renaming(before, now)
    if renaming is None or _graphs(before) != _graphs(now):
        return None
    lines, ending = ontology
    if any(_split(line)[2] in renaming.keys() | renaming.values() for line in lines if line.endswith(ending)):
        return None
    used = [URIRef(name) for name in _graphs(before)]
    previous = reasoned(facts_digest(before, used))
    if previous is None:
        return None
    inferred = previous.dumps["inferred.nq"].splitlines(keepends=True)
    renamed = b"".join(sorted(_renamed(line, renaming) for line in inferred))
    return inference_of(renamed, previous.summary, base, used, reasoner)


def renaming_invisible(shapes: Graph) -> bool:
    """Whether renaming strings as renamed_inference does leaves what
    ``shapes`` find unchanged: whether they read of a literal no more than
    its datatype, its language tag and which literals equal it, and name
    none. Results over a graph that conformed, renamed, are then none."""
    return {p for p in shapes.predicates() if p.startswith(SH)} <= RENAMING_INVISIBLE


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

"""The OWL 2 RL engines: owlrl (the reference) and reasonable (Rust).

Each returns the closure of the facts with the ontology, as a set of triples
(rdflib's store costs more to add to and look up in than reasoning takes),
and the contradictions it found; kg.pipeline.reason filters what they infer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, XSD
from rdflib.term import Node

from kg.rdf import Triple

ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
# Read once: each read of a namespace attribute makes a new IRI (0.3 s of a 1,000-article closure).
TYPE, STRING = RDF.type, XSD.string


def owlrl_closure(facts: Iterable[Triple], ontology: Graph) -> tuple[set[Triple], list[str]]:
    import owlrl

    closure = Graph()
    closure += facts
    closure += ontology
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    return set(closure), sorted(str(m) for m in closure.objects(None, ERROR_MESSAGE))


def _plain_string(term: object) -> object:
    """reasonable writes plain strings as explicit xsd:string literals; rdflib
    tells those apart, so they are made plain again before comparing."""
    if isinstance(term, Literal) and term.datatype == STRING and term.language is None:
        return Literal(str(term))
    return term


def _chains(ontology: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Two-step property chains (p ≡ p1 ∘ p2) of the ontology."""
    chains = []
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        steps = list(Collection(ontology, head))
        if len(steps) == 2:
            chains.append((prop, steps[0], steps[1]))
    return chains


def reasonable_closure(facts: Iterable[Triple], ontology: Graph) -> tuple[set[Triple], list[str]]:
    """The closure by the Rust reasoner `reasonable`, with the rule it lacks
    (prp-spo2, property chains) applied until nothing new follows."""
    import reasonable

    closure = {*facts, *ontology}
    chains = _chains(ontology)
    while True:
        reasoner = reasonable.PyReasoner()
        reasoner.from_graph(list(closure))
        closure.update((_plain_string(s), _plain_string(p), _plain_string(o)) for s, p, o in reasoner.reason())
        added = _chained(closure, chains) - closure
        if not added:
            break
        closure |= added
    return closure, _check_disjoint(closure, ontology)


def _chained(closure: set[Triple], chains: list[tuple[URIRef, URIRef, URIRef]]) -> set[Triple]:
    """What the chains derive from ``closure``: (x, p, z) for each chain
    p ≡ p1 ∘ p2 with (x, p1, y) and (y, p2, z) in it."""
    steps = {step for _, first, second in chains for step in (first, second)}
    pairs: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in closure:
        if p in steps:
            pairs[p].append((s, o))
    derived: set[Triple] = set()
    for prop, first, second in chains:
        after: dict[Node, list[Node]] = defaultdict(list)
        for y, z in pairs[second]:
            after[y].append(z)
        derived.update((x, prop, z) for x, y in pairs[first] for z in after.get(y, ()))
    return derived


def _members(closure: set[Triple]) -> dict[Node, set[Node]]:
    """The members of each class the closure types things with."""
    found: dict[Node, set[Node]] = defaultdict(set)
    for s, p, o in closure:
        if p == TYPE:
            found[o].add(s)
    return found


def _check_disjoint(closure: set[Triple], ontology: Graph) -> list[str]:
    """What owlrl reports as errors: members of owl:Nothing and of two disjoint classes."""
    of = _members(closure)
    problems = [f"{node.n3()} is a member of owl:Nothing" for node in sorted(of[OWL.Nothing])]
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        classes = list(Collection(ontology, ontology.value(group, OWL.members)))
        for index, first in enumerate(classes):
            for second in classes[index + 1 :]:
                for node in sorted(of[first] & of[second]):
                    problems.append(f"{node.n3()} is both {first.n3()} and {second.n3()}, which are disjoint")
    return problems

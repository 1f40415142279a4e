"""The OWL 2 RL engines: owlrl (the reference) and reasonable (Rust).

Each returns the closure of the facts with the ontology, and the
contradictions it found; kg.pipeline.reason filters what they infer.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, XSD

ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def owlrl_closure(facts: Graph, ontology: Graph) -> tuple[Graph, list[str]]:
    import owlrl

    closure = Graph()
    closure += facts
    closure += ontology
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    return closure, sorted(str(m) for m in closure.objects(None, ERROR_MESSAGE))


def _plain_string(term: object) -> object:
    """reasonable writes plain strings as explicit xsd:string literals; rdflib
    tells those apart, so they are made plain again before comparing."""
    if isinstance(term, Literal) and term.datatype == XSD.string and term.language is None:
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


def reasonable_closure(facts: Graph, ontology: Graph) -> tuple[Graph, list[str]]:
    """The closure by the Rust reasoner `reasonable`, with the rule it lacks
    (prp-spo2, property chains) applied until nothing new follows."""
    import reasonable

    closure = Graph()
    closure += facts
    closure += ontology
    chains = _chains(ontology)
    while True:
        reasoner = reasonable.PyReasoner()
        reasoner.from_graph(closure)
        for s, p, o in reasoner.reason():
            closure.add((_plain_string(s), _plain_string(p), _plain_string(o)))
        added = {
            (x, prop, z)
            for prop, first, second in chains
            for x, y in closure.subject_objects(first)
            for z in closure.objects(y, second)
            if (x, prop, z) not in closure
        }
        if not added:
            break
        for triple in added:
            closure.add(triple)
    return closure, _check_disjoint(closure, ontology)


def _check_disjoint(closure: Graph, ontology: Graph) -> list[str]:
    """What owlrl reports as errors: members of owl:Nothing and of two disjoint classes."""
    problems = [f"{node.n3()} is a member of owl:Nothing" for node in sorted(closure.subjects(RDF.type, OWL.Nothing))]
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(group, OWL.members)))
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                for node in sorted(set(closure.subjects(RDF.type, first)) & set(closure.subjects(RDF.type, second))):
                    problems.append(f"{node.n3()} is both {first.n3()} and {second.n3()}, which are disjoint")
    return problems

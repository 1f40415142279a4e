"""OWL 2 RL reasoning with owlrl; the inferred triples are kept apart and filtered.

The closure runs over the facts (entities, article facts, outside facts) and
the ontology. Statements, evidence spans and mentions are left out: their
structure is fixed by the compiler, and they are four fifths of the triples.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version

import owlrl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg.compile import Quads, quads_of, to_graph
from kg.errors import KGError
from kg.namespaces import SCHEMA, bind_prefixes

ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))
TRIVIAL_TYPES = {RDFS.Resource, OWL.Thing, RDFS.Class, OWL.Class}


class InconsistencyError(KGError):
    """The facts contradict the ontology."""

    exit_code = 6


@dataclass(frozen=True)
class Inference:
    graph: Graph
    by_predicate: dict[str, int]
    by_class: dict[str, int]
    dropped: int


def graph_names(base: str) -> tuple[URIRef, URIRef]:
    """The inferred graph and the activity that generated it."""
    return URIRef(f"{base}graph/inferred"), URIRef(f"{base}activity/owl-rl-reasoning")


def reasoning_input(asserted: Dataset | Quads, base: str) -> Graph:
    """The facts to reason over: every asserted graph but provenance."""
    quads = asserted if isinstance(asserted, dict) else quads_of(asserted)
    provenance = URIRef(f"{base}graph/provenance")
    return to_graph((triple for name, triples in quads.items() if name != provenance for triple in triples), base)


def _vocabulary_terms(closure: Graph) -> set:
    """Classes and properties: statements about them are schema, not data."""
    terms = set(closure.subjects(RDF.type, OWL.Class)) | set(closure.subjects(RDF.type, RDFS.Class))
    terms |= set(closure.objects(None, RDF.type)) | set(closure.predicates())
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty):
        terms |= set(closure.subjects(RDF.type, kind))
    return terms


def _keep(triple: tuple, terms: set) -> bool:
    s, p, o = triple
    if isinstance(s, Literal | BNode) or isinstance(o, BNode):
        return False
    if str(s).startswith(BUILT_IN) or s in terms:
        return False
    if p == OWL.sameAs and s == o:
        return False
    return not (p == RDF.type and o in TRIVIAL_TYPES)


def _check_functional(closure: Graph, ontology: Graph) -> list[str]:
    """A functional property with two different values: we mint one IRI per thing,
    so two IRIs (or two literals) mean two values, not one thing named twice."""
    problems = []
    for prop in sorted(ontology.subjects(RDF.type, OWL.FunctionalProperty)):
        for subject in sorted(set(closure.subjects(prop, None))):
            values = {o for o in closure.objects(subject, prop) if not isinstance(o, BNode)}
            if len(values) > 1:
                shown = ", ".join(sorted(v.n3() for v in values))
                problems.append(f"{subject.n3()} has {len(values)} values of functional {prop.n3()}: {shown}")
    return problems


def _owlrl_closure(facts: Graph, ontology: Graph) -> tuple[Graph, list[str]]:
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


def _reasonable_closure(facts: Graph, ontology: Graph) -> tuple[Graph, list[str]]:
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


REASONERS = {"owlrl": _owlrl_closure, "reasonable": _reasonable_closure}


def reason(facts: Graph, ontology: Graph, base: str, reasoner: str = "owlrl") -> Inference:
    """The OWL 2 RL closure of ``facts`` with ``ontology``: only the new, useful triples.

    owlrl is the reference; `reasonable` (Rust) is the fast path, and once
    filtered its inferences equal owlrl's (a test checks it).
    """
    closure, problems = REASONERS[reasoner](facts, ontology)
    problems += _check_functional(closure, ontology)
    if problems:
        raise InconsistencyError("the facts contradict the ontology: " + "; ".join(problems))
    terms = _vocabulary_terms(closure) | set(ontology.subjects())
    new = [t for t in closure if t not in facts and t not in ontology]
    kept = Graph()
    bind_prefixes(kept, base)
    for triple in new:
        if _keep(triple, terms):
            kept.add(triple)
    return Inference(kept, _count_predicates(kept), _count_classes(kept), len(new) - len(kept))


def _count_predicates(graph: Graph) -> dict[str, int]:
    counts = Counter(graph.namespace_manager.normalizeUri(p) for p in graph.predicates())
    return dict(sorted(counts.items()))


def _count_classes(graph: Graph) -> dict[str, int]:
    counts = Counter(graph.namespace_manager.normalizeUri(c) for c in graph.objects(None, RDF.type))
    return dict(sorted(counts.items()))


def describe_activity(graph: Graph, base: str, used: list[URIRef], reasoner: str = "owlrl") -> None:
    """The reasoning run as a prov:Activity; no wall-clock time, so output is stable."""
    inferred, activity = graph_names(base)
    release = version(reasoner)
    agent = URIRef(f"{base}software/{reasoner}-{release}")
    graph.add((inferred, RDF.type, PROV.Entity))
    graph.add((inferred, PROV.wasGeneratedBy, activity))
    graph.add((inferred, RDFS.label, Literal("Triples inferred by OWL 2 RL reasoning", lang="en")))
    graph.add((inferred, RDFS.label, Literal("OWL 2 RL арқылы шығарылған үштіктер", lang="kk")))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"OWL 2 RL closure with {reasoner}", lang="en")))
    graph.add((activity, RDFS.label, Literal(f"{reasoner} арқылы OWL 2 RL тұйықталуы", lang="kk")))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    for name in used:
        graph.add((activity, PROV.used, name))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"{reasoner} {release}", lang="en")))
    graph.add((agent, RDFS.label, Literal(f"{reasoner} {release}", lang="kk")))
    graph.add((agent, SCHEMA.softwareVersion, Literal(release)))

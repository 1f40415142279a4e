"""OWL 2 RL reasoning with owlrl; the inferred triples are kept apart and filtered.

The closure runs over the facts (entities, article facts, outside facts) and
the ontology. Statements, evidence spans and mentions are left out: their
structure is fixed by the compiler, and they are four fifths of the triples.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg.engines import REASONERS
from kg.errors import InconsistencyError
from kg.namespaces import SCHEMA, GraphNames, bind_prefixes
from kg.rdf import Quads, quads_of, to_graph

BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))
TRIVIAL_TYPES = {RDFS.Resource, OWL.Thing, RDFS.Class, OWL.Class}


@dataclass(frozen=True)
class Inference:
    graph: Graph
    by_predicate: dict[str, int]
    by_class: dict[str, int]
    dropped: int


def reasoning_input(asserted: Dataset | Quads, base: str) -> Graph:
    """The facts to reason over: every asserted graph but those about statements
    (provenance, and the corroboration links between them)."""
    quads = asserted if isinstance(asserted, dict) else quads_of(asserted)
    about_statements = GraphNames(base).about_statements
    return to_graph(
        (triple for name, triples in quads.items() if name not in about_statements for triple in triples), base
    )


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


def reason(facts: Graph, ontology: Graph, base: str, reasoner: str = "owlrl") -> Inference:
    """The OWL 2 RL closure of ``facts`` with ``ontology``: only the new, useful triples.

    owlrl is the reference; `reasonable` (Rust) is the fast path, and once
    filtered its inferences equal owlrl's (a test checks it).
    """
    engine = REASONERS[reasoner]
    engine.require()
    closure, problems = engine.load()(facts, ontology)
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
    names = GraphNames(base)
    inferred, activity = names.inferred, names.reasoning
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

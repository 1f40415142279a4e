"""OWL 2 RL reasoning with owlrl; the inferred triples are kept apart and filtered.

The closure runs over the facts (entities, article facts, outside facts) and
the ontology. Statements, evidence spans and mentions are left out: their
structure is fixed by the compiler, and they are four fifths of the triples.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from kg.engines import REASONERS
from kg.errors import InconsistencyError
from kg.formats.ntriples import parsed_quads, union_triples
from kg.namespaces import SCHEMA, GraphNames, bind_prefixes
from kg.rdf import Quads, Triple, quads_of

BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))
TYPE = RDF.type  # read once: each read of a namespace attribute makes a new IRI
# Whose members are classes and properties.
VOCABULARY_KINDS = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    RDF.Property,
    OWL.AnnotationProperty,
}
TRIVIAL_TYPES = {RDFS.Resource, OWL.Thing, RDFS.Class, OWL.Class}


@dataclass(frozen=True)
class Inference:
    graph: Graph
    by_predicate: dict[str, int]
    by_class: dict[str, int]
    dropped: int


def reasoning_input(asserted: Dataset | Quads, base: str) -> set[Triple]:
    """The facts to reason over: every asserted graph but those about statements
    (provenance, and the corroboration links between them). A set of the
    asserted triples themselves: an rdflib graph of them would take a
    gigabyte at 10,000 articles, and the engines only read them through."""
    quads = asserted if isinstance(asserted, dict) else quads_of(asserted)
    about_statements = GraphNames(base).about_statements
    return set().union(*(triples for name, triples in quads.items() if name not in about_statements))


def used_graphs(quads: Quads, base: str) -> list[URIRef]:
    """The named graphs reasoning reads (those of reasoning_input that hold triples), in order."""
    about_statements = GraphNames(base).about_statements
    return sorted(name for name, triples in quads.items() if triples and name not in about_statements)


def facts_digest(fact_lines: Iterable[bytes], used: list[URIRef]) -> str:
    """A digest of what reasoning reads besides the ontology, the engine and
    the base (a build's cache is keyed by those): the facts, whose sorted
    N-Quads lines (those of every graph reasoning reads, kg.nq's) are
    ``fact_lines``, and the graphs the activity names as used. From the
    lines, not the triples: writing the facts again would cost more than the
    reasoning the digest spares."""
    digest = hashlib.sha256(b"".join(union_triples(fact_lines)))
    digest.update("\n".join(used).encode())
    return digest.hexdigest()


def inference_of(nquads: bytes, summary: dict, base: str, used: list[URIRef], reasoner: str) -> Inference | None:
    """The inference a previous run wrote as ``nquads`` (its inferred.nq) and
    summarized as ``summary`` (kg.pipeline.build.inference_summary); None if
    the two do not agree."""
    activity = Graph()
    describe_activity(activity, base, used, reasoner)
    graph = Graph()
    bind_prefixes(graph, base)
    for triples in parsed_quads(nquads.splitlines(keepends=True)).values():
        for triple in triples:
            if triple not in activity:
                graph.add(triple)
    if len(graph) != summary["triples"]:
        return None
    return Inference(graph, summary["by_predicate"], summary["by_class"], summary["dropped_as_noise"])


def _vocabulary_terms(closure: set[Triple]) -> set:
    """Classes and properties: statements about them are schema, not data."""
    terms = set()
    for s, p, o in closure:
        terms.add(p)
        if p == TYPE:
            terms.add(o)
            if o in VOCABULARY_KINDS:
                terms.add(s)
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


def _check_functional(closure: set[Triple], ontology: Graph) -> list[str]:
    """A functional property with two different values: we mint one IRI per thing,
    so two IRIs (or two literals) mean two values, not one thing named twice."""
    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    values: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in closure:
        if p in functional:
            held = values[p][s]
            if not isinstance(o, BNode):
                held.add(o)
    problems = []
    for prop in sorted(functional):
        for subject in sorted(values[prop]):
            found = values[prop][subject]
            if len(found) > 1:
                shown = ", ".join(sorted(v.n3() for v in found))
                problems.append(f"{subject.n3()} has {len(found)} values of functional {prop.n3()}: {shown}")
    return problems


def reason(facts: Graph | set[Triple], ontology: Graph, base: str, reasoner: str = "owlrl") -> Inference:
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
    new = closure.difference(facts, ontology)
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

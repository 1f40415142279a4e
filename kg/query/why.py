"""Why the graph holds a triple: the OWL 2 RL rule and the premises behind an
inferred triple, down to the statements (article quotes, reference rows) that
state each premise.

The rules are those of the OWL 2 RL profile that the ontology's axioms use
(class and property hierarchies, domain and range, inverse, symmetric and
transitive properties, property chains, equivalences); their names are the
profile's (W3C OWL 2 Profiles, section 4.3). Each inferred triple is
explained by the first rule instance whose premises are asserted or can
themselves be explained without going round in a circle; instances are tried
in sorted order, so that the store and the dumps give the same explanation.

Long because each rule of the profile that the ontology uses has its own way
back to its premises, and the rendering names the quotes behind them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import OWL, PROV, RDF, RDFS
from rdflib.term import Node
from rdflib.util import from_n3

from kg.errors import QueryError
from kg.namespaces import KGO, OA, ONTOLOGY_GRAPH, GraphNames, expand
from kg.query.describe import label, resolve_entity

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Source:
    """One statement of an asserted triple: an article's claim or a reference row."""

    statement: URIRef
    quote: str | None  # the article's exact words, for a claim
    speaker: Node | None
    article: Node | None
    reference: Node | None  # the reference source, for an outside fact


@dataclass
class Explanation:
    triple: Triple
    rule: str | None = None  # None: asserted
    axioms: list[Triple] = field(default_factory=list)
    premises: list[Explanation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    graph: Node | None = None  # the named graph of an asserted triple

    @property
    def asserted(self) -> bool:
        return self.rule is None

    def leaves(self) -> Iterator[Explanation]:
        if self.asserted:
            yield self
        for premise in self.premises:
            yield from premise.leaves()

    def only_claims(self) -> bool:
        """Whether every asserted triple it rests on is stated only by articles:
        not by a reference table, not by the curated entities."""
        return all(leaf.sources and all(s.article is not None for s in leaf.sources) for leaf in self.leaves())


class Explainer:
    """Explains over views of a build: rdflib graphs (``of_dataset``) or the
    query store read pattern by pattern (kg.server.graph.explainer)."""

    def __init__(
        self,
        *,
        ontology: Graph,
        inferred: Graph,
        asserted: Graph,
        known: Graph,
        statements: Graph,
        home: Mapping[Triple, Node] | Graph,
        base: str,
    ) -> None:
        names = GraphNames(base)
        self.ontology = ontology
        self.inferred = inferred
        self.asserted = asserted  # the facts: neither statements about them nor inferences
        self.known = known  # what a rule's premise may be: asserted or inferred
        self.statements = statements  # the provenance and reference graphs
        self.home = home  # an asserted triple's named graph, by ``get``
        self._done: dict[Triple, Explanation] = {}
        # The inferred graph also describes the reasoning run that made it: not inferences.
        self._run = {names.inferred, names.reasoning, *inferred.objects(names.reasoning, PROV.wasAssociatedWith)}

    @classmethod
    def of_dataset(cls, dataset: Dataset, base: str) -> Explainer:
        """Over an rdflib dataset (kg.artifacts.load_built's), its facts copied into one graph."""
        names = GraphNames(base)
        not_facts = (*names.about_statements, names.inferred, ONTOLOGY_GRAPH)
        home: dict[Triple, Node] = {}
        asserted = Graph()
        for graph in dataset.graphs():
            if graph.identifier in not_facts:
                continue
            for triple in graph:
                home.setdefault(triple, graph.identifier)
                asserted.add(triple)
        inferred = dataset.graph(names.inferred)
        return cls(
            ontology=dataset.graph(ONTOLOGY_GRAPH),
            inferred=inferred,
            asserted=asserted,
            known=ReadOnlyGraphAggregate([asserted, inferred]),  # read through, not copied
            statements=dataset.graph(names.provenance) + dataset.graph(names.reference),
            home=home,
            base=base,
        )

    def inferred_triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> list[Triple]:
        return sorted(t for t in self.inferred.triples(pattern) if t not in self.asserted and t[0] not in self._run)

    def explain(self, triple: Triple) -> Explanation | None:
        return self._explain(triple, frozenset())

    def _explain(self, triple: Triple, visiting: frozenset) -> Explanation | None:
        if triple in self._done:
            return self._done[triple]
        if triple in self.asserted:
            found = Explanation(triple, sources=self._sources(triple), graph=self.home.get(triple))
            self._done[triple] = found
            return found
        if triple not in self.known or triple in visiting:
            return None
        for rule, axioms, premises in self._instances(triple):
            explained = [self._explain(p, visiting | {triple}) for p in premises]
            if all(e is not None for e in explained):
                found = Explanation(triple, rule, axioms, explained)  # type: ignore[arg-type]
                self._done[triple] = found
                return found
        return None

    def _sources(self, triple: Triple) -> list[Source]:
        s, p, o = triple
        found = []
        for statement in sorted(set(self.statements.subjects(RDF.subject, s))):
            said = self.statements
            if (statement, RDF.predicate, p) not in said or (statement, RDF.object, o) not in said:
                continue
            evidence = self.statements.value(statement, PROV.wasDerivedFrom)
            article = self.statements.value(evidence, OA.hasSource) if evidence is not None else None
            quote = None
            if article is not None:
                for selector in self.statements.objects(evidence, OA.hasSelector):
                    quote = quote or self.statements.value(selector, OA.exact)
            found.append(
                Source(
                    statement,
                    str(quote) if quote is not None else None,
                    self.statements.value(statement, KGO.speaker),
                    article,
                    evidence if article is None else None,
                )
            )
        return found

    def _instances(self, triple: Triple) -> Iterator[tuple[str, list[Triple], list[Triple]]]:
        s, p, o = triple
        onto, known = self.ontology, self.known
        if p == RDF.type:
            for sub in sorted(onto.subjects(RDFS.subClassOf, o)):
                if (s, RDF.type, sub) in known:
                    yield "cax-sco", [(sub, RDFS.subClassOf, o)], [(s, RDF.type, sub)]
            for same in sorted(_equivalents(onto, o, OWL.equivalentClass)):
                if (s, RDF.type, same) in known:
                    yield "cax-eqc", [(o, OWL.equivalentClass, same)], [(s, RDF.type, same)]
            for prop in sorted(onto.subjects(RDFS.domain, o)):
                for value in sorted(known.objects(s, prop)):
                    yield "prp-dom", [(prop, RDFS.domain, o)], [(s, prop, value)]
            for prop in sorted(onto.subjects(RDFS.range, o)):
                for subject in sorted(known.subjects(prop, s)):
                    yield "prp-rng", [(prop, RDFS.range, o)], [(subject, prop, s)]
            return
        for sub in sorted(onto.subjects(RDFS.subPropertyOf, p)):
            if (s, sub, o) in known:
                yield "prp-spo1", [(sub, RDFS.subPropertyOf, p)], [(s, sub, o)]
        for same in sorted(_equivalents(onto, p, OWL.equivalentProperty)):
            if (s, same, o) in known:
                yield "prp-eqp", [(p, OWL.equivalentProperty, same)], [(s, same, o)]
        for inverse, axiom in sorted(_inverses(onto, p)):
            if (o, inverse, s) in known:
                yield "prp-inv", [axiom], [(o, inverse, s)]
        if (p, RDF.type, OWL.SymmetricProperty) in onto and (o, p, s) in known:
            yield "prp-symp", [(p, RDF.type, OWL.SymmetricProperty)], [(o, p, s)]
        if (p, RDF.type, OWL.TransitiveProperty) in onto:
            for middle in sorted(known.objects(s, p)):
                if middle != o and (middle, p, o) in known:
                    yield "prp-trp", [(p, RDF.type, OWL.TransitiveProperty)], [(s, p, middle), (middle, p, o)]
        for chain in sorted(onto.objects(p, OWL.propertyChainAxiom)):
            steps = list(Collection(onto, chain))
            for path in _paths(known, s, steps, o):
                yield "prp-spo2", [(p, OWL.propertyChainAxiom, chain)], path


def _equivalents(onto: Graph, term: Node, relation: URIRef) -> set[Node]:
    return set(onto.objects(term, relation)) | set(onto.subjects(relation, term))


def _inverses(onto: Graph, prop: Node) -> Iterator[tuple[Node, Triple]]:
    for inverse in onto.objects(prop, OWL.inverseOf):
        yield inverse, (prop, OWL.inverseOf, inverse)
    for inverse in onto.subjects(OWL.inverseOf, prop):
        yield inverse, (inverse, OWL.inverseOf, prop)


def _paths(known: Graph, start: Node, steps: list[Node], end: Node) -> Iterator[list[Triple]]:
    """Every way to walk from ``start`` to ``end`` along the chain's properties."""
    if not steps:
        return
    first, rest = steps[0], steps[1:]
    for middle in sorted(known.objects(start, first)):
        if not rest:
            if middle == end:
                yield [(start, first, middle)]
            continue
        for path in _paths(known, middle, rest, end):
            yield [(start, first, middle), *path]


RULE_NAMES = {
    "cax-sco": "subclass (rdfs:subClassOf)",
    "cax-eqc": "equivalent class (owl:equivalentClass)",
    "prp-dom": "domain (rdfs:domain)",
    "prp-rng": "range (rdfs:range)",
    "prp-spo1": "subproperty (rdfs:subPropertyOf)",
    "prp-eqp": "equivalent property (owl:equivalentProperty)",
    "prp-inv": "inverse (owl:inverseOf)",
    "prp-symp": "symmetric property (owl:SymmetricProperty)",
    "prp-trp": "transitive property (owl:TransitiveProperty)",
    "prp-spo2": "property chain (owl:propertyChainAxiom)",
}


def parse_term(dataset: Dataset, spec: str, base: str, position: str) -> Node:
    """A term as typed on the command line: an IRI, a prefixed name (kgo:chairs,
    rdf:type, or 'a'), an entity (as kg describe takes it), or for the object
    an integer or a quoted N-Triples literal."""
    if spec == "a":
        return RDF.type
    if spec.startswith(("http://", "https://")):
        return URIRef(spec)
    prefix, colon, _ = spec.partition(":")
    if colon and prefix.isascii() and prefix.replace("-", "").isalnum():
        try:
            return URIRef(expand(spec))
        except KeyError:
            raise QueryError(f"{position}: unknown prefix {prefix!r} in {spec!r}") from None
    if position == "object" and (spec.lstrip("-").isdigit() or spec.startswith('"')):
        try:
            return from_n3(spec)
        except Exception:  # rdflib's term parser raises many kinds
            raise QueryError(f"object: {spec!r} is not an N-Triples literal") from None
    return resolve_entity(dataset, spec, base)


def render(explanation: Explanation, dataset: Dataset, lang: str, base: str) -> str:
    """The explanation as indented text: each inference with its rule and
    axioms, each asserted premise with the statements and quotes behind it."""

    def name(node: Node) -> str:
        if str(node).startswith(str(KGO)):
            return f"kgo:{str(node)[len(str(KGO)) :]}"
        if list(dataset.objects(node, RDF.first)):
            return "(" + " ".join(name(item) for item in Collection(dataset, node)) + ")"
        if str(node).startswith(base) and (node, RDFS.label, None) in dataset:
            return f"{label(dataset, node, lang)} <{str(node)[len(base) :]}>"
        if isinstance(node, URIRef):
            try:
                return dataset.namespace_manager.curie(node, generate=False)
            except (KeyError, ValueError):
                return f"<{node}>"
        return node.n3() if hasattr(node, "n3") else str(node)

    def triple(t: Triple) -> str:
        return " ".join(name(term) for term in t)

    lines: list[str] = []

    def walk(step: Explanation, depth: int) -> None:
        pad = "  " * depth
        if step.asserted:
            where = f"<{str(step.graph)[len(base) :]}>" if step.graph is not None else "the graph"
            lines.append(f"{pad}{triple(step.triple)}   [asserted in {where}]")
            for source in step.sources:
                if source.article is not None:
                    who = f"{label(dataset, source.speaker, lang)} said" if source.speaker else "narration"
                    lines.append(f"{pad}  {who}, in {name(source.article)}: «{source.quote}»")
                else:
                    lines.append(f"{pad}  reference: {label(dataset, source.reference, lang)}")
            if not step.sources:
                lines.append(f"{pad}  curated entity data (data/entities.yaml)")
            return
        lines.append(f"{pad}{triple(step.triple)}   [inferred: {step.rule}, {RULE_NAMES[step.rule]}]")
        for axiom in step.axioms:
            lines.append(f"{pad}  because {triple(axiom)}   [ontology]")
        for premise in step.premises:
            walk(premise, depth + 1)

    walk(explanation, 0)
    if not explanation.asserted and explanation.only_claims():
        lines.append("rests only on claims of articles (no reference table or curated entity data)")
    return "\n".join(lines) + "\n"

"""Each SHACL shape fails on a graph broken in the way it guards against."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, QB, RDF, RDFS, SKOS, XSD

from conftest import ROOT
from kg.build import load_turtle
from kg.namespaces import DEFAULT_BASE, KGO, OA, SCHEMA
from kg.validate import validate

SHAPES_NS = "https://kg.example.org/shapes#"
TIME_IN_XSD_GYEAR = URIRef("http://www.w3.org/2006/time#inXSDGYear")
TIME_HAS_END = URIRef("http://www.w3.org/2006/time#hasEnd")


def kg(path: str) -> URIRef:
    return URIRef(DEFAULT_BASE + path)


MEETING = kg("event/west-kazakhstan-anti-corruption-meeting")
EVIDENCE = kg("evidence/45cd44230e9f16be/296-344")


def remove(*pattern) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        assert list(graph.triples(pattern)), pattern
        graph.remove(pattern)

    return mutate


def add(*triple) -> Callable[[Graph], None]:
    return lambda graph: graph.add(triple)


def replace(subject, predicate, value) -> Callable[[Graph], None]:
    def mutate(graph: Graph) -> None:
        assert graph.value(subject, predicate) is not None
        graph.set((subject, predicate, value))

    return mutate


MUTATIONS: dict[str, Callable[[Graph], None]] = {
    "LabelledEntityShape": remove(kg("person/alik-shpekbayev"), RDFS.label, Literal("Alik Shpekbayev", lang="en")),
    "HumanReadableTextShape": add(MEETING, RDFS.comment, Literal("a comment without a language tag")),
    "PersonShape": add(kg("person/alik-shpekbayev"), KGO.holdsPost, kg("place/oral")),
    "PostShape": remove(kg("post/agency-deputy-chairman"), KGO.postIn, None),
    "OrganisationShape": add(kg("org/nur-otan-west-kazakhstan-branch"), KGO.branchOf, kg("place/oral")),
    "JurisdictionShape": add(kg("org/west-kazakhstan-akimat"), KGO.jurisdiction, kg("person/alik-shpekbayev")),
    "AdministrativeDivisionShape": remove(kg("place/oral"), KGO.containedInPlace, None),
    "MeetingShape": add(MEETING, KGO.chairedBy, kg("person/alik-shpekbayev")),
    "MeetingPartShape": remove(MEETING, KGO.hasPart, kg("event/west-kazakhstan-anti-corruption-meeting/opening")),
    "DocumentShape": add(kg("document/anti-corruption-strategy-2015-2025"), KGO.validityPeriod, kg("time/2006-2010")),
    "YearIntervalShape": replace(kg("time/2015-2025"), TIME_HAS_END, kg("time/year-2006")),
    "InstantShape": add(kg("time/year-2015"), TIME_IN_XSD_GYEAR, Literal("2016", datatype=XSD.gYear)),
    "ObservationShape": remove(kg("observation/cases-oral"), KGO.numberOfCasesOpened, None),
    "DataSetShape": remove(kg("observation/cpi-2015-kazakhstan"), QB.dataSet, None),
    "ConceptShape": remove(kg("sector/state-revenue-bodies"), SKOS.inScheme, None),
    "NewsArticleShape": replace(kg("article/45cd44230e9f16be"), SCHEMA.sha256, Literal("c976a512")),
    "StatementShape": remove(kg("statement/45cd44230e9f16be/meeting-chaired-by-kulginov"), PROV.wasDerivedFrom, None),
    "EvidenceShape": replace(URIRef(f"{EVIDENCE}/quote"), OA.exact, Literal("Жиынға облыс әкімі", lang="kk")),
    "TextPositionSelectorShape": replace(
        URIRef(f"{EVIDENCE}/position"), OA.start, Literal(400, datatype=XSD.nonNegativeInteger)
    ),
    "TextQuoteSelectorShape": remove(URIRef(f"{EVIDENCE}/quote"), OA.exact, None),
    "MentionShape": remove(kg("mention/45cd44230e9f16be/0-17"), OA.hasBody, None),
    "ReferenceSourceShape": remove(kg("source/https-adilet-zan-kz-eng-docs-z1500000410"), RDFS.label, None),
    "EveryFactHasEvidenceShape": add(MEETING, KGO.hasParticipant, kg("person/nursultan-nazarbayev")),
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_turtle(ROOT / "ontology" / "shapes.ttl")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_turtle(ROOT / "ontology" / "kg.ttl")


def test_every_shape_has_a_failing_fixture(shapes):
    named = {
        str(s)[len(SHAPES_NS) :]
        for s in shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))
        if str(s).startswith(SHAPES_NS)
    }
    assert named == set(MUTATIONS)


@pytest.mark.parametrize("shape", sorted(MUTATIONS))
def test_the_shape_catches_its_fixture_and_passes_the_real_graph(built, shapes, ontology, shape):
    result, _ = built
    iri = URIRef(SHAPES_NS + shape)
    assert validate(result.graph, shapes, ontology, only=[iri]).conforms

    broken = Graph()
    broken += result.graph
    MUTATIONS[shape](broken)
    report = validate(broken, shapes, ontology, only=[iri])

    assert not report.conforms
    assert {v.shape for v in report.violations} == {f"kgs:{shape}"}
    assert all(v.message for v in report.violations)

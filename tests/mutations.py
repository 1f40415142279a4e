"""One break per SHACL shape of ontology/shapes.ttl, applied to the real graph: each must be caught."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, QB, RDF, RDFS, SKOS, XSD

from kg.namespaces import DEFAULT_BASE, KGO, OA, SCHEMA

SHAPES_NS = "https://kg.example.org/shapes#"
TIME_IN_XSD_G_YEAR = URIRef("http://www.w3.org/2006/time#inXSDgYear")
TIME_HAS_END = URIRef("http://www.w3.org/2006/time#hasEnd")
SH_TARGET_SUBJECTS_OF = URIRef("http://www.w3.org/ns/shacl#targetSubjectsOf")


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
    "CandidateShape": add(kg("candidate/unlabelled"), RDF.type, KGO.Candidate),
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
    "InstantShape": add(kg("time/year-2015"), TIME_IN_XSD_G_YEAR, Literal("2016", datatype=XSD.gYear)),
    "ObservationShape": remove(kg("observation/cases-oral"), KGO.numberOfCasesOpened, None),
    "DataSetShape": remove(kg("observation/cpi-2015-kazakhstan"), QB.dataSet, None),
    "ConceptShape": remove(kg("sector/state-revenue-bodies"), SKOS.inScheme, None),
    "NewsArticleShape": replace(kg("article/45cd44230e9f16be"), SCHEMA.sha256, Literal("c976a512")),
    "StatementShape": remove(kg("statement/45cd44230e9f16be/meeting-chaired-by-kulginov"), PROV.wasDerivedFrom, None),
    "EvidenceShape": remove(EVIDENCE, OA.hasSource, None),
    "QuotesMatchTextShape": replace(URIRef(f"{EVIDENCE}/quote"), OA.exact, Literal("Жиынға облыс әкімі", lang="kk")),
    "TextPositionSelectorShape": replace(
        URIRef(f"{EVIDENCE}/position"), OA.start, Literal(400, datatype=XSD.nonNegativeInteger)
    ),
    "TextQuoteSelectorShape": remove(URIRef(f"{EVIDENCE}/quote"), OA.exact, None),
    "MentionShape": remove(kg("mention/45cd44230e9f16be/0-17"), OA.hasBody, None),
    "ReferenceSourceShape": remove(kg("source/https-adilet-zan-kz-eng-docs-z1500000410"), RDFS.label, None),
    "EveryFactHasEvidenceShape": add(MEETING, KGO.hasParticipant, kg("person/nursultan-nazarbayev")),
}

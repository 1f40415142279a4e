"""Each SHACL shape fails on a graph broken in the way it guards against."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, QB, RDF, RDFS, SKOS, XSD

from conftest import ROOT
from kg.namespaces import DEFAULT_BASE, KGO, OA, SCHEMA
from kg.pipeline.validate import VALIDATORS, validate
from test_build_cli import run_kg

SHAPES_NS = "https://kg.example.org/shapes#"
TIME_IN_XSD_GYEAR = URIRef("http://www.w3.org/2006/time#inXSDGYear")
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
    broken = Graph()
    broken += result.graph
    MUTATIONS[shape](broken)
    found = {}
    for validator in VALIDATORS:
        assert validate(result.graph, shapes, ontology, only=[iri], validator=validator).conforms, validator
        report = validate(broken, shapes, ontology, only=[iri], validator=validator)

        assert not report.conforms, validator
        assert {v.shape for v in report.violations} == {f"kgs:{shape}"}, validator
        assert all(v.message for v in report.violations), validator
        found[validator] = {(v.focus, v.path, v.shape) for v in report.violations}
    # The two engines agree on what is wrong and where.
    assert found["pyshacl"] == found["rudof"]


def test_every_fact_shape_targets_every_property_but_a_statements(shapes, ontology):
    declared = {
        p
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in ontology.subjects(RDF.type, kind)
        if str(p).startswith(str(KGO)) and (p, RDFS.domain, KGO.Statement) not in ontology
    }
    targeted = set(shapes.objects(URIRef(SHAPES_NS + "EveryFactHasEvidenceShape"), SH_TARGET_SUBJECTS_OF))
    assert declared and targeted == declared


def test_kg_build_with_rudof_writes_the_same_graph_and_report(built, tmp_path):
    result = run_kg("build", "-q", "--validator", "rudof", "--out", str(tmp_path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    for name in ("kg.nt", "kg.nq", "shacl-report.ttl", "summary.json"):
        assert (tmp_path / name).read_bytes() == (built[1] / name).read_bytes(), name


def test_kg_build_with_rudof_stops_on_a_violation_like_pyshacl(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    article = data / "articles" / "000_45cd44230e9f16be.yaml"
    fact = "  - id: akim-post-in-akimat\n    s: post/west-kazakhstan-akim\n    p: postIn\n"
    text = article.read_text(encoding="utf-8")
    assert fact in text
    # Only the shapes know that a post must be a post in something.
    article.write_text(text.replace(fact, fact.replace("p: postIn", "p: jurisdiction")), encoding="utf-8")
    for validator in VALIDATORS:
        out = tmp_path / "out"
        result = run_kg("build", "-q", "--validator", validator, "--data", str(data), "--out", str(out), cwd=ROOT)
        assert result.returncode == 4, (validator, result.stderr)
        assert "SHACL violation" in result.stderr and "west-kazakhstan-akim" in result.stderr, validator


def test_a_shape_whose_sparql_does_not_parse_is_a_one_line_error_and_changes_nothing(built, tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    shapes = ontology / "shapes.ttl"
    text = shapes.read_text(encoding="utf-8")
    assert "SELECT $this ?value WHERE {" in text
    shapes.write_text(text.replace("SELECT $this ?value WHERE {", "SELECT $this ?value WHERE {{{", 1), encoding="utf-8")
    out = tmp_path / "out"
    shutil.copytree(built[1], out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    for validator in VALIDATORS:
        result = run_kg(
            "build", "-q", "--validator", validator, "--ontology", str(ontology), "--out", str(out), cwd=ROOT
        )
        assert result.returncode == 3, (validator, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "SHACL shapes cannot be applied" in result.stderr
        assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before

"""Each SHACL shape fails on a graph broken in the way it guards against."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from fixtures import ROOT, copy_seed_data, invoke, seed_root
from kg.namespaces import KGO
from kg.pipeline.validate import VALIDATORS, validate
from mutations import MUTATIONS, SH_TARGET_SUBJECTS_OF, SHAPES_NS


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


def test_every_fact_shape_targets_every_property_but_those_about_statements(shapes, ontology):
    """Statements and the propositions they express are about facts, not facts with evidence."""
    declared = {
        p
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
        for p in ontology.subjects(RDF.type, kind)
        if str(p).startswith(str(KGO)) and not {KGO.Statement, KGO.Proposition} & set(ontology.objects(p, RDFS.domain))
    }
    targeted = set(shapes.objects(URIRef(SHAPES_NS + "EveryFactHasEvidenceShape"), SH_TARGET_SUBJECTS_OF))
    assert declared and targeted == declared


def test_kg_build_with_pyshacl_the_reference_writes_the_same_graph_and_report_as_rudof(built, tmp_path):
    # built is the default build: rudof validates it.
    result = invoke("build", "-q", "--validator", "pyshacl", "--out", str(tmp_path), cwd=seed_root())
    assert result.returncode == 0, result.stderr
    for name in ("kg.nt", "kg.nq", "shacl-report.ttl", "summary.json"):
        assert (tmp_path / name).read_bytes() == (built[1] / name).read_bytes(), name


def test_kg_build_with_rudof_stops_on_a_violation_like_pyshacl(tmp_path):
    data = tmp_path / "data"
    copy_seed_data(data)
    article = data / "articles" / "000_45cd44230e9f16be.yaml"
    fact = "  - id: deputy-chairman-post-in-agency\n    s: post/agency-deputy-chairman\n    p: postIn\n"
    text = article.read_text(encoding="utf-8")
    assert fact in text
    # Only the shapes know that a post must be a post in something.
    article.write_text(text.replace(fact, fact.replace("p: postIn", "p: jurisdiction")), encoding="utf-8")
    for validator in VALIDATORS:
        out = tmp_path / "out"
        result = invoke("build", "-q", "--validator", validator, "--data", str(data), "--out", str(out), cwd=ROOT)
        assert result.returncode == 4, (validator, result.stderr)
        assert "SHACL violation" in result.stderr and "agency-deputy-chairman" in result.stderr, validator


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
        result = invoke(
            "build", "-q", "--validator", validator, "--ontology", str(ontology), "--out", str(out), cwd=seed_root()
        )
        assert result.returncode == 3, (validator, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "SHACL shapes cannot be applied" in result.stderr
        assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before

"""The synthetic corpus for benchmarks builds, with per-article and shared entities."""

from __future__ import annotations

from rdflib import Dataset, URIRef

from conftest import ROOT
from test_build_cli import run_kg


def test_a_generated_corpus_builds_with_its_own_and_shared_entities(tmp_path):
    result = run_kg("bench", "generate", "--articles", "2", "-o", str(tmp_path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    built = run_kg("build", "-q", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "build"), cwd=ROOT)
    assert built.returncode == 0, built.stderr
    dataset = Dataset(default_union=True)
    dataset.parse(tmp_path / "build" / "kg.nq", format="nquads")
    base = "https://kg.example.org/"
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {f"{base}graph/article/syn-00001", f"{base}graph/article/syn-00002"} <= graphs
    chair = URIRef(f"{base}ontology#chairedBy")
    meetings = set(dataset.subjects(chair, URIRef(f"{base}person/altai-kulginov")))
    assert meetings == {
        URIRef(f"{base}event/west-kazakhstan-anti-corruption-meeting-1"),
        URIRef(f"{base}event/west-kazakhstan-anti-corruption-meeting-2"),
    }
    statements = {s for s in dataset.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"), chair)}
    assert len(statements) == 2

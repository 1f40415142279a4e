"""The synthetic corpus for benchmarks builds, with per-article and shared entities."""

from __future__ import annotations

import yaml
from rdflib import Dataset, URIRef

from fixtures import ROOT, invoke


def test_a_generated_corpus_builds_with_its_own_and_shared_entities(tmp_path):
    result = invoke("bench", "generate", "--articles", "2", "-o", str(tmp_path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    built = invoke("build", "-q", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "build"), cwd=ROOT)
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


def test_articles_of_a_few_facts_go_round_the_seed_and_build(tmp_path):
    result = invoke("bench", "generate", "--articles", "40", "--facts", "4", "-o", str(tmp_path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    seed = yaml.safe_load((ROOT / "data" / "articles" / "000_45cd44230e9f16be.yaml").read_text(encoding="utf-8"))
    articles = sorted((tmp_path / "data" / "articles").glob("syn-*.yaml"))
    stated = [yaml.safe_load(path.read_text(encoding="utf-8"))["facts"] for path in articles]
    assert len(stated) == 40
    assert len(stated[0]) == len(seed["facts"])
    assert all(4 <= len(facts) < len(seed["facts"]) for facts in stated[1:])
    assert {fact["id"] for facts in stated[1:] for fact in facts} == {fact["id"] for fact in seed["facts"]}
    out = tmp_path / "build"
    built = invoke(
        "build",
        "-q",
        "--reasoner",
        "reasonable",
        "--validator",
        "rudof",
        "--data",
        str(tmp_path / "data"),
        "--out",
        str(out),
        cwd=ROOT,
    )
    assert built.returncode == 0, built.stderr


def test_kg_bench_refuses_sizes_below_one_before_any_work():
    for sizes in ("0", "-3", "1,x", ""):
        result = invoke("bench", "--articles", sizes, cwd=ROOT)
        assert result.returncode == 2, (sizes, result.stderr)
        assert "whole numbers of 1 or more" in result.stderr


def test_kg_bench_stops_a_stack_at_its_budget_and_the_table_says_so(good_output):
    from kg.bench.measure import _within_budget, table

    plain, finished = _within_budget("measure_plain", [good_output, ROOT / "ontology", ROOT / "queries"], 1.0)
    anchor, anchor_finished = _within_budget("measure_anchor", [good_output, ROOT / "queries"], 60.0)
    assert not finished and len(plain) < 5
    assert anchor_finished and [name for name, _ in anchor] == ["load for queries", "queries"]
    stages = ["compile", "validate", "reason", "load for queries", "queries"]
    row = {
        "articles": 1,
        "triples": 5720,
        "ours": [(name, 1.0) for name in stages],
        "whole_build": 2.0,
        "anchor": [],
        "anchor_finished": False,
        "plain": plain,
        "plain_finished": finished,
        "budget": 1.0,
    }
    lines = {line.split(" | ")[2]: line.split(" | ") for line in table([row]).splitlines()[2:]}
    assert lines["queries"][4] == "> 1" and lines["queries"][5] == "> 1"  # plain stack, then pyoxigraph
    assert lines["compile"][5] == "–"  # no anchor to stop
    assert lines["**whole build**"][4] == "> 1"

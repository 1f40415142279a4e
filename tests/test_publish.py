"""`kg publish` into a real Oxigraph server, and the named queries run there."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.term import Node

import kg.publish
from fixtures import (
    ROOT,
    assert_the_cli_reads_the_store_alike,
    built_graphs,
    free_port,
    invoke,
    local_answer,
    terms,
    wait_until_up,
)
from kg.query.named import catalogue
from kg.query.run import run_remote
from kg.remote import Remote, query

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_NON_NEGATIVE_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(OXIGRAPH).exists():
        pytest.fail("the oxigraph server is missing: pip install oxigraph (it is in the test extra)")
    port = free_port()
    process = subprocess.Popen(
        [
            OXIGRAPH,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/query", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def published(oxigraph, built) -> str:
    _, out = built
    result = invoke("publish", "--endpoint", f"{oxigraph}/store", "--build", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "the store's counts match" in result.stdout
    assert "(Oxigraph PUT, bulk POST from 5000 triples)" in result.stderr
    return oxigraph


@pytest.mark.parametrize("name", sorted(catalogue(ROOT / "queries")))
def test_every_named_query_answers_the_same_in_the_store(published, built, name):
    text = catalogue(ROOT / "queries")[name].text
    local = local_answer(built[1], text)  # empty for the queries across articles
    assert terms(run_remote(Remote(f"{published}/query"), text, "en")) == local


def as_oxigraph_holds(term: Node) -> Node:
    """Oxigraph keeps a literal of a type derived from xsd:integer as an
    xsd:integer (oxigraph/oxigraph#526); Virtuoso keeps the type."""
    if isinstance(term, Literal) and term.datatype == XSD_NON_NEGATIVE_INTEGER:
        return Literal(str(term), datatype=XSD_INTEGER)
    return term


def holds_the_built_graphs(url: str, build: Path) -> None:
    remote = Remote(f"{url}/query")
    for name, graph in built_graphs(build).items():
        held = {tuple(row) for row in query(remote, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")}
        assert held == {tuple(map(as_oxigraph_holds, triple)) for triple in graph}, name


def test_the_store_holds_the_built_graphs_as_oxigraph_normalises_them(published, built):
    holds_the_built_graphs(published, built[1])


def test_large_graphs_go_by_bulk_load_and_small_ones_by_put(published, built, monkeypatch):
    bulk_load, bulk_loaded = kg.publish._delete_then_bulk_post, []

    def recording(store: Remote, name: str, data: bytes) -> None:
        bulk_loaded.append(name)
        bulk_load(store, name, data)

    monkeypatch.setattr(kg.publish, "BULK_FROM_TRIPLES", 1000)
    monkeypatch.setattr(kg.publish, "_delete_then_bulk_post", recording)
    result = invoke("publish", "--endpoint", f"{published}/store", "--build", str(built[1]), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    sizes = {name: len(graph) for name, graph in built_graphs(built[1]).items()}
    assert bulk_loaded == sorted(name for name, size in sizes.items() if size >= 1000)
    assert 0 < len(bulk_loaded) < len(sizes)
    holds_the_built_graphs(published, built[1])


def test_publishing_again_replaces_the_graphs(published, built):
    result = invoke("publish", "--endpoint", f"{published}/store", "--build", str(built[1]), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    total = sum(int(n) for line in result.stderr.splitlines() if (n := line.rsplit(": ", 1)[-1].split()[0]).isdigit())
    assert f"published {total} triples" in result.stdout


def test_kg_query_prints_the_same_from_the_store(published, built):
    assert_the_cli_reads_the_store_alike(f"{published}/query", built[1])


def test_one_graph_can_be_published_alone(published, built):
    graph = "https://kg.example.org/graph/reference"
    result = invoke("publish", "--endpoint", f"{published}/store", "--graph", graph, "--build", str(built[1]), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "in 1 named graphs" in result.stdout


def test_an_unreachable_store_is_a_one_line_error(built):
    port = free_port()
    result = invoke("publish", "--endpoint", f"http://127.0.0.1:{port}/store", "--build", str(built[1]), cwd=ROOT)
    assert result.returncode == 7
    assert result.stderr.strip().splitlines()[-1].startswith("kg: error: cannot reach http://127.0.0.1:")


@pytest.mark.parametrize("url", ["notaurl", "ftp://example.org/store", "http:///store"])
def test_a_store_url_that_is_not_http_is_a_one_line_error(built, url):
    for args in (("publish", "--endpoint", url, "--build", str(built[1])), ("query", "who-chaired", "--endpoint", url)):
        result = invoke(*args, cwd=ROOT)
        assert result.returncode == 7, result.stderr
        assert result.stderr.strip().splitlines()[-1].endswith("is not an http(s) URL of a store")
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("<https://kg.example.org/s> <https://kg.example.org/p> .", "is damaged ("),
        ("<https://kg.example.org/s> <https://kg.example.org/p> <https://kg.example.org/o> .", "outside a named graph"),
    ],
)
def test_a_damaged_dump_is_a_one_line_error(published, built, tmp_path, line, why):
    build = tmp_path / "build"
    shutil.copytree(built[1], build)
    with (build / "kg.nq").open("a", encoding="utf-8") as dump:
        dump.write(line + "\n")
    result = invoke("publish", "--endpoint", f"{published}/store", "--build", str(build), cwd=ROOT)
    assert result.returncode == 5, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"kg: error: {build / 'kg.nq'} "), last
    assert why in last
    assert last.endswith("run 'kg build' again")

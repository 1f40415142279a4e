"""`kg serve` keeps the SPARQL 1.1 Protocol: results that lose no term, HEAD,
ASK formats, UTF-8 bodies, 5xx for the server's own failures, protocol
datasets, and every RDF format; checked in-process and with SPARQLWrapper."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef
from starlette.testclient import TestClient

from fixtures import ROOT, free_port, invoke, wait_until_up
from kg.artifacts import open_store
from kg.formats import FORMATS
from kg.formats.results import render
from kg.namespaces import DEFAULT_BASE
from kg.query.named import catalogue
from kg.query.run import run_store, with_lang
from kg.server import endpoint as endpoint_module
from kg.server.app import create_app

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
RESULTS = "{http://www.w3.org/2005/sparql-results#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FALSY = "SELECT ?z ?f ?d WHERE { BIND(0 AS ?z) BIND(false AS ?f) BIND(0.0 AS ?d) }"
UNBOUND_KEY = "SELECT ?g (COUNT(*) AS ?n) WHERE { OPTIONAL { ?x <urn:nothing> ?g } } GROUP BY ?g"
XSD = "http://www.w3.org/2001/XMLSchema#"
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ENTITY = "/person/alik-shpekbayev"

Row = tuple[tuple[str, str, str, str], ...]


@pytest.fixture(scope="module")
def client(good_output: Path) -> TestClient:
    return TestClient(create_app(good_output))


def _row(cells: list[tuple[str, str, str, str]]) -> Row:
    # Blank node labels are the writer's own: only that a blank node is there counts.
    return tuple(sorted((var, kind, "" if kind == "bnode" else value, extra) for var, kind, value, extra in cells))


def xml_rows(data: bytes) -> list[Row]:
    """The solutions of a SPARQL XML document as sorted rows of (variable,
    term kind, value, @lang or ^^datatype)."""
    rows = []
    for result in ElementTree.fromstring(data).iter(RESULTS + "result"):
        cells = []
        for binding in result.findall(RESULTS + "binding"):
            (term,) = list(binding)
            lang, datatype = term.get(XML_LANG), term.get("datatype")
            extra = f"@{lang}" if lang else f"^^{datatype}" if datatype else ""
            cells.append((binding.get("name"), term.tag.removeprefix(RESULTS), term.text or "", extra))
        rows.append(_row(cells))
    return sorted(rows)


def json_rows(data: bytes) -> list[Row]:
    rows = []
    for binding in json.loads(data)["results"]["bindings"]:
        cells = []
        for var, term in binding.items():
            lang, datatype = term.get("xml:lang"), term.get("datatype")
            extra = f"@{lang}" if lang else f"^^{datatype}" if datatype else ""
            cells.append((var, term["type"], term["value"], extra))
        rows.append(_row(cells))
    return sorted(rows)


def xml_variables(data: bytes) -> list[str]:
    return [v.get("name") for v in ElementTree.fromstring(data).iter(RESULTS + "variable")]


def ask(client: TestClient, query: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", params={"query": query, **params}, headers=headers)


# --- results that lose no term (defect 1) -------------------------------------


def _assert_falsy_values(rows: list[Row]) -> None:
    (row,) = rows
    values = {var: (value, extra) for var, _, value, extra in row}
    assert values["z"] == ("0", f"^^{XSD}integer")
    assert values["f"] == ("false", f"^^{XSD}boolean")
    # Oxigraph writes the canonical decimal 0, rdflib the lexical form 0.0.
    assert values["d"][0] in ("0", "0.0") and values["d"][1] == f"^^{XSD}decimal"


def test_the_server_writes_zero_and_false_literals_in_xml_as_in_json(client):
    as_xml, as_json = ask(client, FALSY, XML), ask(client, FALSY, JSON)
    assert as_xml.status_code == as_json.status_code == 200
    assert xml_rows(as_xml.content) == json_rows(as_json.content)
    _assert_falsy_values(xml_rows(as_xml.content))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_cli_writes_zero_and_false_literals_in_xml_as_in_json(good_output, engine):
    outputs = {}
    for fmt in ("xml", "json"):
        ran = invoke("query", "--build", str(good_output), "--engine", engine, "-e", FALSY, "-f", fmt)
        assert ran.returncode == 0, ran.output
        outputs[fmt] = ran.stdout.encode("utf-8")
    assert xml_rows(outputs["xml"]) == json_rows(outputs["json"])
    _assert_falsy_values(xml_rows(outputs["xml"]))


def test_an_unbound_group_key_is_written_in_xml(client, good_output):
    answer = ask(client, UNBOUND_KEY, XML)
    assert answer.status_code == 200, answer.text
    assert xml_variables(answer.content) == ["g", "n"]
    assert xml_rows(answer.content) == [(("n", "literal", "1", f"^^{XSD}integer"),)]
    assert xml_rows(answer.content) == json_rows(ask(client, UNBOUND_KEY, JSON).content)
    ran = invoke("query", "--build", str(good_output), "--engine", "rdflib", "-e", UNBOUND_KEY, "-f", "xml")
    assert ran.returncode == 0, ran.output


def test_xml_escapes_markup_keeps_languages_and_refuses_what_xml_cannot_hold(client):
    query = 'SELECT ?l ?b ?i WHERE { BIND("a<&>\\"\\r\\tb"@kk AS ?l) BIND(BNODE() AS ?b) BIND(<urn:x?a=1&b=2> AS ?i) }'
    as_xml = ask(client, query, XML)
    assert as_xml.status_code == 200, as_xml.text
    (row,) = xml_rows(as_xml.content)
    assert ("l", "literal", 'a<&>"\r\tb', "@kk") in row
    assert ("i", "uri", "urn:x?a=1&b=2", "") in row and ("b", "bnode", "", "") in row
    assert xml_rows(as_xml.content) == json_rows(ask(client, query, JSON).content)
    control = ask(client, 'SELECT ?x WHERE { BIND("\\u0001" AS ?x) }', XML)
    assert control.status_code == 406 and "U+0001" in control.text


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_named_query_answers_the_same_in_xml_and_json_from_the_server(client, name):
    query = with_lang(catalogue()[name].text, "en")
    as_xml, as_json = ask(client, query, XML), ask(client, query, JSON)
    assert as_xml.status_code == as_json.status_code == 200, as_xml.text
    assert xml_rows(as_xml.content) == json_rows(as_json.content)
    assert xml_variables(as_xml.content) == json.loads(as_json.content)["head"]["vars"]


def test_every_named_query_renders_the_same_in_xml_and_json_for_the_cli(good_output):
    # The CLI's default engine: Oxigraph's answers, parsed, then rendered by kg.formats.results.
    store = open_store(good_output)
    for name, named in catalogue().items():
        result = run_store(store, named.text, "en")
        as_xml, as_json = render(result, "xml", DEFAULT_BASE, Graph()), render(result, "json", DEFAULT_BASE, Graph())
        assert xml_rows(as_xml) == json_rows(as_json), name
        assert len(json_rows(as_json)) == len(result), name


# --- HEAD (defect 2) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "accept"),
    [
        ("/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}, JSON),
        ("/sparql", {"query": "ASK { ?s ?p ?o }"}, XML),
        ("/sparql", {}, "text/turtle"),
        (ENTITY, {}, "text/turtle"),
        (ENTITY, {}, "text/html"),
    ],
)
def test_head_answers_as_get_without_a_body(client, path, params, accept):
    got = client.get(path, params=params, headers={"Accept": accept})
    head = client.head(path, params=params, headers={"Accept": accept})
    assert got.status_code == head.status_code == 200, head.text
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["vary"] == "Accept"


# --- ASK has no CSV or TSV (defect 3) -----------------------------------------


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_ask_as_csv_or_tsv_is_not_acceptable(client, accept):
    refused = ask(client, "ASK { ?s ?p ?o }", accept)
    assert refused.status_code == 406 and refused.headers["vary"] == "Accept"
    assert JSON in refused.text and accept not in refused.text
    assert ask(client, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", accept).status_code == 200
    # A client that also takes JSON gets it.
    fallback = ask(client, "ASK { ?s ?p ?o }", f"{accept}, {JSON};q=0.5")
    assert fallback.status_code == 200 and fallback.json()["boolean"] is True


def test_ask_in_xml_is_a_boolean(client):
    answer = ask(client, "ASK { ?s ?p ?o }", XML)
    assert ElementTree.fromstring(answer.content).find(RESULTS + "boolean").text == "true"


def test_the_cli_refuses_ask_as_csv(good_output):
    ran = invoke("query", "--build", str(good_output), "-e", "ASK { ?s ?p ?o }", "-f", "csv")
    assert ran.returncode == 2 and "SELECT only" in ran.stderr


# --- bodies that are not UTF-8 (defect 4) --------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/sparql-query", b"SELECT ('\xff' AS ?x) {}"),
        ("application/x-www-form-urlencoded", b"query=SELECT+%28%27%FF%27+AS+%3Fx%29+%7B%7D"),
        ("application/x-www-form-urlencoded", b"query=SELECT ('\xff' AS ?x) {}"),
    ],
)
def test_a_body_that_is_not_utf8_is_refused(client, content_type, body):
    answer = client.post("/sparql", content=body, headers={"Content-Type": content_type, "Accept": JSON})
    assert answer.status_code == 400
    assert "not valid UTF-8" in answer.text


def test_a_url_that_is_not_utf8_is_refused_and_utf8_is_read(client):
    assert client.get("/sparql?query=SELECT+%28%27%FF%27+AS+%3Fx%29+%7B%7D").status_code == 400
    text = 'SELECT ?x WHERE { BIND("Алтай Көлгінов" AS ?x) }'
    direct = client.post(
        "/sparql", content=text.encode("utf-8"), headers={"Content-Type": "application/sparql-query", "Accept": JSON}
    )
    assert direct.json()["results"]["bindings"][0]["x"]["value"] == "Алтай Көлгінов"


# --- the server's own failures are 5xx (defect 5) ------------------------------


def test_an_evaluation_crash_is_a_server_error(good_output, monkeypatch):
    def broken(*args: object) -> bytes:
        raise RuntimeError("the disk is full")

    # A new server's query workers are forked after this, so they inherit the broken writer.
    monkeypatch.setattr(endpoint_module, "render", broken)
    client = TestClient(create_app(good_output))
    answer = ask(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", JSON)
    assert answer.status_code == 500 and "the disk is full" in answer.text


def test_a_child_that_dies_is_a_server_error(good_output, monkeypatch):
    monkeypatch.setattr(endpoint_module, "_evaluate", lambda *args: os._exit(1))
    client = TestClient(create_app(good_output))
    assert ask(client, "ASK { ?s ?p ?o }", JSON).status_code == 500


def test_the_query_s_own_faults_stay_400(client):
    assert ask(client, "SELECT * WHERE { ?s ?p }", JSON).status_code == 400
    bad_pattern = ask(client, 'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?s), "(")) }', JSON)
    assert bad_pattern.status_code == 400


# --- default-graph-uri and named-graph-uri (defect 6) ---------------------------


@pytest.fixture(scope="module")
def graph_sizes(client: TestClient) -> dict[str, int]:
    bindings = ask(client, GRAPH_COUNTS, JSON).json()["results"]["bindings"]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in bindings}


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_a_default_graph_uri_of_ours_is_the_default_graph(client, graph_sizes):
    assert len(graph_sizes) >= 3
    for iri, size in graph_sizes.items():
        assert _count(ask(client, COUNT, JSON, **{"default-graph-uri": iri})) == size, iri
    # Without one, the default graph stays the union.
    assert _count(ask(client, COUNT, JSON)) >= max(graph_sizes.values())


def test_several_default_graph_uris_merge_and_named_graph_uris_are_the_named_graphs(client, graph_sizes):
    first, second = sorted(graph_sizes)[:2]
    params = [("query", COUNT), ("default-graph-uri", first), ("default-graph-uri", second)]
    merged = _count(client.get("/sparql", params=params, headers={"Accept": JSON}))
    assert max(graph_sizes[first], graph_sizes[second]) <= merged <= graph_sizes[first] + graph_sizes[second]
    by_form = client.post("/sparql", data={"query": GRAPH_COUNTS, "named-graph-uri": second}, headers={"Accept": JSON})
    assert {b["g"]["value"] for b in by_form.json()["results"]["bindings"]} == {second}
    # Named graphs only: the default graph is empty, as with FROM NAMED alone.
    assert _count(ask(client, COUNT, JSON, **{"named-graph-uri": second})) == 0


@pytest.mark.parametrize("where", ["url", "form"])
def test_a_graph_uri_not_of_ours_is_refused_naming_it(client, graph_sizes, where):
    ours = next(iter(graph_sizes))
    for name in ("default-graph-uri", "named-graph-uri"):
        fields = [("query", COUNT), (name, ours), (name, "file:///etc/passwd")]
        if where == "url":
            answer = client.get("/sparql", params=fields, headers={"Accept": JSON})
        else:
            answer = client.post("/sparql", data=dict(fields[:1]) | {name: [ours, "file:///etc/passwd"]})
        assert answer.status_code == 400 and "file:///etc/passwd" in answer.text, answer.text
        assert "root:" not in answer.text


def test_from_in_the_query_text_stays_refused_with_a_graph_uri(client, graph_sizes):
    ours = next(iter(graph_sizes))
    query = f"SELECT * FROM <{ours}> WHERE {{ ?s ?p ?o }}"
    assert ask(client, query, JSON, **{"default-graph-uri": ours}).status_code == 400


# --- every RDF format, and */* (defect 7) ----------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS.values()), ids=lambda f: f.name)
def test_construct_describe_and_entity_pages_answer_in_every_rdf_format(client, fmt):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"
    describe = f"DESCRIBE <{DEFAULT_BASE}person/alik-shpekbayev>"
    for answer in (ask(client, construct, fmt.media_type), ask(client, describe, fmt.media_type)):
        assert answer.status_code == 200 and answer.headers["content-type"] == fmt.content_type, answer.text
        parsed = (Dataset() if fmt.keeps_graphs else Graph()).parse(data=answer.content, format=fmt.parser)
        assert len(list(parsed.quads())) if fmt.keeps_graphs else len(parsed)
    page = client.get(ENTITY, headers={"Accept": fmt.media_type})
    assert page.status_code == 200 and page.headers["content-type"] == fmt.content_type


def test_rdf_xml_carries_construct_results_and_entity_pages(client):
    construct = "CONSTRUCT { <urn:a> <urn:z> 0 , false , 0.0 , 'x'@kk } WHERE {}"
    answer = ask(client, construct, "application/rdf+xml")
    assert answer.headers["content-type"] == "application/rdf+xml"
    assert len(Graph().parse(data=answer.content, format="xml")) == 4
    page = client.get(ENTITY, headers={"Accept": "application/rdf+xml"})
    graph = Graph().parse(data=page.content, format="xml")
    assert (URIRef(DEFAULT_BASE + ENTITY[1:]), URIRef("https://kg.example.org/ontology#holdsPost"), None) in graph


@pytest.mark.parametrize("accept", ["*/*", None, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
def test_any_type_gets_json_for_solutions_and_turtle_for_graphs(client, accept):
    select = ask(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", accept)
    assert select.headers["content-type"] == JSON and select.json()["results"]["bindings"]
    assert ask(client, "ASK { ?s ?p ?o }", accept).json()["boolean"] is True
    graph = ask(client, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2", accept)
    assert graph.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=graph.text, format="turtle")) == 2


# --- a real client against a real server ----------------------------------------


@pytest.fixture(scope="module")
def live(good_output: Path) -> Iterator[str]:
    """`kg serve` on the shared build; its base is not the server's address,
    which the protocol does not need."""
    port = free_port()
    command = [sys.executable, "-m", "kg", "serve", "--build", str(good_output), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, process)
        yield url + "sparql"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wrapper(endpoint: str, query: str, return_format: str | None = None):
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setQuery(query)
    if return_format:
        client.setReturnFormat(return_format)
    return client.query().convert()


def test_sparqlwrapper_reads_select_as_json_and_xml(live):
    pytest.importorskip("SPARQLWrapper")
    # Every value kept; Oxigraph writes the decimal zero in its canonical form, "0".
    as_json = _wrapper(live, FALSY, "json")
    binding = as_json["results"]["bindings"][0]
    assert {v: b["value"] for v, b in binding.items()} == {"z": "0", "f": "false", "d": "0"}
    assert binding["d"]["datatype"] == XSD + "decimal"
    document = _wrapper(live, FALSY, "xml")
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["0", "false", "0"]


def test_sparqlwrapper_reads_ask_and_construct_in_its_default_formats(live):
    pytest.importorskip("SPARQLWrapper")
    assert _wrapper(live, "ASK { ?s ?p ?o }", "json")["boolean"] is True
    ask_xml = _wrapper(live, "ASK { ?s ?p ?o }")
    assert ask_xml.getElementsByTagName("boolean")[0].firstChild.data == "true"
    # CONSTRUCT by default asks for RDF/XML and parses it with rdflib.
    graph = _wrapper(live, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 7")
    assert len(graph) == 7


def test_a_live_head_has_no_body(live):
    got = httpx.get(live, params={"query": FALSY}, headers={"Accept": XML}, timeout=30)
    head = httpx.head(live, params={"query": FALSY}, headers={"Accept": XML}, timeout=30)
    assert got.status_code == head.status_code == 200
    assert head.content == b"" and head.headers["content-length"] == str(len(got.content))


# --- bounded evaluation, and builds without a query store --------------------------

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_server_evaluating_all_it_may_refuses_more_with_503_and_retry_after(good_output):
    client = TestClient(create_app(good_output, timeout=3, max_queries=1, max_waiting=0))
    ran_slow = threading.Event()

    def keep_the_worker_busy() -> None:
        # A slow query refused because the quick ones held the worker is sent again.
        while not ran_slow.is_set():
            answer = ask(client, CROSS_JOIN, JSON)
            if "time limit" in answer.text:
                ran_slow.set()

    thread = threading.Thread(target=keep_the_worker_busy)
    thread.start()
    refused = None
    while refused is None and not ran_slow.is_set():
        answer = ask(client, "ASK { ?s ?p ?o }", JSON)
        refused = answer if answer.status_code == 503 else None
    thread.join(timeout=60)
    assert refused is not None, "no query was refused while the one worker was busy"
    assert refused.headers["retry-after"] == "3"
    assert "as many queries as it may (1)" in refused.text
    # Once the slow query is stopped, the worker answers again.
    assert ask(client, "ASK { ?s ?p ?o }", JSON).json()["boolean"] is True


def test_a_build_without_its_query_store_is_served_from_its_dumps_with_a_note(good_output, tmp_path):
    old = tmp_path / "build"
    shutil.copytree(good_output, old, ignore=shutil.ignore_patterns("store"))
    notes: list[str] = []
    from_dumps = TestClient(create_app(old, note=notes.append))
    assert notes == [
        f"note: no query store in {old}/; loaded the dumps into memory instead (run 'kg build' to write it again)"
    ]
    from_store = TestClient(create_app(good_output))
    for query in (COUNT, GRAPH_COUNTS):
        assert json_rows(ask(from_dumps, query, JSON).content) == json_rows(ask(from_store, query, JSON).content)
    assert from_dumps.get(ENTITY).text == from_store.get(ENTITY).text

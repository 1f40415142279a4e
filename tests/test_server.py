"""`kg serve`: SPARQL protocol, dereferenceable IRIs, pages, VoID, guards."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, RDF, VOID
from starlette.testclient import TestClient

from browser import CHROMIUM, CHROMIUM_FLAGS
from fixtures import ROOT, RecordingServer, audit_events, invoke, serving_the_seed
from kg.server.app import create_app

EVENTS = audit_events()
TIMEOUT = 3.0
MAX_ROWS = 1000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A build whose base is the server's own address, served by `kg serve`."""
    options = ("--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS))
    with serving_the_seed(tmp_path_factory.mktemp("served"), *options) as base:
        yield base


def get(url: str, accept: str | None = None, **params) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(url, headers=headers, params=params or None, timeout=30)


# --- dereferenceable IRIs ---------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media", "parser"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json", "json-ld"),
        ("application/*;q=0.2, text/turtle", "text/turtle", "turtle"),
    ],
)
def test_an_entity_iri_answers_in_the_negotiated_format(site, accept, media, parser):
    iri = site + "person/alik-shpekbayev"
    response = get(iri, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["vary"] == "Accept"
    graph = Graph().parse(data=response.text, format=parser)
    assert (URIRef(iri), URIRef("https://kg.example.org/ontology#holdsPost"), None) in graph


def test_html_is_the_default_and_unservable_types_get_406(site):
    assert get(site + "person/alik-shpekbayev").headers["content-type"].startswith("text/html")
    assert get(site + "person/alik-shpekbayev", "text/html").status_code == 200
    refused = get(site + "person/alik-shpekbayev", "image/png")
    assert refused.status_code == 406 and refused.headers["vary"] == "Accept"
    assert get(site + "person/alik-shpekbayev", "text/turtle;q=0, image/png").status_code == 406
    assert get(site + "person/nobody").status_code == 404


def test_every_iri_in_the_data_resolves_against_the_server(site):
    graph = Graph().parse(
        data=get(site + "event/west-kazakhstan-anti-corruption-meeting", "text/turtle").text, format="turtle"
    )
    iris = {n for triple in graph for n in triple if isinstance(n, URIRef) and n.startswith(site)}
    assert len(iris) > 10
    for iri in sorted(iris):
        assert get(iri, "text/turtle").status_code == 200, iri


# --- pages --------------------------------------------------------------------


def test_an_entity_page_shows_labels_facts_and_the_sentence_behind_each(site):
    page = get(site + "person/altai-kulginov").text
    for name in ("Altai Kulginov", "Алтай Көлгінов", "Алтай Кульгинов"):
        assert name in page
    assert "<mark>облыс әкімі Алтай Көлгінов</mark>" in page
    assert "Жиынға <mark>облыс әкімі Алтай Көлгінов</mark> төрағалық етті." in page
    assert "<svg" in page and "neighbourhood" in page
    assert "https://en.wikipedia.org/wiki/Altai_K" in page
    speaker_page = get(site + "document/code-of-ethics-for-civil-servants").text
    assert "said by <a href='/person/alik-shpekbayev'>Alik Shpekbayev</a>" in speaker_page
    assert "<script" not in page and "cdn" not in page.lower()


def test_the_article_page_highlights_every_evidence_span(site, good_output):
    page = get(site + "article/45cd44230e9f16be").text
    spans = re.findall(r"<li id='span-(\d+)-(\d+)'>", page)
    # The seed is the one article: its spans are all the build's.
    assert len(spans) == json.loads((good_output / "summary.json").read_text())["evidence_spans"]
    assert page.count("<mark class='span ") > 100
    assert "<mark>Жиынға облыс әкімі Алтай Көлгінов төрағалық етті</mark>" in page
    assert "href='#span-" in page


def test_search_is_case_insensitive_in_kazakh(site):
    page = get(site + "search", q="АЛТАЙ КӨЛГІНОВ").text
    assert "/person/altai-kulginov" in page
    assert "/place/oral" in get(site + "search", q="орал").text
    assert "0 found" in get(site + "search", q="Нью-Йорк").text


# --- VoID ---------------------------------------------------------------------


def test_void_describes_the_dataset_and_its_dumps_with_checksums(site):
    first, second = get(site + ".well-known/void", "text/turtle"), get(site + ".well-known/void", "text/turtle")
    assert first.text == second.text
    graph = Graph().parse(data=first.text, format="turtle")
    dataset = URIRef(site + "void")
    assert int(graph.value(dataset, VOID.triples)) > 6000
    assert int(graph.value(dataset, VOID.entities)) > 100
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(site + "sparql")
    assert graph.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 5
    for distribution in distributions:
        url = graph.value(distribution, DCAT.downloadURL)
        data = get(str(url)).content
        assert int(graph.value(distribution, DCAT.byteSize)) == len(data)
        checksum = graph.value(distribution, URIRef("http://spdx.org/rdf/terms#checksum"))
        value = graph.value(checksum, URIRef("http://spdx.org/rdf/terms#checksumValue"))
        assert str(value) == hashlib.sha256(data).hexdigest()
        assert (distribution, RDF.type, DCAT.Distribution) in graph


# --- SPARQL protocol ----------------------------------------------------------

CHAIR = "SELECT ?c WHERE { ?m <https://kg.example.org/ontology#chairedBy> ?c }"


def test_get_and_both_posts_answer_the_same(site):
    endpoint = site + "sparql"
    by_get = get(endpoint, "text/csv", query=CHAIR)
    by_form = httpx.post(endpoint, data={"query": CHAIR}, headers={"Accept": "text/csv"})
    by_body = httpx.post(
        endpoint, content=CHAIR, headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"}
    )
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.text == by_form.text == by_body.text == f"c\r\n{site}person/altai-kulginov\r\n"


def test_results_in_every_format_by_accept(site):
    endpoint = site + "sparql"
    as_json = get(endpoint, "application/sparql-results+json", query=CHAIR)
    assert as_json.headers["content-type"].startswith("application/sparql-results+json")
    assert as_json.json()["results"]["bindings"][0]["c"]["value"] == site + "person/altai-kulginov"
    as_xml = get(endpoint, "application/sparql-results+xml", query=CHAIR)
    assert ElementTree.fromstring(as_xml.content).tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    as_tsv = get(endpoint, "text/tab-separated-values", query=CHAIR)
    assert as_tsv.text == f"?c\n<{site}person/altai-kulginov>\n"
    construct = (
        "CONSTRUCT { ?m <https://schema.org/organizer> ?c } WHERE { ?m <https://kg.example.org/ontology#chairedBy> ?c }"
    )
    as_turtle = get(endpoint, "text/turtle", query=construct)
    assert len(Graph().parse(data=as_turtle.text, format="turtle")) == 1
    assert get(endpoint, "image/png", query=CHAIR).status_code == 406


def test_a_get_without_a_query_describes_the_service(site):
    response = get(site + "sparql", "text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef(site + "sparql")
    assert (service, RDF.type, URIRef("http://www.w3.org/ns/sparql-service-description#Service")) in graph


def test_a_form_body_is_decoded_once(site):
    response = httpx.post(
        site + "sparql",
        content=b"query=SELECT+%28%22%2541%22+AS+%3Fx%29+%7B%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    assert response.status_code == 200
    assert response.text == "x\r\n%41\r\n"


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("GET", {"params": {"update": "CLEAR ALL"}}, 403),
        ("POST", {"data": {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}}, 403),
        ("POST", {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403),
        ("POST", {"data": {"query": "LOAD <file:///etc/passwd>"}}, 400),
        ("GET", {"params": [("query", CHAIR), ("query", CHAIR)]}, 400),
        ("POST", {"content": CHAIR, "headers": {"Content-Type": "text/plain"}}, 415),
        ("GET", {"params": {"query": CHAIR, "default-graph-uri": "file:///etc/passwd"}}, 400),
        ("GET", {"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400),
    ],
)
def test_protocol_negative_cases_answer_4xx(site, method, kwargs, status):
    response = httpx.request(method, site + "sparql", timeout=30, **kwargs)
    assert response.status_code == status, response.text


def test_queries_reaching_out_are_refused_and_connect_nowhere(site):
    recorder = RecordingServer()
    try:
        for query in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{recorder.port}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <http://127.0.0.1:{recorder.port}/g> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <http://127.0.0.1:{recorder.port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
            f"LOAD <http://127.0.0.1:{recorder.port}/data.ttl>",
        ):
            response = get(site + "sparql", "text/csv", query=query)
            assert response.status_code in (400, 403), query
            assert "root:" not in response.text
        time.sleep(0.3)
        assert recorder.connections == 0
    finally:
        recorder.close()


def test_a_runaway_query_is_stopped_while_others_keep_answering(site):
    cross_join = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    slow: dict[str, object] = {}

    def run_slow() -> None:
        start = time.monotonic()
        slow["response"] = get(site + "sparql", "text/csv", query=cross_join)
        slow["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.5)
    start = time.monotonic()
    ask = get(site + "sparql", "application/sparql-results+json", query="ASK { ?s ?p ?o }")
    ask_seconds = time.monotonic() - start
    thread.join(timeout=60)
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    assert ask_seconds < 2.0
    assert slow["response"].status_code == 503
    assert "time limit" in slow["response"].text
    assert TIMEOUT <= slow["seconds"] < TIMEOUT + 5


def test_results_are_capped(site):
    response = get(site + "sparql", "text/csv", query="SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 200
    assert len(list(csv.reader(io.StringIO(response.text)))) == MAX_ROWS + 1
    assert response.headers["x-result-truncated"] == f"results cut at {MAX_ROWS} rows"


# --- a real browser -------------------------------------------------------------


def dump_dom(url: str, profile: Path) -> str:
    result = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("path", ["person/alik-shpekbayev", "article/45cd44230e9f16be"])
def test_pages_render_in_chromium_with_highlights_and_working_links(site, good_output, tmp_path, path):
    dom = dump_dom(site + path, tmp_path / "profile")
    assert "<mark" in dom and "Алик" in dom
    links = sorted(set(re.findall(r'href="(/[^"#]*)"', dom)))
    assert len(links) > 5
    for link in links[:40]:
        assert get(site.rstrip("/") + link.replace("&amp;", "&")).status_code == 200, link
    if path.startswith("article/"):
        assert dom.count('<li id="span-') == json.loads((good_output / "summary.json").read_text())["evidence_spans"]


def test_in_process_the_endpoint_opens_no_file_and_no_connection_for_hostile_queries(built):
    recorder = RecordingServer()
    client = TestClient(create_app(built[1]))
    EVENTS.clear()
    try:
        for query in (
            "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
            "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{recorder.port}/> {{ ?s ?p ?o }} }}",
            f"LOAD <http://127.0.0.1:{recorder.port}/x>",
        ):
            assert client.get("/sparql", params={"query": query}).status_code in (400, 403)
            assert client.post("/sparql", data={"query": query}).status_code in (400, 403)
        time.sleep(0.3)
        assert EVENTS == [], "the audit hook saw a connection or /etc/passwd opened"
        assert recorder.connections == 0
    finally:
        recorder.close()


def test_a_taken_port_is_a_one_line_error(site, good_output):
    port = site.rsplit(":", 1)[1].strip("/")
    result = invoke("serve", "--port", port, "--build", str(good_output), cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.strip() == f"kg: error: cannot listen on 127.0.0.1:{port}: Address already in use"

"""Untrusted documents and queries never reach the network or files outside the project."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Dataset, Graph

from fixtures import ROOT, RecordingServer, audit_events, run_kg
from kg.errors import QueryError
from kg.guard import OutsideAccessError, confined

EVENTS = audit_events()


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    recorder = RecordingServer()
    EVENTS.clear()
    yield recorder
    recorder.close()


def test_json_ld_with_a_remote_context_is_refused(server, tmp_path):
    document = tmp_path / "doc.jsonld"
    document.write_text(
        f'{{"@context": "http://127.0.0.1:{server.port}/context.jsonld", "@id": "http://x/a", "name": "a"}}'
    )
    with confined(tmp_path), pytest.raises(OutsideAccessError, match="network access refused"):
        Graph().parse(document, format="json-ld")
    assert server.connections == 0
    assert [e for e, _ in EVENTS if e == "socket.connect"] == []


def test_without_the_guard_rdflib_would_fetch_the_context(server, tmp_path):
    # The control: this is what the guard prevents.
    document = tmp_path / "doc.jsonld"
    document.write_text(f'{{"@context": "http://127.0.0.1:{server.port}/c", "@id": "http://x/a"}}')
    with pytest.raises(Exception):  # noqa: B017 (our server answers no HTTP)
        Graph().parse(document, format="json-ld")
    assert server.connections == 1


def test_rdf_xml_with_external_entities_reads_nothing_outside(server, tmp_path):
    document = tmp_path / "doc.rdf"
    document.write_text(
        '<?xml version="1.0"?>\n'
        "<!DOCTYPE rdf:RDF [\n"
        '  <!ENTITY file SYSTEM "file:///etc/passwd">\n'
        f'  <!ENTITY net SYSTEM "http://127.0.0.1:{server.port}/x">\n'
        "]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">\n'
        '  <rdf:Description rdf:about="http://x/a"><ex:p>&file;&net;</ex:p></rdf:Description>\n'
        "</rdf:RDF>\n"
    )
    with confined(tmp_path):
        graph = Graph().parse(document, format="xml")
    assert "root:" not in " ".join(str(o) for o in graph.objects())
    assert server.connections == 0
    assert EVENTS == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:{port}/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    ],
)
def test_rdflib_queries_reaching_out_are_stopped_by_the_guard(server, tmp_path, query):
    dataset = Dataset()
    with confined(tmp_path), pytest.raises(Exception) as raised:
        list(dataset.query(query.replace("{port}", str(server.port))))
    assert _refused_by_guard(raised.value)
    assert server.connections == 0
    assert [e for e, _ in EVENTS if e == "socket.connect"] == []


def _refused_by_guard(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, OutsideAccessError):
            return True
        error = error.__cause__ or error.__context__
    return False


def test_kg_query_refuses_service_from_and_load_before_any_connection(server, built):
    _, out = built
    for query in (
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <http://127.0.0.1:{server.port}/g> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <file://{ROOT}/../../etc/passwd> WHERE {{ ?s ?p ?o }}",
        f"LOAD <http://127.0.0.1:{server.port}/data.ttl>",
    ):
        result = run_kg("query", "-e", query, "--build", str(out), cwd=ROOT)
        assert result.returncode == 2, result.stderr
    assert server.connections == 0


@pytest.mark.parametrize(
    "service",
    ["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "\\u0073ervice", "SERVICE SILENT"],
)
def test_oxigraph_never_sees_a_service_however_it_is_written(server, built, service):
    """Oxigraph would call the endpoint; the quick check must send every such query to the full one."""
    from kg.artifacts import open_store
    from kg.query.run import run_store

    store = open_store(built[1], "asserted")
    for text in (
        f"SELECT * WHERE {{ {service} <http://127.0.0.1:{server.port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p 1 . {service} <http://127.0.0.1:{server.port}/sparql> {{ ?s ?p ?o }} }}",
        f'# a "comment\nSELECT * WHERE {{ {service} <http://127.0.0.1:{server.port}/sparql> {{ ?s ?p ?o }} }}',
    ):
        with pytest.raises(QueryError):
            run_store(store, text, "en")
    assert server.connections == 0


def test_a_file_outside_the_project_cannot_be_opened_while_confined(tmp_path):
    with confined(tmp_path), pytest.raises(OutsideAccessError, match="/etc/passwd refused"):
        open("/etc/passwd")  # noqa: SIM115
    inside = tmp_path / "inside.txt"
    with confined(tmp_path):
        inside.write_text("allowed")
    assert inside.read_text() == "allowed"


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("SELECT ?from WHERE { ?s kgo:fromPlace ?from }", False),
        ("# where it comes from\nSELECT ?s WHERE { ?s ?p ?o }", False),
        ("SELECT*FROM<x>WHERE{}", True),
        ("SELECT * WHERE { ?s ?p 1SERVICE <x> {} }", True),
        ('# a "quote\nSELECT * FROM <x> WHERE {}', True),
        ('SELECT ?s WHERE { ?s ?p """\n# x """ } SERVICE <x> {} #""" }', True),
        ("SELECT * WHERE { \\u0053ERVICE <x> {} }", True),
    ],
)
def test_the_quick_check_lets_plain_queries_by_and_sends_the_doubtful_to_the_full_one(text, full):
    from kg.query.sparql import needs_full_check

    assert needs_full_check(text) is full

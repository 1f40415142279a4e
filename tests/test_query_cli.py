"""`kg query`, `kg queries`, `kg export`, `kg describe` and `kg diagram` on a built KG."""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from fixtures import ROOT, invoke, run_kg
from kg.artifacts import GRAPH_CHOICES, built_base, load_built
from kg.export import FORMATS_OFF_THE_DUMPS, _turtle, dump_lines
from kg.formats import serialize

CHAIR = "SELECT ?chair WHERE { ?m <https://kg.example.org/ontology#chairedBy> ?chair }"


@pytest.fixture(scope="module")
def build_dir(built) -> Path:
    return built[1]


def kg(*args: str, build_dir: Path, seed: str | None = None):
    """In this process, or in one of its own where a hash seed is asked for."""
    if seed is not None:
        return run_kg(*args, "--build", str(build_dir), cwd=ROOT, seed=seed)
    return invoke(*args, "--build", str(build_dir))


def test_queries_lists_names_titles_and_descriptions():
    result = run_kg("queries", cwd=ROOT)
    assert result.returncode == 0
    assert "who-chaired" in result.stdout and "Who chaired the meeting?" in result.stdout
    named = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert named == sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


def test_a_query_by_name_by_file_and_inline_gives_the_same_answer(build_dir):
    by_name = kg("query", "who-chaired", "-f", "csv", build_dir=build_dir)
    by_file = kg("query", "queries/who-chaired.rq", "-f", "csv", build_dir=build_dir)
    assert by_name.returncode == by_file.returncode == 0
    assert by_name.stdout == by_file.stdout
    inline = kg("query", "-e", CHAIR, "-f", "csv", build_dir=build_dir)
    assert inline.stdout.splitlines() == ["chair", "https://kg.example.org/person/altai-kulginov"]


def test_the_table_is_aligned_and_counts_rows(build_dir):
    result = kg("query", "risk-levels", build_dir=build_dir)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["area", "level", "speaker"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].index("Low") == lines[3].index("Medium") == lines[0].index("level")
    assert lines[-1] == "(2 rows)"


def test_select_in_the_sparql_results_formats(build_dir):
    tsv = kg("query", "-e", CHAIR, "-f", "tsv", build_dir=build_dir).stdout
    assert tsv == "?chair\n<https://kg.example.org/person/altai-kulginov>\n"
    data = json.loads(kg("query", "-e", CHAIR, "-f", "json", build_dir=build_dir).stdout)
    assert data["head"]["vars"] == ["chair"]
    assert data["results"]["bindings"][0]["chair"]["value"].endswith("/person/altai-kulginov")
    xml = ElementTree.fromstring(kg("query", "-e", CHAIR, "-f", "xml", build_dir=build_dir).stdout)
    assert xml.tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    rows = list(csv.reader(io.StringIO(kg("query", "cases-by-district", "-f", "csv", build_dir=build_dir).stdout)))
    assert rows[-1] == ["West Kazakhstan Region", "sum of the 3 areas named", "95"]


def test_ask_and_construct(build_dir):
    ask = kg("query", "-e", "ASK { ?s <https://kg.example.org/ontology#chairedBy> ?o }", build_dir=build_dir)
    assert ask.stdout == "true\n"
    construct = (
        "CONSTRUCT { ?m <https://schema.org/organizer> ?c } WHERE { ?m <https://kg.example.org/ontology#chairedBy> ?c }"
    )
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        result = kg("query", "-e", construct, "-f", fmt, build_dir=build_dir)
        assert result.returncode == 0, result.stderr
        assert len(Graph().parse(data=result.stdout, format=parser)) == 1


def test_lang_picks_the_label_language(build_dir):
    kk = kg("query", "who-chaired", "--lang", "kk", "-f", "csv", build_dir=build_dir).stdout
    ru = kg("query", "who-chaired", "--lang", "ru", "-f", "csv", build_dir=build_dir).stdout
    assert "Алтай Көлгінов" in kk and "Алтай Кульгинов" in ru


def test_a_syntax_error_names_line_and_column(build_dir):
    result = kg("query", "-e", "SELECT ?s\nWHERE { ?s ?p }", build_dir=build_dir)
    assert result.returncode == 2
    assert result.stderr.strip() == "kg: error: SPARQL syntax error at line 2, column 9 near '?s ?p }'"


def test_an_unknown_query_name_suggests_the_nearest_or_lists_the_known_ones(build_dir):
    near = kg("query", "who-chairs", build_dir=build_dir)
    assert near.returncode == 2
    assert near.stderr.strip() == "kg: error: unknown query 'who-chairs'; did you mean who-chaired?"
    far = kg("query", "zzz", build_dir=build_dir)
    assert far.returncode == 2
    assert "unknown query 'zzz'; known queries: adoption-dates, aims-and-tasks," in far.stderr


@pytest.mark.parametrize(
    ("query", "refusal"),
    [
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SERVICE <http://127.0.0.1:9/sparql>",
        ),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM <file:///etc/passwd>"),
        ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED"),
        ("LOAD <file:///etc/passwd>", "updates"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "updates"),
        ("   ", "empty query"),
    ],
)
def test_remote_data_and_updates_are_refused(build_dir, query, refusal):
    result = kg("query", "-e", query, build_dir=build_dir)
    assert result.returncode == 2
    assert refusal in result.stderr and "Traceback" not in result.stderr


def test_querying_without_a_build_says_to_build(tmp_path):
    result = run_kg("query", "who-chaired", "--build", str(tmp_path), cwd=ROOT)
    assert result.returncode == 5
    assert result.stderr.strip() == f"kg: error: no built KG in {tmp_path}/: run 'kg build' first"


PARSERS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "nq": "nquads", "trig": "trig"}


def graphs_by_name(dataset: Dataset) -> dict[str, Graph]:
    named: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads():
        named.setdefault(str(g), Graph()).add((s, p, o))
    return named


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_every_export_parses_back_to_the_built_graph(build_dir, tmp_path, fmt):
    built = Dataset()
    built.parse(build_dir / "kg.nq", format="nquads")
    built.parse(build_dir / "inferred.nq", format="nquads")
    out = tmp_path / f"kg.{fmt}"
    result = kg("export", "-f", fmt, "-o", str(out), build_dir=build_dir)
    assert result.returncode == 0, result.stderr
    if fmt in ("nq", "trig"):
        back = Dataset()
        back.parse(out, format=PARSERS[fmt])
        expected, actual = graphs_by_name(built), graphs_by_name(back)
        assert set(actual) == set(expected)
        for name, graph in expected.items():
            assert isomorphic(actual[name], graph), name
    else:
        union = Graph()
        for graph in graphs_by_name(built).values():
            union += graph
        assert isomorphic(Graph().parse(out, format=PARSERS[fmt]), union)


@pytest.mark.parametrize("graphs", GRAPH_CHOICES)
@pytest.mark.parametrize("fmt", FORMATS_OFF_THE_DUMPS)
def test_exports_off_the_dumps_are_the_parsed_dataset_written_again(build_dir, fmt, graphs):
    merged = dump_lines(build_dir, graphs, fmt)
    assert merged is not None  # the store vouches for the shared build's dumps
    expected = serialize(load_built(build_dir, graphs), fmt, built_base(build_dir))
    assert b"".join(merged) == expected
    assert kg("export", "-f", fmt, "--graph", graphs, build_dir=build_dir).stdout.encode() == expected


def test_turtle_of_lines_with_a_blank_node_is_left_to_rdflib():
    lines = [b"<https://kg.example.org/a> <https://kg.example.org/p> _:b0 .\n"]
    assert _turtle(iter(lines), "https://kg.example.org/") is None
    named = [b"<https://kg.example.org/a> <https://kg.example.org/p> <https://kg.example.org/b> .\n"]
    assert b"".join(_turtle(iter(named), "https://kg.example.org/")).endswith(b"\nkg:a\n    kg:p kg:b ;\n.\n")


def test_a_dump_changed_since_the_build_is_parsed_and_its_damage_reported(build_dir, tmp_path):
    copy = tmp_path / "build"
    shutil.copytree(build_dir, copy)
    with (copy / "kg.nq").open("ab") as dump:
        dump.write(b"<https://kg.example.org/a> not a quad .\n")
    assert dump_lines(copy, "all", "nq") is None
    result = kg("export", "-f", "nq", "-o", str(tmp_path / "out.nq"), build_dir=copy)
    assert result.returncode == 5
    assert result.stderr.startswith(f"kg: error: {copy / 'kg.nq'} is damaged (")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.nq").exists()


def test_exports_are_byte_identical_across_hash_seeds(build_dir):
    for fmt in ("trig", "jsonld", "xml"):
        first = kg("export", "-f", fmt, build_dir=build_dir, seed="1").stdout
        second = kg("export", "-f", fmt, build_dir=build_dir, seed="2").stdout
        assert first == second, fmt


def test_json_ld_carries_the_shipped_context_inline(build_dir):
    document = json.loads(kg("export", "-f", "jsonld", build_dir=build_dir).stdout)
    shipped = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == shipped
    assert any(node["@id"] == "https://kg.example.org/person/alik-shpekbayev" for node in document["@graph"])


def test_describe_shows_facts_both_ways_with_their_evidence(build_dir):
    result = kg("describe", "altai-kulginov", build_dir=build_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Altai Kulginov  <https://kg.example.org/person/altai-kulginov>")
    assert "holds post → Akim of West Kazakhstan Region" in out
    assert "← Meeting on anti-corruption policy in West Kazakhstan  (chaired by)" in out
    assert "«Жиынға облыс әкімі Алтай Көлгінов төрағалық етті»" in out
    assert "source: https://en.wikipedia.org/wiki/Altai_Kölgınov" in out
    assert "also @kk: Алтай Сейдірұлы" in out


def test_describe_refuses_unknown_and_ambiguous_names(build_dir):
    assert kg("describe", "nobody", build_dir=build_dir).returncode == 1
    ambiguous = kg("describe", "west-kazakhstan-akimat", build_dir=build_dir)
    assert ambiguous.returncode == 1
    message = ambiguous.stderr.strip()
    assert message.startswith("kg: error: 'west-kazakhstan-akimat' names no one entity; did you mean: ")
    assert "org/west-kazakhstan-akimat (west kazakhstan akimat)" in message
    assert "website/west-kazakhstan-akimat (west kazakhstan akimat)" in message


def test_describe_finds_an_entity_by_any_name_and_case_form(build_dir):
    for typed in ("Алтай Көлгінов", "kulginov", "Көлгіновтің"):
        result = kg("describe", typed, build_dir=build_dir)
        assert result.returncode == 0, (typed, result.stderr)
        assert result.stdout.startswith("Altai Kulginov  <https://kg.example.org/person/altai-kulginov>"), typed
    assert kg("describe", "Оралда", build_dir=build_dir).stdout.startswith("Oral  <https://kg.example.org/place/oral>")


def test_search_ranks_the_entity_a_case_form_names_first(build_dir):
    result = kg("search", "Шпекбаевтың", build_dir=build_dir)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0].split()
    assert first[0] == "person/alik-shpekbayev" and first[2:] == ["Алик", "Шпекбаев"]
    nothing = kg("search", "qqqqqq", build_dir=build_dir)
    assert nothing.returncode == 1 and nothing.stderr.strip() == "kg: error: no entity matches 'qqqqqq'"


def test_diagram_source_has_labelled_coloured_nodes_and_edges(build_dir, tmp_path):
    out = tmp_path / "alik.dot"
    result = kg("diagram", "alik-shpekbayev", "-o", str(out), build_dir=build_dir)
    assert result.returncode == 0, result.stderr
    dot = out.read_text(encoding="utf-8")
    assert '"person/alik-shpekbayev" [label="Alik Shpekbayev", fillcolor="#f4a582", penwidth=2.5' in dot
    assert '"person/alik-shpekbayev" -> "post/agency-deputy-chairman" [label="holds post"];' in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
def test_diagram_draws_svg_with_graphviz(build_dir, tmp_path):
    out = tmp_path / "kg.svg"
    result = kg("diagram", "-o", str(out), build_dir=build_dir)
    assert result.returncode == 0, result.stderr
    svg = ElementTree.parse(out).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Alik Shpekbayev" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_query_evaluating_in_oxigraph_stops_at_once_when_interrupted(build_dir, sig):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    command = [sys.executable, "-m", "kg", "query", "-e", endless, "--build", str(build_dir)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3)  # started, and deep in the store's evaluation
    assert process.poll() is None
    process.send_signal(sig)
    try:
        process.wait(timeout=10)
    finally:
        process.kill()
    assert process.returncode == -sig

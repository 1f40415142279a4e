"""The codebase keeps its promises: one registry per extension point, nothing
lost by accident, docs that match --help, modules of a readable size."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys

import click
import pytest
from rdflib import Dataset, Graph
from starlette.testclient import TestClient

from fixtures import ROOT, digests, invoke, run_kg
from kg.cli import main
from kg.cli.reference import reference
from kg.engines import REASONERS, VALIDATORS
from kg.errors import EXIT_CODES
from kg.formats import FORMATS
from kg.formats.results import RESULT_FORMATS
from kg.server.app import create_app
from kg.server.void import dump_files

MAX_MODULE_LINES = 300


def option_choices(command: str, option: str) -> list[str]:
    found = main.get_command(click.Context(main), command)
    (param,) = [p for p in found.params if option in p.opts]
    return list(param.type.choices)


def test_every_rdf_format_is_offered_by_the_cli_and_written_by_export(good_output, tmp_path):
    assert option_choices("export", "--format") == list(FORMATS)
    assert set(FORMATS) <= set(option_choices("query", "--format"))
    for fmt in FORMATS.values():
        out = tmp_path / f"kg{fmt.extension}"
        result = invoke("export", "--build", str(good_output), "-f", fmt.name, "-o", str(out))
        assert result.returncode == 0, result.output
        assert f"({fmt.media_type}," in result.output
        parsed = Dataset() if fmt.keeps_graphs else Graph()
        parsed.parse(out, format=fmt.parser)
        assert len(parsed) or len(list(parsed.quads())), fmt.name


def test_every_rdf_format_is_negotiated_by_the_server(good_output):
    client = TestClient(create_app(good_output))
    for fmt in FORMATS.values():
        page = client.get("/person/alik-shpekbayev", headers={"Accept": fmt.media_type})
        assert page.status_code == 200, fmt.name
        assert page.headers["content-type"] == fmt.content_type
        parsed = Dataset() if fmt.keeps_graphs else Graph()
        parsed.parse(data=page.content, format=fmt.parser)
        answer = client.get(
            "/sparql",
            params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"},
            headers={"Accept": fmt.media_type},
        )
        assert answer.status_code == 200 and answer.headers["content-type"] == fmt.content_type, fmt.name
    for result in RESULT_FORMATS.values():
        if result.name == "table":
            continue
        answer = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": result.media_type})
        if not result.for_ask:  # SPARQL 1.1 CSV and TSV are defined for SELECT only
            assert answer.status_code == 406, result.name
            continue
        assert answer.status_code == 200 and answer.headers["content-type"] == result.content_type, result.name


def test_void_lists_every_dump_with_its_registered_media_type(good_output, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(good_output, build)
    written = {p.name for p in build.iterdir() if p.stem in ("kg", "inferred")}
    dumps = dump_files(build)
    assert set(dumps) == written
    assert all(dumps[name] == FORMATS[name.rsplit(".", 1)[1]].media_type for name in dumps)
    # A dump in any registered format is listed and served as what it is.
    (build / "kg.trig").write_bytes(invoke("export", "--build", str(good_output), "-f", "trig").stdout.encode())
    assert dump_files(build)["kg.trig"] == FORMATS["trig"].media_type
    void = TestClient(create_app(build)).get("/.well-known/void", headers={"Accept": "text/turtle"}).text
    assert "dumps/kg.trig" in void and "application/trig" in void


def test_every_engine_is_offered_by_the_cli():
    assert option_choices("build", "--validator") == list(VALIDATORS)
    assert option_choices("build", "--reasoner") == list(REASONERS)
    assert option_choices("reason", "--reasoner") == list(REASONERS)


def test_the_cli_reference_is_written_from_the_current_help():
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: python -m kg.cli.reference docs/cli.md"
    )


def test_every_exit_code_is_in_the_help_and_in_the_docs():
    help_text = " ".join(invoke("--help").output.split())
    docs = (ROOT / "docs" / "inputs-outputs.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"{code} {meaning}" in help_text
        assert re.search(rf"\b{code}\b", docs), code


def test_bench_generate_never_writes_into_a_folder_that_holds_anything(project_copy):
    before = digests(project_copy / "data")
    for target in (".", "data", "data/articles"):
        result = run_kg("bench", "generate", "--articles", "2", "-o", target, cwd=project_copy)
        assert result.returncode == 5, result.stderr
        assert result.stderr.strip().endswith("exists and is not an empty folder; name a new or empty one")
        assert "Traceback" not in result.stderr
    assert digests(project_copy / "data") == before
    assert sorted(p.name for p in project_copy.iterdir()) == ["data", "ontology"]


@pytest.mark.parametrize("redirect", ["", "2>&1"])
def test_a_closed_pipe_does_not_stop_a_build(project_copy, redirect):
    command = f"{sys.executable} -m kg build {redirect} | head -1"
    result = subprocess.run(command, shell=True, cwd=project_copy, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    summary = (project_copy / "build" / "summary.json").read_text(encoding="utf-8")
    assert '"triples"' in summary


def test_quiet_builds_print_nothing(project_copy):
    result = run_kg("build", "-q", cwd=project_copy)
    assert result.returncode == 0 and result.stdout == result.stderr == ""


def test_tables_fit_the_width_asked_for(good_output):
    wide = invoke("query", "claims-by-speaker", "--build", str(good_output), "--width", "0").output
    assert max(len(line) for line in wide.splitlines()) > 200
    narrow = invoke("query", "claims-by-speaker", "--build", str(good_output), "--width", "100").output
    assert max(len(line) for line in narrow.splitlines()) <= 100
    assert "…" in narrow and len(narrow.splitlines()) == len(wide.splitlines())


def _python_modules():
    return sorted(p for p in (ROOT / "kg").rglob("*.py"))


def test_no_module_is_long_without_saying_why():
    for path in _python_modules():
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_MODULE_LINES:
            docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert "Long because" in docstring, f"{path.relative_to(ROOT)}: {lines} lines and no reason given"


def test_no_test_imports_another_test_module():
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not any((n or "").startswith(("test_", "conftest")) for n in names), path.name

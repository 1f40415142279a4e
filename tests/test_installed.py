"""kg installed as users install it: the wheel, in a clean venv, run from
folders that are not the checkout."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph

from fixtures import ROOT, copy_seed_data, free_port, seed_root, wait_until_up
from kg.formats import FORMATS
from kg.formats.results import RESULT_FORMATS

BUILD_LEFTOVERS = (".git", ".venv", ".setuptools-build", "build", "*.egg-info", "__pycache__", ".*_cache")
CHAIRED_BY = "<https://kg.example.org/ontology#chairedBy>"
CONSTRUCT = f"CONSTRUCT {{ ?m {CHAIRED_BY} ?c }} WHERE {{ ?m {CHAIRED_BY} ?c }}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kg command of a venv holding nothing but the built wheel and its dependencies."""
    work = tmp_path_factory.mktemp("installed")
    wheels = work / "wheels"
    # From a copy without build folders: setuptools keeps what an earlier build
    # left in its build folder (a deleted rule would still ship), as a fresh
    # clone has none.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*BUILD_LEFTOVERS))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True)
    return venv / "bin" / "kg"


def kg(installed: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_BASE", "KG_PROJECT", "PYTHONPATH")}
    return subprocess.run([str(installed), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder far from the checkout, with no project above it."""
    return tmp_path_factory.mktemp("elsewhere")


@pytest.fixture(scope="module")
def build(installed: Path, elsewhere: Path) -> Path:
    out = elsewhere / "build"
    result = kg(installed, "build", "-q", "--data", str(seed_root() / "data"), "-o", str(out), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    return out


def test_the_wheel_ships_the_ontology_queries_context_and_model(installed):
    site = next(installed.parent.parent.glob("lib/python*/site-packages"))
    for resource in (
        "kg/ontology/kg.ttl",
        "kg/ontology/shapes.ttl",
        "kg/ontology/shapes-inferred.ttl",
        "kg/ontology/context.jsonld",
        "kg/ontology/rules/observations-agree.rq",
        "kg/queries/who-chaired.rq",
        "kg/ingest/ner/kaznerd-crf.model",
        "kg/server/static/sparql-editor.js",
        "kg/server/static/sparql-editor.LICENSE",
    ):
        assert (site / resource).is_file(), resource
    assert not list(site.glob("__editable__*")), "the wheel, not an editable install"


def test_an_installed_build_from_another_folder_equals_the_checkouts(build, good_output):
    for name in ("kg.nq", "kg.ttl", "inferred.nq", "summary.json"):
        assert (build / name).read_bytes() == (good_output / name).read_bytes(), name


def test_every_query_format_works_from_another_folder(installed, build, elsewhere):
    listed = kg(installed, "queries", cwd=elsewhere)
    assert listed.returncode == 0 and "who-chaired" in listed.stdout
    for fmt in RESULT_FORMATS:
        result = kg(installed, "query", "who-chaired", "--build", str(build), "-f", fmt, cwd=elsewhere)
        assert result.returncode == 0, (fmt, result.stderr)
        assert "Kulginov" in result.stdout or "kulginov" in result.stdout, fmt
    rows = list(
        csv.reader(
            io.StringIO(kg(installed, "query", "who-chaired", "--build", str(build), "-f", "csv", cwd=elsewhere).stdout)
        )
    )
    assert len(rows) == 2
    for fmt in FORMATS.values():
        result = kg(installed, "query", "-e", CONSTRUCT, "--build", str(build), "-f", fmt.name, cwd=elsewhere)
        assert result.returncode == 0, (fmt.name, result.stderr)
        parsed = Dataset() if fmt.keeps_graphs else Graph()
        parsed.parse(data=result.stdout, format=fmt.parser)
        assert len(list(parsed.quads() if fmt.keeps_graphs else parsed)) == 1, fmt.name


def test_every_export_format_works_from_another_folder(installed, build, elsewhere):
    for fmt in FORMATS.values():
        out = elsewhere / f"export{fmt.extension}"
        result = kg(installed, "export", "--build", str(build), "-f", fmt.name, "-o", str(out), cwd=elsewhere)
        assert result.returncode == 0, (fmt.name, result.stderr)
        parsed = Dataset() if fmt.keeps_graphs else Graph()
        parsed.parse(out, format=fmt.parser)
        assert len(list(parsed.quads())) if fmt.keeps_graphs else len(parsed), fmt.name


def test_describe_works_from_another_folder(installed, build, elsewhere):
    result = kg(installed, "describe", "Алтай Көлгінов", "--build", str(build), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Altai Kulginov  <https://kg.example.org/person/altai-kulginov>")


def test_a_project_is_found_from_a_folder_inside_it(installed, tmp_path):
    project = tmp_path / "newsroom"
    copy_seed_data(project / "data")
    (project / "kg.toml").write_text('base = "https://news.example.org/"\n', encoding="utf-8")
    inside = project / "drafts" / "2026"
    inside.mkdir(parents=True)
    result = kg(installed, "build", "-q", cwd=inside)
    assert result.returncode == 0, result.stderr
    assert (
        json.loads((project / "build" / "summary.json").read_text(encoding="utf-8"))["base"]
        == "https://news.example.org/"
    )
    answer = kg(installed, "query", "who-chaired", "-f", "csv", cwd=inside)
    assert answer.returncode == 0 and "news.example.org/person/altai-kulginov" in answer.stdout


@pytest.fixture
def served(installed: Path, build: Path, elsewhere: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [str(installed), "serve", "--build", str(build), "--port", str(port)],
        cwd=elsewhere,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_works_from_another_folder(served):
    assert httpx.get(served, timeout=10).status_code == 200
    answer = httpx.get(
        f"{served}sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    page = httpx.get(f"{served}person/alik-shpekbayev", headers={"Accept": "application/ld+json"}, timeout=10)
    assert page.status_code == 200 and "Alik Shpekbayev" in page.text

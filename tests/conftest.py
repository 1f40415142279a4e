from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from fixtures import ARTICLE, ROOT, copy_seed_data, seed_root
from kg.namespaces import DEFAULT_BASE
from kg.pipeline.build import BuildResult, Paths, build, load_ontology, load_turtle


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """One build of the real sources, shared by the tests that only read it."""
    out = tmp_path_factory.mktemp("build")
    result = build(Paths(seed_root() / "data", ROOT / "ontology", out), DEFAULT_BASE)
    return result, out


@pytest.fixture(scope="session")
def kg_graph(built: tuple[BuildResult, Path]) -> Graph:
    """The built KG as a reader gets it: parsed back from build/kg.ttl."""
    return Graph().parse(built[1] / "kg.ttl", format="turtle")


@pytest.fixture(scope="session")
def article_text() -> str:
    return ARTICLE.read_bytes().decode("utf-8")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed's data/ and of ontology/ to break on purpose."""
    copy_seed_data(tmp_path / "data")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    return tmp_path


@pytest.fixture(scope="session")
def good_output(built: tuple[BuildResult, Path]) -> Path:
    """The folder of the shared build, for tests that compare against it."""
    return built[1]


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return load_turtle(ROOT / "ontology" / "shapes.ttl")


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The ontology as a build reads it (blank nodes skolemized)."""
    return load_ontology(ROOT / "ontology" / "kg.ttl")

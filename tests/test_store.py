"""The query store `kg build` writes (build/store/): the same answers as the
dumps loaded in memory, written whole or not at all, and never used stale."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pyoxigraph
import pytest

import kg.atomic
import kg.store
from fixtures import ARTICLE_FACTS, ROOT, digests, invoke, replace_in
from kg.artifacts import GRAPH_CHOICES, open_store
from kg.errors import OutputError, QueryError
from kg.query.named import catalogue
from kg.query.run import WHOLE_STORE, run_store
from kg.store import DATABASE_DIR, MARKER_FILE, STORE_DIR, UnusableStoreError, checked_marker, query_store

QUERIES = catalogue(ROOT / "queries")
LANGS = ("en", "kk")
TWO_CHAIRS = (  # passes every source check but breaks a shape (as in test_build_cli.py)
    "  - id: meeting-chaired-by-shpekbayev\n"
    "    s: event/west-kazakhstan-anti-corruption-meeting\n"
    "    p: chairedBy\n"
    "    o: person/alik-shpekbayev\n"
    "    quote: Алик Шпекбаевтың қатысуымен\n"
    "  - id: meeting-reported-on-akimat-website\n"
)


def rows(store: pyoxigraph.Store, text: str, lang: str, scope=WHOLE_STORE) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in run_store(store, text, lang, scope)]


def no_load(*_args) -> pyoxigraph.Store:
    raise AssertionError("the dumps were loaded although the store is up to date")


def listing(folder: Path) -> list[str]:
    """Every path below ``folder``, hidden ones and folders included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def temporary(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def build_dir(built) -> Path:
    return built[1]


@pytest.fixture(scope="module")
def on_disk(build_dir):
    """The store and scope `kg query` reads for each --graph, the dumps never
    loaded where the on-disk store serves (all, inferred, claims, reference)."""
    opened = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.store, "open_store", no_load)
        for graphs in ("all", "inferred", "claims", "reference"):
            opened[graphs] = query_store(build_dir, graphs, note=no_load)
    opened["asserted"] = query_store(build_dir, "asserted", note=no_load)
    return opened


@pytest.fixture(scope="module")
def in_memory(build_dir):
    """Today's load of the dumps, for each --graph."""
    return {graphs: open_store(build_dir, graphs) for graphs in GRAPH_CHOICES}


@pytest.fixture
def own_build(project_copy, build_dir) -> Path:
    """A project copy with a build of its own (a copy of the shared one, times
    kept: what the copy would build), to break or build again."""
    shutil.copytree(build_dir, project_copy / "build")
    checked_marker(project_copy / "build")
    return project_copy / "build"


def test_the_build_writes_the_store_of_what_the_dumps_hold(build_dir, in_memory):
    assert sorted(os.listdir(build_dir / STORE_DIR)) == sorted([MARKER_FILE, DATABASE_DIR])
    assert not temporary(build_dir)
    store = pyoxigraph.Store.read_only(str(build_dir / STORE_DIR / DATABASE_DIR))
    assert set(store) == set(in_memory["all"])
    assert set(store.named_graphs()) == set(in_memory["all"].named_graphs())
    assert checked_marker(build_dir)["inferred_graphs"] == ["https://kg.example.org/graph/inferred"]


@pytest.mark.parametrize("graphs", GRAPH_CHOICES)
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_answers_the_same_from_the_store(on_disk, in_memory, graphs, name):
    store, scope = on_disk[graphs]
    for lang in LANGS:
        assert rows(store, QUERIES[name].text, lang, scope) == rows(in_memory[graphs], QUERIES[name].text, lang)


EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
EVERY_QUAD = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"


@pytest.mark.parametrize("graphs", GRAPH_CHOICES)
def test_the_same_triples_graphs_and_counts_from_the_store(on_disk, in_memory, graphs):
    # Each triple once in the default graph, and only the chosen graphs named:
    # what no named query shows for --graph inferred (they read asserted labels).
    store, scope = on_disk[graphs]
    for text in (
        EVERY_TRIPLE,
        EVERY_QUAD,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g",
    ):
        expected = rows(in_memory[graphs], text, "en")
        assert expected and rows(store, text, "en", scope) == expected, text


def test_the_cli_answers_the_same_with_and_without_the_store(build_dir, tmp_path):
    without = tmp_path / "build"
    shutil.copytree(build_dir, without, ignore=shutil.ignore_patterns(STORE_DIR))
    for graphs in GRAPH_CHOICES:
        for query in (("who-chaired",), ("claims-by-speaker",), ("mentions",), ("-e", EVERY_TRIPLE)):
            args = ("query", *query, "--graph", graphs, "-f", "csv", "--build")
            stored, loaded = invoke(*args, str(build_dir)), invoke(*args, str(without))
            assert stored.returncode == loaded.returncode == 0, stored.stderr + loaded.stderr
            assert stored.stdout == loaded.stdout
            # The reference tables state no meeting, no claim and no mention.
            empty = graphs in ("inferred", "reference")
            assert stored.stdout.count("\n") > 1 or (empty and query[0] != "-e")
            assert stored.stderr == ""
            assert loaded.stderr.strip() == (
                f"kg: note: no query store in {without}/; loading the dumps instead (run 'kg build' to write it again)"
                if graphs != "asserted"
                else ""
            )


@pytest.mark.parametrize(
    "command",
    [
        ("describe", "Алтай Көлгінов"),
        ("why", "*", "*", "*"),
        ("why", "Алтай Көлгінов", "kgo:chairs"),
        ("search", "Көлгіновтың"),
        ("search", "агенттік"),
    ],
)
def test_entity_commands_read_the_store_as_they_read_the_dumps(build_dir, tmp_path, command):
    without = tmp_path / "build"
    shutil.copytree(build_dir, without, ignore=shutil.ignore_patterns(STORE_DIR))
    stored, loaded = invoke(*command, "--build", str(build_dir)), invoke(*command, "--build", str(without))
    assert stored.returncode == loaded.returncode == 0, stored.stderr + loaded.stderr
    assert stored.stdout == loaded.stdout and stored.stdout.count("\n") >= 1
    assert stored.stderr == "" and "no query store" in loaded.stderr


@pytest.mark.parametrize("entity", [("kulginov",), ()])
def test_a_diagram_from_the_store_is_the_one_from_the_dumps(build_dir, tmp_path, entity):
    without = tmp_path / "build"
    shutil.copytree(build_dir, without, ignore=shutil.ignore_patterns(STORE_DIR))
    drawn = {}
    for name, build in (("stored", build_dir), ("loaded", without)):
        result = invoke("diagram", *entity, "-o", str(tmp_path / f"{name}.dot"), "--build", str(build))
        assert result.returncode == 0, result.stderr
        drawn[name] = (tmp_path / f"{name}.dot").read_text(encoding="utf-8")
    assert drawn["stored"] == drawn["loaded"] and drawn["stored"].count(" -> ") >= 5


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
    ],
)
def test_the_guard_stands_before_the_store(on_disk, query):
    store, scope = on_disk["all"]
    with pytest.raises(QueryError):
        run_store(store, query, "en", scope)


def test_queries_leave_the_store_untouched(build_dir):
    before = digests(build_dir / STORE_DIR), listing(build_dir / STORE_DIR)
    assert invoke("query", "who-chaired", "--build", str(build_dir)).returncode == 0
    assert invoke("query", "who-chaired", "--graph", "inferred", "--build", str(build_dir)).returncode == 0
    assert (digests(build_dir / STORE_DIR), listing(build_dir / STORE_DIR)) == before


def test_a_failed_build_leaves_the_previous_store(project_copy, own_build):
    before = digests(own_build), listing(own_build)
    replace_in(project_copy / ARTICLE_FACTS, "  - id: meeting-reported-on-akimat-website\n", TWO_CHAIRS)
    result = invoke("build", "-q", cwd=project_copy)
    assert result.returncode == 4 and "SHACL violation" in result.stderr
    assert (digests(own_build), listing(own_build)) == before


def test_a_write_error_leaves_the_previous_store_and_no_temporary_folder(project_copy, own_build, monkeypatch):
    before = digests(own_build), listing(own_build)

    def full_disk(folder: Path, name: str, data: bytes) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(kg.atomic, "_stage", full_disk)
    result = invoke("build", "-q", cwd=project_copy)
    assert result.returncode == 5 and "No space left on device" in result.stderr
    assert (digests(own_build), listing(own_build)) == before


def test_a_store_that_cannot_be_loaded_fails_the_build_and_writes_nothing(own_build, monkeypatch):
    before = digests(own_build), listing(own_build)

    def full_disk(*_args) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(kg.store, "load_dump", full_disk)
    with pytest.raises(OutputError, match="cannot write the query store: No space left on device"):
        kg.store.write_with_store(own_build, {"kg.nq": (own_build / "kg.nq").read_bytes()})
    assert (digests(own_build), listing(own_build)) == before


def test_an_interruption_while_writing_leaves_no_temporary_folder(own_build, monkeypatch):
    store_before = digests(own_build / STORE_DIR)

    def interrupted(*_args) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.atomic.Staged, "commit", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kg.store.write_with_store(own_build, {"kg.nq": (own_build / "kg.nq").read_bytes()})
    assert digests(own_build / STORE_DIR) == store_before
    assert not temporary(own_build)


def test_a_rebuild_replaces_the_store_and_leaves_no_temporary_folder(project_copy, own_build):
    old = os.stat(own_build / STORE_DIR).st_ino
    (own_build / ".store.left-by-a-killed-build.tmp").mkdir()
    assert invoke("build", "-q", cwd=project_copy).returncode == 0
    assert os.stat(own_build / STORE_DIR).st_ino != old
    assert not temporary(own_build)
    checked_marker(own_build)


def test_a_stale_store_is_not_used(own_build):
    # Without its chair, who-chaired has no answer: a stale store would still give one.
    for name in ("kg.nq", "kg.nt"):
        path = own_build / name
        path.write_text("".join(line for line in path.open(encoding="utf-8") if "chairedBy" not in line))
    result = invoke("query", "who-chaired", "-f", "csv", "--build", str(own_build))
    assert result.returncode == 0
    assert result.stdout.strip() == "meeting,chair,chairName,postName,quote"
    assert "store/ is out of date (kg.nq changed since it was written); loading the dumps instead" in result.stderr


def test_a_dump_of_the_same_size_is_told_apart_by_its_digest(own_build):
    path = own_build / "kg.nq"
    data = path.read_bytes()
    assert b"Altai Kulginov" in data
    path.write_bytes(data.replace(b"Altai Kulginov", b"Altai Kulginow", 1))
    with pytest.raises(UnusableStoreError, match=r"kg\.nq changed"):
        checked_marker(own_build)


def test_a_copy_that_kept_no_times_still_uses_the_store(own_build, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(own_build, copy, copy_function=shutil.copyfile)
    assert os.stat(copy / "kg.nq").st_mtime_ns != os.stat(own_build / "kg.nq").st_mtime_ns
    checked_marker(copy)


def test_a_removed_or_damaged_marker_is_not_trusted(own_build):
    (own_build / STORE_DIR / MARKER_FILE).write_text("{", encoding="utf-8")
    with pytest.raises(UnusableStoreError, match="missing or damaged"):
        checked_marker(own_build)
    (own_build / STORE_DIR / MARKER_FILE).unlink()
    with pytest.raises(UnusableStoreError, match="missing or damaged"):
        checked_marker(own_build)


def test_kg_reason_writes_the_store_again(own_build):
    (own_build / "inferred.nq").write_bytes(b"")
    with pytest.raises(UnusableStoreError, match=r"inferred\.nq changed"):
        checked_marker(own_build)
    assert invoke("reason", "-q", "--build", str(own_build)).returncode == 0
    checked_marker(own_build)
    assert not temporary(own_build)

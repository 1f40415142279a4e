"""Helpers the tests share (pytest fixtures live in conftest.py)."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from click.testing import CliRunner
from rdflib import Graph

from kg.artifacts import load_built
from kg.cli import main
from kg.pipeline.cache import CACHE_DIR, STAT
from kg.query.run import run_store
from kg.store import query_store

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_45cd44230e9f16be"
ARTICLE = ROOT / "data" / "articles" / f"{SEED}.txt"
ARTICLE_FACTS = Path(f"data/articles/{SEED}.yaml")  # relative to a project copy
STAT_RECORD = Path(CACHE_DIR) / STAT


def copy_seed_data(target: Path) -> Path:
    """data/ as it holds the seed article alone: its text and facts, entities.yaml,
    reference/outside-facts.yaml and the reference tables; the corpus's other
    articles, its entities/ and its other outside-fact files are left out.
    The seed's tests pin exact answers, which more articles would change."""

    def corpus_only(folder: str, names: list[str]) -> set[str]:
        here = Path(folder).relative_to(ROOT / "data")
        if here == Path("."):
            return {"entities"} & set(names)
        if here == Path("articles"):
            return {n for n in names if not n.startswith(SEED)}
        if here == Path("reference"):
            return {n for n in names if n.endswith(".yaml") and n != "outside-facts.yaml"}
        return set()

    shutil.copytree(ROOT / "data", target, ignore=corpus_only)
    return target


_seed_root: list[Path] = []


def seed_root() -> Path:
    """A project folder (kg.toml, data/ with the seed alone, ontology/) made once
    per test session, for the tests that build or read the seed as kg's user
    would from a project folder."""
    if not _seed_root:
        root = Path(tempfile.mkdtemp(prefix="kg-seed-project-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        shutil.copy(ROOT / "kg.toml", root / "kg.toml")
        copy_seed_data(root / "data")
        shutil.copytree(ROOT / "ontology", root / "ontology")
        _seed_root.append(root)
    return _seed_root[0]


def run_kg(*args: str, cwd: Path, seed: str = "0") -> subprocess.CompletedProcess:
    """kg in a process of its own: for signals, hash seeds, locks and pipes."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("KG_BASE", None)
    env.pop("KG_PROJECT", None)
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@dataclass(frozen=True)
class Ran:
    """What a command did, in the shape of subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke(*args: str, cwd: Path | None = None) -> Ran:
    """kg in this process (click's CliRunner), run from ``cwd``: for every test
    that needs no process of its own."""
    runner = CliRunner()
    previous = Path.cwd()
    os.chdir(cwd or ROOT)
    try:
        result = runner.invoke(main, list(args), env={"KG_BASE": None, "KG_PROJECT": None}, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return Ran(result.exit_code, result.stdout, result.stderr)


def digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file below ``folder``, by its path there, but for the
    query store's database files and the cache's record of the dumps' stat
    (times and inodes), which differ from build to build whatever they hold
    (tests/test_store.py compares what the store holds)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "store" and p.relative_to(folder) != STAT_RECORD
    }


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file, which must hold it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


class RecordingServer:
    """A loopback TCP server that only counts who connects to it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.socket.close()


_events: list[tuple[str, tuple]] = []


def _record(event: str, args: tuple) -> None:
    if event in ("socket.connect", "urllib.Request") or (event == "open" and "passwd" in str(args[0])):
        _events.append((event, args))


def audit_events() -> list[tuple[str, tuple]]:
    """Connections made and /etc/passwd opened in this process since the list
    was last cleared (an audit hook, installed on first use)."""
    if not getattr(audit_events, "installed", False):
        sys.addaudithook(_record)
        audit_events.installed = True  # type: ignore[attr-defined]
    return _events


def built_graphs(build: Path) -> dict[str, set]:
    """Each named graph of the build as rdflib reads it: the oracle beside kg.publish's own reading."""
    graphs: dict[str, set] = {}
    for s, p, o, g in load_built(build, "all").quads((None, None, None, None)):
        graphs.setdefault(str(g.identifier if isinstance(g, Graph) else g), set()).add((s, p, o))
    return graphs


def terms(result) -> Counter:
    """Each row as RDF terms, datatypes and language tags included."""
    return Counter(tuple("" if v is None else v.n3() for v in row) for row in result)


def local_answer(build: Path, text: str) -> Counter:
    """What `kg query` answers from the build."""
    store, scope = query_store(build, "all")
    return terms(run_store(store, text, "en", scope))


@contextmanager
def serving_the_seed(folder: Path, *options: str) -> Iterator[str]:
    """`kg serve` (with ``options``) on a build of the seed in ``folder`` whose
    base is the server's own address; yields that address. Its error output
    goes to ``folder``/serve.log."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = folder / "build"
    assert invoke("build", "-q", "--base", base, "--out", str(out), cwd=seed_root()).returncode == 0
    with (folder / "serve.log").open("w") as log:
        command = [sys.executable, "-m", "kg", "serve", "--build", str(out), "--port", str(port), *options]
        process = subprocess.Popen(command, cwd=ROOT, stderr=log)
        try:
            wait_until_up(base, process)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


def assert_the_cli_reads_the_store_alike(query_url: str, build: Path) -> None:
    """`kg query --endpoint` on a store prints what `kg query` prints from the build."""
    remote = invoke("query", "cases-by-district", "--endpoint", query_url, "-f", "csv", cwd=ROOT)
    local = invoke("query", "cases-by-district", "--build", str(build), "-f", "csv", cwd=ROOT)
    assert remote.returncode == local.returncode == 0, remote.stderr + local.stderr
    assert len(remote.stdout.splitlines()) > 1
    assert remote.stdout == local.stdout

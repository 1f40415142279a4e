"""One build as the server holds it, and the swap to a newer build.

Everything a request reads (the build's store, the pages' indexes, the
vocabulary, the endpoint, the summary, the dump files' identity) hangs off
one ``Served`` object; a request takes the current one once and uses nothing
else, so it answers from one build whatever happens meanwhile. The store is
the one `kg build` writes (kg.store), opened read-only: nothing is loaded
whole, so the server starts in moments at any size; when it is missing or
stale, the dumps are loaded into memory as before. What the pages need of
the whole build (the classes' members, the languages, VoID's counts and
checksums, the search index) is worked out on first use and kept. With
``kg serve --reload`` a watcher opens a new build beside the old one and
swaps it in with one assignment. The build renames its files into place one
after another, so a load is kept only when no file changed while it was read.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property, partial
from pathlib import Path

import pyoxigraph
from rdflib import URIRef

from kg.artifacts import ASSERTED_FILE, INFERRED_FILE, built_base, open_store
from kg.errors import KGError, OutputError
from kg.query.named import NamedQuery, catalogue
from kg.server.browse import Holdings
from kg.server.endpoint import Endpoint, serving
from kg.server.graph import StoreGraph, prefixed
from kg.server.pages import LabelIndex, Site
from kg.server.vocabulary import Vocabulary, local_name
from kg.server.void import checksums, counts, dump_files
from kg.server.workers import Workers
from kg.store import DATABASE_DIR, MARKER_FILE, STORE_DIR, UnusableStoreError, checked_marker

SUMMARY = "summary.json"
STORE_MARKER = f"{STORE_DIR}/{MARKER_FILE}"  # replaced whenever the store is
LANGUAGES = "SELECT DISTINCT (LANG(?l) AS ?lang) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
# A file's identity: a rename puts another inode in place, a rewrite changes size or time.
Stamp = tuple[int, int, int]


def stamps(build_dir: Path) -> dict[str, Stamp]:
    """The identity of every file the server reads or serves from a build."""
    try:
        names = {SUMMARY, ASSERTED_FILE, INFERRED_FILE, STORE_MARKER, *dump_files(build_dir)}
    except FileNotFoundError:  # the folder itself is gone
        return {}
    found = {}
    for name in sorted(names):
        try:
            info = os.stat(build_dir / name)
        except FileNotFoundError:
            continue
        found[name] = (info.st_ino, info.st_size, info.st_mtime_ns)
    return found


@dataclass(frozen=True)
class Settings:
    build_dir: Path
    timeout: float
    max_rows: int
    queries: Sequence[Path]
    ontology: Path
    max_queries: int  # evaluated at once
    max_waiting: int = 16  # waiting for one of those
    note: Callable[[str], None] = lambda message: None


@dataclass(frozen=True)
class Served:
    """One build, as its store answers for it."""

    build_dir: Path
    base: str
    dataset: StoreGraph
    site: Site
    endpoint: Endpoint
    named: dict[str, NamedQuery]
    vocabulary: Vocabulary
    summary: dict
    built: str  # when, from summary.json's time
    files: dict[str, Stamp]  # as they were when loading began
    dumps: dict[str, str]  # the dump files then, with their media types
    terms: dict[str, URIRef] = field(init=False)
    shapes: dict[str, URIRef] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", {local_name(t): t for t in self.vocabulary.terms()})
        object.__setattr__(self, "shapes", {local_name(t): t for t in self.vocabulary.shape_names()})

    # What the pages need of the whole build, worked out on first use.

    @cached_property
    def holdings(self) -> Holdings:
        return Holdings.of(self.dataset, self.base)

    @cached_property
    def languages(self) -> list[str]:
        """The languages the labels are written in, for the reader to choose from."""
        found = {row["lang"].value.lower() for row in self.dataset.store.query(LANGUAGES)}
        return sorted(found - {""})

    @cached_property
    def void_counts(self) -> dict[str, int]:
        return counts(self.dataset.store, self.base)

    @cached_property
    def checksums(self) -> dict[str, tuple[int, str]]:
        return checksums(self.build_dir, sorted(self.dumps))

    @cached_property
    def labels(self) -> LabelIndex:
        return LabelIndex.of(self.dataset)

    def holds(self, name: str) -> bool:
        """Whether the file ``name`` on disk is still the one this build was loaded with."""
        return name in self.files and stamps(self.build_dir).get(name) == self.files[name]

    def holds_dumps(self) -> bool:
        """Whether the dump files on disk are still those this build was loaded with, no more, no fewer."""
        on_disk = stamps(self.build_dir)
        return dump_files(self.build_dir) == self.dumps and all(on_disk.get(n) == self.files.get(n) for n in self.dumps)


def load(settings: Settings) -> Served:
    build_dir = settings.build_dir
    files = stamps(build_dir)
    dumps = dump_files(build_dir)
    base = built_base(build_dir)
    summary, built = _summary(build_dir)
    store, opener = open_build(build_dir, settings.note)
    dataset = StoreGraph(store, prefixed(base))  # with the prefixes every answer and page is written with
    workers = Workers(settings.max_queries, settings.max_waiting, settings.timeout, serving(opener, dataset))
    graph_names = frozenset(g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))
    return Served(
        build_dir=build_dir,
        base=base,
        dataset=dataset,
        site=Site(dataset, base),
        endpoint=Endpoint(workers, graph_names, base, settings.max_rows),
        named=catalogue(settings.queries),
        vocabulary=Vocabulary.load(dataset, settings.ontology, base),
        summary=summary,
        built=built,
        files=files,
        dumps=dumps,
    )


def _summary(build_dir: Path) -> tuple[dict, str]:
    path = build_dir / SUMMARY
    try:
        built = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
        return json.loads(path.read_text(encoding="utf-8")), built
    except (OSError, ValueError):
        raise OutputError(f"{path} is missing or damaged: run 'kg build' again") from None


def open_build(build_dir: Path, note: Callable[[str], None]) -> tuple[pyoxigraph.Store, Callable[[], pyoxigraph.Store]]:
    """The build's store for the pages, and how a query worker gets it: the
    on-disk store, opened read-only by each; or, when it is missing or stale
    (an older build), the dumps loaded into memory, which workers forked from
    this process share."""
    try:
        marker = checked_marker(build_dir)
        store = _open_marked(build_dir, marker)
    except UnusableStoreError as why:
        store = open_store(build_dir, "all")
        note(f"note: {why}; loaded the dumps into memory instead (run 'kg build' to write it again)")
        return store, lambda: store
    return store, partial(_reopen, build_dir, marker)


def _open_marked(build_dir: Path, marker: dict) -> pyoxigraph.Store:
    """The store whose marker is ``marker``: the marker is read before and
    after opening, and a store swapped in meanwhile would have changed it."""
    folder = build_dir / STORE_DIR
    if _marker(folder) != marker:
        raise UnusableStoreError(f"{folder}/ was replaced")
    try:
        store = pyoxigraph.Store.read_only(str(folder / DATABASE_DIR))
    except OSError as error:
        raise UnusableStoreError(f"{folder}/ cannot be opened ({error})") from None
    if _marker(folder) != marker:
        raise UnusableStoreError(f"{folder}/ was replaced")
    return store


def _marker(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _reopen(build_dir: Path, marker: dict) -> pyoxigraph.Store:
    """The store a query worker opens: the build's that was loaded, if it is still there."""
    try:
        return _open_marked(build_dir, marker)
    except UnusableStoreError as why:
        raise KGError(str(why)) from None


class Current:
    """The build being served, swapped for a newer one by ``refresh``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.note = settings.note
        self.served = load(settings)
        self._refreshing = threading.Lock()
        self._unloadable: dict[str, Stamp] | None = None  # files that failed to load, said once

    def refresh(self) -> bool:
        """Load the build again if its files changed; True when a new one is served."""
        with self._refreshing:
            now = stamps(self.settings.build_dir)
            if now in (self.served.files, self._unloadable):
                return False
            try:
                fresh = load(self.settings)
            except KGError as error:
                self._unloadable = now
                self.note(f"the build changed but cannot be loaded ({error}); still serving the previous one")
                return False
            if stamps(self.settings.build_dir) != fresh.files:
                return False  # files were renamed while it loaded: the next look loads them all
            old, self.served = self.served, fresh  # one assignment: a request sees the old build or the new one
            old.endpoint.close()
            self.note(f"serving the new build of {self.settings.build_dir}/")
            return True

    def watch(self, interval: float, stop: threading.Event) -> threading.Thread:
        """Look for a new build every ``interval`` seconds until ``stop`` is set."""

        def run() -> None:
            while not stop.wait(interval):
                self.refresh()

        thread = threading.Thread(target=run, name="kg-reload", daemon=True)
        thread.start()
        return thread

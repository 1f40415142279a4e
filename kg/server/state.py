"""One build as the server holds it, and the swap to a newer build.

Everything a request reads (the dataset, the pages' indexes, the vocabulary,
the endpoint, the dump files' identity) is loaded into one ``Served`` object;
a request takes the current one once and uses nothing else, so it answers
from one build whatever happens meanwhile. With ``kg serve --reload`` a
watcher loads a new build beside the old one and swaps it in with one
assignment. The build renames its files into place one after another, so a
load is kept only when no file changed while it was read.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.namespace import RDFS

from kg.artifacts import ASSERTED_FILE, INFERRED_FILE, built_base, load_built, open_store
from kg.errors import KGError
from kg.query.named import NamedQuery, catalogue
from kg.server.browse import Holdings
from kg.server.endpoint import Endpoint
from kg.server.pages import Site
from kg.server.vocabulary import Vocabulary, local_name
from kg.server.void import dump_files

SUMMARY = "summary.json"
# A file's identity: a rename puts another inode in place, a rewrite changes size or time.
Stamp = tuple[int, int, int]


def stamps(build_dir: Path) -> dict[str, Stamp]:
    """The identity of every file the server reads or serves from a build."""
    try:
        names = {SUMMARY, ASSERTED_FILE, INFERRED_FILE, *dump_files(build_dir)}
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


@dataclass(frozen=True)
class Served:
    """One build, loaded whole."""

    build_dir: Path
    base: str
    dataset: Dataset
    site: Site
    endpoint: Endpoint
    named: dict[str, NamedQuery]
    languages: list[str]
    holdings: Holdings
    vocabulary: Vocabulary
    files: dict[str, Stamp]  # as they were when loading began
    dumps: dict[str, str]  # the dump files then, with their media types
    terms: dict[str, URIRef] = field(init=False)
    shapes: dict[str, URIRef] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", {local_name(t): t for t in self.vocabulary.terms()})
        object.__setattr__(self, "shapes", {local_name(t): t for t in self.vocabulary.shape_names()})

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
    dataset = load_built(build_dir, "all")
    return Served(
        build_dir=build_dir,
        base=base,
        dataset=dataset,
        site=Site(dataset, base),
        endpoint=Endpoint(open_store(build_dir, "all"), dataset, base, settings.timeout, settings.max_rows),
        named=catalogue(settings.queries),
        languages=_languages(dataset),
        holdings=Holdings.of(dataset, base),
        vocabulary=Vocabulary.load(dataset, settings.ontology, base),
        files=files,
        dumps=dumps,
    )


def _languages(dataset: Dataset) -> list[str]:
    """The languages the labels are written in, for the reader to choose from."""
    return sorted({lit.language for lit in dataset.objects(None, RDFS.label) if getattr(lit, "language", None)})


class Current:
    """The build being served, swapped for a newer one by ``refresh``."""

    def __init__(self, settings: Settings, note: Callable[[str], None]) -> None:
        self.settings = settings
        self.note = note
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
            self.served = fresh  # one assignment: a request sees the old build or the new one, never both
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

"""Where kg finds its files: a project folder, and the package's own resources.

A project folder holds the curated sources (``data/``), the build
(``build/``) and, optionally, its own ``ontology/`` and ``queries/``; it is
named by ``--project`` (or ``KG_PROJECT``) or found by walking up from the
current folder to one holding ``kg.toml``. The ontology, shapes, JSON-LD
context and named queries also ship inside the package, so an installed kg
works from any folder: a project's own ontology folder (one holding kg.ttl)
replaces the packaged one whole, and its own named queries override the
packaged ones by name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from kg.errors import KGError

MARKER = "kg.toml"
FOLDER_KEYS = ("data", "build", "ontology", "queries")


def packaged(package: str) -> Path:
    """A folder of the installed package (wheels install unzipped, so it is on disk)."""
    return Path(str(files(package)))


PACKAGED_ONTOLOGY = packaged("kg.ontology")
PACKAGED_QUERIES = packaged("kg.queries")


@dataclass(frozen=True)
class Project:
    """The folders one run of kg reads and writes; relative to ``root``, or to
    the current folder when there is no project folder."""

    root: Path | None = None
    settings: dict[str, str] = field(default_factory=dict)

    def folder(self, key: str) -> Path:
        name = Path(self.settings.get(key, key))
        return self.root / name if self.root is not None else name

    @property
    def data(self) -> Path:
        return self.folder("data")

    @property
    def build(self) -> Path:
        return self.folder("build")

    @property
    def ontology(self) -> Path:
        """The project's ontology folder if it has one, else the packaged one."""
        own = self.folder("ontology")
        return own if (own / "kg.ttl").is_file() else PACKAGED_ONTOLOGY

    @property
    def queries(self) -> tuple[Path, ...]:
        """Folders of named queries, later ones overriding earlier by name."""
        own = self.folder("queries")
        if own.is_dir() and own.resolve() != PACKAGED_QUERIES.resolve():
            return (PACKAGED_QUERIES, own)
        return (PACKAGED_QUERIES,)

    @property
    def base(self) -> str | None:
        return self.settings.get("base")


def _settings(marker: Path) -> dict[str, str]:
    try:
        table = tomllib.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise KGError(f"{marker}: cannot read project settings: {error}") from None
    known = (*FOLDER_KEYS, "base")
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise KGError(f"{marker}: unknown setting {unknown[0]!r}; known: {', '.join(known)}")
    wrong = [k for k, v in table.items() if not isinstance(v, str)]
    if wrong:
        raise KGError(f"{marker}: setting {wrong[0]!r} must be a string")
    return dict(table)


def find_project(named: Path | None = None, start: Path | None = None) -> Project:
    """The project named, or the nearest one above ``start`` (the current folder);
    with none, the current folder's ``data/`` and ``build/``."""
    if named is not None:
        if not named.is_dir():
            raise KGError(f"project folder {named} does not exist")
        marker = named / MARKER
        return Project(named, _settings(marker) if marker.is_file() else {})
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        marker = folder / MARKER
        if marker.is_file():
            return Project(folder, _settings(marker))
    return Project()

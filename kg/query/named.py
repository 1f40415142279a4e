"""The catalogue of named queries: *.rq files with # title: and # description: headers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from kg.errors import KGError, QueryError
from kg.project import PACKAGED_QUERIES

HEADER = re.compile(r"^#\s*(title|description):\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    text: str


def read_query(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise KGError(f"{path}: cannot read query: {error}") from None
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER.match(line)
        if match:
            key = match.group(1)
            fields[key] = match.group(2).strip()
        elif key and line[1:].strip():
            fields[key] += " " + line[1:].strip()
    return NamedQuery(path.stem, path, fields.get("title", ""), fields.get("description", ""), text)


def catalogue(folders: Path | Sequence[Path] = PACKAGED_QUERIES) -> dict[str, NamedQuery]:
    """The named queries of ``folders``, sorted by name; a later folder's query
    replaces an earlier one of the same name (a project's over the packaged)."""
    found: dict[str, NamedQuery] = {}
    for folder in [folders] if isinstance(folders, Path) else folders:
        found.update((p.stem, read_query(p)) for p in folder.glob("*.rq"))
    return dict(sorted(found.items()))


def resolve(spec: str, folders: Path | Sequence[Path] = PACKAGED_QUERIES) -> NamedQuery:
    """A query given as a file path or by its name in ``folders``."""
    path = Path(spec)
    if path.suffix == ".rq" and path.is_file():
        return read_query(path)
    known = catalogue(folders)
    if spec in known:
        return known[spec]
    close = get_close_matches(spec, known, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; known queries: {', '.join(known) or 'none'}"
    raise QueryError(f"unknown query {spec!r}{hint}")

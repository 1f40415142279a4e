"""A draft article as the curation pages edit it: read and written with
ruamel.yaml's round trip, so comments, key order, quoting and layout stay as
the curator (or `kg ingest`) wrote them, and every change is checked by the
build's own reader (kg.pipeline.sources) before it replaces the file.

An item is one thing a curator decides on: the article's head, a candidate
entity, a fact (a number is a fact whose value is one), the forms that
mention one known entity, a date, or a piece of reported speech. Its key
(``fact:number-1``, ``date:0``) names it in the page and in the request.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from kg.atomic import current_umask, signals_held
from kg.errors import KGError, SourceError
from kg.pipeline.sources import Article, Entity, load_article, load_entities, load_yaml

# Where candidates a curator accepts become entities: one file the server
# chooses, never a path a request names.
CURATED_ENTITIES = Path("entities") / "curated.yaml"
ENTITIES_HEADER = (
    "# Entities accepted from drafts on the curation pages (kg serve --curate).\n"
    "# Each is defined here only; edit freely, comments are kept.\n"
)
GENERIC_MEASURE = "sdmx-measure:obsValue"


class CurateError(KGError):
    """A curation request that cannot be carried out; nothing was changed."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _yaml(text: str) -> YAML:
    """A round-trip YAML that writes lists the way this file already does."""
    y = YAML()
    y.width = 4096  # never re-wrap a long quote
    y.preserve_quotes = True
    y.allow_unicode = True
    if re.search(r"^- ", text, re.MULTILINE):  # kg ingest's style: list items at their key's indent
        y.indent(mapping=2, sequence=2, offset=0)
    else:
        y.indent(mapping=2, sequence=4, offset=2)
    y.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def _parse(path: Path, text: str) -> tuple[YAML, Any]:
    y = _yaml(text)
    try:
        return y, y.load(text)
    except YAMLError as error:
        raise CurateError(f"{path.name}: malformed YAML: {str(error).splitlines()[0]}", 422) from None


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class Draft:
    path: Path
    data: bytes  # the file as read
    yaml: YAML
    doc: CommentedMap
    article: Article

    @property
    def version(self) -> str:
        return version_of(self.data)

    def section(self, name: str) -> list:
        value = self.doc.get(name)
        return value if isinstance(value, list) else []

    def candidate_ids(self) -> list[str]:
        return [str(c.get("id")) for c in self.section("candidates") if isinstance(c, dict)]

    def dump(self) -> bytes:
        out = io.StringIO()
        self.yaml.dump(self.doc, out)
        return out.getvalue().encode("utf-8")


def open_draft(path: Path) -> Draft:
    """The article file, loaded both ways: for editing and as the build reads it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CurateError(f"{path.name}: cannot read: {error.strerror}", 404) from None
    y, doc = _parse(path, data.decode("utf-8", "replace"))
    text = doc.get("article", {}).get("text") if isinstance(doc, dict) else None
    if isinstance(text, str) and (path.parent / text).resolve().parent != path.parent.resolve():
        raise CurateError(f"{path.name}: its text {text!r} is not in data/articles/: refused", 403)
    return Draft(path, data, y, doc, load_article(path))


def known_entities(data_dir: Path) -> dict[str, Entity]:
    """Every entity of the project: entities.yaml, then entities/*.yaml."""
    found: dict[str, Entity] = {}
    for path in [data_dir / "entities.yaml", *sorted((data_dir / "entities").glob("*.yaml"))]:
        if path.exists():
            found.update(load_entities(path))
    return found


def article_ids(folder: Path) -> set[str]:
    """The ids of the articles in ``folder``: entities too, which facts may name."""
    found = set()
    for path in sorted(folder.glob("*.yaml")):
        try:
            found.add(str(load_yaml(path)["article"]["id"]))
        except (KGError, KeyError, TypeError):
            continue
    return found


def pending(draft: Draft, entities: dict[str, Entity]) -> list[str]:
    """What `kg build` would still refuse in this draft: its review notes, and
    every entity it names that is neither known, nor an article, nor a candidate."""
    notes = list(draft.article.review_notes)
    allowed = set(entities) | set(draft.candidate_ids()) | article_ids(draft.path.parent)
    named = {*draft.article.mentions}
    for fact in draft.article.facts:
        named.update(x for x in (fact.subject, fact.object, fact.speaker) if x)
    if draft.article.publisher:
        named.add(draft.article.publisher)
    notes += [f"{draft.path.name}: unknown entity {name!r}: relink it or add it" for name in sorted(named - allowed)]
    return notes


# --- saving ------------------------------------------------------------------


def _stage(folder: Path, name: str, data: bytes) -> Path:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{Path(name).stem}.", suffix=".yaml.tmp")
    os.chmod(temporary, 0o666 & ~current_umask())
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return Path(temporary)


def save(draft: Draft, entities_file: tuple[Path, bytes] | None = None) -> None:
    """Replace the draft (and, when a candidate was accepted, the curated
    entities file) only if the result loads as the build loads it; else
    nothing changes and the reader's one-line message is raised."""
    if draft.path.read_bytes() != draft.data:
        raise CurateError(f"{draft.path.name} changed on disk since it was read; reload the page", 409)
    staged: list[tuple[Path, Path]] = []
    try:
        if entities_file is not None:
            target, data = entities_file
            target.parent.mkdir(exist_ok=True)
            temporary = _stage(target.parent, target.name, data)
            staged.append((temporary, target))
            _check(lambda: load_entities(temporary), temporary, target)
        temporary = _stage(draft.path.parent, draft.path.name, draft.dump())
        staged.append((temporary, draft.path))
        _check(lambda: load_article(temporary), temporary, draft.path)
        with signals_held():
            for temporary, target in staged:
                os.replace(temporary, target)
    except OSError as error:
        raise CurateError(f"{draft.path.name}: cannot write: {error.strerror or error}", 500) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def _check(load, temporary: Path, target: Path) -> None:
    try:
        load()
    except SourceError as error:
        message = str(error).replace(str(temporary), target.name).replace(temporary.name, target.name)
        raise CurateError(f"not saved, the file would not load: {message}", 422) from None


def entities_file_with(data_dir: Path, entity_id: str, body: dict) -> tuple[Path, bytes]:
    """The curated entities file with one more entity, comments kept."""
    target = data_dir / CURATED_ENTITIES
    text = target.read_text(encoding="utf-8") if target.exists() else ENTITIES_HEADER
    y, doc = _parse(target, text)
    if doc is None:
        doc = CommentedMap()
    if entity_id in doc:
        raise CurateError(f"{entity_id} is already defined in {CURATED_ENTITIES}", 409)
    doc[entity_id] = body
    out = io.StringIO()
    y.dump(doc, out)
    data = out.getvalue()
    if not target.exists():
        data = ENTITIES_HEADER + data
    return target, data.encode("utf-8")

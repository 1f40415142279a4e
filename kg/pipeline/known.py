"""Articles the previous build read, so that this one parses only the YAML
that changed: OUT/.cache/articles.json holds each article file's SHA-256,
its text's, and the Article read from them (as JSON). An article whose file
and text are the ones recorded is taken from there; any other is read anew.
Its manifest (kg.pipeline.cache) vouches for the file as for the others.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kg.pipeline.sources import Article, Candidate, Fact, Review, load_article


class KnownArticles:
    """load_article, from the previous build's record where the files are the same."""

    def __init__(self, recorded: dict[str, Any] | None = None, sha256: str | None = None) -> None:
        self.recorded = recorded or {}
        self.sha256 = sha256  # of the record as the previous build wrote it
        self.entries: dict[str, Any] = {}  # what the next build may reuse

    def __call__(self, path: Path) -> Article:
        digest = _sha256(path.read_bytes()) if path.is_file() else None
        entry = self.recorded.get(path.name)
        if entry is not None and digest is not None and entry["file"] == digest and self._same_text(path, entry):
            self.entries[path.name] = entry
            return _article(_moved(entry["article"], "", str(path)))
        article = load_article(path)
        text = path.parent / article.file_name
        # Recorded without the folder, so that a copy of the sources records the same bytes.
        body = _moved(asdict(article), str(path), "")
        if digest is not None and body is not None and text.is_file() and _sha256(text.read_bytes()) == article.sha256:
            self.entries[path.name] = {"file": digest, "article": body}
        return article

    @staticmethod
    def _same_text(path: Path, entry: dict) -> bool:
        text = path.parent / entry["article"]["file_name"]
        return text.is_file() and _sha256(text.read_bytes()) == entry["article"]["sha256"]

    def changed(self) -> bool:
        """Whether the record differs from the previous one."""
        return self.entries != self.recorded

    def dump(self) -> bytes:
        return json.dumps(self.entries, ensure_ascii=False).encode("utf-8")


def parse(data: bytes) -> dict[str, Any]:
    """A record as dump() wrote it; ValueError if it is not one."""
    recorded = json.loads(data)
    if not isinstance(recorded, dict):
        raise ValueError("not a mapping")
    for entry in recorded.values():
        if not isinstance(entry["file"], str):
            raise ValueError("no file digest")
        _article(entry["article"])  # each must make an Article: KeyError or TypeError otherwise
    return recorded


def _article(body: dict[str, Any]) -> Article:
    fields = dict(body)
    fields["facts"] = tuple(Fact(**fact) for fact in body["facts"])
    fields["candidates"] = tuple(Candidate(**candidate) for candidate in body["candidates"])
    fields["review"] = Review(**body["review"]) if body["review"] is not None else None
    fields["mentions"] = {entity: tuple(forms) for entity, forms in body["mentions"].items()}
    fields["review_notes"] = tuple(body["review_notes"])
    return Article(**fields)


def _moved(body: Any, old: str, new: str) -> Any:
    """An article's fields with ``old`` at the start of each place it names
    (its file's path, in ``where`` and the review notes) made ``new``; None if
    a place does not start so."""
    if isinstance(body, list | tuple):  # asdict keeps tuples, JSON makes lists
        moved = [_moved(item, old, new) for item in body]
        return None if any(item is None for item in moved) else moved
    if not isinstance(body, dict):
        return body
    found = {}
    for key, value in body.items():
        if key == "where" or key == "review_notes":
            places = [value] if key == "where" else value
            if not all(isinstance(place, str) and place.startswith(old) for place in places):
                return None
            value = [new + place[len(old) :] for place in places]
            value = value[0] if key == "where" else value
        elif key in ("facts", "candidates", "review"):
            value = _moved(value, old, new)
            if value is None and body[key] is not None:
                return None
        found[key] = value
    return found


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

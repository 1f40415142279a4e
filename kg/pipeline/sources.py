"""Read the curated sources: entities, articles with their facts, outside facts.

Everything here is parsing and shape-checking of the YAML and text; meaning
(classes, properties, entity references) is checked against the ontology when
the graph is compiled.

Long because it is the one reader of the source format: every field's check
and its one-line error (file and line) sit beside the dataclass it fills, so
a change to the format is one place to read.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import SourceError

LANGUAGES = ("kk", "en", "ru")
REQUIRED_LABEL_LANGUAGES = ("kk", "en")
ENTITY_ID = re.compile(r"^[a-z]+(/[a-z0-9]+(-[a-z0-9]+)*)+$")
FACT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How a speaker holds a claim that is not stated as plain fact (kgo:Modality).
MODALITIES = ("opinion", "intention", "obligation")
# What a reviewed article says when its text names no author or outlet.
UNKNOWN = "unknown"


class _Mapping(dict):
    """A YAML mapping that remembers the line it started on, and each key's."""

    line: int = 0
    key_lines: dict[Any, int]


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser, if PyYAML has it: 5x faster
    """Safe YAML that rejects duplicate keys and keeps dates as text."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> _Mapping:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise SourceError(f"{loader.name}:{line}: duplicate key {key!r} (first at line {seen[key]})")
        seen[key] = line
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = seen
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path) -> str:
    """Read a UTF-8 file exactly (no newline translation), with one-line errors."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not valid UTF-8 at byte {error.start}: {error.reason}") from None


def load_yaml(path: Path) -> Any:
    text = read_text(path)
    try:
        loader = _StrictLoader(text)
        loader.name = str(path)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise SourceError(f"{where}: malformed YAML: {error.problem}") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise SourceError(f"{path}:{line}: malformed YAML: character #x{error.character:04x} is not allowed") from None
    except yaml.YAMLError as error:
        raise SourceError(f"{path}: malformed YAML: {str(error).splitlines()[0]}") from None


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    labels: dict[str, str]
    alt_labels: dict[str, tuple[str, ...]]
    comments: dict[str, str]
    years: tuple[int, int] | None
    scheme: str | None
    dataset: str | None
    where: str


@dataclass(frozen=True)
class Fact:
    """One triple with the quote that states it, from an article."""

    id: str
    subject: str
    predicate: str
    object: str | None
    value: Any
    quote: str
    start: int | None
    speaker: str | None
    where: str
    reviewed: bool = True
    modality: str | None = None  # opinion, intention or obligation: a claim, not asserted as a fact


@dataclass(frozen=True)
class Review:
    """Who checked an article's facts against its text, and when: the activity
    that generated its statements and the author of their translations."""

    curator: str  # an entity id of data/entities.yaml, a kgo:Curator
    date: str  # YYYY-MM-DD
    where: str


@dataclass(frozen=True)
class Candidate:
    """A new entity a draft proposes: built, unreviewed, only with --allow-unreviewed."""

    id: str
    proposed_type: str
    label: str  # the Kazakh surface form the text gives it
    where: str


@dataclass(frozen=True)
class Article:
    id: str
    file_name: str
    text: str
    sha256: str
    language: str
    labels: dict[str, str]
    publisher: str | None  # None in a draft, or where the text names no author or outlet
    mentions: dict[str, tuple[str, ...]]
    facts: tuple[Fact, ...]
    where: str
    reviewed: bool = True
    candidates: tuple[Candidate, ...] = ()
    review_notes: tuple[str, ...] = ()  # what a curator must still do, each with its file and line
    review: Review | None = None
    url: str | None = None  # where the text was read
    published: str | None = None  # YYYY-MM-DD, only where the page or the text states it
    licence: str | None = None  # the licence or terms relied on, a URL or their name

    @property
    def slug(self) -> str:
        """The last part of the article's id, naming its statements, spans and graph."""
        return self.id.split("/")[-1]


@dataclass(frozen=True)
class OutsideFact:
    """A fact from a reference table, not from the article."""

    id: str
    table: str
    row: dict[str, str]
    quote: str | None
    subject: str
    predicate: str
    object: str | None
    value: Any
    qualifiers: dict[str, str]
    where: str


@dataclass(frozen=True)
class ReferenceTable:
    name: str
    rows: tuple[dict[str, str], ...]
    text: str


@dataclass(frozen=True)
class Sources:
    entities: dict[str, Entity]
    articles: tuple[Article, ...]
    wikidata: dict[str, str]
    outside_facts: tuple[OutsideFact, ...]
    tables: dict[str, ReferenceTable] = field(default_factory=dict)


def _require(mapping: Any, key: str, where: str, kind: type = str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise SourceError(f"{where}: missing field '{key}'")
    value = mapping[key]
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        raise SourceError(f"{where}: field '{key}' must be {_kind_name(kind)}")
    return value


def _kind_name(kind: type) -> str:
    return {str: "non-empty text", dict: "a mapping", list: "a list", int: "an integer"}[kind]


def _where(path: Path, mapping: Any, what: str) -> str:
    line = getattr(mapping, "line", 0)
    return f"{path}:{line}: {what}" if line else f"{path}: {what}"


def _language_map(value: Any, where: str, field_name: str, required: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SourceError(f"{where}: '{field_name}' must map language tags ({', '.join(LANGUAGES)}) to text")
    for lang, text in value.items():
        if lang not in LANGUAGES:
            raise SourceError(f"{where}: '{field_name}' has unknown language tag {lang!r} (use {', '.join(LANGUAGES)})")
        if not isinstance(text, str) or not text.strip():
            raise SourceError(f"{where}: '{field_name}.{lang}' must be non-empty text")
    for lang in required:
        if lang not in value:
            raise SourceError(f"{where}: '{field_name}' lacks a '{lang}' text")
    return {lang: value[lang] for lang in sorted(value)}


def _alt_labels(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourceError(f"{where}: 'altLabel' must map language tags to lists of text")
    result: dict[str, tuple[str, ...]] = {}
    for lang, texts in value.items():
        if lang not in LANGUAGES:
            raise SourceError(f"{where}: 'altLabel' has unknown language tag {lang!r}")
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise SourceError(f"{where}: 'altLabel.{lang}' must be a list of non-empty text")
        result[lang] = tuple(texts)
    return result


def _entity_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ENTITY_ID.match(value):
        raise SourceError(
            f"{where}: entity id {value!r} must look like 'kind/slug' (lowercase letters, digits, hyphens)"
        )
    return value


def load_entities(path: Path) -> dict[str, Entity]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(f"{path}: expected a mapping of entity ids to entities")
    entities: dict[str, Entity] = {}
    for entity_id, body in data.items():
        where = _where(path, body, f"entity '{entity_id}'")
        _entity_id(entity_id, where)
        if not isinstance(body, dict):
            raise SourceError(f"{where}: must be a mapping with 'type' and 'label'")
        unknown = set(body) - {"type", "label", "altLabel", "comment", "years", "scheme", "dataset"}
        if unknown:
            raise SourceError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        years = body.get("years")
        if years is not None and (
            not isinstance(years, list) or len(years) != 2 or not all(isinstance(y, int) for y in years)
        ):
            raise SourceError(f"{where}: 'years' must be [first, last] as integers")
        entities[entity_id] = Entity(
            id=entity_id,
            type=_require(body, "type", where),
            labels=_language_map(body.get("label"), where, "label", REQUIRED_LABEL_LANGUAGES),
            alt_labels=_alt_labels(body.get("altLabel"), where),
            comments=_language_map(body.get("comment", {}), where, "comment", ()),
            years=(years[0], years[1]) if years else None,
            scheme=body.get("scheme"),
            dataset=body.get("dataset"),
            where=where,
        )
    return entities


def _fact_value(body: dict, where: str) -> tuple[str | None, Any]:
    has_object, has_value = "o" in body, "value" in body
    if has_object == has_value:
        raise SourceError(f"{where}: give exactly one of 'o' (an entity) or 'value' (a literal)")
    if has_object:
        return _require(body, "o", where), None
    value = body["value"]
    if isinstance(value, dict) and set(value) <= set(LANGUAGES):
        return None, _language_map(value, where, "value", ("kk",))
    if isinstance(value, dict) and len(value) == 1 and set(value) <= {"date", "string"}:
        return None, value
    if isinstance(value, bool | int | float):
        return None, value
    raise SourceError(
        f"{where}: 'value' must be a number, a boolean, {{date: YYYY-MM-DD}}, {{string: text}} or text by language tag"
    )


def _load_fact(path: Path, body: Any, index: int) -> Fact:
    where = _where(path, body, f"fact #{index + 1}")
    if not isinstance(body, dict):
        raise SourceError(f"{where}: must be a mapping")
    fact_id = _require(body, "id", where)
    if not FACT_ID.match(fact_id):
        raise SourceError(f"{where}: fact id {fact_id!r} must be lowercase words joined by hyphens")
    where = _where(path, body, f"fact '{fact_id}'")
    unknown = set(body) - {"id", "s", "p", "o", "value", "quote", "start", "speaker", "reviewed", "modality"}
    if unknown:
        raise SourceError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    obj, value = _fact_value(body, where)
    start = body.get("start")
    if start is not None and (not isinstance(start, int) or isinstance(start, bool) or start < 0):
        raise SourceError(f"{where}: 'start' must be a non-negative integer offset")
    modality = body.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise SourceError(f"{where}: 'modality' must be one of {', '.join(MODALITIES)}, not {modality!r}")
    return Fact(
        id=fact_id,
        subject=_require(body, "s", where),
        predicate=_require(body, "p", where),
        object=obj,
        value=value,
        quote=_require(body, "quote", where),
        start=start,
        speaker=body.get("speaker"),
        where=where,
        reviewed=_reviewed(body, where),
        modality=modality,
    )


def _reviewed(body: dict, where: str) -> bool:
    value = body.get("reviewed", True)
    if not isinstance(value, bool):
        raise SourceError(f"{where}: 'reviewed' must be true or false")
    return value


def _load_mentions(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourceError(f"{where}: 'mentions' must map entity ids to lists of surface forms")
    mentions: dict[str, tuple[str, ...]] = {}
    for entity_id, forms in value.items():
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise SourceError(f"{where}: mentions of '{entity_id}' must be a list of non-empty text")
        mentions[entity_id] = tuple(forms)
    return mentions


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_article(path: Path) -> Article:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(f"{path}: expected a mapping with 'article', 'mentions' and 'facts'")
    head = _require(data, "article", str(path), dict)
    where = _where(path, head, "article")
    unknown = set(data) - {"article", "mentions", "facts", "candidates", "attributions", "dates", "offsets"}
    if unknown:
        raise SourceError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    text_path = path.parent / _require(head, "text", where)
    text = read_text(text_path)
    expected = _require(head, "sha256", where)
    actual = sha256_hex(text)
    if actual != expected:
        raise SourceError(f"{text_path}: SHA-256 is {actual}, but {path} expects {expected}; the article text changed")
    reviewed = _reviewed(head, where)
    publisher = head.get("publisher")
    if publisher is None and reviewed:
        raise SourceError(
            f"{_key_where(path, head, 'publisher', where)}: a reviewed article names its publisher "
            f"(an organisation's entity id, or '{UNKNOWN}' where the text names no author or outlet)"
        )
    if publisher is not None:
        publisher = _require(head, "publisher", _key_where(path, head, "publisher", where))
    facts_data = _require(data, "facts", str(path), list)
    facts = tuple(_load_fact(path, body, i) for i, body in enumerate(facts_data))
    seen: dict[str, str] = {}
    for fact in facts:
        if fact.id in seen:
            raise SourceError(f"{fact.where}: duplicate fact id (first at {seen[fact.id]})")
        seen[fact.id] = fact.where
    return Article(
        id=_entity_id(_require(head, "id", where), where),
        file_name=text_path.name,
        text=text,
        sha256=actual,
        language=_require(head, "language", where),
        labels=_language_map(head.get("label"), where, "label", REQUIRED_LABEL_LANGUAGES if reviewed else ("kk",)),
        publisher=None if publisher == UNKNOWN else publisher,
        mentions=_load_mentions(data.get("mentions"), _where(path, data, "mentions")),
        facts=facts,
        where=where,
        reviewed=reviewed,
        candidates=_load_candidates(path, data.get("candidates")),
        review_notes=_review_notes(path, head, reviewed, publisher, facts, data.get("candidates")),
        review=_load_review(path, head),
        **_source_metadata(head, where),
    )


def _source_metadata(head: Any, where: str) -> dict[str, str | None]:
    """Where the text comes from: its address, publication date and licence, each optional."""
    found = {key: head.get(key) for key in ("url", "published", "licence")}
    for key, value in found.items():
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise SourceError(f"{where}: '{key}' must be text")
    if found["url"] is not None and not found["url"].startswith(("http://", "https://")):
        raise SourceError(f"{where}: 'url' must be an http(s) address, got {found['url']!r}")
    if found["published"] is not None and not DATE.match(found["published"]):
        raise SourceError(f"{where}: 'published' must be YYYY-MM-DD, got {found['published']!r}")
    return found


def _load_review(path: Path, head: Any) -> Review | None:
    body = head.get("review")
    if body is None:
        return None
    where = _key_where(path, head, "review", _where(path, head, "article"))
    if not isinstance(body, dict) or set(body) != {"by", "date"}:
        raise SourceError(f"{where}: 'review' must give 'by' (a curator's entity id) and 'date' (YYYY-MM-DD)")
    date = str(body["date"])
    if not DATE.match(date):
        raise SourceError(f"{where}: review date {date!r} must be YYYY-MM-DD")
    return Review(_entity_id(body["by"], where), date, where)


def _key_where(path: Path, mapping: Any, key: str, fallback: str) -> str:
    """``path:line`` of ``key`` in ``mapping`` where the loader kept it."""
    line = getattr(mapping, "key_lines", {}).get(key)
    return f"{path}:{line}: {key}" if line else fallback


def _load_candidates(path: Path, value: Any) -> tuple[Candidate, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise SourceError(f"{path}: 'candidates' must be a list")
    found = []
    for body in value:
        where = _where(path, body, "candidate")
        entity_id = _entity_id(_require(body, "id", where), where)
        label = _require(body, "label", where, dict)
        found.append(Candidate(entity_id, _require(body, "type", where), _require(label, "kk", where), where))
    return tuple(found)


def _review_notes(
    path: Path, head: Any, reviewed: bool, publisher: str | None, facts: tuple[Fact, ...], candidates: Any
) -> tuple[str, ...]:
    notes = []
    if not reviewed:
        notes.append(
            f"{_where(path, head, 'article')}: not reviewed: check its label and publisher, then set reviewed: true"
        )
    if publisher is None:
        where = _key_where(path, head, "publisher", _where(path, head, "article"))
        notes.append(f"{where}: no publisher: name the organisation the text names as its publisher")
    if not isinstance(head.get("label"), dict) or "en" not in head["label"]:
        where = _key_where(path, head, "label", _where(path, head, "article"))
        notes.append(f"{where}: no English title: translate the Kazakh one")
    notes += [f"{fact.where}: not reviewed: check it against the text" for fact in facts if not fact.reviewed]
    for body in candidates or []:
        notes.append(
            f"{_where(path, body, 'candidate')} {body.get('id')!r}: a proposed entity: "
            "move it to data/entities.yaml (with its labels) or drop it and the facts that use it"
        )
    return tuple(notes)


def load_table(path: Path) -> ReferenceTable:
    text = read_text(path)
    if path.suffix == ".csv":
        rows = tuple(dict(row) for row in csv.DictReader(text.splitlines()))
        return ReferenceTable(path.name, rows, text)
    return ReferenceTable(path.name, (), text)


def _load_outside_fact(path: Path, body: Any, index: int) -> OutsideFact:
    where = _where(path, body, f"outside fact #{index + 1}")
    fact_id = _require(body, "id", where)
    where = _where(path, body, f"outside fact '{fact_id}'")
    unknown = set(body) - {"id", "table", "row", "quote", "s", "p", "o", "value", "qualifiers"}
    if unknown:
        raise SourceError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    obj, value = _fact_value(body, where)
    row = body.get("row") or {}
    qualifiers = body.get("qualifiers") or {}
    if not isinstance(row, dict) or not isinstance(qualifiers, dict):
        raise SourceError(f"{where}: 'row' and 'qualifiers' must be mappings")
    return OutsideFact(
        id=fact_id,
        table=_require(body, "table", where),
        row={str(k): str(v) for k, v in row.items()},
        quote=body.get("quote"),
        subject=_require(body, "s", where),
        predicate=_require(body, "p", where),
        object=obj,
        value=value,
        qualifiers={str(k): str(v) for k, v in qualifiers.items()},
        where=where,
    )


def load_sources(data_dir: Path, article: Callable[[Path], Article] | None = None) -> Sources:
    """Load every curated source under ``data_dir``: entities from entities.yaml
    and entities/*.yaml, articles from articles/*.yaml (by ``article``, if
    given: one that knows some already), outside facts from reference/*.yaml
    with the tables (*.csv, *.md) beside them."""
    if not data_dir.is_dir():
        raise SourceError(f"{data_dir}: data folder not found")
    entities = load_all_entities(data_dir)
    article_files = sorted((data_dir / "articles").glob("*.yaml"))
    if not article_files:
        raise SourceError(f"{data_dir / 'articles'}: no article (*.yaml) found")
    articles = tuple((article or load_article)(p) for p in article_files)
    reference_dir = data_dir / "reference"
    wikidata: dict[str, str] = {}
    facts: list[OutsideFact] = []
    for outside_path in sorted(reference_dir.glob("*.yaml")):
        outside = load_yaml(outside_path)
        if not isinstance(outside, dict):
            raise SourceError(f"{outside_path}: expected a mapping with 'wikidata' and 'facts'")
        for name, entity_id in (outside.get("wikidata") or {}).items():
            if wikidata.get(name, entity_id) != entity_id:
                raise SourceError(f"{outside_path}: wikidata {name!r} is {entity_id}, elsewhere {wikidata[name]}")
            wikidata[name] = entity_id
        facts += [_load_outside_fact(outside_path, body, i) for i, body in enumerate(outside.get("facts") or [])]
    _refuse_duplicate_ids(facts)
    tables = {p.name: load_table(p) for p in sorted(reference_dir.glob("*")) if p.suffix in {".csv", ".md"}}
    return Sources(entities, articles, wikidata, tuple(facts), tables)


def load_all_entities(data_dir: Path) -> dict[str, Entity]:
    """entities.yaml, then entities/*.yaml: each entity in one file only."""
    entities = load_entities(data_dir / "entities.yaml")
    for path in sorted((data_dir / "entities").glob("*.yaml")):
        for entity_id, entity in load_entities(path).items():
            if entity_id in entities:
                raise SourceError(f"{entity.where}: already defined at {entities[entity_id].where}")
            entities[entity_id] = entity
    return entities


def _refuse_duplicate_ids(facts: list[OutsideFact]) -> None:
    seen: dict[str, str] = {}
    for fact in facts:
        if fact.id in seen:
            raise SourceError(f"{fact.where}: duplicate outside fact id (first at {seen[fact.id]})")
        seen[fact.id] = fact.where

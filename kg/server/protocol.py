"""Reading a SPARQL 1.1 Protocol query request: its query text, the dataset it
names with default-graph-uri and named-graph-uri, and the media types each
query form can answer in (from the two format registries)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from kg.errors import ProtocolError
from kg.formats import MEDIA_TYPES, RdfFormat
from kg.formats.results import RESULT_FORMATS, ResultFormat

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "SPARQL updates are not allowed: this endpoint is read-only"
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
# What */* (or no Accept at all) gets for solutions; graphs get the RDF
# registry's first format (MEDIA_TYPES keeps its order), Turtle.
DEFAULT_RESULTS = "json"


@dataclass(frozen=True)
class DatasetChoice:
    """The RDF dataset a request names: the graphs merged into the default
    graph and the named graphs, by IRI."""

    default: tuple[str, ...]
    named: tuple[str, ...]

    @property
    def iris(self) -> tuple[str, ...]:
        return self.default + self.named


@dataclass(frozen=True)
class QueryRequest:
    text: str | None  # None: a GET without a query, which asks for the service description
    dataset: DatasetChoice | None = None  # None: the service's own dataset


def read_request(method: str, query_string: bytes, content_type: str, body: bytes) -> QueryRequest:
    """The query of a protocol request (GET, HEAD, or POST as a form or directly)."""
    params = _decode_form(query_string, "URL's query string")
    media = content_type.split(";")[0].strip().lower()
    if "update" in params or media == UPDATE:
        raise ProtocolError(403, READ_ONLY)
    if method in ("GET", "HEAD"):
        fields = params
    elif media == FORM:
        form = _decode_form(body, "form body")
        if "update" in form:
            raise ProtocolError(403, READ_ONLY)
        fields = {key: params.get(key, []) + form.get(key, []) for key in params.keys() | form.keys()}
    elif media == DIRECT:
        if "query" in params:
            raise ProtocolError(400, "give the query either in the body or as a parameter, not both")
        fields = {**params, "query": [_decode(body, "query body")]}
    else:
        raise ProtocolError(415, f"unsupported media type {media or '(none)'}: use {FORM} or {DIRECT}")
    texts = fields.get("query", [])
    if len(texts) > 1:
        raise ProtocolError(400, "exactly one query parameter is allowed")
    if not texts:
        if method in ("GET", "HEAD"):
            return QueryRequest(None)
        raise ProtocolError(400, "no query given")
    return QueryRequest(texts[0], _dataset(fields))


def _dataset(fields: dict[str, list[str]]) -> DatasetChoice | None:
    default, named = fields.get("default-graph-uri", []), fields.get("named-graph-uri", [])
    return DatasetChoice(tuple(default), tuple(named)) if default or named else None


def _decode(data: bytes, where: str) -> str:
    # The protocol's bodies are UTF-8; replacing bad bytes would run another query than the one sent.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(
            400, f"the {where} is not valid UTF-8 ({error.reason} at byte {error.start}): send the query as UTF-8"
        ) from None


def _decode_form(data: bytes, where: str) -> dict[str, list[str]]:
    text = _decode(data, where)
    try:
        # Percent escapes must decode to UTF-8 too.
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:
        raise ProtocolError(
            400, f"the {where} is not valid UTF-8 once percent-decoded ({error.reason}): send the query as UTF-8"
        ) from None


def offers(form: str) -> list[str]:
    """The media types a query form (SELECT, ASK, CONSTRUCT, DESCRIBE) answers
    in, the default first."""
    if form in GRAPH_FORMS:
        return list(MEDIA_TYPES)
    usable = [f for f in _result_formats() if form != "ASK" or f.for_ask]
    return [media for f in usable for media in (f.media_type, *f.aliases)]


def _result_formats() -> list[ResultFormat]:
    # The table is for people, not clients; sorting is stable, so the rest keep the registry's order.
    machine = [f for f in RESULT_FORMATS.values() if f.name != "table"]
    return sorted(machine, key=lambda f: f.name != DEFAULT_RESULTS)


def format_for(form: str, media: str) -> RdfFormat | ResultFormat:
    """The format that answers ``media``, one of ``offers(form)``."""
    if form in GRAPH_FORMS:
        return MEDIA_TYPES[media]
    return next(f for f in RESULT_FORMATS.values() if media in (f.media_type, *f.aliases))

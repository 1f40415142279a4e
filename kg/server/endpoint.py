"""The SPARQL 1.1 Protocol, read-only, with a time limit that really stops a query.

rdflib evaluates in pure Python and cannot be interrupted from another
thread, so each query runs in a forked child process that shares the loaded
graph copy-on-write; the child is killed when the time limit passes, and the
server's other requests keep answering meanwhile.
"""

from __future__ import annotations

import multiprocessing
import os
from urllib.parse import parse_qs

from rdflib import Dataset

from kg.errors import ProtocolError, QueryError
from kg.formats import FORMATS
from kg.formats.results import RESULT_FORMATS, render
from kg.guard import confined
from kg.query.sparql import prepare

# Media types a client may ask for, by the format that answers: the table is for people, not clients.
SELECT_TYPES = {
    media: f.name for f in RESULT_FORMATS.values() if f.name != "table" for media in (f.media_type, *f.aliases)
}
GRAPH_TYPES = {f.media_type: f.name for f in FORMATS.values()}
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


def query_from_request(method: str, params: dict[str, list[str]], content_type: str, body: bytes) -> str | None:
    """The query text of a protocol request; None asks for the service description."""
    media = content_type.split(";")[0].strip().lower()
    if "update" in params or media == "application/sparql-update":
        raise ProtocolError(403, "SPARQL updates are not allowed: this endpoint is read-only")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise ProtocolError(400, "default-graph-uri and named-graph-uri are not allowed: the dataset is fixed")
    if method == "GET":
        texts = params.get("query", [])
    elif media == FORM:
        form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        if "update" in form:
            raise ProtocolError(403, "SPARQL updates are not allowed: this endpoint is read-only")
        if "default-graph-uri" in form or "named-graph-uri" in form:
            raise ProtocolError(400, "default-graph-uri and named-graph-uri are not allowed: the dataset is fixed")
        texts = params.get("query", []) + form.get("query", [])
    elif media == DIRECT:
        if "query" in params:
            raise ProtocolError(400, "give the query either in the body or as a parameter, not both")
        texts = [body.decode("utf-8", "replace")]
    else:
        raise ProtocolError(415, f"unsupported media type {media or '(none)'}: use {FORM} or {DIRECT}")
    if len(texts) > 1:
        raise ProtocolError(400, "exactly one query parameter is allowed")
    if not texts:
        if method == "GET":
            return None
        raise ProtocolError(400, "no query given")
    return texts[0]


def _evaluate(dataset: Dataset, text: str, fmt_for: dict[str, str], base: str, max_rows: int) -> tuple:
    query = prepare(text)
    result = dataset.query(query)
    truncated = False
    if result.type == "SELECT":
        rows = list(result.bindings)
        truncated = len(rows) > max_rows
        result.bindings = rows[:max_rows]
    kind = "graph" if result.type in ("CONSTRUCT", "DESCRIBE") else "solutions"
    fmt = fmt_for[kind]
    return render(result, fmt, base, dataset), kind, truncated


def _child(connection, dataset: Dataset, text: str, fmt_for: dict[str, str], base: str, max_rows: int) -> None:
    try:
        # Belt and braces: the query was checked before, and here nothing may
        # reach the network or a file at all.
        with confined():
            body, kind, truncated = _evaluate(dataset, text, fmt_for, base, max_rows)
        connection.send(("ok", body, kind, truncated))
    except QueryError as error:
        connection.send(("query-error", str(error), None, None))
    except Exception as error:  # evaluation errors from rdflib carry no common type
        connection.send(("query-error", f"SPARQL evaluation failed: {error}", None, None))
    finally:
        connection.close()
        os._exit(0)


class Endpoint:
    """Runs guarded queries over one loaded dataset."""

    def __init__(self, dataset: Dataset, base: str, timeout: float, max_rows: int) -> None:
        self.dataset = dataset
        self.base = base
        self.timeout = timeout
        self.max_rows = max_rows
        self._context = multiprocessing.get_context("fork")

    def check(self, text: str) -> None:
        """Refuse bad or reaching-out queries before anything runs (400)."""
        try:
            prepare(text)
        except QueryError as error:
            raise ProtocolError(400, str(error)) from None

    def run(self, text: str, solutions_format: str, graph_format: str) -> tuple[bytes, str, bool]:
        """Evaluate in a child process; (body, 'solutions' or 'graph', truncated)."""
        receiver, sender = self._context.Pipe(duplex=False)
        fmt_for = {"solutions": solutions_format, "graph": graph_format}
        child = self._context.Process(
            target=_child, args=(sender, self.dataset, text, fmt_for, self.base, self.max_rows), daemon=True
        )
        child.start()
        sender.close()
        try:
            if not receiver.poll(self.timeout):
                child.kill()
                raise ProtocolError(503, f"query stopped: it ran longer than the {self.timeout:g} s time limit")
            try:
                status, body, kind, truncated = receiver.recv()
            except EOFError:
                raise ProtocolError(500, "query evaluation ended without an answer") from None
        finally:
            receiver.close()
            child.join(timeout=5)
        if status != "ok":
            raise ProtocolError(400, body)
        return body, kind, truncated

"""The SPARQL 1.1 Protocol, read-only, with a time limit that really stops a query.

Oxigraph evaluates, on an in-memory store of the build loaded as `kg query`
loads it (its default graph the union of the named graphs, each triple once):
at corpus size it answers in a fraction of rdflib's time, and it gives the
answers the named queries are tested with. A running query cannot be
interrupted from another thread, so each runs in a forked child process that
shares the loaded store copy-on-write; the child is killed when the time limit
passes, and the server's other requests keep answering meanwhile. rdflib
still parses each query first, to refuse SERVICE, FROM and updates.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import pyoxigraph
from rdflib import Dataset, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql.algebra import traverse
from rdflib.query import Result

from kg.errors import ProtocolError, QueryError
from kg.formats.results import UnwritableResultError, render
from kg.guard import confined
from kg.query.run import WHOLE_STORE, Scope, as_result
from kg.query.sparql import prepare
from kg.server.protocol import DatasetChoice

# What a child's answer means for the client: the query is at fault (400), the
# results cannot be written in the format asked for (406), or the server
# failed on a valid query (500).
STATUS = {"query-error": 400, "unwritable": 406, "failed": 500}
# Errors raised from the query's own content, such as REGEX with a pattern
# that does not compile; any other exception is the server's failure.
QUERY_CAUSED = (re.error,)


def chosen_scope(choice: DatasetChoice | None) -> Scope:
    """The dataset a request names: its default graph the merge of the
    default-graph-uri graphs, its named graphs the named-graph-uri ones."""
    if choice is None:
        return WHOLE_STORE
    return Scope(
        default_graph=tuple(pyoxigraph.NamedNode(iri) for iri in choice.default),
        named_graphs=tuple(pyoxigraph.NamedNode(iri) for iri in choice.named),
    )


def evaluate(store: pyoxigraph.Store, text: str, scope: Scope) -> Result:
    """The query's answer from Oxigraph, as an rdflib result for our writers."""
    try:
        answer = store.query(text, **scope.options())
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"SPARQL evaluation failed: {error}") from None
    return as_result(answer)


Served = tuple[pyoxigraph.Store, Dataset]


def _evaluate(served: Served, choice: DatasetChoice | None, text: str, fmt: str, base: str, max_rows: int) -> tuple:
    store, dataset = served
    result = evaluate(store, text, chosen_scope(choice))
    truncated = False
    if result.type == "SELECT":
        rows = list(result.bindings)
        truncated = len(rows) > max_rows
        result.bindings = rows[:max_rows]
    # Prefixes come from the built dataset, whatever graphs the query ran on.
    return render(result, fmt, base, dataset), truncated


def _child(connection: Connection, served: Served, job: tuple) -> None:
    try:
        # Belt and braces: the query was checked before, and here nothing may
        # reach the network or a file at all.
        with confined():
            body, truncated = _evaluate(served, *job)
        connection.send(("ok", body, truncated))
    except UnwritableResultError as error:
        connection.send(("unwritable", str(error), None))
    except QueryError as error:
        connection.send(("query-error", str(error), None))
    except QUERY_CAUSED as error:
        connection.send(("query-error", f"SPARQL evaluation failed: {error}", None))
    except Exception as error:  # parsing the answer back, or writing it, may fail in many ways
        connection.send(("failed", f"SPARQL evaluation failed: {type(error).__name__}: {error}", None))
    finally:
        connection.close()
        os._exit(0)


def _refuse_bad_patterns(query: object) -> None:
    """A REGEX whose pattern is written in the query and cannot compile is the
    query's fault (400), though SPARQL would only drop every row it tests."""
    patterns: list[object] = []

    def visit(node: object) -> None:
        if getattr(node, "name", None) == "Builtin_REGEX":
            patterns.append(node["pattern"])  # type: ignore[index]

    traverse(query.algebra, visitPre=visit)  # type: ignore[attr-defined]
    for pattern in patterns:
        if isinstance(pattern, Literal):
            try:
                re.compile(str(pattern))
            except re.error as error:
                raise ProtocolError(400, f"REGEX pattern {str(pattern)!r} does not compile: {error}") from None


class Endpoint:
    """Runs guarded queries over one loaded build: ``store`` answers them,
    ``dataset`` (the same build in rdflib) lends its prefixes to the output."""

    def __init__(self, store: pyoxigraph.Store, dataset: Dataset, base: str, timeout: float, max_rows: int) -> None:
        self.store = store
        self.dataset = dataset
        self.base = base
        self.timeout = timeout
        self.max_rows = max_rows
        self.graph_names = frozenset(
            str(g.identifier) for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID
        )
        self._context = multiprocessing.get_context("fork")

    def check(self, text: str) -> str:
        """Refuse bad or reaching-out queries before anything runs (400); the
        query form: SELECT, ASK, CONSTRUCT or DESCRIBE."""
        try:
            query = prepare(text)
        except QueryError as error:
            raise ProtocolError(400, str(error)) from None
        _refuse_bad_patterns(query)
        return query.algebra.name.removesuffix("Query").upper()

    def check_dataset(self, choice: DatasetChoice | None) -> None:
        """Refuse a default-graph-uri or named-graph-uri that is not one of our
        graphs (400): the protocol would have it fetched, and we fetch nothing."""
        for iri in choice.iris if choice else ():
            if iri not in self.graph_names:
                known = ", ".join(f"<{name}>" for name in sorted(self.graph_names))
                raise ProtocolError(
                    400, f"<{iri}> is not a graph of this dataset: default-graph-uri and named-graph-uri name {known}"
                )

    def run(self, text: str, fmt: str, choice: DatasetChoice | None = None) -> tuple[bytes, bool]:
        """Evaluate in a child process and write the results in ``fmt``; (body, truncated)."""
        receiver, sender = self._context.Pipe(duplex=False)
        job = (choice, text, fmt, self.base, self.max_rows)
        served = (self.store, self.dataset)
        child = self._context.Process(target=_child, args=(sender, served, job), daemon=True)
        try:
            child.start()
        except OSError as error:  # no memory or processes left to fork
            raise ProtocolError(503, f"cannot evaluate the query now: {error.strerror}") from None
        finally:
            sender.close()
        try:
            status, body, truncated = self._answer(receiver, child)
        finally:
            receiver.close()
            child.join(timeout=5)
        if status != "ok":
            raise ProtocolError(STATUS[status], body)
        return body, truncated

    def _answer(self, receiver: Connection, child: BaseProcess) -> tuple:
        if not receiver.poll(self.timeout):
            child.kill()
            raise ProtocolError(503, f"query stopped: it ran longer than the {self.timeout:g} s time limit")
        try:
            return receiver.recv()
        except EOFError:
            # The child died before it answered (killed, out of memory).
            raise ProtocolError(500, "query evaluation ended without an answer") from None

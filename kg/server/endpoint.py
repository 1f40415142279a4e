"""The SPARQL 1.1 Protocol, read-only, with a time limit that really stops a query.

Oxigraph evaluates, on the build's store (kg.server.state opens it): its
default graph the union of the named graphs, each triple once, as `kg query`
has it. Each query runs in a worker process (kg.server.workers), killed when
the time limit passes, and a fixed number run at once; the server's other
requests keep answering meanwhile. rdflib still parses each query first, to
refuse SERVICE, FROM and updates.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

import pyoxigraph
from rdflib import Literal, Variable
from rdflib.plugins.sparql.algebra import traverse
from rdflib.query import Result

from kg.artifacts import to_rdflib
from kg.errors import KGError, ProtocolError, QueryError, ServerBusyError
from kg.formats.results import UnwritableResultError, render
from kg.guard import confined
from kg.query.run import WHOLE_STORE, Scope, as_result
from kg.query.sparql import prepare
from kg.server.graph import StoreGraph
from kg.server.protocol import DatasetChoice
from kg.server.workers import Workers

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


def evaluate(store: pyoxigraph.Store, text: str, scope: Scope, limit: int) -> Result:
    """The query's answer from Oxigraph, as an rdflib result for our writers,
    with at most ``limit`` solutions read."""
    try:
        answer = store.query(text, **scope.options())
        return _solutions(answer, limit) if isinstance(answer, pyoxigraph.QuerySolutions) else as_result(answer)
    except (SyntaxError, ValueError, OSError) as error:  # Oxigraph evaluates as the solutions are read
        raise QueryError(f"SPARQL evaluation failed: {error}") from None


def _solutions(answer: pyoxigraph.QuerySolutions, limit: int) -> Result:
    """The solutions term by term, as kg.query.run.as_result's round trip
    through SPARQL JSON would give them, at a fraction of its cost."""
    names = [Variable(v.value) for v in answer.variables]
    result = Result("SELECT")
    result.vars = names
    result.bindings = [
        {name: to_rdflib(term) for name, term in zip(names, solution, strict=True) if term is not None}
        for solution in itertools.islice(answer, limit)
    ]
    return result


Served = tuple[pyoxigraph.Store, StoreGraph]  # the store, and the served graph, for its prefixes


def _evaluate(served: Served, choice: DatasetChoice | None, text: str, fmt: str, base: str, max_rows: int) -> tuple:
    store, prefixes = served
    result = evaluate(store, text, chosen_scope(choice), max_rows + 1)  # one more tells whether it was cut
    truncated = False
    if result.type == "SELECT":
        rows = list(result.bindings)
        truncated = len(rows) > max_rows
        result.bindings = rows[:max_rows]
    # Our prefixes, whatever graphs the query ran on.
    return render(result, fmt, base, prefixes), truncated


def _answer(served: Served, job: tuple) -> tuple:
    try:
        # Belt and braces: the query was checked before, and here nothing may
        # reach the network or a file at all.
        with confined():
            body, truncated = _evaluate(served, *job)
        return ("ok", body, truncated)
    except UnwritableResultError as error:
        return ("unwritable", str(error), None)
    except QueryError as error:
        return ("query-error", str(error), None)
    except QUERY_CAUSED as error:
        return ("query-error", f"SPARQL evaluation failed: {error}", None)
    except Exception as error:  # parsing the answer back, or writing it, may fail in many ways
        return ("failed", f"SPARQL evaluation failed: {type(error).__name__}: {error}", None)


def serving(opener: Callable[[], pyoxigraph.Store], prefixes: StoreGraph) -> Callable[[Connection], None]:
    """A worker's loop: open the store once (``opener`` may refuse with a
    KGError, the build having changed), then answer each job sent."""

    def serve(connection: Connection) -> None:
        try:
            served: Served | None = (opener(), prefixes)
            refusal = ""
        except KGError as error:
            served, refusal = None, str(error)
        while True:
            try:
                job = connection.recv()
            except EOFError:  # the server is gone, or is done with this worker
                return
            connection.send(_answer(served, job) if served is not None else ("changed", refusal, None))

    return serve


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


# rdflib's SPARQL parser (pyparsing) is not safe to run in several threads at
# once: concurrent requests garbled each other's parses into 500s.
_PARSING = threading.Lock()


@functools.lru_cache(maxsize=1024)
def _checked_form(text: str) -> str:
    """The form of a query that passed the guard. A query passes or fails it
    by its text alone, so a text asked again (a named query, a page's) skips
    rdflib's parse, which takes longer than many queries take to answer;
    a refusal raises, and so is never kept."""
    try:
        query = prepare(text)
    except QueryError as error:
        raise ProtocolError(400, str(error)) from None
    _refuse_bad_patterns(query)
    return query.algebra.name.removesuffix("Query").upper()


class Endpoint:
    """Runs guarded queries over one build: ``workers`` evaluate them on its
    store, whose named graphs are ``graph_names``."""

    def __init__(self, workers: Workers, graph_names: frozenset[str], base: str, max_rows: int) -> None:
        self.workers = workers
        self.graph_names = graph_names
        self.base = base
        self.timeout = workers.timeout
        self.max_rows = max_rows

    def check(self, text: str) -> str:
        """Refuse bad or reaching-out queries before anything runs (400); the
        query form: SELECT, ASK, CONSTRUCT or DESCRIBE."""
        with _PARSING:  # held for a text already checked too: it is then answered at once
            return _checked_form(text)

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
        """Evaluate in a worker and write the results in ``fmt``; (body, truncated)."""
        status, body, truncated = self.workers.run((choice, text, fmt, self.base, self.max_rows))
        if status == "changed":
            raise ServerBusyError(f"{body}: the build changed since this server loaded it", 5)
        if status != "ok":
            raise ProtocolError(STATUS[status], body)
        return body, truncated

    def close(self) -> None:
        self.workers.close()

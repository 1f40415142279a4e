"""The SPARQL 1.1 Protocol, read-only, with a time limit that really stops a query.

rdflib evaluates in pure Python and cannot be interrupted from another
thread, so each query runs in a forked child process that shares the loaded
graph copy-on-write; the child is killed when the time limit passes, and the
server's other requests keep answering meanwhile.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import ProtocolError, QueryError
from kg.formats.results import UnwritableResultError, render
from kg.guard import confined
from kg.query.sparql import prepare
from kg.server.protocol import DatasetChoice

# What a child's answer means for the client: the query is at fault (400), the
# results cannot be written in the format asked for (406), or the server
# failed on a valid query (500).
STATUS = {"query-error": 400, "unwritable": 406, "failed": 500}
# Errors rdflib raises from the query's own content, such as REGEX with a
# pattern that does not compile; any other exception is the server's failure.
QUERY_CAUSED = (re.error,)


def chosen_dataset(dataset: Dataset, choice: DatasetChoice) -> Dataset:
    """The dataset a request names: its default graph the merge of the
    default-graph-uri graphs, its named graphs the named-graph-uri ones.

    A copy, made in the child: rdflib cannot query a subset of a store's graphs.
    """
    view = Dataset()  # not default_union: the default graph holds only what was named for it
    default = view.graph(DATASET_DEFAULT_GRAPH_ID)
    for iri in choice.default:
        default += Graph(store=dataset.store, identifier=URIRef(iri))
    for iri in choice.named:
        named = view.graph(URIRef(iri))
        named += Graph(store=dataset.store, identifier=URIRef(iri))
    return view


def _evaluate(dataset: Dataset, choice: DatasetChoice | None, text: str, fmt: str, base: str, max_rows: int) -> tuple:
    data = dataset if choice is None else chosen_dataset(dataset, choice)
    result = data.query(prepare(text))
    truncated = False
    if result.type == "SELECT":
        rows = list(result.bindings)
        truncated = len(rows) > max_rows
        result.bindings = rows[:max_rows]
    # Prefixes come from the built dataset, whatever graphs the query ran on.
    return render(result, fmt, base, dataset), truncated


def _child(connection: Connection, dataset: Dataset, job: tuple) -> None:
    try:
        # Belt and braces: the query was checked before, and here nothing may
        # reach the network or a file at all.
        with confined():
            body, truncated = _evaluate(dataset, *job)
        connection.send(("ok", body, truncated))
    except UnwritableResultError as error:
        connection.send(("unwritable", str(error), None))
    except QueryError as error:
        connection.send(("query-error", str(error), None))
    except QUERY_CAUSED as error:
        connection.send(("query-error", f"SPARQL evaluation failed: {error}", None))
    except Exception as error:  # evaluation errors from rdflib carry no common type
        connection.send(("failed", f"SPARQL evaluation failed: {type(error).__name__}: {error}", None))
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
        child = self._context.Process(target=_child, args=(sender, self.dataset, job), daemon=True)
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

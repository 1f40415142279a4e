"""Run a guarded query on the built KG (rdflib or Oxigraph) or on a remote store."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pyoxigraph
from rdflib import Dataset, Graph, Literal
from rdflib.query import Result

from kg.errors import QueryError
from kg.query.sparql import needs_full_check, prepare
from kg.remote import Remote, query

LANG_VARIABLE = re.compile(r"[?$]lang\b")


def with_lang(text: str, lang: str) -> str:
    """Put the chosen label language in place of ``?lang``.

    A literal, not a binding: SPARQL scopes a VALUES clause or an initial
    binding differently inside OPTIONAL and FILTER, and stores differ in it.
    """
    return LANG_VARIABLE.sub(Literal(lang).n3(), text)


def run(dataset: Dataset, text: str, lang: str) -> Result:
    """Evaluate a guarded query with ``?lang`` set to the chosen label language."""
    query = prepare(with_lang(text, lang))
    try:
        result = dataset.query(query)
        len(result)  # evaluate now, so errors surface here and not while printing
    except Exception as error:  # evaluation errors from rdflib carry no common type
        raise QueryError(f"SPARQL evaluation failed: {error}") from None
    return result


@dataclass(frozen=True)
class Scope:
    """The graphs of a store a query reads, when the store holds more than
    were asked for (the on-disk store holds them all): ``default_graph`` for
    what a query reads outside GRAPH, ``named_graphs`` for GRAPH; None for
    the store's own."""

    default_graph: tuple[pyoxigraph.NamedNode, ...] | None = None
    named_graphs: tuple[pyoxigraph.NamedNode, ...] | None = None

    def options(self) -> dict[str, list[pyoxigraph.NamedNode]]:
        """Keyword arguments for pyoxigraph's Store.query."""
        chosen = {"default_graph": self.default_graph, "named_graphs": self.named_graphs}
        return {name: list(graphs) for name, graphs in chosen.items() if graphs is not None}


WHOLE_STORE = Scope()


def run_store(store: pyoxigraph.Store, text: str, lang: str, scope: Scope = WHOLE_STORE) -> Result:
    """Evaluate a guarded query with Oxigraph (see kg.artifacts.open_store and
    kg.store.query_store) on the graphs of ``scope``.

    Oxigraph would call a SERVICE endpoint: a query that may hold one, or that
    Oxigraph cannot parse, goes through rdflib's parse first, which refuses
    SERVICE, FROM and updates and words syntax errors with line and column.
    """
    final = with_lang(text, lang)
    if needs_full_check(final):
        prepare(final)
    try:
        answer = store.query(final, **scope.options())
    except SyntaxError as error:
        prepare(final)
        raise QueryError(f"SPARQL syntax error: {error}") from None
    return as_result(answer)


def as_result(answer: object) -> Result:
    """Oxigraph's answer as an rdflib result, for our writers and tests."""
    try:
        if isinstance(answer, pyoxigraph.QueryTriples):
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=answer.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
            return result
        data = answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON)  # type: ignore[attr-defined]
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"SPARQL evaluation failed: {error}") from None
    return Result.parse(io.BytesIO(data), format="json")


def run_remote(remote: Remote, text: str, lang: str) -> Result:
    """Evaluate a guarded query on a remote SPARQL endpoint."""
    final = with_lang(text, lang)
    prepare(final)
    return query(remote, final)

"""Parse user SPARQL safely: syntax errors with line and column, and no query
that would make rdflib reach outside the built graph."""

from __future__ import annotations

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from kg.errors import KGError


class QueryError(KGError):
    """A query that is malformed or not allowed."""

    exit_code = 2


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def _syntax_error(text: str, error: ParseException) -> QueryError:
    if _is_update(text):
        return QueryError("SPARQL updates (INSERT, DELETE, LOAD, CLEAR, ...) are not allowed: queries only")
    line = text.splitlines()[error.lineno - 1] if text.splitlines() else ""
    near = line[error.col - 1 : error.col + 19].strip()
    near = f" near {near!r}" if near else " at the end"
    return QueryError(f"SPARQL syntax error at line {error.lineno}, column {error.col}{near}")


def _refuse_remote(node: object) -> None:
    if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
        raise QueryError(f"SERVICE <{node['term']}> is not allowed: queries run on the built graph only")


def prepare(text: str) -> Query:
    """Parse and translate a query, refusing SERVICE, FROM and FROM NAMED.

    rdflib would fetch such IRIs over the network or read local files; we
    refuse before anything is evaluated.
    """
    if not text.strip():
        raise QueryError("empty query")
    try:
        parsed = parseQuery(text)
    except ParseException as error:
        raise _syntax_error(text, error) from None
    # CompValue.get returns the key itself when it is absent, so read it as a dict.
    for clause in dict.get(parsed[1], "datasetClause", []):
        keyword, iri = ("FROM NAMED", clause["named"]) if "named" in clause else ("FROM", clause["default"])
        raise QueryError(f"{keyword} <{iri}> is not allowed: queries run on the built graph only")
    try:
        query = translateQuery(parsed)
    except Exception as error:  # rdflib raises bare Exceptions for semantic errors
        raise QueryError(f"SPARQL error: {error}") from None
    traverse(query.algebra, visitPre=_refuse_remote)
    return query

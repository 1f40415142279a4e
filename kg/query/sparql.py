"""Parse user SPARQL safely: syntax errors with line and column, and no query
that would make rdflib reach outside the built graph."""

from __future__ import annotations

import re

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from kg.errors import QueryError

# SERVICE or FROM where SPARQL could read it as a keyword: not inside a longer
# word, a variable (?from) or a prefixed name's local part (kgo:fromPlace). Digits
# and any other neighbour count as a possible keyword, and so does any \u escape,
# which SPARQL resolves before parsing: when in doubt the full check runs.
MAY_REACH_OUT = re.compile(r"(?<![A-Za-z_?$:])(service|from)(?![A-Za-z_])|\\u", re.IGNORECASE)
FULL_LINE_COMMENT = re.compile(r"^[ \t]*#[^\"'\n]*$", re.MULTILINE)


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


def needs_full_check(text: str) -> bool:
    """Whether the text may hold SERVICE or FROM, so that only rdflib's full
    parse (``prepare``) can clear it; most queries hold neither and skip the
    parse (20 ms or more a query). Whole-line comments are left out unless they
    hold a quote mark, which could end a long string and make the rest code."""
    return MAY_REACH_OUT.search(FULL_LINE_COMMENT.sub("", text)) is not None


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

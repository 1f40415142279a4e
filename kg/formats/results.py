"""The registry of SPARQL result formats: an aligned table for people, the W3C
formats for tools. The CLI's --format and the server's negotiation read it.

SPARQL XML and JSON are written here from the bindings, one description of a
term for both: rdflib's XML writer drops literals whose value is falsy (0,
0.0, false) and fails on an unbound GROUP BY key.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError
from kg.formats import FORMATS, ContentTyped, serialize

RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
# What XML 1.0 cannot hold even as a character reference: most C0 controls,
# lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# \r would come back as \n (XML end-of-line handling), and in an attribute
# tabs and newlines as spaces: references keep them.
XML_TEXT = {"\r": "&#13;"}
XML_ATTRIBUTE = {"\r": "&#13;", "\n": "&#10;", "\t": "&#9;", '"': "&quot;"}


class UnwritableResultError(QueryError):
    """Results the asked-for format cannot carry, such as a character XML forbids."""


def _cell(term: object, base: str, graph: Graph) -> str:
    """A term as a person reads it: slugs for our entities, prefixed names, plain text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.curie(term, generate=False)
        except (KeyError, ValueError):
            return term[len(base) :] if term.startswith(base) else f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def table(result: Result, base: str, graph: Graph, width: int | None = None) -> str:
    """An aligned table; with ``width``, the widest columns are cut (marked …)
    until each line fits."""
    if result.type == "ASK":
        return f"{'true' if result.askAnswer else 'false'}\n"
    names = [str(v) for v in result.vars or []]
    rows = [[" ".join(_cell(row[i], base, graph).split()) for i in range(len(names))] for row in result]
    widths = _fitted([max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)], width)
    lines = ["  ".join(_fit(n, w).ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_fit(c, w).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


MIN_COLUMN = 8


def _fitted(widths: list[int], limit: int | None) -> list[int]:
    """Column widths whose line (two spaces between columns) fits ``limit``."""
    widths = list(widths)
    if not limit:
        return widths
    while sum(widths) + 2 * (len(widths) - 1) > limit:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax, unbound cells empty."""
    names = [str(v) for v in result.vars or []]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result:
        lines.append("\t".join(_tsv_term(row[i]) for i in range(len(names))))
    return "\n".join(lines) + "\n"


def _tsv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.n3().replace("\t", "\\t").replace("\n", "\\n")
    return term.n3()


def _csv(result: Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(v) for v in result.vars or []])
    for row in result:
        writer.writerow(["" if term is None else str(term) for term in row])
    return out.getvalue()


def _term(term: object) -> tuple[str, str, dict[str, str]]:
    """A bound term as both SPARQL results formats write it: its kind (uri,
    bnode, literal), its lexical value, and a language tag or a datatype."""
    if isinstance(term, URIRef):
        return "uri", str(term), {}
    if isinstance(term, BNode):
        return "bnode", str(term), {}
    if isinstance(term, Literal):
        if term.language:
            return "literal", str(term), {"xml:lang": term.language}
        return "literal", str(term), {"datatype": str(term.datatype)} if term.datatype else {}
    raise TypeError(f"not an RDF term: {term!r}")


def _solutions(result: Result) -> tuple[list[str], list[list[tuple[str, object]]]]:
    """The variable names and, for each row, its bound (name, term) pairs:
    unbound variables are left out, as both formats want."""
    names = [str(v) for v in result.vars or []]
    rows = []
    for binding in result.bindings:
        # Read the row's own items: indexing rdflib's bindings by an absent variable can fail otherwise than KeyError.
        values = {str(var): term for var, term in binding.items()}
        rows.append([(n, values[n]) for n in names if values.get(n) is not None])
    return names, rows


def _json(result: Result) -> str:
    if result.type == "ASK":
        document: dict = {"head": {}, "boolean": bool(result.askAnswer)}
    else:
        names, rows = _solutions(result)
        bindings = [{n: _json_term(term) for n, term in row} for row in rows]
        document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_term(term: object) -> dict[str, str]:
    kind, value, extra = _term(term)
    return {"type": kind, "value": value, **extra}


def _xml(result: Result) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<sparql xmlns="{RESULTS_NS}">']
    if result.type == "ASK":
        lines += ["  <head/>", f"  <boolean>{'true' if result.askAnswer else 'false'}</boolean>"]
    else:
        names, rows = _solutions(result)
        lines += ["  <head>", *(f'    <variable name="{_xml_text(n, XML_ATTRIBUTE)}"/>' for n in names), "  </head>"]
        lines.append("  <results>")
        for row in rows:
            lines += ["    <result>", *(_xml_binding(n, term) for n, term in row), "    </result>"]
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def _xml_binding(name: str, term: object) -> str:
    kind, value, extra = _term(term)
    attributes = "".join(f' {key}="{_xml_text(v, XML_ATTRIBUTE)}"' for key, v in extra.items())
    inner = f"<{kind}{attributes}>{_xml_text(value, XML_TEXT)}</{kind}>"
    return f'      <binding name="{_xml_text(name, XML_ATTRIBUTE)}">{inner}</binding>'


def _xml_text(text: str, entities: dict[str, str]) -> str:
    bad = NOT_XML.search(text)
    if bad:
        raise UnwritableResultError(
            f"the results hold the character U+{ord(bad.group()):04X}, which XML cannot carry: ask for JSON"
        )
    return escape(text, entities)


@dataclass(frozen=True)
class ResultFormat(ContentTyped):
    name: str
    media_type: str
    write: Callable[[Result, str, Graph], str]
    aliases: tuple[str, ...] = ()  # other media types that ask for it
    charset: bool = False
    for_ask: bool = True  # SPARQL 1.1 defines CSV and TSV for SELECT only


RESULT_FORMATS: dict[str, ResultFormat] = {
    f.name: f
    for f in (
        ResultFormat("table", "text/plain", table, charset=True),
        ResultFormat("csv", "text/csv", lambda r, b, g: _csv(r), charset=True, for_ask=False),
        ResultFormat("tsv", "text/tab-separated-values", lambda r, b, g: tsv(r), charset=True, for_ask=False),
        ResultFormat("json", "application/sparql-results+json", lambda r, b, g: _json(r), ("application/json",)),
        ResultFormat("xml", "application/sparql-results+xml", lambda r, b, g: _xml(r)),
    )
}
# What a query's --format may name: the result formats, and for graphs the RDF formats.
SOLUTION_FORMATS = tuple(RESULT_FORMATS)
GRAPH_RESULT_FORMATS = tuple(FORMATS)


def render(result: Result, fmt: str, base: str, graph: Graph, width: int | None = None) -> bytes:
    """Render a query result in ``fmt``; graphs (CONSTRUCT, DESCRIBE) in RDF formats;
    a table cut to ``width`` columns of text."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        produced = result.graph
        produced.namespace_manager = graph.namespace_manager
        return serialize(produced, "ttl" if fmt == "table" else fmt, base)
    if result.type == "ASK" and not RESULT_FORMATS[fmt].for_ask:
        usable = ", ".join(f.name for f in RESULT_FORMATS.values() if f.for_ask)
        raise QueryError(f"{fmt} results are defined for SELECT only; for ASK use {usable}")
    text = table(result, base, graph, width) if fmt == "table" else RESULT_FORMATS[fmt].write(result, base, graph)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        # A lone surrogate (a query can write "\uD800"): no UTF-8 text can hold it.
        raise UnwritableResultError(
            f"the results hold U+{ord(error.object[error.start]):04X}, a lone surrogate, which UTF-8 cannot carry"
        ) from None

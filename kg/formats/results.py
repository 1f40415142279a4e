"""The registry of SPARQL result formats: an aligned table for people, the W3C
formats for tools. The CLI's --format and the server's negotiation read it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from kg.formats import FORMATS, ContentTyped, serialize


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
    if result.type == "ASK":
        return "?_askResult\n" + ("true" if result.askAnswer else "false") + "\n"
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
    if result.type == "ASK":
        return "_askResult\r\n" + ("true" if result.askAnswer else "false") + "\r\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(v) for v in result.vars or []])
    for row in result:
        writer.writerow(["" if term is None else str(term) for term in row])
    return out.getvalue()


def _json(result: Result) -> str:
    return json.dumps(json.loads(result.serialize(format="json")), ensure_ascii=False, indent=1) + "\n"


def _xml(result: Result) -> str:
    return result.serialize(format="xml", encoding="utf-8").decode("utf-8")


@dataclass(frozen=True)
class ResultFormat(ContentTyped):
    name: str
    media_type: str
    write: Callable[[Result, str, Graph], str]
    aliases: tuple[str, ...] = ()  # other media types that ask for it
    charset: bool = False


RESULT_FORMATS: dict[str, ResultFormat] = {
    f.name: f
    for f in (
        ResultFormat("table", "text/plain", table, charset=True),
        ResultFormat("csv", "text/csv", lambda r, b, g: _csv(r), charset=True),
        ResultFormat("tsv", "text/tab-separated-values", lambda r, b, g: tsv(r), charset=True),
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
    if fmt == "table":
        return table(result, base, graph, width).encode("utf-8")
    return RESULT_FORMATS[fmt].write(result, base, graph).encode("utf-8")

"""Write SPARQL results: an aligned table for people, the W3C formats for tools."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from kg.formats import serialize_graph

SOLUTION_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_RESULT_FORMATS = ("ttl", "nt", "jsonld")


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


def table(result: Result, base: str, graph: Graph) -> str:
    if result.type == "ASK":
        return f"{'true' if result.askAnswer else 'false'}\n"
    names = [str(v) for v in result.vars or []]
    rows = [[_cell(row[i], base, graph) for i in range(len(names))] for row in result]
    rows = [[" ".join(c.split()) for c in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


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


def render(result: Result, fmt: str, base: str, graph: Graph) -> bytes:
    """Render a query result in ``fmt``; graphs (CONSTRUCT, DESCRIBE) in RDF formats."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        produced = result.graph
        produced.namespace_manager = graph.namespace_manager
        return serialize_graph(produced, "ttl" if fmt == "table" else fmt, base)
    if fmt == "table":
        return table(result, base, graph).encode("utf-8")
    if fmt == "tsv":
        return tsv(result).encode("utf-8")
    if fmt == "csv":
        return _csv(result).encode("utf-8")
    if fmt == "json":
        return (json.dumps(json.loads(result.serialize(format="json")), ensure_ascii=False, indent=1) + "\n").encode()
    return result.serialize(format="xml", encoding="utf-8")

"""Compact JSON-LD with the packaged @context inline: nothing is ever fetched."""

from __future__ import annotations

import json

from rdflib import Graph, Literal

from kg.project import PACKAGED_ONTOLOGY

CONTEXT_FILE = PACKAGED_ONTOLOGY / "context.jsonld"


def context() -> dict:
    """The compact JSON-LD @context shipped with the ontology (never fetched)."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def jsonld(graph: Graph, base: str | None = None) -> bytes:
    """Compact JSON-LD with our @context inline, nodes and values sorted."""
    ctx = dict(context())
    if base:
        ctx["kg"] = base
    if _values_that_python_confuses(graph):
        # rdflib's compaction keeps one of two values Python holds equal (0 and
        # false, 1 and 1.0): such a graph is written expanded, which keeps both.
        data = json.loads(graph.serialize(format="json-ld"))
    else:
        data = json.loads(graph.serialize(format="json-ld", context=ctx, auto_compact=True))
    nodes = data if isinstance(data, list) else data.get("@graph", [data] if "@id" in data else [])
    canonical = sorted(
        (_sorted_node({k: v for k, v in node.items() if k != "@context"}) for node in nodes),
        key=lambda n: str(n.get("@id", "")),
    )
    document = {"@context": ctx, "@graph": canonical}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _values_that_python_confuses(graph: Graph) -> bool:
    """Two different literals of one subject and property with equal Python values."""
    seen: dict[tuple, Literal] = {}
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is not None:
            key = (s, p, o.toPython())
            if seen.setdefault(key, o) != o:
                return True
    return False


def _sorted_node(node: dict) -> dict:
    result = {}
    for key, value in node.items():
        if isinstance(value, list):
            value = sorted(value, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        result[key] = value
    return result

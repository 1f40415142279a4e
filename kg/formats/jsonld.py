"""Compact JSON-LD with the packaged @context inline: nothing is ever fetched."""

from __future__ import annotations

import json

from rdflib import Graph

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
    data = json.loads(graph.serialize(format="json-ld", context=ctx, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    canonical = sorted((_sorted_node(node) for node in nodes), key=lambda n: str(n.get("@id", "")))
    document = {"@context": ctx, "@graph": canonical}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sorted_node(node: dict) -> dict:
    result = {}
    for key, value in node.items():
        if isinstance(value, list):
            value = sorted(value, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        result[key] = value
    return result

"""Draw the KG, or one entity's neighbourhood, with Graphviz."""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, RDFS

from kg.errors import KGError
from kg.namespaces import KGO
from kg.query.describe import label

# Colours by the broadest class of ours an entity belongs to (first match wins).
PALETTE = (
    (KGO.Person, "#f4a582"),
    (KGO.Organisation, "#92c5de"),
    (KGO.Post, "#d1e5f0"),
    (KGO.Place, "#a6dba0"),
    (KGO.Event, "#fddbc7"),
    (KGO.Document, "#c2a5cf"),
    (KGO.Observation, "#fee090"),
    (KGO.DataSet, "#ffffbf"),
    (KGO.Concept, "#e7d4e8"),
    (KGO.NewsArticle, "#bababa"),
    (KGO.Website, "#bababa"),
)
DEFAULT_COLOUR = "#f7f7f7"


def colour(dataset: Dataset, node: URIRef) -> str:
    classes = set()
    for cls in dataset.objects(node, RDF.type):
        classes.add(cls)
        classes.update(dataset.transitive_objects(cls, RDFS.subClassOf))
    return next((colour for cls, colour in PALETTE if cls in classes), DEFAULT_COLOUR)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 28)) or text


def edges(dataset: Dataset, base: str, centre: URIRef | None) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Facts between two entities (kgo: properties), all or those touching ``centre``."""
    found = set()
    # Around a centre, only its own triples are read: a neighbourhood costs the same in any corpus.
    patterns = [(None, None, None)] if centre is None else [(centre, None, None), (None, None, centre)]
    for s, p, o in (triple for pattern in patterns for triple in dataset.triples(pattern)):
        if not (isinstance(o, URIRef) and str(p).startswith(str(KGO)) and o.startswith(base)):
            continue
        if (s, RDF.type, KGO.Statement) in dataset:
            continue
        if centre is None or centre in (s, o):
            found.add((s, p, o))
    return sorted(found)


def dot_source(dataset: Dataset, base: str, lang: str, centre: URIRef | None = None) -> str:
    facts = edges(dataset, base, centre)
    if not facts:
        raise KGError("nothing to draw: no facts between entities")
    nodes = sorted({s for s, _, _ in facts} | {o for _, _, o in facts})
    lines = [
        "digraph kg {",
        '  graph [rankdir=LR, overlap=false, fontname="DejaVu Sans"];',
        '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=10];',
        '  edge [fontname="DejaVu Sans", fontsize=8, color="#555555"];',
    ]
    for node in nodes:
        name = _quote(_wrapped(label(dataset, node, lang)))
        attributes = f"label={name}, fillcolor={_quote(colour(dataset, node))}"
        if node == centre:
            attributes += ", penwidth=2.5"
        lines.append(f"  {_quote(node[len(base) :])} [{attributes}, URL={_quote(str(node))}];")
    for s, p, o in facts:
        edge_label = _quote(label(dataset, p, "en"))
        lines.append(f"  {_quote(s[len(base) :])} -> {_quote(o[len(base) :])} [label={edge_label}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(source: str, layout: str = "dot") -> bytes:
    """Lay the graph out with Graphviz (Debian/Ubuntu: apt-get install graphviz)."""
    if shutil.which(layout) is None:
        raise KGError(f"Graphviz '{layout}' not found on PATH: install graphviz (e.g. apt-get install graphviz)")
    run = subprocess.run([layout, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=120)
    if run.returncode != 0:
        raise KGError(f"Graphviz failed: {run.stderr.decode('utf-8', 'replace').strip().splitlines()[-1]}")
    return run.stdout

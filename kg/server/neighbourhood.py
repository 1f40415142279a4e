"""A small SVG picture of an entity and its neighbours, drawn without Graphviz."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from rdflib import Dataset, URIRef

from kg.diagram import colour
from kg.query.describe import facts, label

WIDTH, HEIGHT, RADIUS = 720, 420, 160
MAX_NEIGHBOURS = 16


def _short(text: str, size: int = 26) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def neighbourhood_svg(dataset: Dataset, entity: URIRef, base: str, lang: str, href: Callable[[object], str]) -> str:
    """The entity in the middle, the entities it shares facts with around it."""
    neighbours: dict[URIRef, list[str]] = {}
    for fact in facts(dataset, entity):
        if isinstance(fact.other, URIRef) and fact.other.startswith(base):
            arrow = "→" if fact.direction == "out" else "←"
            neighbours.setdefault(fact.other, []).append(f"{arrow} {label(dataset, fact.predicate, lang)}")
    chosen = sorted(neighbours)[:MAX_NEIGHBOURS]
    cx, cy = WIDTH / 2, HEIGHT / 2
    lines, nodes = [], []
    for index, node in enumerate(chosen):
        angle = 2 * math.pi * index / max(len(chosen), 1) - math.pi / 2
        x, y = cx + RADIUS * 1.6 * math.cos(angle), cy + RADIUS * math.sin(angle)
        relation = html.escape(_short(", ".join(neighbours[node]), 30))
        lines.append(
            f"<line x1='{cx:.0f}' y1='{cy:.0f}' x2='{x:.0f}' y2='{y:.0f}' stroke='#999'/>"
            f"<text x='{(cx + x) / 2:.0f}' y='{(cy + y) / 2:.0f}' font-size='9' fill='#555'>{relation}</text>"
        )
        nodes.append(_node(dataset, node, x, y, lang, href, centre=False))
    nodes.append(_node(dataset, entity, cx, cy, lang, href, centre=True))
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' viewBox='0 0 {WIDTH} {HEIGHT}' "
        f"role='img' aria-label='neighbourhood'>{''.join(lines)}{''.join(nodes)}</svg>"
    )


def _node(dataset: Dataset, node: URIRef, x: float, y: float, lang: str, href: Callable, centre: bool) -> str:
    text = html.escape(_short(label(dataset, node, lang)))
    width = 8 + 6.2 * min(len(text), 26)
    fill = colour(dataset, node)
    stroke = "#000" if centre else "#777"
    return (
        f"<a href='{html.escape(href(node))}'><rect x='{x - width / 2:.0f}' y='{y - 11:.0f}' width='{width:.0f}' "
        f"height='22' rx='6' fill='{fill}' stroke='{stroke}'/>"
        f"<text x='{x:.0f}' y='{y + 4:.0f}' font-size='11' text-anchor='middle'>{text}</text></a>"
    )

"""A small SVG picture of an entity and its neighbours, drawn without Graphviz.

Laid out in rows so that nothing can overlap: the entity in the middle, what
it points to on the right and what points to it on the left, one row per
neighbour, grouped by property (the property named once, above its group).
A property with many neighbours shows the first few and a "+ N more" row
linking to the facts below; a legend names the colours of the classes drawn.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from rdflib import Dataset, URIRef
from rdflib.namespace import RDFS

from kg.diagram import DEFAULT_COLOUR, PALETTE, colour
from kg.query.describe import facts, label

WIDTH = 720
ROW, BOX, GAP = 24, 220, 40  # a row's height, a neighbour box's width, between the columns and the middle
PER_PROPERTY, PER_SIDE = 4, 14  # neighbours shown for one property, rows on one side


def _short(text: str, size: int = 32) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _groups(dataset: Dataset, entity: URIRef, base: str, lang: str) -> dict[str, list[tuple[str, list[URIRef]]]]:
    """For each side ("out", "in"), the properties in order with their neighbours."""
    grouped: dict[str, dict[str, list[URIRef]]] = {"out": {}, "in": {}}
    for fact in facts(dataset, entity):
        if isinstance(fact.other, URIRef) and fact.other.startswith(base):
            name = label(dataset, fact.predicate, lang)
            neighbours = grouped[fact.direction].setdefault(name, [])
            if fact.other not in neighbours:
                neighbours.append(fact.other)
    return {side: sorted(by.items()) for side, by in grouped.items()}


def _rows(groups: list[tuple[str, list[URIRef]]]) -> list[tuple[str, object]]:
    """("property", name), ("node", iri) and ("more", count) rows: at most
    PER_PROPERTY a property and about PER_SIDE a side, the rest counted."""
    rows: list[tuple[str, object]] = []
    for position, (name, neighbours) in enumerate(groups):
        room = PER_SIDE - len(rows) - 1  # below the property's own row
        if room < 1:
            rows.append(("more", sum(len(n) for _, n in groups[position:])))
            break
        rows.append(("property", name))
        limit = min(PER_PROPERTY, room)
        shown = neighbours if len(neighbours) <= limit else neighbours[: limit - 1]  # a row left for "+ N more"
        rows += [("node", node) for node in shown]
        if len(shown) < len(neighbours):
            rows.append(("more", len(neighbours) - len(shown)))
    return rows


def neighbourhood_svg(dataset: Dataset, entity: URIRef, base: str, lang: str, href: Callable[[object], str]) -> str:
    """The entity in the middle, the entities it shares facts with on either side."""
    sides = {side: _rows(groups) for side, groups in _groups(dataset, entity, base, lang).items()}
    height = max(3, len(sides["in"]), len(sides["out"])) * ROW + ROW
    centre_y = height / 2
    centre_x = WIDTH / 2
    left_x, right_x = BOX / 2 + 4, WIDTH - BOX / 2 - 4
    drawn: list[str] = []
    shown_nodes: set[URIRef] = {entity}
    for side, x in (("in", left_x), ("out", right_x)):
        edge_x = x + BOX / 2 if side == "in" else x - BOX / 2
        for index, (kind, value) in enumerate(sides[side]):
            y = ROW * (index + 1)
            if kind == "property":
                arrow = "→" if side == "out" else "←"
                drawn.append(_text(x, y + 4, f"{arrow} {_short(str(value), 36)}", "#444", italic=True))
            elif kind == "more":
                drawn.append(f"<a href='#facts'>{_text(x, y + 4, f'+ {value} more', '#1a4f8a')}</a>")
            else:
                node = value  # type: ignore[assignment]
                shown_nodes.add(node)
                end = centre_x - BOX / 2 if side == "in" else centre_x + BOX / 2
                drawn.append(f"<line x1='{edge_x:.0f}' y1='{y:.0f}' x2='{end:.0f}' y2='{centre_y:.0f}' stroke='#999'/>")
                drawn.append(_node(dataset, node, x, y, lang, href, centre=False))
    drawn.append(_node(dataset, entity, centre_x, centre_y, lang, href, centre=True))
    legend = _legend(dataset, shown_nodes, lang)
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height + 8:.0f}' "
        f"viewBox='0 0 {WIDTH} {height + 8:.0f}' role='img' aria-label='neighbourhood'>{''.join(drawn)}</svg>"
        f"{legend}"
    )


def _text(x: float, y: float, words: str, fill: str, italic: bool = False) -> str:
    style = " font-style='italic'" if italic else ""
    return (
        f"<text x='{x:.0f}' y='{y:.0f}' font-size='11' text-anchor='middle' fill='{fill}'{style}>"
        f"{html.escape(words)}</text>"
    )


def _node(dataset: Dataset, node: URIRef, x: float, y: float, lang: str, href: Callable, centre: bool) -> str:
    text = html.escape(_short(label(dataset, node, lang)))
    stroke = "#000" if centre else "#777"
    return (
        f"<a href='{html.escape(href(node))}'><rect x='{x - BOX / 2:.0f}' y='{y - ROW / 2 + 2:.0f}' "
        f"width='{BOX:.0f}' height='{ROW - 4:.0f}' rx='6' fill='{colour(dataset, node)}' stroke='{stroke}'/>"
        f"<text x='{x:.0f}' y='{y + 4:.0f}' font-size='11' text-anchor='middle' fill='#222'>{text}</text></a>"
    )


def _legend(dataset: Dataset, nodes: set[URIRef], lang: str) -> str:
    """The colours drawn, each with the class it stands for."""
    used = {colour(dataset, node) for node in nodes}
    entries = [(cls, fill) for cls, fill in PALETTE if fill in used]
    if DEFAULT_COLOUR in used:
        entries.append((RDFS.Resource, DEFAULT_COLOUR))
    seen: set[str] = set()
    items = []
    for cls, fill in entries:
        if fill in seen:
            continue
        seen.add(fill)
        name = "other" if cls == RDFS.Resource else label(dataset, cls, lang)
        items.append(
            f"<li><span class='swatch' style='background:{fill}' aria-hidden='true'></span>{html.escape(name)}</li>"
        )
    return f"<ul class='legend'>{''.join(items)}</ul>"

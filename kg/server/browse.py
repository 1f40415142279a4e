"""Finding one's way without SPARQL: the home page (what the graph holds, by
class), a page per class listing its members, and the dumps to download."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from kg.formats import EXTENSIONS
from kg.namespaces import KGO, GraphNames, expand
from kg.query.describe import label
from kg.server.graph import StoreGraph
from kg.server.pages import Site, layout
from kg.server.void import LICENSE

LICENCE_NAME = "CC BY 4.0"  # the licence VoID declares for the dataset and each dump


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def class_href(site: Site, cls: URIRef) -> str:
    """The listing page of a class: by its prefixed name, or by its whole IRI."""
    try:
        name = site.dataset.namespace_manager.curie(cls, generate=False)
    except (KeyError, ValueError):
        name = str(cls)
    return site.url("/classes/" + quote(name, safe=":/"))


def class_of(name: str) -> URIRef | None:
    """The class a listing path names (``kgo:Person``, ``skos:Concept`` or an IRI)."""
    if "://" in name:
        return URIRef(name)
    try:
        return URIRef(expand(name)) if ":" in name else None
    except KeyError:
        return None


TYPED = "SELECT DISTINCT ?c WHERE { ?s a ?c FILTER(isIRI(?c)) }"


@dataclass(frozen=True)
class Holdings:
    """The entities of a build by the one class each is asserted to have, and
    every class that has members (asserted or inferred)."""

    by_class: dict[URIRef, list[URIRef]]
    typed: frozenset[URIRef]

    @classmethod
    def of(cls, graph: StoreGraph, base: str) -> Holdings:
        entities = graph.graph(GraphNames(base).entities)
        found: dict[URIRef, list[URIRef]] = {}
        for entity, kind in entities.subject_objects(RDF.type):
            if isinstance(entity, URIRef) and isinstance(kind, URIRef):
                found.setdefault(kind, []).append(entity)
        typed = frozenset(URIRef(row["c"].value) for row in graph.store.query(TYPED))
        return cls({kind: sorted(members) for kind, members in found.items()}, typed)

    def count(self) -> int:
        return sum(len(m) for m in self.by_class.values())


def home_page(site: Site, holdings: Holdings, summary: dict, built: str) -> str:
    """What the graph holds; ``summary`` is the build's summary.json, ``built`` when it was written."""
    dataset = site.dataset
    articles = sorted(dataset.subjects(RDF.type, KGO.NewsArticle))
    t, url = site.t, site.url
    licence = f"<a href='{_esc(LICENSE)}'>{LICENCE_NAME}</a>"
    summary_line = t(
        "home-summary",
        entities=holdings.count(),
        classes=len(holdings.by_class),
        facts=summary.get("facts", 0),
        outside=summary.get("outside_facts", 0),
        triples=summary.get("triples", 0),
        built=_esc(built),
        licence=licence,
    )
    body = [
        f"<h1>{_esc(t('home-title'))}</h1>",
        f"<p>{summary_line}</p>",
        f"<p><a href='{_esc(url('/queries'))}'>{_esc(t('questions-answered'))}</a> · "
        f"<a href='{_esc(url('/dumps/'))}'>{_esc(t('downloads'))}</a> · "
        f"<a href='{_esc(url('/ontology'))}'>{_esc(t('vocabulary'))}</a> · "
        f"<a href='{_esc(url('/shapes'))}'>{_esc(t('shapes'))}</a></p>",
        f"<h2>{_esc(t('articles'))}</h2><ul>",
        *(f"<li>{site.link(a)}</li>" for a in articles),
        f"</ul><h2>{_esc(t('holdings'))}</h2>",
        _class_table(site, holdings),
    ]
    return layout(t("site"), "".join(body), "", site)


def _class_table(site: Site, holdings: Holdings) -> str:
    named = sorted(holdings.by_class.items(), key=lambda kv: label(site.dataset, kv[0], site.lang).casefold())
    rows = "".join(
        f"<tr><td><a href='{_esc(class_href(site, cls))}'>{_esc(label(site.dataset, cls, site.lang))}</a></td>"
        f"<td>{len(members)}</td></tr>"
        for cls, members in named
    )
    return (
        f"<div class='scroll'><table class='results classes'><thead><tr><th scope='col'>{_esc(site.t('class'))}</th>"
        f"<th scope='col'>{_esc(site.t('entities'))}</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def class_page(site: Site, holdings: Holdings, cls: URIRef) -> str | None:
    """The members of a class: those asserted to be of it, then those of its
    subclasses (the reasoner's inference); None when it has none and the
    ontology does not define it."""
    dataset = site.dataset
    direct = holdings.by_class.get(cls, [])
    others = _by_label(site, {m for m in dataset.subjects(RDF.type, cls) if isinstance(m, URIRef)} - set(direct))
    if not direct and not others and (cls, None, None) not in dataset:
        return None
    title = label(dataset, cls, site.lang)
    parts = [
        f"<h1>{_esc(title)}</h1>",
        f"<p class='who'>{_esc(cls)} · <a href='{_esc(site.href(cls))}'>{_esc(site.t('its-definition'))}</a></p>",
    ]
    supers = sorted(o for o in dataset.objects(cls, RDFS.subClassOf) if isinstance(o, URIRef) and o in holdings.typed)
    subs = sorted(s for s in dataset.subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef) and s in holdings.typed)
    if supers:
        parts.append(f"<p>{_esc(site.t('kind-of'))}: " + ", ".join(_class_link(site, c) for c in supers) + "</p>")
    if subs:
        parts.append(f"<p>{_esc(site.t('kinds'))}: " + ", ".join(_class_link(site, c) for c in subs) + "</p>")
    if direct:
        parts.append(f"<h2>{_esc(site.t('of-class', count=len(direct)))}</h2><ul class='members'>")
        parts += [f"<li>{site.link(m)}</li>" for m in _by_label(site, direct)]
        parts.append("</ul>")
    if others:
        parts.append(f"<h2>{_esc(site.t('by-inference', count=len(others)))}</h2><ul>")
        for member in others:
            kinds = ", ".join(label(dataset, k, site.lang) for k, ms in holdings.by_class.items() if member in ms)
            parts.append(f"<li>{site.link(member)} <span class='who'>{_esc(kinds)}</span></li>")
        parts.append("</ul>")
    return layout(title, "".join(parts), "", site)


def _by_label(site: Site, nodes: object) -> list[URIRef]:
    return sorted(nodes, key=lambda node: (label(site.dataset, node, site.lang).casefold(), node))


def _class_link(site: Site, cls: URIRef) -> str:
    return f"<a href='{_esc(class_href(site, cls))}'>{_esc(label(site.dataset, cls, site.lang))}</a>"


def classes_page(site: Site, holdings: Holdings) -> str:
    title = site.t("classes")
    return layout(title, f"<h1>{_esc(title)}</h1>" + _class_table(site, holdings), "", site)


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    size = count / 1024
    for unit in ("KiB", "MiB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


def dumps_page(site: Site, sizes: dict[str, int], extra: list[tuple[str, str, str, str]]) -> str:
    """The dump files of the build (name: size in bytes; their formats from the
    registry), and ``extra`` (href, title, media type, what) rows such as the
    ontology and shapes."""
    rows = []
    for name, size in sorted(sizes.items()):
        fmt = EXTENSIONS[Path(name).suffix]
        what = "what OWL 2 RL reasoning adds" if Path(name).stem == "inferred" else "the whole graph"
        rows.append(
            f"<tr><td><a href='/dumps/{_esc(quote(name))}' download>{_esc(name)}</a></td>"
            f"<td>{_esc(fmt.title)}</td><td>{_esc(fmt.media_type)}</td>"
            f"<td>{_esc(what)}</td><td>{_size(size)}</td></tr>"
        )
    for href, title, media_type, what in extra:
        rows.append(
            f"<tr><td><a href='{_esc(href)}'>{_esc(href)}</a></td><td>{_esc(title)}</td>"
            f"<td>{_esc(media_type)}</td><td>{_esc(what)}</td><td></td></tr>"
        )
    intro = site.t(
        "dumps-intro",
        licence=f"<a href='{_esc(LICENSE)}'>{LICENCE_NAME}</a>",
        void=f"<a href='/.well-known/void'>{_esc(site.t('void'))}</a>",
    )
    head = "".join(
        f"<th scope='col'>{_esc(site.t(key))}</th>" for key in ("file", "format", "media-type", "what", "size")
    )
    body = (
        f"<h1>{_esc(site.t('downloads'))}</h1><p>{intro}</p>"
        f"<div class='scroll'><table class='results'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return layout(site.t("downloads"), body, "", site)

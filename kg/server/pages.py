"""HTML pages: an entity with the sentence behind each fact, the article with
every evidence span highlighted, a label search. No scripts, no CDN."""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass

import pyoxigraph
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, SKOS

from kg.formats import FORMATS
from kg.namespaces import KGO, OA, SCHEMA, GraphNames
from kg.query.describe import facts, label, statements_of
from kg.server.chrome import SHAPES, Site, layout
from kg.server.claims_pages import attribution, because, modal_claims, said_by, statement_notes
from kg.server.graph import StoreGraph, to_oxigraph
from kg.server.neighbourhood import neighbourhood_svg

# The graph formats an entity page links to (the others keep named graphs,
# which a description of one node does not have).
PAGE_FORMATS = [f for f in FORMATS.values() if not f.keeps_graphs]
__all__ = ["SHAPES", "LabelIndex", "Site", "alternates", "article_page", "entity_page", "layout", "search_page"]


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def alternates(site: Site, node: URIRef) -> tuple[str, str]:
    """The head's <link rel=alternate> elements and a line of links to the
    node's description in each graph format."""
    path = site.path(node)  # data in a graph format has no interface language
    head = "".join(
        f"<link rel='alternate' type='{f.media_type}' href='{_escape(path)}?format={f.name}' title='{f.title}'>"
        for f in PAGE_FORMATS
    )
    links = " · ".join(f"<a href='{_escape(path)}?format={f.name}'>{f.title}</a>" for f in PAGE_FORMATS)
    return head, f"<p class='formats'>{_escape(site.t('as-data'))}: {links}</p>"


def _selectors(dataset: Dataset, span: URIRef) -> tuple[int, int, str] | None:
    start = end = exact = None
    for selector in dataset.objects(span, OA.hasSelector):
        start = dataset.value(selector, OA.start, default=start)
        end = dataset.value(selector, OA.end, default=end)
        exact = dataset.value(selector, OA.exact, default=exact)
    if start is None or end is None or exact is None:
        return None
    return int(start), int(end), str(exact)


def _highlighted_sentences(site: Site, evidence: URIRef) -> str:
    """The sentences an evidence span lies in, with the span marked."""
    span = _selectors(site.dataset, evidence)
    if span is None:
        return ""
    start, end, exact = span
    parts = []
    for sentence in sorted(site.dataset.objects(evidence, DCTERMS.isPartOf)):
        found = _selectors(site.dataset, sentence)
        if found is None:
            continue
        s_start, s_end, text = found
        a, b = max(start, s_start) - s_start, min(end, s_end) - s_start
        parts.append(_escape(text[:a]) + f"<mark>{_escape(text[a:b])}</mark>" + _escape(text[b:]))
    return " ".join(parts) or f"<mark>{_escape(exact)}</mark>"


def _evidence_html(site: Site, subject: object, predicate: object, obj: object) -> str:
    dataset = site.dataset
    notes = []
    for statement in statements_of(dataset, subject, predicate, obj):
        for source in sorted(dataset.objects(statement, PROV.wasDerivedFrom)):
            if (source, RDF.type, KGO.Evidence) in dataset:
                who = attribution(site, statement)
                notes.append(
                    f"<div class='evidence'>«{_highlighted_sentences(site, source)}» "
                    f"<span class='who'>— {who}; <a href='{_escape(site.href(statement))}'>statement</a></span></div>"
                )
            else:
                notes.append(
                    f"<div class='evidence'>outside source: {site.link(source)} "
                    f"<span class='who'>(<a href='{_escape(site.href(statement))}'>statement</a>)</span></div>"
                )
        notes.append(statement_notes(site, statement))
    if not notes and (subject, predicate, obj) in dataset.graph(GraphNames(site.base).inferred):
        notes.append(because(site, (subject, predicate, obj)))
    return "".join(notes)


def entity_page(site: Site, entity: URIRef) -> str:
    dataset = site.dataset
    title = label(dataset, entity, site.lang)
    rows = "".join(
        f"<tr><td>{lit.language or ''}</td><td>{_escape(str(lit))}</td></tr>"
        for lit in sorted(dataset.objects(entity, RDFS.label), key=lambda x: x.language or "")
    )
    also = ", ".join(_escape(str(a)) for a in sorted(dataset.objects(entity, SKOS.altLabel)))
    types = ", ".join(
        f"{site.link(t)} <span class='who'>{_escape(dataset.namespace_manager.normalizeUri(t))}</span>"
        for t in sorted(dataset.objects(entity, RDF.type))
    )
    head, links = alternates(site, entity)
    parts = [f"<h1>{_escape(title)}</h1>", f"<p class='who'>{_escape(str(entity))}</p>", links]
    parts.append(f"<table class='labels'>{rows}</table>")
    if also:
        parts.append(f"<p>{_escape(site.t('also-written'))}: {also}</p>")
    parts.append(f"<p>{_escape(site.t('types'))}: {types}</p>")
    # On a phone the picture keeps a readable size and scrolls sideways in its own box.
    picture = neighbourhood_svg(dataset, entity, site.base, site.lang, site.href)
    parts.append(f"<div class='scroll picture'>{picture}</div>")
    outgoing = [f for f in facts(dataset, entity) if f.direction == "out"]
    incoming = [f for f in facts(dataset, entity) if f.direction == "in"]
    if outgoing:
        parts.append(f"<h2 id='facts'>{_escape(site.t('facts'))}</h2>")
        for fact in outgoing:
            parts.append(
                f"<div class='fact'>{site.link(fact.predicate)} → {site.link(fact.other)}"
                f"{_evidence_html(site, entity, fact.predicate, fact.other)}</div>"
            )
    if incoming:
        parts.append(f"<h2>{_escape(site.t('facts-elsewhere'))}</h2>")
        for fact in incoming:
            parts.append(
                f"<div class='fact'>{site.link(fact.other)} — {site.link(fact.predicate)} → this"
                f"{_evidence_html(site, fact.other, fact.predicate, entity)}</div>"
            )
    parts.append(modal_claims(site, entity))
    if (entity, KGO.speaker, None) not in dataset and (None, KGO.speaker, entity) in dataset:
        parts.append(said_by(site, entity))
    parts.append(_other_triples(site, entity))
    return layout(title, "".join(parts), head, site)


def _other_triples(site: Site, node: URIRef) -> str:
    """Everything else said of the node (statements, spans, selectors have no facts of their own)."""
    shown = {RDF.type, RDFS.label, SKOS.altLabel, SCHEMA.text}
    rows = [
        f"<tr><td>{site.link(p)}</td><td>{site.link(o)}</td></tr>"
        for p, o in sorted(site.dataset.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1])))
        if p not in shown and not str(p).startswith(str(KGO))
    ]
    return f"<h2>{_escape(site.t('other-data'))}</h2><table>{''.join(rows)}</table>" if rows else ""


def article_page(site: Site, article: URIRef) -> str:
    """The article's text with every evidence span highlighted and linked to its facts."""
    dataset = site.dataset
    text = str(dataset.value(article, SCHEMA.text) or "")
    spans: dict[tuple[int, int], URIRef] = {}
    # The article's evidence, found from the article: a look through all the build's would grow with it.
    for evidence in sorted(set(dataset.subjects(OA.hasSource, article))):
        if (evidence, RDF.type, KGO.Evidence) in dataset and (found := _selectors(dataset, evidence)):
            spans[(found[0], found[1])] = evidence
    kinds = {span: span_kind(site, evidence) for span, evidence in spans.items()}
    cuts = sorted({0, len(text)} | {p for span in spans for p in span})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        covering = [s for s in spans if s[0] <= a and b <= s[1]]
        if not covering:
            pieces.append(_escape(text[a:b]))
            continue
        innermost = min(covering, key=lambda s: s[1] - s[0])
        kind, said = kinds[innermost]
        pieces.append(
            f"<a href='#span-{innermost[0]}-{innermost[1]}' title='{_escape(said)}'>"
            f"<mark class='span {kind}' data-spans='{len(covering)}'>{_escape(text[a:b])}</mark></a>"
        )
    items = []
    for (start, end), evidence in sorted(spans.items()):
        statements = sorted(s for s in dataset.subjects(PROV.wasDerivedFrom, evidence))
        mentions = sorted(m for m in dataset.subjects(OA.hasTarget, evidence))
        links = [
            f"{site.link(dataset.value(s, RDF.subject))} {site.link(dataset.value(s, RDF.predicate))} "
            f"{site.link(dataset.value(s, RDF.object))} (<a href='{_escape(site.href(s))}'>statement</a>)"
            for s in statements
        ] + [f"names {site.link(body)}" for m in mentions for body in sorted(dataset.objects(m, OA.hasBody))]
        items.append(
            f"<li id='span-{start}-{end}'><mark>{_escape(text[start:end])}</mark> "
            f"<span class='who'>[{start}–{end})</span><br>{'<br>'.join(links)}</li>"
        )
    head, links = alternates(site, article)
    body = (
        f"<h1>{_escape(label(dataset, article, site.lang))}</h1>{links}"
        f"<p>{_escape(site.t('spans', count=len(spans)))}</p>{SPAN_LEGEND}"
        f"<div class='article' lang='kk'>{''.join(pieces)}</div><h2>{_escape(site.t('evidence-spans'))}</h2>"
        f"<ul class='spans'>{''.join(items)}</ul>{_other_triples(site, article)}"
    )
    return layout(label(dataset, article, site.lang), body, head, site)


# What a highlighted span supports, by colour; a span's title lists its facts.
SPAN_LEGEND = (
    "<ul class='legend'><li><mark class='fact'>fact</mark>states a fact</li>"
    "<li><mark class='number'>number</mark>states a number (an observation's measure)</li>"
    "<li><mark class='mention'>mention</mark>names an entity only</li></ul>"
)


def span_kind(site: Site, evidence: URIRef) -> tuple[str, str]:
    """Whether a span states a number, a fact or only names an entity, and its facts in words."""
    dataset = site.dataset
    statements = sorted(dataset.subjects(PROV.wasDerivedFrom, evidence))
    said = [
        " ".join(label(dataset, dataset.value(s, term), site.lang) for term in (RDF.subject, RDF.predicate, RDF.object))
        for s in statements
    ]
    named = [
        label(dataset, body, site.lang)
        for m in dataset.subjects(OA.hasTarget, evidence)
        for body in dataset.objects(m, OA.hasBody)
    ]
    measures = {dataset.value(s, RDF.predicate) for s in statements}
    if any((m, RDF.type, QB.MeasureProperty) in dataset for m in measures):
        return "number", "; ".join(said)
    if statements:
        return "fact", "; ".join(said)
    return "mention", "names " + ", ".join(sorted(named))


@dataclass(frozen=True)
class LabelIndex:
    """Every label and other name of an IRI, case-folded, for the search."""

    entries: list[tuple[str, str, str]]  # folded, the IRI, the text

    @classmethod
    def of(cls, graph: StoreGraph) -> LabelIndex:
        entries = []
        for predicate in (RDFS.label, SKOS.altLabel):
            for quad in graph.store.quads_for_pattern(None, to_oxigraph(predicate), None, pyoxigraph.DefaultGraph()):
                if isinstance(quad.subject, pyoxigraph.NamedNode):
                    text = quad.object.value
                    entries.append((text.casefold(), quad.subject.value, text))
        return cls(entries)

    def matching(self, query: str) -> dict[URIRef, set[str]]:
        """The IRIs with a name containing ``query``, case-insensitively (Kazakh included), and those names."""
        wanted = query.casefold().strip()
        found: dict[URIRef, set[str]] = {}
        if wanted:
            for folded, iri, text in self.entries:
                if wanted in folded:
                    found.setdefault(URIRef(iri), set()).add(text)
        return found


def search_page(site: Site, index: LabelIndex, query: str) -> str:
    """Entities whose labels contain the query, case-insensitively (Kazakh included)."""
    found = index.matching(query)
    items = "".join(
        f"<li>{site.link(node)} <span class='who'>{_escape(' · '.join(sorted(texts)))}</span></li>"
        for node, texts in sorted(found.items(), key=lambda kv: label(site.dataset, kv[0], site.lang))
    )
    title = f"{site.t('search')}: {query}"
    body = f"<h1>{_escape(title)}</h1><p>{_escape(site.t('found', count=len(found)))}</p><ul>{items}</ul>"
    return layout(title, body, "", site)

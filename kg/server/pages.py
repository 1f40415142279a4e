"""HTML pages: an entity with the sentence behind each fact, the article with
every evidence span highlighted, a label search. No scripts, no CDN."""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.formats import FORMATS
from kg.namespaces import KGO, OA, ONTOLOGY_GRAPH, SCHEMA, GraphNames
from kg.query.describe import facts, label, statements_of
from kg.server.claims_pages import attribution, because, modal_claims, said_by, statement_notes
from kg.server.neighbourhood import neighbourhood_svg

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:62rem;margin:1rem auto;padding:0 1rem;color:#222}
header{display:flex;gap:1rem;align-items:center;border-bottom:1px solid #ccc;padding-bottom:.5rem}
header a{font-weight:bold;text-decoration:none}
mark{background:#ffe08a;padding:0 .1em}
mark.span{background:#ffe9b3;padding:0}
.fact{margin:.6rem 0;padding:.4rem .6rem;border-left:3px solid #92c5de;background:#f7fbff}
.evidence{font-size:.92rem;color:#333;margin:.2rem 0 .2rem 1rem}
.who{color:#666;font-size:.85rem}
.labels td{padding:0 .8rem 0 0}
.article{line-height:1.7;white-space:pre-wrap}
.article a{color:inherit;text-decoration:none}
ul.spans li{margin:.3rem 0}
header{flex-wrap:wrap}
main{overflow-wrap:anywhere}
header form{display:flex;gap:.3rem;flex:1 1 14rem}
header input{flex:1;min-width:6rem}
svg{max-width:100%;height:auto}
.picture svg{min-width:40rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.5rem;font-size:.85rem}
.scroll{overflow-x:auto}
table.results{border-collapse:collapse}
table.results th,table.results td{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top;text-align:left}
table.results td{overflow-wrap:anywhere;min-width:6rem}
q{font-style:italic}
form.choices{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.6rem 0}
form.choices label{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;max-width:100%;min-width:0}
form.choices select{max-width:100%;min-width:0}
.warn{color:#8a1c1c}
ul.queries li{margin:.5rem 0}
textarea{width:100%;box-sizing:border-box;font-family:"DejaVu Sans Mono",monospace}
a{color:#0645ad}
a:visited{color:#5a2a8a}
::placeholder{color:#5f5f5f;opacity:1}
:focus-visible{outline:3px solid #b3541e;outline-offset:2px}
.skip{position:absolute;left:-100vw;top:0}
.skip:focus{left:1rem;background:#fff;padding:.3rem .6rem;z-index:1}
@media (max-width:40rem){h1{font-size:1.5rem}h2{font-size:1.25rem}body{margin-top:.5rem}}
"""


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


# The shapes' namespace (ontology/shapes*.ttl), beside the ontology's; like
# kgo: it stays the same whatever --base a build is given.
SHAPES = Namespace("https://kg.example.org/shapes#")
# Where the server answers for the vocabulary's IRIs, whatever its base.
VOCABULARY_PATHS = ((str(KGO), "/ontology"), (str(SHAPES), "/shapes"))


@dataclass(frozen=True)
class Site:
    """How IRIs of the data map to paths of this server."""

    dataset: Dataset
    base: str
    lang: str = "en"

    def href(self, node: object) -> str:
        if node == ONTOLOGY_GRAPH:
            return "/ontology"
        for namespace, path in VOCABULARY_PATHS:
            if isinstance(node, URIRef) and node.startswith(namespace):
                local = node[len(namespace) :]
                return f"{path}/{quote(local, safe='-_.~')}" if local else path
        if isinstance(node, URIRef) and node.startswith(self.base):
            return "/" + quote(node[len(self.base) :], safe="/-_.~")
        return str(node)

    def link(self, node: object) -> str:
        if isinstance(node, Literal):
            tag = f" <span class='who'>@{node.language}</span>" if node.language else ""
            return _escape(str(node)) + tag
        return f"<a href='{_escape(self.href(node))}'>{_escape(label(self.dataset, node, self.lang))}</a>"


def layout(title: str, body: str, head: str = "") -> str:
    """A whole page; ``head`` is markup for the head (alternate links)."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_escape(title)}</title><style>{STYLE}</style>{head}</head><body>"
        "<a class='skip' href='#main'>Skip to the content</a>"
        "<header><a href='/'>Kazakh anti-corruption KG</a>"
        "<form action='/search' method='get' role='search'>"
        "<input name='q' type='search' placeholder='Search labels (kk, en, ru)' aria-label='search'>"
        "<button type='submit'>Search</button></form>"
        "<nav><a href='/queries'>Questions</a> <a href='/classes'>Classes</a> <a href='/dumps/'>Downloads</a> "
        "<a href='/ontology'>Vocabulary</a> <a href='/sparql'>SPARQL</a> <a href='/.well-known/void'>VoID</a></nav>"
        "</header>"
        f"<main id='main'>{body}</main></body></html>"
    )


# The graph formats an entity page links to (the others keep named graphs,
# which a description of one node does not have).
PAGE_FORMATS = [f for f in FORMATS.values() if not f.keeps_graphs]


def alternates(site: Site, node: URIRef) -> tuple[str, str]:
    """The head's <link rel=alternate> elements and a line of links to the
    node's description in each graph format."""
    path = site.href(node)
    head = "".join(
        f"<link rel='alternate' type='{f.media_type}' href='{_escape(path)}?format={f.name}' title='{f.title}'>"
        for f in PAGE_FORMATS
    )
    links = " · ".join(f"<a href='{_escape(path)}?format={f.name}'>{f.title}</a>" for f in PAGE_FORMATS)
    return head, f"<p class='formats'>As data: {links}</p>"


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
        parts.append(f"<p>Also written: {also}</p>")
    parts.append(f"<p>Types: {types}</p>")
    # On a phone the picture keeps a readable size and scrolls sideways in its own box.
    picture = neighbourhood_svg(dataset, entity, site.base, site.lang, site.href)
    parts.append(f"<div class='scroll picture'>{picture}</div>")
    outgoing = [f for f in facts(dataset, entity) if f.direction == "out"]
    incoming = [f for f in facts(dataset, entity) if f.direction == "in"]
    if outgoing:
        parts.append("<h2>Facts</h2>")
        for fact in outgoing:
            parts.append(
                f"<div class='fact'>{site.link(fact.predicate)} → {site.link(fact.other)}"
                f"{_evidence_html(site, entity, fact.predicate, fact.other)}</div>"
            )
    if incoming:
        parts.append("<h2>Facts about it elsewhere</h2>")
        for fact in incoming:
            parts.append(
                f"<div class='fact'>{site.link(fact.other)} — {site.link(fact.predicate)} → this"
                f"{_evidence_html(site, fact.other, fact.predicate, entity)}</div>"
            )
    parts.append(modal_claims(site, entity))
    if (entity, KGO.speaker, None) not in dataset and (None, KGO.speaker, entity) in dataset:
        parts.append(said_by(site, entity))
    parts.append(_other_triples(site, entity))
    return layout(title, "".join(parts), head)


def _other_triples(site: Site, node: URIRef) -> str:
    """Everything else said of the node (statements, spans, selectors have no facts of their own)."""
    shown = {RDF.type, RDFS.label, SKOS.altLabel, SCHEMA.text}
    rows = [
        f"<tr><td>{site.link(p)}</td><td>{site.link(o)}</td></tr>"
        for p, o in sorted(site.dataset.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1])))
        if p not in shown and not str(p).startswith(str(KGO))
    ]
    return f"<h2>Other data</h2><table>{''.join(rows)}</table>" if rows else ""


def article_page(site: Site, article: URIRef) -> str:
    """The article's text with every evidence span highlighted and linked to its facts."""
    dataset = site.dataset
    text = str(dataset.value(article, SCHEMA.text) or "")
    spans: dict[tuple[int, int], URIRef] = {}
    for evidence in dataset.subjects(RDF.type, KGO.Evidence):
        if dataset.value(evidence, OA.hasSource) == article and (found := _selectors(dataset, evidence)):
            spans[(found[0], found[1])] = evidence
    cuts = sorted({0, len(text)} | {p for span in spans for p in span})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        covering = [s for s in spans if s[0] <= a and b <= s[1]]
        if not covering:
            pieces.append(_escape(text[a:b]))
            continue
        innermost = min(covering, key=lambda s: s[1] - s[0])
        pieces.append(
            f"<a href='#span-{innermost[0]}-{innermost[1]}'><mark class='span' data-spans='{len(covering)}'>"
            f"{_escape(text[a:b])}</mark></a>"
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
        f"<p>{len(spans)} evidence spans, each highlighted and linked to the facts it states.</p>"
        f"<div class='article' lang='kk'>{''.join(pieces)}</div><h2>Evidence spans</h2>"
        f"<ul class='spans'>{''.join(items)}</ul>{_other_triples(site, article)}"
    )
    return layout(label(dataset, article, site.lang), body, head)


def search_page(site: Site, query: str) -> str:
    """Entities whose labels contain the query, case-insensitively (Kazakh included)."""
    wanted = query.casefold().strip()
    found: dict[URIRef, set[str]] = {}
    if wanted:
        for predicate in (RDFS.label, SKOS.altLabel):
            for node, text in site.dataset.subject_objects(predicate):
                if isinstance(node, URIRef) and wanted in str(text).casefold():
                    found.setdefault(node, set()).add(str(text))
    items = "".join(
        f"<li>{site.link(node)} <span class='who'>{_escape(' · '.join(sorted(texts)))}</span></li>"
        for node, texts in sorted(found.items(), key=lambda kv: label(site.dataset, kv[0], site.lang))
    )
    body = f"<h1>Search: {_escape(query)}</h1><p>{len(found)} found</p><ul>{items}</ul>"
    return layout(f"Search: {query}", body)

"""Pages of the vocabulary: a class or property with its labels, comments,
relations and the shapes that apply; a shape with its targets and
constraints; the whole ontology or shapes with an anchor per term."""

from __future__ import annotations

import html

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg.formats import FORMATS
from kg.namespaces import ONTOLOGY_GRAPH, SH
from kg.query.describe import label
from kg.server.browse import class_href
from kg.server.pages import SHAPES, Site, alternates, layout
from kg.server.vocabulary import SKOLEM, Vocabulary, local_name

# Keys of a property shape shown in their own columns, not among the constraints.
OWN_COLUMNS = {SH.path, SH.message, SH.name, SH.description}


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _links(site: Site, nodes: list[URIRef]) -> str:
    return ", ".join(_term_link(site, n) for n in nodes)


def _term_link(site: Site, node: URIRef) -> str:
    if node.startswith(str(SHAPES)):
        return f"<a href='{_esc(site.href(node))}'>kgs:{_esc(local_name(node))}</a>"
    return site.link(node)


def _texts(graph: Graph, node: URIRef, predicate: URIRef) -> str:
    rows = sorted((lit.language or "", str(lit)) for lit in graph.objects(node, predicate) if isinstance(lit, Literal))
    return "".join(
        f"<tr><td>{_esc(lang)}</td><td{f' lang={_esc(lang)!r}' if lang else ''}>{_esc(text)}</td></tr>"
        for lang, text in rows
    )


def _turtle(site: Site, graph: Graph) -> str:
    return f"<h2>Turtle</h2><pre>{_esc(FORMATS['ttl'].write(graph, site.base).decode('utf-8'))}</pre>"


def term_page(site: Site, vocabulary: Vocabulary, term: URIRef, members: int) -> str:
    """One class or property: labels and comments in every language, its
    place among the other terms, the shapes that apply, and its Turtle."""
    onto = vocabulary.ontology
    title = label(site.dataset, term, site.lang)
    kinds = _links(site, sorted(o for o in onto.objects(term, RDF.type) if isinstance(o, URIRef)))
    head, formats = alternates(site, term)
    parts = [f"<h1>{_esc(title)}</h1>", f"<p class='who'>{_esc(term)} · {kinds}</p>", formats]
    parts.append(f"<table class='labels'>{_texts(onto, term, RDFS.label)}</table>")
    comments = _texts(onto, term, RDFS.comment)
    if comments:
        parts.append(f"<h2>{_esc(site.t('comment'))}</h2><table class='labels'>{comments}</table>")
    rows = []
    if vocabulary.is_class(term):
        rows += [
            ("Subclass of", vocabulary.named(term, RDFS.subClassOf)),
            ("Subclasses", vocabulary.named_subjects(RDFS.subClassOf, term)),
            ("Equivalent to", vocabulary.named(term, OWL.equivalentClass)),
            ("Disjoint with", vocabulary.named(term, OWL.disjointWith)),
            ("Properties with this domain", vocabulary.named_subjects(RDFS.domain, term)),
            ("Properties with this range", vocabulary.named_subjects(RDFS.range, term)),
        ]
    if vocabulary.is_property(term):
        rows += [
            ("Domain", vocabulary.named(term, RDFS.domain)),
            ("Range", vocabulary.named(term, RDFS.range)),
            ("Subproperty of", vocabulary.named(term, RDFS.subPropertyOf)),
            ("Subproperties", vocabulary.named_subjects(RDFS.subPropertyOf, term)),
            ("Inverse of", vocabulary.named(term, OWL.inverseOf) + vocabulary.named_subjects(OWL.inverseOf, term)),
            ("Equivalent to", vocabulary.named(term, OWL.equivalentProperty)),
        ]
    rows += [
        ("Shapes that check it", vocabulary.checking(term)),
        ("Shapes whose constraints name it", vocabulary.using(term)),
    ]
    table = "".join(f"<tr><th scope='row'>{_esc(k)}</th><td>{_links(site, v)}</td></tr>" for k, v in rows if v)
    parts.append(f"<div class='scroll'><table class='results terms'>{table}</table></div>")
    if members:
        parts.append(f"<p><a href='{_esc(class_href(site, term))}'>{_esc(site.t('members', count=members))}</a></p>")
    parts.append(_turtle(site, vocabulary.description(term)))
    return layout(title, "".join(parts), head, site)


def _path(site: Site, graph: Graph, node: object) -> str:
    """A SHACL property path as SPARQL writes it."""
    if isinstance(node, URIRef) and SKOLEM not in node:
        return _term_link(site, node)
    if (node, RDF.first, None) in graph:
        return " / ".join(_path(site, graph, n) for n in Collection(graph, node))
    for key, (before, after) in {
        SH.inversePath: ("^", ""),
        SH.zeroOrMorePath: ("", "*"),
        SH.oneOrMorePath: ("", "+"),
        SH.zeroOrOnePath: ("", "?"),
    }.items():
        inner = graph.value(node, key)
        if inner is not None:
            return f"{before}({_path(site, graph, inner)}){after}"
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return " | ".join(_path(site, graph, n) for n in Collection(graph, alternatives))
    return "…"


def _value(site: Site, graph: Graph, node: object) -> str:
    if isinstance(node, Literal):
        return _esc(node)
    if (node, RDF.first, None) in graph or node == RDF.nil:
        return "( " + " ".join(_value(site, graph, n) for n in Collection(graph, node)) + " )"
    if isinstance(node, BNode):
        inner = sorted(graph.predicate_objects(node), key=lambda po: str(po))
        return "[ " + "; ".join(f"{_term_link(site, p)} {_value(site, graph, o)}" for p, o in inner) + " ]"
    return _term_link(site, node)


def shape_page(site: Site, vocabulary: Vocabulary, shape: URIRef) -> str:
    graph = vocabulary.shapes
    title = f"kgs:{local_name(shape)}"
    head, formats = alternates(site, shape)
    parts = [f"<h1>{_esc(title)}</h1>", f"<p class='who'>{_esc(shape)}</p>", formats]
    notes = _texts(graph, shape, RDFS.comment) + _texts(graph, shape, SH.message)
    if notes:
        parts.append(f"<table class='labels'>{notes}</table>")
    targets = [
        (name, sorted(graph.objects(shape, key)))
        for name, key in (
            ("Members of", SH.targetClass),
            ("Nodes", SH.targetNode),
            ("Subjects of", SH.targetSubjectsOf),
            ("Objects of", SH.targetObjectsOf),
        )
    ]
    rows = "".join(
        f"<tr><th scope='row'>{name}</th><td>{', '.join(_value(site, graph, v) for v in values)}</td></tr>"
        for name, values in targets
        if values
    )
    parts.append(f"<h2>{_esc(site.t('checks'))}</h2><div class='scroll'><table class='results'>{rows}</table></div>")
    properties = sorted(graph.objects(shape, SH.property), key=str)
    if properties:
        lines = []
        for prop in properties:
            constraints = "; ".join(
                f"{_term_link(site, p)} {_value(site, graph, o)}"
                for p, o in sorted(graph.predicate_objects(prop), key=str)
                if p not in OWN_COLUMNS
            )
            message = " ".join(str(m) for m in graph.objects(prop, SH.message))
            lines.append(
                f"<tr><td>{_path(site, graph, graph.value(prop, SH.path))}</td><td>{constraints}</td>"
                f"<td>{_esc(message)}</td></tr>"
            )
        parts.append(
            f"<h2>{_esc(site.t('property-constraints'))}</h2><div class='scroll'><table class='results'><thead><tr>"
            "<th scope='col'>path</th><th scope='col'>constraints</th><th scope='col'>message</th></tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table></div>"
        )
    for constraint in sorted(graph.objects(shape, SH.sparql), key=str):
        message = " ".join(str(m) for m in graph.objects(constraint, SH.message))
        select = graph.value(constraint, SH.select)
        heading = _esc(site.t("sparql-constraint"))
        parts.append(f"<h2>{heading}</h2><p>{_esc(message)}</p><pre>{_esc(select or '')}</pre>")
    parts.append(_turtle(site, vocabulary.description(shape)))
    return layout(title, "".join(parts), head, site)


def index_page(site: Site, vocabulary: Vocabulary, name: str) -> str:
    """The whole ontology (or the whole shapes) as one document: each term
    with an anchor, so that ``…/ontology#Person`` lands on kgo:Person."""
    downloads = " · ".join(
        f"<a href='/{name}{f.extension}'>{f.title}</a>" for f in FORMATS.values() if not f.keeps_graphs
    )
    if name == "shapes":
        header = f"<h1>{_esc(site.t('shapes'))}</h1><p>{_esc(site.t('shapes-intro'))}</p>"
        groups = [(site.t("shapes"), vocabulary.shape_names())]
    else:
        header = (
            f"<h1>{_esc(label(site.dataset, ONTOLOGY_GRAPH, site.lang))}</h1>"
            f"<table class='labels'>{_texts(vocabulary.ontology, ONTOLOGY_GRAPH, RDFS.comment)}</table>"
        )
        terms = vocabulary.terms()
        groups = [
            (site.t("classes"), [t for t in terms if vocabulary.is_class(t)]),
            (site.t("properties"), [t for t in terms if vocabulary.is_property(t)]),
            (site.t("other-terms"), [t for t in terms if not vocabulary.is_class(t) and not vocabulary.is_property(t)]),
        ]
    parts = [header, f"<p class='formats'>{_esc(site.t('download'))}: {downloads}</p>"]
    for heading, terms in groups:
        if not terms:
            continue
        parts.append(f"<h2>{_esc(heading)}</h2><ul class='terms'>")
        for term in terms:
            comment = _comment(vocabulary, term, site.lang) if name == "ontology" else ""
            note = f" — {_esc(comment)}" if comment else ""
            parts.append(f"<li id='{_esc(local_name(term))}'>{_term_link(site, term)}{note}</li>")
        parts.append("</ul>")
    title = "Shapes" if name == "shapes" else "Vocabulary"
    head = "".join(
        f"<link rel='alternate' type='{f.media_type}' href='/{name}{f.extension}' title='{f.title}'>"
        for f in FORMATS.values()
        if not f.keeps_graphs
    )
    return layout(title, "".join(parts), head, site)


def _comment(vocabulary: Vocabulary, term: URIRef, lang: str) -> str:
    """The term's comment in ``lang``, else in English, else none."""
    comments = {c.language: str(c) for c in vocabulary.ontology.objects(term, RDFS.comment) if isinstance(c, Literal)}
    return comments.get(lang) or comments.get("en") or ""

"""The vocabulary served: every kgo: class and property and every SHACL shape
has a page under the served base (HTML, or any graph format by negotiation),
and the whole ontology and the whole shapes have stable URLs.

The ontology is the one the build used (its graph in the built dataset, axioms
skolemized); the shapes are read from the ontology folder, as the build read
them. Terms keep their IRIs (kg/namespaces.py fixes them whatever --base a
build is given); the server answers for them under its own base:
``/ontology/Person`` and ``/ontology#Person`` for kgo:Person, ``/shapes/PersonShape``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg.formats import FORMATS
from kg.namespaces import KGO, ONTOLOGY_GRAPH, SH, bind_prefixes
from kg.pipeline.build import load_turtle
from kg.query.describe import label
from kg.server.browse import class_href
from kg.server.pages import SHAPES, Site, alternates, layout

SKOLEM = "/.well-known/genid/"  # the ontology's axioms and lists, skolemized by the build
SHAPE_FILES = "shapes*.ttl"
# Keys of a property shape shown in their own columns, not among the constraints.
OWN_COLUMNS = {SH.path, SH.message, SH.name, SH.description}
PROPERTY_KINDS = ("Property",)  # any rdf:type whose local name ends so is a property


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def local_name(term: URIRef) -> str:
    return re.split(r"[#/]", str(term))[-1]


def _closure(graph: Graph, node: object) -> Graph:
    """The triples of ``node`` and of the blank or skolem nodes it reaches
    (restrictions, lists, nested shapes): its concise bounded description."""
    found = Graph()
    todo, seen = [node], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for p, o in graph.predicate_objects(current):
            found.add((current, p, o))
            if isinstance(o, BNode) or (isinstance(o, URIRef) and SKOLEM in o):
                todo.append(o)
    return found


@dataclass(frozen=True)
class Vocabulary:
    ontology: Graph
    shapes: Graph
    base: str

    @classmethod
    def load(cls, dataset: Dataset, ontology_dir: Path, base: str) -> Vocabulary:
        ontology = Graph()
        bind_prefixes(ontology, base)
        ontology += dataset.graph(ONTOLOGY_GRAPH)
        shapes = Graph()
        bind_prefixes(shapes, base)
        shapes.bind("kgs", SHAPES)
        for path in sorted(ontology_dir.glob(SHAPE_FILES)):
            shapes += load_turtle(path)
        ontology.bind("kgs", SHAPES)
        return cls(ontology, shapes, base)

    # --- what there is -------------------------------------------------------

    def terms(self) -> list[URIRef]:
        """Every kgo: term the ontology defines."""
        return sorted({s for s in self.ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(KGO))})

    def shape_names(self) -> list[URIRef]:
        return sorted(
            {s for s in self.shapes.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(SHAPES))}
            - {URIRef(str(SHAPES))}
        )

    def is_class(self, term: URIRef) -> bool:
        return any(t in (OWL.Class, RDFS.Class) for t in self.ontology.objects(term, RDF.type))

    def is_property(self, term: URIRef) -> bool:
        return any(local_name(t).endswith(PROPERTY_KINDS) for t in self.ontology.objects(term, RDF.type))

    def description(self, term: URIRef) -> Graph:
        graph = self.shapes if term.startswith(str(SHAPES)) else self.ontology
        found = _closure(graph, term)
        found.namespace_manager = graph.namespace_manager
        return found

    def whole(self, name: str) -> Graph:
        return self.shapes if name == "shapes" else self.ontology

    # --- relations between terms and shapes ----------------------------------

    def named(self, subject: object, predicate: URIRef) -> list[URIRef]:
        return sorted(o for o in self.ontology.objects(subject, predicate) if _is_named(o))

    def named_subjects(self, predicate: URIRef, obj: URIRef) -> list[URIRef]:
        return sorted(s for s in self.ontology.subjects(predicate, obj) if _is_named(s))

    def superclasses(self, term: URIRef) -> set[URIRef]:
        found, todo = set(), [term]
        while todo:
            for parent in self.named(todo.pop(), RDFS.subClassOf):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    def checking(self, term: URIRef) -> list[URIRef]:
        """Shapes whose targets take in the members of a class (its own or a
        superclass's), or the subjects or objects of a property."""
        classes = {term} | self.superclasses(term)
        return sorted(
            shape
            for shape in self.shape_names()
            if classes & set(self.shapes.objects(shape, SH.targetClass))
            or term in set(self.shapes.objects(shape, SH.targetSubjectsOf))
            or term in set(self.shapes.objects(shape, SH.targetObjectsOf))
        )

    def using(self, term: URIRef) -> list[URIRef]:
        """Shapes whose constraints name the term (a path, a class, a SPARQL pattern)."""
        checking = set(self.checking(term))
        prefixed = re.compile(rf"\bkgo:{re.escape(local_name(term))}\b|<{re.escape(str(term))}>")
        found = []
        for shape in self.shape_names():
            if shape in checking:
                continue
            closure = _closure(self.shapes, shape)
            named = {o for _, p, o in closure if p not in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)}
            texts = [str(o) for _, p, o in closure if p == SH.select]
            if term in named or any(prefixed.search(t) for t in texts):
                found.append(shape)
        return found


def _is_named(node: object) -> bool:
    return isinstance(node, URIRef) and SKOLEM not in node


# --- pages -----------------------------------------------------------------------


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
        parts.append(f"<h2>Comment</h2><table class='labels'>{comments}</table>")
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
        parts.append(f"<p><a href='{_esc(class_href(site, term))}'>{members} entities of this class</a></p>")
    parts.append(_turtle(site, vocabulary.description(term)))
    return layout(title, "".join(parts), head)


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
    parts.append(f"<h2>What it checks</h2><div class='scroll'><table class='results'>{rows}</table></div>")
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
            "<h2>Property constraints</h2><div class='scroll'><table class='results'><thead><tr>"
            "<th scope='col'>path</th><th scope='col'>constraints</th><th scope='col'>message</th></tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table></div>"
        )
    for constraint in sorted(graph.objects(shape, SH.sparql), key=str):
        message = " ".join(str(m) for m in graph.objects(constraint, SH.message))
        select = graph.value(constraint, SH.select)
        parts.append(f"<h2>SPARQL constraint</h2><p>{_esc(message)}</p><pre>{_esc(select or '')}</pre>")
    parts.append(_turtle(site, vocabulary.description(shape)))
    return layout(title, "".join(parts), head)


def index_page(site: Site, vocabulary: Vocabulary, name: str) -> str:
    """The whole ontology (or the whole shapes) as one document: each term
    with an anchor, so that ``…/ontology#Person`` lands on kgo:Person."""
    downloads = " · ".join(
        f"<a href='/{name}{f.extension}'>{f.title}</a>" for f in FORMATS.values() if not f.keeps_graphs
    )
    if name == "shapes":
        header = "<h1>Shapes</h1><p>The SHACL shapes every build is validated against.</p>"
        groups = [("Shapes", vocabulary.shape_names())]
    else:
        header = (
            f"<h1>{_esc(label(site.dataset, ONTOLOGY_GRAPH, site.lang))}</h1>"
            f"<table class='labels'>{_texts(vocabulary.ontology, ONTOLOGY_GRAPH, RDFS.comment)}</table>"
        )
        terms = vocabulary.terms()
        groups = [
            ("Classes", [t for t in terms if vocabulary.is_class(t)]),
            ("Properties", [t for t in terms if vocabulary.is_property(t)]),
            ("Other terms", [t for t in terms if not vocabulary.is_class(t) and not vocabulary.is_property(t)]),
        ]
    parts = [header, f"<p class='formats'>Download: {downloads}</p>"]
    for heading, terms in groups:
        if not terms:
            continue
        parts.append(f"<h2>{heading}</h2><ul class='terms'>")
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
    return layout(title, "".join(parts), head)


def _comment(vocabulary: Vocabulary, term: URIRef, lang: str) -> str:
    """The term's comment in ``lang``, else in English, else none."""
    comments = {c.language: str(c) for c in vocabulary.ontology.objects(term, RDFS.comment) if isinstance(c, Literal)}
    return comments.get(lang) or comments.get("en") or ""

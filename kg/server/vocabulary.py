"""The vocabulary served: every kgo: class and property and every SHACL shape,
how they relate (kg/server/vocabulary_pages.py draws them), and the whole
ontology and the whole shapes.

The ontology is the one the build used (its graph in the built dataset, axioms
skolemized); the shapes are read from the ontology folder, as the build read
them. Terms keep their IRIs (kg/namespaces.py fixes them whatever --base a
build is given); the server answers for them under its own base:
``/ontology/Person`` and ``/ontology#Person`` for kgo:Person, ``/shapes/PersonShape``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.namespaces import KGO, ONTOLOGY_GRAPH, SH, bind_prefixes
from kg.pipeline.build import load_turtle
from kg.server.pages import SHAPES

SKOLEM = "/.well-known/genid/"  # the ontology's axioms and lists, skolemized by the build
SHAPE_FILES = "shapes*.ttl"
PROPERTY_KINDS = ("Property",)  # any rdf:type whose local name ends so is a property


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
        return sorted(o for o in self.ontology.objects(subject, predicate) if is_named(o))

    def named_subjects(self, predicate: URIRef, obj: URIRef) -> list[URIRef]:
        return sorted(s for s in self.ontology.subjects(predicate, obj) if is_named(s))

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


def is_named(node: object) -> bool:
    return isinstance(node, URIRef) and SKOLEM not in node

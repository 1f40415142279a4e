"""Vocabularies and graph names, each defined once so every output shares them."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD

DEFAULT_BASE = "https://kg.example.org/"
KGO = Namespace("https://kg.example.org/ontology#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
CV = Namespace("http://data.europa.eu/m8g/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

# The ontology's own graph and skolem IRIs stay under the ontology's
# namespace whatever --base a build is given: they name the vocabulary, not data.
ONTOLOGY_GRAPH = URIRef("https://kg.example.org/ontology")
SKOLEM_AUTHORITY = "https://kg.example.org"

PREFIXES: dict[str, Namespace] = {
    "kgo": KGO,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "org": Namespace(str(ORG)),
    "schema": SCHEMA,
    "skos": Namespace(str(SKOS)),
    "time": Namespace(str(TIME)),
    "qb": Namespace(str(QB)),
    "sdmx-dimension": SDMX_DIMENSION,
    "sdmx-measure": SDMX_MEASURE,
    "eli": ELI,
    "cv": CV,
    "sem": SEM,
    "oa": OA,
    "wd": WD,
    "sh": SH,
}


def bind_prefixes(graph: Graph, base: str) -> None:
    """Bind our prefixes, replacing rdflib's defaults so output is stable."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("kg", Namespace(base), override=True, replace=True)


def expand(name: str) -> str:
    """Expand a prefixed name (``skos:exactMatch``) or a bare ontology term."""
    prefix, sep, local = name.partition(":")
    if not sep:
        return str(KGO[name])
    if prefix not in PREFIXES:
        raise KeyError(prefix)
    return str(PREFIXES[prefix][local])


@dataclass(frozen=True)
class GraphNames:
    """The named graphs of one build (and the reasoning run), all under the configured base."""

    base: str

    @property
    def entities(self) -> URIRef:
        return URIRef(f"{self.base}graph/entities")

    @property
    def provenance(self) -> URIRef:
        return URIRef(f"{self.base}graph/provenance")

    @property
    def reference(self) -> URIRef:
        return URIRef(f"{self.base}graph/reference")

    @property
    def corroboration(self) -> URIRef:
        """Links between statements that agree or disagree, made by the corroboration rules."""
        return URIRef(f"{self.base}graph/corroboration")

    @property
    def about_statements(self) -> tuple[URIRef, URIRef]:
        """The graphs about statements rather than things (provenance and the
        corroboration links), which reasoning leaves out."""
        return (self.provenance, self.corroboration)

    @property
    def inferred(self) -> URIRef:
        return URIRef(f"{self.base}graph/inferred")

    @property
    def reasoning(self) -> URIRef:
        """The activity that generated the inferred graph."""
        return URIRef(f"{self.base}activity/owl-rl-reasoning")

    @property
    def article_prefix(self) -> str:
        return f"{self.base}graph/article/"

    def article(self, article_id: str) -> URIRef:
        """``article_id`` is the article's entity id, ``article/<name>``."""
        return URIRef(f"{self.base}graph/{article_id}")

    def is_article(self, name: str) -> bool:
        return name.startswith(self.article_prefix)

"""The one registry of RDF formats: what the CLI offers, the server negotiates,
VoID describes and the build dumps all come from ``FORMATS``.

Every writer is deterministic: equal graphs give equal bytes. A format that
keeps named graphs writes a dataset; any other writes the union of its graphs.
Adding a format is one entry here (the tests enumerate the registry across
the CLI, the server and VoID).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.formats.jsonld import jsonld
from kg.formats.ntriples import nquads, ntriples_of
from kg.formats.rdfxml import rdfxml
from kg.formats.turtle import trig, turtle
from kg.namespaces import bind_prefixes
from kg.rdf import union_graph


class ContentTyped:
    """A format's Content-Type header: text/* types name their charset."""

    media_type: str
    charset: bool

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type


@dataclass(frozen=True)
class RdfFormat(ContentTyped):
    name: str  # what --format takes
    title: str
    media_type: str
    extension: str
    keeps_graphs: bool
    parser: str  # rdflib's name for reading it back
    write: Callable  # (Graph, base) -> bytes, or (Dataset, base) -> bytes where keeps_graphs
    charset: bool = False


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("ttl", "Turtle", "text/turtle", ".ttl", False, "turtle", lambda g, b: turtle(g), charset=True),
        RdfFormat("nt", "N-Triples", "application/n-triples", ".nt", False, "nt", lambda g, b: ntriples_of(g)),
        RdfFormat("jsonld", "JSON-LD", "application/ld+json", ".jsonld", False, "json-ld", jsonld),
        RdfFormat("xml", "RDF/XML", "application/rdf+xml", ".rdf", False, "xml", lambda g, b: rdfxml(g)),
        RdfFormat("nq", "N-Quads", "application/n-quads", ".nq", True, "nquads", lambda d, b: nquads(d)),
        RdfFormat("trig", "TriG", "application/trig", ".trig", True, "trig", lambda d, b: trig(d)),
    )
}
MEDIA_TYPES = {f.media_type: f for f in FORMATS.values()}
EXTENSIONS = {f.extension: f for f in FORMATS.values()}


def serialize(data: Graph | Dataset, name: str, base: str) -> bytes:
    """``data`` in format ``name``: a graph goes into a dataset's default graph,
    a dataset into a graph format as the union of its graphs."""
    fmt = FORMATS[name]
    if fmt.keeps_graphs:
        if not isinstance(data, Dataset):
            dataset = Dataset()
            bind_prefixes(dataset, base)
            default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
            default += data
            data = dataset
        return fmt.write(data, base)
    graph = union_graph(data, base) if isinstance(data, Dataset) else data
    return fmt.write(graph, base)

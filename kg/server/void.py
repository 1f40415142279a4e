"""A VoID and DCAT description of the served dataset, with its dumps."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from kg.formats import EXTENSIONS
from kg.namespaces import bind_prefixes

SPDX = Namespace("http://spdx.org/rdf/terms#")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
IANA = "https://www.iana.org/assignments/media-types/"
DUMP_STEMS = ("kg", "inferred")  # the whole asserted graph, and what reasoning adds


def dump_files(build_dir: Path) -> dict[str, str]:
    """The dump files present, by name, with their media types: every file the
    build wrote of the whole graph or the inferred one, in any registered format."""
    return {
        path.name: EXTENSIONS[path.suffix].media_type
        for path in sorted(build_dir.iterdir())
        if path.stem in DUMP_STEMS and path.suffix in EXTENSIONS and path.is_file()
    }


# What VoID counts, each over the union of the graphs (every triple once).
COUNTS = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "entities": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), {base})) }",
    "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
    "subjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
}


def counts(store: pyoxigraph.Store, base: str) -> dict[str, int]:
    """The dataset's sizes for VoID, counted by the store."""
    found = {}
    for name, text in COUNTS.items():
        [row] = store.query(text.replace("{base}", Literal(base).n3()))
        found[name] = int(row["n"].value)
    return found


def checksums(build_dir: Path, names: list[str]) -> dict[str, tuple[int, str]]:
    """Each dump's size and SHA-256, read once."""
    found = {}
    for name in names:
        digest, size = hashlib.sha256(), 0
        with (build_dir / name).open("rb") as data:
            while chunk := data.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        found[name] = (size, digest.hexdigest())
    return found


def void_graph(sizes: dict[str, int], dumps: dict[str, str], sums: dict[str, tuple[int, str]], base: str) -> Graph:
    """VoID and DCAT of the dataset (``sizes`` from ``counts``) and of the
    ``dumps`` (name: media type; ``sums`` from ``checksums``)."""
    graph = Graph()
    bind_prefixes(graph, base)
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    graph.bind("spdx", SPDX)
    node = URIRef(f"{base}void")
    graph.add((node, RDF.type, VOID.Dataset))
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.title, Literal("Kazakh anti-corruption news knowledge graph", lang="en")))
    graph.add((node, DCTERMS.title, Literal("Қазақстандағы жемқорлыққа қарсы жаңалықтар графы", lang="kk")))
    graph.add((node, DCTERMS.license, LICENSE))
    graph.add((node, VOID.triples, Literal(sizes["triples"], datatype=XSD.integer)))
    graph.add((node, VOID.entities, Literal(sizes["entities"], datatype=XSD.integer)))
    graph.add((node, VOID.classes, Literal(sizes["classes"], datatype=XSD.integer)))
    graph.add((node, VOID.distinctSubjects, Literal(sizes["subjects"], datatype=XSD.integer)))
    graph.add((node, VOID.uriSpace, Literal(base)))
    graph.add((node, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    for name, media_type in sorted(dumps.items()):
        size, sha256 = sums[name]
        url = URIRef(f"{base}dumps/{name}")
        distribution = URIRef(f"{base}void/distribution/{name}")
        checksum = URIRef(f"{distribution}/checksum")
        graph.add((node, VOID.dataDump, url))
        graph.add((node, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef(IANA + media_type)))
        graph.add((distribution, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
        graph.add((distribution, DCTERMS.license, LICENSE))
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    return graph

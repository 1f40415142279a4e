"""A VoID and DCAT description of the served dataset, with its dumps."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
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


def void_graph(dataset: Dataset, build_dir: Path, base: str) -> Graph:
    graph = Graph()
    bind_prefixes(graph, base)
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    graph.bind("spdx", SPDX)
    node = URIRef(f"{base}void")
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    subjects = {s for s, _, _ in triples}
    classes = {o for _, p, o in triples if p == RDF.type}
    entities = {s for s in subjects if isinstance(s, URIRef) and s.startswith(base)}
    graph.add((node, RDF.type, VOID.Dataset))
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.title, Literal("Kazakh anti-corruption news knowledge graph", lang="en")))
    graph.add((node, DCTERMS.title, Literal("Қазақстандағы жемқорлыққа қарсы жаңалықтар графы", lang="kk")))
    graph.add((node, DCTERMS.license, LICENSE))
    graph.add((node, VOID.triples, Literal(len(triples), datatype=XSD.integer)))
    graph.add((node, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    graph.add((node, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    graph.add((node, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)))
    graph.add((node, VOID.uriSpace, Literal(base)))
    graph.add((node, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    for name, media_type in sorted(dump_files(build_dir).items()):
        data = (build_dir / name).read_bytes()
        url = URIRef(f"{base}dumps/{name}")
        distribution = URIRef(f"{base}void/distribution/{name}")
        checksum = URIRef(f"{distribution}/checksum")
        graph.add((node, VOID.dataDump, url))
        graph.add((node, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef(IANA + media_type)))
        graph.add((distribution, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        graph.add((distribution, DCTERMS.license, LICENSE))
        graph.add((distribution, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))
    return graph

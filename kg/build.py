"""The build pipeline: sources → compile → validate → write."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import RDF

from kg.compile import GraphNames, compile_dataset, union_graph
from kg.errors import KGError, SourceError, ValidationError
from kg.formats import nquads, ntriples, turtle
from kg.namespaces import KGO, OA
from kg.output import write_outputs
from kg.sources import load_sources
from kg.validate import Report, validate

ONTOLOGY_GRAPH = URIRef("https://kg.example.org/ontology")


@dataclass(frozen=True)
class Paths:
    data: Path = Path("data")
    ontology: Path = Path("ontology")
    out: Path = Path("build")


@dataclass(frozen=True)
class BuildResult:
    dataset: Dataset
    graph: Graph
    report: Report
    summary: dict


def check_base(base: str) -> str:
    if not base.startswith(("http://", "https://")) or not base.endswith("/"):
        raise KGError(f"base IRI must be an http(s) URL ending in '/', got {base!r}")
    return base


def load_turtle(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except (SyntaxError, ParserError, ValueError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise SourceError(f"{path}: malformed Turtle: {first_line}") from None
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not valid UTF-8 at byte {error.start}") from None
    return graph


def summarize(dataset: Dataset, graph: Graph, base: str) -> dict:
    names = GraphNames(base)
    entities = dataset.graph(names.entities)
    classes = Counter(graph.namespace_manager.normalizeUri(cls) for cls in entities.objects(None, RDF.type))
    facts = sum(
        len(dataset.graph(name))
        for name in dataset.graphs()
        if str(name.identifier).startswith(f"{base}graph/article/")
    )
    return {
        "base": base,
        "triples": len(graph),
        "entities": sum(classes.values()),
        "entities_by_class": dict(sorted(classes.items())),
        "facts": facts,
        "outside_facts": sum(1 for _ in dataset.graph(names.reference).subjects(RDF.type, KGO.Statement)),
        "statements": len(set(graph.subjects(RDF.type, KGO.Statement))),
        "evidence_spans": len(set(graph.subjects(RDF.type, KGO.Evidence))),
        "mentions": len(set(graph.subjects(RDF.type, OA.Annotation))),
    }


def build(paths: Paths, base: str, progress: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Compile, validate and write the KG; on any failure nothing is written."""
    check_base(base)
    progress(f"reading sources from {paths.data}/ and {paths.ontology}/")
    sources = load_sources(paths.data)
    ontology = load_turtle(paths.ontology / "kg.ttl")
    shapes = load_turtle(paths.ontology / "shapes.ttl")
    progress("compiling facts, statements and evidence")
    dataset = compile_dataset(sources, ontology, base)
    graph = union_graph(dataset, base)
    progress(f"validating {len(graph)} triples against {paths.ontology / 'shapes.ttl'}")
    report = validate(graph, shapes, ontology)
    if not report.conforms:
        raise ValidationError(
            f"{len(report.violations)} SHACL violation(s); {paths.out}/ left unchanged",
            [str(v) for v in report.violations],
        )
    summary = summarize(dataset, graph, base)
    # Ship the ontology as a named graph of its own, so that the output is
    # self-describing (labels of classes and properties) in any triple store.
    dataset.graph(ONTOLOGY_GRAPH).__iadd__(ontology)
    graph += ontology
    summary["ontology_triples"] = len(ontology)
    progress(f"writing {paths.out}/")
    write_outputs(
        paths.out,
        {
            "kg.ttl": turtle(graph),
            "kg.nt": ntriples(graph),
            "kg.nq": nquads(dataset),
            "shacl-report.ttl": turtle(report.graph),
            "summary.json": (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode(),
        },
    )
    return BuildResult(dataset, graph, report, summary)

"""Benchmarks: each stage of our pipeline beside the plain stack and pyoxigraph.

Every corpus size runs in a fresh process, so that peak RSS is that size's own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.corpus import generate
from kg.errors import KGError

Stage = tuple[str, float, int]  # name, seconds, triples handled


def _timed(stages: list[Stage], name: str, triples: Callable[[object], int], work: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = work()
    stages.append((name, time.perf_counter() - start, triples(result)))
    return result


def measure(data: Path, ontology: Path, out: Path, queries: Path) -> dict:
    """Time each stage for one corpus (in this process) and return the figures."""
    import owlrl
    import pyoxigraph
    from pyshacl import validate as plain_validate
    from rdflib import Graph

    from kg.build import Paths, build, load_ontology, load_turtle
    from kg.built import load_built
    from kg.compile import compile_dataset, union_graph
    from kg.namespaces import DEFAULT_BASE
    from kg.queries import catalogue, run, with_lang
    from kg.reason import reason, reasoning_input
    from kg.sources import load_sources
    from kg.validate import validate

    ours: list[Stage] = []
    ontology_graph = load_ontology(ontology / "kg.ttl")
    shapes = load_turtle(ontology / "shapes.ttl")
    dataset = _timed(ours, "compile", len, lambda: compile_dataset(load_sources(data), ontology_graph, DEFAULT_BASE))
    graph = union_graph(dataset, DEFAULT_BASE)
    _timed(ours, "validate", lambda _: len(graph), lambda: validate(graph, shapes, ontology_graph))
    _timed(
        ours,
        "reason",
        lambda r: len(r.graph),
        lambda: reason(reasoning_input(dataset, DEFAULT_BASE), ontology_graph, DEFAULT_BASE),
    )
    start = time.perf_counter()
    build(Paths(data, ontology, out), DEFAULT_BASE)
    whole = time.perf_counter() - start
    named = catalogue(queries)
    built = load_built(out)
    texts = [with_lang(q.text, "en") for q in named.values()]
    _timed(ours, "queries", lambda _: len(built), lambda: [len(run(built, t, "en")) for t in texts])

    plain: list[Stage] = []
    nt = out / "kg.nt"
    plain_graph = _timed(plain, "parse", len, lambda: Graph().parse(nt, format="nt"))
    _timed(
        plain,
        "validate",
        lambda _: len(plain_graph),
        lambda: plain_validate(plain_graph, shacl_graph=shapes, ont_graph=ontology_graph, advanced=True),
    )
    _timed(plain, "reason", len, lambda: _owlrl(plain_graph, owlrl))

    anchor: list[Stage] = []
    _timed(
        anchor,
        "reason",
        lambda r: len(r.graph),
        lambda: reason(reasoning_input(dataset, DEFAULT_BASE), ontology_graph, DEFAULT_BASE, "reasonable"),
    )
    store = pyoxigraph.Store()
    _timed(
        anchor,
        "load",
        lambda _: len(store),
        lambda: store.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES),
    )
    _timed(anchor, "queries", lambda _: len(store), lambda: [list(store.query(t)) for t in texts])
    return {
        "triples": len(graph),
        "ours": ours,
        "whole_build": whole,
        "plain": plain,
        "pyoxigraph": anchor,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _owlrl(graph, owlrl) -> object:
    closure = graph.__class__()
    closure += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    return closure


def run_size(articles: int, data_dir: Path, ontology: Path, queries: Path) -> dict:
    """Generate a corpus of ``articles`` and measure it in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate(data_dir, Path(tmp), articles)
        code = (
            "import json, sys; from pathlib import Path; from kg.bench import measure; "
            "print(json.dumps(measure(*(Path(a) for a in sys.argv[1:]))))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, str(corpus), str(ontology), str(Path(tmp) / "build"), str(queries)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            last = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no output"
            raise KGError(f"benchmark of {articles} article(s) failed: {last} (pip install -e '.[bench]')")
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        figures["articles"] = articles
        return figures


def table(rows: list[dict]) -> str:
    lines = [
        "| articles | triples | stage | ours (s) | plain stack (s) | Rust anchor (s) | triples/s (ours) |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ours = {name: seconds for name, seconds, _ in row["ours"]}
        plain = {name: seconds for name, seconds, _ in row["plain"]}
        oxi = {name: seconds for name, seconds, _ in row["pyoxigraph"]}
        # The Rust anchors: pyoxigraph loads and queries, reasonable reasons.
        pairs = [
            ("compile", "parse", "load"),
            ("validate", "validate", None),
            ("reason", "reason", "reason"),
            ("queries", None, "queries"),
        ]
        for stage, plain_stage, oxi_stage in pairs:
            mine = ours.get(stage, 0.0)
            rate = row["triples"] / mine if mine else 0
            lines.append(
                f"| {row['articles']} | {row['triples']} | {stage} | {mine:.2f} | "
                f"{plain.get(plain_stage, float('nan')) if plain_stage else float('nan'):.2f} | "
                f"{oxi.get(oxi_stage, float('nan')) if oxi_stage else float('nan'):.2f} | {rate:,.0f} |"
            )
    return "\n".join(lines) + "\n"


def summary_line(row: dict) -> str:
    ours = row["whole_build"]
    plain = sum(seconds for _, seconds, _ in row["plain"])
    return (
        f"pipeline {row['articles']} articles: {ours:.2f} s; plain stack: {plain:.2f} s; "
        f"ratio {ours / plain if plain else float('nan'):.2f}; peak RSS {row['peak_rss_mib']:.0f} MiB"
    )

"""Benchmarks: our pipeline beside the plain stack and the Rust anchors.

Each measurement runs in a fresh process, so that peak RSS is its own: the
whole `kg build` (fast engines), our stages one by one, pyoxigraph's load and
queries, and the plain stack (rdflib + pyshacl + owlrl); the last two stop at
a time budget.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.bench.corpus import generate
from kg.bench.read import measure_build
from kg.errors import KGError

Stage = tuple[str, float]  # name, seconds


def _timed(stages: list[Stage], name: str, work: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = work()
    stages.append((name, time.perf_counter() - start))
    return result


def measure_stages(data: Path, ontology: Path, out: Path, queries: Path) -> dict:
    """Our stages one by one on the corpus at ``data`` (``out`` is its build)."""
    from kg.pipeline.build import collector_paused

    with collector_paused():  # as kg build runs them
        return _stages(data, ontology, out, queries)


def _stages(data: Path, ontology: Path, out: Path, queries: Path) -> dict:
    from rdflib import Graph

    from kg.artifacts import open_store
    from kg.formats.ntriples import ntriples_of
    from kg.namespaces import DEFAULT_BASE
    from kg.pipeline.build import load_ontology, load_turtle
    from kg.pipeline.compile import compile_quads
    from kg.pipeline.reason import reason, reasoning_input
    from kg.pipeline.sources import load_sources
    from kg.pipeline.validate import validate
    from kg.query.named import catalogue
    from kg.query.run import run_store

    ontology_graph = load_ontology(ontology / "kg.ttl")
    shapes = load_turtle(ontology / "shapes.ttl")
    ours: list[Stage] = []
    quads = _timed(ours, "compile", lambda: compile_quads(load_sources(data), ontology_graph, DEFAULT_BASE))
    triples = set().union(*quads.values())
    asserted = ntriples_of(triples | set(ontology_graph))
    _timed(ours, "validate", lambda: validate(Graph(), shapes, ontology_graph, validator="rudof", ntriples=asserted))
    facts = reasoning_input(quads, DEFAULT_BASE)
    _timed(ours, "reason", lambda: reason(facts, ontology_graph, DEFAULT_BASE, "reasonable"))
    texts = [q.text for q in catalogue(queries).values()]
    store = _timed(ours, "load for queries", lambda: open_store(out, "asserted"))
    _timed(ours, "queries", lambda: [len(run_store(store, text, "en")) for text in texts])

    return {"triples": len(triples), "ours": ours}


def measure_anchor(out: Path, queries: Path) -> None:
    """pyoxigraph on kg.nq, printing each stage's figures as it ends."""
    import pyoxigraph

    from kg.query.named import catalogue
    from kg.query.run import with_lang

    store = pyoxigraph.Store()
    _printed("load for queries", lambda: store.bulk_load(path=str(out / "kg.nq"), format=pyoxigraph.RdfFormat.N_QUADS))
    finals = [with_lang(q.text, "en") for q in catalogue(queries).values()]
    _printed("queries", lambda: [len(list(store.query(f, use_default_graph_as_union=True))) for f in finals])


def _printed(name: str, work: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = work()
    print(json.dumps([name, time.perf_counter() - start]), flush=True)
    return result


def measure_plain(out: Path, ontology: Path, queries: Path) -> None:
    """The plain stack on kg.nt, printing each stage's figures as it ends."""
    import owlrl
    from pyshacl import validate
    from rdflib import Graph

    from kg.artifacts import load_built
    from kg.pipeline.build import load_ontology, load_turtle
    from kg.query.named import catalogue
    from kg.query.run import run

    ontology_graph = load_ontology(ontology / "kg.ttl")
    shapes = load_turtle(ontology / "shapes.ttl")

    graph = _printed("parse", lambda: Graph().parse(out / "kg.nt", format="nt"))
    _printed("validate", lambda: validate(graph, shacl_graph=shapes, ont_graph=ontology_graph, advanced=True))
    _printed("reason", lambda: owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph))
    texts = [q.text for q in catalogue(queries).values()]
    dataset = _printed("load for queries", lambda: load_built(out, "asserted"))
    _printed("queries", lambda: [len(run(dataset, text, "en")) for text in texts])


def _python(code: str, *args: object) -> list[str]:
    return [sys.executable, "-c", code, *(str(a) for a in args)]


def _build(corpus: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of `kg build` with the fast engines."""
    command = [sys.executable, "-m", "kg", "build", "-q", "--data", corpus, "-o", out, "--reasoner", "reasonable"]
    start = time.perf_counter()
    process = subprocess.Popen([str(c) for c in [*command, "--validator", "rudof"]])
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise KGError(f"kg build of {corpus} failed (exit {os.waitstatus_to_exitcode(status)})")
    return seconds, usage.ru_maxrss / 1024


def _within_budget(function: str, args: list[Path], budget: float) -> tuple[list[Stage], bool]:
    """The stages that ``function`` (of this module, in a process of its own)
    finished within ``budget`` seconds, and whether it finished them all."""
    code = (
        "import sys; from pathlib import Path; from kg.bench import measure; "
        f"measure.{function}(*map(Path, sys.argv[1:]))"
    )
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(_python(code, *args), stdout=log, stderr=subprocess.DEVNULL)
        try:
            finished = process.wait(timeout=budget) == 0
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            finished = False
        log.seek(0)
        return [tuple(json.loads(line)) for line in log if line.strip()], finished


def run_size(
    articles: int,
    facts: int | None,
    data_dir: Path,
    ontology: Path,
    queries: Path,
    budget: float,
    progress,
    read: tuple[str, int, int],
) -> dict:
    """Generate a corpus of ``articles`` and measure it: building it, then
    reading the build (``read``: the named query run cold, the clients and
    the rounds of kg.bench.read)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = generate(data_dir, Path(tmp), articles, facts), Path(tmp) / "build"
        progress(f"{articles} article(s): kg build")
        whole, rss = _build(corpus, out)
        progress(f"{articles} article(s): our stages")
        code = (
            "import json, sys; from pathlib import Path; from kg.bench.measure import measure_stages; "
            "print(json.dumps(measure_stages(*map(Path, sys.argv[1:]))))"
        )
        result = subprocess.run(_python(code, corpus, ontology, out, queries), capture_output=True, text=True)
        if result.returncode != 0:
            last = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no output"
            raise KGError(f"benchmark of {articles} article(s) failed: {last} (pip install -e '.[bench]')")
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        progress(f"{articles} article(s): pyoxigraph (at most {budget:.0f} s)")
        anchor, anchor_finished = _within_budget("measure_anchor", [out, queries], budget)
        progress(f"{articles} article(s): plain stack (at most {budget:.0f} s)")
        plain, finished = _within_budget("measure_plain", [out, ontology, queries], budget)
        progress(f"{articles} article(s): reading the build")
        reading = measure_build(out, queries, *read, lambda message: progress(f"{articles} article(s): {message}"))
    return {
        "read": reading,
        **figures,
        "articles": articles,
        "whole_build": whole,
        "peak_rss_mib": rss,
        "anchor": anchor,
        "anchor_finished": anchor_finished,
        "plain": plain,
        "plain_finished": finished,
        "budget": budget,
    }


def _seconds(stages: list, name: str, budget: float | None = None) -> str:
    """A stage's seconds; "> budget" if its process was stopped before it ended."""
    found = [seconds for stage, seconds in stages if stage == name]
    return f"{found[0]:.2f}" if found else f"> {budget:.0f}" if budget is not None else "–"


def table(rows: list[dict]) -> str:
    lines = [
        "| articles | triples | stage | ours (s) | plain stack (s) | Rust anchor (s) | triples/s (ours) |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    # Stage name in our pipeline, in the plain stack, and in the anchors.
    pairs = [
        ("compile", "parse", None),
        ("validate", "validate", None),
        ("reason", "reason", None),
        ("load for queries", "load for queries", "load for queries"),
        ("queries", "queries", "queries"),
    ]
    for row in rows:
        for ours, plain, anchor in pairs:
            seconds = dict(row["ours"])[ours]
            rust = "(ours)" if ours in ("validate", "reason") else "–"
            if anchor:
                rust = _seconds(row["anchor"], anchor, _cut(row, "anchor"))
            lines.append(
                f"| {row['articles']} | {row['triples']:,} | {ours} | {seconds:.2f} "
                f"| {_seconds(row['plain'], plain, _cut(row, 'plain'))} "
                f"| {rust} | {row['triples'] / seconds:,.0f} |"
            )
        lines.append(
            f"| {row['articles']} | {row['triples']:,} | **whole build** | **{row['whole_build']:.2f}** | "
            f"{_plain_total(row)} | – | {row['triples'] / row['whole_build']:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def _cut(row: dict, part: str) -> float | None:
    """The budget, if ``part`` (anchor or plain) was stopped at it."""
    return None if row[f"{part}_finished"] else row["budget"]


def _plain_total(row: dict) -> str:
    total = sum(seconds for _, seconds in row["plain"])
    return f"{total:.2f}" if row["plain_finished"] else f"> {row['budget']:.0f}"


def summary_line(row: dict) -> str:
    ours = row["whole_build"]
    plain = sum(seconds for _, seconds in row["plain"]) if row["plain_finished"] else row["budget"]
    ratio = f"{ours / plain:.2f}" if row["plain_finished"] else f"< {ours / plain:.2f}"
    plain_text = f"{plain:.2f} s" if row["plain_finished"] else f"> {plain:.0f} s (stopped)"
    return (
        f"pipeline {row['articles']} articles: {ours:.2f} s; plain stack: {plain_text}; "
        f"ratio {ratio}; peak RSS {row['peak_rss_mib']:.0f} MiB"
    )

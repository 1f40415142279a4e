"""Wall time of the reasoning stage (owlrl OWL 2 RL) on the seed KG, beside the
whole build, median of several in-process runs.

Usage: python benchmarks/reason.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg.namespaces import DEFAULT_BASE
from kg.pipeline.build import Paths, build, load_ontology
from kg.pipeline.compile import compile_dataset
from kg.pipeline.reason import reason, reasoning_input
from kg.pipeline.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ontology = load_ontology(ROOT / "ontology" / "kg.ttl")
    dataset = compile_dataset(load_sources(ROOT / "data"), ontology, DEFAULT_BASE)
    facts = reasoning_input(dataset, DEFAULT_BASE)
    reasoning, builds = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        inference = reason(facts, ontology, DEFAULT_BASE)
        reasoning.append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.runs):
            start = time.perf_counter()
            build(Paths(ROOT / "data", ROOT / "ontology", Path(out)), DEFAULT_BASE)
            builds.append(time.perf_counter() - start)
    print(
        f"reasoning input: {len(facts)} fact triples + {len(ontology)} ontology triples; "
        f"inferred {len(inference.graph)} kept, {inference.dropped} dropped"
    )
    print(
        f"reasoning stage: median {statistics.median(reasoning):.3f} s "
        f"(min {min(reasoning):.3f}, max {max(reasoning):.3f}, {args.runs} runs)"
    )
    print(
        f"whole kg build:  median {statistics.median(builds):.3f} s "
        f"(min {min(builds):.3f}, max {max(builds):.3f}, {args.runs} runs)"
    )


if __name__ == "__main__":
    main()

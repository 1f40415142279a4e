"""What the query store that `kg build` writes (build/store/) saves: a synthetic
corpus is generated and built in a temporary folder, then the store is opened
and `kg query who-chaired` is run cold (a fresh process each run), once with
the store and once from a copy of the build without it (the dumps loaded in
memory, as before the store).

Usage: python benchmarks/store_open.py [--articles N] [--facts N] [--runs N]
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.artifacts import open_store  # noqa: E402 (after the path is set)
from kg.query.named import catalogue  # noqa: E402
from kg.query.run import run_store  # noqa: E402
from kg.store import STORE_DIR, query_store, write_with_store  # noqa: E402


def kg(*args: str) -> float:
    """Run kg in a process of its own and return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return time.perf_counter() - start


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return sorted(times)


def show(label: str, times: list[float]) -> None:
    spread = f" (min {times[0]:.3f}, max {times[-1]:.3f}, {len(times)} runs)" if len(times) > 1 else ""
    print(f"{label}: {statistics.median(times):.3f} s{spread}")


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def all_named_queries(open_it: Callable[[], tuple]) -> None:
    store, *scope = open_it()
    for query in catalogue(ROOT / "queries").values():
        run_store(store, query.text, "en", *scope)


def build_corpus(tmp: Path, articles: int, facts: int) -> Path:
    corpus = tmp / "corpus"
    kg("bench", "generate", "--articles", str(articles), "--facts", str(facts), "-o", str(corpus))
    engines = ("--reasoner", "reasonable", "--validator", "rudof")
    build = corpus / "build"
    show("kg build (store included)", [kg("build", "-q", "--data", str(corpus / "data"), *engines, "-o", str(build))])
    dumps = sum((build / name).stat().st_size for name in ("kg.nq", "kg.nt", "inferred.nq"))
    print(f"dumps loaded: {dumps / 2**20:.1f} MiB; store on disk: {size_of(build / STORE_DIR) / 2**20:.1f} MiB")
    return build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--facts", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-store-bench-") as tmp:
        build = build_corpus(Path(tmp), args.articles, args.facts)
        show("writing the store alone (again, from the dumps on disk)", timed(lambda: write_with_store(build, {}), 1))
        show("store open (read-only, dumps checked)", timed(lambda: query_store(build, "all"), args.runs))
        show("in-memory load of the dumps", timed(lambda: open_store(build, "all"), args.runs))
        on_disk, in_memory = (lambda: query_store(build, "all")), (lambda: (open_store(build, "all"),))
        show("21 named queries in one process, store open included", timed(lambda: all_named_queries(on_disk), 1))
        show("21 named queries in one process, load included", timed(lambda: all_named_queries(in_memory), 1))
        without = Path(tmp) / "without-store"
        shutil.copytree(build, without, ignore=shutil.ignore_patterns(STORE_DIR))
        for label, folder in (("with the store", build), ("with the in-memory load", without)):
            query = ("query", "who-chaired", "-f", "csv", "--build", str(folder))
            show(f"cold kg query who-chaired, {label}", sorted(kg(*query) for _ in range(args.runs)))


if __name__ == "__main__":
    main()

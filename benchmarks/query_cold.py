"""Cold wall time of `kg query NAME` on the built seed KG: a fresh process each run.

Usage: python benchmarks/query_cold.py [NAME ...] [--runs N]
Prints one line per query with the median and range of N runs (default 7).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_once(name: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "query", name, "-f", "csv"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=["who-chaired", "numbers", "claims-by-speaker"])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not (ROOT / "build" / "kg.nq").exists():
        subprocess.run([sys.executable, "-m", "kg", "build", "-q"], cwd=ROOT, check=True)
    for name in args.names:
        times = sorted(time_once(name) for _ in range(args.runs))
        print(
            f"kg query {name}: median {statistics.median(times):.3f} s "
            f"(min {times[0]:.3f}, max {times[-1]:.3f}, {args.runs} runs)"
        )


if __name__ == "__main__":
    main()

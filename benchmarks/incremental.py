"""Time `kg build` from nothing and again after a change, each in a fresh process.

    python benchmarks/incremental.py --seed            # the seed alone: median of 5
    python benchmarks/incremental.py --articles 1000   # a synthetic corpus

With --seed: the seed's data folder (as tests/fixtures.py copies it) built
with the default command `kg build --data SEED -o OUT -q`, five times into a
new folder and five times into the same one (the second and later builds
reuse the first's output, as a curator's do).

With --articles N: a corpus of `kg bench generate --facts 4` built with
--no-cache, then built again into the same folder after one article's label
is edited, after one of another article's mention forms is dropped (a change
reasoning cannot see), after nothing changed, and into a new folder with
--no-cache to check that the builds wrote the same bytes. Wall time (median where
repeated), the CPU time of the process and its threads, and the load
average (1 minute) as each run started: on a shared machine wall time
follows it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]
LOADS: list[float] = []  # the 1-minute load average as each run started


def timed(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one `kg` run in a process of its own; stops on failure."""
    LOADS.append(os.getloadavg()[0])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    ran = subprocess.run([*KG, *args], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if ran.returncode != 0:
        sys.exit(f"kg {' '.join(args)} failed: {ran.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def written(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".kg.lock"}


def show(what: str, runs: list[tuple[float, float]]) -> None:
    walls = ", ".join(f"{wall:.2f}" for wall, _ in runs)
    median = statistics.median(wall for wall, _ in runs)
    cpu = statistics.median(cpu for _, cpu in runs)
    load = ", ".join(f"{load:.1f}" for load in LOADS[-len(runs) :])
    print(f"{what}: median {median:.2f} s wall ({walls}), {cpu:.2f} s CPU, load average {load} at the start")


def seed(work: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures import copy_seed_data

    data = copy_seed_data(work / "seed")
    fresh = []
    for run in range(5):
        fresh.append(timed("build", "--data", str(data), "-o", str(work / f"new-{run}"), "-q"))
    again = [timed("build", "--data", str(data), "-o", str(work / "same"), "-q") for _ in range(5)]
    show("seed, into a new folder", fresh)
    show("seed, into the same folder (unchanged sources)", again)


def edit(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    number = int(article.stem.split("-")[1])
    label = f"#{number}'"
    if label not in text:
        sys.exit(f"{article}: no label ending {label}")
    article.write_text(text.replace(label, f"#{number} (edited)'"), encoding="utf-8")


def drop_mention(article: Path) -> None:
    """Drop the second form of the first entity the article mentions by two or more."""
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = lines.index("mentions:\n"), lines.index("facts:\n")
    second = next(
        (i for i in range(start, end - 1) if lines[i].startswith("  - ") and lines[i + 1].startswith("  - ")), None
    )
    if second is None:
        sys.exit(f"{article}: no entity mentioned by two forms")
    article.write_text("".join(lines[: second + 1] + lines[second + 2 :]), encoding="utf-8")


def corpus(work: Path, articles: int) -> None:
    generate = ["bench", "generate", "--articles", str(articles), "--facts", "4", "-o", str(work / "c")]
    subprocess.run([*KG, *generate], cwd=ROOT, check=True, capture_output=True)
    data, out = work / "c" / "data", work / "out"
    print(f"{articles} articles, {os.cpu_count()} cores")
    show("full build (--no-cache)", [timed("build", "--data", str(data), "-o", str(out), "-q", "--no-cache")])
    edit(sorted((data / "articles").glob("*.yaml"))[articles // 2])
    show("after one article changed", [timed("build", "--data", str(data), "-o", str(out), "-q")])
    drop_mention(sorted((data / "articles").glob("*.yaml"))[articles // 3])
    show("after one mention form dropped", [timed("build", "--data", str(data), "-o", str(out), "-q")])
    show("nothing changed", [timed("build", "--data", str(data), "-o", str(out), "-q")])
    reference = work / "reference"
    timed("build", "--data", str(data), "-o", str(reference), "-q", "--no-cache")
    print("same bytes as a full build:", "yes" if written(out) == written(reference) else "NO")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="time the seed alone")
    parser.add_argument("--articles", type=int, default=1000, help="corpus size [1000]")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-incremental-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        seed(work) if args.seed else corpus(work, args.articles)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

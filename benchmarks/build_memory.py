"""Peak memory of `kg build`, stage by stage (issue #19).

Runs one build in this process, samples its resident set size every few
milliseconds from a thread, and prints, for each stage the build announces
(its progress lines), the RSS when the stage began and the highest RSS seen
until the next one, then the whole run's peak (the kernel's count, which no
sampling misses) and its wall and CPU time. It asserts nothing.

    .venv/bin/kg bench generate --articles 1000 --facts 4 -o /tmp/c1000
    .venv/bin/python benchmarks/build_memory.py /tmp/c1000/data -o /tmp/c1000/build

Each stage starts where the last ended, so a stage's peak minus its start is
what it added on top of what was held. The validation of the asserted graph
runs in a thread beside the later stages: its memory shows in theirs.
"""

from __future__ import annotations

import argparse
import os
import resource
import threading
import time
from pathlib import Path

from kg.pipeline.build import Paths, build

PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1 << 20


def rss() -> int:
    """This process's resident set size, in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


class Sampler:
    """The highest RSS since the last mark, sampled from a thread."""

    def __init__(self, every: float = 0.005) -> None:
        self.every = every
        self.peak = rss()
        self.stages: list[tuple[str, float, int]] = []  # name, start time, start RSS
        self.peaks: list[int] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stopped.wait(self.every):
            self.peak = max(self.peak, rss())

    def mark(self, stage: str) -> None:
        now = rss()
        if self.stages:
            self.peaks.append(max(self.peak, now))
        self.peak = now
        self.stages.append((stage, time.perf_counter(), now))

    def stop(self) -> None:
        self.mark("end")
        self.stopped.set()
        self.thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the corpus's data/ folder")
    parser.add_argument("-o", "--out", type=Path, required=True, help="the build's output folder")
    parser.add_argument("--cache", action="store_true", help="reuse the previous build there, as kg build does")
    args = parser.parse_args()
    sampler = Sampler()
    sampler.thread.start()
    cpu, wall = time.process_time(), time.perf_counter()
    sampler.mark("start")
    build(Paths(data=args.data, out=args.out), "https://kg.example.org/", progress=sampler.mark, cache=args.cache)
    sampler.stop()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{'stage':<72} {'start MiB':>9} {'peak MiB':>9} {'s':>7}")
    for (stage, began, start), (_, ended, _), peak in zip(
        sampler.stages, sampler.stages[1:], sampler.peaks, strict=False
    ):
        print(f"{stage[:72]:<72} {start / MIB:>9.0f} {peak / MIB:>9.0f} {ended - began:>7.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"peak RSS {peak / MIB:.0f} MiB; wall {wall:.1f} s; CPU {cpu:.1f} s")


if __name__ == "__main__":
    main()

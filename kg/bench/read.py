"""The read side of the benchmarks: what a reader of a build waits for.

On one build: opening its query store, `kg query NAME` in a fresh process,
`kg serve` from start to its first answer, and the named queries sent by
concurrent clients (latency p50 and p99, throughput), with each server's
peak memory; beside `oxigraph serve-read-only` on the same dumps, loaded
with `oxigraph load`. Every figure is printed, none is checked.

Oxigraph's server is given kg.nq and inferred.nq (what our store
holds) with --union-default-graph: its default graph then counts a triple
once for each graph that holds it, where ours counts it once, so a query
over the default graph may find more rows there; the table says for how
many of the named queries the answers differ in size.

Long because each figure has its own way of being measured, and the table
that sets both servers side by side (with why and where requests failed)
must read them all.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from kg.errors import KGError

JSON = "application/sparql-results+json"
STARTUP_LIMIT = 600.0  # seconds a server may take to give its first answer
SERVE_TIMEOUT = 10.0  # kg serve's default --timeout, given to oxigraph serve too
REQUEST_LIMIT = 120.0  # seconds a client waits for one answer before it counts the request as failed


@dataclass
class Load:
    """Latencies of the named queries sent by concurrent clients, the number
    of rows each query found, and the requests that failed, counted by query
    and by why."""

    answered: dict[str, list[float]] = field(default_factory=dict)  # query: seconds of each answer
    wall: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    failed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (query, why): requests

    @property
    def seconds(self) -> list[float]:
        return [s for times in self.answered.values() for s in times]

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    def never_failed(self) -> set[str]:
        return set(self.answered) - {name for name, _ in self.failed}

    def p(self, percent: int, queries: set[str] | None = None) -> float:
        """The percentile of answers' latencies, of ``queries`` only if given."""
        ordered = sorted(
            s for name, times in self.answered.items() if queries is None or name in queries for s in times
        )
        return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))] if ordered else float("nan")

    def throughput(self) -> float:
        return len(self.seconds) / self.wall if self.wall else 0.0


@dataclass(frozen=True)
class Server:
    """How to start one server and send it a query."""

    name: str
    command: list[str]
    endpoint: str  # the query URL
    form: Callable[[str], dict]  # httpx request arguments for a query's text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ours(build: Path, port: int) -> Server:
    command = [sys.executable, "-m", "kg", "serve", "--build", str(build), "--port", str(port)]
    return Server(
        "kg serve",
        command,
        f"http://127.0.0.1:{port}/sparql",
        lambda text: {"data": {"query": text}, "headers": {"Accept": JSON}},
    )


def _oxigraph(location: Path, port: int) -> Server:
    command = [_oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    return Server(
        "oxigraph serve",
        # The same time limit as kg serve's default: a query past it fails on both.
        [*command, "--union-default-graph", "--timeout-s", str(int(SERVE_TIMEOUT))],
        f"http://127.0.0.1:{port}/query",
        lambda text: {
            "content": text.encode("utf-8"),
            "headers": {"Accept": JSON, "Content-Type": "application/sparql-query"},
        },
    )


def _oxigraph_binary() -> str:
    """The server of the oxigraph package (pip install -e '.[test]'), beside our Python or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise KGError("no oxigraph server found: pip install oxigraph (in the test extra)")
    return found


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        last = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no output"
        raise KGError(f"{' '.join(command[:4])} … failed: {last}")
    return time.perf_counter() - start


def store_open(build: Path) -> float:
    """Seconds to open the build's query store read-only, in a fresh process."""
    from kg.store import DATABASE_DIR, STORE_DIR

    code = (
        "import sys, time, pyoxigraph; start = time.perf_counter(); "
        "pyoxigraph.Store.read_only(sys.argv[1]); print(time.perf_counter() - start)"
    )
    path = build / STORE_DIR / DATABASE_DIR
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        raise KGError(f"{path}/ cannot be opened: run 'kg build' again")
    return float(result.stdout)


def cold_query(build: Path, name: str, queries: Path, times: int = 3) -> float:
    """Median seconds of `kg query NAME` in a fresh process."""
    command = [sys.executable, "-m", "kg", "query", name, "--build", str(build), "--queries", str(queries)]
    return statistics.median(_seconds([*command, "-f", "csv"]) for _ in range(times))


@contextmanager
def running(server: Server, first: str) -> Iterator[tuple[subprocess.Popen, float]]:
    """The server started, and the seconds until it answered ``first``; stopped after."""
    # Its messages go to a file: a pipe nobody reads would stop a server that writes many.
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(server.command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            yield process, _first_answer(server, process, first, start, log)
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _first_answer(server: Server, process: subprocess.Popen, text: str, start: float, log: IO[bytes]) -> float:
    with httpx.Client(timeout=STARTUP_LIMIT) as client:
        while time.perf_counter() - start < STARTUP_LIMIT:
            if process.poll() is not None:
                log.seek(0)
                raise KGError(f"{server.name} stopped: {log.read().decode(errors='replace')[-500:]}")
            try:
                if client.post(server.endpoint, **server.form(text)).status_code == 200:
                    return time.perf_counter() - start
            except httpx.TransportError:
                time.sleep(0.02)
    raise KGError(f"{server.name} gave no answer within {STARTUP_LIMIT:.0f} s")


def load(server: Server, texts: dict[str, str], clients: int, rounds: int) -> Load:
    """Every named query ``rounds`` times from each of ``clients`` clients at once."""
    found = Load()
    lock = threading.Lock()

    def client(offset: int) -> None:
        names = list(texts)
        with httpx.Client(timeout=REQUEST_LIMIT) as http:
            for turn in range(rounds * len(names)):
                name = names[(offset + turn) % len(names)]  # the clients ask different queries at once
                start = time.perf_counter()
                rows, why = _ask(http, server, texts[name])
                seconds = time.perf_counter() - start
                with lock:
                    if rows is None:
                        found.failed[name, why] += 1
                        continue
                    found.answered.setdefault(name, []).append(seconds)
                    found.rows[name] = rows

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found.wall = time.perf_counter() - start
    return found


def _ask(http: httpx.Client, server: Server, text: str) -> tuple[int | None, str]:
    """The rows of one answer, or None and why it failed. A 200 whose body is
    not SPARQL JSON failed too: oxigraph serve, stopping a query at its time
    limit, has already sent 200 and ends the body with its error message."""
    try:
        response = http.post(server.endpoint, **server.form(text))
    except httpx.HTTPError as error:
        return None, f"no answer ({type(error).__name__})"
    if response.status_code != 200:
        first = response.text.strip().splitlines()[0][:100] if response.text.strip() else ""
        return None, f"{response.status_code} {first}".strip()
    try:
        return len(response.json().get("results", {}).get("bindings", [])), ""
    except (ValueError, AttributeError):
        tail = response.text.rstrip()[-60:]
        return None, f"200 with a cut body ({tail})"


def peak_rss(pid: int) -> tuple[float, float]:
    """Peak RSS (MiB) of the process, and of it with its children (their
    pages shared with it counted in each)."""
    own = _high_water(pid)
    return own, own + sum(_high_water(child) for child in _children(pid))


def _high_water(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def measure_build(build: Path, queries: Path, name: str, clients: int, rounds: int, progress) -> dict:
    """Every read-side figure of the build at ``build``."""
    from kg.artifacts import ASSERTED_FILE, INFERRED_FILE
    from kg.query.named import catalogue
    from kg.query.run import with_lang

    texts = {n: with_lang(q.text, "en") for n, q in catalogue(queries).items()}
    if name not in texts:
        raise KGError(f"no named query {name!r} in {queries}/")
    figures: dict = {"store open": store_open(build)}
    progress(f"kg query {name}, cold")
    figures["cold query"] = cold_query(build, name, queries)
    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "oxigraph"
        dumps = [str(build / f) for f in (ASSERTED_FILE, INFERRED_FILE) if (build / f).exists()]
        progress("oxigraph load")
        figures["oxigraph load"] = _seconds([_oxigraph_binary(), "load", "--location", str(location), "--file", *dumps])
        for server in (_ours(build, _free_port()), _oxigraph(location, _free_port())):
            progress(f"{server.name}: start-up, then {clients} clients")
            with running(server, texts[name]) as (process, ready):
                figures[server.name] = {"ready": ready, "load": load(server, texts, clients, rounds)}
                figures[server.name]["rss"] = peak_rss(process.pid)
    return figures


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def read_table(rows: list[tuple[int | str, dict]], name: str, clients: int) -> str:
    """The figures of each build (labelled by its articles or its folder) as a Markdown table."""
    lines = [
        "| build | measure | kg | oxigraph serve |",
        "| --- | --- | ---: | ---: |",
    ]
    for label, f in rows:
        ours, theirs = f["kg serve"], f["oxigraph serve"]
        mine, other = ours["load"], theirs["load"]
        # Only the queries both servers answered: a failed request has no rows to compare.
        differing = sorted(n for n in mine.rows if n in other.rows and mine.rows[n] != other.rows[n])
        # Each server's p50 covers what it answered, so one that fails the heavy queries
        # looks fast; over the queries neither ever failed, like is compared with like.
        both = mine.never_failed() & other.never_failed()
        cells = [
            ("store open (s)", f"{f['store open']:.3f}", f"load: {f['oxigraph load']:.1f}"),
            (f"`kg query {name}` cold (s)", f"{f['cold query']:.2f}", "–"),
            ("start-up to first answer (s)", f"{ours['ready']:.2f}", f"{theirs['ready']:.2f}"),
            (f"named queries p50 (ms), {clients} clients", _ms(mine.p(50)), _ms(other.p(50))),
            (f"named queries p99 (ms), {clients} clients", _ms(mine.p(99)), _ms(other.p(99))),
            (
                f"p50 (ms) of the {len(both)} queries both always answered",
                _ms(mine.p(50, both)),
                _ms(other.p(50, both)),
            ),
            ("throughput (queries/s)", f"{mine.throughput():.1f}", f"{other.throughput():.1f}"),
            ("failed requests", str(mine.failures), str(other.failures)),
            ("failed requests: why", _why(mine), _why(other)),
            ("failed requests: which queries", _which(mine), _which(other)),
            ("peak RSS (MiB): server", f"{ours['rss'][0]:.0f}", f"{theirs['rss'][0]:.0f}"),
            ("peak RSS (MiB): with its workers", f"{ours['rss'][1]:.0f}", f"{theirs['rss'][1]:.0f}"),
            ("named queries whose row counts differ", str(len(differing)), ", ".join(differing) or "–"),
        ]
        lines += [f"| {label} | {what} | {a} | {b} |" for what, a, b in cells]
    return "\n".join(lines) + "\n"


def _why(found: Load) -> str:
    reasons: Counter[str] = Counter()
    for (_, why), count in found.failed.items():
        reasons[why] += count
    return _listed(reasons)


def _which(found: Load) -> str:
    names: Counter[str] = Counter()
    for (name, _), count in found.failed.items():
        names[name] += count
    return _listed(names)


def _listed(counts: Counter[str]) -> str:
    # Markdown cells: a | in a reason would split the cell.
    return "; ".join(f"{what.replace('|', '/')} ×{n}" for what, n in counts.most_common()) or "–"


NOTE = (
    "oxigraph serve: serve-read-only on kg.nq and inferred.nq loaded with `oxigraph load`, with "
    "--union-default-graph (there a triple in several graphs counts once per graph, in ours once) and the same "
    f"{SERVE_TIMEOUT:g} s time limit; peak RSS "
    "with workers counts the pages they share with the server once in each; {cpus} CPU(s), one run each.\n"
)

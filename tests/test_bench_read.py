"""`kg bench read` measures reading a build, beside Oxigraph's own server:
the rows are printed (their figures are never checked: timings are for
reading, not for asserting)."""

from __future__ import annotations

import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fixtures import ROOT, invoke
from kg.bench.read import Load, Server, load, read_table

ROWS = (
    "store open (s)",
    "`kg query who-chaired` cold (s)",
    "start-up to first answer (s)",
    "named queries p50 (ms), 2 clients",
    "named queries p99 (ms), 2 clients",
    "throughput (queries/s)",
    "failed requests",
    "peak RSS (MiB): server",
    "peak RSS (MiB): with its workers",
    "named queries whose row counts differ",
)
NUMBER = re.compile(r"\d+(\.\d+)?")


def test_kg_bench_read_prints_each_figure_for_kg_and_for_oxigraph_serve(good_output):
    result = invoke("bench", "read", "--build", str(good_output), "--clients", "2", "--rounds", "1", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = {cells[1]: cells[2:] for line in result.stdout.splitlines() if len(cells := line.split(" | ")) == 4}
    assert set(ROWS) <= set(rows), result.stdout
    for name in ROWS[:-1]:
        ours = rows[name][0]
        assert NUMBER.fullmatch(ours), (name, ours)
    for name in ROWS[2:-1]:
        theirs = rows[name][1].rstrip(" |")
        assert NUMBER.fullmatch(theirs), (name, theirs)
    assert "--union-default-graph" in result.stdout
    assert "kg: measuring kg serve" in result.stderr and "kg: measuring oxigraph serve" in result.stderr


class _Answers(BaseHTTPRequestHandler):
    """Answers a query by its text: ``ok`` with SPARQL JSON, ``cut`` as
    oxigraph serve does at its time limit (200, then its error in the body),
    ``slow`` as kg serve does (503)."""

    def do_POST(self) -> None:
        text = self.rfile.read(int(self.headers["Content-Length"])).decode()
        head = b'{"head":{"vars":["x"]},"results":{"bindings":['
        status, body = {
            "ok": (200, head + b'{"x":{"type":"literal","value":"1"}}]}}'),
            "cut": (200, head + b"The SPARQL operation has been cancelled"),
            "slow": (503, b"query stopped: it ran longer than the 10 s time limit\n"),
        }[text]
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_load_counts_a_cut_off_200_and_a_503_as_failed_and_sends_every_request():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        direct = Server("fake", [], url, lambda text: {"content": text.encode()})
        found = load(direct, {"a": "ok", "b": "cut", "c": "slow"}, clients=2, rounds=2)
    finally:
        server.shutdown()
        server.server_close()
    assert found.rows == {"a": 1}
    assert len(found.seconds) == 4  # a client meeting a cut body goes on asking
    assert found.failures == 8
    whys = {(name, why.split(" (")[0]) for name, why in found.failed}
    assert whys == {("b", "200 with a cut body"), ("c", "503 query stopped: it ran longer than the 10 s time limit")}
    table = read_table([("x", _figures(found))], "a", 2)
    which = next(line for line in table.splitlines() if "failed requests: which queries" in line)
    assert set(which.split(" | ")[2].split("; ")) == {"b ×4", "c ×4"}


def _figures(found) -> dict:
    server = {"ready": 0.0, "load": found, "rss": (0.0, 0.0)}
    return {"store open": 0.0, "cold query": 0.0, "oxigraph load": 0.0, "kg serve": server, "oxigraph serve": server}


def test_the_like_for_like_p50_counts_only_queries_neither_server_failed():
    ours = Load(answered={"light": [0.1, 0.1], "heavy": [9.0, 9.0]})
    theirs = Load(answered={"light": [0.3, 0.3], "heavy": [8.0]}, failed=Counter({("heavy", "timeout"): 1}))
    assert ours.p(50) == 9.0 and theirs.p(50) == 0.3  # each on what it answered: ours looks thirty times slower
    figures = _figures(ours)
    figures["oxigraph serve"] = {"ready": 0.0, "load": theirs, "rss": (0.0, 0.0)}
    row = next(line for line in read_table([("x", figures)], "a", 2).splitlines() if "both always answered" in line)
    assert row.split(" | ")[1:] == ["p50 (ms) of the 1 queries both always answered", "100.0", "300.0 |"]

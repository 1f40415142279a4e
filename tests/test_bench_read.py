"""`kg bench read` measures reading a build, beside Oxigraph's own server:
the rows are printed (their figures are never checked: timings are for
reading, not for asserting)."""

from __future__ import annotations

import re

from fixtures import ROOT, invoke

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

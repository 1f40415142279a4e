"""A bad day: broken files, interruptions, write errors and two builds at once."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.atomic
from fixtures import ROOT, digests, run_kg, seed_root
from kg.bench.corpus import generate
from kg.errors import OutputError
from kg.namespaces import DEFAULT_BASE
from kg.pipeline.build import Paths, build


def _one_line_error(result: subprocess.CompletedProcess, code: int, *needles: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(
    ("path", "content", "needles"),
    [
        ("data/articles/000_45cd44230e9f16be.txt", b"\xff\xfe not UTF-8", ("not valid UTF-8 at byte 0",)),
        ("data/articles/000_45cd44230e9f16be.txt", "Батыс Қазақстанда".encode(), ("SHA-256 is",)),
        ("data/entities.yaml", "person/x:\n  type: Person\n".encode("utf-16"), ("not valid UTF-8",)),
        ("data/entities.yaml", b"", ("expected a mapping of entity ids",)),
        ("ontology/kg.ttl", b"\xc3\x28 broken", ("ontology/kg.ttl", "UTF-8")),
        ("ontology/shapes.ttl", b"@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y", ("malformed Turtle",)),
        (
            "data/reference/outside-facts.yaml",
            b"facts:\n  - id: x\n    table: nope.csv\n    s: a/b\n    p: rank\n    value: 1\n",
            ("unknown reference table 'nope.csv'",),
        ),
    ],
)
def test_broken_files_fail_in_one_line_with_the_file_named(project_copy, path, content, needles):
    (project_copy / path).write_bytes(content)
    _one_line_error(run_kg("build", "-q", cwd=project_copy), 3, path.split("/")[-1], *needles)


def test_a_missing_file_is_named(project_copy):
    (project_copy / "ontology" / "shapes.ttl").unlink()
    _one_line_error(run_kg("build", "-q", cwd=project_copy), 3, "shapes.ttl: file not found")


def test_an_unknown_output_format_is_a_usage_error():
    result = run_kg("export", "-f", "rdfa", cwd=ROOT)
    assert result.returncode == 2
    assert "Invalid value for '-f' / '--format'" in result.stderr and "Traceback" not in result.stderr


def test_a_write_error_leaves_the_previous_output_and_no_temporary_files(tmp_path, monkeypatch):
    out = tmp_path / "build"
    build(Paths(seed_root() / "data", ROOT / "ontology", out), DEFAULT_BASE)
    before = digests(out)
    real_stage, calls = kg.atomic._stage, []

    def failing_stage(folder: Path, name: str, data: bytes) -> Path:
        calls.append(name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_stage(folder, name, data)

    monkeypatch.setattr(kg.atomic, "_stage", failing_stage)
    with pytest.raises(OutputError, match="No space left on device"):
        build(Paths(seed_root() / "data", ROOT / "ontology", out), DEFAULT_BASE)
    assert len(calls) == 3
    assert digests(out) == before
    assert not [p for p in out.iterdir() if p.suffix == ".tmp"]


def _start_build(cwd: Path) -> subprocess.Popen:
    # SIGINT as a terminal gives it: a shell's background job (as CI may run
    # the tests) ignores SIGINT, and a Python started so keeps ignoring it.
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "build"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for(process: subprocess.Popen, line: str) -> None:
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        text = process.stderr.readline()
        if line in text:
            return
        assert text, "build ended before the expected stage"
    raise AssertionError(f"no {line!r} within 120 s")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_leaves_the_previous_output(tmp_path, signum):
    # Twenty articles and the signal at validation: the build has seconds left
    # when it comes, even if this process reads the progress late on a busy machine.
    project = tmp_path / "project"
    generate(seed_root() / "data", project, 20, facts_per_article=4)
    shutil.copytree(ROOT / "ontology", project / "ontology")
    assert run_kg("build", "-q", cwd=project).returncode == 0
    before = digests(project / "build")
    process = _start_build(project)
    _wait_for(process, "validating")
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signum
    assert "outputs left as they were" in stderr and "Traceback" not in stderr
    assert digests(project / "build") == before


def test_a_second_build_into_the_same_folder_is_refused(project_copy):
    first = _start_build(project_copy)
    _wait_for(first, "compiling")
    second = run_kg("build", "-q", cwd=project_copy)
    _one_line_error(second, 5, "build/ is being written by another kg process")
    first.communicate(timeout=120)
    assert first.returncode == 0
    assert run_kg("build", "-q", cwd=project_copy).returncode == 0

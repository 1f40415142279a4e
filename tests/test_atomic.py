"""Outputs staged one at a time as they are made (kg.atomic.staging), renamed
into place together, or not at all: a build that fails while it writes a
dump leaves the previous build as it was and no temporary file behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import BinaryIO

import pytest

import kg.atomic
from fixtures import digests, invoke
from kg.atomic import staging
from kg.errors import OutputError


def full_disk() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_staged_files_appear_together_when_committed(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"old")
    with staging(tmp_path) as staged:
        staged.write("a.txt", b"new")
        staged.write("b.txt", lambda out: out.writelines([b"stream", b"ed"]))
        assert (tmp_path / "a.txt").read_bytes() == b"old"
        assert not (tmp_path / "b.txt").exists()
        staged.commit()
    assert (tmp_path / "a.txt").read_bytes() == b"new"
    assert (tmp_path / "b.txt").read_bytes() == b"streamed"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def test_a_writer_that_fails_half_way_leaves_the_folder_as_it_was(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"old")

    def half(out: BinaryIO) -> None:
        out.write(b"part of it")
        raise full_disk()

    with pytest.raises(OutputError, match="No space left on device"), staging(tmp_path) as staged:
        staged.write("a.txt", b"new")
        staged.write("b.txt", half)
    assert os.listdir(tmp_path) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"old"


def test_an_interruption_before_the_commit_removes_what_was_staged(tmp_path):
    with pytest.raises(KeyboardInterrupt), staging(tmp_path) as staged:
        staged.write("a.txt", b"new")
        raise KeyboardInterrupt
    assert os.listdir(tmp_path) == []


def test_a_build_failing_while_it_writes_kg_nq_leaves_the_previous_build(project_copy, monkeypatch):
    assert invoke("build", "-q", cwd=project_copy).returncode == 0
    out = project_copy / "build"
    before = digests(out), sorted(os.listdir(out)), os.stat(out / "store").st_ino
    written = []
    write = kg.atomic.Staged.write

    def failing_write(staged: kg.atomic.Staged, name: str, data: object) -> None:
        if name != "kg.nq":
            return write(staged, name, data)

        def half(file: BinaryIO) -> None:
            file.write(b"<urn:x:a> <urn:x:b> <urn:x:c> <urn:x:g> .\n")
            written.append(next(Path(out).glob(".kg.nq.*.tmp")))  # the dump is being written
            raise full_disk()

        return write(staged, name, half)

    monkeypatch.setattr(kg.atomic.Staged, "write", failing_write)
    result = invoke("build", "-q", cwd=project_copy)
    assert result.returncode == 5 and "No space left on device" in result.stderr
    assert written and not written[0].exists()
    assert (digests(out), sorted(os.listdir(out)), os.stat(out / "store").st_ino) == before

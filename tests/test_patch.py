"""A dump written as a patch of the previous one (kg.pipeline.patch) is the
dump written whole; kg.nt's lines and the tally of a build after a change,
from the previous build's and what changed, are those made from all lines."""

from __future__ import annotations

import errno
import os
import random
from pathlib import Path

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

import kg.pipeline.patch
from kg.atomic import staging
from kg.errors import OutputError
from kg.formats.ntriples import triples_of_quads
from kg.formats.turtle import turtle_of
from kg.pipeline.blocks import PreviousTurtle, full, kg_turtle
from kg.pipeline.patch import Patch, fingerprint, line_patch, patched_lines
from kg.pipeline.units import Assembly, Tally

EX = Namespace("https://example.org/")
ONTOLOGY, ARTICLE, OTHER = EX["graph/ontology"], EX["graph/a"], EX["graph/b"]


def _lines(count: int) -> list[bytes]:
    return sorted(f'<https://example.org/s{n:04d}> <https://example.org/p> "{n}" .\n'.encode() for n in range(count))


def _new_line(after: bytes) -> bytes:
    """A line that sorts right after ``after`` and before any line after it."""
    return after.replace(b'" .\n', b'x" .\n')


def _written(tmp_path: Path, name: str, lines: list[bytes], removed: list[bytes], added: list[bytes]) -> bytes | None:
    """The bytes a patch of the file of ``lines`` writes; None if line_patch refuses it."""
    old = tmp_path / name
    old.write_bytes(b"".join(lines))
    expected = sorted(set(lines) - set(removed) | set(added))
    patch = line_patch(old, sorted(removed), sorted(added), sum(map(len, expected)))
    if patch is None:
        return None
    with staging(tmp_path) as staged:
        staged.write(f"{name}.new", patch)
        staged.commit()
    return (tmp_path / f"{name}.new").read_bytes()


LINES = _lines(50)
EDITS = {
    # name: (lines removed, lines added)
    "first line removed": ([LINES[0]], []),
    "last line removed": ([LINES[-1]], []),
    "a line before the first added": ([], [b"<https://example.org/a> <https://example.org/p> 1 .\n"]),
    "a line after the last added": ([], [_new_line(LINES[-1])]),
    "first and last replaced": ([LINES[0], LINES[-1]], [_new_line(LINES[0]), _new_line(LINES[-1])]),
    "removed and added at one spot": ([LINES[10], LINES[11]], [_new_line(LINES[9]), _new_line(LINES[10])]),
    "a run removed": (LINES[20:30], []),
    "every line removed": (LINES, []),
    "nothing changed": ([], []),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_patched_dump_is_the_dump_written_whole(tmp_path, edit):
    removed, added = EDITS[edit]
    expected = sorted(set(LINES) - set(removed) | set(added))
    assert _written(tmp_path, "kg.nq", LINES, removed, added) == b"".join(expected)
    assert patched_lines(LINES, sorted(removed), sorted(added)) == expected


def test_random_patches_are_the_dumps_written_whole(tmp_path):
    pick = random.Random(19)
    lines = _lines(400)
    for round in range(30):
        removed = pick.sample(lines, pick.randrange(0, 20))
        added = sorted({_new_line(pick.choice(lines)) for _ in range(pick.randrange(0, 20))})
        expected = sorted(set(lines) - set(removed) | set(added))
        assert _written(tmp_path, f"{round}.nq", lines, removed, added) == b"".join(expected)
        assert patched_lines(lines, sorted(removed), sorted(added)) == expected


def test_an_empty_dump_is_patched_too(tmp_path):
    added = LINES[:3]
    assert _written(tmp_path, "kg.nt", [], [], added) == b"".join(added)
    assert patched_lines([], [], added) == added


def test_a_patch_that_does_not_fit_the_previous_dump_is_refused(tmp_path):
    absent, present = _new_line(LINES[3]), LINES[4]
    assert _written(tmp_path, "a.nq", LINES, [absent], []) is None
    assert _written(tmp_path, "b.nq", LINES, [], [present]) is None
    assert patched_lines(LINES, [absent], []) is None
    assert patched_lines(LINES, [], [present]) is None
    old = tmp_path / "c.nq"
    old.write_bytes(b"".join(LINES))
    assert line_patch(old, [LINES[0]], [], old.stat().st_size) is None  # not the size the build expects


def test_a_previous_dump_changed_after_the_patch_was_cut_fails_the_write(tmp_path):
    old = tmp_path / "kg.nq"
    old.write_bytes(b"".join(LINES))
    patch = line_patch(old, [LINES[5]], [], old.stat().st_size - len(LINES[5]))
    assert patch is not None
    old.write_bytes(b"".join(LINES).replace(b"s0001", b"s0009"))
    with staging(tmp_path) as staged, pytest.raises(OutputError, match="changed while the build read it"):
        staged.write("new.nq", patch)
    assert sorted(os.listdir(tmp_path)) == ["kg.nq"]


def test_without_copy_file_range_the_bytes_are_read_and_written(tmp_path, monkeypatch):
    def unsupported(*_: object) -> int:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(kg.pipeline.patch, "_CHUNK", 7)  # many pieces of a run
    monkeypatch.setattr(kg.pipeline.patch, "_COPY_FILE_RANGE", unsupported)
    removed, added = EDITS["removed and added at one spot"]
    expected = sorted(set(LINES) - set(removed) | set(added))
    assert _written(tmp_path, "kg.nq", LINES, removed, added) == b"".join(expected)


def _graph(subjects: range) -> set[tuple]:
    return {(EX[f"s{n:03d}"], prop, Literal(f"{n} {prop}")) for n in subjects for prop in (RDFS.label, RDFS.comment)}


BEFORE_TURTLE = _graph(range(20))
CHANGED_LABEL = {(EX.s000, RDFS.label, Literal("changed")), (EX.s019, RDFS.label, Literal("changed"))}
TURTLE_CHANGES = {
    "first and last blocks changed": (BEFORE_TURTLE - _graph(range(0, 1)) - _graph(range(19, 20))) | CHANGED_LABEL,
    "first and last blocks gone": BEFORE_TURTLE - _graph(range(0, 1)) - _graph(range(19, 20)),
    "a block after the last": BEFORE_TURTLE | _graph(range(25, 26)),
    "a block before the first": BEFORE_TURTLE | {(EX.a, RDFS.label, Literal("first"))},
    "one gone and one new at its place": (BEFORE_TURTLE - _graph(range(7, 8))) | {(EX.s0065, RDFS.label, Literal("x"))},
    "every block replaced": _graph(range(30, 33)),
}


@pytest.mark.parametrize("change", TURTLE_CHANGES)
def test_a_patched_turtle_dump_is_the_one_written_whole(tmp_path, change):
    namespaces = [("ex", EX), ("rdfs", RDFS)]
    text, prefixes = full(BEFORE_TURTLE, namespaces)
    (tmp_path / "kg.ttl").write_bytes(text)
    previous = PreviousTurtle(text, prefixes or {}, tmp_path / "kg.ttl", fingerprint((tmp_path / "kg.ttl").stat()))
    after = TURTLE_CHANGES[change]
    changed = {s.n3().encode() for s, _, _ in BEFORE_TURTLE ^ after}
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n".encode() for s, p, o in after)
    patch, counts = kg_turtle(lines, lambda: after, namespaces, previous, changed)
    assert isinstance(patch, Patch)
    with staging(tmp_path) as staged:
        staged.write("new.ttl", patch)
        staged.commit()
    assert (tmp_path / "new.ttl").read_bytes() == turtle_of(after, namespaces)
    assert counts == full(after, namespaces)[1]


def _quad(s: str, p: URIRef, o: URIRef, graph: URIRef) -> bytes:
    return f"<{EX[s]}> <{p}> <{o}> <{graph}> .\n".encode()


def _assembly(before: list[bytes], after: list[bytes]) -> Assembly:
    """An assembly of the lines ``after`` built from a previous build of the lines ``before``."""
    previous = Assembly(sorted(before), [], {}, [], True)
    assembly = Assembly(sorted(after), [], {}, [], True, touched=set(before) ^ set(after))
    assembly.before, assembly.previous_tally = previous.lines, previous.tally(ONTOLOGY)
    assembly.previous_ntriples = b"".join(triples_of_quads(previous.lines))
    return assembly


BEFORE = [
    _quad("x", RDF.type, EX.Person, ARTICLE),
    _quad("x", RDF.type, EX.Person, OTHER),
    _quad("y", RDF.type, EX.Person, ARTICLE),
    _quad("z", RDF.type, EX.Place, ONTOLOGY),
    _quad("z", RDF.type, EX.Place, ARTICLE),
    _quad("w", EX.knows, EX.x, ARTICLE),
]
TALLIED = {
    "a triple stays in another graph": [q for q in BEFORE if q != BEFORE[0]],
    "a triple left only in the ontology's graph": [q for q in BEFORE if q != BEFORE[4]],
    "a typed node gone": [q for q in BEFORE if q != BEFORE[2]],
    "new triples and types": [*BEFORE, _quad("v", RDF.type, EX.Event, OTHER), _quad("v", EX.knows, EX.w, ARTICLE)],
    "a type only in the ontology's graph now counted": [*BEFORE, _quad("z", RDF.type, EX.Place, OTHER)][1:],
}


@pytest.mark.parametrize("change", TALLIED)
def test_a_tally_from_the_previous_one_is_the_full_tally(change):
    after = TALLIED[change]
    assembly = _assembly(BEFORE, after)
    whole = Assembly(sorted(after), [], {}, [], True)
    assert assembly.tally(ONTOLOGY) == whole.tally(ONTOLOGY)
    assert Tally.from_record(assembly.tally(ONTOLOGY).record()) == whole.tally(ONTOLOGY)
    assert assembly.ntriple_lines() == triples_of_quads(whole.lines)

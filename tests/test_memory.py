"""What a build lets go of is freed: its validation leaves no cycle holding
the data, and the query store is loaded a piece at a time, with the same
quads as loaded whole."""

from __future__ import annotations

import gc
from types import FrameType

import pyoxigraph
import pytest

import kg.artifacts
from kg.artifacts import load_dump, open_store
from kg.pipeline.validate import validate


def test_a_chunked_validation_leaves_no_frame_holding_its_data_with_the_collector_off(built, shapes, ontology):
    result, _ = built
    graph = result.graph
    enabled = gc.isenabled()
    gc.disable()  # as during a build
    try:
        report = validate(graph, shapes, ontology, validator="rudof", chunk_triples=50)
        left = [o.f_code.co_name for o in gc.get_objects() if isinstance(o, FrameType)]
    finally:
        if enabled:
            gc.enable()
    assert report.conforms
    # SPARQL's parser leaves cycles of frames, each holding its callers' and their data.
    assert "_rudof_in_chunks" not in left and "rudof_report" not in left


def _quads(store: pyoxigraph.Store) -> set[str]:
    return {str(quad) for quad in store}


def test_a_store_loaded_in_pieces_holds_what_a_store_loaded_whole_holds(built, monkeypatch):
    _, build_dir = built
    whole = open_store(build_dir)
    monkeypatch.setattr(kg.artifacts, "LOAD_PIECE", 4096)  # pieces cut mid-line would not parse
    pieces = open_store(build_dir)
    assert len(pieces) == len(whole) > 0
    assert _quads(pieces) == _quads(whole)


def test_a_syntax_error_in_a_later_piece_names_its_line_in_the_whole_dump(monkeypatch):
    ex = b"https://kg.example.org/"
    quad = b"<" + ex + b"s%d> <" + ex + b"p> <" + ex + b"o> <" + ex + b"g> .\n"
    lines = [quad % i for i in range(40)]
    lines[33] = b"<" + ex + b"s> <" + ex + b"p> not-a-term <" + ex + b"g> .\n"
    monkeypatch.setattr(kg.artifacts, "LOAD_PIECE", 256)
    with pytest.raises(SyntaxError, match=r"\bline 34\b"):
        load_dump(pyoxigraph.Store(), b"".join(lines), None)


def test_a_build_leaves_nothing_frozen_out_of_the_collector(built):
    # The build froze the corpus's triples while it ran; after it, they are the collector's again.
    assert gc.get_freeze_count() == 0

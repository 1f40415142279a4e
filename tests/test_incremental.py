"""A build after a change writes what a build from nothing writes, byte for byte.

Each test builds a small corpus, changes it, and builds it again into the
same output folder (reusing what the first build left) and into a new one
with the cache off; the two outputs and their query stores must be the same.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

import kg.engines.validators
import kg.pipeline.blocks
import kg.pipeline.build
import kg.pipeline.compile
import kg.pipeline.known
import kg.pipeline.units
import kg.store
from fixtures import ROOT, invoke, seed_root
from kg.engines.partition import affected, steps_back
from kg.errors import ValidationError
from kg.formats.ntriples import nquads_of, ntriples_of
from kg.formats.turtle import turtle_of
from kg.namespaces import DEFAULT_BASE
from kg.pipeline.build import Paths, build
from kg.pipeline.cache import CACHE_DIR, FORMAT, MANIFEST, STAT
from kg.pipeline.patch import fingerprint
from kg.pipeline.sources import Article, load_article
from kg.pipeline.validate import validate
from kg.store import DATABASE_DIR, MARKER_FILE, STORE_DIR, checked_marker
from mutations import MUTATIONS

INCREMENTAL = "what changed since the last build"


@pytest.fixture
def as_big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our corpora of three articles validated as a big one is: in chunks, and only where it changed."""
    monkeypatch.setattr(kg.engines.validators, "SPLIT_FROM", 0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.bench.corpus import generate

    return generate(seed_root() / "data", tmp_path_factory.mktemp("corpus") / "c", 3, facts_per_article=4)


def _build(data: Path, out: Path, ontology: Path = ROOT / "ontology", cache: bool = True) -> list[str]:
    notes: list[str] = []
    build(Paths(data, ontology, out), DEFAULT_BASE, notes.append, cache=cache)
    return notes


def _written(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in out.iterdir() if path.is_file() and path.name != ".kg.lock"}


def _store_quads(out: Path) -> list[str]:
    """Every quad of the on-disk store, which must answer for the dumps beside it."""
    checked_marker(out)
    store = pyoxigraph.Store.read_only(str(out / STORE_DIR / DATABASE_DIR))
    return sorted(str(quad) for quad in store.quads_for_pattern(None, None, None, None))


def _copy(data: Path, target: Path) -> Path:
    shutil.copytree(data, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _add_article(data: Path) -> None:
    """A fourth article: the second one again under a new name."""
    articles = data / "articles"
    shutil.copy(articles / "syn-00002.txt", articles / "syn-00004.txt")
    text = (articles / "syn-00002.yaml").read_text(encoding="utf-8")
    new = text.replace("article/syn-00002", "article/syn-00004").replace("text: syn-00002.txt", "text: syn-00004.txt")
    (articles / "syn-00004.yaml").write_text(new, encoding="utf-8")


def _remove_article(data: Path) -> None:
    for suffix in (".yaml", ".txt"):
        (data / "articles" / f"syn-00004{suffix}").unlink()


def _same_as_a_full_build(data: Path, out: Path, tmp_path: Path, ontology: Path = ROOT / "ontology") -> None:
    full = tmp_path / "full"
    _build(data, full, ontology, cache=False)
    assert _written(out) == _written(full)
    assert _store_quads(out) == _store_quads(full)


def _no_fill(*_: object) -> None:
    raise AssertionError("the query store was loaded anew, not updated")


def _no_compare(*_: object) -> None:
    raise AssertionError("the dumps were read and compared, though the build knew what changed")


CHANGES: dict[str, tuple[Callable[[Path], None] | None, Callable[[Path], None]]] = {
    # name: (what the data is before the first build, the change)
    "article changed": (None, lambda d: _edit(d / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'")),
    "article added": (None, _add_article),
    "article removed": (_add_article, _remove_article),
    "entity file changed": (None, lambda d: _edit(d / "entities.yaml", "en: Alik Shpekbayev", "en: Alik Shpekbaev")),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_build_after_a_change_writes_what_a_full_build_writes(as_big, corpus, tmp_path, monkeypatch, change):
    before, after = CHANGES[change]
    data = _copy(corpus, tmp_path / "data")
    if before:
        before(data)
    out = tmp_path / "out"
    _build(data, out)
    after(data)
    with monkeypatch.context() as patched:
        patched.setattr(kg.store, "_fill", _no_fill)
        notes = _build(data, out)
    assert any(INCREMENTAL in note for note in notes), notes
    _same_as_a_full_build(data, out, tmp_path)


MEETING_2 = f"<{DEFAULT_BASE}event/west-kazakhstan-anti-corruption-meeting-2>"
KGO_ = "<https://kg.example.org/ontology#"
CHAIRS = f"{KGO_}chairs>"


def _inferred(out: Path) -> set[bytes]:
    """The triples of inferred.nq, each without its graph."""
    return {line[: line.rindex(b" <")] for line in (out / "inferred.nq").read_bytes().splitlines()}


def _chairs(person: str) -> bytes:
    return f"<{DEFAULT_BASE}person/{person}> {CHAIRS} {MEETING_2}".encode()


def _drop_fact(path: Path, fact: str) -> None:
    """Take the fact ``fact`` (its item of the facts list) out of an article."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {fact}\n")
    end = text.index("\n- id: ", start) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")


INFERENCE_CHANGES: dict[str, tuple[Callable[[Path], None], set[bytes], set[bytes]]] = {
    # name: (the change to article 2, inferred triples it takes away, inferred triples it adds)
    # Article 3 states who holds which post, article 1 chairs its own meeting: the
    # chairs are entities the three articles share.
    "chair changed to an entity other articles name": (
        lambda d: _edit(
            d / "articles" / "syn-00002.yaml",
            "p: chairedBy\n  o: person/altai-kulginov",
            "p: chairedBy\n  o: person/alik-shpekbayev",
        ),
        {_chairs("altai-kulginov")},
        {_chairs("alik-shpekbayev")},
    ),
    "fact removed": (
        lambda d: _drop_fact(d / "articles" / "syn-00002.yaml", "meeting-participant-shpekbayev"),
        {f"<{DEFAULT_BASE}person/alik-shpekbayev> {KGO_}participatesIn> {MEETING_2}".encode()},
        set(),
    ),
}


@pytest.mark.parametrize("change", INFERENCE_CHANGES)
def test_a_change_to_what_is_inferred_about_shared_entities_is_written_as_a_full_build(
    as_big, corpus, tmp_path, monkeypatch, change
):
    alter, gone, new = INFERENCE_CHANGES[change]
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    before = _inferred(out)
    assert gone <= before and not new & before, change
    alter(data)
    with monkeypatch.context() as patched:
        patched.setattr(kg.store, "_fill", _no_fill)
        patched.setattr(kg.store, "_compared", _no_compare)
        notes = _build(data, out)
    assert any(INCREMENTAL in note for note in notes), notes
    after = _inferred(out)
    assert not gone & after and new <= after, change
    _same_as_a_full_build(data, out, tmp_path)


def _drop_mention(data: Path) -> None:
    """One of the forms by which article 2 mentions a person: provenance, which reasoning leaves out."""
    _edit(data / "articles" / "syn-00002.yaml", "  - Алик Жатқамбайұлының\n", "")


def _not_reasoned(*_: object) -> None:
    raise AssertionError("reasoned again over the facts of the last build")


def test_a_change_reasoning_cannot_see_keeps_the_inferences(as_big, corpus, tmp_path, monkeypatch):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    _drop_mention(data)
    with monkeypatch.context() as patched:
        patched.setattr(kg.pipeline.build, "infer", _not_reasoned)
        patched.setattr(kg.store, "_compared", _no_compare)
        notes = _build(data, out)
    assert any("the facts reasoned over are the last build's" in note for note in notes), notes
    _same_as_a_full_build(data, out, tmp_path)


def _damage_inferred_turtle(out: Path) -> None:
    (out / "inferred.ttl").write_bytes((out / "inferred.ttl").read_bytes().replace(b"kgo:chairs", b"kgo:holds"))


def _damage_reasoning_record(out: Path) -> None:
    path = out / CACHE_DIR / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["reasoning"]["summary"]["triples"] += 1
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("spoil", [_damage_inferred_turtle, _damage_reasoning_record])
def test_damaged_inferences_are_reasoned_anew(as_big, corpus, tmp_path, spoil):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    spoil(out)
    _drop_mention(data)
    notes = _build(data, out)
    assert any("reasoning (OWL 2 RL" in note for note in notes), notes
    _same_as_a_full_build(data, out, tmp_path)


def test_a_changed_ontology_is_validated_whole_and_written_as_a_full_build(as_big, corpus, tmp_path):
    ontology = _copy(ROOT / "ontology", tmp_path / "ontology")
    out = tmp_path / "out"
    _build(corpus, out, ontology)
    with (ontology / "kg.ttl").open("a", encoding="utf-8") as turtle:
        turtle.write("\nkgo:Person rdfs:seeAlso <https://example.org/incremental-test> .\n")
    notes = _build(corpus, out, ontology)
    assert not any(INCREMENTAL in note for note in notes)
    assert any("the ontology, shapes, rules, engines or code changed" in note for note in notes), notes
    _same_as_a_full_build(corpus, out, tmp_path, ontology)


def test_a_change_that_breaks_a_shape_fails_as_a_full_build_and_changes_nothing(as_big, corpus, tmp_path):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    before = _written(out)
    for article in (data / "articles").glob("*.yaml"):
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("p: postIn\n", "p: jurisdiction\n"), encoding="utf-8")
    with pytest.raises(ValidationError) as incremental:
        _build(data, out)
    with pytest.raises(ValidationError) as full:
        _build(data, tmp_path / "full", cache=False)
    assert str(incremental.value) == str(full.value).replace(str(tmp_path / "full"), str(out))
    assert incremental.value.details == full.value.details
    assert _written(out) == before


def _damage_manifest(out: Path) -> None:
    (out / CACHE_DIR / MANIFEST).write_text('{"format": 1, "context": ', encoding="utf-8")


def _damage_asserted(out: Path) -> None:
    """A triple that breaks a shape, as if it had passed: only validating everything finds it."""
    (out / "kg.nt").write_bytes((out / "kg.nt").read_bytes().replace(b"postIn", b"jurisdiction"))


def _damage_store_record(out: Path) -> None:
    (out / STORE_DIR / MARKER_FILE).write_text("{", encoding="utf-8")


def _damage_store(out: Path) -> None:
    """A quad no dump holds, in a store whose record still matches the dumps."""
    store = pyoxigraph.Store(str(out / STORE_DIR / DATABASE_DIR))
    node = pyoxigraph.NamedNode("https://example.org/stray")
    store.add(pyoxigraph.Quad(node, node, node, pyoxigraph.DefaultGraph()))
    store.flush()
    del store


DAMAGES = {
    "manifest": (_damage_manifest, "damaged: ignored"),
    "kg.nt": (_damage_asserted, "not the one the last build wrote"),
    "store record": (_damage_store_record, "the query store is loaded anew"),
    "store": (_damage_store, "does not hold what its dumps say"),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_is_noted_and_not_trusted(as_big, corpus, tmp_path, damage):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    spoil, said = DAMAGES[damage]
    spoil(out)
    _edit(data / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'")
    notes = _build(data, out)
    assert any(said in note for note in notes), notes
    if damage in ("manifest", "kg.nt"):
        assert not any(INCREMENTAL in note for note in notes)
    _same_as_a_full_build(data, out, tmp_path)
    assert json.loads((out / CACHE_DIR / MANIFEST).read_text(encoding="utf-8"))["format"] == FORMAT


def test_no_cache_validates_everything(as_big, corpus, tmp_path):
    out = tmp_path / "out"
    _build(corpus, out)
    quiet = invoke("build", "--data", str(corpus), "--out", str(out), cwd=ROOT)
    assert INCREMENTAL in quiet.stderr, quiet.stderr
    forced = invoke("build", "--no-cache", "--data", str(corpus), "--out", str(out), cwd=ROOT)
    assert forced.returncode == 0, forced.stderr
    assert INCREMENTAL not in forced.stderr


@pytest.mark.parametrize("shape", MUTATIONS)
def test_validating_what_a_change_reaches_finds_what_validating_everything_finds(
    as_big, built, shapes, ontology, shape
):
    original = ntriples_of(built[0].graph)
    broken = Graph()
    broken += built[0].graph
    MUTATIONS[shape](broken)
    whole = validate(broken, shapes, ontology, validator="rudof")
    changed = validate(broken, shapes, ontology, validator="rudof", since=original)
    assert whole.violations, shape
    assert changed.violations == whole.violations


def test_changes_that_reach_further_than_a_chunk_are_validated_everywhere(built, shapes, ontology):
    original = ntriples_of(built[0].graph)
    broken = Graph()
    broken += built[0].graph
    for mutate in MUTATIONS.values():
        mutate(broken)
    whole = validate(broken, shapes, ontology, validator="rudof")
    changed = validate(broken, shapes, ontology, validator="rudof", chunk_triples=50, since=original)
    assert changed.violations == whole.violations


def test_a_change_reaches_only_the_nodes_near_it(corpus, tmp_path, shapes):
    out = tmp_path / "out"
    _build(corpus, out)
    old = (out / "kg.nt").read_bytes()
    label = "Report by Alik Shpekbayev #2"
    assert label.encode() in old
    reached, _ = affected(old, old.replace(label.encode(), b"Report #2"), steps_back(shapes))
    assert f"<{DEFAULT_BASE}article/syn-00002>" in reached or any("syn-00002" in node for node in reached)
    assert not any("syn-00003" in node for node in reached), sorted(reached)


def _spy_units(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many quads each call of kg.pipeline.units' serializer wrote."""
    calls: list[int] = []
    original = kg.pipeline.units.nquad_lines

    def counted(quads, term=None):
        lines = original(quads, term)
        calls.append(len(lines))
        return lines

    monkeypatch.setattr(kg.pipeline.units, "nquad_lines", counted)
    return calls


def _spy_full_turtle(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = kg.pipeline.blocks.full

    def counted(triples, namespaces):
        calls.append(1)
        return original(triples, namespaces)

    monkeypatch.setattr(kg.pipeline.blocks, "full", counted)
    return calls


def test_a_changed_article_serializes_only_its_own_quads_and_blocks(corpus, tmp_path, monkeypatch):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    first = _written(out)
    _edit(data / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'")
    with monkeypatch.context() as patched:
        units, turtles = _spy_units(patched), _spy_full_turtle(patched)
        parsed: list[Path] = []
        patched.setattr(kg.pipeline.known, "load_article", lambda path: parsed.append(path) or load_article(path))
        _build(data, out)
    assert [path.name for path in parsed] == ["syn-00002.yaml"]
    everything = first["kg.nq"].count(b"\n")
    # The shared rest, the changed article, the corroboration: a small part of the quads.
    assert len(units) == 3 and sum(units) < everything / 2, (units, everything)
    assert turtles == []
    _same_as_a_full_build(data, out, tmp_path)


def test_the_units_add_up_to_what_the_serializers_write(corpus, tmp_path):
    out = tmp_path / "out"
    result = build(Paths(corpus, ROOT / "ontology", out), DEFAULT_BASE, cache=False)
    written = _written(out)
    assert written["kg.nq"] == nquads_of(result.quads)
    assert written["kg.nt"] == ntriples_of(set().union(*result.quads.values()))
    namespaces = result.graph.namespaces()
    assert written["kg.ttl"] == turtle_of(set().union(*result.quads.values()), namespaces)


def _damage_entry(out: Path) -> None:
    """The entry of the article about to change, edited as if by hand."""
    manifest = json.loads((out / CACHE_DIR / MANIFEST).read_text(encoding="utf-8"))
    for unit in manifest["units"]:
        entry = out / CACHE_DIR / "units" / f"{unit}.nq"
        if b"syn-00002" in entry.read_bytes():
            entry.write_bytes(entry.read_bytes().replace(b"#2", b"#9"))


def _remove_entries(out: Path) -> None:
    shutil.rmtree(out / CACHE_DIR / "units")


def _damage_quads(out: Path) -> None:
    (out / "kg.nq").write_bytes((out / "kg.nq").read_bytes().replace(b"#2", b"#9"))


def _damage_quads_keeping_stat(out: Path) -> None:
    """kg.nq edited by hand to the same size, its modification time set back."""
    path = out / "kg.nq"
    before = path.stat()
    _damage_quads(out)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def _damage_turtle(out: Path) -> None:
    (out / "kg.ttl").write_bytes((out / "kg.ttl").read_bytes().replace(b"#3", b"#9"))


def _damage_prefix_counts(out: Path) -> None:
    path = out / CACHE_DIR / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["prefixes"] = {prefix: 0 for prefix in manifest["prefixes"]}
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _damage_articles(out: Path) -> None:
    path = out / CACHE_DIR / "articles.json"
    path.write_bytes(path.read_bytes().replace(b"#3", b"#9"))


UNIT_DAMAGES = {
    "articles": (_damage_articles, "articles.json is not the one the last build wrote: every article read anew"),
    "entry": (_damage_entry, "is not the one the last build wrote: every unit written anew"),
    "entries gone": (_remove_entries, "is missing: every unit written anew"),
    "kg.nq": (_damage_quads, "kg.nq is not the one the last build wrote"),
    "kg.nq, size and time kept": (_damage_quads_keeping_stat, "kg.nq is not the one the last build wrote"),
    "kg.ttl": (_damage_turtle, "kg.ttl is not the one the last build wrote: written whole"),
    "prefix counts": (_damage_prefix_counts, None),
}


@pytest.mark.parametrize("damage", UNIT_DAMAGES)
def test_damaged_units_are_noted_and_written_anew(corpus, tmp_path, damage):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    spoil, said = UNIT_DAMAGES[damage]
    spoil(out)
    _edit(data / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'")
    notes = _build(data, out)
    assert said is None or any(said in note for note in notes), notes
    _same_as_a_full_build(data, out, tmp_path)
    # The build after it reuses what this one left.
    _edit(data / "articles" / "syn-00003.yaml", "#3'", "#3 (edited)'")
    notes = _build(data, out)
    assert not any("anew" in note or "whole" in note for note in notes), notes
    _same_as_a_full_build(data, out, tmp_path / "again")


def _spy_compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles compiled, as they are."""
    compiled: list[str] = []
    compile_article = kg.pipeline.compile.Compiler.add_article

    def add_article(compiler: kg.pipeline.compile.Compiler, article: Article) -> None:
        compiled.append(article.id)
        compile_article(compiler, article)

    monkeypatch.setattr(kg.pipeline.compile.Compiler, "add_article", add_article)
    return compiled


def _spy_stated(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each outside fact is stated by an article not compiled, as the previous kg.nq says."""
    answers: list[bool] = []
    stated_in = kg.pipeline.compile._stated_in
    monkeypatch.setattr(
        kg.pipeline.compile, "_stated_in", lambda *args: answers.append(stated_in(*args)) or answers[-1]
    )
    return answers


@pytest.mark.parametrize("change", INFERENCE_CHANGES)
def test_only_the_changed_article_is_compiled_again(as_big, corpus, tmp_path, monkeypatch, change):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    INFERENCE_CHANGES[change][0](data)  # article 2 now names, or no longer names, entities the others name
    with monkeypatch.context() as patched:
        compiled, stated = _spy_compiled(patched), _spy_stated(patched)
        result = build(Paths(data, ROOT / "ontology", out), DEFAULT_BASE)
    assert compiled == ["article/syn-00002"]
    # The seed's article 1 states facts the outside sources state too: their
    # triples stay in its graph, not compiled this time, and out of the reference graph.
    assert True in stated
    full = build(Paths(data, ROOT / "ontology", tmp_path / "full"), DEFAULT_BASE, cache=False)
    assert _written(out) == _written(tmp_path / "full")
    assert _store_quads(out) == _store_quads(tmp_path / "full")
    assert result.summary == full.summary
    assert result.quads == full.quads


ARTICLE_DAMAGES = {
    "a unit's entry": _damage_entry,
    "kg.nq": _damage_quads,
    "the manifest": _damage_manifest,
}


@pytest.mark.parametrize("damage", ARTICLE_DAMAGES)
def test_a_damaged_cache_compiles_every_article_again(corpus, tmp_path, monkeypatch, damage):
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    ARTICLE_DAMAGES[damage](out)
    _edit(data / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'")
    with monkeypatch.context() as patched:
        compiled = _spy_compiled(patched)
        _build(data, out)
    assert compiled[-3:] == [f"article/syn-0000{number}" for number in (1, 2, 3)], compiled
    _same_as_a_full_build(data, out, tmp_path)


RENAMINGS = {
    # name: (the change to article 2, whether the last build's inferences serve, renamed)
    "title edited": (lambda d: _edit(d / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'"), True),
    "title made another article's": (lambda d: _edit(d / "articles" / "syn-00002.yaml", "#2'", "#3'"), False),
    # Every meeting of the corpus has this title: the old text stays in the other articles.
    "a text other articles state edited": (
        lambda d: _edit(d / "articles" / "syn-00002.yaml", "en: Kazakhstan's anti-corruption", "en: Kazakhstan's new"),
        False,
    ),
}


@pytest.mark.parametrize("change", RENAMINGS)
def test_text_the_rules_cannot_read_renames_the_inferences(as_big, corpus, tmp_path, monkeypatch, change):
    alter, renamed = RENAMINGS[change]
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    alter(data)
    reasoned: list[object] = []
    with monkeypatch.context() as patched:
        infer = kg.pipeline.build.infer
        patched.setattr(kg.pipeline.build, "infer", lambda *args: reasoned.append(args) or infer(*args))
        notes = _build(data, out)
    assert (not reasoned) == renamed, notes
    assert any("renamed" in note for note in notes) == renamed, notes
    # shapes-inferred.ttl reads no string's text: the renamed graph is not validated again.
    assert any("cannot tell apart" in note for note in notes) == renamed, notes
    _same_as_a_full_build(data, out, tmp_path)


NO_PARENTHESES_IN_TITLES = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kgo:TitleWithoutParenthesesShape a sh:NodeShape ;
    sh:targetClass kgo:NewsArticle ;
    sh:property [ sh:path rdfs:label ; sh:pattern "^[^()]*$" ] .
"""


def test_renamed_inferences_are_validated_by_shapes_that_read_text(as_big, corpus, tmp_path):
    ontology = _copy(ROOT / "ontology", tmp_path / "ontology")
    with (ontology / "shapes-inferred.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write(NO_PARENTHESES_IN_TITLES)
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out, ontology)
    before = _written(out)
    _edit(data / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'")
    with pytest.raises(ValidationError) as incremental:
        _build(data, out, ontology)
    assert "in the reasoned graph" in str(incremental.value)
    with pytest.raises(ValidationError) as full:
        _build(data, tmp_path / "full", ontology, cache=False)
    assert incremental.value.details == full.value.details
    assert _written(out) == before


def test_a_stat_recorded_in_the_clock_tick_of_its_record_is_not_trusted(corpus, tmp_path):
    """An edit in the tick the stat was recorded in could leave the stat as it
    was: forged here by recording the edited file's stat, in the tick the
    record is then dated to. Its SHA-256 decides."""
    data = _copy(corpus, tmp_path / "data")
    out = tmp_path / "out"
    _build(data, out)
    _damage_quads(out)
    path = out / CACHE_DIR / STAT
    record = json.loads(path.read_text(encoding="utf-8"))
    stat = (out / "kg.nq").stat()
    record["kg.nq"]["stat"] = fingerprint(stat)
    path.write_text(json.dumps(record), encoding="utf-8")
    os.utime(path, ns=(stat.st_ctime_ns, stat.st_ctime_ns))
    _edit(data / "articles" / "syn-00002.yaml", "#2'", "#2 (edited)'")
    notes = _build(data, out)
    assert any("kg.nq is not the one the last build wrote" in note for note in notes), notes
    _same_as_a_full_build(data, out, tmp_path)

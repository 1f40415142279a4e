"""`kg build` from the command line: good runs, bad input, nothing lost, same bytes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fixtures import ARTICLE_FACTS, digests, replace_in, run_kg, seed_root


@pytest.fixture(scope="module")
def good_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the real sources, made with one hash seed."""
    out = tmp_path_factory.mktemp("good")
    result = run_kg("build", "-q", "--out", str(out), cwd=seed_root(), seed="1")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def good_build(good_folder: Path) -> dict[str, str]:
    return digests(good_folder)


@pytest.fixture
def previous_output(project_copy: Path, good_folder: Path) -> Path:
    """The project copy with a good build already in its build/ folder."""
    shutil.copytree(good_folder, project_copy / "build")
    return project_copy / "build"


def test_build_prints_a_summary_by_class(tmp_path):
    result = run_kg("build", "--out", str(tmp_path / "out"), cwd=seed_root())
    assert result.returncode == 0, result.stderr
    assert "conforms to the SHACL shapes" in result.stdout
    assert "kgo:Meeting" in result.stdout and "statements" in result.stdout
    assert {"kg.ttl", "kg.nt", "kg.nq", "shacl-report.ttl", "summary.json"} <= set(os.listdir(tmp_path / "out"))


def test_two_builds_with_different_hash_seeds_are_byte_identical(tmp_path, good_build):
    result = run_kg("build", "-q", "--out", str(tmp_path), cwd=seed_root(), seed="4242")
    assert result.returncode == 0, result.stderr
    assert digests(tmp_path) == good_build


def test_the_base_iri_is_configurable(tmp_path):
    result = run_kg("build", "-q", "--base", "http://127.0.0.1:8000/", "--out", str(tmp_path), cwd=seed_root())
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "kg.ttl").read_text(encoding="utf-8")
    assert "<http://127.0.0.1:8000/person/alik-shpekbayev>" in text
    assert "kg.example.org/person/" not in text


CORRUPTIONS = {
    "wrong offset": (
        ARTICLE_FACTS,
        "    quote: Жиынға облыс әкімі Алтай Көлгінов төрағалық етті\n",
        "    quote: Жиынға облыс әкімі Алтай Көлгінов төрағалық етті\n    start: 5\n",
        "meeting-chaired-by-kulginov': quote is not at offset 5; it occurs at 296",
    ),
    "quote not in the text": (
        ARTICLE_FACTS,
        "quote: Жиынға облыс әкімі Алтай Көлгінов төрағалық етті",
        "quote: Жиынға облыс әкімі Алтай Кульгинов төрағалық етті",
        "meeting-chaired-by-kulginov': quote not found in the article",
    ),
    "ambiguous quote": (
        ARTICLE_FACTS,
        "quote: Жиынға облыс әкімі Алтай Көлгінов төрағалық етті",
        "quote: Алик Шпекбаев",
        "times (at 121, 1593, 3002, 4566); add 'start' to pick one",
    ),
    "unknown entity": (
        ARTICLE_FACTS,
        "    o: person/altai-kulginov\n    quote: Жиынға",
        "    o: person/altai-kulgin\n    quote: Жиынға",
        "meeting-chaired-by-kulginov': unknown entity 'person/altai-kulgin'",
    ),
    "unknown property": (
        ARTICLE_FACTS,
        "p: chairedBy",
        "p: chairdBy",
        "unknown property 'chairdBy'",
    ),
    "missing English label": (
        Path("data/entities.yaml"),
        'label: {kk: "Алик Шпекбаев", en: "Alik Shpekbayev", ru: "Алик Шпекбаев"}',
        'label: {kk: "Алик Шпекбаев", ru: "Алик Шпекбаев"}',
        "entity 'person/alik-shpekbayev': 'label' lacks a 'en' text",
    ),
    "label without a language tag": (
        Path("data/entities.yaml"),
        'label: {kk: "Алик Шпекбаев", en: "Alik Shpekbayev", ru: "Алик Шпекбаев"}',
        "label: Alik Shpekbayev",
        "'label' must map language tags",
    ),
    "duplicate entity id": (
        Path("data/entities.yaml"),
        "person/altai-kulginov:",
        "person/alik-shpekbayev:",
        "duplicate key 'person/alik-shpekbayev'",
    ),
    "malformed YAML": (
        ARTICLE_FACTS,
        "facts:\n",
        "facts: [\n",
        "malformed YAML",
    ),
    "changed article text": (
        Path("data/articles/000_45cd44230e9f16be.txt"),
        "Орал қаласында 38 іс",
        "Орал қаласында 39 іс",
        "SHA-256 is",
    ),
    "malformed shapes": (
        Path("ontology/shapes.ttl"),
        "kgs:PersonShape a sh:NodeShape ;",
        "kgs:PersonShape a sh:NodeShape ;;; {",
        "ontology/shapes.ttl: malformed Turtle",
    ),
    "unknown class": (
        Path("data/entities.yaml"),
        "type: Akim\n",
        "type: Akimm\n",
        "unknown class 'Akimm'",
    ),
    "outside fact not in its row": (
        Path("data/reference/outside-facts.yaml"),
        'value: {date: "2015-12-29"}',
        'value: {date: "2015-12-30"}',
        "outside fact 'code-of-ethics-approved-on': value '2015-12-30' is not in the row",
    ),
}


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_bad_input_fails_in_one_line_and_leaves_the_previous_output(project_copy, previous_output, good_build, case):
    path, old, new, expected = CORRUPTIONS[case]

    if path.suffix == ".txt":
        target = project_copy / path
        target.write_bytes(target.read_bytes().replace(old.encode(), new.encode(), 1))
    else:
        replace_in(project_copy / path, old, new)
    result = run_kg("build", "-q", cwd=project_copy)

    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    assert expected in lines[0]
    assert digests(previous_output) == good_build


def test_a_copy_of_the_sources_builds_what_the_repository_builds(project_copy, good_build):
    assert run_kg("build", "-q", cwd=project_copy).returncode == 0
    assert digests(project_copy / "build") == good_build


def test_shacl_violations_are_listed_and_the_previous_output_kept(project_copy, previous_output, good_build):
    # A meeting with two chairs passes every source check but breaks a shape.
    replace_in(
        project_copy / ARTICLE_FACTS,
        "  - id: meeting-reported-on-akimat-website\n",
        "  - id: meeting-chaired-by-shpekbayev\n"
        "    s: event/west-kazakhstan-anti-corruption-meeting\n"
        "    p: chairedBy\n"
        "    o: person/alik-shpekbayev\n"
        "    quote: Алик Шпекбаевтың қатысуымен\n"
        "  - id: meeting-reported-on-akimat-website\n",
    )
    result = run_kg("build", "-q", cwd=project_copy)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert "kg: error: 1 SHACL violation(s) in the asserted graph; build/ left unchanged" in result.stderr
    assert "west-kazakhstan-anti-corruption-meeting> kgo:chairedBy: A meeting has exactly one chair" in result.stderr
    assert digests(previous_output) == good_build


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_kg("build", "-q", "--out", str(blocker / "out"), cwd=seed_root())
    assert result.returncode == 5
    assert result.stderr.startswith("kg: error: ") and "Traceback" not in result.stderr


def test_a_bad_base_iri_is_refused(tmp_path):
    result = run_kg("build", "--base", "kg.example.org", "--out", str(tmp_path), cwd=seed_root())
    assert result.returncode == 1
    assert "base IRI must be an http(s) URL ending in '/'" in result.stderr


def test_debug_shows_the_traceback(project_copy):
    replace_in(project_copy / ARTICLE_FACTS, "p: chairedBy", "p: chairdBy")
    result = run_kg("--debug", "build", "-q", cwd=project_copy)
    assert result.returncode != 0 and "Traceback" in result.stderr

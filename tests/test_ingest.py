"""`kg ingest`: the mention finder's scores, drafts of new articles, and a
second article built into the same KG."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from fixtures import ROOT, invoke
from kg.ingest.names import gazetteer, known_mentions, slug
from kg.ingest.ner.conll import spans

FIXTURES = Path(__file__).parent / "fixtures"
KAZNERD = Path(os.environ.get("KAZNERD_IOB2", ROOT.parent / "shared" / "data" / "kaznerd" / "valid.iob2"))
needs_kaznerd = pytest.mark.skipif(not KAZNERD.is_file(), reason=f"KazNERD not found at {KAZNERD}")


@needs_kaznerd
def test_the_shipped_model_scores_above_the_target_on_held_out_sentences():
    result = invoke("ingest", "--evaluate", str(KAZNERD), "--heldout", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    last = re.fullmatch(r"overall precision (\d\.\d+) recall (\d\.\d+) f1 (\d\.\d+)", lines[-1])
    assert last, lines[-1]
    assert float(last.group(3)) >= 0.85
    classes = {line.split()[0] for line in lines[1:-2]}
    assert {"PERSON", "ORGANISATION", "GPE", "LOCATION", "POSITION", "LAW", "DATE", "CARDINAL"} <= classes
    assert "sentences/s" in lines[-2]


def test_training_writes_a_model_that_tags(tmp_path):
    sample = tmp_path / "sample.iob2"
    sample.write_text(
        "\n\n".join(["Алик O\nШпекбаев B-PERSON\nОрал B-GPE\nқаласында O\n38 B-CARDINAL\nіс O"] * 30) + "\n",
        encoding="utf-8",
    )
    model = tmp_path / "m.model"
    result = invoke("ingest", "--train", str(sample), "--model", str(model), "--iterations", "20", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    scored = invoke("ingest", "--evaluate", str(sample), "--model", str(model), cwd=ROOT)
    assert scored.returncode == 0, scored.stderr
    assert scored.stdout.splitlines()[-1] == "overall precision 1.000 recall 1.000 f1 1.000"


def test_iob2_spans_and_bad_lines(tmp_path):
    assert spans(["B-PERSON", "I-PERSON", "O", "I-GPE", "B-GPE"]) == {(0, 2, "PERSON"), (3, 4, "GPE"), (4, 5, "GPE")}
    bad = tmp_path / "bad.iob2"
    bad.write_text("Орал X-GPE\n", encoding="utf-8")
    result = invoke("ingest", "--evaluate", str(bad), cwd=ROOT)
    assert result.returncode == 3 and "bad.iob2:1: expected 'token TAG'" in result.stderr


def test_known_entities_are_found_through_kazakh_suffixes():
    forms = {"person/a": {"Алик Шпекбаев"}, "place/r": {"Батыс Қазақстан облысы"}, "place/k": {"Қазақстан"}}
    text = "Алик Шпекбаевтың айтуынша, Батыс Қазақстан облысында және Қазақстандағы жағдай."
    found = {(m.entity, m.text) for m in known_mentions(text, forms)}
    assert found == {
        ("person/a", "Алик Шпекбаевтың"),
        ("place/r", "Батыс Қазақстан облысында"),
        ("place/k", "Қазақстандағы"),
    }


def test_slugs_are_latin():
    assert slug("Теректі ауданы") == "terekti-audany"


@pytest.fixture(scope="module")
def drafted() -> dict:
    result = invoke("ingest", str(FIXTURES / "second-article.txt"), "-o", "-", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_a_draft_names_known_entities_numbers_and_speakers(drafted):
    assert drafted["article"]["reviewed"] is False
    assert set(drafted["mentions"]["person/altai-kulginov"]) == {"Алтай Көлгінов", "Алтай Сейдірұлы"}
    assert "Алик Шпекбаевтың" in drafted["mentions"]["person/alik-shpekbayev"]
    assert drafted["mentions"]["place/terekti-district"] == ["Теректі ауданында"]
    assert "place/kazakhstan" not in drafted["mentions"], "Қазақстан inside Батыс Қазақстан облысы is not a mention"
    number = next(f for f in drafted["facts"] if f.get("value") == 12)
    assert number["p"] == "numberOfCasesOpened" and number["reviewed"] is False
    area = next(f for f in drafted["facts"] if f["id"] == "number-1-area")
    assert area["o"] == "place/terekti-district"
    speakers = {a["speaker"] for a in drafted["attributions"]}
    assert speakers == {"person/altai-kulginov", "person/alik-shpekbayev"}
    document = next(c for c in drafted["candidates"] if c["found_as"] == "quoted title")
    assert document["years"] == [2015, 2025]
    assert all(f["reviewed"] is False for f in drafted["facts"])


def _add_article(project: Path, yaml_text: str) -> None:
    shutil.copy(FIXTURES / "second-article.txt", project / "data" / "articles" / "second-article.txt")
    (project / "data" / "articles" / "second-article.yaml").write_text(yaml_text, encoding="utf-8")


def test_the_build_refuses_an_unreviewed_draft(project_copy, drafted):
    _add_article(project_copy, yaml.safe_dump(drafted, allow_unicode=True))
    result = invoke("build", "-q", cwd=project_copy)
    assert result.returncode == 3
    assert "data/articles/second-article.yaml:2: article: not reviewed" in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("review them, or build with --allow-unreviewed")


def test_a_reviewed_second_article_builds_into_the_same_kg(project_copy):
    _add_article(project_copy, (FIXTURES / "second-article.yaml").read_text(encoding="utf-8"))
    result = invoke("build", "-q", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    quads = (project_copy / "build" / "kg.nq").read_text(encoding="utf-8")
    second = "<https://kg.example.org/graph/article/second-article>"
    assert (
        f"<https://kg.example.org/person/altai-kulginov> <https://kg.example.org/ontology#holdsPost> "
        f"<https://kg.example.org/post/west-kazakhstan-akim> {second}" in quads
    )
    assert "<https://kg.example.org/statement/second-article/terekti-in-west-kazakhstan>" in quads
    kulginov_mentions = re.findall(
        r"<https://kg.example.org/mention/([\w-]+)/\d+-\d+> <http://www.w3.org/ns/oa#hasBody> "
        r"<https://kg.example.org/person/altai-kulginov>",
        quads,
    )
    assert set(kulginov_mentions) == {"45cd44230e9f16be", "second-article"}


def test_on_the_seed_article_every_reported_speech_finds_its_speaker(article_text):
    result = invoke("ingest", "data/articles/000_45cd44230e9f16be.txt", "-o", "-", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    draft = yaml.safe_load(result.stdout)
    said = [(a["speaker"], a["speech"][:25]) for a in draft["attributions"]]
    assert said == [
        ("person/altai-kulginov", "ҚР Президенті Н. Назарбае"),
        ("person/alik-shpekbayev", "Елбасымыздың Жарлығымен қ"),
        ("person/alik-shpekbayev", "Қазақстан сыбайлас жемқор"),
        ("person/alik-shpekbayev", "«Құқықтық статистика мәлі"),
        ("person/alik-shpekbayev", "еліміздегі барлық қабылда"),
    ]
    values = {f["value"] for f in draft["facts"] if "value" in f}
    assert values == {59, 614, 837, 1107, 38, 35, 22, 123, 168}
    areas = {f["s"]: f["o"] for f in draft["facts"] if f["p"] == "refArea"}
    assert set(areas.values()) >= {"place/oral", "place/zelenov-district", "place/terekti-district"}
    for entry in draft["offsets"]:
        assert " ".join(article_text[entry["start"] : entry["end"]].split()) == entry["text"]


def test_a_common_noun_in_small_letters_names_nothing_in_another_text(tmp_path):
    (tmp_path / "entities.yaml").write_text(
        "document/programmes:\n  type: DocumentCollection\n  label: {kk: бағдарламалар, en: programmes}\n"
        "org/mazhilis:\n  type: PublicOrganisation\n  label: {kk: Мәжіліс, en: Mazhilis}\n",
        encoding="utf-8",
    )
    forms = gazetteer(tmp_path)
    assert forms["document/programmes"] == set()
    text = "Мәжіліс депутаттары бағдарламалар туралы есеп сұрады."
    assert [m.entity for m in known_mentions(text, forms)] == ["org/mazhilis"]


def test_a_name_opened_by_the_states_abbreviation_is_linked_where_the_text_spells_the_state_out(tmp_path):
    (tmp_path / "entities.yaml").write_text(
        "post/president:\n  type: Post\n  label: {kk: ҚР Президенті, en: President}\n"
        "post/deputy:\n  type: Post\n  label: {kk: ҚР агенттігі төрағасының орынбасары, en: Deputy}\n",
        encoding="utf-8",
    )
    forms = gazetteer(tmp_path)
    text = "Қазақстан Республикасының Президенті мен Қазақстан Республикасы агенттігі төрағасының орынбасары сөйледі."
    found = [(m.entity, m.text) for m in known_mentions(text, forms)]
    assert found == [("post/president", "Қазақстан Республикасының Президенті")], "a longer name is read in parts"

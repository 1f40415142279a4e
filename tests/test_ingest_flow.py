"""The curator's flow of the README, end to end on real Kazakh articles:
kg ingest → kg build refuses and lists what to review → --allow-unreviewed builds."""

from __future__ import annotations

import hashlib
import shutil

import yaml
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from fixtures import ROOT, invoke
from kg.namespaces import DEFAULT_BASE, KGO

REAL = sorted((ROOT / "benchmarks" / "ingest-dev").glob("*.txt")) + sorted(
    (ROOT / "benchmarks" / "ingest-test").glob("*.txt")
)


def test_ingest_puts_the_text_and_its_draft_into_the_data_folder(project_copy, tmp_path):
    source = tmp_path / "Атырау жаңалығы.txt"
    shutil.copy(REAL[0], source)
    result = invoke("ingest", str(source), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    text = project_copy / "data" / "articles" / "atyrau-zhanalygy.txt"
    draft = project_copy / "data" / "articles" / "atyrau-zhanalygy.yaml"
    assert text.read_bytes() == source.read_bytes()
    document = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert document["article"]["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert document["article"]["text"] == "atyrau-zhanalygy.txt" and document["article"]["reviewed"] is False
    again = invoke("ingest", str(source), cwd=project_copy)
    assert again.returncode == 5 and "exists: a draft or a reviewed article" in again.stderr
    assert yaml.safe_load(draft.read_text(encoding="utf-8")) == document


def test_a_plain_build_lists_every_item_to_review_by_file_and_line(project_copy):
    assert invoke("ingest", str(REAL[0]), cwd=project_copy).returncode == 0
    draft = f"data/articles/{REAL[0].stem}.yaml"
    lines = (project_copy / draft).read_text(encoding="utf-8").splitlines()
    result = invoke("build", "-q", cwd=project_copy)
    assert result.returncode == 3
    listed = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert result.stderr.strip().splitlines()[-1].startswith("kg: error: ")
    assert "item(s) of a draft still need review" in result.stderr
    assert any(line.startswith(f"{draft}:") and "no publisher" in line for line in listed)
    assert any("not reviewed: check it against the text" in line for line in listed)
    # Each listed line names the line of the draft where the item is.
    for item in listed:
        number = int(item.split(":")[1])
        assert 1 <= number <= len(lines), item
    publisher = next(line for line in listed if "no publisher" in line)
    assert lines[int(publisher.split(":")[1]) - 1].strip().startswith("publisher:")
    assert not (project_copy / "build" / "kg.nq").exists()


def test_every_raw_draft_of_a_real_article_builds_unreviewed(project_copy):
    for article in REAL:
        result = invoke("ingest", str(article), cwd=project_copy)
        assert result.returncode == 0, (article.name, result.stderr)
    result = invoke("build", "-q", "--allow-unreviewed", cwd=project_copy)
    assert result.returncode == 0, result.stderr
    dataset = Dataset(default_union=True)
    dataset.parse(project_copy / "build" / "kg.nq", format="nquads")
    drafts = set(dataset.subjects(RDF.type, KGO.DraftArticle))
    assert {str(d).rsplit("/", 1)[1] for d in drafts} == {a.stem for a in REAL}
    seed = URIRef(f"{DEFAULT_BASE}article/45cd44230e9f16be")
    assert seed not in drafts
    statements = set(dataset.subjects(RDF.type, KGO.Statement))
    unreviewed = set(dataset.subjects(KGO.reviewed, Literal(False)))
    assert unreviewed and unreviewed <= statements
    # Narration of a draft is not attributed to anyone: its publisher is not named yet.
    assert not any(
        (s, PROV.wasAttributedTo, None) in dataset for s in unreviewed if (s, KGO.speaker, None) not in dataset
    )
    candidates = set(dataset.subjects(RDF.type, KGO.Candidate))
    assert candidates
    for candidate in candidates:
        assert (candidate, KGO.proposedType, None) in dataset
        assert any(label.language == "kk" for label in dataset.objects(candidate, RDFS.label))
        assert set(dataset.objects(candidate, RDF.type)) == {KGO.Candidate}

"""`kg ingest --score`: what counts as found, and gold files that annotate some kinds only."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fixtures import invoke
from kg.errors import SourceError
from kg.ingest.analysis import Analysis, MentionFound, NumberFound
from kg.ingest.score import Gold, load_gold, report, score

TEXT = "Агенттік 12 іс бойынша тергеу жүргізді."


def gold_file(folder: Path, **items) -> Path:
    (folder / "01.txt").write_text(TEXT, encoding="utf-8")
    path = folder / "01.gold.yaml"
    path.write_text(yaml.safe_dump({"article": "01.txt", **items}, allow_unicode=True), encoding="utf-8")
    return path


AGENCY = {"start": 0, "end": 8, "text": "Агенттік", "type": "ORGANISATION", "link": "org/agency"}
TWELVE = {"start": 9, "end": 11, "text": "12", "value": 12}


def test_a_mention_counts_with_its_span_and_type_and_a_link_to_another_entity_is_wrong(tmp_path):
    gold = load_gold(gold_file(tmp_path, mentions=[AGENCY], numbers=[TWELVE]))
    found = Analysis(TEXT, mentions=[MentionFound(0, 8, "Агенттік", "ORGANISATION", link="org/other")])
    line = report(score(found, gold), 1).splitlines()[-1]
    assert line == "mentions P 1.000 R 1.000 F1 1.000; wrong links 1/1; numbers 0/1; dates 0/0; speech 0/0"


def test_kinds_a_gold_file_does_not_annotate_are_not_scored(tmp_path):
    gold = load_gold(gold_file(tmp_path, annotated=["numbers"], numbers=[TWELVE]))
    assert gold.annotated == ("numbers",)
    found = Analysis(
        TEXT,
        mentions=[MentionFound(0, 8, "Агенттік", "ORGANISATION", link="org/agency")],
        numbers=[NumberFound(9, 11, "12", 12.0, "cases")],
    )
    line = report(score(found, gold), 1).splitlines()[-1]
    assert line == "mentions P - R - F1 -; wrong links -/-; numbers 1/1; dates -/-; speech -/-"


def test_a_kind_is_scored_where_any_file_annotates_it():
    everything = Gold(Path("a.gold.yaml"), TEXT, {"mentions": [], "numbers": [TWELVE], "dates": [], "speech": []})
    numbers_only = Gold(
        Path("b.gold.yaml"), TEXT, {"mentions": [], "numbers": [], "dates": [], "speech": []}, ("numbers",)
    )
    found = Analysis(TEXT, numbers=[NumberFound(9, 11, "12", 12.0, "cases")])
    total = score(found, everything)
    total.add(score(found, numbers_only))
    assert report(total, 2).splitlines()[-1].endswith("numbers 1/1; dates 0/0; speech 0/0")


@pytest.mark.parametrize("annotated", ["speech only", [], ["speech", "quotes"]])
def test_annotated_must_list_known_kinds(tmp_path, annotated):
    with pytest.raises(SourceError, match="'annotated' lists the kinds"):
        load_gold(gold_file(tmp_path, annotated=annotated))


def test_the_command_ends_with_the_summary_line(tmp_path):
    gold_file(tmp_path, annotated=["mentions", "numbers"], mentions=[AGENCY], numbers=[TWELVE])
    result = invoke("ingest", "--score", str(tmp_path))
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.startswith("mentions P ") and last.endswith("; dates -/-; speech -/-")
    assert "numbers 1/1" in last  # «12 іс» is a number of cases whatever else the drafter finds

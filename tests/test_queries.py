"""Each named query answers its competency question as the article does."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest

from fixtures import ROOT
from kg.artifacts import load_built, open_store
from kg.query.named import catalogue
from kg.query.run import run, run_store

QUERIES = catalogue(ROOT / "queries")


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def dataset(built, request):
    """The built KG for each query engine of kg query: every test runs on both."""
    return load_built(built[1]) if request.param == "rdflib" else open_store(built[1])


def answer(dataset, name: str, lang: str = "en") -> list[tuple[str, ...]]:
    engine = run if is_rdflib(dataset) else run_store
    result = engine(dataset, QUERIES[name].text, lang)
    return [tuple("" if v is None else str(v) for v in row) for row in result]


def is_rdflib(dataset) -> bool:
    return not isinstance(dataset, pyoxigraph.Store)


def column(rows: list[tuple[str, ...]], index: int) -> list[str]:
    return [row[index] for row in rows]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_every_query_file_is_a_named_query_with_a_title_and_description():
    assert set(QUERIES) == {p.stem for p in (ROOT / "queries").glob("*.rq")}
    for query in QUERIES.values():
        assert query.title and query.description, query.name


def test_every_named_query_has_a_test_here_or_across_the_corpus():
    here = Path(__file__).read_text(encoding="utf-8")
    across = (Path(__file__).parent / "test_corpus_articles.py").read_text(encoding="utf-8")
    tested = set(re.findall(r'answer\(dataset, "([a-z-]+)"', here))
    tested |= set(re.findall(r'answer\(store, "([a-z-]+)"', across))
    assert tested == set(QUERIES)


def test_who_chaired(dataset, article_text):
    [(_meeting, chair, name, post, quote)] = answer(dataset, "who-chaired")
    assert chair.endswith("/person/altai-kulginov") and name == "Altai Kulginov"
    assert post == "Akim of West Kazakhstan Region"
    assert quote == "Жиынға облыс әкімі Алтай Көлгінов төрағалық етті" and quote in article_text


def test_who_took_part(dataset):
    rows = answer(dataset, "who-took-part")
    assert [(r[2], r[3]) for r in rows] == [("Altai Kulginov", "chair"), ("Alik Shpekbayev", "participant")]


def test_audience(dataset):
    assert sorted(column(answer(dataset, "audience", "kk"), 2)) == sorted(
        [
            "мемлекеттік және құқық қорғау органдарының қызметкерлері",
            "үкіметтік емес ұйым өкілдері",
            "мектеп, балабақша және колледж директорлары",
            "БАҚ қызметкерлері",
        ]
    )


def test_meeting_parts_in_order(dataset):
    rows = answer(dataset, "meeting-parts")
    assert column(rows, 2) == ["opening", "report", "video screening", "questions and answers"]
    assert column(rows, 3) == ["Altai Kulginov", "Alik Shpekbayev", "Alik Shpekbayev", ""]
    assert column(rows, 5) == ["false", "false", "false", "true"]
    assert [r[6].rsplit("/", 1)[-1] for r in rows] == ["", "", "report", ""]


def test_posts(dataset):
    rows = {r[1]: (r[3], r[4], r[5]) for r in answer(dataset, "posts")}
    assert (
        rows["Alik Shpekbayev"][1]
        == "Agency of the Republic of Kazakhstan for Civil Service Affairs and Anti-Corruption"
    )
    # The text never says the akim's post is in the akimat: no organisation is given.
    assert rows["Altai Kulginov"][1:] == ("", "West Kazakhstan Region")
    # His term, a qualifier of the reference table's statement; no one else's is known.
    terms = {r[1]: (r[6], r[7]) for r in answer(dataset, "posts")}
    assert terms["Altai Kulginov"] == ("2016-03-26", "2019-06-13")
    assert terms["Alik Shpekbayev"] == terms["N. Nazarbayev"] == ("", "")
    assert rows["N. Nazarbayev"] == ("President of the Republic of Kazakhstan", "", "Kazakhstan")


def test_documents_in_time_order(dataset):
    rows = answer(dataset, "documents")
    dated = [(r[3], r[4]) for r in rows if r[3]]
    assert dated == [("2006", "2010"), ("2011", "2015"), ("2015", "2025")]
    titles = set(column(rows, 1))
    assert {
        "100 Concrete Steps – Nation Plan",
        "New Code of Ethics for civil servants",
        "New laws on combating corruption",
    } <= titles


def test_numbers(dataset, article_text):
    rows = answer(dataset, "numbers")
    assert sorted(int(v) for v in column(rows, 2)) == [22, 35, 38, 59, 123, 168, 614, 837, 1107]
    for _subject, _measure, value, _area, _period, speaker, quote in rows:
        assert value in quote and quote in article_text
        assert speaker == "Alik Shpekbayev"
    periods = {r[2]: r[4] for r in rows}
    assert periods["614"] == periods["837"] == periods["1107"] == "the last nine months (before the report)"
    assert periods["38"] == "since the start of the year (of the report)"


def test_cases_by_district_with_the_regions_total(dataset):
    assert answer(dataset, "cases-by-district") == [
        ("West Kazakhstan Region", "Oral", "38"),
        ("West Kazakhstan Region", "Zelenov District", "35"),
        ("West Kazakhstan Region", "Terekti District", "22"),
        # Three of the region's units, not its total: the label says so.
        ("West Kazakhstan Region", "sum of the 3 areas named", "95"),
    ]


def test_corroboration(dataset, article_text):
    rows = answer(dataset, "corroboration")
    by_property = {(r[0], r[1], r[2]): r for r in rows}
    rank = by_property[("agrees", "Kazakhstan ranks 123rd of 168 countries", "rank")]
    # The article's 123 of 168 and the CPI 2015 table row, side by side with both sources.
    assert rank[3] == rank[7] == "123" and rank[5] == "Alik Shpekbayev"
    assert rank[6] == "Kazakhstan in the Corruption Perceptions Index 2015"
    assert rank[4] in article_text and "azattyq" in rank[8]
    term = by_property[("agrees", "Altai Kulginov", "holds post")]
    assert term[4] in article_text and "wikipedia" in term[8]
    assert all(r[0] in ("agrees", "disagrees") for r in rows) and len(rows) == 2


def test_claims_by_speaker(dataset, article_text):
    rows = answer(dataset, "claims-by-speaker")
    speakers = set(column(rows, 0))
    assert speakers == {"Alik Shpekbayev", "Altai Kulginov"}
    text = squeeze(article_text)
    sentences_of: dict[str, list[str]] = {}
    for _speaker, _subject, _prop, _obj, quote, sentence in rows:
        assert quote in article_text and squeeze(sentence) in text
        sentences_of.setdefault(quote, []).append(squeeze(sentence))
    for quote, sentences in sentences_of.items():
        ordered = sorted(set(sentences), key=text.index)
        assert squeeze(quote) in " ".join(ordered)
    ethics = [r for r in rows if r[2] == "bans"]
    assert ethics and ethics[0][0] == "Alik Shpekbayev" and ethics[0][3] == "Gifts of any kind"


def test_hotspot_sectors(dataset):
    rows = answer(dataset, "hotspot-sectors")
    assert sorted(column(rows, 2)) == [
        "Internal affairs bodies",
        "Local police service",
        "School and pre-school education organisations",
        "State revenue bodies",
    ]
    police = next(r for r in rows if r[2] == "Local police service")
    assert police[3] == "Internal affairs bodies" and police[4] == "Legal statistics data"


def test_code_of_ethics_bans(dataset, article_text):
    [(_document, banned, speaker, quote)] = answer(dataset, "code-of-ethics-bans", "kk")
    assert banned == "сыйлықтың кез келген түрі" and speaker == "Алик Шпекбаев"
    assert "тыйым салынғандығына" in quote and quote in article_text


def test_places_in_west_kazakhstan(dataset):
    rows = answer(dataset, "places-in-west-kazakhstan")
    assert [(r[1], r[3].rsplit("/", 1)[-1]) for r in rows] == [
        ("Oral", "Q487439"),
        ("Terekti District", "Q2736634"),
        ("Zelenov District", "Q2737304"),
    ]


def test_outside_facts_name_their_sources(dataset):
    rows = answer(dataset, "outside-facts")
    assert len(rows) == 28
    assert all(row[3] for row in rows)
    law = [r for r in rows if r[0] == 'Law of the Republic of Kazakhstan "On Combating Corruption"']
    assert {(r[1], r[2]) for r in law} == {
        ("adopted on", "2015-11-18"),
        ("in force from", "2016-01-01"),
        ("act number", "410-V"),
    }
    assert {r[3] for r in law} == {"https://adilet.zan.kz/eng/docs/Z1500000410"}


def test_adoption_dates_keep_the_articles_words_beside_outside_dates(dataset):
    rows = {r[0]: r[1:] for r in answer(dataset, "adoption-dates")}
    said, adopted, in_force, number = rows["New laws on combating corruption"]
    assert said == "the beginning of the year (of the report)"
    assert (adopted, in_force, number) == ("2015-11-18", "2016-01-01", "410-V")
    assert rows["New Code of Ethics for civil servants"] == (
        "the beginning of the year (of the report)",
        "2015-12-29",
        "",
        "153",
    )


def test_wikidata_links(dataset):
    rows = answer(dataset, "wikidata-links")
    assert len(rows) == 12
    by_name = {r[1]: r[2].rsplit("/", 1)[-1] for r in rows}
    assert by_name["Kazakhstan"] == "Q232" and by_name["Transparency International"] == "Q174240"
    assert all(r[3] for r in rows)


def test_aims_and_tasks(dataset):
    rows = answer(dataset, "aims-and-tasks")
    plan = [(r[1], r[2]) for r in rows if r[0] == "100 Concrete Steps – Nation Plan"]
    assert plan == [
        ("focuses on", "Reform to build a professional state apparatus"),
        ("has aim", "Raising the ethics of the civil service"),
        ("has aim", "Strengthening the fight against corruption"),
    ]
    tasks = {r[2] for r in rows if r[1] == "has main task"}
    assert tasks == {
        "Improving national legislation",
        "Protecting citizens' rights and freedoms",
        "Stopping corruption",
    }


def test_comparisons(dataset):
    rows = answer(dataset, "comparisons")
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("ranked alongside", "China", ""),
        ("ranked alongside", "Russia", ""),
        ("should aspire to join", "Canada", "obligation"),
        ("should aspire to join", "Finland", "obligation"),
        ("should aspire to join", "Germany", "obligation"),
    ]


def test_misconduct(dataset):
    assert answer(dataset, "misconduct", "kk") == [
        ("лауазымды тұлғалар", "алдау"),
        ("лауазымды тұлғалар", "пара алу"),
        ("лауазымды тұлғалар", "ішімдік ішу"),
    ]


def test_policy_shift(dataset, article_text):
    [(_policy, formerly, now, speaker)] = answer(dataset, "policy-shift", "kk")
    assert formerly in squeeze(article_text).replace("жоюмен", "жою")
    assert now.split()[0] == "жемқорлықтың" and speaker == "Алик Шпекбаев"


def test_risk_levels(dataset):
    assert answer(dataset, "risk-levels") == [
        ("North Kazakhstan Region", "Low", "Alik Shpekbayev"),
        ("West Kazakhstan Region", "Medium", "Alik Shpekbayev"),
    ]


def test_mentions(dataset, article_text):
    rows = answer(dataset, "mentions")
    counts = {r[1]: int(r[2]) for r in rows}
    assert counts["Alik Shpekbayev"] == 6
    assert counts["Altai Kulginov"] == article_text.count("Алтай Көлгінов") + article_text.count("Алтай Сейдірұлы")
    assert all(squeeze(r[3]) in squeeze(article_text) for r in rows)

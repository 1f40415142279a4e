"""The real corpus in data/: the seed and eight reviewed articles, one graph.

Entities resolve across articles, and the named queries that read across
articles answer from their texts."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pyoxigraph
import pytest
import yaml

from fixtures import ROOT, SEED, copy_seed_data, invoke
from kg.artifacts import load_built, open_store
from kg.namespaces import DEFAULT_BASE
from kg.pipeline.build import Paths, build
from kg.pipeline.sources import load_sources
from kg.query.named import catalogue
from kg.query.run import run_store
from kg.query.why import Explainer

QUERIES = catalogue(ROOT / "queries")
ARTICLES = sorted(p.stem for p in (ROOT / "data" / "articles").glob("*.yaml"))

# Entities that two articles or more mention, each one IRI whatever the
# article's spelling or case ending (docs/corpus.md says why each is one).
SHARED = {
    "place/kazakhstan": 7,
    "org/anti-corruption-agency": 5,
    "org/anti-corruption-agency-2019": 4,
    "post/agency-deputy-chairman": 4,
    "place/turkistan-region": 3,
    "person/olzhas-bektenov": 2,
    "person/makhambet-dosmukhambetov": 2,
    "person/gabit-zhundibayev": 2,
    "place/east-kazakhstan-region": 2,
    "place/jambyl-region": 2,
    "place/kostanay-region": 2,
    "place/mangystau-region": 2,
    "place/akmola-region": 2,
    "place/atyrau-region": 2,
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    result = build(Paths(ROOT / "data", ROOT / "ontology", out), DEFAULT_BASE)
    assert result.report.conforms
    return out


@pytest.fixture(scope="module")
def store(corpus) -> pyoxigraph.Store:
    return open_store(corpus)


def answer(store: pyoxigraph.Store, name: str, lang: str = "en") -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in run_store(store, QUERIES[name].text, lang)]


def kg(path: str) -> str:
    return DEFAULT_BASE + path


def test_data_holds_the_seed_and_at_least_six_reviewed_real_articles():
    assert SEED in ARTICLES and len(ARTICLES) >= 7
    sources = load_sources(ROOT / "data")
    assert all(article.reviewed and not article.review_notes for article in sources.articles)
    for article in sources.articles:
        if article.file_name != f"{SEED}.txt":
            assert article.url and article.url.startswith("https://"), article.file_name
            assert article.review is not None, article.file_name


def test_each_corpus_text_is_the_benchmark_text_it_was_reviewed_from():
    rows = (ROOT / "data" / "reference" / "corpus-sources.csv").read_text(encoding="utf-8").splitlines()[1:]
    for row in csv.reader(rows):
        text, benchmark = row[4], row[5]
        assert (ROOT / "data" / "articles" / text).read_bytes() == (ROOT / benchmark).read_bytes()


@pytest.mark.parametrize(("entity", "articles"), sorted(SHARED.items()))
def test_a_shared_entity_is_one_iri_across_articles(store, entity, articles):
    rows = {row[0]: int(row[2]) for row in answer(store, "entities-in-most-articles")}
    assert rows[kg(entity)] == articles


def test_at_least_ten_entities_are_shared_by_two_articles_or_more(store):
    assert len(answer(store, "entities-in-most-articles")) >= 10


@pytest.mark.parametrize(
    ("entity", "stem"),
    [("person/makhambet-dosmukhambetov", "Досмұхамбетов"), ("person/gabit-zhundibayev", "Жүндібаев")],
)
def test_one_person_is_one_iri_whatever_the_spelling_or_case_ending(entity, stem):
    forms: dict[str, set[str]] = {}
    for path in (ROOT / "data" / "articles").glob("*.yaml"):
        mentions = yaml.safe_load(path.read_text(encoding="utf-8"))["mentions"]
        if entity in mentions:
            forms[path.stem] = set(mentions[entity])
    # Two articles, each its own written form (Досмұхамбетовтің, Досмұхамбетовпен;
    # Ғабит Жүндібаев, Ғ.Жүндібаев), one entity.
    assert len(forms) == 2
    first, second = forms.values()
    assert first.isdisjoint(second) and all(stem in form for form in first | second if "ұлы" not in form)


def test_the_two_agencies_stay_two(store):
    same = f"ASK {{ <{kg('org/anti-corruption-agency')}> <http://www.w3.org/2002/07/owl#sameAs> ?x }}"
    assert not bool(store.query(same))
    labels = dict(
        (str(s.value), str(o.value))
        for s, o in store.query(
            "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o . FILTER (LANG(?o) = 'en') }"
        )
    )
    assert labels[kg("org/anti-corruption-agency")] != labels[kg("org/anti-corruption-agency-2019")]


def test_each_agency_carries_its_own_date_from_the_reference_table(store):
    dates = {
        (str(s.value), str(p.value).rsplit("#", 1)[1]): str(o.value)
        for s, p, o in store.query(
            "SELECT ?s ?p ?o WHERE { VALUES ?p { <https://kg.example.org/ontology#formedOn> "
            "<https://kg.example.org/ontology#regulationApprovedOn> } ?s ?p ?o }"
        )
    }
    assert dates == {
        (kg("org/anti-corruption-agency"), "formedOn"): "2016-09-13",
        (kg("org/anti-corruption-agency-2019"), "regulationApprovedOn"): "2019-07-22",
    }


def test_speakers_across_articles(store, corpus):
    rows = answer(store, "speakers-across-articles")
    by_speaker: dict[str, set[str]] = {}
    for speaker, article, *_ in rows:
        by_speaker.setdefault(speaker, set()).add(article)
    assert len(by_speaker) >= 8
    # One person quoted in two articles, under one name.
    assert len(by_speaker["Gabit Zhundibayev"]) == 2
    texts = {p.read_text(encoding="utf-8") for p in (ROOT / "data" / "articles").glob("*.txt")}
    assert all(any(row[6] in text for text in texts) for row in rows)


def test_articles_per_region(store):
    rows = {row[1]: int(row[2]) for row in answer(store, "articles-per-region")}
    assert rows["Turkistan Region"] == 3
    assert rows["West Kazakhstan Region"] == 1
    assert list(rows.values()) == sorted(rows.values(), reverse=True)


def test_the_same_measure_over_time_from_different_articles(store):
    rows = answer(store, "measure-over-time")
    by_measure: dict[str, set[str]] = {}
    for row in rows:
        by_measure.setdefault(row[0], set()).add(row[4])
    assert by_measure and all(len(articles) >= 2 for articles in by_measure.values())
    assert {"number of persons", "rank"} <= set(by_measure)


def test_no_pair_counts_different_things_side_by_side(store):
    # 614 officials fined and 9 000 people surveyed are both "number of persons"
    # in Kazakhstan; CPI's 123 of 168 and "first in the post-Soviet space" are
    # both ranks: none of them is the same question asked twice.
    assert answer(store, "measure-side-by-side") == []


def test_two_articles_values_of_the_same_measure_stand_side_by_side(tmp_path):
    # A second article that reports the seed's figures (its own copy, for the
    # test) is paired with the seed, figure by figure.
    data = copy_seed_data(tmp_path / "data")
    articles = data / "articles"
    text = (articles / f"{SEED}.txt").read_bytes()
    shutil.copy(articles / f"{SEED}.txt", articles / "900_copy.txt")
    facts = (articles / f"{SEED}.yaml").read_text(encoding="utf-8")
    facts = facts.replace("id: article/45cd44230e9f16be", "id: article/copy-of-the-seed", 1)
    facts = facts.replace(f"text: {SEED}.txt", "text: 900_copy.txt", 1)
    # Its own observations, as any article has.
    facts = facts.replace("observation/cases-", "observation/copy-cases-")
    (articles / "900_copy.yaml").write_text(facts, encoding="utf-8")
    own = {
        f"observation/copy-cases-{area}": {
            "type": "Observation",
            "dataset": "dataset/west-kazakhstan-corruption-cases",
            "label": {"kk": f"{area} (көшірме)", "en": f"{area} (the copy's)"},
        }
        for area in ("oral", "zelenov-district", "terekti-district")
    }
    (data / "entities").mkdir()
    (data / "entities" / "copy.yaml").write_text(yaml.safe_dump(own, allow_unicode=True), encoding="utf-8")
    assert (articles / "900_copy.txt").read_bytes() == text
    out = tmp_path / "out"
    result = invoke("build", "-q", "--data", str(data), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = answer(open_store(out), "measure-side-by-side")
    cases = {(r[1], r[2], r[5]) for r in rows if r[0] == "number of cases opened"}
    assert cases == {("Oral", "38", "38"), ("Zelenov District", "35", "35"), ("Terekti District", "22", "22")}


def test_every_inferred_triple_of_the_corpus_is_explained(corpus):
    explainer = Explainer.of_dataset(load_built(corpus, "all"), DEFAULT_BASE)
    inferred = explainer.inferred_triples((None, None, None))
    assert len(inferred) > 1000
    assert [t for t in inferred if explainer.explain(t) is None] == []


def test_articles_of_the_corpus_agree_with_each_other(store):
    rows = answer(store, "corroboration")
    between_articles = [r for r in rows if not r[8].startswith("http")]
    # The same post in the same Agency, stated by two articles, and Bektenov's post.
    assert any(r[1] == "Olzhas Bektenov" and r[2] == "holds post" for r in between_articles)
    assert all(r[0] == "agrees" for r in rows)

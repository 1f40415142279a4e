"""Corroboration after a change finds what it finds from nothing, byte for byte.

The rules see each partition of the statements (those of one rdf:predicate)
with its scope (kg.pipeline.scope); a build after a change compares again
only the partitions whose scope changed. These tests change what makes
statements one proposition, what links them, and what other articles say of
the things they are about, and check the result against a comparison from
nothing: of the rules alone, and of whole builds.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

import kg.engines.validators
import kg.pipeline.corroborate
from fixtures import ROOT, seed_root
from kg.formats.ntriples import ntriples_lines
from kg.namespaces import DEFAULT_BASE, KGO, OA, GraphNames
from kg.pipeline.build import Paths, build
from kg.pipeline.cache import CACHE_DIR
from kg.pipeline.corroborate import corroborate, load_rules
from kg.rdf import Triple
from kg.store import DATABASE_DIR, STORE_DIR

NAMES = GraphNames(DEFAULT_BASE)
RULES = load_rules(ROOT / "ontology")


def iri(path: str) -> URIRef:
    return URIRef(DEFAULT_BASE + path)


# -- the rules alone, over changes made at random ----------------------------------------


def _claim(name: str, subject: URIRef, predicate: URIRef, value: int | URIRef, article: str) -> set[Triple]:
    """A fact and the statement of an article that states it."""
    st, evidence = iri(f"statement/{name}"), iri(f"evidence/{name}")
    value = value if isinstance(value, URIRef) else Literal(value)
    return {
        (st, RDF.type, KGO.Statement),
        (st, RDF.subject, subject),
        (st, RDF.predicate, predicate),
        (st, RDF.object, value),
        (st, PROV.wasDerivedFrom, evidence),
        (evidence, OA.hasSource, iri(f"article/{article}")),
        (subject, predicate, value),
    }


class World:
    """Claims on a few observations, changed one step at a time: values,
    predicates, sources, and the observations' area and period, which other
    claims than the ones about them (other articles) may give."""

    MEASURES = (KGO.rank, KGO.numberOfPersons, KGO.score)  # measures; two are functional
    AREAS = (iri("place/kazakhstan"), iri("place/west-kazakhstan-region"))
    PERIODS = (iri("time/this-year"), iri("time/last-nine-months"))

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.claims: dict[str, tuple[int, int, int, int]] = {}  # name: observation, measure, value, article
        self.dimensions: dict[tuple[int, URIRef], int] = {}  # (observation, refArea or refPeriod): which
        for n in range(8):
            self.claims[f"c{n}"] = (n % 4, n % 2, self.random.randrange(2), self.random.randrange(3))
        for observation in range(4):
            self.dimensions[(observation, KGO.refArea)] = 0
        self.made = len(self.claims)

    def step(self) -> None:
        name = self.random.choice(sorted(self.claims))
        observation, measure, value, article = self.claims[name]
        match self.random.randrange(6):
            case 0:
                self.claims[name] = (observation, measure, 1 - value, article)
            case 1:
                self.claims[name] = (observation, self.random.randrange(3), value, article)
            case 2:
                self.claims[name] = (observation, measure, value, self.random.randrange(3))
            case 3:  # a claim gone, another made
                del self.claims[name]
                self.claims[f"c{self.made}"] = (self.random.randrange(4), measure, value, article)
                self.made += 1
            case _:
                key = (self.random.randrange(4), self.random.choice((KGO.refArea, KGO.refPeriod)))
                if key in self.dimensions and self.random.randrange(3) == 0:
                    del self.dimensions[key]
                else:
                    self.dimensions[key] = self.random.randrange(2)

    def quads(self) -> dict[URIRef, set[Triple]]:
        triples: set[Triple] = set()
        for name, (observation, measure, value, article) in self.claims.items():
            triples |= _claim(name, iri(f"observation/o{observation}"), self.MEASURES[measure], value, f"a{article}")
        for (observation, dimension), which in self.dimensions.items():
            values = self.AREAS if dimension == KGO.refArea else self.PERIODS
            triples.add((iri(f"observation/o{observation}"), dimension, values[which]))
        return {NAMES.provenance: triples}


def _subjects_changed(before: dict, after: dict) -> set[bytes]:
    lines = set(ntriples_lines(set().union(*before.values()))) ^ set(ntriples_lines(set().union(*after.values())))
    return {line[: line.index(b" ")] for line in lines}


@pytest.mark.parametrize("seed", range(6))
def test_corroboration_after_each_change_is_that_of_the_whole(ontology, seed):
    world = World(seed)
    quads = world.quads()
    found = corroborate(quads, set(ontology), RULES)
    linked = 0
    for _ in range(25):
        world.step()
        now = world.quads()
        again = corroborate(now, set(ontology), RULES, since=(found.compared, _subjects_changed(quads, now)))
        assert again == corroborate(now, set(ontology), RULES)
        quads, found, linked = now, again, linked + bool(again.links)
    assert linked  # the changes made and unmade links, not only propositions


def _compared_partitions(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The partitions each corroboration compares, as it compares them."""
    calls: list[set[str]] = []
    compare = kg.pipeline.corroborate._compare

    def counted(lines, ontology, rules, statements, partitions):
        calls.append(set(partitions))
        return compare(lines, ontology, rules, statements, partitions)

    monkeypatch.setattr(kg.pipeline.corroborate, "_compare", counted)
    return calls


def test_a_change_compares_again_only_the_partitions_it_reaches(ontology, monkeypatch):
    """Another article giving a period to an observation a rank claim is
    about compares the ranks again, and the number of persons not."""
    triples = {(iri("observation/o1"), KGO.refPeriod, iri("time/this-year"))}
    for n, article in enumerate(("a1", "a2")):
        observation = iri(f"observation/o{n}")
        triples |= _claim(f"rank{n}", observation, KGO.rank, 123 + n, article)
        triples |= _claim(f"persons{n}", iri(f"observation/p{n}"), KGO.numberOfPersons, 5, article)
        triples |= {(observation, KGO.refArea, iri("place/kazakhstan"))}
    quads = {NAMES.provenance: triples}
    found = corroborate(quads, set(ontology), RULES)
    assert not found.links  # a period on one only: values of different years may both be right
    period = _claim("period", iri("observation/o0"), KGO.refPeriod, iri("time/this-year"), "a3")
    now = {NAMES.provenance: triples | period}
    calls = _compared_partitions(monkeypatch)
    again = corroborate(now, set(ontology), RULES, since=(found.compared, _subjects_changed(quads, now)))
    assert calls == [{f"<{KGO.rank}>", f"<{KGO.refPeriod}>"}]
    assert {relation for _, relation, _ in again.links} == {KGO.disagreesWith}
    assert again == corroborate(now, set(ontology), RULES)


def _rule_folder(tmp_path: Path, text: str) -> list:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "any.rq").write_text(text, encoding="utf-8")
    return load_rules(tmp_path)


def test_rules_compare_statements_of_one_predicate_only(tmp_path, ontology):
    """The contract of ontology/rules/README.md: a rule linking any two
    statements about one thing links those of one predicate, not the others."""
    rules = _rule_folder(
        tmp_path,
        "PREFIX kgo: <https://kg.example.org/ontology#>\n"
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
        "CONSTRUCT { ?a kgo:agreesWith ?b } WHERE {\n"
        "  ?a a kgo:Statement ; rdf:subject ?s . ?b a kgo:Statement ; rdf:subject ?s . FILTER (?a != ?b) }",
    )
    observation = iri("observation/o")
    triples = (
        _claim("rank", observation, KGO.rank, 1, "a1")
        | _claim("rank-again", observation, KGO.rank, 2, "a2")
        | _claim("score", observation, KGO.score, 1, "a3")
    )
    found = corroborate({NAMES.provenance: triples}, set(ontology), rules)
    linked = {found.propositions[first] + found.propositions[second] for first, _, second in found.links}
    assert linked == {
        (iri("statement/rank"), iri("statement/rank-again")),
        (iri("statement/rank-again"), iri("statement/rank")),
    }


# -- whole builds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.bench.corpus import generate

    return generate(seed_root() / "data", tmp_path_factory.mktemp("corpus") / "c", 3, facts_per_article=4)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _second_fined(data: Path, persons: int = 614) -> None:
    """A fourth article: the first again, its count of officials fined an
    observation of its own, of ``persons``."""
    articles = data / "articles"
    shutil.copy(articles / "syn-00001.txt", articles / "syn-00004.txt")
    text = (articles / "syn-00001.yaml").read_text(encoding="utf-8")
    text = text.replace("article/syn-00001", "article/syn-00004").replace("text: syn-00001.txt", "text: syn-00004.txt")
    text = text.replace("observation/officials-fined-1", "observation/officials-fined-4")
    (articles / "syn-00004.yaml").write_text(text.replace("value: 614", f"value: {persons}"), encoding="utf-8")
    with (data / "entities.yaml").open("a", encoding="utf-8") as entities:
        entities.write(
            "observation/officials-fined-4:\n  dataset: dataset/nationwide-sanctions-1\n"
            "  label:\n    en: 'officials fined #4'\n    kk: 'айыппұл #4'\n  type: Observation\n"
        )


def _period_from_another_article(data: Path) -> None:
    """Article 2 gives the period of article 1's observation of the country's rank."""
    with (data / "articles" / "syn-00002.yaml").open("a", encoding="utf-8") as article:
        article.write(
            "- id: rank-period-elsewhere\n  s: observation/kazakhstan-corruption-rank-1\n"
            "  p: refPeriod\n  o: time/this-year\n  quote: Батыс Қазақстанда\n"
        )


FINED = "p: numberOfPersons\n  value: "
RANK_VALUE = f"<{DEFAULT_BASE}statement/syn-00001/rank-value> <{KGO.expresses}>"
CHANGES: dict[str, tuple[Callable[[Path], None] | None, Callable[[Path], None], tuple[str, int]]] = {
    # name: (what the data is before the first build, the change, and what tells it in the
    # corroboration graph: a text, and whether more lines (1) or fewer (-1) hold it after the change)
    "a statement leaves its proposition": (
        None,
        lambda d: _edit(d / "articles" / "syn-00001.yaml", "p: rank\n  value: 123", "p: rank\n  value: 124"),
        (RANK_VALUE, -1),
    ),
    "a disagreement appears": (
        _second_fined,
        lambda d: _edit(d / "articles" / "syn-00004.yaml", f"{FINED}614", f"{FINED}600"),
        ("disagreesWith", 1),
    ),
    "a disagreement goes": (
        lambda d: _second_fined(d, 600),
        lambda d: _edit(d / "articles" / "syn-00004.yaml", f"{FINED}600", f"{FINED}614"),
        ("disagreesWith", -1),
    ),
    "another article gives what a statement is about a period": (
        None,
        _period_from_another_article,
        ("agreesWith", 1),
    ),
}


def _build(data: Path, out: Path, cache: bool = True) -> None:
    build(Paths(data, ROOT / "ontology", out), DEFAULT_BASE, cache=cache)


def _written(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in out.iterdir() if path.is_file() and path.name != ".kg.lock"}


def _store_quads(out: Path) -> list[str]:
    store = pyoxigraph.Store.read_only(str(out / STORE_DIR / DATABASE_DIR))
    return sorted(str(quad) for quad in store.quads_for_pattern(None, None, None, None))


def _holding(out: Path, text: str) -> int:
    """How often the lines of the corroboration graph hold ``text``."""
    return (out / CACHE_DIR / "corroboration.nq").read_text(encoding="utf-8").count(text)


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_what_sources_corroborate_is_written_as_a_full_build(corpus, tmp_path, monkeypatch, change):
    monkeypatch.setattr(kg.engines.validators, "SPLIT_FROM", 0)  # validated in chunks, where it changed
    before, after, (text, more) = CHANGES[change]
    data = tmp_path / "data"
    shutil.copytree(corpus, data)
    if before:
        before(data)
    out = tmp_path / "out"
    _build(data, out)
    held = _holding(out, text)
    after(data)
    calls = _compared_partitions(monkeypatch)
    _build(data, out)
    assert (_holding(out, text) - held) * more > 0, "the change did not change the corroboration graph as it should"
    full = tmp_path / "full"
    _build(data, full, cache=False)
    incremental, everything = calls
    assert incremental < everything  # the build after the change compared only some partitions again
    assert _written(out) == _written(full)
    assert _store_quads(out) == _store_quads(full)


def test_a_damaged_record_of_what_was_compared_compares_everything(corpus, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(corpus, data)
    out = tmp_path / "out"
    _build(data, out)
    record = out / CACHE_DIR / "compared.json"
    record.write_bytes(record.read_bytes().replace(b"syn-00001/rank-value", b"syn-00001/rank-other"))
    CHANGES["a statement leaves its proposition"][1](data)
    calls = _compared_partitions(monkeypatch)
    notes: list[str] = []
    build(Paths(data, ROOT / "ontology", out), DEFAULT_BASE, notes.append)
    assert any(f"{record} is not the one the last build wrote" in note for note in notes), notes
    full = tmp_path / "full"
    _build(data, full, cache=False)
    assert calls[0] == calls[1]
    assert _written(out) == _written(full)


def test_observations_told_apart_by_a_dimension_valued_by_an_iri_are_not_linked(ontology):
    """Two counts of one measure, area and period, of different kinds of
    sanction (an IRI-valued dimension): neither the same observation said
    twice nor two values of one, so neither agreement nor disagreement."""
    triples: set[Triple] = set()
    for name, sanction, value, article in (("fined", "fine", 614, "a1"), ("confiscated", "confiscation", 837, "a2")):
        observation = iri(f"observation/{name}")
        triples |= _claim(name, observation, KGO.numberOfPersons, value, article)
        triples |= {
            (observation, KGO.refArea, World.AREAS[0]),
            (observation, KGO.refPeriod, World.PERIODS[0]),
            (observation, KGO.sanction, iri(f"category/{sanction}")),
        }
    assert not corroborate({NAMES.provenance: triples}, set(ontology), RULES).links
    # The same kind of sanction: two values of one count disagree.
    same = {(s, p, iri("category/fine")) if p == KGO.sanction else (s, p, o) for s, p, o in triples}
    assert corroborate({NAMES.provenance: same}, set(ontology), RULES).links

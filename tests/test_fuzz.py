"""Property-based tests: any valid facts round-trip through every format; any
corruption of the sources is refused cleanly, never with a traceback."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from fixtures import ROOT, copy_seed_data, digests
from kg.errors import KGError, SourceError
from kg.formats import FORMATS, serialize
from kg.namespaces import DEFAULT_BASE
from kg.pipeline.build import Paths, build, load_ontology
from kg.pipeline.compile import compile_dataset
from kg.pipeline.sources import load_sources
from kg.rdf import union_graph

ONTOLOGY = load_ontology(ROOT / "ontology" / "kg.ttl")
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a curator might meet: Kazakh and Latin letters, digits, punctuation,
# quotes and escapes that serializers must handle.
ALPHABET = "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя" + "ӘҒҚҢӨҰҮҺІ" + "xyz019" + "«»\"'\\-–.,:;!?<>&{}@#%"
words = st.text(alphabet=ALPHABET, min_size=1, max_size=12)
labels = st.text(alphabet=ALPHABET + " ", min_size=1, max_size=30).filter(lambda t: t.strip() == t and t)


@st.composite
def sources(draw) -> dict:
    """A small, valid data folder: countries, a text naming each, facts quoting it."""
    count = draw(st.integers(min_value=2, max_value=5))
    names = [f"Ел{i}қ" for i in range(count)]
    filler = draw(st.lists(words, min_size=count, max_size=count))
    text = "ұйым " + " ".join(f"{name} {extra}" for name, extra in zip(names, filler, strict=True)) + "\u00a0 соңы.\n"
    entities = {"org/publisher": {"type": "Organisation", "label": {"kk": "ұйым", "en": "publisher"}}} | {
        f"place/country-{i}": {"type": "Country", "label": {"kk": draw(labels), "en": draw(labels)}}
        for i in range(count)
    }
    facts = [
        {
            "id": f"fact-{i}",
            "s": f"place/country-{i}",
            "p": "rankedAlongside",
            "o": f"place/country-{i + 1}",
            "quote": f"{names[i]} {filler[i]} {names[i + 1]}",
        }
        for i in range(count - 1)
    ]
    facts.append(
        {
            "id": "titled",
            "s": "place/country-0",
            "p": "assessment",
            "value": {"kk": draw(labels), "en": draw(labels)},
            "quote": names[0],
        }
    )
    return {"text": text, "entities": entities, "facts": facts, "names": names}


def write_sources(folder: Path, drawn: dict) -> None:
    articles = folder / "articles"
    articles.mkdir(parents=True)
    (articles / "a.txt").write_text(drawn["text"], encoding="utf-8")
    (folder / "entities.yaml").write_text(yaml.safe_dump(drawn["entities"], allow_unicode=True), encoding="utf-8")
    article = {
        "article": {
            "id": "article/a",
            "text": "a.txt",
            "language": "kk",
            "publisher": "org/publisher",
            "sha256": hashlib.sha256(drawn["text"].encode()).hexdigest(),
            "label": {"kk": "м", "en": "a"},
        },
        "mentions": {"org/publisher": ["ұйым"]} | {f"place/country-{i}": [n] for i, n in enumerate(drawn["names"])},
        "facts": drawn["facts"],
    }
    (articles / "a.yaml").write_text(yaml.safe_dump(article, allow_unicode=True), encoding="utf-8")
    (folder / "reference").mkdir()


@SETTINGS
@given(sources())
def test_compiled_facts_round_trip_and_are_deterministic(drawn):
    with tempfile.TemporaryDirectory() as tmp:
        write_sources(Path(tmp), drawn)
        dataset = compile_dataset(load_sources(Path(tmp)), ONTOLOGY, DEFAULT_BASE)
        again = compile_dataset(load_sources(Path(tmp)), ONTOLOGY, DEFAULT_BASE)
    graph = union_graph(dataset, DEFAULT_BASE)
    for fmt in FORMATS.values():
        data = serialize(dataset, fmt.name, DEFAULT_BASE)
        assert data == serialize(again, fmt.name, DEFAULT_BASE), fmt.name
        if fmt.keeps_graphs:
            back = Dataset()
            back.parse(data=data, format=fmt.parser)
            assert {(s, p, o, str(g)) for s, p, o, g in back.quads()} == {
                (s, p, o, str(g)) for s, p, o, g in dataset.quads()
            }, fmt.name
        else:
            assert isomorphic(Graph().parse(data=data, format=fmt.parser), graph), fmt.name


ARTICLE = ROOT / "data" / "articles" / "000_45cd44230e9f16be.txt"
FACTS = ROOT / "data" / "articles" / "000_45cd44230e9f16be.yaml"


def _corrupt(data: bytes, position: int, byte: int) -> bytes:
    position %= len(data)
    replacement = byte if byte != data[position] else (byte + 1) % 256
    return data[:position] + bytes([replacement]) + data[position + 1 :]


@SETTINGS
@given(position=st.integers(min_value=0), byte=st.integers(min_value=0, max_value=255))
def test_any_corruption_of_the_article_is_refused_and_loses_nothing(good_output, position, byte):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copy_seed_data(root / "data")
        shutil.copytree(good_output, root / "build")
        target = root / "data" / "articles" / ARTICLE.name
        target.write_bytes(_corrupt(ARTICLE.read_bytes(), position, byte))
        try:
            build(Paths(root / "data", ROOT / "ontology", root / "build"), DEFAULT_BASE)
        except SourceError as error:
            assert "SHA-256" in str(error) or "UTF-8" in str(error)
        else:
            raise AssertionError("a corrupted article was accepted")
        assert digests(root / "build") == digests(good_output)


@SETTINGS
@given(position=st.integers(min_value=0), byte=st.integers(min_value=0, max_value=255))
def test_any_corruption_of_the_facts_is_compiled_or_refused_cleanly(position, byte):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copy_seed_data(root / "data")
        target = root / "data" / "articles" / FACTS.name
        target.write_bytes(_corrupt(FACTS.read_bytes(), position, byte))
        try:
            compile_dataset(load_sources(root / "data"), ONTOLOGY, DEFAULT_BASE)
        except KGError as error:
            assert str(error) and "\n" not in str(error)

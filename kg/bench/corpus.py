"""A synthetic corpus for benchmarks: the seed article's real structure, N times.

Each synthetic article reuses the seed text (so every quote and offset is real)
under its own article IRI, with its own meeting, parts, data sets and
observations (so its statements and evidence are its own), while sharing what
news articles share: the country, regions, agency, persons, laws and concepts.

With ``facts_per_article`` every article after the first states only part
of the seed's facts (whole groups at a time, so that each thing it
describes is described fully), the next article going on where the last
stopped: articles of a news item's size instead of the seed's 140 facts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from kg.atomic import new_folder
from kg.errors import SourceError
from kg.pipeline.sources import load_yaml

PER_ARTICLE = ("event/", "observation/", "dataset/")
SEED = "000_45cd44230e9f16be"


def _own(entity_id: str) -> bool:
    return (
        entity_id.startswith(PER_ARTICLE)
        and entity_id != "observation/cpi-2015-kazakhstan"
        and (entity_id != "dataset/corruption-perceptions-index-2015")
    )


def _renamed(entity_id: str, index: int) -> str:
    return f"{entity_id}-{index}" if _own(entity_id) else entity_id


def _plain(value: object) -> object:
    """YAML as plain dicts and lists (the strict loader's mappings carry line numbers)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _clusters(facts: list[dict], entities: dict) -> list[list[dict]]:
    """The seed's facts in groups that describe their things fully: one group
    for each set of an article's own things linked to each other (a meeting
    and its parts, a data set and its observations), one for each other subject."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for entity_id, body in entities.items():
        if _own(entity_id) and _own(body.get("dataset", "")):
            parent[root(entity_id)] = root(body["dataset"])
    for fact in facts:
        if _own(fact["s"]) and _own(fact.get("o", "")):
            parent[root(fact["s"])] = root(fact["o"])
    groups: dict[str, list[dict]] = {}
    for fact in facts:
        owner = (
            fact["s"]
            if not _own(fact["s"]) and not _own(fact.get("o", ""))
            else root(fact["s"] if _own(fact["s"]) else fact["o"])
        )
        groups.setdefault(owner, []).append(fact)
    return list(groups.values())


class _FactWindow:
    """Whole groups of facts, about ``size`` a turn, going round the seed."""

    def __init__(self, groups: list[list[dict]], size: int | None) -> None:
        self.groups, self.size, self.next = groups, size, 0

    def take(self) -> list[dict]:
        if self.size is None:
            return [fact for group in self.groups for fact in group]
        taken: list[dict] = []
        while len(taken) < self.size:
            taken += self.groups[self.next % len(self.groups)]
            self.next += 1
        return taken


def _referenced(facts: list[dict]) -> set[str]:
    return {fact["s"] for fact in facts} | {fact["o"] for fact in facts if "o" in fact}


def generate(data_dir: Path, out_dir: Path, articles: int, facts_per_article: int | None = None) -> Path:
    """Write a data folder of ``articles`` synthetic articles to ``out_dir``/data.

    ``out_dir`` must be new or empty: the corpus is written into a temporary
    folder and renamed into place, so nothing that exists is replaced."""
    for name in ("entities.yaml", f"articles/{SEED}.yaml", f"articles/{SEED}.txt"):
        if not (data_dir / name).is_file():
            raise SourceError(f"{data_dir / name}: not found; the generator scales the seed article's sources")
    with new_folder(out_dir) as staging:
        _write_corpus(data_dir, staging / "data", articles, facts_per_article)
    return out_dir / "data"


def _other_outside_facts(_folder: str, names: list[str]) -> set[str]:
    return {name for name in names if name.endswith(".yaml") and name != "outside-facts.yaml"}


def _write_corpus(data_dir: Path, target: Path, articles: int, facts_per_article: int | None) -> None:
    (target / "articles").mkdir(parents=True)
    # The seed's reference tables and outside facts; the real corpus's outside
    # facts (other *.yaml there) name entities the synthetic corpus does not have.
    shutil.copytree(data_dir / "reference", target / "reference", ignore=_other_outside_facts)
    entities = _plain(load_yaml(data_dir / "entities.yaml"))
    seed = _plain(load_yaml(data_dir / "articles" / f"{SEED}.yaml"))
    text = (data_dir / "articles" / f"{SEED}.txt").read_bytes()
    generated = {k: dict(v) for k, v in entities.items() if not _own(k)}
    window = _FactWindow(_clusters(seed["facts"], entities), facts_per_article)
    for index in range(1, articles + 1):
        # The first article is the seed whole, so that every shared thing is described as the shapes require.
        facts = window.take() if index > 1 else seed["facts"]
        used = _referenced(facts) if facts_per_article and index > 1 else set(entities)
        used |= {entities[e]["dataset"] for e in used if "dataset" in entities.get(e, {})}
        for entity_id, body in entities.items():
            if _own(entity_id) and entity_id in used:
                copy = dict(body)
                copy["label"] = {lang: f"{label} #{index}" for lang, label in body["label"].items()}
                if "dataset" in copy:
                    copy["dataset"] = _renamed(copy["dataset"], index)
                generated[_renamed(entity_id, index)] = copy
        name = f"syn-{index:05d}"
        (target / "articles" / f"{name}.txt").write_bytes(text)
        own_id = {seed["article"]["id"]: f"article/{name}"}

        def rename(entity_id: str, index: int = index, own_id: dict = own_id) -> str:
            return own_id.get(entity_id) or _renamed(entity_id, index)

        article = {
            "article": {**seed["article"], "id": f"article/{name}", "text": f"{name}.txt"},
            "mentions": {rename(k): v for k, v in seed["mentions"].items() if k in used},
            "facts": [
                {**fact, "s": rename(fact["s"]), **({"o": rename(fact["o"])} if "o" in fact else {})} for fact in facts
            ],
        }
        article["article"]["label"] = {k: f"{v} #{index}" for k, v in seed["article"]["label"].items()}
        (target / "articles" / f"{name}.yaml").write_text(
            yaml.safe_dump(article, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    (target / "entities.yaml").write_text(yaml.safe_dump(generated, allow_unicode=True), encoding="utf-8")

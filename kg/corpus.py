"""A synthetic corpus for benchmarks: the seed article's real structure, N times.

Each synthetic article reuses the seed text (so every quote and offset is real)
under its own article IRI, with its own meeting, parts, data sets and
observations (so its statements and evidence are its own), while sharing what
news articles share: the country, regions, agency, persons, laws and concepts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from kg.sources import load_yaml

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


def generate(data_dir: Path, out_dir: Path, articles: int) -> Path:
    """Write a data folder of ``articles`` synthetic articles to ``out_dir``/data."""
    target = out_dir / "data"
    if target.exists():
        shutil.rmtree(target)
    (target / "articles").mkdir(parents=True)
    shutil.copytree(data_dir / "reference", target / "reference")
    entities = _plain(load_yaml(data_dir / "entities.yaml"))
    seed = _plain(load_yaml(data_dir / "articles" / f"{SEED}.yaml"))
    text = (data_dir / "articles" / f"{SEED}.txt").read_bytes()
    generated = {k: dict(v) for k, v in entities.items() if not _own(k)}
    for index in range(1, articles + 1):
        for entity_id, body in entities.items():
            if _own(entity_id):
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
            "mentions": {rename(k): v for k, v in seed["mentions"].items()},
            "facts": [
                {**fact, "s": rename(fact["s"]), **({"o": rename(fact["o"])} if "o" in fact else {})}
                for fact in seed["facts"]
            ],
        }
        article["article"]["label"] = {k: f"{v} #{index}" for k, v in seed["article"]["label"].items()}
        (target / "articles" / f"{name}.yaml").write_text(
            yaml.safe_dump(article, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    (target / "entities.yaml").write_text(yaml.safe_dump(generated, allow_unicode=True), encoding="utf-8")
    return target

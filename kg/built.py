"""Read the result of `kg build` back, for querying and export."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset

from kg.errors import OutputError
from kg.namespaces import bind_prefixes

ASSERTED_FILE = "kg.nq"
INFERRED_FILE = "inferred.nq"
GRAPH_CHOICES = ("asserted", "inferred", "all")


def built_base(out_dir: Path) -> str:
    """The base IRI the build used, from its summary."""
    try:
        return json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))["base"]
    except FileNotFoundError:
        raise OutputError(f"no built KG in {out_dir}/: run 'kg build' first") from None
    except (ValueError, KeyError):
        raise OutputError(f"{out_dir}/summary.json is damaged: run 'kg build' again") from None


def load_built(out_dir: Path, graphs: str = "all") -> Dataset:
    """The built KG as a dataset whose default graph is the union of its named graphs.

    ``graphs`` picks the asserted graphs (facts and provenance), the inferred
    graph, or all of them.
    """
    base = built_base(out_dir)
    files = {"asserted": [ASSERTED_FILE], "inferred": [INFERRED_FILE], "all": [ASSERTED_FILE, INFERRED_FILE]}
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset, base)
    for name in files[graphs]:
        path = out_dir / name
        if not path.exists():
            if graphs == "all" and name == INFERRED_FILE:
                continue
            raise OutputError(f"{path} not found: run 'kg build' first")
        try:
            dataset.parse(path, format="nquads")
        except Exception as error:  # rdflib's parsers raise many kinds
            raise OutputError(f"{path} is damaged ({error}): run 'kg build' again") from None
    return dataset

"""Read the result of `kg build` back, for querying and export."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import OutputError
from kg.namespaces import ONTOLOGY_GRAPH, GraphNames, bind_prefixes

ASSERTED_FILE = "kg.nq"
UNION_FILE = "kg.nt"  # the asserted graphs' union, as the build writes it
INFERRED_FILE = "inferred.nq"
GRAPH_CHOICES = ("asserted", "inferred", "all", "claims", "reference")
# Slices of the asserted graphs: what the articles claim (their facts and the
# statements behind them) or what the reference tables establish; each with
# the entities and the ontology, for labels.
SLICES = ("claims", "reference")
_STRING = str(XSD.string)
LOAD_PIECE = 16 << 20  # bytes of a dump bulk-loaded at once: about 75,000 lines of kg.nq
_LINE = re.compile(r"line (\d+)")


def built_base(out_dir: Path) -> str:
    """The base IRI the build used, from its summary."""
    try:
        return json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))["base"]
    except FileNotFoundError:
        raise OutputError(f"no built KG in {out_dir}/: run 'kg build' first") from None
    except (ValueError, KeyError):
        raise OutputError(f"{out_dir}/summary.json is damaged: run 'kg build' again") from None


def built_files(out_dir: Path, graphs: str) -> list[Path]:
    """The N-Quads files holding the asserted graphs (facts and provenance),
    the inferred graph, or all of them."""
    built_base(out_dir)
    files = {
        "asserted": [ASSERTED_FILE],
        "inferred": [INFERRED_FILE],
        "all": [ASSERTED_FILE, INFERRED_FILE],
        **{name: [ASSERTED_FILE] for name in SLICES},
    }
    found = []
    for name in files[graphs]:
        path = out_dir / name
        if path.exists():
            found.append(path)
        elif not (graphs == "all" and name == INFERRED_FILE):
            raise OutputError(f"{path} not found: run 'kg build' first")
    return found


def load_built(out_dir: Path, graphs: str = "all") -> Dataset:
    """The built KG as a dataset whose default graph is the union of its named graphs."""
    dataset = Dataset(default_union=True)
    base = built_base(out_dir)
    bind_prefixes(dataset, base)
    for path in built_files(out_dir, graphs):
        try:
            dataset.parse(path, format="nquads")
        except Exception as error:  # rdflib's parsers raise many kinds
            raise OutputError(f"{path} is damaged ({error}): run 'kg build' again") from None
    if graphs in SLICES:
        for graph in list(dataset.graphs()):
            if not in_slice(str(graph.identifier), graphs, base):
                dataset.remove_graph(graph)
    return dataset


def in_slice(graph: str, choice: str, base: str) -> bool:
    """Whether a named graph belongs to the claims or to the reference slice."""
    names = GraphNames(base)
    if graph in (str(names.entities), str(ONTOLOGY_GRAPH)):
        return True
    if choice == "claims":
        return graph == str(names.provenance) or names.is_article(graph)
    return graph == str(names.reference)


def open_store(out_dir: Path, graphs: str = "all") -> pyoxigraph.Store:
    """The built KG bulk-loaded into an in-memory Oxigraph store: 20 times
    faster to load than rdflib's, and far faster to query.

    Its default graph is the union of the named graphs, each triple once, as
    in rdflib and RDF merge (Oxigraph's own union would count a triple once
    for each graph holding it). `kg build` writes the same store to disk
    (kg.store), which `kg query` opens instead when it is up to date.
    """
    if graphs in SLICES:
        return _sliced_store(out_dir, graphs)
    store = pyoxigraph.Store()
    for path in built_files(out_dir, graphs):
        try:
            load_dump(store, path, union_of(out_dir, path))
        except (SyntaxError, ValueError, OSError) as error:
            raise OutputError(f"{path} is damaged ({error}): run 'kg build' again") from None
    return store


def _sliced_store(out_dir: Path, graphs: str) -> pyoxigraph.Store:
    """The claims or the reference slice alone, its union as the default graph."""
    base = built_base(out_dir)
    [path] = built_files(out_dir, graphs)
    try:
        quads = [
            q
            for q in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
            if in_slice(q.graph_name.value, graphs, base)
        ]
    except (SyntaxError, ValueError, OSError) as error:
        raise OutputError(f"{path} is damaged ({error}): run 'kg build' again") from None
    store = pyoxigraph.Store()
    store.extend(quads)
    default = pyoxigraph.DefaultGraph()
    store.extend(pyoxigraph.Quad(q.subject, q.predicate, q.object, default) for q in quads)
    return store


def union_of(out_dir: Path, path: Path) -> Path | None:
    """kg.nt for kg.nq, when the build wrote it: the union of kg.nq's graphs."""
    union = out_dir / UNION_FILE
    return union if path.name == ASSERTED_FILE and union.exists() else None


def load_dump(store: pyoxigraph.Store, quads: Path | bytes, union: Path | bytes | None) -> None:
    """Add an N-Quads dump (a file or its bytes) to ``store``, and its triples
    to the default graph: from ``union``, the dump's union as N-Triples with
    each triple once, or else copied from the quads themselves.

    Shared by the in-memory store and the on-disk one, so that both hold the
    same dataset."""
    _bulk_load(store, quads, pyoxigraph.RdfFormat.N_QUADS)
    if union is not None:
        _bulk_load(store, union, pyoxigraph.RdfFormat.N_TRIPLES)
        return
    default = pyoxigraph.DefaultGraph()
    parsed = pyoxigraph.parse(format=pyoxigraph.RdfFormat.N_QUADS, **_source(quads))
    store.extend(pyoxigraph.Quad(q.subject, q.predicate, q.object, default) for q in parsed)


def _bulk_load(store: pyoxigraph.Store, dump: Path | bytes, syntax: pyoxigraph.RdfFormat) -> None:
    """Bulk-load a dump of one statement a line a piece at a time: Oxigraph's
    bulk loader holds a batch of up to a million quads per thread, and a
    piece of a dump is a batch of its own (at 2,000 articles the store's
    load added 892 MiB to the build's memory whole, 215 MiB in pieces, in the
    same time). An error names its line in the whole dump."""
    line = 0
    for piece in _pieces(dump):
        try:
            store.bulk_load(input=piece, format=syntax)
        except SyntaxError as error:
            raise _renumbered(error, line) from None
        line += piece.count(b"\n")


def _renumbered(error: SyntaxError, lines_before: int) -> SyntaxError:
    """A piece's syntax error with its line numbered in the whole dump."""
    return SyntaxError(_LINE.sub(lambda found: f"line {int(found[1]) + lines_before}", str(error)))


def _pieces(dump: Path | bytes) -> Iterator[bytes]:
    """The dump's bytes in pieces of about LOAD_PIECE bytes, each cut after a newline."""
    if isinstance(dump, bytes):
        yield from _cut(iter((dump,)))
        return
    with dump.open("rb") as data:
        yield from _cut(iter(partial(data.read, LOAD_PIECE), b""))


def _cut(reads: Iterator[bytes]) -> Iterator[bytes]:
    rest = b""
    for read in reads:
        rest += read
        while len(rest) >= LOAD_PIECE and (end := rest.rfind(b"\n", 0, LOAD_PIECE) + 1 or rest.find(b"\n") + 1):
            yield rest[:end]
            rest = rest[end:]
    if rest:
        yield rest


def _source(data: Path | bytes) -> dict[str, str | bytes]:
    """pyoxigraph's keyword for reading a file (path=) or bytes (input=)."""
    return {"input": data} if isinstance(data, bytes) else {"path": str(data)}


def to_rdflib(term: object) -> Node:
    """An Oxigraph term as rdflib's parser of the dumps would have made it."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _STRING else URIRef(datatype))
    raise TypeError(f"no rdflib term for {term!r}")

"""Load the built KG into a store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph (entities, article facts, provenance, reference, ontology,
inferred) replaces the graph of the same name in the store. How it is sent
depends on the kind of store (STORE_KINDS), named by the user or told by the
store's Server header: a generic store gets one PUT per graph; Oxigraph,
which answers PUT slowly on large graphs, gets DELETE then POST with its
`no_transaction` bulk-load option for those; Virtuoso gets PUT on its
authenticated endpoint, with digest authentication, and a large graph in
parts (PUT, then POST).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote

import pyoxigraph

from kg.artifacts import built_files
from kg.errors import OutputError, RemoteError
from kg.remote import Remote, query

COUNT_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
NTRIPLES = {"Content-Type": "application/n-triples"}
# Virtuoso loads each request in one transaction; sent the 452,000 triples of
# the provenance graph of 1,000 articles in one PUT, it stalled, idle with
# threads waiting on locks, in 5 of 7 runs; in parts of 50,000, never in 6.
PART_TRIPLES = 50_000


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int


def named_graphs(build_dir: Path, only: tuple[str, ...] = ()) -> dict[str, list[pyoxigraph.Triple]]:
    """The build's named graphs (``only`` these, if given), read with Oxigraph's
    parser: at 1,000 articles it reads the dumps in 2.4 s where rdflib took 61."""
    graphs: dict[str, list[pyoxigraph.Triple]] = {}
    for path in built_files(build_dir, "all"):
        try:
            quads = list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.N_QUADS))
        except (SyntaxError, OSError) as error:
            raise OutputError(f"{path} is damaged ({error}): run 'kg build' again") from None
        for quad in quads:
            if not isinstance(quad.graph_name, pyoxigraph.NamedNode):
                raise OutputError(f"{path} holds triples outside a named graph: run 'kg build' again")
            if not only or quad.graph_name.value in only:
                graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return dict(sorted(graphs.items()))


def _refusal(store: Remote, what: str, status: int, body: bytes) -> RemoteError:
    """One line from a store's refusal, which may be an HTML page (Virtuoso's)."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", body.decode("utf-8", "replace")))
    reason = " ".join(text.split())[:200]
    hint = "; check --user and --password" if status in (401, 403) else ""
    return RemoteError(f"{store.url} refused {what}: {status} {reason}".rstrip() + hint)


def _put(store: Remote, name: str, data: bytes) -> None:
    status, body, _ = store.request(f"{store.url}?graph={quote(name, safe='')}", "PUT", data, NTRIPLES)
    if status not in (200, 201, 204):
        raise _refusal(store, name, status, body)


def _put_in_parts(store: Remote, name: str, data: bytes) -> None:
    """PUT the first part, which replaces the graph, and POST the others into it."""
    lines = data.splitlines(keepends=True)
    parts = [b"".join(lines[i : i + PART_TRIPLES]) for i in range(0, len(lines), PART_TRIPLES)] or [b""]
    _put(store, name, parts[0])
    for part in parts[1:]:
        status, body, _ = store.request(f"{store.url}?graph={quote(name, safe='')}", "POST", part, NTRIPLES)
        if status not in (200, 201, 204):
            raise _refusal(store, name, status, body)


def _delete_then_bulk_post(store: Remote, name: str, data: bytes) -> None:
    target = f"{store.url}?graph={quote(name, safe='')}"
    status, body, _ = store.request(target, "DELETE", None, {})
    if status not in (200, 204, 404):
        raise _refusal(store, f"to clear {name}", status, body)
    status, body, _ = store.request(f"{target}&no_transaction", "POST", data, NTRIPLES)
    if status not in (200, 201, 204):
        raise _refusal(store, name, status, body)


# Oxigraph's bulk load costs about 0.15 s a request whatever its size, PUT
# about 0.1 s per 1,000 triples; measured, they are even near 5,000 triples
# (at 656,000 in one graph, PUT takes 62 s and the bulk load 10 s).
BULK_FROM_TRIPLES = 5000


def _oxigraph_send(store: Remote, name: str, data: bytes) -> None:
    if data.count(b"\n") < BULK_FROM_TRIPLES:
        _put(store, name, data)
    else:
        _delete_then_bulk_post(store, name, data)


@dataclass(frozen=True)
class StoreKind:
    """How one kind of store takes a named graph, where its query endpoint
    lies beside its graph store, and how it wants credentials."""

    name: str
    method: str
    send: Callable[[Remote, str, bytes], None]
    query_path: str
    auth: Literal["basic", "digest"]


STORE_KINDS = {
    kind.name: kind
    for kind in (
        StoreKind(
            "oxigraph", f"Oxigraph PUT, bulk POST from {BULK_FROM_TRIPLES} triples", _oxigraph_send, "query", "basic"
        ),
        # /sparql-graph-crud-auth needs digest; /sparql answers without credentials.
        StoreKind("virtuoso", f"Virtuoso PUT, then POST by {PART_TRIPLES} triples", _put_in_parts, "sparql", "digest"),
        StoreKind("generic", "PUT", _put, "query", "basic"),
    )
}


def detect_kind(endpoint: str) -> StoreKind:
    """The kind of store a Server header names (Oxigraph's, Virtuoso's), else generic."""
    _status, _, headers = Remote(endpoint).request(endpoint, "HEAD", None, {})
    server = headers.get("Server", headers.get("server", "")).lower()
    return next((kind for name, kind in STORE_KINDS.items() if name in server), STORE_KINDS["generic"])


def sparql_url_for(store_url: str, kind: StoreKind) -> str:
    """The query endpoint beside a graph store: Oxigraph's /store → /query,
    Fuseki's /ds/data → /ds/query, Virtuoso's /sparql-graph-crud-auth → /sparql."""
    head, _, _ = store_url.rstrip("/").rpartition("/")
    return f"{head}/{kind.query_path}"


def publish(
    build_dir: Path,
    store: Remote,
    sparql: Remote,
    kind: StoreKind,
    only: tuple[str, ...] = (),
    progress: Callable[[str], None] = lambda _: None,
) -> list[Published]:
    """Replace each named graph in the store, then check the counts by SPARQL."""
    graphs = named_graphs(build_dir, only)
    if only and set(only) - set(graphs):
        missing = ", ".join(sorted(set(only) - set(graphs)))
        raise RemoteError(f"no such named graph in {build_dir}/: {missing}")
    status, body, _ = store.request(store.url, "HEAD", None, {})
    if status in (401, 403):  # before sending: a store refusing a large body may cut the connection
        raise _refusal(store, "access", status, body)
    progress(f"loading {len(graphs)} named graphs into {store.url} ({kind.method})")
    sent = []
    for name, graph in graphs.items():
        kind.send(store, name, pyoxigraph.serialize(graph, format=pyoxigraph.RdfFormat.N_TRIPLES))
        sent.append(Published(name, len(graph)))
        progress(f"  {name}: {len(graph)} triples")
    counts = {str(row[0]): int(row[1]) for row in query(sparql, COUNT_QUERY)}
    wrong = [
        f"{p.graph}: sent {p.triples}, store has {counts.get(p.graph, 0)}"
        for p in sent
        if counts.get(p.graph, 0) != p.triples
    ]
    if wrong:
        raise RemoteError("the store's counts differ from what was sent: " + "; ".join(wrong))
    return sent

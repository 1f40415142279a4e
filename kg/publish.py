"""Load the built KG into a store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph (entities, article facts, provenance, reference, ontology,
inferred) replaces the graph of the same name in the store. A generic store
gets one PUT per graph. Oxigraph, which answers PUT slowly on large graphs,
gets DELETE then POST with its `no_transaction` bulk-load option instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from rdflib import Dataset, Graph

from kg.artifacts import load_built
from kg.errors import RemoteError
from kg.formats.ntriples import ntriples_of
from kg.remote import Remote, query

COUNT_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int


def named_graphs(dataset: Dataset, only: tuple[str, ...] = ()) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if isinstance(g, Graph) else g)
        if not only or name in only:
            graphs.setdefault(name, Graph()).add((s, p, o))
    return dict(sorted(graphs.items()))


def _is_oxigraph(store: Remote) -> bool:
    _status, _, headers = store.request(store.url, "HEAD", None, {})
    server = headers.get("Server", headers.get("server", ""))
    return "oxigraph" in server.lower()


def _send(store: Remote, name: str, data: bytes, bulk: bool) -> None:
    target = f"{store.url}?graph={quote(name, safe='')}"
    headers = {"Content-Type": "application/n-triples"}
    if bulk:
        status, body, _ = store.request(target, "DELETE", None, {})
        if status not in (200, 204, 404):
            raise RemoteError(f"{store.url} refused to clear {name}: {status} {body[:200]!r}")
        status, body, _ = store.request(f"{target}&no_transaction", "POST", data, headers)
    else:
        status, body, _ = store.request(target, "PUT", data, headers)
    if status not in (200, 201, 204):
        raise RemoteError(f"{store.url} refused {name}: {status} {body.decode('utf-8', 'replace')[:200]}")


def publish(
    build_dir: Path,
    store: Remote,
    sparql: Remote,
    only: tuple[str, ...] = (),
    progress: Callable[[str], None] = lambda _: None,
) -> list[Published]:
    """Replace each named graph in the store, then check the counts by SPARQL."""
    graphs = named_graphs(load_built(build_dir, "all"), only)
    if only and set(only) - set(graphs):
        missing = ", ".join(sorted(set(only) - set(graphs)))
        raise RemoteError(f"no such named graph in {build_dir}/: {missing}")
    bulk = _is_oxigraph(store)
    progress(f"loading {len(graphs)} named graphs into {store.url} ({'Oxigraph bulk POST' if bulk else 'PUT'})")
    sent = []
    for name, graph in graphs.items():
        _send(store, name, ntriples_of(graph), bulk)
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


def sparql_url_for(store_url: str) -> str:
    """The query endpoint beside a graph store: Oxigraph's /store → /query,
    Fuseki's /ds/data → /ds/query."""
    head, _, _ = store_url.rstrip("/").rpartition("/")
    return f"{head}/query"

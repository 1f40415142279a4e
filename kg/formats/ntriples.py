"""N-Triples and N-Quads with sorted lines, as rdflib writes each term (and faster)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from kg.rdf import Triple


def ntriples_of(triples: Iterable[Triple]) -> bytes:
    """N-Triples with sorted lines, as rdflib writes each (and faster)."""
    return b"".join(ntriples_lines(triples))


def ntriples_lines(triples: Iterable[Triple]) -> list[bytes]:
    """The lines of ntriples_of, sorted. Each is encoded as it is made: a line
    in UTF-8 takes half the memory of one in Python's wide strings (any
    Kazakh letter makes the whole line wide), and sorts alike."""
    term = _NTerms()
    lines = [f"{term(s)} {term(p)} {term(o)} .\n".encode() for s, p, o in triples]
    lines.sort()
    return lines


def nquads_of(quads: dict[URIRef, Iterable[Triple]]) -> bytes:
    """N-Quads of named graphs (and the default graph's triples) with sorted lines, as rdflib writes each."""
    return b"".join(nquads_lines(quads))


def nquads_lines(quads: dict[URIRef, Iterable[Triple]]) -> list[bytes]:
    """The lines of nquads_of, sorted, as ntriples_lines makes them."""
    term = _NTerms()
    lines = [
        f"{term(s)} {term(p)} {term(o)} {_graph_term(term, name)}.\n".encode()
        for name, triples in quads.items()
        for s, p, o in triples
    ]
    lines.sort()
    return lines


def term_texts() -> _NTerms:
    """A cache of terms' text, to share between calls of nquad_lines."""
    return _NTerms()


def nquad_lines(quads: dict[URIRef, Iterable[Triple]], term: _NTerms | None = None) -> list[bytes]:
    """The lines of nquads_of(quads), unsorted; ``term`` (term_texts()) shares the terms' text between calls."""
    term = term if term is not None else _NTerms()
    return [
        f"{term(s)} {term(p)} {term(o)} {_graph_term(term, name)}.\n".encode()
        for name, triples in quads.items()
        for s, p, o in triples
    ]


def triples_of_quads(lines: list[bytes]) -> list[bytes]:
    """The N-Triples lines of sorted N-Quads lines of named graphs, sorted and each once."""
    return list(union_triples(lines))


def union_triples(lines: Iterable[bytes]) -> Iterator[bytes]:
    """triples_of_quads, a line at a time: a quad's line is its triple's with
    the graph's IRI before the final dot, so lines of one triple lie together
    and in the triples' order."""
    last = b""
    for line in lines:
        triple = line[: line.rindex(b" <")]
        if triple != last:
            yield triple + b" .\n"
            last = triple


def _graph_term(term: _NTerms, name: URIRef) -> str:
    return "" if name == DATASET_DEFAULT_GRAPH_ID else f"{term(name)} "


class _NTerms(dict):
    """Each term in N-Triples once: a corpus repeats its terms many times."""

    def __call__(self, term: Node) -> str:
        text = self.get(term)
        if text is None:
            text = self[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return text


def nquads(dataset: Dataset) -> bytes:
    """N-Quads of every graph of the dataset, sorted."""
    return nquads_of({graph.identifier: graph for graph in dataset.graphs()})

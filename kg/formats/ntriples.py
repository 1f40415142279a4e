"""N-Triples and N-Quads with sorted lines, as rdflib writes each term (and faster); our own N-Quads read back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.parsers.ntriples import unquote
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


def graph_endings(*graphs: URIRef) -> tuple[bytes, ...]:
    """How an N-Quads line of each of ``graphs`` ends, for ``line.endswith``."""
    return tuple(f" {graph.n3()} .\n".encode() for graph in graphs)


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


def parsed_quads(lines: Iterable[bytes]) -> dict[URIRef, set[Triple]]:
    """The named graphs of N-Quads lines as nquad_lines writes them (IRIs and
    literals, no blank nodes), the terms as rdflib's parser makes them: its
    own unquoting and constructors, without its tokenizer (an eighth of the time)."""
    graphs: dict[URIRef, set[Triple]] = {}
    iris: dict[str, URIRef] = {}  # each IRI made once: a corpus names few things many times
    for line in lines:
        text = line.decode("utf-8")
        first = text.index(" ")
        second = text.index(" ", first + 1)
        last = text.rindex(" <", second)  # the graph: nothing follows it but " .\n"
        s, p = _iri(iris, text[1 : first - 1]), _iri(iris, text[first + 2 : second - 1])
        graph = _iri(iris, text[last + 2 : -4])
        graphs.setdefault(graph, set()).add((s, p, _object(iris, text[second + 1 : last])))
    return graphs


def _iri(iris: dict[str, URIRef], text: str) -> URIRef:
    found = iris.get(text)
    if found is None:
        found = iris[text] = URIRef(unquote(text))
    return found


def _object(iris: dict[str, URIRef], text: str) -> Node:
    if text[0] == "<":
        return _iri(iris, text[1:-1])
    end = text.rindex('"')  # a language tag or datatype IRI holds no quote
    tail = text[end + 1 :]
    lang = tail[1:] if tail.startswith("@") else None
    datatype = _iri(iris, tail[3:-1]) if tail.startswith("^^") else None
    return Literal(unquote(text[1:end]), lang, datatype)

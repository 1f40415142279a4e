"""The responses every route shares: negotiated RDF, refusals, the SPARQL
service description, an entity's description, error pages."""

from __future__ import annotations

import html
from collections.abc import Callable

from rdflib import Dataset, Graph, URIRef
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from kg.errors import ProtocolError, ServerBusyError
from kg.formats import FORMATS, MEDIA_TYPES, serialize
from kg.namespaces import bind_prefixes
from kg.server.negotiation import choose
from kg.server.pages import layout

RDF_TYPES = [f.media_type for f in FORMATS.values()]
ENTITY_TYPES = ["text/html", *RDF_TYPES]
SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ,
        <http://www.w3.org/ns/formats/Turtle> ,
        <http://www.w3.org/ns/formats/N-Triples> ,
        <http://www.w3.org/ns/formats/JSON-LD> ,
        <http://www.w3.org/ns/formats/RDF_XML> ,
        <http://www.w3.org/ns/formats/N-Quads> ,
        <http://www.w3.org/ns/formats/TriG> ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset <{endpoint}#dataset> .

<{endpoint}#dataset> a sd:Dataset ;
    void:sparqlEndpoint <{endpoint}> .
"""


def vary(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response


def not_acceptable(offered: list[str]) -> Response:
    return vary(
        PlainTextResponse(f"406 Not Acceptable: this resource is available as {', '.join(offered)}\n", status_code=406)
    )


def failed(status: int, message: str) -> Response:
    page = layout("The question could not be answered", f"<h1>{status}</h1><p>{html.escape(message)}</p>")
    return HTMLResponse(page, status_code=status)


def build_changed() -> Response:
    # The file on disk is no longer the one the pages were made from: serving
    # it would mix two builds.
    response = PlainTextResponse(
        "503 Service Unavailable: the build changed since this server loaded it; "
        "with --reload the new one is being loaded, otherwise restart kg serve\n",
        status_code=503,
    )
    response.headers["Retry-After"] = "5"
    return response


def retry_later(response: Response, error: ProtocolError) -> Response:
    """The response, with when to ask again if the server was too busy to answer."""
    if isinstance(error, ServerBusyError):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def description(dataset: Dataset, iri: URIRef, base: str) -> Graph:
    graph = Graph()
    bind_prefixes(graph, base)
    for s, p, o, _ in dataset.quads((iri, None, None, None)):
        graph.add((s, p, o))
    for s, p, o, _ in dataset.quads((None, None, iri, None)):
        graph.add((s, p, o))
    return graph


def rdf_response(request: Request, graph: Graph, base: str, chosen: str | None = None) -> Response:
    chosen = chosen or choose(request.headers.get("accept"), RDF_TYPES)
    if chosen is None:
        return not_acceptable(RDF_TYPES)
    fmt = MEDIA_TYPES[chosen]
    return vary(Response(serialize(graph, fmt.name, base), media_type=fmt.content_type))


def service_description(request: Request, base: str) -> Response:
    graph = Graph().parse(data=SERVICE_DESCRIPTION.format(endpoint=f"{base}sparql"), format="turtle")
    return rdf_response(request, graph, base)


def negotiated(request: Request, base: str, page: Callable[[], str], graph: Callable[[], Graph]) -> Response:
    """HTML or any graph format, by Accept or by ?format= (for links, which cannot set Accept)."""
    asked = request.query_params.get("format")
    if asked is not None and asked not in FORMATS:
        return PlainTextResponse(f"400 Bad Request: format is one of {', '.join(FORMATS)}\n", status_code=400)
    chosen = FORMATS[asked].media_type if asked else choose(request.headers.get("accept"), ENTITY_TYPES)
    if chosen is None:
        return not_acceptable(ENTITY_TYPES)
    if chosen == "text/html":
        return vary(HTMLResponse(page()))
    return rdf_response(request, graph(), base, chosen)

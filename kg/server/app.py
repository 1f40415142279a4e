"""The Starlette application: routes, content negotiation, responses."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.artifacts import built_base, load_built
from kg.errors import ProtocolError, QueryError
from kg.formats import EXTENSIONS, FORMATS, MEDIA_TYPES, serialize
from kg.formats.results import RESULT_FORMATS
from kg.namespaces import KGO, bind_prefixes
from kg.project import PACKAGED_ONTOLOGY, PACKAGED_QUERIES
from kg.query.named import catalogue
from kg.server import browse, query_pages, vocabulary
from kg.server.endpoint import Endpoint
from kg.server.negotiation import choose
from kg.server.pages import Site, article_page, entity_page, layout, search_page
from kg.server.protocol import format_for, offers, read_request
from kg.server.void import dump_files, void_graph

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


def _vary(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response


def _not_acceptable(offered: list[str]) -> Response:
    return _vary(
        PlainTextResponse(f"406 Not Acceptable: this resource is available as {', '.join(offered)}\n", status_code=406)
    )


def _languages(dataset: Dataset) -> list[str]:
    """The languages the labels are written in, for the reader to choose from."""
    return sorted({lit.language for lit in dataset.objects(None, RDFS.label) if getattr(lit, "language", None)})


def create_app(
    build_dir: Path,
    timeout: float = 10.0,
    max_rows: int = 10000,
    queries: Sequence[Path] = (PACKAGED_QUERIES,),
    ontology: Path = PACKAGED_ONTOLOGY,
) -> Starlette:
    """The server of one build; ``queries`` are the folders of named queries,
    ``ontology`` the folder whose shapes the build was validated with."""
    base = built_base(build_dir)
    dataset = load_built(build_dir, "all")
    site = Site(dataset, base)
    endpoint = Endpoint(dataset, base, timeout, max_rows)
    named = catalogue(queries)
    languages = _languages(dataset)
    holdings = browse.Holdings.of(dataset, base)
    vocab = vocabulary.Vocabulary.load(dataset, ontology, base)
    known_terms = {vocabulary.local_name(t): t for t in vocab.terms()}
    known_shapes = {vocabulary.local_name(t): t for t in vocab.shape_names()}

    def negotiated(request: Request, page: Callable[[], str], graph: Callable[[], Graph]) -> Response:
        """HTML or any graph format, by Accept or by ?format= (for links, which cannot set Accept)."""
        asked = request.query_params.get("format")
        if asked is not None and asked not in FORMATS:
            return PlainTextResponse(f"400 Bad Request: format is one of {', '.join(FORMATS)}\n", status_code=400)
        chosen = FORMATS[asked].media_type if asked else choose(request.headers.get("accept"), ENTITY_TYPES)
        if chosen is None:
            return _not_acceptable(ENTITY_TYPES)
        if chosen == "text/html":
            return _vary(HTMLResponse(page()))
        return _rdf_response(request, graph(), base, chosen)

    def sparql(request: Request, body: bytes) -> Response:
        content_type = request.headers.get("content-type", "")
        try:
            asked = read_request(request.method, request.scope["query_string"], content_type, body)
            if asked.text is None:
                return _service_description(request, base)
            form = endpoint.check(asked.text)
            endpoint.check_dataset(asked.dataset)
            # The query form decides what can answer: ASK has no CSV or TSV, graphs only RDF.
            offered = offers(form)
            chosen = choose(request.headers.get("accept"), offered)
            if chosen is None:
                return _not_acceptable(offered)
            fmt = format_for(form, chosen)
            answer, truncated = endpoint.run(asked.text, fmt.name, asked.dataset)
        except ProtocolError as error:
            return PlainTextResponse(f"{error}\n", status_code=error.status)
        response = _vary(Response(answer, media_type=fmt.content_type))
        if truncated:
            response.headers["X-Result-Truncated"] = f"results cut at {max_rows} rows"
        return response

    async def sparql_route(request: Request) -> Response:
        # Evaluation waits in a worker thread, so a slow query never holds up
        # the other requests.
        return await run_in_threadpool(sparql, request, await request.body())

    def void(request: Request) -> Response:
        graph = void_graph(dataset, build_dir, base)
        return _rdf_response(request, graph, base)

    def dumps(request: Request) -> Response:
        name = request.path_params["name"]
        files = dump_files(build_dir)
        if name not in files:
            return PlainTextResponse("404 Not Found\n", status_code=404)
        return FileResponse(build_dir / name, media_type=files[name])

    def search(request: Request) -> Response:
        return HTMLResponse(search_page(site, request.query_params.get("q", "")))

    def home(request: Request) -> Response:
        return HTMLResponse(browse.home_page(site, holdings, build_dir))

    def classes(request: Request) -> Response:
        return HTMLResponse(browse.classes_page(site, holdings))

    def one_class(request: Request) -> Response:
        cls = browse.class_of(request.path_params["name"])
        page = browse.class_page(site, holdings, cls) if cls is not None else None
        if page is None:
            return HTMLResponse(layout("Not found", "<h1>No such class</h1>"), status_code=404)
        return HTMLResponse(page)

    def dumps_index(request: Request) -> Response:
        return HTMLResponse(browse.dumps_page(build_dir, []))

    def entity(request: Request) -> Response:
        iri = URIRef(base + request.path_params["path"])
        if (iri, None, None) not in dataset and (None, None, iri) not in dataset:
            return PlainTextResponse(f"404 Not Found: no resource {iri}\n", status_code=404)
        is_article = (iri, RDF.type, KGO.NewsArticle) in dataset
        return negotiated(
            request,
            lambda: article_page(site, iri) if is_article else entity_page(site, iri),
            lambda: _description(dataset, iri, base),
        )

    def whole(request: Request) -> Response:
        """The whole ontology or shapes: /ontology, /ontology.ttl, /shapes, /shapes.jsonld, ..."""
        name, _, extension = request.url.path.strip("/").partition(".")
        graph = vocab.whole(name)
        if extension:
            fmt = EXTENSIONS.get(f".{extension}")
            if fmt is None or fmt.keeps_graphs:
                return PlainTextResponse("404 Not Found\n", status_code=404)
            return Response(serialize(graph, fmt.name, base), media_type=fmt.content_type)
        return negotiated(request, lambda: vocabulary.index_page(site, vocab, name), lambda: graph)

    def term(request: Request) -> Response:
        iri = known_terms.get(request.path_params["name"])
        if iri is None:
            return PlainTextResponse("404 Not Found: no such term in the ontology\n", status_code=404)
        members = len({s for s in dataset.subjects(RDF.type, iri) if isinstance(s, URIRef)})
        return negotiated(
            request, lambda: vocabulary.term_page(site, vocab, iri, members), lambda: vocab.description(iri)
        )

    def shape(request: Request) -> Response:
        iri = known_shapes.get(request.path_params["name"])
        if iri is None:
            return PlainTextResponse("404 Not Found: no such shape\n", status_code=404)
        return negotiated(request, lambda: vocabulary.shape_page(site, vocab, iri), lambda: vocab.description(iri))

    def queries_index(request: Request) -> Response:
        return HTMLResponse(query_pages.index_page(site, named))

    def query(request: Request) -> Response:
        name, dot, fmt = request.path_params["name"].partition(".")
        fmt = fmt or request.query_params.get("format", "")
        if name not in named or (fmt and fmt not in query_pages.DOWNLOADS) or (dot and not fmt):
            return HTMLResponse(layout("Not found", f"<h1>No question {html.escape(name)}</h1>"), status_code=404)
        asked = query_pages.read_request(dict(request.query_params), languages)
        try:
            found = query_pages.answer(endpoint, named[name], asked)
            if not fmt:
                return HTMLResponse(query_pages.query_page(site, named[name], asked, languages, found))
            body = query_pages.download(found, fmt, site)
        except ProtocolError as error:
            return _failed(error.status, str(error))
        except QueryError as error:  # results the format cannot carry
            return _failed(406, str(error))
        response = Response(body, media_type=RESULT_FORMATS[fmt].content_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response

    routes = [
        Route("/", home),
        Route("/queries", queries_index),
        Route("/queries/{name}", query),
        # HEAD answers as GET does (the server sends no body).
        Route("/sparql", sparql_route, methods=["GET", "HEAD", "POST"]),
        Route("/.well-known/void", void),
        Route("/search", search),
        Route("/ontology", whole),
        Route("/ontology.{extension}", whole),
        Route("/ontology/{name}", term),
        Route("/shapes", whole),
        Route("/shapes.{extension}", whole),
        Route("/shapes/{name}", shape),
        Route("/classes", classes),
        Route("/classes/{name:path}", one_class),
        Route("/dumps", dumps_index),
        Route("/dumps/", dumps_index),
        Route("/dumps/{name}", dumps),
        Route("/{path:path}", entity),
    ]
    return Starlette(routes=routes)


def _failed(status: int, message: str) -> Response:
    page = layout("The question could not be answered", f"<h1>{status}</h1><p>{html.escape(message)}</p>")
    return HTMLResponse(page, status_code=status)


def _description(dataset: Dataset, iri: URIRef, base: str) -> Graph:
    graph = Graph()
    bind_prefixes(graph, base)
    for s, p, o, _ in dataset.quads((iri, None, None, None)):
        graph.add((s, p, o))
    for s, p, o, _ in dataset.quads((None, None, iri, None)):
        graph.add((s, p, o))
    return graph


def _rdf_response(request: Request, graph: Graph, base: str, chosen: str | None = None) -> Response:
    chosen = chosen or choose(request.headers.get("accept"), RDF_TYPES)
    if chosen is None:
        return _not_acceptable(RDF_TYPES)
    fmt = MEDIA_TYPES[chosen]
    return _vary(Response(serialize(graph, fmt.name, base), media_type=fmt.content_type))


def _service_description(request: Request, base: str) -> Response:
    graph = Graph().parse(data=SERVICE_DESCRIPTION.format(endpoint=f"{base}sparql"), format="turtle")
    return _rdf_response(request, graph, base)

"""The Starlette application: routes, content negotiation, responses."""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.namespace import RDF
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import ProtocolError, QueryError
from kg.formats import EXTENSIONS, FORMATS, serialize
from kg.formats.results import RESULT_FORMATS
from kg.namespaces import KGO
from kg.project import PACKAGED_ONTOLOGY, PACKAGED_QUERIES
from kg.server import browse, query_pages, sparql_page, vocabulary_pages
from kg.server.negotiation import choose
from kg.server.pages import Site, article_page, entity_page, layout, search_page
from kg.server.protocol import format_for, offers, read_request
from kg.server.responses import (
    build_changed,
    description,
    failed,
    negotiated,
    not_acceptable,
    rdf_response,
    retry_later,
    service_description,
    vary,
)
from kg.server.state import Current, Settings
from kg.server.void import void_graph
from kg.server.workers import default_workers

if TYPE_CHECKING:
    from kg.server.curate import Curation

# The vocabulary's own files, listed beside the dumps: (href, format, media type, what).
VOCABULARY_FILES = [
    (f"/{name}{f.extension}", f.title, f.media_type, what)
    for name, what in (("ontology", "the ontology"), ("shapes", "the SHACL shapes"))
    for f in FORMATS.values()
    if not f.keeps_graphs
]


def create_app(
    build_dir: Path,
    timeout: float = 10.0,
    max_rows: int = 10000,
    queries: Sequence[Path] = (PACKAGED_QUERIES,),
    ontology: Path = PACKAGED_ONTOLOGY,
    reload: float | None = None,
    note: Callable[[str], None] = lambda message: None,
    curation: Curation | None = None,
    max_queries: int | None = None,
    max_waiting: int = 16,
) -> Starlette:
    """The server of one build; ``queries`` are the folders of named queries,
    ``ontology`` the folder whose shapes the build was validated with. At most
    ``max_queries`` SPARQL queries (by default four per usable CPU) are
    evaluated at once and ``max_waiting`` wait for their turn; more are
    refused (503). With ``reload`` (seconds),
    the build folder is looked at that often and a new build is swapped in
    whole once it is opened; ``note`` hears of it, and of a build whose store
    is missing or stale. With ``curation`` (kg serve --curate), its review
    pages are served under /curate."""
    at_once = max_queries or default_workers()
    settings = Settings(build_dir, timeout, max_rows, queries, ontology, at_once, max_waiting, note)
    current = Current(settings)

    def reader(request: Request) -> Site:
        """The served site in the reader's interface language (?lang=, else Accept-Language)."""
        return current.served.site.for_reader(
            request.url.path, request.query_params.multi_items(), request.headers.get("accept-language")
        )

    def sparql(request: Request, body: bytes) -> Response:
        served = current.served
        endpoint = served.endpoint
        content_type = request.headers.get("content-type", "")
        try:
            asked = read_request(request.method, request.scope["query_string"], content_type, body)
            if sparql_page.wants_page(request.method, request.query_params, request.headers.get("accept")):
                example = request.query_params.get("example", "")
                page, status = sparql_page.page(reader(request), endpoint, served.named, asked, example)
                return vary(HTMLResponse(page, status_code=status))
            if asked.text is None:
                return service_description(request, served.base)
            form = endpoint.check(asked.text)
            endpoint.check_dataset(asked.dataset)
            # The query form decides what can answer: ASK has no CSV or TSV, graphs only RDF.
            offered = offers(form)
            download = request.query_params.get("format")  # a link's choice, which cannot set Accept
            if download is not None:
                chosen, extension = sparql_page.download_format(form, download)
            else:
                chosen = choose(request.headers.get("accept"), offered)
            if chosen is None:
                return not_acceptable(offered)
            fmt = format_for(form, chosen)
            answer, truncated = endpoint.run(asked.text, fmt.name, asked.dataset)
        except ProtocolError as error:
            return retry_later(PlainTextResponse(f"{error}\n", status_code=error.status), error)
        response = vary(Response(answer, media_type=fmt.content_type))
        if download is not None:
            response.headers["Content-Disposition"] = f'attachment; filename="query{extension}"'
        if truncated:
            response.headers["X-Result-Truncated"] = f"results cut at {max_rows} rows"
        return response

    async def sparql_route(request: Request) -> Response:
        # Evaluation waits in a worker thread, so a slow query never holds up
        # the other requests.
        return await run_in_threadpool(sparql, request, await request.body())

    def void(request: Request) -> Response:
        served = current.served
        if not served.holds_dumps():
            return build_changed()
        graph = void_graph(served.void_counts, served.dumps, served.checksums, served.base)
        return rdf_response(request, graph, served.base)

    def dumps(request: Request) -> Response:
        served = current.served
        name = request.path_params["name"]
        if name not in served.dumps:
            return PlainTextResponse("404 Not Found\n", status_code=404)
        if not served.holds(name):
            return build_changed()
        return FileResponse(build_dir / name, media_type=served.dumps[name])

    def search(request: Request) -> Response:
        served = current.served
        return HTMLResponse(search_page(reader(request), served.labels, request.query_params.get("q", "")))

    def home(request: Request) -> Response:
        served = current.served
        return HTMLResponse(browse.home_page(reader(request), served.holdings, served.summary, served.built))

    def classes(request: Request) -> Response:
        served = current.served
        return HTMLResponse(browse.classes_page(reader(request), served.holdings))

    def one_class(request: Request) -> Response:
        served = current.served
        cls = browse.class_of(request.path_params["name"])
        page = browse.class_page(reader(request), served.holdings, cls) if cls is not None else None
        if page is None:
            return HTMLResponse(layout("Not found", "<h1>No such class</h1>"), status_code=404)
        return HTMLResponse(page)

    def dumps_index(request: Request) -> Response:
        served = current.served
        sizes = {name: served.files[name][1] for name in served.dumps}
        return HTMLResponse(browse.dumps_page(reader(request), sizes, VOCABULARY_FILES))

    def entity(request: Request) -> Response:
        served = current.served
        dataset, base = served.dataset, served.base
        iri = URIRef(base + request.path_params["path"])
        if (iri, None, None) not in dataset and (None, None, iri) not in dataset:
            return PlainTextResponse(f"404 Not Found: no resource {iri}\n", status_code=404)
        is_article = (iri, RDF.type, KGO.NewsArticle) in dataset
        return negotiated(
            request,
            base,
            lambda: article_page(reader(request), iri) if is_article else entity_page(reader(request), iri),
            lambda: description(dataset, iri, base),
        )

    def whole(request: Request) -> Response:
        """The whole ontology or shapes: /ontology, /ontology.ttl, /shapes, /shapes.jsonld, ..."""
        served = current.served
        name, _, extension = request.url.path.strip("/").partition(".")
        graph = served.vocabulary.whole(name)
        if extension:
            fmt = EXTENSIONS.get(f".{extension}")
            if fmt is None or fmt.keeps_graphs:
                return PlainTextResponse("404 Not Found\n", status_code=404)
            return Response(serialize(graph, fmt.name, served.base), media_type=fmt.content_type)
        return negotiated(
            request,
            served.base,
            lambda: vocabulary_pages.index_page(reader(request), served.vocabulary, name),
            lambda: graph,
        )

    def term(request: Request) -> Response:
        served = current.served
        iri = served.terms.get(request.path_params["name"])
        if iri is None:
            return PlainTextResponse("404 Not Found: no such term in the ontology\n", status_code=404)
        members = served.dataset.count_members(iri)
        return negotiated(
            request,
            served.base,
            lambda: vocabulary_pages.term_page(reader(request), served.vocabulary, iri, members),
            lambda: served.vocabulary.description(iri),
        )

    def shape(request: Request) -> Response:
        served = current.served
        iri = served.shapes.get(request.path_params["name"])
        if iri is None:
            return PlainTextResponse("404 Not Found: no such shape\n", status_code=404)
        return negotiated(
            request,
            served.base,
            lambda: vocabulary_pages.shape_page(reader(request), served.vocabulary, iri),
            lambda: served.vocabulary.description(iri),
        )

    def queries_index(request: Request) -> Response:
        served = current.served
        return HTMLResponse(query_pages.index_page(reader(request), served.named))

    def query(request: Request) -> Response:
        served = current.served
        name, fmt = query_pages.split_name(request.path_params["name"], served.named)
        fmt = fmt or request.query_params.get("format", "")
        if name not in served.named or (fmt and fmt not in query_pages.DOWNLOADS):
            return HTMLResponse(layout("Not found", f"<h1>No question {html.escape(name)}</h1>"), status_code=404)
        site = reader(request)
        asked = query_pages.read_choices(dict(request.query_params), served.languages, site.lang)
        named = served.named[name]
        try:
            found = query_pages.answer(served.endpoint, named, asked)
            if not fmt:
                return HTMLResponse(query_pages.query_page(site, named, asked, served.languages, found))
            body = query_pages.download(found, fmt, served.site)
        except ProtocolError as error:
            return retry_later(failed(error.status, str(error)), error)
        except QueryError as error:  # results the format cannot carry
            return failed(406, str(error))
        response = Response(body, media_type=RESULT_FORMATS[fmt].content_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response

    def static(request: Request) -> Response:
        found = sparql_page.static_file(request.path_params["name"])
        if found is None:
            return PlainTextResponse("404 Not Found\n", status_code=404)
        response = Response(found[0], media_type=found[1])
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = threading.Event()
        watcher = current.watch(reload, stop) if reload else None
        try:
            yield
        finally:
            stop.set()
            if watcher is not None:
                watcher.join(timeout=5)
            current.served.endpoint.close()

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
        Route("/static/{name}", static),
        Route("/{path:path}", entity),
    ]
    if curation is not None:
        routes[:0] = curation.routes()
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.current = current
    return app

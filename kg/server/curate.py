"""`kg serve --curate`: review drafts in the browser.

/curate lists the project's drafts (articles `kg build` would refuse, with
how many things it would refuse); /curate/FILE is one draft's review page,
and a POST there accepts, rejects, relinks or changes the measure of one
item, saving the draft through kg.server.curate_draft (atomic, comments kept,
checked by the build's reader, else refused and nothing changed).

Only files directly in the project's data/articles/ are read or written
(and, when a candidate is accepted, data/entities/curated.yaml), every file
access runs under the audit hook of kg.guard confined to the data folder,
and a change is accepted only as a POST from this server's own pages: it
carries the server's random token and the draft's version, its Origin (or
Referer) is this server, and its Host a loopback name (no DNS rebinding).
"""

from __future__ import annotations

import re
import secrets
import threading
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, Namespace
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from kg.errors import KGError
from kg.guard import OutsideAccessError, confined
from kg.query.search import search
from kg.server import curate_actions as actions
from kg.server.curate_draft import GENERIC_MEASURE, CurateError, known_entities, open_draft, pending, save
from kg.server.curate_pages import anchor, list_page, page, search_results
from kg.server.curate_review import review_page

QB = Namespace("http://purl.org/linked-data/cube#")
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.yaml$")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "[::1]"})
MAX_BODY = 64 * 1024
SEARCH_BASE = "urn:kg:entity:"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def measures_of(ontology: Path) -> dict[str, str]:
    """The ontology's measures of a number (qb:MeasureProperty, datatype), by name, with their English labels."""
    graph = Graph()
    for path in sorted(ontology.glob("*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib's parsers raise many kinds
            raise KGError(f"{path}: cannot read the ontology's measures: {error}") from None
    found = {}
    for prop in graph.subjects(RDF.type, QB.MeasureProperty):
        if (prop, RDF.type, OWL.DatatypeProperty) in graph and isinstance(prop, URIRef):
            labels = [str(x) for x in graph.objects(prop, RDFS.label) if getattr(x, "language", None) == "en"]
            found[re.split(r"[#/]", str(prop))[-1]] = labels[0] if labels else ""
    return {**dict(sorted(found.items())), GENERIC_MEASURE: "a number of something else (generic)"}


class Curation:
    """The curation routes of one project's data folder."""

    def __init__(self, data_dir: Path, ontology: Path, hosts: frozenset[str] = LOOPBACK) -> None:
        self.data_dir = data_dir.absolute()
        self.articles = self.data_dir / "articles"
        self.hosts = hosts
        self.token = secrets.token_urlsafe(32)
        self.writing = threading.Lock()
        self.measures = measures_of(ontology)

    def routes(self) -> list[Route]:
        return [
            Route("/curate", self.index),
            Route("/curate/{name}", self.review, methods=["GET", "POST"]),
        ]

    # --- requests ----------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        if (refused := self._foreign_host(request)) is not None:
            return refused
        return await run_in_threadpool(self._guarded, self._index)

    async def review(self, request: Request) -> Response:
        if (refused := self._foreign_host(request)) is not None:
            return refused
        name = request.path_params["name"]
        if request.method == "GET":
            params = request.query_params
            return await run_in_threadpool(self._guarded, self._show, name, params.get("q", ""), params.get("done", ""))
        if (refused := self._foreign_origin(request)) is not None:
            return refused
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            return _text(413, "request too large")
        body = await request.body()
        if len(body) > MAX_BODY:
            return _text(413, "request too large")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        if not secrets.compare_digest(form.get("token", "").encode("utf-8"), self.token.encode("utf-8")):
            return _text(403, "refused: the request does not carry this server's token; reload the page")
        return await run_in_threadpool(self._guarded, self._change, name, form)

    def _guarded(self, handler, *args) -> Response:
        """Run a handler with files confined to the data folder and no network."""
        try:
            with confined(self.data_dir):
                return handler(*args)
        except OutsideAccessError as error:
            return _text(403, f"refused: {error}")

    def _foreign_host(self, request: Request) -> Response | None:
        host = request.headers.get("host", "")
        if _host_name(host) not in self.hosts:
            return _text(403, f"refused: curation answers only at a loopback address, not {host!r}")
        return None

    def _foreign_origin(self, request: Request) -> Response | None:
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        origin = request.headers.get("origin")
        if origin is None and (referer := request.headers.get("referer")):
            parts = urlsplit(referer)
            origin = f"{parts.scheme}://{parts.netloc}"
        if origin != own:
            return _text(403, f"refused: a change must come from this server's own pages ({own}), not {origin!r}")
        return None

    # --- what the handlers do --------------------------------------------------------

    def _path(self, name: str) -> Path:
        path = self.articles / name
        if not FILE_NAME.match(name) or not path.is_file() or path.resolve().parent != self.articles.resolve():
            raise CurateError(f"no article file {name!r} in data/articles/", 404)
        return path

    def _index(self) -> Response:
        rows = []
        entities = known_entities(self.data_dir)
        for path in sorted(self.articles.glob("*.yaml")):
            try:
                rows.append((path.name, len(pending(open_draft(path), entities)), ""))
            except KGError as error:
                rows.append((path.name, None, str(error)))
        return _html(list_page(rows))

    def _show(
        self,
        name: str,
        query: str = "",
        message: str = "",
        error: str = "",
        status: int = 200,
        suggest: tuple[str, str] | None = None,
    ) -> Response:
        try:
            draft = open_draft(self._path(name))
            entities = known_entities(self.data_dir)
        except KGError as failure:
            status = getattr(failure, "status", 422)
            return _html(
                page(
                    "Cannot review",
                    f'<p class="err" role="alert">{escape(str(failure))}</p>',
                ),
                status,
            )
        extra = ""
        if query.strip():
            relink = (name, self.token, draft.version, suggest[0]) if suggest else None
            extra = (
                f'<section aria-labelledby="h-found"><h2 id="h-found">Known entities matching «{escape(query)}»'
                f"</h2>{search_results(self._search(entities, query), relink)}</section>"
            )
        notes = [n.replace(f"{self.data_dir.parent}/", "") for n in pending(draft, entities)]
        try:
            return _html(review_page(draft, entities, self.measures, self.token, notes, message, error, extra), status)
        except (KeyError, TypeError, ValueError, AttributeError) as failure:
            what = f"{name} has an item this page cannot show ({type(failure).__name__}: {failure}); fix it by hand"
            return _html(page("Cannot review", f'<p class="err" role="alert">{escape(what)}</p>'), 422)

    def _search(self, entities: dict, text: str) -> list[tuple[str, str, str]]:
        if text.strip() in entities:
            return [(text.strip(), entities[text.strip()].labels.get("en", ""), entities[text.strip()].type)]
        dataset = Dataset()
        for entity_id, entity in entities.items():
            iri = URIRef(SEARCH_BASE + entity_id)
            for lang, label in entity.labels.items():
                dataset.add((iri, RDFS.label, Literal(label, lang=lang)))
            for lang, labels in entity.alt_labels.items():
                for label in labels:
                    dataset.add((iri, RDFS.label, Literal(label, lang=lang)))
        found = search(dataset, text, SEARCH_BASE, limit=12)
        ids = [str(m.entity)[len(SEARCH_BASE) :] for m in found]
        return [(i, m.name, entities[i].type) for i, m in zip(ids, found, strict=True)]

    def _change(self, name: str, form: dict[str, str]) -> Response:
        with self.writing:  # one change at a time: each reads the file the last one wrote
            return self._change_one(name, form)

    def _change_one(self, name: str, form: dict[str, str]) -> Response:
        key, action = form.get("item", ""), form.get("action", "")
        try:
            path = self._path(name)
            draft = open_draft(path)
            if form.get("version") != draft.version:
                raise CurateError(f"{name} changed since this page was shown; nothing was saved, reload it", 409)
            entities = known_entities(self.data_dir)
            entities_file = None
            if action == "accept":
                entities_file = actions.accept(draft, key, form, entities, self.data_dir)
            elif action == "reject":
                actions.reject(draft, key)
            elif action == "relink":
                target = form.get("entity", "").strip()
                if target not in entities:
                    return self._show(
                        name,
                        target,
                        error=f"{target!r} is no known entity: pick one below",
                        status=422,
                        suggest=(key, target),
                    )
                actions.relink(draft, key, target, entities)
            elif action == "measure":
                actions.change_measure(draft, key, form.get("measure", ""), self.measures)
            else:
                raise CurateError(f"no such action {action!r}")
            save(draft, entities_file)
        except KGError as error:
            status = getattr(error, "status", 422)
            if status == 404 and not (self.articles / name).is_file():
                return _text(404, str(error))
            return self._show(name, error=str(error), status=status)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            message = f"not saved: {key} is malformed in {name} ({type(error).__name__}: {error}); fix it by hand"
            return self._show(name, error=message, status=422)
        done = f"{action} {key}: saved"
        return RedirectResponse(f"/curate/{quote(name)}?done={quote(done)}#{anchor(key)}", status_code=303)


def _host_name(host: str) -> str:
    return host.rsplit(":", 1)[0] if not host.endswith("]") else host


def _html(body: str, status: int = 200) -> Response:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def _text(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=HEADERS)

"""The /sparql page for people: a SPARQL editor with highlighting (CodeMirror,
bundled in static/, served from the package), the named queries as examples,
the answer as a table with downloads. A browser gets it by asking for HTML;
every other client keeps the SPARQL protocol. Without JavaScript the page is a
plain form that works the same."""

from __future__ import annotations

import html
import io
import json
from collections.abc import Mapping
from importlib import resources
from urllib.parse import urlencode

from rdflib import Graph
from rdflib.query import Result

from kg.errors import ProtocolError
from kg.formats import FORMATS
from kg.formats.results import RESULT_FORMATS
from kg.query.named import NamedQuery
from kg.query.run import with_lang
from kg.server.endpoint import Endpoint
from kg.server.negotiation import choose
from kg.server.pages import Site, layout
from kg.server.protocol import GRAPH_FORMS, QueryRequest, offers
from kg.server.query_pages import QUOTED, table

# The files of static/ that are served, with their media types.
STATIC = {
    "sparql-editor.js": "text/javascript; charset=utf-8",
    "sparql-editor.LICENSE": "text/plain; charset=utf-8",
    "README.md": "text/markdown; charset=utf-8",
}
# Downloads by ?format=: result formats for SELECT and ASK, graph formats for
# CONSTRUCT and DESCRIBE (those without named graphs).
RESULT_DOWNLOADS = [name for name in RESULT_FORMATS if name != "table"]
GRAPH_DOWNLOADS = [name for name, f in FORMATS.items() if not f.keeps_graphs]
# The parameter the editor's form adds, asking for the answer as a page.
VIEW = "table"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def static_file(name: str) -> tuple[bytes, str] | None:
    """A file of static/ and its media type; None for any other name."""
    if name not in STATIC:
        return None
    return resources.files("kg.server").joinpath("static", name).read_bytes(), STATIC[name]


def wants_page(method: str, params: Mapping[str, str], accept: str | None) -> bool:
    """Whether a GET is for the page: the editor's own requests say so
    (``view=table``); without a query, a browser's does too, asking for
    text/html before every format the protocol answers in (no Accept, or
    */*, keeps the protocol). A query without ``view`` is the protocol's
    whatever the Accept, and so is a download (``format``)."""
    if method == "POST" or "format" in params:
        return False
    if params.get("view") == VIEW:
        return True
    if "query" in params or not accept or "text/html" not in accept.lower():
        return False
    protocol = [*offers("SELECT"), *offers("CONSTRUCT")]
    return choose(accept, ["text/html", *protocol]) == "text/html"


def download_format(form: str, name: str) -> tuple[str, str]:
    """The media type and file extension a ``?format=`` download of a query
    of ``form`` takes (ProtocolError 400 for a format the form has not)."""
    if form in GRAPH_FORMS:
        if name not in GRAPH_DOWNLOADS:
            raise ProtocolError(400, f"format is one of {', '.join(GRAPH_DOWNLOADS)} for {form}")
        return FORMATS[name].media_type, FORMATS[name].extension
    usable = [n for n in RESULT_DOWNLOADS if form != "ASK" or RESULT_FORMATS[n].for_ask]
    if name not in usable:
        raise ProtocolError(400, f"format is one of {', '.join(usable)} for {form}")
    return RESULT_FORMATS[name].media_type, f".{name}"


def page(
    site: Site,
    endpoint: Endpoint,
    named: dict[str, NamedQuery],
    asked: QueryRequest,
    example: str = "",
) -> tuple[str, int]:
    """The editor, with the query's answer below it when one was sent; (page, status)."""
    text = asked.text
    if text is None and example in named:
        text = with_lang(named[example].text, site.lang)
    answer, status = "", 200
    if asked.text is not None:
        try:
            answer = _answer(site, endpoint, asked)
        except ProtocolError as error:
            status = error.status
            answer = f"<p class='warn' role='alert'>{status}: {_esc(error)}</p>"
    return layout("SPARQL", _editor(site, named, text or "", example) + answer, _head(named, site.lang), site), status


def _head(named: dict[str, NamedQuery], lang: str) -> str:
    # The examples' text for the editor's list, as JSON no markup can break out of.
    texts = {name: with_lang(q.text, lang) for name, q in named.items()}
    data = json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        f"<script type='application/json' id='examples'>{data}</script>"
        "<script src='/static/sparql-editor.js' defer></script>"
    )


def _editor(site: Site, named: dict[str, NamedQuery], text: str, example: str) -> str:
    t = site.t
    kept = f"<input type='hidden' name='lang' value='{_esc(site.lang)}'>" if site.keep else ""
    options = f"<option value=''>{_esc(t('choose-question'))}</option>" + "".join(
        f"<option value='{_esc(name)}'{' selected' if name == example else ''}>{_esc(q.title or name)}</option>"
        for name, q in named.items()
    )
    return (
        f"<h1>SPARQL</h1><p>{_esc(t('sparql-intro'))}</p>"
        f"<form method='get' action='/sparql' class='choices' id='examples-form'>{kept}"
        f"<label>{_esc(t('example'))} <select name='example' id='example'>{options}</select></label>"
        f"<button type='submit'>{_esc(t('load'))}</button></form>"
        f"<form method='get' action='/sparql' id='run'><input type='hidden' name='view' value='{VIEW}'>{kept}"
        # HTML drops one newline right after <textarea>: this one, not the query's own.
        f"<textarea name='query' id='query' rows='14' aria-label='{_esc(t('query'))}' spellcheck='false'>"
        f"\n{_esc(text)}</textarea><p><button type='submit'>{_esc(t('run'))}</button></p></form>"
    )


def _answer(site: Site, endpoint: Endpoint, asked: QueryRequest) -> str:
    text = asked.text or ""
    form = endpoint.check(text)
    endpoint.check_dataset(asked.dataset)
    t = site.t
    parts = [f"<h2 id='answer'>{_esc(t('answer'))}</h2>"]
    if form in GRAPH_FORMS:
        body, _ = endpoint.run(text, "nt", asked.dataset)
        graph = Graph().parse(data=body.decode("utf-8"), format="nt")
        triples = sorted(graph, key=lambda t: tuple(str(x) for x in t))
        rows = "".join(f"<tr>{''.join(f'<td>{site.link(x)}</td>' for x in t)}</tr>" for t in triples)
        head = "".join(f"<th scope='col'>{n}</th>" for n in ("subject", "predicate", "object"))
        parts.append(f"<p>{_esc(t('triples', count=len(triples)))}</p>")
        parts.append(
            f"<div class='scroll'><table class='results'><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )
        formats = GRAPH_DOWNLOADS
    else:
        body, truncated = endpoint.run(text, "json", asked.dataset)
        result = Result.parse(io.BytesIO(body), format="json")
        if result.type == "ASK":
            parts.append(f"<p class='answer'>{_esc(t('yes' if result.askAnswer else 'no'))}</p>")
        else:
            count = len(result.bindings)
            parts.append(f"<p>{_esc(t('row' if count == 1 else 'rows', count=count))}</p>")
            if truncated:
                parts.append(f"<p class='warn'>{_esc(t('cut'))}</p>")
            parts.append(table(site, result, set(QUOTED.findall(text))))
        formats = [n for n in RESULT_DOWNLOADS if form != "ASK" or RESULT_FORMATS[n].for_ask]
    titles = {name: FORMATS[name].title if form in GRAPH_FORMS else name.upper() for name in formats}
    links = " · ".join(
        f"<a href='/sparql?{_esc(_query_string(asked, name))}' download>{_esc(title)}</a>"
        for name, title in titles.items()
    )
    parts.append(f"<p class='downloads'>{_esc(t('download'))}: {links}</p>")
    return "".join(parts)


def _query_string(asked: QueryRequest, fmt: str) -> str:
    fields: list[tuple[str, str]] = [("query", asked.text or "")]
    if asked.dataset is not None:
        fields += [("default-graph-uri", iri) for iri in asked.dataset.default]
        fields += [("named-graph-uri", iri) for iri in asked.dataset.named]
    return urlencode([*fields, ("format", fmt)])

"""Named queries as pages: an index, and one page per query with its answer as
a table, its SPARQL, downloads, and choices from lists instead of SPARQL.

A query is evaluated through the server's guarded Endpoint (time limit, row
cap, no network); its JSON answer is read back, narrowed to the choices made,
and written again in the format asked for, so the page and every download
show the same rows.
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from rdflib import Literal, URIRef, Variable
from rdflib.query import Result

from kg.formats.results import RESULT_FORMATS, render
from kg.query.describe import label
from kg.query.named import NamedQuery
from kg.query.run import LANG_VARIABLE, with_lang
from kg.server.endpoint import Endpoint
from kg.server.pages import Site, layout

# The formats a download may take: every result format but the terminal's table.
DOWNLOADS = tuple(name for name in RESULT_FORMATS if name != "table")
DEFAULT_LANG = "en"  # as `kg query`
# Query-string names with a meaning of their own, never a column's choice.
RESERVED = frozenset({"lang", "format"})
# A column is offered as a list when it holds between two and this many values.
MAX_CHOICES = 60
# Variables bound to the article's own words (oa:exact), shown as quotes.
QUOTED = re.compile(r"(?:oa:exact|<http://www\.w3\.org/ns/oa#exact>)\s+[?$](\w+)")


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Choices:
    """What a reader chose from the lists: the label language and a value per column."""

    lang: str
    chosen: dict[str, str]  # column -> the N3 form of the value kept

    def query_string(self) -> str:
        return urlencode({"lang": self.lang, **self.chosen})


def split_name(path: str, named: dict[str, NamedQuery]) -> tuple[str, str]:
    """A question's name and the download format its path names:
    ``numbers`` -> (numbers, ""), ``numbers.csv`` -> (numbers, csv)."""
    if path in named:
        return path, ""
    stem, dot, fmt = path.rpartition(".")
    return (stem, fmt) if dot and fmt else (path, "")


def read_choices(params: dict[str, str], languages: list[str], default: str = DEFAULT_LANG) -> Choices:
    """The reader's choices; the label language, when not chosen, is ``default``
    (the interface's, from Accept-Language)."""
    lang = params.get("lang", default)
    if lang not in languages:
        lang = default if default in languages else DEFAULT_LANG
    chosen = {k: v for k, v in params.items() if k not in RESERVED and v}
    return Choices(lang, chosen)


@dataclass
class Answer:
    """A question's answer, narrowed to the reader's choices."""

    result: Result
    truncated: bool
    pickable: dict[str, list]  # column -> the values a reader may keep, from the whole answer


def answer(endpoint: Endpoint, query: NamedQuery, asked: Choices) -> Answer:
    """Evaluate ``query`` (ProtocolError on a refusal or time-out) and keep the
    rows that hold every chosen value."""
    body, truncated = endpoint.run(with_lang(query.text, asked.lang), "json")
    result = Result.parse(io.BytesIO(body), format="json")
    pickable = _pickable(result, quoted_columns(query)) if result.type == "SELECT" else {}
    if result.type == "SELECT":
        wanted = {k: v for k, v in asked.chosen.items() if k in pickable}
        result.bindings = [
            row for row in result.bindings if all(_key(row.get(Variable(k))) == v for k, v in wanted.items())
        ]
    return Answer(result, truncated, pickable)


def _key(term: object) -> str | None:
    return None if term is None else term.n3()


def quoted_columns(query: NamedQuery) -> set[str]:
    return set(QUOTED.findall(query.text))


def _pickable(result: Result, quoted: set[str]) -> dict[str, list]:
    """For each column that is not a quote or a number, its values, when few
    enough to pick from."""
    found = {}
    for var in result.vars or []:
        name = str(var)
        if name in RESERVED or name in quoted:
            continue
        values = {row.get(var) for row in result.bindings} - {None}
        if any(_is_number(v) or len(v) > 120 for v in values):
            continue
        if 2 <= len(values) <= MAX_CHOICES:
            found[name] = sorted(values, key=_key)
    return found


def _is_number(term: object) -> bool:
    value = term.value if isinstance(term, Literal) else None
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def download(answer_: Answer, fmt: str, site: Site) -> bytes:
    return render(answer_.result, fmt, site.base, site.dataset)


# --- pages ----------------------------------------------------------------------


def index_page(site: Site, queries: dict[str, NamedQuery]) -> str:
    items = "".join(
        f"<li><a href='{_esc(site.url(f'/queries/{name}'))}'>{_esc(q.title or name)}</a> "
        f"<span class='who'>{_esc(name)}</span><br>{_esc(q.description)}</li>"
        for name, q in queries.items()
    )
    title = site.t("questions")
    body = f"<h1>{_esc(title)}</h1><p>{_esc(site.t('questions-intro'))}</p><ul class='queries'>{items}</ul>"
    return layout(title, body, "", site)


def query_page(site: Site, query: NamedQuery, asked: Choices, languages: list[str], found: Answer) -> str:
    site = dataclasses.replace(site, lang=asked.lang)
    t = site.t
    result = found.result
    parts = [f"<h1>{_esc(query.title or query.name)}</h1>", f"<p>{_esc(query.description)}</p>"]
    parts.append(_form(site, query, asked, languages, found.pickable))
    if result.type == "ASK":
        parts.append(f"<p class='answer'>{_esc(t('yes' if result.askAnswer else 'no'))}</p>")
    else:
        count = len(result.bindings)
        parts.append(f"<p>{_esc(t('row' if count == 1 else 'rows', count=count))}</p>")
        if found.truncated:
            parts.append(f"<p class='warn'>{_esc(t('cut'))}</p>")
        parts.append(table(site, result, quoted_columns(query)))
    links = " · ".join(
        f"<a href='/queries/{_esc(query.name)}.{fmt}?{_esc(asked.query_string())}' download>{fmt.upper()}</a>"
        for fmt in DOWNLOADS
        if result.type == "SELECT" or RESULT_FORMATS[fmt].for_ask
    )
    parts.append(f"<p class='downloads'>{_esc(t('download'))}: {links}</p>")
    parts.append(f"<h2>SPARQL</h2><pre class='sparql'>{_esc(query.text)}</pre>")
    return layout(query.title or query.name, "".join(parts), "", site)


def _form(site: Site, query: NamedQuery, asked: Choices, languages: list[str], pickable: dict[str, list]) -> str:
    fields = []
    if LANG_VARIABLE.search(query.text):
        options = "".join(
            f"<option value='{_esc(lang)}'{' selected' if lang == asked.lang else ''}>{_esc(lang)}</option>"
            for lang in languages
        )
        fields.append(f"<label>{_esc(site.t('labels-in'))} <select name='lang'>{options}</select></label>")
    else:
        fields.append(f"<input type='hidden' name='lang' value='{_esc(asked.lang)}'>")
    for name, values in pickable.items():
        picked = asked.chosen.get(name, "")
        named = sorted((_short(label(site.dataset, v, site.lang)), v.n3()) for v in values)
        options = f"<option value=''>{_esc(site.t('any'))}</option>" + "".join(
            f"<option value='{_esc(key)}'{' selected' if key == picked else ''}>{_esc(text)}</option>"
            for text, key in named
        )
        fields.append(f"<label>{_esc(name)} <select name='{_esc(name)}'>{options}</select></label>")
    if len(fields) == 1 and not LANG_VARIABLE.search(query.text):
        return ""
    button = f"<button type='submit'>{_esc(site.t('show'))}</button>"
    return f"<form method='get' class='choices'>{''.join(fields)}{button}</form>"


def _short(text: str, size: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def table(site: Site, result: Result, quoted: set[str]) -> str:
    """The rows as an HTML table: entities linked, the columns in ``quoted`` as quotes."""
    names = [str(v) for v in result.vars or []]
    head = "".join(f"<th scope='col'>{_esc(n)}</th>" for n in names)
    rows = []
    for row in result.bindings:
        values = {str(k): v for k, v in row.items()}
        cells = "".join(f"<td>{_cell(site, values.get(n), n in quoted, values, quoted)}</td>" for n in names)
        rows.append(f"<tr>{cells}</tr>")
    table = f"<table class='results'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f"<div class='scroll'>{table}</div>"


def _cell(site: Site, term: object, is_quote: bool, row: dict, quoted: set[str]) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return site.link(term)
    text = str(term)
    if is_quote:
        # A sentence holding a shorter quote of the same row shows it marked.
        inner = [str(row[q]) for q in quoted if row.get(q) is not None and str(row[q]) != text and str(row[q]) in text]
        if inner:
            part = max(inner, key=len)
            a = text.index(part)
            marked = f"{_esc(text[:a])}<mark>{_esc(part)}</mark>{_esc(text[a + len(part) :])}"
            return f"<q lang='kk'>{marked}</q>"
        return f"<q lang='kk'>{_esc(text)}</q>"
    lang = f" lang='{_esc(term.language)}'" if isinstance(term, Literal) and term.language else ""
    return f"<span{lang}>{_esc(text)}</span>"

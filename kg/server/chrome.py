"""The frame every page shares: its style, the header (the site's name,
search, navigation, the language switch), and the Site, which maps the data's
IRIs to this server's paths in the reader's interface language.

The interface speaks Kazakh, English and Russian: chosen by ``?lang=`` (the
switch on every page, kept in the links of the page once chosen) or else by
the browser's Accept-Language; labels of the data follow the same choice.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from rdflib import Dataset, Literal, Namespace, URIRef

from kg.namespaces import KGO, ONTOLOGY_GRAPH
from kg.query.describe import label
from kg.server.words import LANGUAGE_NAMES, LANGUAGES, words

DEFAULT_LANGUAGE = "en"

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:62rem;margin:1rem auto;padding:0 1rem;color:#222}
header{display:flex;gap:1rem;align-items:center;border-bottom:1px solid #ccc;padding-bottom:.5rem}
header a{font-weight:bold;text-decoration:none}
mark{background:#ffe08a;padding:0 .1em}
mark.span{background:#ffe9b3;padding:0}
mark.fact{background:#cfe3f7}
mark.number{background:#ffd59e}
mark.mention{background:#e4e4e4}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
ul.legend .swatch,ul.legend mark{display:inline-block;min-width:1rem;margin-right:.3rem}
.swatch{width:1rem;height:.8rem;border:1px solid #777;vertical-align:middle}
.fact{margin:.6rem 0;padding:.4rem .6rem;border-left:3px solid #92c5de;background:#f7fbff}
.evidence{font-size:.92rem;color:#333;margin:.2rem 0 .2rem 1rem}
.who{color:#666;font-size:.85rem}
.labels td{padding:0 .8rem 0 0}
.article{line-height:1.7;white-space:pre-wrap}
.article a{color:inherit;text-decoration:none}
ul.spans li{margin:.3rem 0}
header{flex-wrap:wrap}
main{overflow-wrap:anywhere}
header form{display:flex;gap:.3rem;flex:1 1 14rem}
header .langs{margin-left:auto}
.langs a[aria-current]{color:#222;text-decoration:none}
header input{flex:1;min-width:6rem}
svg{max-width:100%;height:auto}
.picture svg{min-width:40rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.5rem;font-size:.85rem}
.scroll{overflow-x:auto}
table.results{border-collapse:collapse}
table.results th,table.results td{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top;text-align:left}
table.results td{overflow-wrap:anywhere;min-width:6rem}
q{font-style:italic}
form.choices{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.6rem 0}
form.choices label{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;max-width:100%;min-width:0}
form.choices select{max-width:100%;min-width:0}
.warn{color:#8a1c1c}
ul.queries li{margin:.5rem 0}
textarea{width:100%;box-sizing:border-box;font-family:"DejaVu Sans Mono",monospace}
a{color:#0645ad}
a:visited{color:#5a2a8a}
::placeholder{color:#5f5f5f;opacity:1}
:focus-visible{outline:3px solid #b3541e;outline-offset:2px}
.skip{position:absolute;left:-100vw;top:0}
.skip:focus{left:1rem;background:#fff;padding:.3rem .6rem;z-index:1}
@media (max-width:40rem){h1{font-size:1.5rem}h2{font-size:1.25rem}body{margin-top:.5rem}}
"""


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def accepted_language(header: str | None) -> str:
    """The interface language an Accept-Language header prefers (RFC 9110
    §12.5.4, by the primary subtag: kk-KZ is kk); English when it names none
    of ours."""
    ranked = []
    for position, part in enumerate((header or "").split(",")):
        tag, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))  # the first listed wins a tie
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


# The shapes' namespace (ontology/shapes*.ttl), beside the ontology's; like
# kgo: it stays the same whatever --base a build is given.
SHAPES = Namespace("https://kg.example.org/shapes#")
# Where the server answers for the vocabulary's IRIs, whatever its base.
VOCABULARY_PATHS = ((str(KGO), "/ontology"), (str(SHAPES), "/shapes"))


@dataclass(frozen=True)
class Site:
    """How IRIs of the data map to paths of this server, for one reader:
    ``lang`` the interface and label language, ``keep`` whether the reader
    chose it (then links carry it), ``here`` the page's own path and query
    without ``lang`` (for the language switch)."""

    dataset: Dataset
    base: str
    lang: str = DEFAULT_LANGUAGE
    keep: bool = False
    here: str = "/"

    def for_reader(self, path: str, params: Mapping[str, str] | list[tuple[str, str]], accept: str | None) -> Site:
        """This site as one request sees it: ``?lang=`` first, else Accept-Language."""
        items = list(params.items()) if isinstance(params, Mapping) else list(params)
        asked = next((v for k, v in items if k == "lang"), None)
        keep = asked in LANGUAGES
        lang = asked if keep else accepted_language(accept)
        rest = [(k, v) for k, v in items if k != "lang"]
        here = path + (f"?{urlencode(rest)}" if rest else "")
        return dataclasses.replace(self, lang=lang, keep=keep, here=here)

    def t(self, key: str, **values: object) -> str:
        """The interface's words for ``key`` in the reader's language, filled in."""
        return words(key, self.lang).format(**values)

    def url(self, path: str) -> str:
        """A path of this server, carrying the reader's language once chosen."""
        if not self.keep or not path.startswith("/"):
            return path
        return f"{path}{'&' if '?' in path else '?'}lang={self.lang}"

    def path(self, node: object) -> str:
        """Where ``node`` resolves on this server (its IRI when elsewhere)."""
        if node == ONTOLOGY_GRAPH:
            return "/ontology"
        for namespace, path in VOCABULARY_PATHS:
            if isinstance(node, URIRef) and node.startswith(namespace):
                local = node[len(namespace) :]
                return f"{path}/{quote(local, safe='-_.~')}" if local else path
        if isinstance(node, URIRef) and node.startswith(self.base):
            return "/" + quote(node[len(self.base) :], safe="/-_.~")
        return str(node)

    def href(self, node: object) -> str:
        return self.url(self.path(node))

    def link(self, node: object) -> str:
        if isinstance(node, Literal):
            tag = f" <span class='who'>@{node.language}</span>" if node.language else ""
            return _escape(str(node)) + tag
        return f"<a href='{_escape(self.href(node))}'>{_escape(label(self.dataset, node, self.lang))}</a>"


ENGLISH = Site(Dataset(), "")  # the frame for pages that have no reader's site


def _switch(site: Site) -> str:
    links = []
    for lang in LANGUAGES:
        href = f"{site.here}{'&' if '?' in site.here else '?'}lang={lang}"
        current = " aria-current='true'" if lang == site.lang else ""
        links.append(f"<a href='{_escape(href)}' hreflang='{lang}' lang='{lang}'{current}>{LANGUAGE_NAMES[lang]}</a>")
    return f"<nav class='langs' aria-label='{_escape(site.t('language'))}'>{' · '.join(links)}</nav>"


def layout(title: str, body: str, head: str = "", site: Site = ENGLISH) -> str:
    """A whole page; ``head`` is markup for the head (alternate links)."""
    t, url = site.t, site.url
    kept = f"<input type='hidden' name='lang' value='{site.lang}'>" if site.keep else ""
    nav = " ".join(
        f"<a href='{_escape(url(path))}'>{_escape(t(key))}</a>"
        for path, key in (
            ("/queries", "questions"),
            ("/classes", "classes"),
            ("/dumps/", "downloads"),
            ("/ontology", "vocabulary"),
            ("/sparql", "sparql"),
        )
    )
    return (
        f"<!DOCTYPE html><html lang='{site.lang}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_escape(title)}</title><style>{STYLE}</style>{head}</head><body>"
        f"<a class='skip' href='#main'>{_escape(t('skip'))}</a>"
        f"<header><a href='{_escape(url('/'))}'>{_escape(t('site'))}</a>"
        f"<form action='/search' method='get' role='search'>{kept}"
        f"<input name='q' type='search' placeholder='{_escape(t('search-hint'))}' aria-label='{_escape(t('search'))}'>"
        f"<button type='submit'>{_escape(t('search'))}</button></form>"
        f"<nav>{nav} <a href='/.well-known/void'>VoID</a></nav>{_switch(site)}"
        "</header>"
        f"<main id='main'>{body}</main></body></html>"
    )

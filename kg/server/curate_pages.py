"""The curation pages' HTML: server-rendered, every value escaped, no script.

Every change is a plain POST form carrying the server's token and the
draft's version, so the pages work with the keyboard alone (Tab to a field
or button, Enter to send) and in any browser.
"""

from __future__ import annotations

import itertools
import re
from html import escape
from urllib.parse import quote

from kg.pipeline.sources import Entity
from kg.pipeline.spans import occurrences
from kg.server.curate_draft import Draft

STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;line-height:1.45}
.text{white-space:pre-wrap;border:1px solid #ccc;padding:1rem;font-size:1.05rem}
mark{background:none;padding:0 1px;border-radius:2px}
.k-mention{background:#cfe3ff}.k-candidate{background:#ffd9a8}.k-number{background:#c6f0c2}
.k-date{background:#ead2ff}.k-quote{text-decoration:underline wavy #a33;text-underline-offset:3px}
.k-fact{border-bottom:2px dotted #555}
ol.items>li{margin:.6rem 0;padding:.4rem;border-left:4px solid #ccc}
li.open{border-left-color:#e08a00}li.done{border-left-color:#3a3}
form.act{display:inline-block;margin:.15rem .4rem .15rem 0}
.msg{padding:.5rem;border:1px solid #3a3;background:#efe}.err{padding:.5rem;border:1px solid #a33;background:#fee}
:focus{outline:3px solid #0a58ca;outline-offset:1px}
"""
KIND_NAMES = {
    "mention": "known entity",
    "candidate": "candidate entity",
    "number": "number",
    "date": "date",
    "quote": "reported speech",
    "fact": "other fact's quote",
}


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        '<body><nav aria-label="site"><a href="/">The knowledge graph</a> · <a href="/curate">Drafts to review</a>'
        f'</nav><main id="main">{body}</main></body></html>\n'
    )


def anchor(key: str) -> str:
    return "item-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def list_page(rows: list[tuple[str, int | None, str]]) -> str:
    """rows: (file name, how many things kg build would refuse or None, what)."""
    drafts = [r for r in rows if r[1] != 0]
    items = "".join(
        f'<li><a href="/curate/{quote(name)}">{escape(name)}</a>: '
        + (f"{count} to review" if count is not None else f"cannot be read: {escape(what)}")
        + "</li>"
        for name, count, what in drafts
    )
    done = len(rows) - len(drafts)
    return page(
        "Drafts to review",
        "<h1>Drafts to review</h1>"
        + (f'<ul id="drafts">{items}</ul>' if drafts else "<p>No draft: every article builds.</p>")
        + f"<p>{done} reviewed article(s) need nothing more.</p>",
    )


def highlighted(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """The text with each stretch marked by the kinds of item covering it."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for start, end in itertools.pairwise(cuts):
        covering = [(k, key) for s, e, k, key in spans if s <= start and end <= e]
        piece = escape(text[start:end])
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({k for k, _ in covering})
        title = "; ".join(sorted({f"{KIND_NAMES[k]}: {key}" for k, key in covering}))
        classes = " ".join(f"k-{k}" for k in kinds)
        out.append(f'<mark class="{classes}" title="{escape(title)}">{piece}</mark>')
    return "".join(out)


def text_spans(draft: Draft, numbers: set[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, item key) of every drafted mention, number, date, quote and fact."""
    text, doc = draft.article.text, draft.doc
    candidates = set(draft.candidate_ids())
    found = []
    for entity, forms in (doc.get("mentions") or {}).items():
        kind = "candidate" if entity in candidates else "mention"
        key = f"candidate:{entity}" if entity in candidates else f"mention:{entity}"
        for form in forms or []:
            found += [(s.start, s.end, kind, key) for s in _spans(text, str(form))]
    for index, date in enumerate(draft.section("dates")):
        if not isinstance(date, dict):
            continue
        start = date.get("start")
        if isinstance(start, int) and text[start : start + len(str(date.get("text")))] == str(date.get("text")):
            found.append((start, start + len(str(date["text"])), "date", f"date:{index}"))
    for index, speech in enumerate(draft.section("attributions")):
        if not isinstance(speech, dict):
            continue
        found += [(s.start, s.end, "quote", f"speech:{index}") for s in _spans(text, str(speech.get("speech")))[:1]]
    for fact in draft.article.facts:
        kind = "number" if fact.id in numbers else "fact"
        spans = _spans(text, fact.quote)
        spans = [s for s in spans if fact.start is None or s.start == fact.start][:1]
        found += [(s.start, s.end, kind, f"fact:{fact.id}") for s in spans]
    return found


def _spans(text: str, form: str):
    try:
        return occurrences(text, form)
    except Exception:  # an empty or odd form highlights nothing
        return []


def entity_options(entities: dict[str, Entity]) -> str:
    return (
        '<datalist id="known-entities">'
        + "".join(
            f'<option value="{escape(i)}">{escape(e.labels.get("en", ""))} — {escape(e.labels.get("kk", ""))}</option>'
            for i, e in sorted(entities.items())
        )
        + "</datalist>"
    )


def hidden(token: str, version: str, key: str) -> str:
    return (
        f'<input type="hidden" name="token" value="{escape(token)}">'
        f'<input type="hidden" name="version" value="{escape(version)}">'
        f'<input type="hidden" name="item" value="{escape(key)}">'
    )


def action_form(file_name: str, hidden_fields: str, action: str, label: str, fields: str = "") -> str:
    return (
        f'<form class="act" method="post" action="/curate/{quote(file_name)}">{hidden_fields}'
        f'{fields}<button type="submit" name="action" value="{action}">{escape(label)}</button></form>'
    )


def relink_field(key: str) -> str:
    ident = anchor(key) + "-entity"
    return (
        f'<label for="{ident}">entity</label> '
        f'<input id="{ident}" name="entity" list="known-entities" size="28" placeholder="id or name to search">'
    )


def search_results(found: list[tuple[str, str, str]], relink: tuple[str, str, str, str] | None) -> str:
    """found: (entity id, name matched, class); with ``relink`` = (file, token, version, key), a button each."""
    if not found:
        return "<p>No known entity matches.</p>"
    rows = []
    for entity_id, name, kind in found:
        row = f"<code>{escape(entity_id)}</code> {escape(name)} <small>({escape(kind)})</small>"
        if relink is not None:
            file_name, token, version, key = relink
            fields = f'<input type="hidden" name="entity" value="{escape(entity_id)}">'
            row += " " + action_form(file_name, hidden(token, version, key), "relink", f"link to {entity_id}", fields)
        rows.append(f"<li>{row}</li>")
    return f'<ul id="search-results">{"".join(rows)}</ul>'

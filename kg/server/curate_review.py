"""The review page of one draft: what `kg build` would still refuse, the
article text with every drafted item highlighted by kind, and each item with
its actions (accept, reject, relink, change the measure), each a plain form.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from kg.pipeline.sources import Entity
from kg.server.curate_draft import Draft
from kg.server.curate_pages import (
    KIND_NAMES,
    action_form,
    anchor,
    entity_options,
    hidden,
    highlighted,
    page,
    relink_field,
    text_spans,
)


def _status(done: bool) -> tuple[str, str]:
    return ("done", "reviewed") if done else ("open", "to review")


def _item(key: str, done: bool, what: str, forms: str) -> str:
    css, status = _status(done)
    return (
        f'<li id="{anchor(key)}" class="{css}" data-key="{escape(key)}"><strong>[{status}]</strong> {what}<br>'
        f"{forms}</li>"
    )


def review_page(
    draft: Draft,
    entities: dict[str, Entity],
    measures: dict[str, str],
    token: str,
    notes: list[str],
    message: str = "",
    error: str = "",
    extra: str = "",
) -> str:
    """The review page of one draft: what kg build still refuses, the text with
    every drafted item highlighted, and each item with its actions."""
    name, version, article = draft.path.name, draft.version, draft.article
    numbers = {f.id for f in article.facts if isinstance(f.value, int | float) and not isinstance(f.value, bool)}

    def form(key: str, action: str, label: str, fields: str = "") -> str:
        return action_form(name, hidden(token, version, key), action, label, fields)

    def standard(key: str, accept: bool = True, link: bool = True) -> str:
        out = form(key, "accept", "Accept") if accept else ""
        out += form(key, "reject", "Reject")
        return out + (form(key, "relink", "Relink", relink_field(key)) if link else "")

    head_done = article.reviewed and "en" in article.labels and (article.publisher or _says_unknown(draft))
    ident = anchor("head")
    head_fields = (
        f'<label for="{ident}-title">English title</label> <input id="{ident}-title" name="title_en" size="40" '
        f'value="{escape(article.labels.get("en", ""))}"> <label for="{ident}-publisher">publisher</label> '
        f'<input id="{ident}-publisher" name="publisher" list="known-entities" size="24" '
        f'placeholder="org id or unknown" value="{escape(str(draft.doc["article"].get("publisher") or ""))}">'
    )
    curators = sorted(i for i, e in entities.items() if e.type == "Curator")
    if curators:
        by = article.review.curator if article.review else curators[0]
        head_fields += f' <label for="{ident}-curator">reviewed by</label> <select id="{ident}-curator" name="curator">'
        head_fields += '<option value="">(leave as it is)</option>' + "".join(
            f'<option value="{escape(c)}"{" selected" if c == by else ""}>{escape(c)}</option>' for c in curators
        )
        head_fields += "</select>"
    head = _item(
        "head",
        bool(head_done),
        f"article <code>{escape(article.id)}</code>: «{escape(article.labels['kk'])}»",
        form("head", "accept", "Accept the article", head_fields),
    )
    datasets = sorted(i for i, e in entities.items() if e.type == "DataSet")
    candidates = []
    for body in draft.section("candidates"):
        key, ident = f"candidate:{body.get('id')}", anchor(f"candidate:{body.get('id')}")
        fields = (
            f'<label for="{ident}-en">English label</label> <input id="{ident}-en" name="label_en" size="28"> '
            f'<label for="{ident}-type">class</label> <input id="{ident}-type" name="type" size="16" '
            f'value="{escape(str(body.get("type", "")))}">'
        )
        if body.get("type") == "Observation":
            fields += f' <label for="{ident}-dataset">data set</label> <select id="{ident}-dataset" name="dataset">'
            fields += "".join(f'<option value="{escape(d)}">{escape(d)}</option>' for d in datasets) + "</select>"
        what = (
            f"candidate <code>{escape(str(body.get('id')))}</code> «{escape(str(body['label']['kk']))}» "
            f"({escape(str(body.get('type')))}, found as {escape(str(body.get('found_as', '?')))})"
        )
        actions = form(key, "accept", "Accept as new entity", fields) + standard(key, accept=False)
        candidates.append(_item(key, False, what, actions))
    facts = []
    for fact in article.facts:
        key = f"fact:{fact.id}"
        target = fact.object if fact.object is not None else repr(fact.value)
        what = (
            f"{'number' if fact.id in numbers else 'fact'} <code>{escape(fact.id)}</code>: "
            f"{escape(fact.subject)} <em>{escape(fact.predicate)}</em> {escape(str(target))} — "
            f"«{escape(fact.quote)}»" + (f" said by {escape(fact.speaker)}" if fact.speaker else "")
        )
        actions = standard(key, accept=not fact.reviewed, link=fact.object is not None)
        if fact.id in numbers:
            options = "".join(
                f'<option value="{escape(m)}"{" selected" if m == fact.predicate else ""}>{escape(label)}</option>'
                for m, label in measures.items()
            )
            select = (
                f'<label for="{anchor(key)}-measure">measure</label> <select id="{anchor(key)}-measure" '
                f'name="measure">{options}</select>'
            )
            actions += form(key, "measure", "Change measure", select)
        facts.append(_item(key, fact.reviewed, what, actions))
    mentions = []
    for entity, forms in (draft.doc.get("mentions") or {}).items():
        if entity in draft.candidate_ids():
            continue
        key = f"mention:{entity}"
        offsets = [o for o in draft.section("offsets") if isinstance(o, dict) and o.get("entity") == entity]
        done = bool(offsets) and all(o.get("reviewed") is True for o in offsets)
        known = entities.get(entity)
        label = f" ({escape(known.labels.get('en', ''))})" if known else " <strong>(unknown entity)</strong>"
        what = f"mention of <code>{escape(entity)}</code>{label}: " + ", ".join(f"«{escape(str(f))}»" for f in forms)
        mentions.append(_item(key, done, what, standard(key)))
    dates = [
        _item(
            f"date:{i}",
            d.get("reviewed") is True,
            f"date «{escape(str(d.get('text')))}» = {escape(str(d.get('value') or '—'))}"
            + (" (relative)" if d.get("relative") else ""),
            standard(f"date:{i}", link=False),
        )
        for i, d in enumerate(draft.section("dates"))
        if isinstance(d, dict)
    ]
    speech = [
        _item(
            f"speech:{i}",
            s.get("reviewed") is True,
            f"speech «{escape(str(s.get('speech')))}» said by «{escape(str(s.get('said_by')))}» = "
            f"<code>{escape(str(s.get('speaker')))}</code>",
            standard(f"speech:{i}"),
        )
        for i, s in enumerate(draft.section("attributions"))
        if isinstance(s, dict)
    ]
    refused = (
        f'<ul id="notes">{"".join(f"<li>{escape(n)}</li>" for n in notes)}</ul>'
        if notes
        else '<p id="notes">Nothing: <code>kg build</code> builds this article.</p>'
    )
    sections = "".join(
        f'<h3>{title} ({len(items)})</h3><ol class="items">{"".join(items)}</ol>'
        for title, items in (
            ("Article", [head]),
            ("Candidates", candidates),
            ("Facts and numbers", facts),
            ("Mentions of known entities", mentions),
            ("Dates", dates),
            ("Reported speech", speech),
        )
        if items
    )
    legend = " ".join(f'<mark class="k-{k}">{escape(v)}</mark>' for k, v in KIND_NAMES.items())
    body = (
        f"<h1>Review {escape(name)}</h1>"
        + (f'<p class="msg" role="status">{escape(message)}</p>' if message else "")
        + (f'<p class="err" role="alert">{escape(error)}</p>' if error else "")
        + extra
        + f'<section aria-labelledby="h-notes"><h2 id="h-notes">What <code>kg build</code> would still refuse '
        f"({len(notes)})</h2>{refused}</section>"
        + f'<section aria-labelledby="h-text"><h2 id="h-text">Text</h2><p>{legend}</p>'
        f'<div class="text" id="text">{highlighted(article.text, text_spans(draft, numbers))}</div></section>'
        + '<section aria-labelledby="h-search"><h2 id="h-search">Find a known entity</h2>'
        f'<form role="search" method="get" action="/curate/{quote(name)}"><label for="q">name or id</label> '
        '<input id="q" name="q" list="known-entities"> <button type="submit">Search</button></form></section>'
        + f'<section aria-labelledby="h-items"><h2 id="h-items">Items</h2>{sections}</section>'
        + entity_options(entities)
    )
    return page(f"Review {name}", body)


def _says_unknown(draft: Draft) -> bool:
    return draft.doc["article"].get("publisher") == "unknown"

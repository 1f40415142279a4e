"""What a curator can do to one item of a draft: accept, reject, relink, or
change a number's measure. Each function edits the round-trip document in
place; kg.server.curate_draft.save then checks and writes it, or refuses.

Accepting marks the item reviewed: the head and a fact lose ``reviewed:
false``; a date, a piece of speech and a mention's offsets get ``reviewed:
true`` (the build reads none of these, the flag records the curator's word);
a candidate becomes an entity of data/entities/curated.yaml. Rejecting
removes the item and what depends on it: a candidate's mentions and offsets,
the facts that use it as subject, object or speaker, the speech it is said to
have said.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from kg.pipeline.sources import ENTITY_ID, Entity
from kg.pipeline.spans import occurrences
from kg.server.curate_draft import CurateError, Draft, entities_file_with

KINDS = ("head", "candidate", "fact", "mention", "date", "speech")


def split_key(key: str) -> tuple[str, str]:
    kind, _, name = key.partition(":")
    if kind not in KINDS or (kind != "head" and not name):
        raise CurateError(f"no such item {key!r}")
    return kind, name


def _find(draft: Draft, kind: str, name: str) -> tuple[list, int]:
    """The list holding the item and its index there."""
    section = {"candidate": "candidates", "fact": "facts", "date": "dates", "speech": "attributions"}[kind]
    items = draft.section(section)
    if kind in ("date", "speech"):
        if name.isdigit() and int(name) < len(items):
            return items, int(name)
    else:
        for index, item in enumerate(items):
            if isinstance(item, dict) and str(item.get("id")) == name:
                return items, index
    raise CurateError(f"no {kind} {name!r} in {draft.path.name}; reload the page", 404)


def _drop_empty(draft: Draft, *sections: str) -> None:
    for section in sections:
        if section in draft.doc and not draft.doc[section]:
            del draft.doc[section]


def _mention_forms(draft: Draft) -> CommentedMap:
    mentions = draft.doc.get("mentions")
    if not isinstance(mentions, dict):
        raise CurateError(f"{draft.path.name} has no mentions")
    return mentions


def accept(draft: Draft, key: str, form: dict[str, str], entities: dict[str, Entity], data_dir: Path):
    """Mark the item reviewed; returns the curated entities file to write with it, if any."""
    kind, name = split_key(key)
    if kind == "head":
        head = draft.doc["article"]
        title = form.get("title_en", "").strip()
        if title:
            head.setdefault("label", CommentedMap())["en"] = title
        publisher = form.get("publisher", "").strip()
        if publisher:
            if publisher != "unknown" and publisher not in entities:
                raise CurateError(f"publisher {publisher!r} is no known entity (or 'unknown')")
            head["publisher"] = publisher
        curator = form.get("curator", "").strip()
        if curator:
            if curator not in entities or entities[curator].type != "Curator":
                raise CurateError(f"{curator!r} is no known Curator")
            review = CommentedMap([("by", curator), ("date", date.today().isoformat())])
            review.fa.set_flow_style()
            head["review"] = review
        head.pop("reviewed", None)
        return None
    if kind == "mention":
        entity = _known_mention(draft, name)
        _mark_offsets(draft, entity)
        return None
    items, index = _find(draft, kind, name)
    item = items[index]
    if kind == "fact":
        item.pop("reviewed", None)
    elif kind in ("date", "speech"):
        item["reviewed"] = True
    else:  # a candidate becomes an entity
        return _accept_candidate(draft, items, index, form, entities, data_dir)
    return None


def _accept_candidate(draft: Draft, items: list, index: int, form: dict, entities: dict, data_dir: Path):
    candidate = items[index]
    entity_id = str(candidate["id"])
    if entity_id in entities:
        raise CurateError(f"{entity_id} is already a known entity: relink the candidate to it", 409)
    english = form.get("label_en", "").strip()
    if not english:
        raise CurateError(f"an English label is needed to accept {entity_id}")
    kind = form.get("type", "").strip() or str(candidate.get("type", ""))
    label = {"kk": " ".join(str(candidate["label"]["kk"]).split()), "en": english}
    body = {"type": kind, "label": label}
    dataset = form.get("dataset", "").strip()
    if kind == "Observation" and not dataset:
        raise CurateError(f"an observation needs its data set to accept {entity_id}: pick a known DataSet")
    if dataset:
        if dataset not in entities or entities[dataset].type != "DataSet":
            raise CurateError(f"{dataset!r} is no known DataSet")
        body["dataset"] = dataset
    if isinstance(candidate.get("years"), list):
        body["years"] = [int(y) for y in candidate["years"]]
    del items[index]
    _drop_empty(draft, "candidates")
    return entities_file_with(data_dir, entity_id, body)


def _known_mention(draft: Draft, entity: str) -> str:
    if entity not in _mention_forms(draft):
        raise CurateError(f"no mention of {entity!r} in {draft.path.name}; reload the page", 404)
    if entity in draft.candidate_ids():
        raise CurateError(f"{entity} is a candidate: accept, reject or relink the candidate itself")
    return entity


def _mark_offsets(draft: Draft, entity: str) -> None:
    """Every place the entity's forms stand, recorded in ``offsets`` as reviewed."""
    text = draft.article.text
    offsets = draft.doc.setdefault("offsets", [])
    recorded = {(o.get("start"), o.get("end")) for o in offsets if isinstance(o, dict) and o.get("entity") == entity}
    for found in offsets:
        if isinstance(found, dict) and found.get("entity") == entity:
            found["reviewed"] = True
    found = {span: str(form) for form in _mention_forms(draft)[entity] for span in occurrences(text, str(form))}
    for span, form in sorted(found.items()):
        inside = any(other.contains(span) for other in found)  # «Алик Шпекбаев» in «Алик Шпекбаевтың»
        if not inside and (span.start, span.end) not in recorded:
            entry = {"entity": entity, "text": form, "start": span.start, "end": span.end, "reviewed": True}
            offsets.append(CommentedMap(entry))


def reject(draft: Draft, key: str) -> None:
    kind, name = split_key(key)
    if kind == "head":
        raise CurateError("the article itself cannot be rejected: remove its files instead")
    if kind == "mention":
        _drop_entity(draft, _known_mention(draft, name), facts=False)
        return
    items, index = _find(draft, kind, name)
    del items[index]
    if kind == "candidate":
        _drop_entity(draft, name, facts=True)
    _drop_empty(draft, "candidates", "dates", "attributions")


def _drop_entity(draft: Draft, entity: str, facts: bool) -> None:
    """The entity's mentions and offsets, and (for a candidate) what uses it."""
    draft.doc.get("mentions", {}).pop(entity, None)
    for section, fields in (("offsets", ("entity",)), ("attributions", ("speaker",))):
        items = draft.section(section)
        items[:] = [i for i in items if not (isinstance(i, dict) and any(i.get(f) == entity for f in fields))]
    if facts:
        items = draft.section("facts")
        items[:] = [f for f in items if not any(f.get(x) == entity for x in ("s", "o", "speaker"))]
    _drop_empty(draft, "offsets", "attributions")


def relink(draft: Draft, key: str, target: str, entities: dict[str, Entity]) -> None:
    """Link the item to the known entity ``target`` instead."""
    kind, name = split_key(key)
    if not ENTITY_ID.match(target) or target not in entities:
        raise CurateError(f"{target!r} is no known entity: search for one and pick it")
    if kind == "fact":
        items, index = _find(draft, kind, name)
        if "o" not in items[index]:
            raise CurateError(f"fact {name!r} has a value, not an entity: change its measure instead")
        items[index]["o"] = target
    elif kind == "speech":
        items, index = _find(draft, kind, name)
        items[index]["speaker"] = target
    elif kind == "mention":
        _rename(draft, _known_mention(draft, name), target)
    elif kind == "candidate":
        items, index = _find(draft, kind, name)
        del items[index]
        _rename(draft, name, target)
        _drop_empty(draft, "candidates")
    else:
        raise CurateError(f"{kind} items link to no entity")


def _rename(draft: Draft, old: str, new: str) -> None:
    """Every use of ``old`` becomes ``new``: mentions merged, offsets, facts, speakers."""
    mentions = _mention_forms(draft)
    forms = [str(f) for f in mentions.pop(old, [])]
    if forms:
        kept = mentions.setdefault(new, [])
        kept.extend(f for f in forms if f not in kept)
    for item in draft.section("offsets"):
        if item.get("entity") == old:
            item["entity"] = new
    for item in draft.section("attributions"):
        if item.get("speaker") == old:
            item["speaker"] = new
    for fact in draft.section("facts"):
        for role in ("s", "o", "speaker"):
            if fact.get(role) == old:
                fact[role] = new


def change_measure(draft: Draft, key: str, measure: str, measures: dict[str, str]) -> None:
    kind, name = split_key(key)
    if kind != "fact":
        raise CurateError("only a number's fact has a measure")
    items, index = _find(draft, kind, name)
    value = items[index].get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise CurateError(f"fact {name!r} is no number")
    if measure not in measures:
        raise CurateError(f"{measure!r} is no measure of the ontology")
    items[index]["p"] = measure

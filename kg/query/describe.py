"""Everything the built KG knows about one entity, with the evidence of each fact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import KGError
from kg.namespaces import KGO, OA, SCHEMA
from kg.query.search import search

SLUG_PATH = re.compile(r"[\w/.-]+\Z")
CORROBORATION_WORDS = {KGO.agreesWith: "agrees with", KGO.disagreesWith: "disagrees with"}


@dataclass(frozen=True)
class Link:
    """A fact in or out of one entity."""

    direction: str  # "out" or "in"
    predicate: URIRef
    other: object


def resolve_entity(dataset: Dataset, spec: str, base: str) -> URIRef:
    """An entity from its IRI, its path under the base (person/x), its slug (x)
    or any of its names as typed (Алтай Көлгінов, Көлгіновтың, kulginov)."""
    if spec.startswith(("http://", "https://")):
        iri = URIRef(spec)
        if (iri, None, None) not in dataset and (None, None, iri) not in dataset:
            raise KGError(f"no entity {spec} in the built KG")
        return iri
    if SLUG_PATH.match(spec) and (URIRef(base + spec), RDF.type, None) in dataset:
        return URIRef(base + spec)
    matches = search(dataset, spec, base, limit=6)
    complete = [m for m in matches if m.complete]
    if complete and (len(complete) == 1 or complete[0].score > complete[1].score):
        return complete[0].entity
    if not matches:
        raise KGError(f"no entity {spec!r} in the built KG (give an IRI, 'kind/slug', a slug or a name)")
    shown = ", ".join(f"{m.entity[len(base) :]} ({' '.join(m.name.split())})" for m in (complete or matches)[:5])
    raise KGError(f"{spec!r} names no one entity; did you mean: {shown}?")


def label(dataset: Dataset, node: object, lang: str) -> str:
    if isinstance(node, Literal):
        return str(node)
    labels = {lit.language: str(lit) for lit in dataset.objects(node, RDFS.label) if isinstance(lit, Literal)}
    for choice in (lang, "en", "kk"):
        if choice in labels:
            return labels[choice]
    try:
        return dataset.namespace_manager.curie(node, generate=False)
    except (KeyError, ValueError):
        return str(node)


# Where an entity is the same as an outside item, and where an article comes from.
SHOWN_OUTSIDE_KGO = {
    SKOS.exactMatch,
    PROV.hadPrimarySource,
    SCHEMA.publisher,
    SCHEMA.url,
    SCHEMA.datePublished,
    DCTERMS.license,
}


def statements_of(dataset: Dataset, s: object, p: object, o: object) -> list[URIRef]:
    """The statement nodes that record the triple (s, p, o), in a stable order."""
    return [
        statement
        for statement in sorted(dataset.subjects(RDF.subject, s))
        if (statement, RDF.predicate, p) in dataset and (statement, RDF.object, o) in dataset
    ]


def _evidence(dataset: Dataset, s: object, p: object, o: object, lang: str) -> tuple[str, ...]:
    notes = []
    for statement in statements_of(dataset, s, p, o):
        notes += [
            _source_note(dataset, statement, source, lang)
            for source in sorted(dataset.objects(statement, PROV.wasDerivedFrom))
        ]
        notes += _qualifier_notes(dataset, statement)
        for relation, other in corroborating(dataset, statement):
            sources = [
                _source_note(dataset, other, src, lang) for src in sorted(dataset.objects(other, PROV.wasDerivedFrom))
            ]
            notes.append(f"  {CORROBORATION_WORDS[relation]}: {'; '.join(sources)}")
    return tuple(notes)


def corroborating(graph, statement: object) -> list[tuple[URIRef, URIRef]]:
    """The statements of other sources that agree or disagree with this one, in
    a stable order: those of the same proposition agree, those of a linked
    proposition agree or disagree as the link says."""
    own = _sources(graph, statement)
    found = []
    for proposition in sorted(graph.objects(statement, KGO.expresses)):
        related = [(KGO.agreesWith, proposition)]
        related += [(link, other) for link in CORROBORATION_WORDS for other in sorted(graph.objects(proposition, link))]
        for relation, side in related:
            found += [
                (relation, other)
                for other in sorted(graph.subjects(KGO.expresses, side))
                if other != statement and len(own | _sources(graph, other)) > 1
            ]
    return sorted(found, key=lambda pair: (pair[0] != KGO.agreesWith, pair[1]))  # agreements first


def _sources(graph, statement: object) -> set:
    """The articles a statement's evidence lies in, or its reference sources."""
    return {graph.value(origin, OA.hasSource) or origin for origin in graph.objects(statement, PROV.wasDerivedFrom)}


def _source_note(dataset: Dataset, statement: object, source: object, lang: str) -> str:
    """The quote and speaker of a claim, or the reference source of an outside fact."""
    quotes = [str(q) for sel in dataset.objects(source, OA.hasSelector) for q in dataset.objects(sel, OA.exact)]
    if not quotes:
        return f"source: {label(dataset, source, lang)}"
    speaker = dataset.value(statement, KGO.speaker)
    said = f" ({label(dataset, speaker, lang)})" if speaker else ""
    modality = dataset.value(statement, KGO.modality)
    held = f" [{label(dataset, modality, 'en')}]" if modality is not None else ""
    return f"«{' '.join(quotes[0].split())}»{said}{held}"


def _qualifier_notes(dataset: Dataset, statement: object) -> list[str]:
    """The time a statement holds, where a source gives it (a term of office)."""
    start, end = dataset.value(statement, KGO.startDate), dataset.value(statement, KGO.endDate)
    if start is None and end is None:
        return []
    return [f"  from {start or '?'} to {end or '?'}"]


def modal_statements(dataset: Dataset, entity: URIRef) -> list[tuple[URIRef, URIRef]]:
    """The statements about the entity held as opinion, intention or obligation
    (recorded, not asserted), each with its modality; translations left out."""
    found = []
    for statement in sorted(dataset.subjects(RDF.subject, entity)):
        modality = dataset.value(statement, KGO.modality)
        if modality is not None and (statement, KGO.translationOf, None) not in dataset:
            found.append((statement, modality))
    return found


def _modal_claims(dataset: Dataset, entity: URIRef, lang: str) -> list[str]:
    lines = []
    for statement, _modality in modal_statements(dataset, entity):
        name = label(dataset, dataset.value(statement, RDF.predicate), lang)
        other = label(dataset, dataset.value(statement, RDF.object), lang)
        lines.append(f"  claimed, not asserted: {name} → {other}")
        lines += [
            f"      {_source_note(dataset, statement, s, lang)}"
            for s in dataset.objects(statement, PROV.wasDerivedFrom)
        ]
    return lines


def facts(dataset: Dataset, entity: URIRef) -> list[Link]:
    found = []
    for p, o in dataset.predicate_objects(entity):
        if str(p).startswith(str(KGO)) or p in SHOWN_OUTSIDE_KGO:
            found.append(("out", p, o))
    for s, p in dataset.subject_predicates(entity):
        if str(p).startswith(str(KGO)) and (s, RDF.type, KGO.Statement) not in dataset:
            found.append(("in", p, s))
    return sorted(
        {Link(d, p, other) for d, p, other in found},
        key=lambda f: (f.direction != "out", str(f.predicate), str(f.other)),
    )


def _named(name: str, curie: str) -> str:
    return curie if name == curie else f"{name} ({curie})"


def describe(dataset: Dataset, entity: URIRef, lang: str, base: str) -> str:
    lines = [f"{label(dataset, entity, lang)}  <{entity}>"]
    types = sorted(dataset.objects(entity, RDF.type))
    lines.append(
        "  type: "
        + ", ".join(_named(label(dataset, t, lang), dataset.namespace_manager.normalizeUri(t)) for t in types)
    )
    for lit in sorted(dataset.objects(entity, RDFS.label), key=lambda x: (x.language or "", str(x))):
        lines.append(f"  label @{lit.language}: {lit}")
    for lit in sorted(dataset.objects(entity, SKOS.altLabel), key=lambda x: (x.language or "", str(x))):
        lines.append(f"  also @{lit.language}: {lit}")
    for fact in facts(dataset, entity):
        s, o = (entity, fact.other) if fact.direction == "out" else (fact.other, entity)
        name = label(dataset, fact.predicate, lang)
        other = label(dataset, fact.other, lang)
        lines.append(f"  {name} → {other}" if fact.direction == "out" else f"  ← {other}  ({name})")
        lines += [f"      {note}" for note in _evidence(dataset, s, fact.predicate, o, lang)]
    lines += _modal_claims(dataset, entity, lang)
    mentions = sorted(
        {
            str(q)
            for m in dataset.subjects(OA.hasBody, entity)
            for t in dataset.objects(m, OA.hasTarget)
            for sel in dataset.objects(t, OA.hasSelector)
            for q in dataset.objects(sel, OA.exact)
        }
    )
    said = len(set(dataset.subjects(KGO.speaker, entity)))
    if said:
        lines.append(f"  speaker of {said} statement(s): kg query claims-by-speaker")
    count = len(set(dataset.subjects(OA.hasBody, entity)))
    if count:
        lines.append(f"  mentioned {count} time(s) as: " + ", ".join(" ".join(m.split()) for m in mentions))
    return "\n".join(lines) + "\n"

"""What entity pages say of claims: who holds each (speaker, narration or the
curator's translation), how (opinion, intention, obligation), for how long (a
term of office), whether another source agrees, why an inferred fact holds,
and what a person said."""

from __future__ import annotations

import html
import weakref

from rdflib import URIRef
from rdflib.namespace import PROV, RDF

from kg.namespaces import KGO, OA
from kg.query.describe import CORROBORATION_WORDS, corroborating, label, modal_statements
from kg.query.why import RULE_NAMES, Explainer, Explanation
from kg.server.graph import StoreGraph, explainer

_explainers: dict[int, Explainer] = {}


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def explainer_of(dataset: StoreGraph, base: str) -> Explainer:
    """One explainer per served build, made on first use and dropped with it."""
    key = id(dataset)
    if key not in _explainers:
        _explainers[key] = explainer(dataset, base)
        weakref.finalize(dataset, _explainers.pop, key, None)
    return _explainers[key]


def attribution(site, statement: URIRef) -> str:
    """Whose words the statement's quote is."""
    dataset = site.dataset
    speaker = dataset.value(statement, KGO.speaker)
    if speaker is not None:
        return f"said by {site.link(speaker)}"
    if (statement, KGO.translationOf, None) in dataset:
        return f"the curator's translation ({site.link(dataset.value(statement, PROV.wasAttributedTo))})"
    publisher = dataset.value(statement, PROV.wasAttributedTo)
    if publisher is not None:
        return f"narration, published by {site.link(publisher)}"
    return "narration (the article names no author or outlet)"


def statement_notes(site, statement: URIRef) -> str:
    """Modality, term and agreements of one statement, as small print."""
    dataset = site.dataset
    notes = []
    modality = dataset.value(statement, KGO.modality)
    if modality is not None:
        notes.append(f"held as {site.link(modality)}, not asserted as fact")
    start, end = dataset.value(statement, KGO.startDate), dataset.value(statement, KGO.endDate)
    if start is not None or end is not None:
        notes.append(f"from {_escape(str(start or '?'))} to {_escape(str(end or '?'))}")
    for relation, other in corroborating(dataset, statement):
        notes.append(f"{CORROBORATION_WORDS[relation]} {_source_of(site, other)}")
    return "".join(f"<div class='evidence who'>{note}</div>" for note in notes)


def _source_of(site, statement: URIRef) -> str:
    dataset = site.dataset
    for source in sorted(dataset.objects(statement, PROV.wasDerivedFrom)):
        article = dataset.value(source, OA.hasSource)
        if article is not None:
            return f"{site.link(article)} (<a href='{_escape(site.href(statement))}'>statement</a>)"
        return f"{site.link(source)} (<a href='{_escape(site.href(statement))}'>statement</a>)"
    return site.link(statement)


def because(site, triple: tuple) -> str:
    """The rule and the premises an inferred triple rests on, one level down,
    each premise linked; the whole chain is `kg why`."""
    explanation = explainer_of(site.dataset, site.base).explain(triple)
    if explanation is None or explanation.asserted:
        return ""
    premises = "; ".join(_premise(site, premise) for premise in explanation.premises)
    claims = " It rests only on articles' claims." if explanation.only_claims() else ""
    rule = RULE_NAMES[explanation.rule]
    return (
        f"<div class='evidence who'>inferred by OWL 2 RL ({_escape(explanation.rule)}, {_escape(rule)}) "
        f"because {premises}.{claims}</div>"
    )


def _premise(site, premise: Explanation) -> str:
    s, p, o = premise.triple
    words = f"{site.link(s)} {site.link(p)} {site.link(o)}"
    quotes = [source.quote for source in premise.sources if source.quote]
    if quotes:
        return f"{words} («{_escape(' '.join(quotes[0].split()))}»)"
    return words if premise.asserted else f"{words} (itself inferred)"


def modal_claims(site, entity: URIRef) -> str:
    """Claims about the entity held as opinion, intention or obligation."""
    dataset = site.dataset
    rows = []
    for statement, modality in modal_statements(dataset, entity):
        predicate, obj = dataset.value(statement, RDF.predicate), dataset.value(statement, RDF.object)
        rows.append(
            f"<div class='fact'>{site.link(predicate)} → {site.link(obj)} "
            f"<span class='who'>({site.link(modality)})</span>{_quote(site, statement)}</div>"
        )
    return f"<h2>{_escape(site.t('claimed'))}</h2>" + "".join(rows) if rows else ""


def said_by(site, person: URIRef) -> str:
    """What a person said, in every article, with the quotes."""
    dataset = site.dataset
    rows = []
    for statement in sorted(dataset.subjects(KGO.speaker, person)):
        s, p, o = (dataset.value(statement, term) for term in (RDF.subject, RDF.predicate, RDF.object))
        said = f"{site.link(s)} — {site.link(p)} → {site.link(o)}"
        rows.append(f"<div class='fact'>{said}{_quote(site, statement)}</div>")
    heading = site.t("said", name=label(dataset, person, site.lang))
    return f"<h2>{_escape(heading)}</h2>" + "".join(rows) if rows else ""


def _quote(site, statement: URIRef) -> str:
    dataset = site.dataset
    for source in sorted(dataset.objects(statement, PROV.wasDerivedFrom)):
        selectors = dataset.objects(source, OA.hasSelector)
        exact = [str(q) for selector in selectors for q in dataset.objects(selector, OA.exact)]
        if exact:
            words = _escape(" ".join(exact[0].split()))
            article = site.link(dataset.value(source, OA.hasSource))
            return f"<div class='evidence'>«{words}» <span class='who'>— {article}</span></div>"
    return ""

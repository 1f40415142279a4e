"""Compile the curated sources into an RDF dataset with statement-level provenance.

Named graphs keep apart what the article says (its facts), how we know it
(statements, evidence spans and mentions), what we name and label (entities)
and what outside sources add (reference).

Long because one Compiler turns every kind of source record into triples:
its methods share the vocabulary checks, the graph names and the sets the
triples go into, and each is a few lines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial
from itertools import chain
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, QB, RDF, RDFS, SKOS, TIME, XSD

from kg.errors import ReviewError, SourceError, SpanError
from kg.formats.ntriples import graph_endings, ntriples_lines
from kg.namespaces import KGO, OA, SCHEMA, WD, GraphNames, expand
from kg.pipeline.sources import Article, Entity, Fact, OutsideFact, ReferenceTable, Sources
from kg.pipeline.spans import Span, locate, mention_spans, sentences
from kg.pipeline.terms import share_terms
from kg.progress import SILENT, Progress
from kg.rdf import Quads, Triple, to_dataset

# Read once: rdflib makes (and checks) a new IRI at each namespace attribute,
# and a corpus has hundreds of thousands of spans.
TYPE, NON_NEGATIVE = RDF.type, XSD.nonNegativeInteger
HAS_SOURCE, HAS_SELECTOR, START, END, EXACT = OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact
POSITION_SELECTOR, QUOTE_SELECTOR = OA.TextPositionSelector, OA.TextQuoteSelector

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Vocabulary:
    """What the ontology declares, for checking names in the sources."""

    def __init__(self, ontology: Graph) -> None:
        self.classes = set(ontology.subjects(RDF.type, OWL.Class))
        self.object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
        self.datatype_properties = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
        self._ontology = ontology

    def resolve(self, name: str, where: str, what: str) -> URIRef:
        try:
            return URIRef(expand(name))
        except KeyError as error:
            raise SourceError(f"{where}: unknown prefix '{error.args[0]}' in {what} {name!r}") from None

    def resolve_class(self, name: str, where: str) -> URIRef:
        iri = self.resolve(name, where, "type")
        if iri.startswith(str(KGO)) and iri not in self.classes:
            raise SourceError(f"{where}: unknown class {name!r} (not in the ontology)")
        return iri

    def resolve_property(self, name: str, where: str, literal: bool) -> URIRef:
        iri = self.resolve(name, where, "property")
        if not iri.startswith(str(KGO)):
            return iri
        if iri in self.object_properties:
            if literal:
                raise SourceError(f"{where}: {name!r} links entities; give 'o', not 'value'")
        elif iri in self.datatype_properties:
            if not literal:
                raise SourceError(f"{where}: {name!r} takes a literal; give 'value', not 'o'")
        else:
            raise SourceError(f"{where}: unknown property {name!r} (not in the ontology)")
        return iri

    def is_subclass(self, cls: URIRef, ancestor: URIRef) -> bool:
        return ancestor in self._ontology.transitive_objects(cls, RDFS.subClassOf)


class Compiler:
    def __init__(self, sources: Sources, ontology: Graph, base: str, allow_unreviewed: bool = False) -> None:
        self.allow_unreviewed = allow_unreviewed
        self.sources = sources
        self.vocabulary = Vocabulary(ontology)
        self.base = base
        self.names = GraphNames(base)
        self.quads: Quads = {}
        self.spans: set[URIRef] = set()
        self.entity_types: dict[str, URIRef] = {}
        # Whether an article not compiled this time states a triple.
        self.stated_elsewhere: Callable[[Triple], bool] = lambda _: False

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def graph(self, name: URIRef) -> set[Triple]:
        return self.quads.setdefault(name, set())

    # -- entities -------------------------------------------------------------

    def add_entities(self) -> None:
        graph = self.graph(self.names.entities)
        for entity in self.sources.entities.values():
            self.entity_types[entity.id] = self.vocabulary.resolve_class(entity.type, entity.where)
        for entity in self.sources.entities.values():
            self._add_entity(graph, entity)

    def _add_entity(self, graph: set[Triple], entity: Entity) -> None:
        node = self.iri(entity.id)
        cls = self.entity_types[entity.id]
        graph.add((node, RDF.type, cls))
        for lang, text in entity.labels.items():
            graph.add((node, RDFS.label, Literal(text, lang=lang)))
        for lang, texts in entity.alt_labels.items():
            for text in texts:
                graph.add((node, SKOS.altLabel, Literal(text, lang=lang)))
        for lang, text in entity.comments.items():
            graph.add((node, RDFS.comment, Literal(text, lang=lang)))
        if entity.scheme:
            self._require_entity(entity.scheme, entity.where, SKOS.ConceptScheme)
            graph.add((node, SKOS.inScheme, self.iri(entity.scheme)))
            for lang, text in entity.labels.items():
                graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
        if entity.dataset:
            self._require_entity(entity.dataset, entity.where, KGO.DataSet)
            graph.add((node, QB.dataSet, self.iri(entity.dataset)))
        if entity.years:
            self._add_year_interval(graph, node, entity)

    def _add_year_interval(self, graph: set[Triple], node: URIRef, entity: Entity) -> None:
        first, last = entity.years  # type: ignore[misc]
        if first > last:
            raise SourceError(f"{entity.where}: 'years' must run forward, got {first} to {last}")
        for prop, year in ((TIME.hasBeginning, first), (TIME.hasEnd, last)):
            instant = self.iri(f"time/year-{year}")
            graph.add((node, prop, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            graph.add((instant, TIME.inXSDgYear, Literal(str(year), datatype=XSD.gYear)))
            graph.add((instant, RDFS.label, Literal(str(year), lang="en")))
            graph.add((instant, RDFS.label, Literal(f"{year} жыл", lang="kk")))

    def _require_entity(self, entity_id: str, where: str, cls: URIRef | None = None) -> URIRef:
        if entity_id not in self.entity_types:
            raise SourceError(f"{where}: unknown entity '{entity_id}'")
        actual = self.entity_types[entity_id]
        if cls is not None and actual != cls and not self.vocabulary.is_subclass(actual, cls):
            raise SourceError(f"{where}: '{entity_id}' must be a {cls.n3()}, not {actual.n3()}")
        return self.iri(entity_id)

    # -- articles -------------------------------------------------------------

    def check_reviewed(self) -> None:
        """Refuse drafts, listing every item a curator must still review."""
        notes = [note for article in self.sources.articles for note in article.review_notes]
        if notes and not self.allow_unreviewed:
            raise ReviewError(
                f"{len(notes)} item(s) of a draft still need review (listed above); "
                "review them, or build with --allow-unreviewed",
                notes,
            )

    def add_candidates(self, article: Article) -> None:
        """A draft's proposed entities, typed kgo:Candidate with the class proposed:
        never that class, so that nothing is inferred from a guess."""
        graph = self.graph(self.names.entities)
        for candidate in article.candidates:
            if candidate.id in self.entity_types:
                continue  # a known entity, or proposed by another draft
            proposed = self.vocabulary.resolve_class(candidate.proposed_type, candidate.where)
            node = self.iri(candidate.id)
            self.entity_types[candidate.id] = KGO.Candidate
            graph.add((node, RDF.type, KGO.Candidate))
            graph.add((node, RDFS.label, Literal(candidate.label, lang="kk")))
            graph.add((node, KGO.proposedType, proposed))

    def add_article(self, article: Article) -> None:
        self._describe_article(article)
        self.add_candidates(article)
        publisher = (
            self._require_entity(article.publisher, article.where, KGO.Organisation) if article.publisher else None
        )
        if publisher is not None:
            self.graph(self.names.entities).add((self.iri(article.id), SCHEMA.publisher, publisher))
        review = self._add_review(article)
        curator = self.iri(article.review.curator) if article.review else None
        facts = self.graph(self.names.article(article.id))
        provenance = self.graph(self.names.provenance)
        for fact in article.facts:
            try:
                span = locate(article.text, fact.quote, fact.start)
            except SpanError as error:
                raise SpanError(f"{fact.where}: {error}") from None
            evidence = self._add_evidence(provenance, article, span)
            # Narration is the publisher's, reported speech its speaker's; where
            # the text names no author or outlet, narration stays unattributed.
            attributed = self._require_entity(fact.speaker, fact.where, KGO.Person) if fact.speaker else publisher
            for suffix, triple in self._fact_triples(fact, article):
                statement = self.iri(f"statement/{article.slug}/{fact.id}{suffix}")
                self._add_statement(provenance, statement, triple)
                provenance.add((statement, PROV.wasDerivedFrom, evidence))
                if review is not None:
                    provenance.add((statement, PROV.wasGeneratedBy, review))
                if fact.modality:
                    # A claim held as opinion, intention or obligation: recorded, not asserted.
                    provenance.add((statement, KGO.modality, KGO[fact.modality]))
                else:
                    facts.add(triple)
                if not fact.reviewed:
                    provenance.add((statement, KGO.reviewed, Literal(False)))
                translated = self._translation_source(article, fact, triple)
                if translated is not None:
                    # The curator's words, not the speaker's: a translation of the article's.
                    provenance.add((statement, KGO.translationOf, translated))
                    if curator is not None:
                        provenance.add((statement, PROV.wasAttributedTo, curator))
                    continue
                if attributed is not None:
                    provenance.add((statement, PROV.wasAttributedTo, attributed))
                if fact.speaker:
                    provenance.add((statement, KGO.speaker, attributed))
        self._add_mentions(provenance, article)

    def _translation_source(self, article: Article, fact: Fact, triple: Triple) -> URIRef | None:
        """The statement in the article's language that a literal in another language translates."""
        obj = triple[2]
        if not isinstance(obj, Literal) or not obj.language or obj.language == article.language:
            return None
        return self.iri(f"statement/{article.slug}/{fact.id}/{article.language}")

    def _add_review(self, article: Article) -> URIRef | None:
        """The curator's review of an article as a prov:Activity: who, when, on which text."""
        if article.review is None:
            return None
        curator = self._require_entity(article.review.curator, article.review.where, KGO.Curator)
        graph = self.graph(self.names.provenance)
        review = self.iri(f"review/{article.slug}")
        graph.add((review, RDF.type, KGO.Review))
        graph.add((review, PROV.wasAssociatedWith, curator))
        graph.add((review, PROV.used, self.iri(article.id)))
        graph.add((review, DCTERMS.date, Literal(article.review.date, datatype=XSD.date)))
        graph.add((review, RDFS.label, Literal(f"Review of {article.file_name} on {article.review.date}", lang="en")))
        return review

    def _describe_article(self, article: Article) -> None:
        graph = self.graph(self.names.entities)
        node = self.iri(article.id)
        self.entity_types[article.id] = KGO.NewsArticle
        graph.add((node, RDF.type, KGO.NewsArticle))
        if not article.reviewed:
            graph.add((node, RDF.type, KGO.DraftArticle))
        for lang, text in article.labels.items():
            graph.add((node, RDFS.label, Literal(text, lang=lang)))
        graph.add((node, SCHEMA.inLanguage, Literal(article.language)))
        graph.add((node, SCHEMA.text, Literal(article.text, lang=article.language)))
        graph.add((node, SCHEMA.sha256, Literal(article.sha256)))
        graph.add((node, DCTERMS.identifier, Literal(article.file_name)))
        if article.url:
            graph.add((node, SCHEMA.url, URIRef(article.url)))
        if article.published:
            # The time its claims were made: a statement's time is its article's date.
            graph.add((node, SCHEMA.datePublished, Literal(article.published, datatype=XSD.date)))
        if article.licence:
            licence = article.licence
            graph.add(
                (node, DCTERMS.license, URIRef(licence) if licence.startswith("http") else Literal(licence, lang="en"))
            )

    def _fact_triples(self, fact: Fact, article: Article) -> Iterator[tuple[str, tuple]]:
        subject = self._require_entity(fact.subject, fact.where)
        predicate = self.vocabulary.resolve_property(fact.predicate, fact.where, fact.object is None)
        for suffix, obj in self._objects(fact.object, fact.value, fact.where):
            yield suffix, (subject, predicate, obj)

    def _objects(self, obj: str | None, value: Any, where: str) -> Iterator[tuple[str, Any]]:
        if obj is not None:
            if obj.startswith("wd:"):
                yield "", URIRef(WD[obj[3:]])
            else:
                yield "", self._require_entity(obj, where)
            return
        if isinstance(value, bool | int):
            yield "", Literal(value)
        elif isinstance(value, float):
            # A decimal as written (2,1 % is 2.1), not a binary float.
            yield "", Literal(Decimal(str(value)), datatype=XSD.decimal)
        elif "date" in value:
            if not DATE.match(value["date"]):
                raise SourceError(f"{where}: date {value['date']!r} must be YYYY-MM-DD")
            yield "", Literal(value["date"], datatype=XSD.date)
        elif "string" in value:
            yield "", Literal(value["string"])
        else:
            for lang, text in value.items():
                yield f"/{lang}", Literal(text, lang=lang)

    def _add_statement(self, graph: set[Triple], statement: URIRef, triple: tuple) -> None:
        subject, predicate, obj = triple
        graph.add((statement, RDF.type, KGO.Statement))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))

    def _add_evidence(self, graph: set[Triple], article: Article, span: Span) -> URIRef:
        evidence = self._add_span(graph, article, span, "evidence", KGO.Evidence)
        for sentence in sentences(article.text):
            if sentence.start < span.end and span.start < sentence.end:
                graph.add((evidence, DCTERMS.isPartOf, self._add_sentence(graph, article, sentence)))
        return evidence

    def _add_sentence(self, graph: set[Triple], article: Article, span: Span) -> URIRef:
        return self._add_span(graph, article, span, "sentence", KGO.Sentence)

    def _add_span(self, graph: set[Triple], article: Article, span: Span, kind: str, cls: URIRef) -> URIRef:
        node = self.iri(f"{kind}/{article.slug}/{span.start}-{span.end}")
        if node in self.spans:  # a sentence holds many spans, a span many mentions
            return node
        self.spans.add(node)
        position, quote = URIRef(f"{node}/position"), URIRef(f"{node}/quote")
        graph.add((node, TYPE, cls))
        graph.add((node, HAS_SOURCE, self.iri(article.id)))
        graph.add((node, HAS_SELECTOR, position))
        graph.add((node, HAS_SELECTOR, quote))
        graph.add((position, TYPE, POSITION_SELECTOR))
        graph.add((position, START, Literal(span.start, datatype=NON_NEGATIVE)))
        graph.add((position, END, Literal(span.end, datatype=NON_NEGATIVE)))
        graph.add((quote, TYPE, QUOTE_SELECTOR))
        graph.add((quote, EXACT, Literal(span.exact(article.text), lang=article.language)))
        if span.prefix(article.text):
            graph.add((quote, OA.prefix, Literal(span.prefix(article.text), lang=article.language)))
        if span.suffix(article.text):
            graph.add((quote, OA.suffix, Literal(span.suffix(article.text), lang=article.language)))
        return node

    def _add_mentions(self, graph: set[Triple], article: Article) -> None:
        where = f"{article.where} mentions"
        for entity_id, forms in article.mentions.items():
            entity = self._require_entity(entity_id, where)
            try:
                spans = mention_spans(article.text, forms)
            except SpanError as error:
                raise SpanError(f"{where} of '{entity_id}': {error}") from None
            for span in spans:
                annotation = self.iri(f"mention/{article.slug}/{span.start}-{span.end}")
                graph.add((annotation, RDF.type, OA.Annotation))
                graph.add((annotation, OA.motivatedBy, OA.identifying))
                graph.add((annotation, OA.hasBody, entity))
                graph.add((annotation, OA.hasTarget, self._add_evidence(graph, article, span)))

    # -- outside facts ----------------------------------------------------------

    def add_reference(self) -> None:
        graph = self.graph(self.names.reference)
        self._add_wikidata_links(graph)
        for fact in self.sources.outside_facts:
            self._add_outside_fact(graph, fact)

    def _table(self, name: str, where: str) -> ReferenceTable:
        if name not in self.sources.tables:
            raise SourceError(f"{where}: unknown reference table '{name}'")
        return self.sources.tables[name]

    def _row(self, table: ReferenceTable, cells: dict[str, str], where: str) -> tuple[int, dict]:
        found = [
            (number, row)
            for number, row in enumerate(table.rows, start=2)
            if all(row.get(k) == v for k, v in cells.items())
        ]
        if len(found) != 1:
            problem = "no row" if not found else f"{len(found)} rows"
            raise SourceError(f"{where}: {problem} of {table.name} match {cells}")
        return found[0]

    def _source(self, graph: set[Triple], citation: str) -> URIRef:
        slug = re.sub(r"[^a-z0-9]+", "-", citation.lower()).strip("-")[:80].strip("-")
        node = self.iri(f"source/{slug}")
        graph.add((node, RDF.type, KGO.ReferenceSource))
        graph.add((node, RDFS.label, Literal(citation, lang="en")))
        first = citation.split()[0]
        url = first if first.startswith("http") else f"https://{first}" if "/" in first else None
        if url:
            graph.add((node, SCHEMA.url, URIRef(url)))
        return node

    def _add_wikidata_links(self, graph: set[Triple]) -> None:
        if not self.sources.wikidata:
            return
        where = "data/reference/*.yaml: wikidata"
        table = self._table("wikidata.csv", where)
        for name, entity_id in sorted(self.sources.wikidata.items()):
            number, row = self._row(table, {"entity_en": name}, f"{where} '{name}'")
            triple = (self._require_entity(entity_id, where), SKOS.exactMatch, WD[row["wikidata"]])
            graph.add(triple)
            statement = self.iri(f"statement/reference/wikidata-{entity_id.replace('/', '-')}")
            self._add_reference_statement(graph, statement, triple, table.name, number, row["source"])

    def _add_outside_fact(self, graph: set[Triple], fact: OutsideFact) -> None:
        table = self._table(fact.table, fact.where)
        if fact.quote is not None:
            try:
                locate(table.text, fact.quote)
            except SpanError as error:
                raise SpanError(f"{fact.where}: {table.name}: {error}") from None
            number, row = 0, {"source": f"data/reference/{table.name}"}
        else:
            number, row = self._row(table, fact.row, fact.where)
        subject = self._require_entity(fact.subject, fact.where)
        predicate = self.vocabulary.resolve_property(fact.predicate, fact.where, fact.object is None)
        for suffix, obj in self._objects(fact.object, fact.value, fact.where):
            self._check_cell(row, obj, fact)
            triple = (subject, predicate, obj)
            # One home graph per triple: what an article states stays in its
            # graph; the reference statement still records its own source.
            if not self._stated_by_an_article(triple):
                graph.add(triple)
            statement = self.iri(f"statement/reference/{fact.id}{suffix}")
            self._add_reference_statement(graph, statement, triple, table.name, number, row["source"])
            for name, date in sorted(fact.qualifiers.items()):
                if not DATE.match(date) or date not in row.get("value", ""):
                    raise SourceError(f"{fact.where}: qualifier {name} {date!r} is not a date of the row")
                qualifier = self.vocabulary.resolve_property(name, fact.where, literal=True)
                graph.add((statement, qualifier, Literal(date, datatype=XSD.date)))

    def _stated_by_an_article(self, triple: Triple) -> bool:
        compiled = any(triple in triples for name, triples in self.quads.items() if self.names.is_article(name))
        return compiled or self.stated_elsewhere(triple)

    @staticmethod
    def _check_cell(row: dict, obj: Any, fact: OutsideFact) -> None:
        """A literal (or Wikidata item) must appear in the row's value cell."""
        cell = row.get("value", "")
        if isinstance(obj, Literal):
            shown = str(obj)
        elif str(obj).startswith(str(WD)):
            shown = str(obj)[len(str(WD)) :]
        else:
            return
        if cell and shown not in cell:
            raise SourceError(f"{fact.where}: value {shown!r} is not in the row's value {cell!r}")

    def _add_reference_statement(
        self, graph: set[Triple], statement: URIRef, triple: tuple, table: str, row: int, citation: str
    ) -> None:
        self._add_statement(graph, statement, triple)
        graph.add((statement, PROV.wasDerivedFrom, self._source(graph, citation)))
        graph.add((statement, DCTERMS.source, Literal(f"data/reference/{table}")))
        if row:
            graph.add((statement, KGO.sourceRow, Literal(row)))

    # -- checks -----------------------------------------------------------------

    def check_every_entity_is_grounded(self) -> None:
        """An entity must be mentioned in an article or stated by a reference table."""
        grounded = {e for a in self.sources.articles for e in a.mentions}
        grounded |= {a.id for a in self.sources.articles}
        grounded |= {a.review.curator for a in self.sources.articles if a.review}
        grounded |= {f.subject for f in self.sources.outside_facts}
        grounded |= {f.object for f in self.sources.outside_facts if f.object}
        for entity in self.sources.entities.values():
            if entity.id not in grounded and self.entity_types[entity.id] != SKOS.ConceptScheme:
                raise SourceError(f"{entity.where}: not mentioned in any article nor stated by a reference table")


def compile_quads(
    sources: Sources, ontology: Graph, base: str, allow_unreviewed: bool = False, progress: Progress = SILENT
) -> Quads:
    """Compile curated sources into named graphs of triples."""
    return compile_units(sources, ontology, base, allow_unreviewed, progress).quads


@dataclass(frozen=True)
class Compiled:
    """The named graphs of a compilation, and what each article added to them
    (its quads, under a key that changes whenever they may), in article order;
    ``shared`` holds the rest: the entity files' entities and the outside facts.
    An article whose key a Reuse offered was not compiled: its quads are None,
    and ``quads`` lacks them."""

    quads: Quads
    shared: Quads
    articles: list[tuple[str, Quads | None]]

    @property
    def partial(self) -> bool:
        return any(quads is None for _, quads in self.articles)


@dataclass(frozen=True)
class Reuse:
    """What the previous build compiled: the keys of its articles' units (the
    same key, the same quads), and whether its kg.nq holds an N-Quads line."""

    units: frozenset[str]
    holds: Callable[[bytes], bool]


def compile_units(
    sources: Sources,
    ontology: Graph,
    base: str,
    allow_unreviewed: bool = False,
    progress: Progress = SILENT,
    reuse: Reuse | None = None,
) -> Compiled:
    """Compile curated sources into named graphs, keeping each article's part
    apart; an article whose key ``reuse`` offers is not compiled again."""
    compiler = Compiler(sources, ontology, base, allow_unreviewed)
    compiler.check_reviewed()
    compiler.add_entities()
    shared = compiler.quads
    state = _digest(repr(sorted(compiler.entity_types.items())))
    articles: list[tuple[str, Quads | None]] = []
    reused: list[URIRef] = []  # the graphs of the articles not compiled
    for article in progress.items(sources.articles, len(sources.articles), "compiling articles"):
        # An article's triples follow from it and from what was known when it
        # was compiled: the entities, and the ids earlier articles introduced.
        known = len(compiler.entity_types)
        key = _digest(f"{state}\n{_content(article)!r}")
        compiler.quads, compiler.spans = {}, set()  # spans too: a span of another article is not this one's
        if reuse is not None and key in reuse.units:
            # What compiling it would make known (all the rest it makes is its quads).
            compiler.entity_types[article.id] = KGO.NewsArticle
            compiler.add_candidates(article)
            articles.append((key, None))
            reused.append(compiler.names.article(article.id))
        else:
            compiler.add_article(article)
            articles.append((key, compiler.quads))
        state = _digest(f"{state}\n{article.id}\n{list(compiler.entity_types)[known:]}")
    compiler.quads = _merged([shared, *(quads for _, quads in articles if quads is not None)])
    if reuse is not None:
        compiler.stated_elsewhere = partial(_stated_in, reuse.holds, reused)
    compiler.add_reference()
    shared[compiler.names.reference] = compiler.quads.get(compiler.names.reference, set())
    compiler.check_every_entity_is_grounded()
    for triples in compiler.quads.values():
        _refuse_blank_nodes(triples)
    share_terms(
        chain(compiler.quads.values(), shared.values(), *(quads.values() for _, quads in articles if quads is not None))
    )
    return Compiled(
        {name: triples for name, triples in compiler.quads.items() if triples},
        {name: triples for name, triples in shared.items() if triples},
        articles,
    )


def _content(article: Article) -> Article:
    """The article without where its parts lie (file and line), which only
    errors tell: its quads are the same wherever the sources are."""
    return replace(
        article,
        where="",
        facts=tuple(replace(fact, where="") for fact in article.facts),
        candidates=tuple(replace(candidate, where="") for candidate in article.candidates),
        review_notes=(),
        review=replace(article.review, where="") if article.review else None,
    )


def _stated_in(holds: Callable[[bytes], bool], graphs: list[URIRef], triple: Triple) -> bool:
    """Whether one of ``graphs`` holds ``triple``, as the previous kg.nq says."""
    spo = ntriples_lines((triple,))[0][: -len(b" .\n")]
    return any(holds(spo + ending) for ending in graph_endings(*graphs))


def _merged(parts: list[Quads]) -> Quads:
    merged: Quads = {}
    for quads in parts:
        for name, triples in quads.items():
            merged.setdefault(name, set()).update(triples)
    return merged


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compile_dataset(sources: Sources, ontology: Graph, base: str, allow_unreviewed: bool = False) -> Dataset:
    """Compile curated sources into a dataset of named graphs."""
    return to_dataset(compile_quads(sources, ontology, base, allow_unreviewed), base)


def _refuse_blank_nodes(triples: Iterable[Triple]) -> None:
    # type() rather than isinstance(): rdflib's terms check instances through
    # ABCs, a quarter of the compile time for millions of triples.
    for triple in triples:
        if type(triple[0]) is BNode or type(triple[2]) is BNode:
            raise AssertionError(f"blank node in compiled graph: {triple}")

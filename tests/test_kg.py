"""What the built KG says, checked against the article text and the reference tables."""

from __future__ import annotations

import csv
import hashlib
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from fixtures import ARTICLE, ROOT
from kg.namespaces import DEFAULT_BASE, KGO, OA, PREFIXES

SEED_SHA256 = "c976a512395b1f1ffde0c9fd1264988f9407e4b6c42ca6869ea7750996a08a5d"
PREFIX_LINES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
KG = f"PREFIX kg: <{DEFAULT_BASE}>\n"


def select(graph: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIX_LINES + "\n" + KG + query)]


def kg(path: str) -> URIRef:
    return URIRef(DEFAULT_BASE + path)


def test_the_article_is_the_seed_byte_for_byte():
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == SEED_SHA256


def test_the_article_keeps_its_no_break_and_double_spaces(article_text):
    assert len(article_text) == 5220
    assert "\u00a0" in article_text
    assert re.search(r"\s\s", article_text)


def test_the_real_sources_conform_to_the_shapes(built):
    result, _ = built
    assert result.report.conforms, [str(v) for v in result.report.violations[:5]]
    assert result.report.violations == ()


def test_every_quote_equals_the_text_at_its_offsets(built, kg_graph, article_text):
    rows = select(
        kg_graph,
        """SELECT ?exact ?start ?end WHERE {
             ?evidence a kgo:Evidence ; oa:hasSelector ?p , ?q .
             ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact . }""",
    )
    # Every span the summary counts (evidence of facts, and of mentions), each checked.
    assert len(rows) == built[0].summary["evidence_spans"]
    for exact, start, end in rows:
        assert str(exact) == article_text[int(start) : int(end)]


def test_every_domain_triple_has_a_statement_with_evidence(kg_graph):
    missing = select(
        kg_graph,
        """SELECT ?s ?p ?o WHERE {
             ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kgo:)))
             FILTER NOT EXISTS { ?s a kgo:Statement }
             FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                     prov:wasDerivedFrom ?from } }""",
    )
    assert missing == []


def test_every_entity_has_a_kazakh_and_an_english_label(built):
    result, _ = built
    entities = set(result.dataset.graph(kg("graph/entities")).subjects(RDF.type, None))
    assert len(entities) > 100
    for entity in entities:
        languages = {label.language for label in result.graph.objects(entity, RDFS.label)}
        assert {"kk", "en"} <= languages, entity


def test_every_human_readable_literal_has_a_language_tag(kg_graph):
    for predicate in (RDFS.label, RDFS.comment, KGO.title, KGO.topicDescription, KGO.assessment, OA.exact):
        for value in kg_graph.objects(None, predicate):
            assert isinstance(value, Literal) and value.language in {"kk", "en", "ru"}, (predicate, value)


# Each number the article states, with what it counts, where and when; and the
# words of the article that must stand in its evidence.
NUMBERS = [
    ("observation/kazakhstan-corruption-rank", "rank", 123, "place/kazakhstan", None, "123 орынды"),
    (
        "observation/kazakhstan-corruption-rank",
        "rankedAmong",
        168,
        "place/kazakhstan",
        None,
        "168 мемлекеттің",
    ),
    (
        "observation/officials-fined",
        "numberOfPersons",
        614,
        "place/kazakhstan",
        "time/last-nine-months",
        "614 лауазымды тұлға",
    ),
    (
        "observation/employees-property-confiscated",
        "numberOfPersons",
        837,
        "place/kazakhstan",
        "time/last-nine-months",
        "837 қызметкердің мүлкі тәркіленді",
    ),
    (
        "observation/persons-banned-from-civil-service",
        "numberOfPersons",
        1107,
        "place/kazakhstan",
        "time/last-nine-months",
        "1107 тұлғаға өмір бойы",
    ),
    (
        "observation/cases-oral",
        "numberOfCasesOpened",
        38,
        "place/oral",
        "time/since-start-of-year",
        "Орал қаласында 38 іс",
    ),
    (
        "observation/cases-zelenov-district",
        "numberOfCasesOpened",
        35,
        "place/zelenov-district",
        "time/since-start-of-year",
        "Зеленов ауданында 35 іс",
    ),
    (
        "observation/cases-terekti-district",
        "numberOfCasesOpened",
        22,
        "place/terekti-district",
        "time/since-start-of-year",
        "Теректі ауданында 22 іс",
    ),
    ("document/59-anti-corruption-laws", "numberOfLaws", 59, None, None, "59 заң"),
]


@pytest.mark.parametrize(("subject", "measure", "number", "area", "period", "words"), NUMBERS)
def test_each_number_is_a_typed_literal_with_its_meaning(
    kg_graph, article_text, subject, measure, number, area, period, words
):
    node = kg(subject)
    value = kg_graph.value(node, KGO[measure])
    assert value == Literal(number, datatype=XSD.integer)
    assert value.datatype == XSD.integer
    if area:
        assert kg_graph.value(node, KGO.refArea) == kg(area)
    if period:
        assert kg_graph.value(node, KGO.refPeriod) == kg(period)
    [(exact, speaker)] = select(
        kg_graph,
        f"""SELECT ?exact ?speaker WHERE {{
              ?st rdf:subject <{node}> ; rdf:predicate kgo:{measure} ; rdf:object ?v ;
                  prov:wasDerivedFrom/oa:hasSelector/oa:exact ?exact ; kgo:speaker ?speaker . }}""",
    )
    assert re.sub(r"\s+", " ", str(exact)).find(words) >= 0
    assert str(number) in str(exact) and words in re.sub(r"\s+", " ", article_text)
    assert speaker == kg("person/alik-shpekbayev")


def test_the_regional_cases_add_up_only_when_asked(kg_graph):
    [(total,)] = select(
        kg_graph,
        f"""SELECT (SUM(?n) AS ?total) WHERE {{
             ?o qb:dataSet <{kg("dataset/west-kazakhstan-corruption-cases")}> ;
                kgo:numberOfCasesOpened ?n }}""",
    )
    assert int(total) == 38 + 35 + 22
    assert not list(kg_graph.triples((kg("dataset/west-kazakhstan-corruption-cases"), KGO.numberOfCasesOpened, None)))


def test_risk_levels_and_the_trend(kg_graph):
    assert kg_graph.value(kg("observation/risk-north-kazakhstan"), KGO.corruptionRiskLevel) == kg("category/low")
    assert kg_graph.value(kg("observation/risk-west-kazakhstan"), KGO.corruptionRiskLevel) == kg("category/medium")
    trend = kg("observation/corruption-indicators-decrease")
    assert kg_graph.value(trend, KGO.trend) == kg("category/decrease")
    assert kg_graph.value(trend, KGO.comparedWithPeriod) == kg("time/nine-months-of-last-year")


def test_the_meeting(kg_graph):
    meeting = kg("event/west-kazakhstan-anti-corruption-meeting")
    assert kg_graph.value(meeting, KGO.chairedBy) == kg("person/altai-kulginov")
    assert kg_graph.value(meeting, KGO.hasParticipant) == kg("person/alik-shpekbayev")
    assert kg_graph.value(meeting, KGO.venue) == kg("place/nur-otan-west-kazakhstan-branch-building")
    assert kg_graph.value(meeting, KGO.reportedOn) == kg("website/west-kazakhstan-akimat")
    assert len(set(kg_graph.objects(meeting, KGO.hasAudience))) == 4
    parts = set(kg_graph.objects(meeting, KGO.hasPart)) | set(kg_graph.objects(meeting, KGO.concludedWith))
    # The screening is part of the report («өз сөзінің дәлелі ретінде»), not a part after it.
    report = kg("event/west-kazakhstan-anti-corruption-meeting/report")
    assert set(kg_graph.objects(report, KGO.hasPart)) == {
        kg("event/west-kazakhstan-anti-corruption-meeting/video-screening")
    }
    assert (None, KGO.follows, report) not in kg_graph
    parts |= set(kg_graph.objects(report, KGO.hasPart))
    assert {kg_graph.value(p, RDF.type) for p in parts} == {
        KGO.Opening,
        KGO.Report,
        KGO.VideoScreening,
        KGO.QuestionsAndAnswers,
    }
    title = {t.language: str(t) for t in kg_graph.objects(meeting, KGO.title)}
    assert title["kk"].startswith("Қазақстанның жемқорлыққа қарсы күрес саясаты.")


def test_persons_keep_names_and_patronymics_as_written(kg_graph, article_text):
    for person, patronymic in (
        ("person/altai-kulginov", "Алтай Сейдірұлы"),
        ("person/alik-shpekbayev", "Алик Жатқамбайұлы"),
    ):
        alt = {str(a) for a in kg_graph.objects(kg(person), URIRef(PREFIXES["skos"]["altLabel"]))}
        assert patronymic in alt and patronymic in article_text


def test_documents_with_their_periods(kg_graph):
    rows = select(
        kg_graph,
        """SELECT ?doc ?first ?last WHERE {
             ?doc kgo:validityPeriod ?period .
             ?period time:hasBeginning/time:inXSDgYear ?first ; time:hasEnd/time:inXSDgYear ?last }
           ORDER BY ?first""",
    )
    assert [(str(d).rsplit("/", 1)[1], str(f), str(last)) for d, f, last in rows] == [
        ("state-anti-corruption-programme-2006-2010", "2006", "2010"),
        ("sectoral-anti-corruption-programme-2011-2015", "2011", "2015"),
        ("anti-corruption-strategy-2015-2025", "2015", "2025"),
    ]


def test_places_form_a_part_of_hierarchy(kg_graph):
    for place in ("oral", "zelenov-district", "terekti-district"):
        assert kg_graph.value(kg(f"place/{place}"), KGO.containedInPlace) == kg("place/west-kazakhstan-region")
    assert kg_graph.value(kg("place/west-kazakhstan-region"), KGO.containedInPlace) == kg("place/kazakhstan")


def test_no_date_is_asserted_from_the_article(built):
    result, _ = built
    article_graph = result.dataset.graph(kg("graph/article/45cd44230e9f16be"))
    dated = [
        o
        for o in article_graph.objects()
        if isinstance(o, Literal) and o.datatype in (XSD.date, XSD.dateTime, XSD.gYear, XSD.gYearMonth)
    ]
    assert dated == []
    meeting = kg("event/west-kazakhstan-anti-corruption-meeting")
    assert not any(isinstance(o, Literal) and o.datatype for o in result.graph.objects(meeting))


def _reference_cells() -> set[str]:
    cells: set[str] = set()
    for name in ("wikidata.csv", "external-facts.csv"):
        with open(ROOT / "data" / "reference" / name, encoding="utf-8") as handle:
            for row in csv.reader(handle):
                cells.update(row)
    return cells


def test_wikidata_items_come_only_from_the_reference_tables(kg_graph):
    items = {str(o) for o in kg_graph.objects() if str(o).startswith("http://www.wikidata.org/entity/")}
    assert len(items) == 12
    cells = _reference_cells()
    for item in items:
        assert item.rsplit("/", 1)[1] in cells


def test_outside_facts_carry_their_own_source_not_the_article(kg_graph):
    rows = select(
        kg_graph,
        f"""SELECT ?p ?o ?from ?label WHERE {{
             ?st rdf:subject <{kg("document/code-of-ethics-for-civil-servants")}> ; rdf:predicate ?p ;
                 rdf:object ?o ; prov:wasDerivedFrom ?from .
             OPTIONAL {{ ?from rdfs:label ?label }} }}""",
    )
    by_predicate = {str(p).rsplit("#", 1)[1]: (o, f, label) for p, o, f, label in rows}
    value, source, label = by_predicate["adoptedOn"]
    assert value == Literal("2015-12-29", datatype=XSD.date)
    assert (source, RDF.type, KGO.ReferenceSource) in kg_graph
    assert "cis-legislation.com" in str(label)
    _, evidence, _ = by_predicate["adoptedDuring"]
    assert (evidence, RDF.type, KGO.Evidence) in kg_graph


def test_the_article_wording_and_the_outside_date_are_both_kept(kg_graph):
    laws = kg("document/new-anti-corruption-laws")
    assert kg_graph.value(laws, KGO.adoptedDuring) == kg("time/beginning-of-the-year")
    law = kg_graph.value(laws, KGO.includesLaw)
    assert kg_graph.value(law, KGO.adoptedOn) == Literal("2015-11-18", datatype=XSD.date)
    assert kg_graph.value(law, KGO.inForceFrom) == Literal("2016-01-01", datatype=XSD.date)


def test_reported_speech_is_attributed_to_its_speaker(kg_graph):
    rows = select(
        kg_graph,
        """SELECT ?speaker (COUNT(?st) AS ?n) WHERE { ?st kgo:speaker ?speaker } GROUP BY ?speaker""",
    )
    counts = {str(s).rsplit("/", 1)[1]: int(n) for s, n in rows}
    assert set(counts) == {"alik-shpekbayev", "altai-kulginov"}
    # The text names no author or outlet, so its narration is attributed to no one,
    # and certainly not to the akimat whose website it names as its source.
    narration = select(
        kg_graph,
        """SELECT ?st ?who WHERE { ?st a kgo:Statement ; prov:wasDerivedFrom/a kgo:Evidence .
                                    FILTER NOT EXISTS { ?st kgo:speaker ?any }
                                    FILTER NOT EXISTS { ?st kgo:translationOf ?original }
                                    OPTIONAL { ?st prov:wasAttributedTo ?who } }""",
    )
    assert narration and all(who is None for _, who in narration)
    assert not select(
        kg_graph, "SELECT ?st WHERE { ?st prov:wasAttributedTo <" + kg("org/west-kazakhstan-akimat") + "> }"
    )


def test_the_output_has_no_blank_nodes(built):
    _, out = built
    for name in ("kg.nt", "kg.nq", "inferred.nq"):
        assert b"_:" not in (out / name).read_bytes(), name

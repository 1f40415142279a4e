"""Claims, not truths: who says what, what is opinion, what agrees with the
reference tables, and why the reasoner concluded each inferred triple."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from fixtures import ROOT, invoke, replace_in, seed_root
from kg.artifacts import load_built
from kg.errors import SourceError
from kg.namespaces import DEFAULT_BASE, KGO, OA, SCHEMA, GraphNames
from kg.pipeline.corroborate import corroborate, corroboration_graph, load_rules
from kg.query.describe import corroborating
from kg.query.why import Explainer

NAMES = GraphNames(DEFAULT_BASE)
ARTICLE = URIRef(DEFAULT_BASE + "article/45cd44230e9f16be")


def kg(path: str) -> URIRef:
    return URIRef(DEFAULT_BASE + path)


def statement(fact_id: str) -> URIRef:
    return kg(f"statement/45cd44230e9f16be/{fact_id}")


def quote_of(dataset, st: URIRef) -> str:
    evidence = dataset.value(st, PROV.wasDerivedFrom)
    return next(
        str(dataset.value(s, OA.exact)) for s in dataset.objects(evidence, OA.hasSelector) if dataset.value(s, OA.exact)
    )


@pytest.fixture(scope="module")
def dataset(built):
    return load_built(built[1], "all")


@pytest.fixture(scope="module")
def facts(dataset):
    return dataset.graph(NAMES.article("article/45cd44230e9f16be"))


# -- who is speaking -------------------------------------------------------------


def test_the_article_names_its_source_not_its_publisher(dataset):
    assert (ARTICLE, PROV.hadPrimarySource, kg("website/west-kazakhstan-akimat")) in dataset
    assert (ARTICLE, SCHEMA.publisher, None) not in dataset
    assert (ARTICLE, KGO.publishedOn, None) not in dataset


def test_the_journalists_description_of_the_report_is_narration(dataset):
    st = statement("report-emphasises-akimat-ethics")
    assert "өз баяндамасында" in quote_of(dataset, st)
    assert (st, KGO.speaker, None) not in dataset and (st, PROV.wasAttributedTo, None) not in dataset


def test_translations_are_the_curators_words(dataset):
    original, english = statement("rank-assessment/kk"), statement("rank-assessment/en")
    assert dataset.value(original, KGO.speaker) == kg("person/alik-shpekbayev")
    assert dataset.value(english, KGO.translationOf) == original
    assert (english, KGO.speaker, None) not in dataset
    assert set(dataset.objects(english, PROV.wasAttributedTo)) == {kg("agent/kg-curators")}
    translations = set(dataset.subjects(KGO.translationOf, None))
    assert translations and not any((t, KGO.speaker, None) in dataset for t in translations)


def test_each_statement_was_generated_by_a_dated_review(dataset):
    review = kg("review/45cd44230e9f16be")
    assert (review, RDF.type, KGO.Review) in dataset
    assert dataset.value(review, PROV.wasAssociatedWith) == kg("agent/kg-curators")
    assert dataset.value(review, URIRef("http://purl.org/dc/terms/date")) == Literal("2026-12-07", datatype=XSD.date)
    article_statements = {s for s in dataset.subjects(RDF.type, KGO.Statement) if str(s).startswith(str(statement("")))}
    assert article_statements and all((s, PROV.wasGeneratedBy, review) in dataset for s in article_statements)


# -- over-reading fixed ------------------------------------------------------------


def test_the_sectoral_programme_is_not_a_state_programme(dataset):
    programme = kg("document/sectoral-anti-corruption-programme-2011-2015")
    assert (programme, RDF.type, KGO.SectoralProgramme) in dataset
    assert (programme, RDF.type, KGO.StateProgramme) not in dataset


def test_main_tasks_go_to_the_unnamed_programmes_only(dataset, facts):
    for named in ("state-anti-corruption-programme-2006-2010", "sectoral-anti-corruption-programme-2011-2015"):
        assert (kg(f"document/{named}"), KGO.hasMainTask, None) not in dataset
        assert (kg(f"document/{named}"), KGO.hasAim, None) not in dataset
    tasks = set(facts.objects(kg("document/programmes-with-main-tasks"), KGO.hasMainTask))
    assert tasks == {
        kg("aim/protect-citizens-rights-and-freedoms"),
        kg("aim/improve-national-legislation"),
        kg("aim/stop-corruption"),
    }
    assert (statement("programmes-task-rights"), KGO.speaker, None) not in dataset


def test_no_post_is_placed_in_the_akimat(dataset):
    assert (kg("post/west-kazakhstan-akim"), KGO.postIn, None) not in dataset


# -- missing claims, now in with their exact words ----------------------------------


@pytest.mark.parametrize(
    ("fact_id", "words", "speaker"),
    [
        ("report-appeal-think-of-your-relatives/kk", "туғандарыңыз бен жақындарыңызды ойлаңыздар", "alik-shpekbayev"),
        ("officials-deprived-formerly-worked-with-audience", "осы залда жиналғандармен иық тіресіп", "alik-shpekbayev"),
        ("ethics-many-steps-taken/kk", "көптеген қадамдар жасалуда", "altai-kulginov"),
        ("regular-events-about-policy", "дөңгелек үстелдер мен жиындар, кеңестер тұрақты", "altai-kulginov"),
    ],
)
def test_a_missing_claim_is_in_with_its_quote_and_speaker(dataset, article_text, fact_id, words, speaker):
    st = statement(fact_id)
    quote = quote_of(dataset, st)
    assert words in " ".join(quote.split()) and quote in article_text
    assert dataset.value(st, KGO.speaker) == kg(f"person/{speaker}")


def test_the_regular_events_have_their_topic(facts):
    series = kg("event/west-kazakhstan-regular-anti-corruption-events")
    assert facts.value(series, KGO.about) == kg("policy/kazakhstan-anti-corruption-policy")
    topics = {str(topic) for topic in facts.objects(series, KGO.topicDescription)}
    assert any("аймақтарда" in topic for topic in topics)


# -- modality: claims held as opinion or obligation are not asserted ------------------


@pytest.mark.parametrize(
    ("fact_id", "modality"),
    [
        ("new-laws-contribute-to-responsibility", KGO.opinion),
        ("rank-assessment/kk", KGO.opinion),
        ("kazakhstan-aspires-canada", KGO.obligation),
    ],
)
def test_a_modal_claim_is_recorded_not_asserted(dataset, facts, fact_id, modality):
    st = statement(fact_id)
    assert dataset.value(st, KGO.modality) == modality
    triple = (dataset.value(st, RDF.subject), dataset.value(st, RDF.predicate), dataset.value(st, RDF.object))
    assert triple not in facts and triple not in dataset.graph(NAMES.inferred)


def test_plain_claims_have_no_modality(dataset):
    assert (statement("rank-value"), KGO.modality, None) not in dataset


# -- corroboration --------------------------------------------------------------------


def test_the_articles_rank_agrees_with_cpi_2015(dataset):
    claim, reference = statement("rank-value"), kg("statement/reference/cpi-2015-kazakhstan-rank")
    links = dataset.graph(NAMES.corroboration)
    [proposition] = links.objects(claim, KGO.expresses)
    assert (reference, KGO.expresses, proposition) in links
    assert (proposition, RDF.type, KGO.Proposition) in links
    assert corroborating(dataset, claim) == [(KGO.agreesWith, reference)]
    assert not set(links.subject_objects(KGO.disagreesWith))
    assert (None, RDF.type, PROV.Plan) in links


def _observation_claims(values: dict[str, int], period: str, repeats: int = 1) -> dict:
    """Rank claims on one area and period, from one article per source (each
    repeated in as many more articles as asked): a tiny dataset for the rules."""
    triples = set()
    for source, value in values.items():
        for copy in range(repeats):
            name = source if copy == 0 else f"{source}-{copy}"
            observation, st, evidence = kg(f"observation/{name}"), kg(f"statement/{name}"), kg(f"evidence/{name}")
            triples |= {
                (observation, KGO.refArea, kg("place/kazakhstan")),
                (observation, KGO.refPeriod, kg(period + source) if period == "own-" else kg(period)),
                (observation, KGO.rank, Literal(value)),
                (st, RDF.type, KGO.Statement),
                (st, RDF.subject, observation),
                (st, RDF.predicate, KGO.rank),
                (st, RDF.object, Literal(value)),
                (st, PROV.wasDerivedFrom, evidence),
                (evidence, OA.hasSource, kg(f"article/{name}")),
            }
    return {NAMES.provenance: triples}


def _pairs(quads: dict, ontology) -> dict:
    """Every pair of statements the rules relate, with the rules that relate
    their propositions ('same-proposition' for two statements of one)."""
    found = corroborate(quads, set(ontology), load_rules(ROOT / "ontology"))
    pairs = {}
    for statements in found.propositions.values():
        pairs |= {(a, KGO.agreesWith, b): ["same-proposition"] for a in statements for b in statements if a != b}
    for (first, relation, second), rules in found.links.items():
        for a in found.propositions[first]:
            pairs |= {(a, relation, b): rules for b in found.propositions[second]}
    return pairs


def test_different_values_for_one_area_and_period_disagree(ontology):
    pairs = _pairs(_observation_claims({"one": 123, "two": 120}, "time/year-2015"), ontology)
    assert pairs == {
        (kg("statement/one"), KGO.disagreesWith, kg("statement/two")): ["observations-disagree"],
        (kg("statement/two"), KGO.disagreesWith, kg("statement/one")): ["observations-disagree"],
    }


def test_different_values_for_different_periods_are_not_a_conflict(ontology):
    assert not corroborate(
        _observation_claims({"one": 123, "two": 120}, "own-"), set(ontology), load_rules(ROOT / "ontology")
    )


def test_the_same_value_for_one_area_and_period_agrees(ontology):
    pairs = _pairs(_observation_claims({"one": 123, "two": 123}, "time/year-2015"), ontology)
    assert set(pairs) == {
        (kg("statement/one"), KGO.agreesWith, kg("statement/two")),
        (kg("statement/two"), KGO.agreesWith, kg("statement/one")),
    }


def test_a_value_given_without_a_period_agrees_with_the_same_value_of_a_period(ontology):
    quads = _observation_claims({"one": 123, "two": 123}, "time/year-2015")
    quads[NAMES.provenance] = {t for t in quads[NAMES.provenance] if t[:2] != (kg("observation/one"), KGO.refPeriod)}
    pairs = _pairs(quads, ontology)
    assert pairs[(kg("statement/one"), KGO.agreesWith, kg("statement/two"))] == ["observations-agree"]


def test_a_fact_many_articles_repeat_is_one_proposition_and_links_stay_linear(ontology):
    """Thirty articles say 123, thirty say 120: two propositions and one link
    between them, not 1,770 pairs of statements."""
    quads = _observation_claims({"one": 123, "two": 120}, "time/year-2015", repeats=30)
    found = corroborate(quads, set(ontology), load_rules(ROOT / "ontology"))
    assert sorted(len(statements) for statements in found.propositions.values()) == [30, 30]
    assert len(found.links) == 2  # one disagreement, held in both directions
    graph = corroboration_graph(found, load_rules(ROOT / "ontology"), DEFAULT_BASE)
    assert len([t for t in graph if t[1] == KGO.expresses]) == 60


def test_one_articles_statements_alone_do_not_agree(ontology):
    quads = _observation_claims({"one": 123}, "time/year-2015")
    second = {(s if s != kg("statement/one") else kg("statement/again"), p, o) for s, p, o in quads[NAMES.provenance]}
    quads[NAMES.provenance] |= second
    assert not corroborate(quads, set(ontology), load_rules(ROOT / "ontology"))


@pytest.mark.parametrize(
    "text",
    [
        "CONSTRUCT { ?s <urn:x> ?o } WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o }",
        "CONSTRUCT { <urn:a> <https://kg.example.org/ontology#agreesWith> <urn:b> } WHERE {}",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p",
    ],
)
def test_a_bad_rule_is_a_source_error(tmp_path, ontology, text):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.rq").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="rule bad"):
        corroborate(_observation_claims({"one": 1}, "time/x"), set(ontology), load_rules(tmp_path))


# -- why -----------------------------------------------------------------------------


def test_every_inferred_triple_of_the_seed_is_explained(dataset):
    explainer = Explainer.of_dataset(dataset, DEFAULT_BASE)
    inferred = explainer.inferred_triples((None, None, None))
    assert len(inferred) > 100
    unexplained = [t for t in inferred if explainer.explain(t) is None]
    assert unexplained == []


def test_an_explanation_reaches_the_article_quote(dataset, article_text):
    explainer = Explainer.of_dataset(dataset, DEFAULT_BASE)
    meeting = kg("event/west-kazakhstan-anti-corruption-meeting")
    explanation = explainer.explain((meeting, KGO.locatedIn, kg("place/kazakhstan")))
    assert explanation is not None and explanation.rule == "prp-spo2"
    quotes = [s.quote for leaf in explanation.leaves() for s in leaf.sources]
    assert len(quotes) == 2 and all(q in article_text for q in quotes)
    assert explanation.only_claims()


def test_a_type_from_curated_entities_does_not_rest_on_claims(dataset):
    explainer = Explainer.of_dataset(dataset, DEFAULT_BASE)
    explanation = explainer.explain((kg("person/altai-kulginov"), RDF.type, KGO.Person))
    assert explanation is not None and explanation.rule == "cax-sco" and not explanation.only_claims()


def test_kg_why_prints_rule_axiom_and_quote(built):
    out = str(built[1])
    result = invoke("why", "Алтай Көлгінов", "kgo:chairs", "--build", out)
    assert result.returncode == 0, result.stderr
    assert "prp-inv" in result.stdout and "owl:inverseOf" in result.stdout
    assert "«Жиынға облыс әкімі Алтай Көлгінов төрағалық етті»" in result.stdout
    check = invoke("why", "*", "*", "*", "--check", "--build", out)
    assert check.returncode == 0 and check.stdout.strip().endswith(", 0 unexplained")
    inferred = Explainer.of_dataset(load_built(Path(out), "all"), DEFAULT_BASE).inferred_triples((None, None, None))
    assert int(check.stdout.split()[0]) == len(inferred)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nobody-at-all-xyz",), "entity"),
        (("kulginov", "nope:chairs"), "unknown prefix"),
        (("kulginov", "rdfs:label"), "inferred no triple"),
    ],
)
def test_kg_why_on_bad_input_is_one_line(built, args, message):
    result = invoke("why", *args, "--build", str(built[1]))
    assert result.returncode != 0 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


# -- claims apart from reference --------------------------------------------------------

RANKED = "SELECT ?s WHERE { ?s <https://kg.example.org/ontology#rank> ?o } ORDER BY ?s"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(
    ("graphs", "observations"),
    [
        ("claims", ["observation/kazakhstan-corruption-rank"]),
        ("reference", ["observation/cpi-2015-kazakhstan"]),
        ("all", ["observation/cpi-2015-kazakhstan", "observation/kazakhstan-corruption-rank"]),
    ],
)
def test_kg_query_reads_the_claims_or_the_reference_apart(built, engine, graphs, observations):
    result = invoke("query", "-e", RANKED, "--graph", graphs, "--engine", engine, "-f", "csv", "--build", str(built[1]))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == [DEFAULT_BASE + o for o in observations]


def test_the_claims_slice_holds_statements_and_labels_but_no_reference_row(built):
    claims = load_built(built[1], "claims")
    assert (statement("rank-value"), RDF.type, KGO.Statement) in claims
    assert (kg("person/altai-kulginov"), None, None) in claims
    assert (kg("statement/reference/cpi-2015-kazakhstan-rank"), None, None) not in claims
    reference = load_built(built[1], "reference")
    assert (statement("rank-value"), None, None) not in reference
    assert (kg("statement/reference/cpi-2015-kazakhstan-rank"), RDF.type, KGO.Statement) in reference


# -- describe shows time, agreement and modality -------------------------------------------


def test_describe_shows_the_term_of_office_and_the_agreement(built):
    result = invoke("describe", "Алтай Көлгінов", "--build", str(built[1]))
    assert result.returncode == 0, result.stderr
    assert "from 2016-03-26 to 2019-06-13" in result.stdout
    assert "agrees with: «облыс әкімі Алтай Көлгінов»" in result.stdout


def test_describe_shows_a_modal_claim_as_claimed_not_asserted(built):
    result = invoke("describe", "observation/kazakhstan-corruption-rank", "--build", str(built[1]))
    assert "agrees with: source: https://rus.azattyq.org/a/27514060.html" in result.stdout
    claimed = result.stdout.split("claimed, not asserted: ", 1)[1]
    assert claimed.startswith("speaker's assessment → біздің қоғамға қауіпті әрі жоғары көрсеткіш")
    assert "(Alik Shpekbayev) [opinion]" in claimed.splitlines()[1]


# -- where an article comes from, and when ------------------------------------------------

SEED_HEAD = "  publisher: unknown\n"


def test_an_article_records_its_address_date_and_licence(project_copy):
    article = project_copy / "data" / "articles" / "000_45cd44230e9f16be.yaml"
    replace_in(
        article,
        SEED_HEAD,
        SEED_HEAD + '  url: https://example.org/news/1\n  published: "2015-11-20"\n  licence: unknown terms\n',
    )
    out = project_copy / "out"
    result = invoke("build", "-q", "--data", str(project_copy / "data"), "--out", str(out), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    graph = load_built(out, "asserted")
    assert graph.value(ARTICLE, SCHEMA.datePublished) == Literal("2015-11-20", datatype=XSD.date)
    assert graph.value(ARTICLE, SCHEMA.url) == URIRef("https://example.org/news/1")
    shown = invoke("describe", "article/45cd44230e9f16be", "--build", str(out), cwd=project_copy).stdout
    assert "2015-11-20" in shown and "https://example.org/news/1" in shown


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('  published: "last year"\n', "'published' must be YYYY-MM-DD"),
        ("  url: example.org/news\n", "'url' must be an http(s) address"),
        ("  review: {by: agent/kg-curators}\n", "'review' must give 'by'"),
    ],
)
def test_bad_source_metadata_is_a_one_line_error(project_copy, line, message):
    article = project_copy / "data" / "articles" / "000_45cd44230e9f16be.yaml"
    text = article.read_text(encoding="utf-8")
    if line.startswith("  review"):
        text = text.replace('  review: {by: agent/kg-curators, date: "2026-12-07"}\n', "")
    article.write_text(text.replace(SEED_HEAD, SEED_HEAD + line), encoding="utf-8")
    result = invoke("build", "-q", "--data", str(project_copy / "data"), "--out", str(project_copy / "out"))
    assert result.returncode == 3 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_modality_is_a_one_line_error(project_copy):
    article = project_copy / "data" / "articles" / "000_45cd44230e9f16be.yaml"
    replace_in(article, "    modality: opinion\n", "    modality: hope\n")
    result = invoke("build", "-q", "--data", str(project_copy / "data"), "--out", str(project_copy / "out"))
    assert result.returncode == 3 and "'modality' must be one of opinion, intention, obligation" in result.stderr


def test_kg_build_with_a_bad_rule_fails_in_one_line_and_writes_nothing(built, tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    (ontology / "rules" / "zz-broken.rq").write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    result = invoke("build", "-q", "--ontology", str(ontology), "--out", str(tmp_path / "out"), cwd=seed_root())
    assert result.returncode == 3
    assert "rule zz-broken: a SELECT rule must select ?statement ?part ?value" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "out" / "kg.ttl").exists()


# -- the same on the entity pages ---------------------------------------------------------


@pytest.fixture(scope="module")
def pages(built):
    from starlette.testclient import TestClient

    from kg.server.app import create_app

    client = TestClient(create_app(built[1]))
    return lambda path: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(path).text))


def test_an_inferred_fact_says_because_on_its_page(pages):
    page = pages("/person/altai-kulginov")
    assert "inferred by OWL 2 RL (prp-inv, inverse (owl:inverseOf)) because" in page
    assert "«Жиынға облыс әкімі Алтай Көлгінов төрағалық етті»" in page
    assert "It rests only on articles' claims." in page


def test_a_page_shows_the_term_and_the_agreeing_source(pages):
    page = pages("/person/altai-kulginov")
    assert "from 2016-03-26 to 2019-06-13" in page
    assert "agrees with https://en.wikipedia.org/wiki/Altai_Kölgınov" in page
    assert "agrees with https://rus.azattyq.org/a/27514060.html" in pages("/observation/kazakhstan-corruption-rank")


def test_a_page_shows_claims_held_as_opinion_and_who_said_what(pages):
    page = pages("/observation/kazakhstan-corruption-rank")
    claimed = page.split("Claimed, not asserted", 1)[1]
    assert "біздің қоғамға қауіпті әрі жоғары көрсеткіш" in claimed and "( opinion )" in claimed
    said = pages("/person/alik-shpekbayev").split("What Alik Shpekbayev said", 1)[1]
    assert "«Қазақстан сыбайлас жемқорлық бойынша әлемде 168 мемлекеттің ішінен 123 орынды иеленіп отыр»" in said


def test_narration_is_shown_as_nobodys_we_know(pages):
    page = pages("/event/west-kazakhstan-anti-corruption-meeting")
    assert "narration (the article names no author or outlet)" in page and "None" not in page

"""OWL 2 RL reasoning: what it adds, what it filters out, and what it refuses."""

from __future__ import annotations

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from fixtures import ARTICLE_FACTS, ROOT, invoke, replace_in, seed_root
from kg.artifacts import load_built
from kg.engines import DEFAULT_REASONER
from kg.errors import InconsistencyError
from kg.namespaces import DEFAULT_BASE, KGO
from kg.pipeline.build import load_turtle
from kg.pipeline.reason import reason
from kg.pipeline.validate import validate

KG = DEFAULT_BASE
PREFIXES = f"PREFIX kgo: <{KGO}>\nPREFIX org: <http://www.w3.org/ns/org#>\nPREFIX kg: <{KG}>\n"

# Each question is answered wrongly by the asserted graph alone and rightly
# once the ontology's axioms are applied: (query, asserted answer, reasoned answer).
QUESTIONS = {
    "events located in Kazakhstan (property chain)": (
        "SELECT ?x WHERE { ?x kgo:locatedIn <" + KG + "place/kazakhstan> }",
        set(),
        {"event/west-kazakhstan-anti-corruption-meeting", "event/west-kazakhstan-regular-anti-corruption-events"},
    ),
    "all persons (only subclasses are asserted)": (
        "SELECT ?x WHERE { ?x a kgo:Person }",
        set(),
        {"person/alik-shpekbayev", "person/altai-kulginov", "person/nursultan-nazarbayev"},
    ),
    "who chairs what (inverse)": (
        "SELECT ?x WHERE { ?x kgo:chairs ?meeting }",
        set(),
        {"person/altai-kulginov"},
    ),
    "everyone who took part, chair included (sub-property)": (
        "SELECT ?x WHERE { ?meeting kgo:hasParticipant ?x }",
        {"person/alik-shpekbayev"},
        {"person/alik-shpekbayev", "person/altai-kulginov"},
    ),
    "places in Kazakhstan at any depth (transitive)": (
        "SELECT ?x WHERE { ?x kgo:containedInPlace <" + KG + "place/kazakhstan> }",
        {"place/west-kazakhstan-region", "place/north-kazakhstan-region"},
        {
            "place/west-kazakhstan-region",
            "place/north-kazakhstan-region",
            "place/oral",
            "place/zelenov-district",
            "place/terekti-district",
        },
    ),
    "organisations in W3C ORG terms (class alignment)": (
        "SELECT ?x WHERE { ?x a org:Organization }",
        set(),
        {
            "org/anti-corruption-agency",
            "org/west-kazakhstan-akimat",
            "org/nur-otan",
            "org/nur-otan-west-kazakhstan-branch",
            "org/transparency-international",
        },
    ),
    "who holds each post (inverse, aligned to org:heldBy)": (
        "SELECT ?x WHERE { ?post org:heldBy ?x }",
        set(),
        {"person/alik-shpekbayev", "person/altai-kulginov", "person/nursultan-nazarbayev"},
    ),
}


def slugs(dataset: Dataset, query: str) -> set[str]:
    return {str(row[0])[len(KG) :] for row in dataset.query(PREFIXES + query)}


@pytest.fixture(scope="module")
def asserted(built) -> Dataset:
    return load_built(built[1], "asserted")


@pytest.fixture(scope="module")
def reasoned(built) -> Dataset:
    return load_built(built[1], "all")


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_reasoning_answers_what_the_asserted_graph_cannot(asserted, reasoned, question):
    query, before, after = QUESTIONS[question]
    assert slugs(asserted, query) == before
    assert slugs(reasoned, query) == after


def test_inferred_triples_are_new_and_free_of_noise(built):
    result, out = built
    inferred = Dataset()
    inferred.parse(out / "inferred.nq", format="nquads")
    triples = {(s, p, o) for s, p, o, _ in inferred.quads()}
    assert len(triples) > 300
    asserted = set(result.graph)
    assert not triples & asserted
    for s, p, o in triples:
        assert not isinstance(s, Literal | BNode) and not isinstance(o, BNode)
        assert not (p == OWL.sameAs and s == o)
        assert not str(s).startswith((str(RDF), str(RDFS), str(OWL), str(XSD)))
        assert not (p == RDF.type and o in (RDFS.Resource, OWL.Thing))
        assert not str(s).startswith(str(KGO)), "nothing about ontology terms"


def test_the_inferred_graph_is_described_as_a_prov_activity_without_a_time(built):
    _, out = built
    inferred = Dataset(default_union=True)
    inferred.parse(out / "inferred.nq", format="nquads")
    graph_name = URIRef(KG + "graph/inferred")
    assert {str(g.identifier) for g in inferred.graphs() if len(g)} == {str(graph_name)}
    activity = inferred.value(graph_name, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in inferred
    agent = inferred.value(activity, PROV.wasAssociatedWith)
    assert DEFAULT_REASONER in str(inferred.value(agent, RDFS.label))
    assert URIRef(KG + "graph/provenance") not in set(inferred.objects(activity, PROV.used))
    assert not [o for o in inferred.objects() if isinstance(o, Literal) and o.datatype == XSD.dateTime]


def test_the_summary_counts_inferred_triples_by_predicate_and_class(built):
    result, _ = built
    inferred = result.summary["inferred"]
    assert sum(inferred["by_predicate"].values()) == inferred["triples"]
    assert inferred["by_class"]["kgo:Person"] == 3
    assert inferred["by_predicate"]["kgo:chairs"] == 1


def test_a_member_of_owl_nothing_is_inconsistent(ontology):
    facts = Graph()
    facts.add((URIRef(KG + "thing/x"), RDF.type, OWL.Nothing))
    with pytest.raises(InconsistencyError, match="thing/x"):
        reason(facts, ontology, KG)


def test_a_person_who_is_also_an_organisation_is_inconsistent(ontology):
    facts = Graph()
    node = URIRef(KG + "person/x")
    facts.add((node, RDF.type, KGO.PublicOfficial))
    facts.add((node, RDF.type, KGO.GovernmentAgency))
    with pytest.raises(InconsistencyError, match="person/x"):
        reason(facts, ontology, KG)


def test_two_values_of_a_functional_property_are_inconsistent(ontology):
    facts = Graph()
    node = URIRef(KG + "observation/x")
    facts.add((node, KGO.refPeriod, URIRef(KG + "time/a")))
    facts.add((node, KGO.refPeriod, URIRef(KG + "time/b")))
    with pytest.raises(InconsistencyError, match=r"observation/x> has 2 values of functional .*refPeriod"):
        reason(facts, ontology, KG)


def test_an_inconsistent_article_fails_the_build_and_keeps_the_previous_output(project_copy):
    assert invoke("build", "-q", cwd=project_copy).returncode == 0
    before = (project_copy / "build" / "inferred.nq").read_bytes()
    # The Agency holding a post makes it a person (domain of holdsPost) and an
    # organisation at once: SHACL cannot see it, reasoning does.
    replace_in(
        project_copy / ARTICLE_FACTS,
        "  - id: deputy-chairman-post-in-agency\n",
        "  - id: agency-holds-a-post\n"
        "    s: org/anti-corruption-agency\n"
        "    p: holdsPost\n"
        "    o: post/agency-deputy-chairman\n"
        "    quote: агенттігі төрағасының орынбасары Алик Шпекбаевтың\n"
        "  - id: deputy-chairman-post-in-agency\n",
    )
    result = invoke("build", "-q", cwd=project_copy)
    assert result.returncode == 6, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kg: error: the facts contradict the ontology")
    assert "org/anti-corruption-agency" in result.stderr
    assert (project_copy / "build" / "inferred.nq").read_bytes() == before


def test_shapes_that_need_inference_fail_on_the_asserted_graph_alone(built, ontology):
    result, _ = built
    shapes = load_turtle(ROOT / "ontology" / "shapes-inferred.ttl")
    named = {s for s in shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))}
    asserted_only = validate(result.graph, shapes, ontology)
    assert not asserted_only.conforms
    assert {v.shape for v in asserted_only.violations} == {shapes.namespace_manager.normalizeUri(s) for s in named}
    assert validate(result.graph + result.inference.graph, shapes, ontology).conforms


def test_kg_reason_rewrites_the_same_inferred_graph(built, tmp_path):
    import shutil

    shutil.copytree(built[1], tmp_path / "build")
    before = (tmp_path / "build" / "inferred.nq").read_bytes()
    (tmp_path / "build" / "inferred.nq").unlink()
    result = invoke("reason", "--build", str(tmp_path / "build"), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "inferred by predicate" in result.stdout
    assert (tmp_path / "build" / "inferred.nq").read_bytes() == before


def test_query_picks_asserted_inferred_or_all(built):
    _, out = built
    query = f"SELECT ?x WHERE {{ ?x <{KGO}chairs> ?m }}"
    answers = {
        choice: invoke("query", "-e", query, "-f", "csv", "--graph", choice, "--build", str(out), cwd=ROOT).stdout
        for choice in ("asserted", "inferred", "all")
    }
    assert answers["asserted"].splitlines() == ["x"]
    assert answers["inferred"].splitlines() == answers["all"].splitlines() == ["x", KG + "person/altai-kulginov"]


def _inferred(dataset: Dataset) -> set:
    """Inferred triples, without the description of the run that made them."""
    software = f"{KG}software/"
    activity = f"{KG}activity/"
    return {(s, p, o) for s, p, o, _ in dataset.quads() if not str(s).startswith((software, activity, f"{KG}graph/"))}


def test_reasonable_gives_owlrls_inferences_on_the_seed_and_a_100_article_corpus(ontology, tmp_path):
    from kg.bench.corpus import generate
    from kg.pipeline.compile import compile_quads
    from kg.pipeline.reason import reasoning_input
    from kg.pipeline.sources import load_sources

    seed = seed_root() / "data"
    for data in (seed, generate(seed, tmp_path, 100, facts_per_article=4)):
        facts = reasoning_input(compile_quads(load_sources(data), ontology, KG), KG)
        reference = reason(facts, ontology, KG, "owlrl")
        fast = reason(facts, ontology, KG, "reasonable")
        assert len(reference.graph) > 500
        assert set(fast.graph) == set(reference.graph), data


@pytest.mark.parametrize("reasoner", ["owlrl", "reasonable"])
def test_both_reasoners_find_the_same_contradictions(ontology, reasoner):
    nothing, both = Graph(), Graph()
    nothing.add((URIRef(KG + "thing/x"), RDF.type, OWL.Nothing))
    both.add((URIRef(KG + "person/x"), RDF.type, KGO.PublicOfficial))
    both.add((URIRef(KG + "person/x"), RDF.type, KGO.GovernmentAgency))
    for facts in (nothing, both):
        with pytest.raises(InconsistencyError, match=r"thing/x|person/x"):
            reason(facts, ontology, KG, reasoner)


def test_kg_build_with_owlrl_the_reference_writes_the_same_inferences_as_reasonable(built, tmp_path):
    # built is the default build: reasonable reasons over it.
    result = invoke("build", "-q", "--reasoner", "owlrl", "--out", str(tmp_path), cwd=seed_root())
    assert result.returncode == 0, result.stderr
    fast, reference = Dataset(), Dataset()
    fast.parse(built[1] / "inferred.nq", format="nquads")
    reference.parse(tmp_path / "inferred.nq", format="nquads")
    assert _inferred(fast) == _inferred(reference)
    assert "reasonable" in (built[1] / "inferred.ttl").read_text(encoding="utf-8")
    assert "owlrl" in (tmp_path / "inferred.ttl").read_text(encoding="utf-8")

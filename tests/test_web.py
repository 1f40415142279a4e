"""The web front a journalist uses without SPARQL: questions as pages,
navigation, downloads and the vocabulary, on one shared build."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS
from starlette.testclient import TestClient

from fixtures import ROOT, free_port, invoke, replace_in, wait_until_up
from kg.artifacts import built_base, load_built
from kg.formats import EXTENSIONS, FORMATS, MEDIA_TYPES
from kg.namespaces import DEFAULT_BASE, KGO, ONTOLOGY_GRAPH, SH
from kg.pipeline.build import Paths, build
from kg.query.named import catalogue
from kg.server import state
from kg.server.app import create_app
from kg.server.chrome import accepted_language
from kg.server.words import LANGUAGE_NAMES, LANGUAGES, WORDS

QUERIES = catalogue()
RESULTS = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def client(built) -> TestClient:
    return TestClient(create_app(built[1]))


@pytest.fixture(scope="module")
def base(built) -> str:
    return built_base(built[1])


class Page(HTMLParser):
    """What a test reads of a page: links, tables, selects and the head's links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.anchors: list[tuple[str, str]] = []  # (href, text)
        self._anchor: tuple[str, list[str]] | None = None
        self.alternates: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self.selects: dict[str, list[tuple[str, str]]] = {}
        self.ids: set[str] = set()
        self._cell: list[str] | None = None
        self._in_body = False
        self._select: str | None = None
        self._option: tuple[str, list[str]] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "id" in found:
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
            self._anchor = (found["href"] or "", [])
        elif tag == "link" and found.get("rel") == "alternate":
            self.alternates.append((found.get("type") or "", found.get("href") or ""))
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td" and self._in_body:
            self._cell = []
        elif tag == "select":
            self._select = found.get("name") or ""
            self.selects[self._select] = []
        elif tag == "option":
            self._option = (found.get("value") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._anchor is not None:
            self.anchors.append((self._anchor[0], "".join(self._anchor[1])))
            self._anchor = None
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "option" and self._option and self._select is not None:
            self.selects[self._select].append((self._option[0], "".join(self._option[1])))
            self._option = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._anchor is not None:
            self._anchor[1].append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._option is not None:
            self._option[1].append(data)

    def href_of(self, words: str) -> str:
        """Where the one link whose text holds ``words`` leads, as a reader clicks it."""
        [href] = {href for href, text in self.anchors if words in text}
        return href

    def submitted(self, **picked: str) -> dict[str, str]:
        """The form as a browser sends it: each list at its first choice unless picked."""
        return {name: picked.get(name, options[0][0]) for name, options in self.selects.items()}


def main_of(page: str) -> str:
    """The page's own content, without the frame around it."""
    return page[page.index("<main") : page.index("</main>")]


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def kg_query_csv(build: Path, name: str, lang: str = "en") -> list[list[str]]:
    ran = invoke("query", name, "-f", "csv", "--lang", lang, "--build", str(build))
    assert ran.returncode == 0, ran.stderr
    return parse_csv(ran.stdout)


def xml_rows(data: bytes) -> list[dict[str, tuple[str, str, str]]]:
    """The SPARQL XML results, read with the standard library's parser."""
    rows = []
    for result in ElementTree.fromstring(data).iter(f"{RESULTS}result"):
        row = {}
        for binding in result.iter(f"{RESULTS}binding"):
            term = binding[0]
            kind = term.tag.removeprefix(RESULTS)
            extra = term.get("{http://www.w3.org/XML/1998/namespace}lang") or term.get("datatype") or ""
            row[binding.get("name")] = (kind, term.text or "", extra)
        rows.append(row)
    return rows


def json_rows(data: bytes) -> list[dict[str, tuple[str, str, str]]]:
    kinds = {"typed-literal": "literal"}
    return [
        {
            name: (kinds.get(t["type"], t["type"]), t["value"], t.get("xml:lang") or t.get("datatype") or "")
            for name, t in binding.items()
        }
        for binding in json.loads(data)["results"]["bindings"]
    ]


# --- questions as pages -------------------------------------------------------------


def test_the_index_links_every_named_query_with_its_title(client):
    page = client.get("/queries")
    assert page.status_code == 200
    links = Page(page.text).links
    for name, query in QUERIES.items():
        assert f"/queries/{name}" in links
        assert html.escape(query.title) in page.text
    assert "/queries" in Page(client.get("/").text).links


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_page_shows_the_rows_kg_query_gives(client, built, base, name):
    expected = kg_query_csv(built[1], name)
    page = client.get(f"/queries/{name}")
    assert page.status_code == 200
    shown = Page(page.text)
    assert len(shown.rows) == len(expected) - 1
    assert f"<p>{len(expected) - 1} row" in page.text
    # Every entity of the answer is linked to its page, every IRI to where it resolves.
    iris = {cell for row in expected[1:] for cell in row if cell.startswith(base)}
    for iri in iris:
        assert "/" + iri[len(base) :] in shown.links, iri
    assert f"<pre class='sparql'>{html.escape(QUERIES[name].text)}</pre>" in page.text
    downloaded = client.get(f"/queries/{name}.csv")
    assert downloaded.headers["content-type"] == "text/csv; charset=utf-8"
    assert downloaded.headers["content-disposition"] == f'attachment; filename="{name}.csv"'
    rows = parse_csv(downloaded.text)
    assert rows[0] == expected[0]
    assert Counter(map(tuple, rows[1:])) == Counter(map(tuple, expected[1:]))


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_xml_and_json_downloads_of_every_query_hold_the_same_terms(client, name):
    as_xml = client.get(f"/queries/{name}.xml")
    as_json = client.get(f"/queries/{name}", params={"format": "json"})
    assert as_xml.headers["content-type"] == "application/sparql-results+xml"
    assert as_json.headers["content-type"] == "application/sparql-results+json"
    assert xml_rows(as_xml.content) == json_rows(as_json.content)
    assert len(json_rows(as_json.content)) == len(Page(client.get(f"/queries/{name}").text).rows)


def test_the_label_language_is_chosen_from_a_list_and_changes_the_answer(client, built):
    page = Page(client.get("/queries/who-chaired").text)
    assert [value for value, _ in page.selects["lang"]] == ["en", "kk", "ru"]
    in_kazakh = client.get("/queries/who-chaired.csv", params={"lang": "kk"})
    rows = parse_csv(in_kazakh.text)
    assert Counter(map(tuple, rows)) == Counter(map(tuple, kg_query_csv(built[1], "who-chaired", "kk")))
    assert "Алтай Көлгінов" in in_kazakh.text
    assert "Altai Kulginov" in client.get("/queries/who-chaired.csv", params={"lang": "en"}).text


def test_a_speaker_chosen_from_the_list_narrows_the_page_and_the_download(client):
    page = Page(client.get("/queries/claims-by-speaker").text)
    speakers = [(value, text) for value, text in page.selects["speaker"] if value]
    assert len(speakers) >= 2
    everything = parse_csv(client.get("/queries/claims-by-speaker.csv").text)
    column = everything[0].index("speaker")
    for value, text in speakers:
        narrowed = client.get("/queries/claims-by-speaker", params={"lang": "en", "speaker": value})
        rows = Page(narrowed.text).rows
        expected = [row for row in everything[1:] if row[column] == text]
        assert rows and len(rows) == len(expected)
        assert {row[column] for row in rows} == {text}
        download = parse_csv(client.get("/queries/claims-by-speaker.csv", params={"speaker": value}).text)
        assert download[1:] == expected


def test_quotes_are_shown_with_the_words_of_the_article(client, article_text):
    page = client.get("/queries/claims-by-speaker").text
    quotes = re.findall(r"<q lang='kk'>(.*?)</q>", page)
    assert len(quotes) > 10
    marked = [q for q in quotes if "<mark>" in q]
    assert marked
    for quote in marked:
        assert html.unescape(re.sub(r"</?mark>", "", quote)) in article_text
        assert html.unescape(re.search(r"<mark>(.*)</mark>", quote).group(1)) in article_text


def test_a_journalist_answers_five_questions_by_clicking_from_the_home_page(client, article_text):
    home = Page(client.get("/").text)
    questions = Page(client.get(home.href_of("Questions")).text)
    answered = {}
    for words in ("Who chaired", "Which numbers", "Which documents", "cases opened per city", "compared with"):
        href = questions.href_of(words)
        page = Page(client.get(href).text)
        assert page.rows, words
        download = client.get(page.href_of("CSV"))
        assert download.headers["content-type"] == "text/csv; charset=utf-8"
        assert len(parse_csv(download.text)) == len(page.rows) + 1, words
        answered[words] = (href, page)
    # Who chaired, in Kazakh: the quote names the chair as the article does.
    href, page = answered["Who chaired"]
    in_kazakh = Page(client.get(href, params=page.submitted(lang="kk")).text)
    [row] = in_kazakh.rows
    chair, quote = row[1], row[-1]
    assert quote in article_text and chair in quote
    # Numbers by speaker, and the ranking: each picked from a list, each value in its quote.
    href, page = answered["Which numbers"]
    header = parse_csv(client.get(page.href_of("CSV")).text)[0]
    columns = [c for c in ("speaker", "measure", "area") if c in page.selects]
    assert "measure" in columns
    for column in columns:
        for value, text in page.selects[column][1:]:
            narrowed = Page(client.get(href, params=page.submitted(**{column: value})).text)
            assert narrowed.rows and {r[header.index(column)] for r in narrowed.rows} == {text}
            for row in narrowed.rows:
                assert row[header.index("value")] in row[header.index("quote")].replace(" ", "")
    assert "rank" in {text for _, text in page.selects["measure"]}


def test_unknown_questions_and_formats_are_404(client):
    assert client.get("/queries/nobody").status_code == 404
    assert client.get("/queries/who-chaired.png").status_code == 404
    assert client.get("/queries/who-chaired.").status_code == 404
    assert client.get("/queries/who-chaired", params={"format": "table"}).status_code == 404


def test_question_pages_run_under_the_endpoint_time_limit_and_row_cap(built, tmp_path):
    (tmp_path / "runaway.rq").write_text(
        "# title: <b>Every</b> triple thrice\nSELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n",
        encoding="utf-8",
    )
    (tmp_path / "many.rq").write_text("# title: Many\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    client = TestClient(create_app(built[1], timeout=1.0, max_rows=3, queries=(tmp_path,)))
    stopped = client.get("/queries/runaway")
    assert stopped.status_code == 503 and "time limit" in stopped.text
    index = client.get("/queries").text
    assert "&lt;b&gt;Every&lt;/b&gt;" in index and "<b>Every" not in index
    capped = client.get("/queries/many")
    assert len(Page(capped.text).rows) == 3 and "row limit" in capped.text
    assert len(parse_csv(client.get("/queries/many.csv").text)) == 4


# --- navigation and downloads --------------------------------------------------------


def test_the_home_page_reaches_every_entity_through_its_class(client, built):
    summary = json.loads((built[1] / "summary.json").read_text(encoding="utf-8"))
    home = client.get("/")
    classes = [link for link in Page(home.text).links if link.startswith("/classes/")]
    assert len(classes) == len(summary["entities_by_class"])
    reached: set[str] = set()
    for link in classes:
        page = client.get(link)
        assert page.status_code == 200, link
        members = re.search(r"<ul class='members'>(.*?)</ul>", page.text).group(1)
        found = re.findall(r"href='([^']+)'", members)
        curie = link.removeprefix("/classes/")
        assert len(found) == summary["entities_by_class"][curie], curie
        reached |= set(found)
    assert len(reached) == summary["entities"]
    for link in sorted(reached):
        assert client.get(link).status_code == 200, link


def test_a_class_page_lists_members_of_its_subclasses_by_inference(client):
    page = client.get("/classes/kgo:Person")
    assert page.status_code == 200
    assert "/person/altai-kulginov" in Page(page.text).links
    assert "/classes/kgo:PublicOfficial" in Page(page.text).links
    assert client.get("/classes/kgo:NoSuchClass").status_code == 404
    assert client.get("/classes/nope:Person").status_code == 404


def test_the_home_page_names_the_articles_the_build_time_and_the_licence(client, built):
    page = client.get("/").text
    assert "/article/45cd44230e9f16be" in Page(page).links
    stamp = datetime.fromtimestamp((built[1] / "summary.json").stat().st_mtime, UTC)
    assert f"Built {stamp:%Y-%m-%d %H:%M} UTC" in page
    assert "https://creativecommons.org/licenses/by/4.0/" in Page(page).links
    assert "/dumps/" in Page(page).links


def test_the_dumps_page_links_every_dump_with_its_size(client, built):
    page = client.get("/dumps/")
    assert page.status_code == 200
    assert main_of(client.get("/dumps").text) == main_of(page.text)
    links = [link for link in Page(page.text).links if link.startswith("/dumps/") and link.split("?")[0] != "/dumps/"]
    expected = sorted(
        p.name for p in built[1].iterdir() if p.stem in ("kg", "inferred") and p.suffix in EXTENSIONS and p.is_file()
    )
    assert sorted(link.removeprefix("/dumps/") for link in links) == expected
    for link in links:
        data = client.get(link).content
        assert data == (built[1] / link.removeprefix("/dumps/")).read_bytes()
        assert EXTENSIONS[Path(link).suffix].title in page.text


@pytest.mark.parametrize("path", ["/person/alik-shpekbayev", "/article/45cd44230e9f16be", "/place/oral"])
def test_entity_pages_link_their_data_in_every_graph_format(client, path):
    page = Page(client.get(path).text)
    wanted = {f.media_type: f for f in FORMATS.values() if not f.keeps_graphs}
    assert {media for media, _ in page.alternates} == set(wanted)
    assert {"text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"} <= set(wanted)
    negotiated = client.get(path, headers={"Accept": "text/turtle"})
    reference = Graph().parse(data=negotiated.text, format="turtle")
    for media, href in page.alternates:
        assert href in page.links
        response = client.get(href)
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media
        graph = Graph().parse(data=response.content, format=wanted[media].parser)
        assert isomorphic(graph, reference), media
    assert client.get(path, params={"format": "png"}).status_code == 400


# --- the vocabulary ---------------------------------------------------------------------

ONTOLOGY_SOURCE = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
SHAPES_SOURCE = Graph()
for _path in sorted((ROOT / "ontology").glob("shapes*.ttl")):
    SHAPES_SOURCE.parse(_path, format="turtle")
TERMS = sorted({s for s in ONTOLOGY_SOURCE.subjects() if isinstance(s, URIRef) and s.startswith(str(KGO))})
SHAPE_IRIS = sorted(
    s for s in SHAPES_SOURCE.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef) and "/shapes#" in s
)


def local(term: URIRef) -> str:
    return term.split("#", 1)[1]


def named_triples(graph: Graph, subject: URIRef) -> set:
    return {(subject, p, o) for p, o in graph.predicate_objects(subject) if not isinstance(o, BNode)}


def test_every_kgo_term_dereferences_to_html_turtle_and_json_ld(client):
    assert len(TERMS) > 100
    for term in TERMS:
        path = f"/ontology/{local(term)}"
        page = client.get(path)
        assert page.status_code == 200, term
        assert page.headers["content-type"].startswith("text/html")
        for text in ONTOLOGY_SOURCE.objects(term, RDFS.label | RDFS.comment):
            assert html.escape(str(text)) in page.text, (term, text)
        turtle = client.get(path, headers={"Accept": "text/turtle"})
        assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
        graph = Graph().parse(data=turtle.text, format="turtle")
        assert named_triples(ONTOLOGY_SOURCE, term) <= set(graph), term
        as_jsonld = client.get(path, headers={"Accept": "application/ld+json"})
        assert isomorphic(Graph().parse(data=as_jsonld.text, format="json-ld"), graph), term
    assert client.get("/ontology/NoSuchTerm").status_code == 404


def test_the_ontology_document_holds_every_term_with_an_anchor(client, built):
    page = Page(client.get("/ontology").text)
    for term in TERMS:
        assert local(term) in page.ids, term
        assert f"/ontology/{local(term)}" in page.links
    served = Graph().parse(data=client.get("/ontology", headers={"Accept": "text/turtle"}).text, format="turtle")
    dataset = Dataset()
    dataset.parse(built[1] / "kg.nq", format="nquads")
    assert isomorphic(served, dataset.graph(ONTOLOGY_GRAPH))
    for fmt in (f for f in FORMATS.values() if not f.keeps_graphs):
        stable = client.get(f"/ontology{fmt.extension}")
        assert stable.headers["content-type"].split(";")[0] == fmt.media_type
        assert isomorphic(Graph().parse(data=stable.content, format=fmt.parser), served), fmt.name
        assert (fmt.media_type, f"/ontology{fmt.extension}") in page.alternates


def test_term_pages_link_domain_range_and_super_and_sub_terms_both_ways(client):
    relations = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf)
    pages = {term: Page(client.get(f"/ontology/{local(term)}").text).links for term in TERMS}
    checked = 0
    for term, relation, other in ONTOLOGY_SOURCE.triples((None, None, None)):
        if relation in relations and term in pages and other in pages:
            assert f"/ontology/{local(other)}" in pages[term], (term, relation, other)
            if relation in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
                assert f"/ontology/{local(term)}" in pages[other], (other, "sub-term or property", term)
            checked += 1
    assert checked > 100


def test_every_shape_dereferences_and_the_classes_it_targets_name_it(client):
    assert len(SHAPE_IRIS) > 20
    for shape in SHAPE_IRIS:
        path = f"/shapes/{local(shape)}"
        assert client.get(path).status_code == 200, shape
        served = Graph().parse(data=client.get(path, headers={"Accept": "text/turtle"}).text, format="turtle")
        assert isomorphic(served, SHAPES_SOURCE.cbd(shape)), shape
        for cls in SHAPES_SOURCE.objects(shape, SH.targetClass):
            if cls in TERMS:
                assert path in Page(client.get(f"/ontology/{local(cls)}").text).links, (cls, shape)
    whole = Graph().parse(data=client.get("/shapes.ttl").text, format="turtle")
    assert isomorphic(whole, SHAPES_SOURCE)
    index = Page(client.get("/shapes").text)
    assert {f"/shapes/{local(s)}" for s in SHAPE_IRIS} <= set(index.links)


@pytest.fixture
def custom(project_copy: Path) -> TestClient:
    """A build under a base of its own, where kgo: terms keep their IRIs."""
    out = project_copy / "build"
    build(Paths(project_copy / "data", project_copy / "ontology", out), "http://127.0.0.1:8123/")
    return TestClient(create_app(out))


def test_with_a_custom_base_the_vocabulary_is_served_under_it(custom):
    page = custom.get("/person/alik-shpekbayev")
    assert page.status_code == 200
    types = [link for link in Page(page.text).links if link.startswith("/ontology/")]
    assert "/ontology/PublicOfficial" in types
    for link in types:
        assert custom.get(link).status_code == 200, link
    for term in TERMS:
        turtle = custom.get(f"/ontology/{local(term)}", headers={"Accept": "text/turtle"})
        assert (term, RDF.type, None) in Graph().parse(data=turtle.text, format="turtle"), term
    assert "id='Person'" in custom.get("/ontology").text


# --- a new build, swapped in whole ----------------------------------------------------


@pytest.fixture
def rebuilt(project_copy: Path) -> tuple[Path, Callable[[str], None]]:
    """A project built once, and a way to build it again with Altai Kulginov's
    English label changed."""
    out = project_copy / "build"
    paths = Paths(project_copy / "data", project_copy / "ontology", out)
    build(paths, DEFAULT_BASE)

    def rebuild(new_label: str) -> None:
        replace_in(project_copy / "data" / "entities.yaml", 'en: "Altai Kulginov"', f'en: "{new_label}"')
        build(paths, DEFAULT_BASE)

    return out, rebuild


def test_without_reload_a_rebuild_never_mixes_old_pages_with_new_dumps(rebuilt):
    out, rebuild = rebuilt
    notes: list[str] = []
    app = create_app(out, note=notes.append)
    client = TestClient(app)
    old_nt = client.get("/dumps/kg.nt").content
    assert old_nt == (out / "kg.nt").read_bytes()
    rebuild("Altai Kulginov (renamed)")
    assert "(renamed)" not in client.get("/person/altai-kulginov").text
    for path in ("/dumps/kg.nt", "/dumps/kg.ttl", "/.well-known/void"):
        refused = client.get(path)
        assert refused.status_code == 503 and "build changed" in refused.text, path
        assert refused.headers["retry-after"]
    assert app.state.current.refresh() is True
    assert notes == [f"serving the new build of {out}/"]
    assert "(renamed)" in client.get("/person/altai-kulginov").text
    assert client.get("/dumps/kg.nt").content == (out / "kg.nt").read_bytes() != old_nt
    assert client.get("/.well-known/void").status_code == 200
    assert app.state.current.refresh() is False


def test_with_reload_the_new_build_is_served_once_loaded(rebuilt):
    out, rebuild = rebuilt
    app = create_app(out, reload=0.1)
    with TestClient(app) as client:
        assert "Altai Kulginov" in client.get("/person/altai-kulginov").text
        rebuild("Altai Kulginov (reloaded)")
        deadline = time.monotonic() + 60
        while "(reloaded)" not in client.get("/person/altai-kulginov").text:
            assert time.monotonic() < deadline, "the new build was not served within 60 s"
            time.sleep(0.2)
        assert client.get("/dumps/kg.nt").content == (out / "kg.nt").read_bytes()
        csv_rows = parse_csv(client.get("/queries/who-chaired.csv").text)
        assert csv_rows[1][csv_rows[0].index("chairName")] == "Altai Kulginov (reloaded)"


def test_a_dump_added_after_loading_is_neither_served_nor_described(rebuilt):
    out, _ = rebuilt
    client = TestClient(create_app(out))
    assert client.get("/.well-known/void").status_code == 200
    (out / "kg.trig").write_bytes(b"")
    assert client.get("/dumps/kg.trig").status_code == 404
    assert "kg.trig" not in client.get("/dumps/").text
    assert client.get("/.well-known/void").status_code == 503


def test_a_build_that_cannot_be_loaded_leaves_the_previous_one_served(rebuilt):
    out, _ = rebuilt
    notes: list[str] = []
    app = create_app(out, note=notes.append)
    client = TestClient(app)
    (out / "kg.nq").write_text("this is not N-Quads\n", encoding="utf-8")
    assert app.state.current.refresh() is False
    assert app.state.current.refresh() is False
    assert len(notes) == 1 and "cannot be loaded" in notes[0] and "still serving the previous one" in notes[0]
    assert "Altai Kulginov" in client.get("/person/altai-kulginov").text
    assert client.get("/dumps/kg.nq").status_code == 503


def test_a_load_during_which_files_changed_is_dropped(rebuilt, monkeypatch):
    out, rebuild = rebuilt
    app = create_app(out)
    current = app.state.current
    rebuild("Altai Kulginov (again)")
    real_load = state.load

    def load_then_touch(settings):
        loaded = real_load(settings)
        os.utime(out / "kg.nt", ns=(1, 1))  # a file renamed in while it loaded
        return loaded

    monkeypatch.setattr(state, "load", load_then_touch)
    before = current.served
    assert current.refresh() is False and current.served is before
    monkeypatch.setattr(state, "load", real_load)
    assert current.refresh() is True
    assert "(again)" in TestClient(app).get("/person/altai-kulginov").text


def test_kg_serve_reload_serves_a_rebuild_and_says_so(rebuilt):
    out, rebuild = rebuilt
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--build", str(out), "--port", str(port), "--reload"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_up(url, process)
        rebuild("Altai Kulginov (live)")
        deadline = time.monotonic() + 60
        while "(live)" not in httpx.get(url + "person/altai-kulginov", timeout=10).text:
            assert time.monotonic() < deadline, "kg serve --reload did not serve the new build within 60 s"
            time.sleep(0.3)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert f"kg: serving the new build of {out}/" in stderr


# --- the SPARQL editor page ----------------------------------------------------------------

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def textarea(page: str) -> str:
    """The editor's text as a browser reads it (HTML drops a first newline)."""
    found = re.search(r"<textarea[^>]*id='query'[^>]*>(.*?)</textarea>", page, re.S).group(1)
    return html.unescape(found.removeprefix("\n"))


def test_a_browser_gets_the_editor_and_every_other_client_the_protocol(client):
    page = client.get("/sparql", headers=BROWSER)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["vary"] == "Accept"
    shown = Page(page.text)
    assert [value for value, _ in shown.selects["example"]] == ["", *QUERIES]
    assert {"query", "example", "examples", "run"} <= shown.ids
    # Everything the page loads comes from this server.
    loaded = re.findall(r"<(?:script|link|img)[^>]*(?:src|href)='([^']*)'", page.text)
    assert "/static/sparql-editor.js" in loaded and all(src.startswith("/") for src in loaded), loaded
    for accept in (None, "*/*", "text/turtle", "application/ld+json", "text/html;q=0.1, text/turtle"):
        described = client.get("/sparql", headers={"Accept": accept} if accept else {})
        media = described.headers["content-type"].split(";")[0]
        assert len(Graph().parse(data=described.text, format=MEDIA_TYPES[media].parser)) > 5, accept
    # A query without the editor's view=table is the protocol's, whoever asks.
    asked = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=BROWSER)
    assert asked.json() == {"head": {}, "boolean": True}
    assert client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"}, headers=BROWSER).json()["boolean"] is True


def test_an_example_loads_into_the_editor_and_answers_as_its_question_page(client, built):
    for name in ("who-chaired", "cases-by-district"):
        loaded = client.get("/sparql", params={"example": name}, headers=BROWSER)
        text = textarea(loaded.text)
        assert text == QUERIES[name].text.replace("?lang", '"en"')
        ran = client.get("/sparql", params={"query": text, "view": "table"}, headers=BROWSER)
        assert ran.status_code == 200 and textarea(ran.text) == text
        assert Page(ran.text).rows == Page(client.get(f"/queries/{name}").text).rows
        expected = kg_query_csv(built[1], name)
        downloads = {text: href for href, text in Page(ran.text).anchors if "format=" in href}
        assert set(downloads) == {"CSV", "TSV", "JSON", "XML"}
        as_csv = client.get(html.unescape(downloads["CSV"]), headers=BROWSER)  # a link sends a browser's Accept
        assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
        assert as_csv.headers["content-disposition"] == 'attachment; filename="query.csv"'
        assert Counter(map(tuple, parse_csv(as_csv.text))) == Counter(map(tuple, expected))
        as_xml = client.get(html.unescape(downloads["XML"]), headers=BROWSER)
        as_json = client.get(html.unescape(downloads["JSON"]), headers=BROWSER)
        assert xml_rows(as_xml.content) == json_rows(as_json.content)
    # The examples' texts for the editor's list, in the page as JSON.
    page = client.get("/sparql", headers=BROWSER).text
    data = re.search(r"<script type='application/json' id='examples'>(.*?)</script>", page, re.S).group(1)
    assert json.loads(data) == {name: q.text.replace("?lang", '"en"') for name, q in QUERIES.items()}


def test_the_editor_shows_graphs_asks_and_errors_escaped(client):
    person = "<https://kg.example.org/ontology#Person>"
    construct = f"CONSTRUCT {{ ?p a {person} }} WHERE {{ ?p a {person} }}"
    page = client.get("/sparql", params={"query": construct, "view": "table"})
    rows = Page(page.text).rows
    assert len(rows) == 3 and all(row[1:] == ["rdf:type", "person"] for row in rows)
    turtle_href = html.unescape(Page(page.text).href_of("Turtle"))
    turtle = client.get(turtle_href)
    assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
    assert len(Graph().parse(data=turtle.text, format="turtle")) == len(rows)
    assert client.get("/sparql", params={"query": construct, "format": "csv"}).status_code == 400
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p 42 }", "view": "table"})
    assert "<p class='answer'>No</p>" in ask.text
    assert {text for href, text in Page(ask.text).anchors if "format=" in href} == {"JSON", "XML"}
    bad = client.get("/sparql", params={"query": "SELECT <script>alert(1)</script>", "view": "table"})
    assert bad.status_code == 400 and "role='alert'" in bad.text
    assert "<script>alert" not in bad.text and textarea(bad.text) == "SELECT <script>alert(1)</script>"
    hostile = client.get(
        "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "view": "table"}
    )
    assert hostile.status_code == 400
    unknown = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "png"})
    assert unknown.status_code == 400 and unknown.text.count("\n") == 1


def test_the_editor_script_and_its_licence_are_served_from_the_package(client):
    from importlib import resources

    static = resources.files("kg.server").joinpath("static")
    script = client.get("/static/sparql-editor.js")
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert script.content == static.joinpath("sparql-editor.js").read_bytes()
    # The bundle fetches nothing: its only URL is the SVG namespace.
    assert set(re.findall(rb"https?://[^\s\"'`)]+", script.content)) == {b"http://www.w3.org/2000/svg"}
    licence = client.get("/static/sparql-editor.LICENSE").text
    for package in ("@codemirror/view", "@codemirror/legacy-modes", "@lezer/highlight", "style-mod"):
        assert f"\n{package} " in licence
    note = client.get("/static/README.md").text
    assert hashlib.sha256(script.content).hexdigest() in note  # the note names the file it describes
    source = json.loads((ROOT / "kg/server/static/editor-src/package.json").read_text(encoding="utf-8"))
    for package, version in source["dependencies"].items():
        assert f"{package} {version}" in note.replace("\n", " ")
    for path in ("/static/app.py", "/static/..%2Fapp.py", "/static/editor-src", "/static/"):
        assert client.get(path).status_code == 404, path


# --- interface languages -----------------------------------------------------------------

# Links to data in a file format, which has no interface language.
DATA_LINK = re.compile(r"^/(\.well-known/void|dumps/[^?]+|(ontology|shapes)\.\w+|[^?]*\?format=\w+)$")


def test_the_interface_words_exist_in_every_language_with_the_same_blanks():
    blanks = re.compile(r"\{(\w+)\}")
    for key, said in WORDS.items():
        assert set(said) == set(LANGUAGES) == {"kk", "en", "ru"}, key
        assert all(text.strip() for text in said.values()), key
        assert len({frozenset(blanks.findall(text)) for text in said.values()}) == 1, key
        if key != "sparql":
            assert said["kk"] != said["en"] != said["ru"], key


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("kk-KZ,kk;q=0.9,en-US;q=0.8,en;q=0.7", "kk"),
        ("ru-RU,ru;q=0.9", "ru"),
        ("en;q=0.5, ru;q=0.8", "ru"),
        ("de-DE,de;q=0.9", "en"),
        ("kk;q=0, ru;q=0.1", "ru"),
        ("*", "en"),
        ("", "en"),
        ("ru;q=oops, kk", "kk"),
    ],
)
def test_accept_language_chooses_the_interface_and_the_labels(client, header, lang):
    assert accepted_language(header) == lang
    home = client.get("/", headers={"Accept-Language": header})
    assert f"<html lang='{lang}'>" in home.text
    assert f"<h1>{html.escape(WORDS['home-title'][lang])}</h1>" in home.text
    assert f">{html.escape(WORDS['questions'][lang])}</a>" in home.text
    person = client.get("/person/altai-kulginov", headers={"Accept-Language": header})
    name = {"kk": "Алтай Көлгінов", "en": "Altai Kulginov", "ru": "Алтай Кульгинов"}[lang]
    assert f"<h1>{name}</h1>" in person.text
    assert html.escape(WORDS["facts"][lang]) in person.text


def test_a_language_chosen_by_the_switch_beats_accept_language_and_stays_in_every_link(client):
    page = client.get("/search", params={"q": "ал", "lang": "ru"}, headers={"Accept-Language": "kk"})
    assert "<html lang='ru'>" in page.text and "Найти: ал" in page.text
    shown = Page(page.text)
    switch = {text: href for href, text in shown.anchors if text in LANGUAGE_NAMES.values()}
    assert switch == {
        "қазақша": "/search?q=%D0%B0%D0%BB&lang=kk",
        "English": "/search?q=%D0%B0%D0%BB&lang=en",
        "русский": "/search?q=%D0%B0%D0%BB&lang=ru",
    }
    for path in (
        "/",
        "/person/alik-shpekbayev",
        "/article/45cd44230e9f16be",
        "/queries/numbers",
        "/classes",
        "/classes/kgo:Person",
        "/ontology/Person",
        "/dumps/",
        "/sparql",
    ):
        page = client.get(path, params={"lang": "kk"}, headers={"Accept": "text/html", "Accept-Language": "ru"})
        assert "<html lang='kk'>" in page.text, path
        local = [link for link in Page(page.text).links if link.startswith("/") and not DATA_LINK.match(link)]
        switch = [link for link in local if re.search(r"[?&]lang=(en|ru)$", link)]
        assert len(switch) == 2, (path, switch)  # the switch to the other two languages
        for link in set(local) - set(switch):
            assert re.search(r"[?&]lang=kk(&|$)", link), (path, link)
    # Followed, a link keeps the language; the label list of a question starts at it.
    numbers = Page(client.get("/queries/numbers", params={"lang": "kk"}).text)
    assert [v for v, text in numbers.selects["lang"] if v == "kk"] == ["kk"]
    assert "<option value='kk' selected>" in client.get("/queries/who-chaired", headers={"Accept-Language": "kk"}).text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/person/alik-shpekbayev",
        "/article/45cd44230e9f16be",
        "/classes/kgo:Person",
        "/classes",
        "/dumps/",
        "/ontology",
        "/ontology/Person",
        "/shapes",
        "/queries",
        "/queries/numbers",
        "/sparql",
        "/search?q=ал",
    ],
)
def test_no_heading_or_button_stays_in_english_in_kazakh_or_russian(client, path):
    english = {html.escape(said["en"]) for said in WORDS.values() if "{" not in said["en"]} - {"SPARQL"}
    shown = re.compile(r"<(h1|h2|button|th|label)[^>]*>([^<]*)")
    en = {text.strip() for _, text in shown.findall(client.get(path, headers={"Accept": "text/html"}).text)}
    assert en & english, path  # the page has words of the frame to translate
    for lang in ("kk", "ru"):
        page = client.get(path, headers={"Accept": "text/html", "Accept-Language": lang}).text
        left = {text.strip() for _, text in shown.findall(page)} & english
        assert not left, (path, lang, left)


def test_an_unknown_language_falls_back_and_the_switch_escapes_the_page_address(client):
    page = client.get(
        "/search", params={"q": "<script>'x'</script>", "lang": "<b>de</b>"}, headers={"Accept-Language": "ru"}
    )
    assert page.status_code == 200 and "<html lang='ru'>" in page.text
    assert "<script>'x'" not in page.text and "<b>de" not in page.text
    switch = {href for href, text in Page(page.text).anchors if text in LANGUAGE_NAMES.values()}
    assert switch == {f"/search?q=%3Cscript%3E%27x%27%3C%2Fscript%3E&lang={lang}" for lang in LANGUAGES}


# --- pictures that never overlap, spans told apart by what they support -------------------

RECT = re.compile(r"<rect x='(-?\d+)' y='(-?\d+)' width='(\d+)' height='(\d+)'")


def _boxes(page: str) -> list[tuple[int, int, int, int]]:
    if "<svg" not in page:
        return []
    svg = page[page.index("<svg") : page.index("</svg>")]
    return [tuple(int(v) for v in m) for m in RECT.findall(svg)]  # type: ignore[misc]


def _apart(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay


def test_no_neighbourhood_picture_overlaps_and_the_rest_is_linked(client, built):
    for entity in sorted(load_built_entities(built[1])):
        page = client.get("/" + entity).text
        boxes = _boxes(page)
        assert all(_apart(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), entity
        assert all(x >= 0 and x + w <= 720 for x, _, w, _ in boxes), entity
        if "more</text>" in page:
            assert "href='#facts'" in page and "id='facts'" in page
        assert "<ul class='legend'>" in page or not boxes


def load_built_entities(build: Path) -> list[str]:
    """Every entity of the build with a page of its own: those with a label."""
    dataset = load_built(build, "asserted")
    labelled = set(dataset.subjects(RDFS.label, None))
    return [str(s)[len(DEFAULT_BASE) :] for s in labelled if str(s).startswith(DEFAULT_BASE)]


def test_a_crowded_neighbourhood_shows_a_few_of_a_property_and_counts_the_rest(client):
    page = client.get("/place/kazakhstan").text
    assert "more</text>" in page
    assert len(_boxes(page)) <= 2 * 14 + 1


def test_the_article_tells_spans_apart_by_what_they_support(client, article_text):
    page = client.get("/article/45cd44230e9f16be").text
    marks = re.findall(r"<a href='#span-\d+-\d+' title='([^']*)'><mark class='span (\w+)'", page)
    kinds = Counter(kind for _, kind in marks)
    assert set(kinds) == {"fact", "number", "mention"} and all(kinds.values())
    titles = {kind: [html.unescape(t) for t, k in marks if k == kind] for kind in kinds}
    assert any("rank 123" in t for t in titles["number"])
    assert all(t.startswith("names ") for t in titles["mention"])
    assert "<ul class='legend'>" in page

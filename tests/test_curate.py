"""kg serve --curate: the review pages of drafts, their actions, saving, and
their defences; and a draft reviewed end to end in headless Chromium, after
which plain `kg build` builds the project.

Every test works on a project folder of its own: the seed's data/ (from
tests/fixtures.py) plus the raw draft `kg ingest` writes for
tests/fixtures/second-article.txt.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from starlette.applications import Starlette
from starlette.testclient import TestClient

from browser import CHROMIUM, Browser
from fixtures import ROOT, copy_seed_data, free_port, invoke, wait_until_up
from kg.pipeline.sources import load_article, load_entities
from kg.server.app import create_app
from kg.server.curate import Curation
from kg.server.curate_draft import open_draft
from kg.server.curate_pages import anchor

FIXTURES = ROOT / "tests" / "fixtures"
NAME = "second-article.yaml"
PAGE = f"/curate/{NAME}"
OWN = {"origin": "http://testserver"}
HEADER = "# Draft by `kg ingest`: nothing here is reviewed."
DATASET = "dataset/west-kazakhstan-corruption-cases"


@pytest.fixture(scope="module")
def raw_draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """What `kg ingest` drafts for the second article in a seed-only project."""
    folder = tmp_path_factory.mktemp("ingest")
    shutil.copy(ROOT / "kg.toml", folder / "kg.toml")
    copy_seed_data(folder / "data")
    shutil.copy(FIXTURES / "second-article.txt", folder / "second-article.txt")
    result = invoke("ingest", "second-article.txt", "-o", "-", cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout.encode("utf-8")


def make_project(folder: Path, draft: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "kg.toml", folder / "kg.toml")
    copy_seed_data(folder / "data")
    shutil.copy(FIXTURES / "second-article.txt", folder / "data" / "articles" / "second-article.txt")
    (folder / "data" / "articles" / NAME).write_bytes(draft)
    return folder


@pytest.fixture
def project(tmp_path: Path, raw_draft: bytes) -> Path:
    return make_project(tmp_path / "project", raw_draft)


@pytest.fixture
def curation(project: Path) -> Curation:
    return Curation(project / "data", ROOT / "ontology", hosts=frozenset({"testserver"}))


@pytest.fixture
def client(curation: Curation) -> TestClient:
    return TestClient(Starlette(routes=curation.routes()))


def draft_path(project: Path) -> Path:
    return project / "data" / "articles" / NAME


def version(client: TestClient) -> str:
    return re.search(r'name="version" value="([0-9a-f]+)"', client.get(PAGE).text).group(1)


def post(client: TestClient, curation: Curation, item: str, action: str, headers=OWN, **fields):
    data = {"token": curation.token, "version": version(client), "item": item, "action": action, **fields}
    return client.post(PAGE, data=data, headers=headers, follow_redirects=False)


def error_of(response) -> str:
    found = re.search(r'role="alert">(.*?)</p>', response.text)
    return found.group(1) if found else response.text


# --- listing and the page ---------------------------------------------------------


def test_curation_is_off_by_default_and_mounted_when_asked(built, project):
    plain = TestClient(create_app(built[1]))
    assert plain.get("/curate").status_code == 404
    curation = Curation(project / "data", ROOT / "ontology", hosts=frozenset({"testserver"}))
    served = TestClient(create_app(built[1], curation=curation))
    assert served.get("/curate").status_code == 200
    assert served.get("/person/alik-shpekbayev").status_code == 200  # the rest of the site is still there


def test_the_list_names_each_draft_with_what_kg_build_would_refuse(client, project):
    page = client.get("/curate")
    assert page.status_code == 200
    notes = len(load_article(draft_path(project)).review_notes)
    assert notes > 5
    drafts = re.search(r'<ul id="drafts">(.*?)</ul>', page.text).group(1)
    assert drafts == f'<li><a href="/curate/{NAME}">{NAME}</a>: {notes} to review</li>'
    assert "1 reviewed article(s) need nothing more" in page.text  # the seed
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


def test_the_review_page_highlights_every_kind_and_lists_what_the_build_refuses(client, project):
    page = client.get(PAGE).text
    article = load_article(draft_path(project))
    for kind in ("mention", "candidate", "number", "date", "quote"):
        assert re.search(rf'<mark class="[^"]*\bk-{kind}\b[^"]*" title=', page), kind
    assert '<mark class="k-mention" title="known entity: mention:place/oral">Орал қаласында</mark>' in page
    assert '<mark class="k-candidate" title="candidate entity: candidate:post/oblys-akimi">облыс әкімі</mark>' in page
    text = re.sub(r"<[^>]+>", "", re.search(r'<div class="text" id="text">(.*?)</div>', page, re.S).group(1))
    assert text.replace("&#x27;", "'").replace("&quot;", '"') == article.text  # every character, once
    notes = re.findall(r"<li>(data/articles/[^<]*)</li>", page)
    assert len(notes) == len(article.review_notes)
    assert all(f"{NAME}:" in n for n in notes)
    assert page.count('class="open"') == page.count("data-key=")  # nothing reviewed yet
    for candidate in article.candidates:
        assert f'data-key="candidate:{candidate.id}"' in page


def test_search_finds_known_entities_through_kazakh_endings(client):
    page = client.get(PAGE, params={"q": "Шпекбаевтың"}).text
    found = re.search(r'<ul id="search-results">(.*?)</ul>', page).group(1)
    assert "<code>person/alik-shpekbayev</code>" in found


# --- each action ----------------------------------------------------------------------


def test_accepting_a_fact_removes_only_its_reviewed_false(client, curation, project):
    before = draft_path(project).read_text(encoding="utf-8")
    inode = draft_path(project).stat().st_ino
    response = post(client, curation, "fact:number-1-area", "accept")
    assert response.status_code == 303
    assert draft_path(project).stat().st_ino != inode  # a new file renamed into place, never rewritten in place
    assert not [p for p in draft_path(project).parent.iterdir() if p.name.startswith(".")]
    after = draft_path(project).read_text(encoding="utf-8")
    block = before[before.index("- id: number-1-area") :]
    assert after == before.replace(block, block.replace("  reviewed: false\n", "", 1))
    assert after.startswith(HEADER)  # comments kept
    facts = {f.id: f for f in load_article(draft_path(project)).facts}
    assert facts["number-1-area"].reviewed and not facts["number-1"].reviewed


def test_accepting_the_head_names_title_and_publisher(client, curation, project):
    page = client.get(PAGE).text
    assert '<option value="agent/kg-curators" selected>' in page  # the project's one curator
    response = post(
        client,
        curation,
        "head",
        "accept",
        title_en="A seminar in Oral",
        publisher="unknown",
        curator="agent/kg-curators",
    )
    assert response.status_code == 303
    article = load_article(draft_path(project))
    assert article.reviewed and article.labels["en"] == "A seminar in Oral" and article.publisher is None
    assert article.review.curator == "agent/kg-curators" and article.review.date == date.today().isoformat()
    assert f"  review: {{by: agent/kg-curators, date: '{date.today().isoformat()}'}}\n" in draft_path(
        project
    ).read_text(encoding="utf-8")
    notes = client.get(PAGE).text
    assert "article: not reviewed" not in notes and "no English title" not in notes


def test_rejecting_a_candidate_removes_what_uses_it(client, curation, project):
    observation = "observation/second-article/number-1"
    assert post(client, curation, f"candidate:{observation}", "reject").status_code == 303
    article = load_article(draft_path(project))
    assert observation not in {c.id for c in article.candidates}
    assert observation not in article.mentions
    assert not [f for f in article.facts if observation in (f.subject, f.object)]
    assert draft_path(project).read_text(encoding="utf-8").startswith(HEADER)


def test_relinking_a_candidate_moves_its_forms_to_the_known_entity(client, curation, project):
    response = post(client, curation, "candidate:post/oblys-akimi", "relink", entity="post/west-kazakhstan-akim")
    assert response.status_code == 303
    article = load_article(draft_path(project))
    assert "post/oblys-akimi" not in {c.id for c in article.candidates} | set(article.mentions)
    assert "облыс әкімі" in article.mentions["post/west-kazakhstan-akim"]


def test_relinking_to_a_name_offers_the_matching_entities_and_changes_nothing(client, curation, project):
    before = draft_path(project).read_bytes()
    response = post(client, curation, "candidate:post/oblys-akimi", "relink", entity="Шпекбаев")
    assert response.status_code == 422
    assert draft_path(project).read_bytes() == before
    offered = re.search(r'<ul id="search-results">(.*?)</ul>', response.text).group(1)
    assert 'name="entity" value="person/alik-shpekbayev"' in offered
    assert 'value="candidate:post/oblys-akimi"' in offered  # one click relinks this item


def test_a_mention_is_accepted_relinked_and_rejected(client, curation, project):
    assert post(client, curation, "mention:place/oral", "accept").status_code == 303
    offsets = yaml.safe_load(draft_path(project).read_text(encoding="utf-8"))["offsets"]
    assert [o["reviewed"] for o in offsets if o["entity"] == "place/oral"] == [True]
    assert post(client, curation, "mention:person/alik-shpekbayev", "reject").status_code == 303
    assert "person/alik-shpekbayev" not in load_article(draft_path(project)).mentions
    response = post(client, curation, "mention:place/oral", "relink", entity="place/west-kazakhstan-region")
    assert response.status_code == 303
    assert load_article(draft_path(project)).mentions["place/west-kazakhstan-region"][-1] == "Орал қаласында"


def test_dates_and_speech_are_marked_or_removed(client, curation, project):
    assert post(client, curation, "date:0", "accept").status_code == 303
    assert post(client, curation, "speech:1", "relink", entity="person/altai-kulginov").status_code == 303
    assert post(client, curation, "speech:0", "reject").status_code == 303
    document = yaml.safe_load(draft_path(project).read_text(encoding="utf-8"))
    assert document["dates"][0]["reviewed"] is True
    assert [a["speaker"] for a in document["attributions"]] == ["person/altai-kulginov"]


def test_the_measure_of_a_number_changes_to_one_of_the_ontology(client, curation, project):
    assert 'value="numberOfPersons"' in client.get(PAGE).text
    assert post(client, curation, "fact:number-1", "measure", measure="numberOfPersons").status_code == 303
    assert {f.id: f.predicate for f in load_article(draft_path(project)).facts}["number-1"] == "numberOfPersons"
    before = draft_path(project).read_bytes()
    response = post(client, curation, "fact:number-1", "measure", measure="holdsPost")
    assert response.status_code == 400 and "no measure of the ontology" in error_of(response)
    assert draft_path(project).read_bytes() == before


def test_accepting_a_candidate_makes_it_an_entity_with_its_labels(client, curation, project):
    observation = "observation/second-article/number-1"
    before = draft_path(project).read_bytes()
    response = post(client, curation, f"candidate:{observation}", "accept", label_en="")
    assert response.status_code == 400 and "English label" in error_of(response)
    assert draft_path(project).read_bytes() == before
    response = post(
        client,
        curation,
        f"candidate:{observation}",
        "accept",
        label_en="Cases opened in Terekti District",
        dataset="dataset/west-kazakhstan-corruption-cases",
    )
    assert response.status_code == 303
    entities = load_entities(project / "data" / "entities" / "curated.yaml")
    assert entities[observation].labels == {"en": "Cases opened in Terekti District", "kk": "Теректі ауданында 12 іс"}
    assert entities[observation].dataset == "dataset/west-kazakhstan-corruption-cases"
    assert observation not in {c.id for c in load_article(draft_path(project)).candidates}


# --- saving: atomic, checked, comments kept -------------------------------------------


def test_every_curated_article_is_written_back_byte_for_byte(tmp_path, project, raw_draft):
    """The round trip keeps comments, flow maps, quoting and list styles of
    every article in data/ (read from a copy): a save changes only what it edits."""
    shutil.copytree(ROOT / "data" / "articles", tmp_path / "articles")
    paths = sorted((tmp_path / "articles").glob("*.yaml"))
    assert len(paths) >= 9
    for path in paths:
        draft = open_draft(path)
        assert draft.dump() == path.read_bytes(), path.name
    assert open_draft(draft_path(project)).dump() == raw_draft  # kg ingest's style, its nulls too


def test_a_save_that_would_not_load_is_refused_and_changes_nothing(client, curation, project):
    before = draft_path(project).read_bytes()
    response = post(client, curation, "head", "accept", title_en="A seminar in Oral")  # no publisher
    assert response.status_code == 422
    message = error_of(response)
    assert message.startswith("not saved, the file would not load: ") and "names its publisher" in message
    assert f"{NAME}:" in message and ".tmp" not in message
    assert draft_path(project).read_bytes() == before
    assert sorted(p.name for p in draft_path(project).parent.iterdir() if p.name.startswith(".")) == []


def test_comments_anywhere_are_kept_through_a_save(client, curation, project, raw_draft):
    text = raw_draft.decode("utf-8").replace("facts:\n", "facts:  # the numbers\n# checked by hand\n", 1)
    draft_path(project).write_text(text, encoding="utf-8")
    assert post(client, curation, "fact:number-1", "accept").status_code == 303
    after = draft_path(project).read_text(encoding="utf-8")
    assert "facts:  # the numbers\n# checked by hand\n" in after and after.startswith(HEADER)


def test_a_page_older_than_the_file_cannot_save(client, curation, project):
    stale = version(client)
    assert post(client, curation, "date:0", "accept").status_code == 303
    before = draft_path(project).read_bytes()
    data = {"token": curation.token, "version": stale, "item": "date:1", "action": "reject"}
    response = client.post(PAGE, data=data, headers=OWN)
    assert response.status_code == 409 and "changed since this page was shown" in error_of(response)
    assert draft_path(project).read_bytes() == before


def test_broken_drafts_are_named_not_crashed_on(client, curation, project, raw_draft):
    broken = project / "data" / "articles" / "broken.yaml"
    broken.write_text("article: [unclosed\n", encoding="utf-8")
    listed = client.get("/curate").text
    assert "broken.yaml</a>: cannot be read: " in listed and "malformed YAML" in listed
    assert client.get("/curate/broken.yaml").status_code == 422
    odd = raw_draft.decode("utf-8").replace("\ndates:\n", "\ndates:\n- just text\n", 1)
    odd = odd.replace("  years:\n  - 2015\n", "  years:\n  - soon\n", 1)
    draft_path(project).write_text(odd, encoding="utf-8")
    shown = client.get(PAGE)
    assert shown.status_code == 200, error_of(shown)  # the odd date is not shown, the rest is
    candidate = yaml.safe_load(odd)["candidates"]
    odd_one = next(c["id"] for c in candidate if c.get("years", [0])[0] == "soon")
    before = draft_path(project).read_bytes()
    response = post(client, curation, f"candidate:{odd_one}", "accept", label_en="Something")
    assert response.status_code == 422 and "is malformed" in error_of(response)
    assert draft_path(project).read_bytes() == before


# --- defences ---------------------------------------------------------------------------


def test_a_change_without_this_servers_token_is_refused(client, curation, project):
    before = draft_path(project).read_bytes()
    for token in ("", "x" * 43, curation.token[:-1], "ж" * 43):
        data = {"token": token, "version": version(client), "item": "date:0", "action": "reject"}
        response = client.post(PAGE, data=data, headers=OWN)
        assert response.status_code == 403 and "token" in response.text
    assert Curation(project / "data", ROOT / "ontology").token != curation.token  # random per server
    huge = {"token": curation.token, "version": "0", "item": "head", "action": "accept", "x": "a" * 100_000}
    assert client.post(PAGE, data=huge, headers=OWN).status_code == 413
    assert draft_path(project).read_bytes() == before


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "http://testserver:8001"},
        {"origin": "null"},
        {"referer": "http://evil.example/curate/second-article.yaml"},
        {},
    ],
)
def test_a_change_from_another_origin_is_refused(client, curation, project, headers):
    before = draft_path(project).read_bytes()
    response = post(client, curation, "date:0", "reject", headers=headers)
    assert response.status_code == 403 and "own pages" in response.text
    assert draft_path(project).read_bytes() == before


def test_a_referer_from_the_server_itself_is_enough(client, curation, project):
    response = post(client, curation, "date:0", "accept", headers={"referer": f"http://testserver{PAGE}"})
    assert response.status_code == 303


def test_a_foreign_host_name_is_refused_even_for_reading(curation, project):
    rebound = TestClient(Starlette(routes=curation.routes()), base_url="http://attacker.example")
    assert rebound.get("/curate").status_code == 403
    assert curation.token not in rebound.get(PAGE).text
    local = Starlette(routes=Curation(project / "data", ROOT / "ontology").routes())  # loopback names only
    assert TestClient(local, base_url="http://127.0.0.1:8000").get("/curate").status_code == 200
    assert TestClient(local, base_url="http://localhost:8000").get("/curate").status_code == 200
    assert TestClient(local).get("/curate").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/curate/..%2Fentities.yaml",
        "/curate/%2E%2E%2F%2E%2E%2Fkg.toml",
        "/curate/000_45cd44230e9f16be.txt",
        "/curate/.hidden.yaml",
        "/curate/missing.yaml",
        "/curate/..",
    ],
)
def test_only_yaml_files_in_data_articles_are_reachable(client, curation, path):
    assert client.get(path).status_code == 404
    data = {"token": curation.token, "version": "0", "item": "head", "action": "accept"}
    assert client.post(path, data=data, headers=OWN).status_code in (404, 405)


def test_a_link_out_of_data_articles_is_not_followed(client, project, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(draft_path(project).read_bytes())
    (project / "data" / "articles" / "link.yaml").symlink_to(outside)
    assert client.get("/curate/link.yaml").status_code == 404


def test_a_draft_cannot_make_the_server_read_outside_the_data_folder(client, curation, project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-WORDS", encoding="utf-8")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    head = f"article:\n  id: article/x\n  text: ../../../secret.txt\n  sha256: {digest}\n  language: kk\n"
    (project / "data" / "articles" / "sneaky.yaml").write_text(
        head + "  label: {kk: x}\n  reviewed: false\nfacts: []\n", encoding="utf-8"
    )
    assert load_article(project / "data" / "articles" / "sneaky.yaml").text == "SECRET-WORDS"  # unguarded, it reads
    response = client.get("/curate/sneaky.yaml")
    assert response.status_code == 403 and "SECRET-WORDS" not in response.text
    assert "its text &#x27;../../../secret.txt&#x27; is not in data/articles/: refused" in response.text
    assert "SECRET-WORDS" not in client.get("/curate").text
    # Behind that check, every handler runs under kg.guard's audit hook, confined to the data folder.
    refused = curation._guarded(secret.read_text)
    assert refused.status_code == 403 and "outside the project" in refused.body.decode()
    assert curation._guarded(lambda: "read") == "read"


def test_kg_serve_curate_refuses_any_host_but_localhost():
    result = invoke("serve", "--curate", "--host", "0.0.0.0", "--port", "1", cwd=ROOT)
    assert result.returncode == 2
    assert "--curate serves only on 127.0.0.1, not 0.0.0.0" in result.stderr
    assert "Traceback" not in result.output


# --- a real browser ---------------------------------------------------------------------


@pytest.fixture
def served(built, tmp_path: Path, raw_draft: bytes):
    """`kg serve --curate` in a process of its own, on a project holding the raw draft."""
    project = make_project(tmp_path / "project", raw_draft)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "kg", "serve", "--curate", "--build", str(built[1]), "--port", str(port)]
    process = subprocess.Popen(command, cwd=project, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/curate", process)
        yield project, url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_a_raw_draft_reviewed_in_chromium_then_builds_without_allow_unreviewed(served, tmp_path):
    pytest.importorskip("websockets.sync.client", reason="the DevTools client needs websockets (the test extra)")
    project, url = served
    assert invoke("build", "--out", str(tmp_path / "refused"), cwd=project).returncode == 3  # the raw draft
    browser = Browser(tmp_path / "profile")
    done: Counter[str] = Counter()
    try:
        browser.goto(url + "/curate")
        browser.click(f'a[href="/curate/{NAME}"]')
        browser.type("#item-head-title", "A seminar against corruption was held in Oral")
        browser.type("#item-head-publisher", "unknown")
        browser.click("#item-head button[value=accept]")
        for _ in range(60):
            keys = browser.js("[...document.querySelectorAll('li.open')].map(li => li.dataset.key)")
            if not keys:
                break
            done[review_one(browser, project, keys[0])] += 1
        notes = browser.js("document.getElementById('notes').innerText")
        browser.goto(url + "/curate")
        listed = browser.js("document.body.innerText")
    finally:
        browser.close()
    assert notes == "Nothing: kg build builds this article."
    assert "No draft: every article builds." in listed
    assert {"accept", "reject", "relink", "measure"} <= set(done), done
    text = draft_path(project).read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "reviewed: false" not in text
    result = invoke("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "second-article" in (project / "build" / "kg.nq").read_text(encoding="utf-8")


def review_one(browser: Browser, project: Path, key: str) -> str:
    """Decide on one item as a curator would; returns the action taken."""
    kind, _, name = key.partition(":")
    item = f"#{anchor(key)}"
    if kind == "candidate":
        candidate = next(
            c for c in yaml.safe_load(draft_path(project).read_text("utf-8"))["candidates"] if c["id"] == name
        )
        if candidate["type"] == "Observation":
            browser.type(f"{item} input[name=label_en]", "Criminal cases opened in Terekti District this year")
            browser.js(f"document.querySelector('{item} select[name=dataset]').value = '{DATASET}'")
            browser.click(f"{item} button[value=accept]")
            return "accept"
        # Search the known entities by the candidate's words; take the first of its class, if any.
        browser.type(f"{item} input[name=entity]", candidate["label"]["kk"])
        browser.click(f"{item} button[value=relink]")
        classes = browser.js("[...document.querySelectorAll('#search-results li small')].map(s => s.innerText)")
        wanted = "(" + candidate["type"] + ")"
        if wanted in classes:
            browser.click(f"#search-results li:nth-child({classes.index(wanted) + 1}) button")
            return "relink"
        browser.click(f"{item} button[value=reject]")
        return "reject"
    if kind == "fact" and browser.js(f"!!document.querySelector('{item} select[name=measure]')"):
        browser.js(f"document.querySelector('{item} select[name=measure]').value = 'numberOfCasesOpened'")
        browser.click(f"{item} button[value=measure]")
        if browser.js(f"document.querySelector('{item}').className") == "open":
            browser.click(f"{item} button[value=accept]")
        return "measure"
    browser.press_enter(f"{item} button[value=accept]")  # the keyboard works too
    return "accept"


def test_kg_serve_without_a_build_says_so_in_one_line(tmp_path):
    result = invoke("serve", "--curate", "--build", str(tmp_path / "nothing"), "--port", "0", cwd=ROOT)
    assert result.returncode == 5
    assert result.stderr == f"kg: error: no built KG in {tmp_path / 'nothing'}/: run 'kg build' first\n"

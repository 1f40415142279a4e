"""The web front in a real browser: headless Chromium, driven over its
DevTools protocol (a WebSocket), clicks links and picks from lists as a
journalist would, downloads an answer, and is measured at desktop and phone
width for overflow, keyboard reach, focus styles and contrast."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest

from browser import CHROMIUM, Browser
from fixtures import serving_the_seed
from kg.server.words import WORDS

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

DESKTOP, PHONE = (1280, 900), (390, 844)
CTRL, SHIFT = 2, 8  # DevTools' key modifiers


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`kg serve` on a build of the seed whose base is the server's own address."""
    with serving_the_seed(tmp_path_factory.mktemp("served")) as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    folder = tmp_path_factory.mktemp("chromium")
    opened = Browser(folder / "profile", folder / "downloads")
    try:
        yield opened
    finally:
        opened.close()


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# --- five questions, by clicking ---------------------------------------------------


def column(header: list[str], rows: list[list[str]], name: str) -> list[str]:
    return [row[header.index(name)] for row in rows]


def test_a_journalist_answers_five_questions_by_clicking_and_downloads_csv(site, browser, article_text):
    def question(words: str) -> tuple[list[str], list[list[str]]]:
        browser.goto(site)
        browser.follow("Questions answered from the graph")
        browser.follow(words)
        return browser.table()

    # 1. Who chaired the meeting? In Kazakh, picked from the list of languages.
    question("Who chaired")
    browser.pick("lang", "kk")
    browser.click("form.choices button")
    assert browser.url().endswith("/queries/who-chaired?lang=kk")
    header, [row] = browser.table()
    chair, quote = row[header.index("chair")], row[header.index("quote")]
    assert chair == "Алтай Көлгінов" and chair in quote and quote in article_text
    browser.follow(chair)  # the chair's own page, in the language chosen
    assert browser.url() == site + "person/altai-kulginov?lang=kk"
    assert browser.js("document.querySelector('h1').innerText") == chair

    # 2. Which numbers did each speaker give? Every number has its speaker and
    # words; the claims of each speaker, picked from the list, hold them.
    header, rows = question("Which numbers")
    assert len(rows) == 9 and set(column(header, rows, "speaker")) == {"Alik Shpekbayev"}
    numbers = set()
    for row in rows:
        assert row[header.index("value")] in row[header.index("quote")].replace(" ", "")
        assert row[header.index("quote")] in article_text
        numbers.add((row[header.index("subject")], row[header.index("value")]))
    claimed = {}
    for speaker in ("Alik Shpekbayev", "Altai Kulginov"):
        question("Which claims did each speaker make")
        browser.pick("speaker", speaker)
        browser.click("form.choices button")
        said_header, said = browser.table()
        assert said and set(column(said_header, said, "speaker")) == {speaker}
        claimed[speaker] = {(r[said_header.index("subject")], r[said_header.index("object")]) for r in said}
    assert numbers <= claimed["Alik Shpekbayev"] and not numbers & claimed["Altai Kulginov"]

    # 3. Which laws, and when were they adopted? One law picked from the list.
    header, rows = question("When were the documents adopted")
    law = 'Law of the Republic of Kazakhstan "On Combating Corruption"'
    assert law in column(header, rows, "document")
    browser.pick("document", law)
    browser.click("form.choices button")
    header, [row] = browser.table()
    assert row[header.index("adoptedOn")] == "2015-11-18" and row[header.index("inForceFrom")] == "2016-01-01"
    # The documents with their periods, in time order; the law's own page.
    header, rows = question("Which documents, with their periods")
    periods = {r[header.index("title")]: (r[header.index("firstYear")], r[header.index("lastYear")]) for r in rows}
    assert periods["Anti-Corruption Strategy of the Republic of Kazakhstan for 2015–2025"] == ("2015", "2025")
    firsts = [int(first) for first, _ in periods.values() if first]
    assert len(firsts) == 3 and firsts == sorted(firsts)
    browser.click("table.results a[href='/law/on-combating-corruption-2015']")
    assert browser.js("document.querySelector('h1').innerText") == law

    # 4. How many cases were opened in each district? Then as CSV.
    header, rows = question("Corruption cases opened per city and district")
    cases = dict(zip(column(header, rows, "area"), column(header, rows, "cases"), strict=True))
    assert cases == {"Oral": "38", "Zelenov District": "35", "Terekti District": "22", "sum of the 3 areas named": "95"}
    downloaded = browser.download("p.downloads a[href*='.csv']")
    assert downloaded.name == "cases-by-district.csv"
    table = parse_csv(downloaded.read_text(encoding="utf-8"))
    assert table == [header, *rows]

    # 5. Where does Kazakhstan rank? The measure "rank" picked from the list.
    question("Which numbers")
    browser.pick("measure", "rank")
    browser.click("form.choices button")
    header, [row] = browser.table()
    assert row[header.index("subject")] == "Kazakhstan ranks 123rd of 168 countries"
    assert row[header.index("value")] == "123" and row[header.index("quote")] in article_text
    # ... and alongside which countries? The comparison picked from the list.
    question("Which countries is Kazakhstan compared with")
    browser.pick("comparison", "ranked alongside")
    browser.click("form.choices button")
    header, rows = browser.table()
    assert sorted(column(header, rows, "other")) == ["China", "Russia"]


# --- phones and accessibility ----------------------------------------------------------

SEED_ARTICLE = "article/45cd44230e9f16be"
SHOWN = {
    "home": "",
    "query": "queries/numbers",
    "entity": "person/alik-shpekbayev",
    "article": SEED_ARTICLE,
    "editor": "sparql?example=numbers",
}
# Further pages a phone must show without sideways scrolling.
MORE = ["queries", "classes", "classes/kgo:Person", "dumps/", "ontology", "ontology/Person", "shapes", "search?q=ал"]

# WCAG 2 relative luminance and contrast ratio, computed in the page for every
# element holding text, against the background it is drawn on (the first
# opaque one among its ancestors, white at the top).
CONTRAST = """(() => {
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return m.length === 3 ? [...m, 1] : m; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = e => { const layers = [];
    for (; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) layers.push(c); }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]); };
  const found = []; const seen = new Set();
  const check = (e, colour, behind, what) => { const key = colour + '|' + behind.join(',') + '|' + what;
    if (seen.has(key)) return; seen.add(key);
    const shown = 'rgb(' + behind.map(Math.round).join(',') + ')';
    found.push([what, colour, shown, ratio(over(rgba(colour), behind), behind)]); };
  for (const e of document.body.querySelectorAll('*')) {
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!text || e.closest('svg') || !e.getClientRects().length) continue;
    const what = e.tagName.toLowerCase() + (e.className ? '.' + e.className : '');
    check(e, getComputedStyle(e).color, background(e), what);
  }
  for (const t of document.querySelectorAll('svg text')) {
    const before = t.previousElementSibling;
    const rect = before && before.tagName === 'rect' ? before : null;
    const behind = rect ? rgba(getComputedStyle(rect).fill) : background(t.closest('svg'));
    check(t, getComputedStyle(t).fill, behind.slice(0, 3), 'svg text');
  }
  for (const i of document.querySelectorAll('input[placeholder]'))
    check(i, getComputedStyle(i, '::placeholder').color, background(i), 'placeholder');
  return found;
})()"""


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two CSS rgb() colours."""

    def luminance(colour: str) -> float:
        r, g, b = (int(v) / 255 for v in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
        r, g, b = (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (r, g, b))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


INTERACTIVE = (
    "[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary,"
    ' [tabindex]:not([tabindex="-1"]), [contenteditable=true]\')].filter(e => e.getClientRects().length)'
)


def test_pages_fit_desktop_and_phone_widths_without_sideways_scrolling(site, browser, tmp_path):
    for width, height in (DESKTOP, PHONE):
        browser.resize(width, height)
        for name, path in SHOWN.items():
            browser.goto(site + path)
            shot = tmp_path / f"{name}-{width}.png"
            browser.screenshot(shot)
            assert int.from_bytes(shot.read_bytes()[16:20], "big") == width  # the PNG's own width
            scroll = browser.js("[document.scrollingElement.scrollWidth, window.innerWidth]")
            assert scroll[0] <= scroll[1] == width, (path, scroll)
    # At phone width, every other page and every question too.
    browser.resize(*PHONE)
    browser.goto(site + "queries")
    questions = browser.js("[...document.querySelectorAll('main a[href^=\"/queries/\"]')].map(a => a.pathname)")
    assert len(questions) > 20
    # Kazakh and Russian words are longer: the shown pages in each too.
    translated = [f"{path}{'&' if '?' in path else '?'}lang={lang}" for path in SHOWN.values() for lang in ("kk", "ru")]
    for path in MORE + [q.lstrip("/") for q in questions] + translated:
        browser.goto(site + path)
        scroll = browser.js("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll[0] <= scroll[1], (path, scroll)
    browser.resize(*DESKTOP)


def test_every_interactive_element_is_reached_by_tab_with_a_visible_focus(site, browser):
    browser.resize(*DESKTOP)
    for path in SHOWN.values():
        browser.goto(site + path)
        count = browser.js(
            f"(() => {{ const all = {INTERACTIVE}; all.forEach((e, i) => e.dataset.kgTab = i); return all.length; }})()"
        )
        assert count > 3, path
        reached = set()
        for _ in range(count + 5):
            browser.key("Tab", "Tab", 9)
            if browser.js("!!document.activeElement.closest('.cm-editor')"):
                # The editor draws its focus around itself, once it has heard of the focus.
                browser.js("new Promise(done => setTimeout(done, 100))")
            focused = browser.js(
                "(() => { const e = document.activeElement; if (!e || e === document.body) return null;"
                " const s = getComputedStyle(e.closest('.cm-editor') || e);"
                " return [e.dataset.kgTab ?? null, e.matches(':focus-visible'),"
                " s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; })()"
            )
            if focused is None or focused[0] is None:
                continue
            index, visible, style, outline_width, colour = focused
            assert visible and style != "none" and outline_width >= 2, (path, focused)
            assert contrast(colour, "rgb(255, 255, 255)") >= 3, (path, focused)  # WCAG 1.4.11
            reached.add(int(index))
        assert reached == set(range(count)), (path, sorted(set(range(count)) - reached)[:10])


def test_text_colours_contrast_at_least_4_5_to_1_with_their_background(site, browser):
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 2) == 21.0
    assert round(contrast("rgb(102, 102, 102)", "rgb(255, 255, 255)"), 2) == 5.74
    browser.resize(*DESKTOP)
    checked = 0
    for path in [*SHOWN.values(), "queries", "dumps/", "ontology/Person"]:
        browser.goto(site + path)
        for what, colour, behind, ratio in browser.js(CONTRAST):
            checked += 1
            assert ratio >= 4.5, (path, what, colour, behind, round(ratio, 2))
    assert checked > 20


# --- the SPARQL editor -------------------------------------------------------------------


def test_the_sparql_editor_highlights_loads_an_example_runs_it_and_downloads(site, browser):
    browser.resize(*DESKTOP)
    browser.goto(site + "queries/numbers")
    expected = browser.table()
    browser.goto(site)
    browser.click("header nav a[href='/sparql']")
    assert browser.js("!!document.querySelector('.cm-editor') && document.getElementById('query').hidden")
    browser.pick("example", "Which numbers were reported, by whom, for which area and period?")
    text = browser.js("kgEditor.state.doc.toString()")
    assert text.startswith("# title: Which numbers") and '"en"' in text and "?lang" not in text
    # Highlighted: keywords, variables, IRIs, strings and comments each in a colour of their own.
    colours = browser.js(
        "(() => { const found = {}; for (const s of document.querySelectorAll('.cm-line span')) {"
        " const t = s.innerText; const c = getComputedStyle(s).color;"
        " if (t === 'SELECT') found.keyword = c; else if (t.startsWith('?')) found.variable = c;"
        " else if (t.startsWith('<http')) found.iri = c; else if (t === '\"en\"') found.string = c;"
        " else if (t.startsWith('#')) found.comment = c; } return found; })()"
    )
    assert set(colours) == {"keyword", "variable", "iri", "string", "comment"}, colours
    assert len(set(colours.values())) == 5, colours
    browser.click("#run button")
    assert browser.table() == expected
    downloaded = browser.download("p.downloads a[href*='format=csv']")
    assert downloaded.name == "query.csv"
    rows = parse_csv(downloaded.read_text(encoding="utf-8"))
    assert rows[0] == expected[0] and len(rows) == len(expected[1]) + 1
    # A query typed in the editor, run with Ctrl-Enter.
    browser.click(".cm-content", navigates=False)
    browser.key("a", "KeyA", 65, modifiers=CTRL)
    typed = "SELECT (COUNT(*) AS ?people) WHERE { ?p a <https://kg.example.org/ontology#Person> }"
    browser.send("Input.insertText", text=typed)
    browser.js("window.kgOld = true")
    browser.key("Enter", "Enter", 13, modifiers=CTRL)
    browser._loaded()
    header, [[people]] = browser.table()
    counted = httpx.get(site + "sparql", params={"query": typed}, headers={"Accept": "text/csv"}, timeout=30)
    assert header == ["people"] and people == counted.text.split()[1] == "3"


# --- interface languages -------------------------------------------------------------------


def test_the_language_switch_and_the_browsers_language_choose_the_interface(site, browser):
    browser.resize(*DESKTOP)
    agent = browser.js("navigator.userAgent")
    try:
        browser.send("Network.setUserAgentOverride", userAgent=agent, acceptLanguage="ru-RU,ru")
        browser.goto(site)
        assert browser.js("document.documentElement.lang") == "ru"
        assert browser.js("document.querySelector('h1').innerText") == WORDS["home-title"]["ru"]
        # The switch, clicked: Kazakh from then on, whatever the browser asks.
        browser.click("nav.langs a[hreflang=kk]")
        assert browser.url() == site + "?lang=kk"
        assert browser.js("document.querySelector('h1').innerText") == WORDS["home-title"]["kk"]
        browser.click("header nav a[href^='/queries']")
        assert browser.js("document.querySelector('h1').innerText") == WORDS["questions"]["kk"]
        browser.follow("Who chaired")
        assert browser.js("document.querySelector('select[name=lang]').value") == "kk"
        header, [row] = browser.table()
        assert row[header.index("chair")] == "Алтай Көлгінов"
        assert browser.js("document.querySelector('form.choices button').innerText") == WORDS["show"]["kk"]
    finally:
        browser.send("Network.setUserAgentOverride", userAgent=agent, acceptLanguage="en-US,en")

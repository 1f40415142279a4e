"""Reading the built KG: `kg query`, `kg queries`, `kg export`, `kg describe`,
`kg search` and `kg diagram`. None of them rebuilds."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import click
from rdflib import Dataset

from kg.artifacts import built_base, load_built
from kg.atomic import write_file
from kg.cli.common import (
    BUILD_OPTION,
    GRAPH_OPTION,
    LANG_OPTION,
    confine,
    in_project,
    interruptible,
    path_option,
    project,
    say,
    say_bytes,
)
from kg.diagram import dot_source, render_svg
from kg.errors import KGError
from kg.export import FORMATS_HELP, exported
from kg.formats import FORMATS
from kg.formats.results import GRAPH_RESULT_FORMATS, SOLUTION_FORMATS, render
from kg.namespaces import DEFAULT_BASE, GraphNames, bind_prefixes
from kg.query.describe import describe, resolve_entity
from kg.query.named import catalogue, resolve
from kg.query.run import run, run_remote, run_store
from kg.query.search import search
from kg.query.why import parse_term
from kg.query.why import render as render_why
from kg.remote import Remote
from kg.server.graph import StoreGraph, explainer, scoped
from kg.store import query_store

QUERIES_OPTION = path_option(
    "--queries",
    "queries_dir",
    help="A folder of named queries [default: the packaged ones, overridden by the project's queries/].",
)
WIDTH_OPTION = click.option(
    "--width",
    type=click.IntRange(0),
    help="Cut table lines to this many characters, 0 for none [default: the terminal's width; none when piped].",
)


def query_folders(queries_dir: Path | None) -> tuple[Path, ...]:
    return (queries_dir,) if queries_dir is not None else project().queries


def terminal_width(width: int | None) -> int | None:
    if width is not None:
        return width or None
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


@click.command("query")
@click.argument("query", required=False)
@click.option("-e", "--expression", help="Run this SPARQL text instead of a named query or file.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(SOLUTION_FORMATS + tuple(f for f in GRAPH_RESULT_FORMATS if f not in SOLUTION_FORMATS)),
    default="table",
    show_default=True,
    help=f"{', '.join(SOLUTION_FORMATS)} for SELECT/ASK; {', '.join(GRAPH_RESULT_FORMATS)} for CONSTRUCT/DESCRIBE.",
)
@BUILD_OPTION
@GRAPH_OPTION
@LANG_OPTION
@QUERIES_OPTION
@WIDTH_OPTION
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="oxigraph (loads and answers far faster) or rdflib (the reference; the same answers).",
)
@click.option("--endpoint", help="Run on this remote SPARQL endpoint instead of the built KG.")
@click.option("--user", help="User name for the endpoint (HTTP basic authentication).")
@click.option("--password", envvar="KG_PASSWORD", help="Password for the endpoint (env KG_PASSWORD).")
@confine
def query_command(
    query: str | None,
    expression: str | None,
    fmt: str,
    build_dir: Path | None,
    graphs: str,
    lang: str,
    queries_dir: Path | None,
    width: int | None,
    engine: str,
    endpoint: str | None,
    user: str | None,
    password: str | None,
) -> None:
    """Run a SPARQL query on the built KG (it does not rebuild).

    QUERY is a named query (see 'kg queries') or a .rq file; or give the
    text with -e. SERVICE, FROM, FROM NAMED and updates are refused.
    """
    if (query is None) == (expression is None):
        raise click.UsageError("give a QUERY name or file, or -e TEXT (one of them)")
    text = expression if expression is not None else resolve(query, query_folders(queries_dir)).text
    build = in_project(build_dir, "build")
    with interruptible():
        if endpoint:
            result = run_remote(Remote(endpoint, user, password), text, lang)
            base, dataset = DEFAULT_BASE, Dataset()
            bind_prefixes(dataset, base)
        elif engine == "rdflib":
            dataset = load_built(build, graphs)
            result = run(dataset, text, lang)
            base = built_base(build)
        else:
            base, dataset = built_base(build), Dataset()
            bind_prefixes(dataset, base)
            store, scope = query_store(build, graphs, note=lambda message: say(f"kg: note: {message}", err=True))
            result = run_store(store, text, lang, scope)
        check_format(result.type, fmt)
        say(render(result, fmt, base, dataset, terminal_width(width)).decode("utf-8"), nl=False)


def check_format(kind: str, fmt: str) -> None:
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    usable = GRAPH_RESULT_FORMATS if graph else SOLUTION_FORMATS
    if fmt not in usable and not (graph and fmt == "table"):
        meant = "SELECT/ASK" if graph else "CONSTRUCT/DESCRIBE"
        raise click.BadParameter(f"{fmt} is for {meant}; use {', '.join(usable)}", param_hint="--format")


@click.command("queries")
@QUERIES_OPTION
@WIDTH_OPTION
@confine
def queries_command(queries_dir: Path | None, width: int | None) -> None:
    """List the named queries with their titles and descriptions."""
    named = catalogue(query_folders(queries_dir))
    if not named:
        raise KGError("no named queries (*.rq) found")
    name_width = max(len(n) for n in named)
    text_width = max(40, (terminal_width(width) or 100) - name_width - 4)
    for name, query in named.items():
        say(f"{name:<{name_width}}  {query.title}")
        for line in textwrap.wrap(query.description, text_width):
            say(f"{'':<{name_width}}    {line}")


@click.command("export")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="ttl",
    show_default=True,
    help=FORMATS_HELP,
)
@path_option("-o", "--output", help="Write here (atomically) instead of standard output.")
@BUILD_OPTION
@GRAPH_OPTION
@confine
def export_command(fmt: str, output: Path | None, build_dir: Path | None, graphs: str) -> None:
    """Export the built KG, provenance included, for a triple store."""
    build = in_project(build_dir, "build")
    lines = exported(build, graphs, fmt)
    if output is None:
        say_bytes(lines)
    else:
        write_file(output, lambda out: out.writelines(lines))
        say(f"kg: wrote {output} ({FORMATS[fmt].media_type}, {output.stat().st_size} bytes)", err=True)


@click.command("describe")
@click.argument("entity")
@BUILD_OPTION
@GRAPH_OPTION
@LANG_OPTION
@confine
def describe_command(entity: str, build_dir: Path | None, graphs: str, lang: str) -> None:
    """Everything known about ENTITY (an IRI, 'kind/slug', a slug or a name in
    any language or case form), in and out, with the words of the article
    behind each fact."""
    dataset, base = store_view(build_dir, graphs)
    say(describe(dataset, resolve_entity(dataset, entity, base), lang, base), nl=False)


def store_view(build_dir: Path | None, graphs: str) -> tuple[StoreGraph, str]:
    """The build's query store read entity by entity, not the dumps parsed
    whole, and the build's base IRI."""
    build = in_project(build_dir, "build")
    base = built_base(build)
    store, scope = query_store(build, graphs, note=lambda message: say(f"kg: note: {message}", err=True))
    return scoped(store, scope, base), base


@click.command("why")
@click.argument("subject")
@click.argument("predicate", required=False)
@click.argument("obj", metavar="[OBJECT]", required=False)
@BUILD_OPTION
@LANG_OPTION
@click.option(
    "--check", is_flag=True, help="Only count the inferred triples that match and the unexplained; exit 1 if any is."
)
@confine
def why_command(
    subject: str, predicate: str | None, obj: str | None, build_dir: Path | None, lang: str, check: bool
) -> None:
    """Why the reasoner concluded a triple: the OWL 2 RL rule, the ontology's
    axioms and the premises, down to the article quotes and reference rows
    that state them. SUBJECT, PREDICATE and OBJECT are IRIs, prefixed names
    (kgo:chairs, a), entities as 'kg describe' takes them, or for OBJECT a
    number or an N-Triples literal; '*' matches any. Every inferred triple
    that matches is explained."""
    dataset, base = store_view(build_dir, "all")
    explaining = explainer(dataset, base)
    positions = zip(("subject", "predicate", "object"), (subject, predicate, obj), strict=True)
    pattern = tuple(None if spec in (None, "*") else parse_term(dataset, spec, base, at) for at, spec in positions)
    matching = explaining.inferred_triples(pattern)  # type: ignore[arg-type]
    if not matching:
        raise KGError("the reasoner inferred no triple that matches; 'kg describe' shows what is asserted")
    unexplained = 0
    for triple in matching:
        explanation = explaining.explain(triple)
        if explanation is None:
            unexplained += 1
            if not check:
                say(f"{' '.join(t.n3() for t in triple)}   [inferred, no explanation found]\n")
        elif not check:
            say(render_why(explanation, dataset, lang, base))
    if check:
        say(f"{len(matching)} inferred triple(s), {unexplained} unexplained")
    if unexplained:
        raise KGError(f"{unexplained} of {len(matching)} inferred triple(s) have no explanation")


@click.command("search")
@click.argument("text")
@BUILD_OPTION
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(1), help="Most entities listed.")
@confine
def search_command(text: str, build_dir: Path | None, limit: int) -> None:
    """Find entities by any label, other name, slug or form the articles wrote
    (Kazakh case endings included), best first, with the name that matched."""
    dataset, base = store_view(build_dir, "all")
    # Names as asserted: the reasoner's copies (a prefLabel as rdfs:label) add nothing.
    matches = search(dataset.all_but(GraphNames(base).inferred), text, base, limit)
    if not matches:
        raise KGError(f"no entity matches {text!r}")
    width = max(len(m.entity) - len(base) for m in matches)
    for match in matches:
        say(f"{match.entity[len(base) :]:<{width}}  {match.score:.2f}  {' '.join(match.name.split())}")


@click.command("diagram")
@click.argument("entity", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The picture to write: .svg (Graphviz) or .dot (the Graphviz source).",
)
@BUILD_OPTION
@GRAPH_OPTION
@LANG_OPTION
@confine
def diagram_command(entity: str | None, output: Path, build_dir: Path | None, graphs: str, lang: str) -> None:
    """Draw the KG, or the neighbourhood of ENTITY: entities as nodes coloured by
    class, facts as labelled edges. SVG needs Graphviz's 'dot' on PATH."""
    if output.suffix not in (".svg", ".dot"):
        raise click.BadParameter("write a .svg or a .dot file", param_hint="--output")
    dataset, base = store_view(build_dir, graphs)
    centre = resolve_entity(dataset, entity, base) if entity else None
    source = dot_source(dataset, base, lang, centre)
    write_file(output, source.encode("utf-8") if output.suffix == ".dot" else render_svg(source))
    say(f"kg: wrote {output}", err=True)


COMMANDS = (
    query_command,
    queries_command,
    export_command,
    describe_command,
    search_command,
    diagram_command,
    why_command,
)

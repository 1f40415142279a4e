"""The `kg` command line: a thin layer over the pipeline modules."""

from __future__ import annotations

import functools
import signal
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import click
from rdflib import Dataset

from kg import __version__
from kg.built import GRAPH_CHOICES, built_base, load_built, open_store
from kg.compile import quads_of, union_graph
from kg.describe import describe, resolve_entity
from kg.diagram import dot_source, render_svg
from kg.errors import KGError, ValidationError
from kg.formats import DATASET_FORMATS, GRAPH_FORMATS, MEDIA_TYPES, serialize_dataset, serialize_graph
from kg.guard import OutsideAccessError, confined
from kg.namespaces import DEFAULT_BASE, bind_prefixes
from kg.output import locked, write_file, write_outputs
from kg.queries import catalogue, resolve, run, run_remote, run_store
from kg.remote import Remote
from kg.results import GRAPH_RESULT_FORMATS, SOLUTION_FORMATS, render

BASE_HELP = "Base IRI under which entity IRIs are minted (env KG_BASE)."


def path_option(*names: str, help: str, default: str | None = None):
    """A click option holding a path, with its default shown in --help."""
    return click.option(
        *names,
        type=click.Path(path_type=Path),
        default=Path(default) if default else None,
        show_default=default is not None,
        help=help,
    )


class _Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that clean-up code runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


class _Group(click.Group):
    """Turns user errors into one line and an exit code; --debug shows tracebacks."""

    def invoke(self, ctx: click.Context):
        signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            return super().invoke(ctx)
        except ValidationError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            for detail in error.details:
                click.echo(f"  {detail}", err=True)
            _fail(error)
        except KGError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _fail(error)
        except OutsideAccessError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _fail(KGError(str(error)))
        except KeyboardInterrupt:
            click.echo("kg: interrupted (SIGINT); outputs left as they were", err=True)
            sys.exit(128 + signal.SIGINT)
        except _Terminated:
            click.echo("kg: terminated (SIGTERM); outputs left as they were", err=True)
            sys.exit(128 + signal.SIGTERM)


def _confined(command: Callable) -> Callable:
    """Run a command with no network but the stores its options name, and no
    files outside the working folder and the folders and files its options name."""

    @functools.wraps(command)
    def run(**options):
        paths = [v.absolute() for v in options.values() if isinstance(v, Path)]
        urls = tuple(options[k] for k in ("endpoint", "sparql") if options.get(k))
        with confined(Path.cwd(), *paths, *(p.parent for p in paths), urls=urls):
            return command(**options)

    return run


def _fail(error: KGError) -> None:
    click.echo(f"kg: error: {error}", err=True)
    sys.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Publish anti-corruption news from Kazakhstan as a knowledge graph.

    Exit codes: 0 success; 1 other user error; 2 bad command line or query;
    3 malformed sources; 4 SHACL violations; 5 output folder or build
    problems; 6 facts contradict the ontology; 7 a remote store failed;
    130/143 interrupted. See docs/inputs-outputs.md.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("build")
@path_option("--data", "data_dir", default="data", help="Folder of curated sources (entities, articles, reference).")
@path_option(
    "--ontology", "ontology_dir", default="ontology", help="Folder holding kg.ttl (ontology) and shapes.ttl (SHACL)."
)
@path_option(
    "-o", "--out", "out_dir", default="build", help="Output folder; replaced only by a fully successful build."
)
@click.option("--base", envvar="KG_BASE", default=DEFAULT_BASE, show_default=True, help=BASE_HELP)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--allow-unreviewed",
    is_flag=True,
    help="Build facts marked 'reviewed: false' (drafts of kg ingest), flagged kgo:reviewed false.",
)
@click.option(
    "--reasoner",
    type=click.Choice(["owlrl", "reasonable"]),
    default="owlrl",
    show_default=True,
    help="owlrl (the reference) or reasonable (Rust, about 7x faster, the same result; pip install reasonable).",
)
@click.option(
    "--validator",
    type=click.Choice(["pyshacl", "rudof"]),
    default="pyshacl",
    show_default=True,
    help="pyshacl (the reference) or rudof (Rust, about 10x faster, the same violations; pip install pyrudof).",
)
@_confined
def build_command(
    data_dir: Path,
    ontology_dir: Path,
    out_dir: Path,
    base: str,
    quiet: bool,
    allow_unreviewed: bool,
    reasoner: str,
    validator: str,
) -> None:
    """Compile the curated sources, validate them with SHACL, reason (OWL 2 RL)
    and write the KG.

    Writes kg.ttl (Turtle), kg.nt (N-Triples), kg.nq (N-Quads with named
    graphs), inferred.ttl and inferred.nq, shacl-report.ttl and summary.json
    to the output folder.
    """
    from kg.build import Paths, build  # pyshacl loads slowly; only building needs it

    progress = (lambda _: None) if quiet else (lambda m: click.echo(f"kg: {m}", err=True))
    _require_engine(reasoner, reasoner)
    _require_engine(validator, "pyrudof" if validator == "rudof" else validator)
    result = build(Paths(data_dir, ontology_dir, out_dir), base, progress, allow_unreviewed, reasoner, validator)
    if not quiet:
        _print_summary(result.summary, out_dir)
        _print_inferred(result.summary["inferred"])


def _check_can_listen(host: str, port: int) -> None:
    """Say in one line that the port is taken, before uvicorn says it in its own way."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise KGError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def _require_engine(engine: str, module: str) -> None:
    from importlib.util import find_spec

    if find_spec(module) is None:
        raise KGError(f"{engine!r} is not installed: pip install {module}")


def _print_counts(title: str, counts: dict[str, int]) -> None:
    click.echo(f"  {title}:")
    width = max((len(k) for k in counts), default=0)
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"    {key:<{width}}  {count:>4}")


def _print_inferred(inferred: dict) -> None:
    click.echo(
        f"inferred {inferred['triples']} triples by OWL 2 RL "
        f"({inferred['dropped_as_noise']} dropped as noise: schema, literal subjects, trivia)"
    )
    _print_counts("inferred by predicate", inferred["by_predicate"])
    _print_counts("inferred by class", inferred["by_class"])


def _print_summary(summary: dict, out_dir: Path) -> None:
    click.echo(f"built {out_dir}/: {summary['triples']} triples, conforms to the SHACL shapes")
    click.echo(
        f"  {summary['facts']} facts from articles, {summary['outside_facts']} outside facts, "
        f"{summary['statements']} statements, {summary['evidence_spans']} evidence spans, "
        f"{summary['mentions']} mentions"
    )
    _print_counts(f"{summary['entities']} entities by class", summary["entities_by_class"])


QUERIES_OPTION = path_option("--queries", "queries_dir", default="queries", help="Folder of named queries.")
BUILD_OPTION = path_option("--build", "build_dir", default="build", help="Folder written by 'kg build'.")
GRAPH_OPTION = click.option(
    "--graph",
    "graphs",
    type=click.Choice(GRAPH_CHOICES),
    default="all",
    show_default=True,
    help="Query the asserted graphs, the inferred graph, or both.",
)
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["kk", "en", "ru"]),
    default="en",
    show_default=True,
    help="Label language, put in place of ?lang in queries that use it.",
)


@main.command("query")
@click.argument("query", required=False)
@click.option("-e", "--expression", help="Run this SPARQL text instead of a named query or file.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(SOLUTION_FORMATS + GRAPH_RESULT_FORMATS),
    default="table",
    show_default=True,
    help="table, csv, tsv, json, xml for SELECT/ASK; ttl, nt, jsonld for CONSTRUCT/DESCRIBE.",
)
@BUILD_OPTION
@GRAPH_OPTION
@LANG_OPTION
@QUERIES_OPTION
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
@_confined
def query_command(
    query: str | None,
    expression: str | None,
    fmt: str,
    build_dir: Path,
    graphs: str,
    lang: str,
    queries_dir: Path,
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
    text = expression if expression is not None else resolve(query, queries_dir).text
    if endpoint:
        result = run_remote(Remote(endpoint, user, password), text, lang)
        base, dataset = DEFAULT_BASE, Dataset()
        bind_prefixes(dataset, base)
    elif engine == "rdflib":
        dataset = load_built(build_dir, graphs)
        result = run(dataset, text, lang)
        base = built_base(build_dir)
    else:
        base, dataset = built_base(build_dir), Dataset()
        bind_prefixes(dataset, base)
        result = run_store(open_store(build_dir, graphs), text, lang)
    if result.type in ("SELECT", "ASK") and fmt in GRAPH_RESULT_FORMATS:
        raise click.BadParameter(
            f"{fmt} is for CONSTRUCT/DESCRIBE; use {', '.join(SOLUTION_FORMATS)}", param_hint="--format"
        )
    if result.type in ("CONSTRUCT", "DESCRIBE") and fmt in SOLUTION_FORMATS[1:]:
        raise click.BadParameter(
            f"{fmt} is for SELECT/ASK; use {', '.join(GRAPH_RESULT_FORMATS)}", param_hint="--format"
        )
    click.echo(render(result, fmt, base, dataset).decode("utf-8"), nl=False)


@main.command("queries")
@QUERIES_OPTION
@_confined
def queries_command(queries_dir: Path) -> None:
    """List the named queries with their titles and descriptions."""
    named = catalogue(queries_dir)
    if not named:
        raise KGError(f"no named queries (*.rq) in {queries_dir}/")
    width = max(len(n) for n in named)
    for name, query in named.items():
        click.echo(f"{name:<{width}}  {query.title}")
        if query.description:
            for line in textwrap.wrap(query.description, 100 - width):
                click.echo(f"{'':<{width}}    {line}")


@main.command("export")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(GRAPH_FORMATS + DATASET_FORMATS),
    default="ttl",
    show_default=True,
    help="nq and trig keep the named graphs; the others hold their union.",
)
@path_option("-o", "--output", help="Write here (atomically) instead of standard output.")
@BUILD_OPTION
@GRAPH_OPTION
@_confined
def export_command(fmt: str, output: Path | None, build_dir: Path, graphs: str) -> None:
    """Export the built KG, provenance included, for a triple store."""
    dataset = load_built(build_dir, graphs)
    base = built_base(build_dir)
    if fmt in DATASET_FORMATS:
        data = serialize_dataset(dataset, fmt)
    else:
        data = serialize_graph(union_graph(dataset, base), fmt, base)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_file(output, data)
        click.echo(f"kg: wrote {output} ({MEDIA_TYPES[fmt]}, {len(data)} bytes)", err=True)


@main.command("describe")
@click.argument("entity")
@BUILD_OPTION
@GRAPH_OPTION
@LANG_OPTION
@_confined
def describe_command(entity: str, build_dir: Path, graphs: str, lang: str) -> None:
    """Everything known about ENTITY (an IRI, 'kind/slug' or a slug), in and out,
    with the words of the article behind each fact."""
    dataset = load_built(build_dir, graphs)
    base = built_base(build_dir)
    click.echo(describe(dataset, resolve_entity(dataset, entity, base), lang, base), nl=False)


@main.command("diagram")
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
@_confined
def diagram_command(entity: str | None, output: Path, build_dir: Path, graphs: str, lang: str) -> None:
    """Draw the KG, or the neighbourhood of ENTITY: entities as nodes coloured by
    class, facts as labelled edges. SVG needs Graphviz's 'dot' on PATH."""
    dataset = load_built(build_dir, graphs)
    base = built_base(build_dir)
    centre = resolve_entity(dataset, entity, base) if entity else None
    source = dot_source(dataset, base, lang, centre)
    if output.suffix not in (".svg", ".dot"):
        raise click.BadParameter("write a .svg or a .dot file", param_hint="--output")
    write_file(output, source.encode("utf-8") if output.suffix == ".dot" else render_svg(source))
    click.echo(f"kg: wrote {output}", err=True)


@main.command("reason")
@BUILD_OPTION
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@_confined
def reason_command(build_dir: Path, quiet: bool) -> None:
    """Run OWL 2 RL reasoning again on the built KG (with the ontology it was
    built with) and rewrite inferred.ttl and inferred.nq."""
    from kg.build import ONTOLOGY_GRAPH, infer, inference_summary, inferred_outputs

    base = built_base(build_dir)
    asserted = load_built(build_dir, "asserted")
    ontology = asserted.graph(ONTOLOGY_GRAPH)
    facts = Dataset()
    for s, p, o, g in asserted.quads((None, None, None, None)):
        if g != ONTOLOGY_GRAPH:
            facts.graph(g).add((s, p, o))
    inference, inferred = infer(quads_of(facts), ontology, base)
    with locked(build_dir):
        write_outputs(build_dir, inferred_outputs(inferred, base))
    if not quiet:
        _print_inferred(inference_summary(inference))


@main.command("serve")
@BUILD_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a SPARQL query may run before it is stopped.",
)
@click.option(
    "--max-rows",
    default=10000,
    show_default=True,
    type=click.IntRange(1),
    help="Most rows a SPARQL SELECT returns (header X-Result-Truncated when cut).",
)
def serve_command(build_dir: Path, host: str, port: int, timeout: float, max_rows: int) -> None:
    """Serve the built KG as linked data: /sparql (SPARQL 1.1 Protocol, read-only),
    every entity IRI (HTML, Turtle, N-Triples, JSON-LD), /search and
    /.well-known/void. IRIs resolve here when the build's --base is this
    server's address."""
    import uvicorn

    from kg.server.app import create_app

    _check_can_listen(host, port)
    app = create_app(build_dir, timeout=timeout, max_rows=max_rows)
    click.echo(f"kg: serving {build_dir}/ for base {built_base(build_dir)} at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command("publish")
@click.option(
    "--endpoint", required=True, help="The store's Graph Store Protocol URL (Oxigraph: http://host:7878/store)."
)
@click.option("--sparql", help="The store's query URL, to check counts [default: beside --endpoint, .../query].")
@click.option("--graph", "graphs", multiple=True, help="Publish only this named graph (repeatable).")
@click.option("--user", help="User name (HTTP basic authentication).")
@click.option("--password", envvar="KG_PASSWORD", help="Password (env KG_PASSWORD).")
@BUILD_OPTION
@_confined
def publish_command(
    endpoint: str, sparql: str | None, graphs: tuple[str, ...], user: str | None, password: str | None, build_dir: Path
) -> None:
    """Load the built KG into a triple store, each named graph replacing its
    namesake (asserted, provenance, reference, ontology, inferred), then
    check the store's counts with a SPARQL query."""
    from kg.publish import publish, sparql_url_for

    store = Remote(endpoint.rstrip("/"), user, password)
    query_endpoint = Remote(sparql or sparql_url_for(endpoint), user, password)
    sent = publish(build_dir, store, query_endpoint, graphs, lambda m: click.echo(f"kg: {m}", err=True))
    click.echo(
        f"published {sum(p.triples for p in sent)} triples in {len(sent)} named graphs to {endpoint}; "
        "the store's counts match"
    )


@main.command("ingest")
@click.argument("article", required=False, type=click.Path(path_type=Path))
@path_option("-o", "--output", help="Write the draft here (YAML).")
@path_option("--evaluate", "evaluate_file", help="Score the mention finder on a CoNLL/IOB2 file instead.")
@click.option(
    "--heldout",
    is_flag=True,
    help="With --evaluate: only every fifth sentence, the ones the shipped model was not trained on.",
)
@path_option("--train", "train_file", help="Train the CRF on a CoNLL/IOB2 file (all but the held-out fifth).")
@path_option("--model", help="The CRF model file [default: the shipped one].")
@click.option("--iterations", default=100, show_default=True, type=click.IntRange(1), help="Training iterations.")
@_confined
def ingest_command(
    article: Path | None,
    output: Path | None,
    evaluate_file: Path | None,
    heldout: bool,
    train_file: Path | None,
    model: Path | None,
    iterations: int,
) -> None:
    """Draft the facts of a new Kazakh article for a curator to review, or
    train and evaluate the mention finder.

    kg ingest ARTICLE.txt -o DRAFT.yaml | kg ingest --evaluate FILE.iob2 [--heldout]
    | kg ingest --train FILE.iob2 --model PATH
    """
    import time

    from kg.ner.conll import read_iob2
    from kg.ner.evaluate import evaluate, report
    from kg.ner.model import MODEL_FILE, Tagger, split, train

    chosen = sum(x is not None for x in (article, evaluate_file, train_file))
    if chosen != 1:
        raise click.UsageError("give one of ARTICLE, --evaluate FILE or --train FILE")
    model_file = model or MODEL_FILE
    if train_file is not None:
        training, held = split(read_iob2(train_file))
        click.echo(
            f"kg: training on {len(training)} sentences ({len(held)} held out), {iterations} iterations", err=True
        )
        train(training, model_file, iterations)
        click.echo(f"kg: wrote {model_file}", err=True)
        return
    tagger = Tagger(model_file)
    if evaluate_file is not None:
        sentences = read_iob2(evaluate_file)
        if heldout:
            sentences = split(sentences)[1]
        start = time.perf_counter()
        predicted = [tagger.tag([token for token, _ in sentence]) for sentence in sentences]
        seconds = time.perf_counter() - start
        click.echo(report(evaluate(sentences, predicted), len(sentences), seconds), nl=False)
        return
    from kg.ingest import draft

    text = draft(article, tagger)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text.encode("utf-8"))
        click.echo(f"kg: wrote {output}", err=True)


@main.group("bench", invoke_without_command=True)
@click.option(
    "--articles", default="1,10", show_default=True, help="Corpus sizes to measure, comma-separated (e.g. 1,100,1000)."
)
@click.option(
    "--facts",
    "facts_per_article",
    default=4,
    show_default=True,
    type=click.IntRange(0),
    help="Facts a synthetic article states (see kg bench generate); 0: all of the seed's.",
)
@click.option(
    "--plain-budget",
    default=600.0,
    show_default=True,
    type=click.FloatRange(1),
    help="Seconds the plain stack, and pyoxigraph apart, may take a corpus before each is stopped.",
)
@path_option("-o", "--output", help="Also write the results table (Markdown) here.")
@click.pass_context
def bench_group(
    ctx: click.Context, articles: str, facts_per_article: int, plain_budget: float, output: Path | None
) -> None:
    """Measure each stage on synthetic corpora of the seed article's structure:
    the whole kg build with the fast engines (rudof, reasonable), beside the
    plain stack (rdflib + pyshacl + owlrl) and pyoxigraph. The last lines are
    machine-readable."""
    if ctx.invoked_subcommand is not None:
        return
    from kg.bench import run_size, summary_line, table

    try:
        sizes = [int(n) for n in articles.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("give whole numbers of 1 or more, separated by commas", param_hint="--articles")

    def progress(message: str) -> None:
        click.echo(f"kg: measuring {message}", err=True)

    rows = []
    for size in sizes:
        rows.append(
            run_size(
                size, facts_per_article or None, Path("data"), Path("ontology"), Path("queries"), plain_budget, progress
            )
        )
    text = table(rows)
    click.echo(text, nl=False)
    for row in rows:
        click.echo(summary_line(row))
    if output is not None:
        write_file(output, (text + "\n".join(summary_line(r) for r in rows) + "\n").encode("utf-8"))


@bench_group.command("generate")
@click.option("--articles", default=100, show_default=True, type=click.IntRange(1), help="How many articles.")
@path_option("-o", "--output", default="corpus", help="Folder to write the corpus's data/ into.")
@click.option(
    "--facts",
    "facts_per_article",
    type=click.IntRange(1),
    help="Facts an article states (whole subjects, about this many), going round the seed's; "
    "default: all of them in every article.",
)
@path_option("--data", "data_dir", default="data", help="The curated sources to scale.")
@_confined
def bench_generate_command(articles: int, output: Path, data_dir: Path, facts_per_article: int | None) -> None:
    """Write a synthetic corpus: the seed article's real structure N times, with
    its own IRIs per article and the shared entities news articles share."""
    from kg.corpus import generate

    target = generate(data_dir, output, articles, facts_per_article)
    click.echo(f"kg: wrote {articles} articles to {target}/ (build it with: kg build --data {target})", err=True)

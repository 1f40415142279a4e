"""`kg bench`: measure each stage on synthetic corpora; `kg bench generate` writes one."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.atomic import write_file
from kg.cli.common import BUILD_OPTION, confine, in_project, path_option, project, say

COLD_QUERY = "who-chaired"  # the named query `kg query` runs cold
CLIENTS, ROUNDS = 8, 2  # clients sending the named queries at once, and how often each sends every one


def corpus_sizes(articles: str) -> list[int]:
    try:
        sizes = [int(n) for n in articles.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("give whole numbers of 1 or more, separated by commas", param_hint="--articles")
    return sizes


@click.group("bench", invoke_without_command=True)
@click.option(
    "--articles", default="1,10", show_default=True, help="Corpus sizes to measure, comma-separated (e.g. 1,100,1000)."
)
@click.option(
    "--facts",
    "facts_per_article",
    default=4,
    show_default=True,
    type=click.IntRange(0),
    help="Facts a synthetic article states, about (see kg bench generate); 0: all of the seed's.",
)
@click.option(
    "--plain-budget",
    default=600.0,
    show_default=True,
    type=click.FloatRange(1),
    help="Seconds the plain stack, and pyoxigraph apart, may take a corpus before each is stopped.",
)
@path_option("--data", "data_dir", project_default="data", help="The curated sources to scale.")
@path_option("-o", "--output", help="Also write the results table (Markdown) here.")
@click.pass_context
def bench_group(
    ctx: click.Context,
    articles: str,
    facts_per_article: int,
    plain_budget: float,
    data_dir: Path | None,
    output: Path | None,
) -> None:
    """Measure each stage on synthetic corpora of the seed article's structure:
    the whole kg build with the fast engines (rudof, reasonable), beside the
    plain stack (rdflib + pyshacl + owlrl) and pyoxigraph; then reading each
    build, as 'kg bench read' does. The last lines are machine-readable."""
    if ctx.invoked_subcommand is not None:
        return
    from kg.bench.measure import run_size, summary_line, table
    from kg.bench.read import NOTE, read_table

    sizes = corpus_sizes(articles)
    data = in_project(data_dir, "data")

    def progress(message: str) -> None:
        say(f"kg: measuring {message}", err=True)

    # The plain stack reads one folder of queries: the project's own if it has them.
    queries = project().queries[-1]
    read = (COLD_QUERY, CLIENTS, ROUNDS)
    rows = [
        run_size(size, facts_per_article or None, data, project().ontology, queries, plain_budget, progress, read)
        for size in sizes
    ]
    reading = [(f"{row['articles']} articles", row["read"]) for row in rows]
    text = table(rows) + "\n" + read_table(reading, COLD_QUERY, CLIENTS) + NOTE.format(cpus=os.cpu_count())
    say(text, nl=False)
    for row in rows:
        say(summary_line(row))
    if output is not None:
        write_file(output, (text + "\n".join(summary_line(r) for r in rows) + "\n").encode("utf-8"))


@bench_group.command("read")
@BUILD_OPTION
@click.option("--query", "name", default=COLD_QUERY, show_default=True, help="The named query run cold by 'kg query'.")
@click.option("--clients", default=CLIENTS, show_default=True, type=click.IntRange(1), help="Clients asking at once.")
@click.option(
    "--rounds", default=ROUNDS, show_default=True, type=click.IntRange(1), help="Times each client asks every query."
)
@path_option("-o", "--output", help="Also write the table (Markdown) here.")
def bench_read_command(build_dir: Path | None, name: str, clients: int, rounds: int, output: Path | None) -> None:
    """Measure reading a build: opening its query store, 'kg query' cold in a
    fresh process, 'kg serve' from start to its first answer, then every named
    query from concurrent clients (latency p50 and p99, throughput) and each
    server's peak memory; beside 'oxigraph serve-read-only' on the same dumps."""
    from kg.bench.read import NOTE, measure_build, read_table

    build = in_project(build_dir, "build")

    def progress(message: str) -> None:
        say(f"kg: measuring {message}", err=True)

    figures = measure_build(build, project().queries[-1], name, clients, rounds, progress)
    text = read_table([(str(build), figures)], name, clients) + NOTE.format(cpus=os.cpu_count())
    say(text, nl=False)
    if output is not None:
        write_file(output, text.encode("utf-8"))


@bench_group.command("generate")
@click.option("--articles", default=100, show_default=True, type=click.IntRange(1), help="How many articles.")
@path_option("-o", "--output", default="corpus", help="A new or empty folder to write the corpus's data/ into.")
@click.option(
    "--facts",
    "facts_per_article",
    type=click.IntRange(1),
    help="Facts an article states (whole subjects, about this many), going round the seed's; "
    "default: all of them in every article.",
)
@path_option("--data", "data_dir", project_default="data", help="The curated sources to scale.")
@confine
def bench_generate_command(articles: int, output: Path, data_dir: Path | None, facts_per_article: int | None) -> None:
    """Write a synthetic corpus: the seed article's real structure N times, with
    its own IRIs per article and the shared entities news articles share.
    Nothing that exists is replaced: the folder must be new or empty."""
    from kg.bench.corpus import generate

    target = generate(in_project(data_dir, "data"), output, articles, facts_per_article)
    say(f"kg: wrote {articles} articles to {target}/ (build it with: kg build --data {target})", err=True)


COMMANDS = (bench_group,)

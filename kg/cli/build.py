"""`kg build` and `kg reason`."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import BUILD_OPTION, QUIET_OPTION, confine, in_project, path_option, progress_printer, project, say
from kg.engines import DEFAULT_REASONER, DEFAULT_VALIDATOR, REASONERS, VALIDATORS, choices_help
from kg.namespaces import DEFAULT_BASE

REASONER_OPTION = click.option(
    "--reasoner",
    type=click.Choice(list(REASONERS)),
    default=DEFAULT_REASONER,
    show_default=True,
    help=choices_help(REASONERS),
)


@click.command("build")
@path_option(
    "--data", "data_dir", project_default="data", help="Folder of curated sources (entities, articles, reference)."
)
@path_option(
    "--ontology",
    "ontology_dir",
    help="Folder holding kg.ttl (ontology), shapes.ttl and shapes-inferred.ttl (SHACL) "
    "[default: the project's ontology/, else the packaged one].",
)
@path_option(
    "-o", "--out", "out_dir", project_default="build", help="Output folder; replaced only by a fully successful build."
)
@click.option(
    "--base",
    envvar="KG_BASE",
    help=f"Base IRI under which entity IRIs are minted (env KG_BASE) [default: {DEFAULT_BASE}].",
)
@QUIET_OPTION
@click.option(
    "--allow-unreviewed",
    is_flag=True,
    help="Build facts marked 'reviewed: false' (drafts of kg ingest), flagged kgo:reviewed false.",
)
@REASONER_OPTION
@click.option(
    "--validator",
    type=click.Choice(list(VALIDATORS)),
    default=DEFAULT_VALIDATOR,
    show_default=True,
    help=choices_help(VALIDATORS),
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Validate every node and load the query store anew, rather than what changed since the last build "
    "in the output folder (the output is the same).",
)
@confine
def build_command(
    data_dir: Path | None,
    ontology_dir: Path | None,
    out_dir: Path | None,
    base: str | None,
    quiet: bool,
    allow_unreviewed: bool,
    reasoner: str,
    validator: str,
    no_cache: bool,
) -> None:
    """Compile the curated sources, validate them with SHACL, reason (OWL 2 RL)
    and write the KG.

    Writes kg.ttl (Turtle), kg.nt (N-Triples), kg.nq (N-Quads with named
    graphs), inferred.ttl and inferred.nq, shacl-report.ttl and summary.json
    to the output folder, with the query store (store/) and what the next
    build reuses (.cache/).
    """
    from kg.pipeline.build import Paths, build  # pyshacl loads slowly; only building needs it

    out = in_project(out_dir, "build")
    paths = Paths(in_project(data_dir, "data"), ontology_dir or project().ontology, out)
    chosen_base = base or project().base or DEFAULT_BASE
    result = build(paths, chosen_base, progress_printer(quiet), allow_unreviewed, reasoner, validator, not no_cache)
    if not quiet:
        print_summary(result.summary, out)
        print_inferred(result.summary["inferred"])


@click.command("reason")
@BUILD_OPTION
@REASONER_OPTION
@QUIET_OPTION
@confine
def reason_command(build_dir: Path | None, reasoner: str, quiet: bool) -> None:
    """Run OWL 2 RL reasoning again on the built KG (with the ontology it was
    built with) and rewrite inferred.ttl and inferred.nq."""
    from kg.pipeline.build import reason_again

    summary = reason_again(in_project(build_dir, "build"), reasoner)
    if not quiet:
        print_inferred(summary)


def _print_counts(title: str, counts: dict[str, int]) -> None:
    say(f"  {title}:")
    width = max((len(k) for k in counts), default=0)
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        say(f"    {key:<{width}}  {count:>4}")


def print_inferred(inferred: dict) -> None:
    say(
        f"inferred {inferred['triples']} triples by OWL 2 RL "
        f"({inferred['dropped_as_noise']} dropped as noise: schema, literal subjects, trivia)"
    )
    _print_counts("inferred by predicate", inferred["by_predicate"])
    _print_counts("inferred by class", inferred["by_class"])


def print_summary(summary: dict, out_dir: Path) -> None:
    say(f"built {out_dir}/: {summary['triples']} triples, conforms to the SHACL shapes")
    say(
        f"  {summary['facts']} facts from articles, {summary['outside_facts']} outside facts, "
        f"{summary['statements']} statements, {summary['evidence_spans']} evidence spans, "
        f"{summary['mentions']} mentions"
    )
    _print_counts(f"{summary['entities']} entities by class", summary["entities_by_class"])


COMMANDS = (build_command, reason_command)

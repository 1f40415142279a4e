"""The `kg` command line: a thin layer over the pipeline modules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import __version__
from kg.build import DEFAULT_BASE, Paths, build
from kg.errors import KGError, ValidationError

BASE_HELP = "Base IRI under which entity IRIs are minted (env KG_BASE)."


class _Group(click.Group):
    """Turns user errors into one line and an exit code; --debug shows tracebacks."""

    def invoke(self, ctx: click.Context):
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
        except KeyboardInterrupt:
            click.echo("kg: interrupted; outputs left unchanged", err=True)
            sys.exit(130)


def _fail(error: KGError) -> None:
    click.echo(f"kg: error: {error}", err=True)
    sys.exit(error.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Publish anti-corruption news from Kazakhstan as a knowledge graph.

    Exit codes: 0 success, 1 usage or other user error, 2 bad command line,
    3 malformed sources, 4 SHACL violations, 5 unwritable or missing output.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("build")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Folder of curated sources (entities, articles, reference).",
)
@click.option(
    "--ontology",
    "ontology_dir",
    type=click.Path(path_type=Path),
    default=Path("ontology"),
    show_default=True,
    help="Folder holding kg.ttl (ontology) and shapes.ttl (SHACL).",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder; replaced only by a fully successful build.",
)
@click.option("--base", envvar="KG_BASE", default=DEFAULT_BASE, show_default=True, help=BASE_HELP)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build_command(data_dir: Path, ontology_dir: Path, out_dir: Path, base: str, quiet: bool) -> None:
    """Compile the curated sources, validate them with SHACL and write the KG.

    Writes kg.ttl (Turtle), kg.nt (N-Triples), kg.nq (N-Quads with named
    graphs), shacl-report.ttl and summary.json to the output folder.
    """
    progress = (lambda _: None) if quiet else (lambda m: click.echo(f"kg: {m}", err=True))
    result = build(Paths(data_dir, ontology_dir, out_dir), base, progress)
    if not quiet:
        _print_summary(result.summary, out_dir)


def _print_summary(summary: dict, out_dir: Path) -> None:
    click.echo(f"built {out_dir}/: {summary['triples']} triples, conforms to the SHACL shapes")
    click.echo(
        f"  {summary['facts']} facts from articles, {summary['outside_facts']} outside facts, "
        f"{summary['statements']} statements, {summary['evidence_spans']} evidence spans, "
        f"{summary['mentions']} mentions"
    )
    click.echo(f"  {summary['entities']} entities by class:")
    width = max(len(c) for c in summary["entities_by_class"])
    for cls, count in sorted(summary["entities_by_class"].items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"    {cls:<{width}}  {count:>4}")

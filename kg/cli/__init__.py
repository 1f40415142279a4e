"""The `kg` command line: a thin shell over the library, one module a concern."""

from __future__ import annotations

from pathlib import Path

import click

from kg import __version__
from kg.cli import bench, build, ingest, query, serve
from kg.cli.common import Group
from kg.errors import EXIT_CODES

EXIT_CODE_HELP = "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=f"""Publish anti-corruption news from Kazakhstan as a knowledge graph.

    Exit codes: {EXIT_CODE_HELP}. See docs/inputs-outputs.md and docs/cli.md.
    """,
)
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option(
    "--project",
    "project_dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="KG_PROJECT",
    help="The project folder (data/, build/, queries/) [default: the nearest folder up from here with a kg.toml; "
    "else this folder] (env KG_PROJECT).",
)
@click.pass_context
def main(ctx: click.Context, debug: bool, project_dir: Path | None) -> None:
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["project_dir"] = project_dir


for module in (build, query, serve, ingest, bench):
    for command in module.COMMANDS:
        main.add_command(command)

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


def _remember_project(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.find_root().ensure_object(dict)["project_dir"] = value


def _with_project_option(command: click.Command) -> click.Command:
    """``kg build --project DIR`` as well as ``kg --project DIR build``."""
    command.params.append(
        click.Option(
            ["--project", "project_dir"],
            type=click.Path(path_type=Path, file_okay=False),
            expose_value=False,
            is_eager=True,
            callback=_remember_project,
            help="The project folder, as kg --project.",
        )
    )
    for sub in getattr(command, "commands", {}).values():
        _with_project_option(sub)
    return command


for module in (build, query, serve, ingest, bench):
    for command in module.COMMANDS:
        main.add_command(_with_project_option(command))

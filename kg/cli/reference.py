"""The CLI reference (docs/cli.md), written from the commands' own --help.

``python -m kg.cli.reference docs/cli.md`` rewrites it; a test keeps it true.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.atomic import write_file

WIDTH = 100


def _context(command: click.Command, name: str, parent: click.Context | None) -> click.Context:
    names = None if parent else ["-h", "--help"]  # as main's context_settings; children inherit
    return click.Context(
        command, info_name=name, parent=parent, terminal_width=WIDTH, max_content_width=WIDTH, help_option_names=names
    )


def _sections(command: click.Command, name: str, parent: click.Context | None, depth: int) -> list[str]:
    ctx = _context(command, name, parent)
    sections = [f"{'#' * depth} `{ctx.command_path}`\n\n```text\n{command.get_help(ctx)}\n```\n"]
    if isinstance(command, click.Group):
        for sub in sorted(command.list_commands(ctx)):
            sections += _sections(command.get_command(ctx, sub), sub, ctx, depth + 1)
    return sections


def reference() -> str:
    from kg.cli import main

    intro = (
        "# Command-line reference\n\n"
        "Written from each command's `--help` by `python -m kg.cli.reference docs/cli.md`;"
        " a test fails when it is out of date.\n\n"
    )
    return intro + "\n".join(_sections(main, "kg", None, 2))


if __name__ == "__main__":
    write_file(Path(sys.argv[1]), reference().encode("utf-8"))

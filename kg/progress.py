"""Progress on long work: a line per step, and a bar over the items of a
step that takes a while (a corpus's articles), on a terminal only."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import click

Item = TypeVar("Item")
BAR_FROM = 50  # fewer items than this pass too quickly for a bar


class Progress:
    """Reports nothing: what library callers get unless they ask."""

    def __call__(self, message: str) -> None:
        self.step(message)

    def step(self, message: str) -> None:
        """One line for a stage that starts."""

    def items(self, iterable: Iterable[Item], length: int, label: str) -> Iterator[Item]:
        yield from iterable


class Printed(Progress):
    """Each step as a line on standard error; a bar over many items when it is a terminal."""

    def __init__(self, say: Callable[[str], None], bars: bool = True) -> None:
        self.say = say
        self.bars = bars

    def step(self, message: str) -> None:
        self.say(message)

    def items(self, iterable: Iterable[Item], length: int, label: str) -> Iterator[Item]:
        if not self.bars or length < BAR_FROM or not sys.stderr.isatty():
            yield from iterable
            return
        with click.progressbar(iterable, length=length, label=f"kg: {label}", file=sys.stderr) as bar:
            yield from bar


SILENT = Progress()


def as_progress(progress: Progress | Callable[[str], None]) -> Progress:
    """A Progress, from one or from a plain function of one message."""
    if isinstance(progress, Progress):
        return progress
    return Printed(progress, bars=False)  # a function of messages draws no bar

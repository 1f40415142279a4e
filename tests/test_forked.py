"""Work in a forked child: its result, its error, and a child that dies."""

from __future__ import annotations

import os

import pytest

from kg.errors import KGError, SourceError
from kg.forked import CAN_FORK, Forked

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="no os.fork here")


def test_the_childs_result_comes_back_and_the_parent_is_untouched():
    held = {"lines": [b"a\n", b"b\n"]}

    def work() -> tuple[int, int]:
        held["lines"].append(b"c\n")  # the child's copy: the parent's stays as it was
        return os.getpid(), len(held["lines"])

    pid, count = Forked(work).result()
    assert pid != os.getpid()
    assert count == 3
    assert held["lines"] == [b"a\n", b"b\n"]


def test_the_childs_error_is_raised_in_the_parent():
    def work() -> None:
        raise SourceError("the SHACL shapes cannot be applied (rudof): bad")

    with pytest.raises(SourceError, match="cannot be applied"):
        Forked(work).result()


def test_a_child_that_dies_without_an_answer_is_an_error_not_a_hang():
    with pytest.raises(KGError, match="ended without an answer"):
        Forked(lambda: os._exit(3)).result()


def test_an_error_that_cannot_be_pickled_is_told_by_its_text():
    class UnpicklableError(Exception):
        def __init__(self, first: str, second: str) -> None:
            super().__init__(f"{first} and {second}")

    def work() -> None:
        raise UnpicklableError("this", "that")

    with pytest.raises(KGError, match="UnpicklableError: this and that"):
        Forked(work).result()

"""Errors a user can cause, each with its own exit code.

The CLI prints them as one line and exits with the code; anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations


class KGError(Exception):
    """A problem with the user's input or environment, reported in one line."""

    exit_code = 1


class SourceError(KGError):
    """Curated sources (article, facts, entities, reference) are malformed."""

    exit_code = 3


class SpanError(SourceError):
    """A quote is missing from the article, ambiguous or at the wrong offset."""


class ValidationError(KGError):
    """The compiled graph does not conform to the SHACL shapes."""

    exit_code = 4

    def __init__(self, message: str, details: list[str]) -> None:
        super().__init__(message)
        self.details = details


class OutputError(KGError):
    """The output folder or a built result cannot be read or written."""

    exit_code = 5

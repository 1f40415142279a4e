"""Errors a user can cause, each with its own exit code: the one home of both.

The CLI prints them as one line and exits with the code; anything else is a
bug and keeps its traceback. Exit codes: 1 other user error, 2 bad command
line or query, 3 malformed sources, 4 SHACL violations, 5 output or build
folder, 6 the facts contradict the ontology, 7 a remote store failed; 130
and 143 for SIGINT and SIGTERM.
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


class ReviewError(SourceError):
    """Sources hold drafts a curator has not reviewed; ``details`` lists each item."""

    def __init__(self, message: str, details: list[str]) -> None:
        super().__init__(message)
        self.details = details


class ValidationError(KGError):
    """The compiled graph does not conform to the SHACL shapes."""

    exit_code = 4

    def __init__(self, message: str, details: list[str]) -> None:
        super().__init__(message)
        self.details = details


class OutputError(KGError):
    """The output folder or a built result cannot be read or written."""

    exit_code = 5


class QueryError(KGError):
    """A query that is malformed or not allowed."""

    exit_code = 2


class InconsistencyError(KGError):
    """The facts contradict the ontology."""

    exit_code = 6


class RemoteError(KGError):
    """A remote store refused a request or could not be reached."""

    exit_code = 7


class ProtocolError(KGError):
    """A request the SPARQL protocol or our read-only policy refuses, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class ServerBusyError(ProtocolError):
    """Every query evaluation the server allows at once is taken and the line
    of those waiting is full: 503, and when to try again."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(503, message)
        self.retry_after = retry_after


EXIT_CODES = {
    0: "success",
    1: "other user error",
    2: "bad command line or query",
    3: "malformed sources",
    4: "SHACL violations",
    5: "output folder or build problems",
    6: "facts contradict the ontology",
    7: "a remote store failed",
    130: "interrupted (SIGINT)",
    143: "terminated (SIGTERM)",
}

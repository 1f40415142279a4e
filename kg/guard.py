"""Keep untrusted documents and queries from reaching outside the project.

rdflib follows what documents ask for: a JSON-LD @context URL, a SERVICE or
FROM in a query, an XML external entity. rdflib's security notes recommend a
Python audit hook; while `confined(...)` is active, ours refuses any network
connection and any file opened outside the given folders (and Python's own
installation, which lazy imports read).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"})
_roots: ContextVar[tuple[str, ...] | None] = ContextVar("kg_guard_roots", default=None)
_installed = False


class OutsideAccessError(PermissionError):
    """Something tried to reach the network or a file outside the project."""


def _python_roots() -> tuple[str, ...]:
    """Python's installation, and the checkout kg runs from (its code and the
    ontology files beside it)."""
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, "/dev/", checkout}
    found.update(p for p in sys.path if p and os.path.isdir(p))
    return tuple(os.path.join(os.path.realpath(p), "") for p in found)


def _audit(event: str, args: tuple) -> None:
    roots = _roots.get()
    if roots is None:
        return
    if event in NETWORK_EVENTS:
        raise OutsideAccessError(f"network access refused ({event} {args[1:2] or args[:1]})")
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path = os.path.realpath(os.fsdecode(args[0]))
        if not any(os.path.join(path, "").startswith(root) or path + os.sep == root for root in roots):
            raise OutsideAccessError(f"opening {path} refused: outside the project")


@contextmanager
def confined(*folders: Path) -> Iterator[None]:
    """Refuse network access and files outside ``folders`` within this block."""
    global _installed
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
    roots = tuple(os.path.join(os.path.realpath(f), "") for f in folders) + _python_roots()
    token = _roots.set(roots)
    try:
        yield
    finally:
        _roots.reset(token)

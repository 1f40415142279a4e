"""Keep untrusted documents and queries from reaching outside the project.

rdflib follows what documents ask for: a JSON-LD @context URL, a SERVICE or
FROM in a query, an XML external entity. rdflib's security notes recommend a
Python audit hook; while `confined(...)` is active, ours refuses any network
connection and any file opened outside the given folders (and Python's own
installation, which lazy imports read).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import urlsplit

NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"})
_roots: ContextVar[tuple[str, ...] | None] = ContextVar("kg_guard_roots", default=None)
_hosts: ContextVar[frozenset[str]] = ContextVar("kg_guard_hosts", default=frozenset())
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
    if event in NETWORK_EVENTS and _destination(event, args) not in _hosts.get():
        raise OutsideAccessError(f"network access refused ({event} {_destination(event, args)})")
    if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path = os.path.realpath(os.fsdecode(args[0]))
        if not any(os.path.join(path, "").startswith(root) or path + os.sep == root for root in roots):
            raise OutsideAccessError(f"opening {path} refused: outside the project")


def _destination(event: str, args: tuple) -> str:
    if event == "urllib.Request":
        return urlsplit(str(args[0])).hostname or ""
    if event == "socket.connect":
        address = args[1]
        return str(address[0]) if isinstance(address, tuple) else str(address)
    return str(args[0])


def _addresses(url: str) -> set[str]:
    host = urlsplit(url).hostname or ""
    found = {host}
    with suppress(OSError):
        found.update(str(info[4][0]) for info in socket.getaddrinfo(host, None))
    return found


@contextmanager
def confined(*folders: Path, urls: tuple[str, ...] = ()) -> Iterator[None]:
    """Refuse network access and files outside ``folders`` within this block;
    the hosts of ``urls`` (a store the user names) may be reached."""
    global _installed
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
    roots = tuple(os.path.join(os.path.realpath(f), "") for f in folders) + _python_roots()
    hosts = frozenset(a for url in urls for a in _addresses(url))
    root_token, host_token = _roots.set(roots), _hosts.set(hosts)
    try:
        yield
    finally:
        _roots.reset(root_token)
        _hosts.reset(host_token)

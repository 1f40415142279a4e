"""Python work run in a forked child process beside the build, its result read back.

A thread shares Python's lock with the build: the Python half of validating
what changed (finding what the changes reach, a second of work at 1,000
articles) would take turns with the build's own instead of running beside it
on another core. A forked child has the build's data without a copy (pages
are shared until written) and a lock of its own.

Only for work in Python: a child has none of its parent's other threads, so
an engine whose pool of threads was started in the parent (rudof's) would
wait for them for ever there.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

from kg.errors import KGError

T = TypeVar("T")
CAN_FORK = hasattr(os, "fork") and hasattr(os, "waitpid")


class Forked(Generic[T]):
    """``work()`` run in a child process at once; ``result()`` waits for it
    and gives what it returned, or raises what it raised."""

    def __init__(self, work: Callable[[], T]) -> None:
        readable, writable = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:
            _run_child(work, readable, writable)
        os.close(writable)
        self._readable = readable
        self._outcome: tuple[bool, object] | None = None

    def result(self) -> T:
        if self._outcome is None:
            with os.fdopen(self._readable, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self._pid, 0)
            if not data:
                raise KGError(f"the validating process ended without an answer (wait status {status})")
            self._outcome = pickle.loads(data)
        succeeded, value = self._outcome
        if not succeeded:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]


def _run_child(work: Callable[[], object], readable: int, writable: int) -> None:
    """In the child: run ``work``, send its outcome, and leave without running
    anything of the parent's (atexit hooks, the staging folder's cleanup)."""
    try:
        os.close(readable)
        try:
            payload = pickle.dumps((True, work()))
        except Exception as error:  # sent to the parent, which raises it
            payload = _pickled_error(error)
        with os.fdopen(writable, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(0)


def _pickled_error(error: Exception) -> bytes:
    """The error, or one that tells it if it does not survive pickling."""
    try:
        payload = pickle.dumps((False, error))
        pickle.loads(payload)
        return payload
    except Exception:
        return pickle.dumps((False, KGError(f"{type(error).__name__}: {error}")))

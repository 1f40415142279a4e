"""Worker processes that evaluate SPARQL queries: a fixed number at once, a
bounded line of queries waiting for one, and a time limit that really stops
a query.

A running Oxigraph query cannot be interrupted from another thread, so each
query runs in a worker process, which is killed (and replaced) when the time
limit passes. Workers are forked from the server when first needed and then
kept: forking one for every query costs 13 ms or more a query, handing a
query to a waiting worker a fraction of a millisecond (both measured with
kg.bench.read's figures in benchmarks/results.md). A worker that dies or is
killed is replaced by a new one.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import queue
import signal
import stat
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from kg.errors import ProtocolError, ServerBusyError

Serve = Callable[[Connection], None]  # a worker's loop: read jobs from the connection, send answers


@dataclass(eq=False)  # each worker is itself, whatever it holds
class _Worker:
    process: BaseProcess
    connection: Connection


def _main(connection: Connection, serve: Serve) -> None:
    # Ctrl-C at the terminal reaches the whole process group: the server stops
    # its workers itself, and a worker whose server is gone sees its pipe close.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _close_sockets(keep=connection.fileno())
    try:
        serve(connection)
    finally:
        os._exit(0)


def _close_sockets(keep: int) -> None:
    """Close the sockets forked with the server (its listening socket, its
    clients' connections): a worker outlives the request it was forked in,
    and a connection it held open would never end for the client."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            if fd != keep and stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:  # the listing's own descriptor, closed by now
            continue


def _stop(workers: set[_Worker]) -> None:
    for worker in list(workers):
        _end(worker)
    workers.clear()


def _end(worker: _Worker) -> None:
    worker.connection.close()
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)


WORKERS_PER_CPU = 4


def default_workers() -> int:
    """Four workers for each CPU this process may run on. With as many workers
    as CPUs, light queries wait behind heavy ones: kg bench read on 2 CPUs,
    1,000 articles, 8 clients, the queries both servers always answered took
    1,707 ms at the median with 2 workers, 105 ms with 8, against 521 ms
    for oxigraph serve in the same runs; 26 requests failed with 2 workers
    (11 of them waiting), 16 with 8, all of them the one runaway query."""
    return WORKERS_PER_CPU * len(os.sched_getaffinity(0))


class Workers:
    """At most ``count`` queries evaluated at once, each by a worker running
    ``serve``; up to ``waiting`` more wait their turn, each for at most the
    time limit; beyond that the server is busy (503 with Retry-After)."""

    def __init__(self, count: int, waiting: int, timeout: float, serve: Serve) -> None:
        self.count, self.waiting, self.timeout = count, waiting, timeout
        self._serve = serve
        self._context = multiprocessing.get_context("fork")
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()  # the last used is the warmest
        self._lock = threading.Lock()
        self._started = 0
        self._in_line = 0
        self._closed = False
        self._all: set[_Worker] = set()
        # Workers of a build no longer served end with it (the server swaps builds on --reload).
        weakref.finalize(self, _stop, self._all)

    def run(self, job: object) -> tuple:
        """The worker's answer to ``job``; 503 past the time limit, 500 if the worker died."""
        worker = self._take()
        try:
            worker.connection.send(job)
            if not worker.connection.poll(self.timeout):
                raise ProtocolError(503, f"query stopped: it ran longer than the {self.timeout:g} s time limit")
            answer = worker.connection.recv()
        except (EOFError, OSError):
            # The worker died before it answered (killed, out of memory).
            self._give_back(self._replace(worker))
            raise ProtocolError(500, "query evaluation ended without an answer") from None
        except ProtocolError:
            self._give_back(self._replace(worker))
            raise
        self._give_back(worker)
        return answer

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise ServerBusyError("the build changed while the query waited: ask again", 1)
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                pass
            if self._started < self.count:
                worker = self._start()
                self._started += 1
                return worker
            if self._in_line >= self.waiting:
                raise self._busy(f"and {self.waiting} more wait")
            self._in_line += 1
        try:
            # The wait is not evaluation, so the time limit starts after it;
            # bounding it too keeps a client's whole wait within twice the limit.
            return self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise self._busy(f"and none came free within the {self.timeout:g} s a query may wait") from None
        finally:
            with self._lock:
                self._in_line -= 1

    def _busy(self, why: str) -> ServerBusyError:
        return ServerBusyError(
            f"the server is evaluating as many queries as it may ({self.count}) {why}: ask again shortly",
            math.ceil(self.timeout),  # by then every query running now has ended
        )

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_main, args=(theirs, self._serve), daemon=True)
        try:
            process.start()
        except OSError as error:  # no memory or processes left to fork
            raise ProtocolError(503, f"cannot evaluate the query now: {error.strerror}") from None
        finally:
            theirs.close()
        worker = _Worker(process, ours)
        self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker | None:
        """A new worker in place of one killed at the time limit or dead; None
        if none can be started now (the next query that needs one tries again)."""
        self._all.discard(worker)
        _end(worker)
        try:
            return self._start()
        except ProtocolError:
            with self._lock:
                self._started -= 1
            return None

    def _give_back(self, worker: _Worker | None) -> None:
        if worker is not None and not worker.process.is_alive():
            worker = self._replace(worker)
        if worker is None:
            return
        with self._lock:
            if not self._closed:
                self._idle.put(worker)
                return
        self._all.discard(worker)
        _end(worker)

    def close(self) -> None:
        """End the workers: those waiting now, the others as they finish."""
        with self._lock:
            self._closed = True
            while True:
                try:
                    worker = self._idle.get_nowait()
                except queue.Empty:
                    break
                self._all.discard(worker)
                _end(worker)

"""kg.server.workers: a query that finds every worker busy waits at most the
time limit for one, and the 503 says which bound refused it; the server
starts four workers per CPU it may use unless told otherwise."""

from __future__ import annotations

import os
import time
from multiprocessing.connection import Connection

import pytest

from kg.errors import ServerBusyError
from kg.server.app import create_app
from kg.server.workers import Workers


def _echo(connection: Connection) -> None:
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(("ok", job, None))


def test_a_query_that_waited_the_time_limit_for_a_worker_is_refused_saying_so():
    workers = Workers(1, 4, 0.5, _echo)
    try:
        assert workers.run("first") == ("ok", "first", None)
        held = workers._take()  # the only worker, as a running query holds it
        start = time.monotonic()
        with pytest.raises(ServerBusyError) as refused:
            workers.run("second")
        assert time.monotonic() - start >= 0.5
        assert "(1) and none came free within the 0.5 s a query may wait" in str(refused.value)
        assert refused.value.retry_after == 1
        workers._give_back(held)
        assert workers.run("third") == ("ok", "third", None)
    finally:
        workers.close()


def test_a_query_finding_the_line_full_is_refused_at_once_saying_so():
    workers = Workers(1, 0, 5.0, _echo)
    try:
        held = workers._take()
        start = time.monotonic()
        with pytest.raises(ServerBusyError) as refused:
            workers.run("second")
        assert time.monotonic() - start < 1.0
        assert "(1) and 0 more wait" in str(refused.value)
        workers._give_back(held)
    finally:
        workers.close()


def test_the_server_evaluates_four_queries_per_usable_cpu_unless_told(good_output, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert create_app(good_output).state.current.served.endpoint.workers.count == 12
    assert create_app(good_output, max_queries=5).state.current.served.endpoint.workers.count == 5

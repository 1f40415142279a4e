"""A SPARQL 1.1 Protocol client for stores the KG is published to."""

from __future__ import annotations

import base64
import io
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode, urlsplit
from urllib.request import parse_http_list

from rdflib import Graph
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result

from kg.errors import RemoteError


@dataclass(frozen=True)
class Remote:
    """A store's endpoint and how to sign in to it: ``basic`` sends the user
    and password with every request; ``digest`` answers the store's challenge
    (Virtuoso's authenticated endpoints refuse basic credentials outright)."""

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = 120.0
    auth: Literal["basic", "digest"] = "basic"

    def request(self, url: str, method: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, bytes, dict]:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise RemoteError(f"{url!r} is not an http(s) URL of a store")
        all_headers = dict(headers)
        if self.user is not None and self.auth == "basic":
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            all_headers["Authorization"] = f"Basic {token}"
        elif self.user is not None:
            all_headers.update(self._digest(url, method))
        return self._send(url, method, body, all_headers)

    def _send(self, url: str, method: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, bytes, dict]:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise RemoteError(f"cannot reach {url}: {reason}") from None

    def _digest(self, url: str, method: str) -> dict[str, str]:
        """The Authorization header answering the store's digest challenge,
        asked for with a bodiless HEAD: a store that refuses a request closes
        the connection (Virtuoso does), which would cut a large body off."""
        status, _, headers = self._send(url, "HEAD", None, {})
        challenge = next((v for k, v in headers.items() if k.lower() == "www-authenticate"), "")
        scheme, _, fields = challenge.partition(" ")
        if status != 401 or scheme.lower() != "digest":
            return {}
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, self.user, self.password or "")
        answer = urllib.request.HTTPDigestAuthHandler(passwords).get_authorization(
            urllib.request.Request(url, method=method), urllib.request.parse_keqv_list(parse_http_list(fields))
        )
        return {"Authorization": f"Digest {answer}"} if answer else {}


GRAPH_FORMS = ("ConstructQuery", "DescribeQuery")


def query(remote: Remote, text: str) -> Result:
    """Run a query on a remote SPARQL endpoint and parse its answer.

    Each form asks for one media type only: offered both, Virtuoso answers a
    CONSTRUCT with a table of ?s ?p ?o."""
    form = parseQuery(text)[1].name
    status, data, _ = remote.request(
        remote.url,
        "POST",
        urlencode({"query": text}).encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "text/turtle" if form in GRAPH_FORMS else "application/sparql-results+json",
        },
    )
    if status != 200:
        message = data.decode("utf-8", "replace").strip().splitlines()
        raise RemoteError(f"{remote.url} answered {status}: {message[0] if message else ''}")
    if form in GRAPH_FORMS:
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=data, format="turtle")
        return result
    result = Result.parse(io.BytesIO(data), format="json")
    return _as_ask(result) if form == "AskQuery" and result.type == "SELECT" else result


def _as_ask(table: Result) -> Result:
    """Virtuoso 7.2 answers ASK with a table of one variable, __ASK_RETVAL,
    holding 1 when true and no row when false."""
    if [str(v) for v in table.vars or ()] != ["__ASK_RETVAL"]:
        raise RemoteError(f"the store answered an ASK query with a table of {', '.join(map(str, table.vars or ()))}")
    result = Result("ASK")
    result.askAnswer = any(int(row[0]) for row in table)
    return result

"""A SPARQL 1.1 Protocol client for stores the KG is published to."""

from __future__ import annotations

import base64
import io
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from rdflib.query import Result

from kg.errors import RemoteError


@dataclass(frozen=True)
class Remote:
    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = 120.0

    def request(self, url: str, method: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, bytes, dict]:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise RemoteError(f"{url!r} is not an http(s) URL of a store")
        all_headers = dict(headers)
        if self.user is not None:
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            all_headers["Authorization"] = f"Basic {token}"
        request = urllib.request.Request(url, data=body, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise RemoteError(f"cannot reach {url}: {reason}") from None


def query(remote: Remote, text: str) -> Result:
    """Run a query on a remote SPARQL endpoint and parse its answer."""
    body = urlencode({"query": text}).encode()
    status, data, headers = remote.request(
        remote.url,
        "POST",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
    )
    if status != 200:
        message = data.decode("utf-8", "replace").strip().splitlines()
        raise RemoteError(f"{remote.url} answered {status}: {message[0] if message else ''}")
    media = headers.get("Content-Type", headers.get("content-type", "")).split(";")[0].strip()
    if media == "text/turtle":
        from rdflib import Graph

        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=data, format="turtle")
        return result
    return Result.parse(io.BytesIO(data), format="json")

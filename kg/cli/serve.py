"""`kg serve` and `kg publish`: the built KG on the web and in triple stores."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from kg.artifacts import built_base
from kg.cli.common import BUILD_OPTION, confine, in_project, project, say
from kg.errors import KGError
from kg.publish import STORE_KINDS, detect_kind, publish, sparql_url_for
from kg.remote import Remote


def check_can_listen(host: str, port: int) -> None:
    """Say in one line that the port is taken, before uvicorn says it in its own way."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise KGError(f"cannot listen on {host}:{port}: {error.strerror}") from None


RELOAD_INTERVAL = 1.0  # seconds between looks at the build folder


@click.command("serve")
@BUILD_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a SPARQL query may run before it is stopped.",
)
@click.option(
    "--max-rows",
    default=10000,
    show_default=True,
    type=click.IntRange(1),
    help="Most rows a SPARQL SELECT returns (header X-Result-Truncated when cut).",
)
@click.option(
    "--max-queries",
    default=None,
    show_default="four per CPU the server may use",
    type=click.IntRange(1),
    help="Most SPARQL queries evaluated at once, each in a worker process of its own.",
)
@click.option(
    "--max-waiting",
    default=16,
    show_default=True,
    type=click.IntRange(0),
    help="Most queries waiting for a worker; beyond them the server answers 503 with Retry-After.",
)
@click.option(
    "--reload",
    is_flag=True,
    help="Watch the build folder and serve a new build, whole, once it is loaded.",
)
@click.option(
    "--curate",
    is_flag=True,
    help="Also serve the review pages of the project's drafts under /curate, which rewrite drafts in "
    "data/articles/ and add accepted entities to data/entities/curated.yaml (only on 127.0.0.1).",
)
def serve_command(
    build_dir: Path | None,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    max_queries: int | None,
    max_waiting: int,
    reload: bool,
    curate: bool,
) -> None:
    """Serve the built KG as linked data: /sparql (SPARQL 1.1 Protocol, read-only),
    every entity IRI (HTML and every RDF format), the named queries as pages
    under /queries, class listings under /classes, the dumps under /dumps/,
    the vocabulary under /ontology and /shapes, /search and
    /.well-known/void. IRIs resolve here when the build's --base is this
    server's address. With --curate, /curate lists the drafts of the
    project's data/articles/ and /curate/FILE reviews one in the browser."""
    import uvicorn

    from kg.server.app import create_app

    build = in_project(build_dir, "build")
    curation = None
    if curate:
        if host != "127.0.0.1":
            raise click.UsageError(f"--curate serves only on 127.0.0.1, not {host}: it changes files")
        from kg.server.curate import Curation

        curation = Curation(in_project(None, "data"), project().ontology)
    base = built_base(build)  # a missing build is one line, before anything is loaded
    check_can_listen(host, port)
    app = create_app(
        build,
        timeout=timeout,
        max_rows=max_rows,
        queries=project().queries,
        ontology=project().ontology,
        reload=RELOAD_INTERVAL if reload else None,
        note=lambda message: say(f"kg: {message}", err=True),
        curation=curation,
        max_queries=max_queries,
        max_waiting=max_waiting,
    )
    say(f"kg: serving {build}/ for base {base} at http://{host}:{port}/", err=True)
    if curation is not None:
        say(f"kg: reviewing the drafts of {curation.articles}/ at http://{host}:{port}/curate", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("publish")
@click.option(
    "--endpoint",
    required=True,
    help="The store's Graph Store Protocol URL (Oxigraph: http://host:7878/store; "
    "Virtuoso: http://host:8890/sparql-graph-crud-auth).",
)
@click.option(
    "--sparql", help="The store's query URL, to check counts [default: beside --endpoint, .../query or .../sparql]."
)
@click.option(
    "--store",
    "store_kind",
    type=click.Choice(["auto", *STORE_KINDS]),
    default="auto",
    show_default=True,
    help="The kind of store, which decides how graphs are sent and credentials given; auto reads its Server header.",
)
@click.option("--graph", "graphs", multiple=True, help="Publish only this named graph (repeatable).")
@click.option("--user", envvar="KG_USER", help="User name (env KG_USER; basic authentication, digest for Virtuoso).")
@click.option("--password", envvar="KG_PASSWORD", help="Password (env KG_PASSWORD).")
@BUILD_OPTION
@confine
def publish_command(
    endpoint: str,
    sparql: str | None,
    store_kind: str,
    graphs: tuple[str, ...],
    user: str | None,
    password: str | None,
    build_dir: Path | None,
) -> None:
    """Load the built KG into a triple store, each named graph replacing its
    namesake (asserted, provenance, reference, ontology, inferred), then
    check the store's counts with a SPARQL query."""
    endpoint = endpoint.rstrip("/")
    kind = detect_kind(endpoint) if store_kind == "auto" else STORE_KINDS[store_kind]
    store = Remote(endpoint, user, password, auth=kind.auth)
    query_endpoint = Remote(sparql or sparql_url_for(endpoint, kind), user, password, auth=kind.auth)
    build = in_project(build_dir, "build")
    sent = publish(build, store, query_endpoint, kind, graphs, lambda m: say(f"kg: {m}", err=True))
    say(
        f"published {sum(p.triples for p in sent)} triples in {len(sent)} named graphs to {endpoint}; "
        "the store's counts match"
    )


COMMANDS = (serve_command, publish_command)

"""What a build leaves for the next: the previous output is the cache.

A build that succeeds has written kg.nt, the asserted graph that conformed to
the shapes, and the query store of its dumps. The next build validates again
only what its changes from that kg.nt can reach, and changes a copy of that
store rather than loading every dump anew. OUT/.cache/manifest.json says
under what this holds: a digest of everything besides the data that decides
the output (the ontology, shapes and rules, the engines and their versions,
our code, the base IRI and options) and the SHA-256 of that kg.nt. Any other
digest, a missing, damaged or edited file, and the build validates everything,
as ``--no-cache`` makes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import kg
from kg.atomic import write_outputs

CACHE_DIR = ".cache"
MANIFEST = "manifest.json"
FORMAT = 1  # of the manifest, and of what it vouches for
ASSERTED = "kg.nt"
# The code a build runs: kg's top-level modules and these packages of it.
BUILD_CODE = ("engines", "formats", "pipeline", "query")
# Whose versions decide the output: the parsers, serializers, engines and store.
DISTRIBUTIONS = ("rdflib", "pyoxigraph", "pyrudof", "reasonable", "pyshacl", "owlrl", "PyYAML")


def context(ontology_dir: Path, settings: Iterable[str]) -> str:
    """A digest of all that decides the output besides the data: the ontology,
    shapes and rules of ``ontology_dir``, the code a build runs, the versions
    of the libraries it uses, and ``settings`` (base IRI, engines, options)."""
    digest = hashlib.sha256(f"{FORMAT}\n".encode())
    for setting in settings:
        digest.update(f"{setting}\n".encode())
    for name in DISTRIBUTIONS:
        digest.update(f"{name} {_version(name)}\n".encode())
    package = Path(kg.__file__).parent
    code = [*package.glob("*.py"), *(path for folder in BUILD_CODE for path in (package / folder).rglob("*.py"))]
    ontology = [path for path in ontology_dir.rglob("*") if path.suffix in {".ttl", ".rq"}]
    for root, paths in ((package, code), (ontology_dir, ontology)):
        for path in sorted(paths):
            digest.update(f"{path.relative_to(root)}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "-"


def previous_asserted(out: Path, key: str, note: Callable[[str], None]) -> bytes | None:
    """The kg.nt of the previous build if it conformed under ``key``; None
    (and a note saying why, unless there is no previous build) otherwise."""
    path = out / CACHE_DIR / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        fresh = manifest["format"] == FORMAT and manifest["context"] == key
        recorded = manifest[ASSERTED]
    except (OSError, ValueError, KeyError, TypeError):
        note(f"{path} is damaged: ignored, every node validated again")
        return None
    if not fresh:
        note("the ontology, shapes, rules, engines or code changed since the last build: every node validated again")
        return None
    try:
        asserted = (out / ASSERTED).read_bytes()
    except OSError:
        asserted = None
    if asserted is None or hashlib.sha256(asserted).hexdigest() != recorded:
        note(f"{out / ASSERTED} is not the one the last build wrote: every node validated again")
        return None
    return asserted


def record(out: Path, key: str, asserted: bytes) -> None:
    """Vouch for the kg.nt just written (after it was: a build stopped in
    between leaves a manifest that no longer matches, so it is not trusted)."""
    manifest = {"format": FORMAT, "context": key, ASSERTED: hashlib.sha256(asserted).hexdigest()}
    write_outputs(out / CACHE_DIR, {MANIFEST: (json.dumps(manifest, indent=2) + "\n").encode()})

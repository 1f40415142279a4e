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

It also records the digest of the facts the build reasoned over (with the
SHA-256 of the inferred dumps it wrote from them and what it inferred, as
summary.json gives it): a build over the same facts takes those dumps
rather than reasoning again.

It also keeps what kg.pipeline.units reuses: each article's quads under its
unit's key (units/KEY.nq), the shared rest's and the corroboration's, and
what corroboration found (kg.pipeline.scope.Compared), each with its SHA-256
in the manifest, beside that of kg.nq. A missing or damaged
entry is noted, and the build serializes every unit anew. The manifest
also keeps the tally of kg.nq (kg.pipeline.units.Tally) for summary.json.

A dump is the one the last build wrote if its stat (size, modification and
change times, inode) is the one OUT/.cache/stat.json recorded with its
SHA-256 just after it was renamed into place, or else if its SHA-256 is the
one the manifest records (a copy). Any write to a file changes its change
time, which cannot be set back; a write within the clock tick of the
recording could leave it as it was, so a stat recorded in the tick
stat.json was written is not trusted (kg.pipeline.cache._unchanged). The
stats differ from build to build: they are kept out of the manifest, which
is the same bytes for the same output.

Long because it reads and writes every record the next build trusts, each
checked.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import kg
from kg.atomic import write_outputs
from kg.pipeline.blocks import PreviousTurtle
from kg.pipeline.known import KnownArticles, parse
from kg.pipeline.patch import fingerprint
from kg.pipeline.units import Assembly, Previous, StaleCacheError, Tally

CACHE_DIR = ".cache"
MANIFEST = "manifest.json"
FORMAT = 3  # of the manifest, and of what it vouches for
ASSERTED = "kg.nt"
QUADS, TURTLE, PREFIXES = "kg.nq", "kg.ttl", "prefixes"
ARTICLES = "articles.json"
# Each dump's fingerprint (kg.pipeline.patch.fingerprint) just after its rename, with its SHA-256:
# a file of its own, as it differs from build to build, which the manifest does not.
STAT = "stat.json"
WRITTEN = " stat written"  # not in the file: when stat.json was written, in ns
REASONING, INFERRED = "reasoning", ("inferred.nq", "inferred.ttl")
TALLY = "tally"  # kg.nq's count of triples outside the ontology's graph (kg.pipeline.units.Tally)
UNITS = "units"
SHARED, CORROBORATION, COMPARED = "shared.nq", "corroboration.nq", "compared.json"
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
        manifest = _manifest(out)
        fresh = manifest["format"] == FORMAT and manifest["context"] == key
        if not isinstance(manifest[ASSERTED], str):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        note(f"{path} is damaged: ignored, every node validated again")
        return None
    if not fresh:
        note("the ontology, shapes, rules, engines or code changed since the last build: every node validated again")
        return None
    asserted = _vouched(out, ASSERTED, manifest)
    if asserted is None:
        note(f"{out / ASSERTED} is not the one the last build wrote: every node validated again")
        return None
    return asserted[0]


def _manifest(out: Path) -> dict:
    """The manifest, with the stat record (``STAT``, none if it is missing
    or damaged) and when that was written (``WRITTEN``, in ns)."""
    manifest = json.loads((out / CACHE_DIR / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(manifest, dict):
        raise ValueError
    manifest[STAT], manifest[WRITTEN] = {}, 0
    try:
        with (out / CACHE_DIR / STAT).open("rb") as file:
            manifest[WRITTEN] = os.fstat(file.fileno()).st_mtime_ns
            manifest[STAT] = json.loads(file.read().decode("utf-8"))
    except (OSError, ValueError):
        pass
    return manifest


def _vouched(out: Path, name: str, manifest: dict) -> tuple[bytes, list[int]] | None:
    """The bytes of the dump ``name``, with the fingerprint of its stat as
    they were read, if it is the one the last build wrote, as the manifest
    vouches for it; None otherwise."""
    try:
        with (out / name).open("rb") as file:
            data, stat = file.read(), os.fstat(file.fileno())
    except OSError:
        return None
    recorded = manifest[STAT].get(name) if isinstance(manifest[STAT], dict) else None
    trusted = _unchanged(stat, recorded, manifest.get(name), manifest[WRITTEN])
    return (data, fingerprint(stat)) if trusted or _sha256(data) == manifest.get(name) else None


def _unchanged(stat: os.stat_result, recorded: object, sha256: object, stat_written: int) -> bool:
    """Whether the file is the one the manifest vouches for by its ``sha256``,
    known by the stat ``recorded`` with that SHA-256 just after the file was
    renamed into place, without reading it. Writing to a file changes its
    change time, which no one can set back (setting the modification time
    back changes it too), unless the write falls within the clock tick the
    stat was recorded in: so a stat recorded in the tick its record was
    written (a small build) is not trusted, and the SHA-256 decides."""
    if not isinstance(recorded, dict) or recorded.get("sha256") != sha256:
        return False
    kept = recorded.get("stat")
    return isinstance(kept, list) and fingerprint(stat) == kept and kept[2] < stat_written


def known_articles(out: Path, note: Callable[[str], None]) -> KnownArticles:
    """The articles the previous build read (its manifest already found sound
    by previous_asserted); none, with a note, if their record is damaged."""
    folder = out / CACHE_DIR
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get(ARTICLES)
        if recorded is None:
            return KnownArticles()
        return KnownArticles(parse(b"".join(_entry(folder / ARTICLES, recorded))), recorded)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, StaleCacheError) as why:
        why = why if isinstance(why, StaleCacheError) else "the record of articles is damaged"
        note(f"{why}: every article read anew")
        return KnownArticles()


def previous_units(out: Path, key: str, note: Callable[[str], None], asserted: bytes | None = None) -> Previous | None:
    """What the previous build's units were, if its manifest (already found
    sound by previous_asserted, which read its kg.nt, ``asserted``) lists
    them and kg.nq is the one it wrote; None, with a note saying why, otherwise."""
    folder = out / CACHE_DIR
    try:
        manifest = _manifest(out)
        units = manifest[UNITS]
        if units is None:
            return None  # the last build's articles shared quads: nothing to reuse
        vouched = _vouched(out, QUADS, manifest)
        if vouched is None:
            raise StaleCacheError(f"{out / QUADS} is not the one the last build wrote")
        quads = vouched[0]
        shared, corroboration = (set(_entry(folder / name, manifest[name])) for name in (SHARED, CORROBORATION))
        compared = b"".join(_entry(folder / COMPARED, manifest[COMPARED]))
    except (OSError, ValueError, KeyError, TypeError, StaleCacheError) as why:
        note(f"{why if isinstance(why, StaleCacheError) else 'the cache of units is damaged'}: every unit written anew")
        return None
    return Previous(
        quads.splitlines(keepends=True),
        frozenset(units),
        shared,
        corroboration,
        lambda unit: _entry(folder / UNITS / f"{unit}.nq", units[unit]),
        _previous_turtle(out, manifest, note),
        Tally.from_record(manifest.get(TALLY)),
        asserted,
        compared,
    )


def _previous_turtle(out: Path, manifest: dict, note: Callable[[str], None]) -> PreviousTurtle | None:
    """kg.ttl and its prefix counts, if it is the one the last build wrote."""
    if manifest.get(PREFIXES) is None:
        return None
    vouched = _vouched(out, TURTLE, manifest)
    if vouched is None:
        note(f"{out / TURTLE} is not the one the last build wrote: written whole")
        return None
    return PreviousTurtle(vouched[0], manifest[PREFIXES], out / TURTLE, vouched[1])


@dataclass(frozen=True)
class Reasoned:
    """What the last build inferred from the facts of a digest: the inferred
    dumps it wrote, by name, and what summary.json says of them."""

    dumps: dict[str, bytes]
    summary: dict


def previous_reasoning(out: Path, facts: str, note: Callable[[str], None]) -> Reasoned | None:
    """The inferred dumps of the previous build (its manifest already found
    sound by previous_asserted), if it reasoned over facts of the digest
    ``facts`` and they are the ones it wrote; None otherwise (with a note if
    they are not)."""
    try:
        recorded = json.loads((out / CACHE_DIR / MANIFEST).read_text(encoding="utf-8")).get(REASONING)
        if recorded is None or recorded["facts"] != facts:
            return None
        dumps = {name: (out / name).read_bytes() for name in INFERRED}
        if any(_sha256(dumps[name]) != recorded[name] for name in INFERRED):
            raise ValueError
        summary = recorded["summary"]
        if not isinstance(summary, dict) or not isinstance(summary["triples"], int):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        note("the inferred dumps are not the ones the last build wrote: reasoned anew")
        return None
    return Reasoned(dumps, summary)


def _entry(path: Path, sha256: str) -> list[bytes]:
    try:
        data = path.read_bytes()
    except OSError:
        raise StaleCacheError(f"{path} is missing") from None
    if _sha256(data) != sha256:
        raise StaleCacheError(f"{path} is not the one the last build wrote")
    return data.splitlines(keepends=True)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record(
    out: Path,
    key: str,
    written: dict[str, str],
    assembly: Assembly | None = None,
    prefixes: dict[str, int] | None = None,
    known: KnownArticles | None = None,
    reasoning: dict | None = None,
    counted: tuple[Tally, dict[str, os.stat_result]] | None = None,
) -> None:
    """Vouch for the kg.nt just written, by the SHA-256 of each file ``written`` (after it was: a build stopped in
    between leaves a manifest that no longer matches, so it is not trusted),
    for the units of ``assembly`` (which made kg.nq), whose new entries are
    written first, and for kg.ttl with how many blocks use each of its
    ``prefixes``, for the articles ``known``, and for the ``reasoning``
    (kg.pipeline.cache.previous_reasoning reads it), and, ``counted``, for
    the tally of kg.nq and the stat of each file written just after its
    rename; entries no longer listed are removed last."""
    folder = out / CACHE_DIR
    manifest: dict = {"format": FORMAT, "context": key, ASSERTED: written[ASSERTED], UNITS: None}
    if prefixes is not None:
        manifest.update({TURTLE: written[TURTLE], PREFIXES: prefixes})
    if reasoning is not None:
        manifest[REASONING] = reasoning
    if known is not None and known.entries:
        if known.changed() or known.sha256 is None:
            articles = known.dump()
            write_outputs(folder, {ARTICLES: articles})
            known.sha256 = _sha256(articles)
        manifest[ARTICLES] = known.sha256
    if assembly is not None and assembly.disjoint:
        # Sorted, as every file a build writes: the same bytes whatever the hash seed.
        entries = {f"{unit}.nq": b"".join(sorted(lines)) for unit, lines in assembly.new_units.items()}
        _write_entries(folder / UNITS, entries)
        listed = {unit: _sha256(entries[f"{unit}.nq"]) for unit in assembly.new_units}
        listed.update(_listed(folder, set(assembly.keys) - set(listed)))
        rest = {
            SHARED: b"".join(sorted(assembly.shared)),
            CORROBORATION: b"".join(sorted(assembly.corroboration)),
            COMPARED: assembly.compared,
        }
        write_outputs(folder, rest)
        manifest.update({name: _sha256(data) for name, data in rest.items()})
        manifest[QUADS] = written[QUADS]
        manifest[UNITS] = dict(sorted(listed.items()))
        if counted is not None:
            manifest[TALLY] = counted[0].record()
    write_outputs(folder, {MANIFEST: (json.dumps(manifest, indent=2) + "\n").encode()})
    if counted is not None:
        stats = {
            name: {"sha256": written[name], "stat": fingerprint(counted[1][name])}
            for name in sorted(written)
            if name in counted[1]
        }
        write_outputs(folder, {STAT: (json.dumps(stats, indent=2) + "\n").encode()})
    for stale in (folder / UNITS).glob("*"):
        if stale.name.removesuffix(".nq") not in (manifest[UNITS] or {}):
            stale.unlink(missing_ok=True)  # gone units, and what a build killed outright left


def _listed(folder: Path, units: set[str]) -> dict[str, str]:
    """The SHA-256 the previous manifest gives the entries of ``units``."""
    if not units:
        return {}
    previous = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))[UNITS]
    return {unit: previous[unit] for unit in units}


def _write_entries(folder: Path, entries: dict[str, bytes]) -> None:
    """Each entry to a temporary file renamed into place, without waiting for
    the disk (as kg.atomic does for the outputs): an entry lost in a crash is
    one the manifest, written after them, finds missing or damaged."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in entries.items():
        temporary = folder / f".{name}.tmp"
        try:
            temporary.write_bytes(data)
            os.replace(temporary, folder / name)
        finally:
            temporary.unlink(missing_ok=True)

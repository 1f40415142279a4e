"""The query store: the built KG in an on-disk Oxigraph store, which `kg query`
opens in milliseconds instead of loading the dumps (38 s at 10,000 articles).

`kg build` writes it as build/store/: oxigraph/, the database of exactly what
kg.artifacts.open_store(build, "all") loads, and sources.json, which records
the dumps it was loaded from. A query uses it only while the dumps in build/
are still those files; otherwise it loads them in memory as before.

Long because both sides of the store live here, the writing (a new store, or
a previous one updated) and the reading, which must agree on its layout.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyoxigraph

from kg.artifacts import (
    ASSERTED_FILE,
    INFERRED_FILE,
    SLICES,
    UNION_FILE,
    built_base,
    built_files,
    in_slice,
    load_dump,
    open_store,
)
from kg.atomic import Staged, current_umask, signals_held, staging
from kg.errors import OutputError
from kg.query.run import WHOLE_STORE, Scope

STORE_DIR = "store"
DATABASE_DIR = "oxigraph"
MARKER_FILE = "sources.json"
MARKER_VERSION = 1
SOURCES = (ASSERTED_FILE, UNION_FILE, INFERRED_FILE)  # every dump the store is loaded from
_CHUNK = 1 << 20
# Dumps (bytes) beyond which a store is loaded anew rather than updated: the
# update holds the old and the new dumps' lines in sets, several times their size.
UPDATE_LIMIT = 1 << 30


class UnusableStoreError(Exception):
    """Why the on-disk store cannot answer for the dumps beside it."""


@dataclass(frozen=True)
class KnownChanges:
    """What a build knows of how its dumps differ from those the present store
    was loaded from, so that the store is updated without reading and
    comparing the dumps: N-Quads lines of kg.nq and inferred.nq, each with
    whether the new dumps hold it (every line that differs is among them; one
    that does not may be too), how many quads the store of the new dumps
    holds (its default graph's included), and the SHA-256 of the dumps the
    build hashed already."""

    lines: dict[bytes, bool]
    quads: int
    sha256: dict[str, str] = field(default_factory=dict)


# Writing (with the output folder's lock held: kg.atomic.locked)


def write_with_store(
    folder: Path, files: dict[str, bytes], update: bool = False, note: Callable[[str], None] = lambda _: None
) -> None:
    """kg.atomic.write_outputs(folder, files), and the query store of the dumps
    the folder then holds, as commit_with_store writes it."""
    with staging(folder) as staged:
        for name, data in sorted(files.items()):
            staged.write(name, data)
        commit_with_store(staged, update, note)


def commit_with_store(
    staged: Staged,
    update: bool = False,
    note: Callable[[str], None] = lambda _: None,
    known: KnownChanges | None = None,
) -> None:
    """Commit the files ``staged`` in a folder, and write the query store of
    the dumps the folder then holds, loaded from their files (staged or
    already there) in a temporary folder inside the folder and renamed into
    place last. A failure or an interruption leaves nothing temporary behind
    and the previous store as it was; up to the commit it leaves the files as
    they were too, and after it the previous store no longer matches them, so
    queries see it is stale and pass it by.

    With ``update``, a previous store that answers for the dumps beside it is
    copied (hard links to its immutable files) and changed by what differs
    between those dumps and the new ones, rather than loaded anew: the same
    quads, in a fraction of the time when little changed. A store that cannot
    be updated so is loaded anew, with a ``note`` saying why. With ``known``
    changes, the update makes those rather than comparing the dumps."""
    folder = staged.folder
    dumps = _dumps(staged)
    try:
        with _staging(folder) as staging:
            if not (update and _updated(folder, staging / DATABASE_DIR, dumps, note, known)):
                _fill(staging / DATABASE_DIR, dumps)
            staged.commit()
            _write_marker(staging / MARKER_FILE, folder, list(dumps), known.sha256 if known else {})
            _swap_in(staging, folder / STORE_DIR)
    except OSError as error:
        raise OutputError(f"{folder}: cannot write the query store: {error.strerror or error}") from None


def _dumps(staged: Staged) -> dict[str, Path]:
    """The dumps to load: those staged, and the others already in the folder
    (`kg reason` rewrites only inferred.nq)."""
    found: dict[str, Path] = {}
    for name in SOURCES:
        if name in staged.files:
            found[name] = staged.path(name)
        elif (staged.folder / name).exists():
            found[name] = staged.folder / name
    return found


@contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A new temporary folder inside ``folder``, removed at the end unless it
    was renamed into place."""
    _remove_leftovers(folder)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=f".{STORE_DIR}.", suffix=".tmp"))
    try:
        # mkdtemp makes the folder private; the store is for sharing, as the dumps are.
        os.chmod(staging, 0o777 & ~current_umask())
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_leftovers(folder: Path) -> None:
    """Temporary folders of a writer killed outright (SIGKILL, power loss):
    under the lock, no live writer owns one."""
    for path in folder.glob(f".{STORE_DIR}.*.tmp"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _fill(path: Path, dumps: dict[str, Path]) -> None:
    """Load the dumps as open_store does, then flush and close the database:
    nothing may write to it once it is renamed."""
    store = pyoxigraph.Store(str(path))
    try:
        _load(store, dumps)
        store.optimize()  # one compaction now rather than in the background of later reads
        store.flush()
    except (SyntaxError, ValueError) as error:
        raise OutputError(f"{path.parent.parent}: a dump is damaged ({error}): run 'kg build' again") from None
    finally:
        del store  # the last reference: dropping it closes the database


def _load(store: pyoxigraph.Store, dumps: dict[str, Path]) -> None:
    """What kg.artifacts.load_dump loads from each dump, read from its file:
    never the dumps' bytes in memory, which at 10,000 articles are gigabytes."""
    if ASSERTED_FILE in dumps:
        load_dump(store, dumps[ASSERTED_FILE], dumps.get(UNION_FILE))
    if INFERRED_FILE in dumps:
        load_dump(store, dumps[INFERRED_FILE], None)


def _updated(
    folder: Path, path: Path, dumps: dict[str, Path], note: Callable[[str], None], known: KnownChanges | None
) -> bool:
    """The present store copied to ``path`` and changed into the store of
    ``dumps`` (by the ``known`` changes, or else by comparing the dumps);
    False, with nothing at ``path``, if it cannot be: no store, or none that
    answers for the present dumps, dumps too big to compare in memory, or a
    copy that then does not hold as many quads as the dumps say (a damaged
    database)."""
    present = {name: folder / name for name in SOURCES}
    if set(dumps) != set(SOURCES) or not (folder / STORE_DIR).exists():
        return False
    try:
        checked_marker(folder)
        compared = _compared(present, dumps) if known is None else None
    except (UnusableStoreError, OSError) as why:
        note(f"{why}: the query store is loaded anew")
        return False
    if known is not None:
        change, quads = partial(_make_known, known), known.quads
    elif compared is not None:
        change, quads = partial(_make_compared, compared[0]), compared[1]
    else:
        return False
    try:
        held = _apply(folder, path, change)
    except OSError:
        held = -1
    if held != quads:
        note(f"{folder / STORE_DIR}/ does not hold what its dumps say: the query store is loaded anew")
        shutil.rmtree(path, ignore_errors=True)
        return False
    return True


Changes = list[tuple[set[bytes], set[bytes]]]  # lines removed and added, for each kind of line


def _compared(present: dict[str, Path], dumps: dict[str, Path]) -> tuple[Changes, int] | None:
    """What differs between the present dumps and the new ones (read whole),
    and how many quads the store of the new ones holds; None if they are too
    big to compare so."""
    if sum(p.stat().st_size for p in (*present.values(), *dumps.values())) > 2 * UPDATE_LIMIT:
        return None
    old = {name: p.read_bytes() for name, p in present.items()}
    new = {name: p.read_bytes() for name, p in dumps.items()}
    default = _default_graph(new)
    changes = [_changes(old[name], new[name]) for name in (ASSERTED_FILE, INFERRED_FILE)]
    changes.append(_changes(_default_graph(old), default))
    return changes, new[ASSERTED_FILE].count(b"\n") + new[INFERRED_FILE].count(b"\n") + len(default)


def _apply(folder: Path, path: Path, change: Callable[[pyoxigraph.Store], None]) -> int:
    """Copy the present store to ``path``, ``change`` it, and count its quads
    (reading one of its indexes whole: damage there shows)."""
    source = pyoxigraph.Store.read_only(str(folder / STORE_DIR / DATABASE_DIR))
    source.backup(str(path))
    del source
    store = pyoxigraph.Store(str(path))
    try:
        change(store)
        store.flush()
        return len(store)
    except (SyntaxError, ValueError) as error:
        raise OutputError(f"{folder}: a dump is damaged ({error}): run 'kg build' again") from None
    finally:
        del store  # the last reference: dropping it closes the database


def _make_compared(changes: Changes, store: pyoxigraph.Store) -> None:
    for removed, added in changes:
        for quad in _parsed(removed):
            store.remove(quad)
        store.extend(_parsed(added))


def _make_known(known: KnownChanges, store: pyoxigraph.Store) -> None:
    """The ``known`` changes to the named graphs; then each triple of a
    changed quad is in the default graph if some named graph still holds it."""
    gone = {line for line, held in known.lines.items() if not held}
    for quad in _parsed(gone):
        store.remove(quad)
    store.extend(_parsed(set(known.lines) - gone))
    default = pyoxigraph.DefaultGraph()
    for triple in {quad.triple for quad in _parsed(set(known.lines))}:
        union = pyoxigraph.Quad(*triple, default)
        if any(quad.graph_name != default for quad in store.quads_for_pattern(*triple, None)):
            store.add(union)
        else:
            store.remove(union)


def _changes(old: bytes | set[bytes], new: bytes | set[bytes]) -> tuple[set[bytes], set[bytes]]:
    """The lines of N-Quads (or N-Triples) gone from ``old`` and new in ``new``."""
    before = old if isinstance(old, set) else set(old.splitlines())
    after = new if isinstance(new, set) else set(new.splitlines())
    return before - after, after - before


def _default_graph(dumps: dict[str, bytes]) -> set[bytes]:
    """The lines of the store's default graph: kg.nt, and inferred.nq's quads
    as triples (each of its lines names the graph last, as kg.formats writes it)."""
    lines = set(dumps[UNION_FILE].splitlines())
    lines.update(line[: line.rindex(b" <")] + b" ." for line in dumps[INFERRED_FILE].splitlines())
    return lines


def _parsed(lines: set[bytes]) -> list[pyoxigraph.Quad]:
    text = b"\n".join(sorted(line.rstrip(b"\n") for line in lines)) + b"\n"
    return list(pyoxigraph.parse(input=text, format=pyoxigraph.RdfFormat.N_QUADS))


def _write_marker(path: Path, folder: Path, dumps: list[str], sha256: dict[str, str]) -> None:
    """Record each dump as it now lies in ``folder`` (so after it is written;
    its SHA-256 from ``sha256`` if the build hashed its bytes already), and
    the graphs of inferred.nq, which `--graph inferred` reads alone."""
    marker = {
        "version": MARKER_VERSION,
        "dumps": {name: _fingerprint(folder / name, sha256.get(name)) for name in sorted(dumps)},
        "inferred_graphs": _graph_names(folder / INFERRED_FILE) if INFERRED_FILE in dumps else [],
    }
    path.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")


def _fingerprint(path: Path, sha256: str | None = None) -> dict[str, int | str]:
    """Size and modification time to recognise the file cheaply, SHA-256 to
    recognise it for sure."""
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256 or sha256_of(path)}


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read a piece at a time (hashlib and reading
    let other threads run meanwhile)."""
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while chunk := data.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _graph_names(dump: Path) -> list[str] | None:
    """The IRIs of the dump's graphs; None if it has triples outside a graph
    named by an IRI, which no graph list could single out."""
    names = {quad.graph_name for quad in pyoxigraph.parse(format=pyoxigraph.RdfFormat.N_QUADS, path=str(dump))}
    if not all(isinstance(name, pyoxigraph.NamedNode) for name in names):
        return None
    return sorted(name.value for name in names)


def _swap_in(staging: Path, target: Path) -> None:
    """Put the new store in place of the old with SIGINT and SIGTERM held
    back, so that an interruption never leaves a temporary folder behind. The
    old store moves aside first: a folder cannot replace one that is not empty."""
    retired: Path | None = None
    with signals_held():
        try:
            retired = _move_aside(target)
            os.replace(staging, target)
        finally:
            if retired is not None:
                shutil.rmtree(retired, ignore_errors=True)


def _move_aside(target: Path) -> Path | None:
    """Move ``target`` into a new temporary folder beside it, and name that folder."""
    if not target.exists() and not target.is_symlink():
        return None
    holder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{STORE_DIR}.", suffix=".tmp"))
    try:
        os.replace(target, holder / target.name)
    except OSError:
        holder.rmdir()
        raise
    return holder


# Reading


def query_store(
    out_dir: Path, graphs: str, note: Callable[[str], None] = lambda _: None
) -> tuple[pyoxigraph.Store, Scope]:
    """The store `kg query` answers from, and the graphs of it to read: the
    on-disk store, opened read-only, while it was loaded from the dumps in
    ``out_dir``; else the dumps loaded in memory, with a ``note`` saying why."""
    built_files(out_dir, graphs)  # a missing build or dump fails as the in-memory load does
    if graphs == "asserted":
        # The store's default graph holds the inferred triples too, and a default
        # graph made of several named graphs would count a triple once for each
        # (as Oxigraph's own union does): only the dumps give the asserted union alone.
        return open_store(out_dir, graphs), WHOLE_STORE
    try:
        marker = checked_marker(out_dir)
        store = _open_read_only(out_dir / STORE_DIR / DATABASE_DIR)
        return store, _slice_scope(store, out_dir, graphs) if graphs in SLICES else _scope(marker, graphs)
    except UnusableStoreError as why:
        note(f"{why}; loading the dumps instead (run 'kg build' to write it again)")
        return open_store(out_dir, graphs), WHOLE_STORE


def checked_marker(out_dir: Path) -> dict:
    """The store's record of its dumps, if they are the ones now in
    ``out_dir``; raises UnusableStoreError otherwise."""
    folder = out_dir / STORE_DIR
    if not (folder / DATABASE_DIR).is_dir():
        raise UnusableStoreError(f"no query store in {out_dir}/")
    marker = _read_marker(folder / MARKER_FILE)
    recorded = marker["dumps"]
    for name in SOURCES:
        path = out_dir / name
        if (name in recorded) != path.exists():
            raise UnusableStoreError(f"{folder}/ is out of date ({name} {'removed' if name in recorded else 'added'})")
        if name in recorded and not _same(path, recorded[name]):
            raise UnusableStoreError(f"{folder}/ is out of date ({name} changed since it was written)")
    return marker


def _read_marker(path: Path) -> dict:
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
        if marker["version"] == MARKER_VERSION and isinstance(marker["dumps"], dict):
            return marker
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raise UnusableStoreError(f"{path} is missing or damaged")


def _same(path: Path, recorded: dict) -> bool:
    """Whether the file is the one recorded. Another size says no at once; the
    same size and modification time say yes without reading it (every write
    of a dump gives it a new time); otherwise its SHA-256 decides (a copy that
    did not keep the times)."""
    try:
        stat = path.stat()
        if stat.st_size != recorded["size"]:
            return False
        return stat.st_mtime_ns == recorded["mtime_ns"] or sha256_of(path) == recorded["sha256"]
    except (OSError, KeyError, TypeError):
        return False


def _scope(marker: dict, graphs: str) -> Scope:
    """The whole store for ``all``; for ``inferred``, its one graph, as both the
    default graph and the only named one (so each triple counts once)."""
    if graphs == "all":
        return WHOLE_STORE
    names = marker.get("inferred_graphs")
    if not isinstance(names, list) or len(names) != 1:
        raise UnusableStoreError("the query store cannot single out the inferred graph")
    graph = pyoxigraph.NamedNode(names[0])
    return Scope(default_graph=(graph,), named_graphs=(graph,))


def _slice_scope(store: pyoxigraph.Store, out_dir: Path, graphs: str) -> Scope:
    """The claims or the reference graphs, as both the default graph and the
    named ones: one home graph per triple, so their union counts each once."""
    base = built_base(out_dir)
    chosen = tuple(sorted((g for g in store.named_graphs() if in_slice(g.value, graphs, base)), key=str))
    return Scope(default_graph=chosen, named_graphs=chosen)


def _open_read_only(path: Path) -> pyoxigraph.Store:
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as error:
        raise UnusableStoreError(f"{path}/ cannot be opened ({error})") from None

"""The build pipeline: sources → compile → validate → reason → write.

Long because the stages are scheduled here, each a call: which runs beside
which, what fails the build, and what the previous build's output spares.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from hashlib import sha256
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

from kg.artifacts import built_base, load_built
from kg.atomic import Staged, locked, staging
from kg.engines import DEFAULT_REASONER, DEFAULT_VALIDATOR, REASONERS, VALIDATORS, Engine
from kg.engines.partition import NTriples
from kg.engines.validators import at_once
from kg.errors import KGError, SourceError, ValidationError
from kg.formats.ntriples import graph_endings, nquads
from kg.formats.turtle import turtle
from kg.memory import release
from kg.namespaces import KGO, OA, ONTOLOGY_GRAPH, SKOLEM_AUTHORITY, GraphNames, bind_prefixes
from kg.pipeline.blocks import kg_turtle, parsed
from kg.pipeline.cache import (
    ASSERTED,
    Reasoned,
    context,
    known_articles,
    previous_asserted,
    previous_reasoning,
    previous_units,
    record,
)
from kg.pipeline.compile import compile_units
from kg.pipeline.corroborate import corroborate, corroboration_graph, load_rules
from kg.pipeline.known import KnownArticles
from kg.pipeline.patch import Patch, line_patch
from kg.pipeline.reason import (
    Inference,
    describe_activity,
    facts_digest,
    inference_of,
    reason,
    reasoning_input,
    used_graphs,
)
from kg.pipeline.renaming import renamed_inference, renaming_invisible
from kg.pipeline.sources import load_sources
from kg.pipeline.units import Assembly, Tally, compile_and_assemble
from kg.pipeline.validate import Report, validate, validate_triples
from kg.progress import SILENT, Progress, as_progress
from kg.project import PACKAGED_ONTOLOGY
from kg.rdf import Quads, Triple, quads_of, to_dataset, to_graph, union_graph
from kg.store import KnownChanges, commit_with_store, sha256_of, write_with_store

STAGED_PIECE = 65_536  # lines of a dump joined to be written at once


@dataclass(frozen=True)
class Paths:
    data: Path = Path("data")
    ontology: Path = PACKAGED_ONTOLOGY
    out: Path = Path("build")

    def ontology_file(self, name: str) -> Path:
        return self.ontology / name


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote; ``quads``, ``dataset`` and ``graph`` give it as rdflib objects."""

    compiled: Quads  # the asserted named graphs, the ontology's among them, as the build made them
    report: Report
    inference: Inference
    summary: dict
    out: Path | None = None  # where they were written, if ``compiled`` lacks the articles the build did not compile

    @cached_property
    def quads(self) -> Quads:
        return self.compiled if self.out is None else quads_of(load_built(self.out, "asserted"))

    @cached_property
    def dataset(self) -> Dataset:
        return to_dataset(self.quads, self.summary["base"])

    @cached_property
    def graph(self) -> Graph:
        return to_graph(set().union(*self.quads.values()), self.summary["base"])


def check_base(base: str) -> str:
    if not base.startswith(("http://", "https://")) or not base.endswith("/"):
        raise KGError(f"base IRI must be an http(s) URL ending in '/', got {base!r}")
    return base


def load_turtle(path: Path) -> Graph:
    if not path.is_file():
        raise SourceError(f"{path}: file not found")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not valid UTF-8 at byte {error.start}") from None
    except Exception as error:  # rdflib's Turtle parser raises many kinds on bad input
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise SourceError(f"{path}: malformed Turtle: {first_line}") from None
    return graph


def load_ontology(path: Path) -> Graph:
    """The ontology with its blank nodes (axioms, lists) skolemized under names
    derived from their content, so that the output holds no blank node and is
    byte-identical from run to run."""
    canonical = Graph()
    canonical += to_canonical_graph(load_turtle(path))
    return canonical.skolemize(authority=SKOLEM_AUTHORITY, basepath="/.well-known/genid/")


def summarize(quads: Quads, tally: Tally, base: str) -> dict:
    """What summary.json says of the asserted ``quads``, the ``tally`` of their triples."""
    names = GraphNames(base)
    prefixes = to_graph((), base).namespace_manager
    classes = Counter(prefixes.normalizeUri(o) for _, p, o in quads.get(names.entities, ()) if p == RDF.type)
    typed = tally.typed
    return {
        "base": base,
        "triples": tally.triples,
        "entities": sum(classes.values()),
        "entities_by_class": dict(sorted(classes.items())),
        "facts": sum(len(t) for name, t in quads.items() if names.is_article(name)),
        "outside_facts": sum(1 for _, p, o in quads.get(names.reference, ()) if p == RDF.type and o == KGO.Statement),
        "statements": typed[KGO.Statement],
        "evidence_spans": typed[KGO.Evidence],
        "mentions": typed[OA.Annotation],
    }


def _fail_on(report: Report, what: str, out: Path) -> None:
    if not report.conforms:
        raise ValidationError(
            f"{len(report.violations)} SHACL violation(s) in the {what}; {out}/ left unchanged",
            [str(v) for v in report.violations],
        )


def inference_summary(inference: Inference) -> dict:
    return {
        "triples": len(inference.graph),
        "dropped_as_noise": inference.dropped,
        "by_predicate": inference.by_predicate,
        "by_class": inference.by_class,
    }


def infer(
    quads: Quads, ontology: Graph, base: str, reasoner: str = DEFAULT_REASONER, facts: set[Triple] | None = None
) -> tuple[Inference, Dataset]:
    """Reason over the asserted facts (``facts``, if already drawn from the
    named graphs); the result is a dataset of one named graph."""
    inference = reason(facts if facts is not None else reasoning_input(quads, base), ontology, base, reasoner)
    return inference, inferred_dataset(inference, quads, base, reasoner)


def inferred_dataset(inference: Inference, quads: Quads, base: str, reasoner: str) -> Dataset:
    """The inferred graph of ``inference`` over ``quads``, with the activity that made it."""
    inferred = Dataset()
    bind_prefixes(inferred, base)
    graph = inferred.graph(GraphNames(base).inferred)
    graph += inference.graph
    describe_activity(graph, base, used_graphs(quads, base), reasoner)
    return inferred


def inferred_outputs(inferred: Dataset, base: str) -> dict[str, bytes]:
    return {"inferred.ttl": turtle(union_graph(inferred, base)), "inferred.nq": nquads(inferred)}


def build(
    paths: Paths,
    base: str,
    progress: Progress | Callable[[str], None] = SILENT,
    allow_unreviewed: bool = False,
    reasoner: str = DEFAULT_REASONER,
    validator: str = DEFAULT_VALIDATOR,
    cache: bool = True,
) -> BuildResult:
    """Compile, validate, reason and write the KG; on any failure nothing is written.

    With ``cache``, what the previous build in ``paths.out`` left (kg.pipeline.cache)
    spares work: the output is the same byte for byte."""
    check_base(base)
    engine(REASONERS, reasoner).require()
    engine(VALIDATORS, validator).require()
    with locked(paths.out), collector_paused():
        return _build(paths, base, as_progress(progress), allow_unreviewed, Engines(reasoner, validator), cache)


def engine(registry: dict[str, Engine], name: str) -> Engine:
    if name not in registry:
        raise KGError(f"unknown engine {name!r}; known: {', '.join(registry)}")
    return registry[name]


def reason_again(out_dir: Path, reasoner: str = DEFAULT_REASONER) -> dict:
    """Run the reasoning stage again on a build (with the ontology it was built
    with), rewrite its inferred.* files, and say what was inferred."""
    engine(REASONERS, reasoner).require()
    base = built_base(out_dir)
    asserted = load_built(out_dir, "asserted")
    ontology = asserted.graph(ONTOLOGY_GRAPH)
    facts = {g.identifier: set(g) for g in asserted.graphs() if len(g) and g.identifier != ONTOLOGY_GRAPH}
    inference, inferred = infer(facts, ontology, base, reasoner)
    with locked(out_dir):
        # The query store holds the inferred graph too: it is written again with it.
        write_with_store(out_dir, inferred_outputs(inferred, base))
    return inference_summary(inference)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off: a build makes millions of small
    objects and few cycles, and the collector's passes over them cost a tenth
    of the time (measured on a 200-article corpus: 18.0 s against 16.0 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()  # what _build froze
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Engines:
    reasoner: str = DEFAULT_REASONER
    validator: str = DEFAULT_VALIDATOR


def _build(
    paths: Paths, base: str, progress: Progress, allow_unreviewed: bool, engines: Engines, cache: bool
) -> BuildResult:
    key = context(paths.ontology, (base, str(allow_unreviewed), engines.reasoner, engines.validator))
    since = previous_asserted(paths.out, key, progress) if cache else None
    progress(f"reading sources from {paths.data}/ and {paths.ontology}/")
    known = known_articles(paths.out, progress) if since is not None else KnownArticles()
    sources = load_sources(paths.data, known)
    ontology = load_ontology(paths.ontology_file("kg.ttl"))
    shapes = load_turtle(paths.ontology_file("shapes.ttl"))
    inferred_shapes = load_turtle(paths.ontology_file("shapes-inferred.ttl"))
    reused = previous_units(paths.out, key, progress, since) if since is not None else None
    progress("compiling facts, statements and evidence")
    compiled, assembly = compile_and_assemble(
        partial(compile_units, sources, ontology, base, allow_unreviewed, progress),
        (ONTOLOGY_GRAPH, set(ontology)),
        reused,
        progress,
        reuse=VALIDATORS[engines.validator].reads_ntriples,  # the others validate the triples as rdflib terms
    )
    del sources  # the articles' texts and records: compiled, no longer read
    quads, reused_articles = compiled.quads, compiled.partial
    if reused_articles:
        # The facts of the articles not compiled, for reasoning and the summary.
        quads.update(assembly.quads_outside((ONTOLOGY_GRAPH, *GraphNames(base).about_statements)))
    reasoned = partial(previous_reasoning, paths.out, note=progress) if since is not None else None
    del compiled  # each article's own sets: their triples are in ``quads``, their lines in the assembly
    # What lives on to the end (the corpus's triples) is frozen: collecting
    # the cycles the validations leave (kg.memory.collect) looks only at what came after.
    gc.freeze()
    rules = load_rules(paths.ontology)
    progress(f"comparing statements ({len(rules)} corroboration rules)")
    links = corroborate(quads, set(ontology), rules, assembly.ntriple_lines(), assembly.corroborated_since())
    if rules:
        corroboration = GraphNames(base).corroboration
        quads[corroboration] = corroboration_graph(links, rules, base)
        assembly.add_corroboration(corroboration, quads[corroboration], links.compared)
    # Without the articles not compiled: only what reads them whole (the tally, Turtle) takes their lines.
    triples = set() if reused_articles else set().union(*quads.values())
    tally = assembly.tally(ONTOLOGY_GRAPH) if reused_articles else Tally.of(triples)
    summary = summarize(quads, tally, base)
    # Validated with the data, so that a shape on a class covers its subclasses.
    asserted = assembly.ntriple_lines()
    shapes_file = paths.ontology_file("shapes.ttl")
    if not VALIDATORS[engines.validator].validates_changes or at_once(summary["triples"] + len(ontology)):
        since = None  # validated whole: the reference engine, or a graph small enough that it costs no more
    changes = " (what changed since the last build)" if since is not None else ""
    progress(f"validating {summary['triples']} triples{changes} against {shapes_file} ({engines.validator})")
    # Each output is staged (kg.atomic) as soon as it is made and let go, the
    # query store loaded from the staged files: all are renamed into place at
    # the end, or none, and never are two of them in memory at once.
    with ThreadPoolExecutor(1) as background, ThreadPoolExecutor(1) as hashing, staging(paths.out) as staged:
        # An engine outside Python's lock validates while the build reasons and writes.
        # An engine that reads N-Triples is not handed the set, which it would
        # hold until it ends, long after the build let it go (256 MiB at 10,000 articles).
        data = None if VALIDATORS[engines.validator].reads_ntriples else triples
        checking = background.submit(
            _validate_asserted, data, ontology, shapes, engines.validator, (asserted, since), base
        )
        del data
        del since
        if not VALIDATORS[engines.validator].outside_gil:
            _fail_on(checking.result(), "asserted graph", paths.out)
        written = {ASSERTED: _stage_lines(staged, ASSERTED, asserted, (assembly.triple_changes(), hashing))}
        try:
            namespaces, subjects = to_graph((), base).namespaces(), assembly.subjects()
            turtle_dump, prefixes = kg_turtle(
                assembly.triples,
                (lambda: parsed(assembly.triples)) if reused_articles else partial(with_ontology, triples, ontology),
                namespaces,
                reused and reused.turtle,
                subjects,
            )
            written["kg.ttl"] = _stage_turtle(staged, turtle_dump, hashing)
            del asserted, turtle_dump  # each dump let go once staged
            written["kg.nq"] = _stage_lines(staged, "kg.nq", assembly.lines, (assembly.quad_changes(), hashing))
            # The lines of the graphs reasoning reads: how its input is told from the last build's.
            not_reasoned = graph_endings(ONTOLOGY_GRAPH, *GraphNames(base).about_statements)
            fact_lines = [line for line in assembly.lines if not line.endswith(not_reasoned)]
            before = assembly.as_before(fact_lines, not_reasoned) if reasoned is not None else None
            renamed = (
                partial(
                    renamed_inference,
                    (before, fact_lines),
                    (assembly.shared, not_reasoned[0]),
                    reasoned,
                    base,
                    engines.reasoner,
                )
                if before is not None and reasoned is not None
                else None
            )
            inference, reasoning = _reason_and_write(
                paths,
                base,
                progress,
                engines,
                quads,
                (ontology, inferred_shapes),
                staged,
                fact_lines,
                reasoned,
                renamed,
            )
        except KGError:
            _fail_on(checking.result(), "asserted graph", paths.out)  # as when validation came first
            raise
        del triples
        release()
        report = checking.result()
        _fail_on(report, "asserted graph", paths.out)
        # The store's update reads kg.nt's lines; then they are let go (staged,
        # written as Turtle and validated) before the store is loaded.
        digests = {name: digest if isinstance(digest, str) else digest.result() for name, digest in written.items()}
        known_changes = _store_changes(assembly, staged, digests)
        assembly.triples = None
        release()
        summary["inferred"] = inference_summary(inference)
        summary["ontology_triples"] = len(ontology)
        progress(f"writing {paths.out}/ and its query store")
        staged.write("shacl-report.ttl", turtle(report.graph))
        staged.write("summary.json", (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode())
        commit_with_store(staged, update=cache, note=progress, known=known_changes)
    record(paths.out, key, digests, assembly, prefixes, known, reasoning, (tally, staged.committed))
    return BuildResult(quads, report, inference, summary, paths.out if reused_articles else None)


def _store_changes(assembly: Assembly, staged: Staged, written: dict[str, str]) -> KnownChanges | None:
    """What changed in the dumps since the previous build, as the assembly
    knows it, for the query store's update; None if not known."""
    try:
        old = (staged.folder / "inferred.nq").read_bytes()
    except OSError:
        return None  # no previous dump: nothing to update
    return assembly.store_changes(old, staged.path("inferred.nq").read_bytes(), written)


def _stage_lines(
    staged: Staged, name: str, lines: list[bytes], patching: tuple[tuple[list[bytes], list[bytes]] | None, Executor]
) -> str | Future[str]:
    """Stage the dump of ``lines``, and its SHA-256: where the changes from
    the previous one (the lines gone and the lines new) are known, as a
    patch of it (kg.pipeline.patch), hashed by the executor from the staged
    file while the build goes on; otherwise a piece at a time, never joined
    whole (a gigabyte at 10,000 articles)."""
    changes, hashing = patching
    patch = line_patch(staged.folder / name, *changes, sum(map(len, lines))) if changes is not None else None
    if patch is not None:
        staged.write(name, patch)
        return hashing.submit(sha256_of, staged.path(name))
    digest = sha256()

    def write(out: BinaryIO) -> None:
        for start in range(0, len(lines), STAGED_PIECE):
            piece = b"".join(lines[start : start + STAGED_PIECE])
            digest.update(piece)
            out.write(piece)

    staged.write(name, write)
    return digest.hexdigest()


def _stage_turtle(staged: Staged, turtle: bytes | Patch, hashing: Executor) -> str | Future[str]:
    """Stage kg.ttl; its SHA-256, taken by ``hashing`` from the staged file if it is a patch."""
    staged.write("kg.ttl", turtle)
    return sha256(turtle).hexdigest() if isinstance(turtle, bytes) else hashing.submit(sha256_of, staged.path("kg.ttl"))


def with_ontology(triples: set[Triple], ontology: Iterable[Triple]) -> Iterator[Triple]:
    """The union of ``triples`` and the ontology's, each once, without a copy of the set."""
    yield from triples
    yield from (triple for triple in ontology if triple not in triples)


def _reason_and_write(
    paths: Paths,
    base: str,
    progress: Progress,
    engines: Engines,
    quads: Quads,
    ontology_and_shapes: tuple[Graph, Graph],
    staged: Staged,
    fact_lines: list[bytes],
    reasoned: Callable[[str], Reasoned | None] | None = None,
    renamed: Callable[[], Inference | None] | None = None,
) -> tuple[Inference, dict]:
    """Reason, check the reasoned graph, and stage the inferred dumps (the
    asserted ones are staged already); or, where ``reasoned`` gives what the
    last build inferred from the same facts, stage its dumps; or, where
    ``renamed`` gives the last build's inference renamed
    (kg.pipeline.renaming), check and stage that. ``fact_lines``: the
    sorted N-Quads lines of the graphs reasoning reads. Also what the
    manifest records of it (kg.pipeline.cache.previous_reasoning)."""
    ontology, inferred_shapes = ontology_and_shapes
    facts = reasoning_input(quads, base)
    used = used_graphs(quads, base)
    digest = facts_digest(fact_lines, used)
    kept = _kept_inference(reasoned and reasoned(digest), base, used, engines.reasoner)
    if kept is not None:
        # The same facts give the same closure, and its check passed last time.
        progress("reasoning: the facts reasoned over are the last build's, and so are the inferences")
        inference, dumps = kept
    else:
        from_renaming = renamed() if renamed is not None else None
        shapes_file = paths.ontology_file("shapes-inferred.ttl")
        if from_renaming is not None:
            progress("reasoning: only text the rules cannot read changed, and the inferences are renamed with it")
            inference, inferred = from_renaming, inferred_dataset(from_renaming, quads, base, engines.reasoner)
        else:
            progress(f"reasoning (OWL 2 RL, {engines.reasoner})")
            inference, inferred = infer(quads, ontology, base, engines.reasoner, facts)
        if from_renaming is not None and renaming_invisible(inferred_shapes):
            # The last build's reasoned graph conformed, and these shapes cannot tell it from its renaming.
            progress(f"the reasoned graph is the last one renamed, which {shapes_file} cannot tell apart")
        else:
            progress(f"validating the reasoned graph against {shapes_file}")
            report = validate_triples(chain(facts, inference.graph), inferred_shapes, ontology, engines.validator, base)
            _fail_on(report, "reasoned graph", paths.out)
        del facts
        progress("serializing")
        dumps = inferred_outputs(inferred, base)
    # Ship the ontology as a named graph of its own, so that the output is
    # self-describing (labels of classes and properties) in any triple store.
    quads[ONTOLOGY_GRAPH] = set(ontology)
    for name, data in dumps.items():
        staged.write(name, data)
    digests = {name: sha256(data).hexdigest() for name, data in dumps.items()}
    return inference, {"facts": digest, **digests, "summary": inference_summary(inference)}


def _kept_inference(
    previous: Reasoned | None, base: str, used: list, reasoner: str
) -> tuple[Inference, dict[str, bytes]] | None:
    if previous is None:
        return None
    inference = inference_of(previous.dumps["inferred.nq"], previous.summary, base, used, reasoner)
    return None if inference is None else (inference, previous.dumps)


def _validate_asserted(
    triples: set[Triple] | None,
    ontology: Graph,
    shapes: Graph,
    validator: str,
    asserted: tuple[NTriples, bytes | None],
    base: str,
) -> Report:
    """An engine that reads N-Triples gets them, and those of the previous
    build if it conformed; the others get the data as an rdflib graph (of
    ``triples``, None for the former)."""
    ntriples, since = asserted
    if VALIDATORS[validator].reads_ntriples:
        return validate(to_graph((), base), shapes, ontology, validator=validator, ntriples=ntriples, since=since)
    return validate(to_graph(triples, base), shapes, ontology, validator=validator)

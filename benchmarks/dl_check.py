"""Cross-check the build's OWL 2 RL reasoning with a DL reasoner, HermiT.

Usage: python benchmarks/dl_check.py [BUILD] [ONTOLOGY]   (defaults: build/, the packaged ontology/kg.ttl)
Needs: pip install owlready2 (it bundles HermiT) and a Java runtime (Debian's default-jre).

Loads the facts a build reasons over (every asserted graph but provenance and
corroboration) with the ontology into owlready2, runs HermiT, and prints:
whether the whole is consistent, how long HermiT took, the datatypes in the
data outside the OWL 2 datatype map (HermiT is told to ignore them, else it
stops on the first one), and how HermiT's class memberships of the entities
compare with the build's (asserted and OWL 2 RL-inferred types). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import owlready2
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.artifacts import built_base, load_built
from kg.namespaces import ONTOLOGY_GRAPH, GraphNames
from kg.project import PACKAGED_ONTOLOGY

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4), by local name.
OWL2_DATATYPES = {
    *(
        f"{XSD}{name}"
        for name in [
            "decimal",
            "integer",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "positiveInteger",
            "negativeInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
            "double",
            "float",
            "string",
            "normalizedString",
            "token",
            "language",
            "Name",
            "NCName",
            "NMTOKEN",
            "boolean",
            "hexBinary",
            "base64Binary",
            "anyURI",
            "dateTime",
            "dateTimeStamp",
        ]
    ),
    str(RDF.PlainLiteral),
    str(RDF.XMLLiteral),
    str(RDFS.Literal),
    "http://www.w3.org/2002/07/owl#real",
    "http://www.w3.org/2002/07/owl#rational",
    str(RDF.langString),
}
IGNORED_TYPES = {OWL.Thing, OWL.NamedIndividual, RDFS.Resource}


def facts_of(build: Path) -> tuple[Graph, Graph]:
    """The facts the build reasons over, and its inferred graph."""
    dataset = load_built(build, "all")
    names = GraphNames(built_base(build))
    skipped = {names.provenance, names.corroboration, names.inferred, ONTOLOGY_GRAPH}
    facts = Graph()
    for graph in dataset.graphs():
        if graph.identifier not in skipped:
            facts += graph
    return facts, dataset.graph(names.inferred)


def outside_datatypes(graph: Graph) -> dict[str, int]:
    counts: dict[str, int] = {}
    for obj in graph.objects():
        if isinstance(obj, Literal) and obj.datatype is not None and str(obj.datatype) not in OWL2_DATATYPES:
            counts[str(obj.datatype)] = counts.get(str(obj.datatype), 0) + 1
    return dict(sorted(counts.items()))


def memberships(graph: Graph, individuals: set) -> set[tuple]:
    return {
        (s, o)
        for s, o in graph.subject_objects(RDF.type)
        if s in individuals and isinstance(o, URIRef) and o not in IGNORED_TYPES and not isinstance(s, BNode)
    }


def closed(found: set[tuple], hierarchy: Graph) -> set[tuple]:
    return {
        (s, ancestor)
        for s, o in found
        for ancestor in hierarchy.transitive_objects(o, RDFS.subClassOf)
        if isinstance(ancestor, URIRef) and ancestor not in IGNORED_TYPES
    }


def hermit(ontology_file: Path, facts: Graph) -> tuple[Graph, float, str]:
    """HermiT's realisation of the facts with the ontology, as an rdflib graph of the reasoned world."""
    world = owlready2.World()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "facts.nt"
        facts.serialize(data, format="nt", encoding="utf-8")
        ontology = Path(folder) / "ontology.nt"
        Graph().parse(ontology_file, format="turtle").serialize(ontology, format="nt", encoding="utf-8")
        world.get_ontology(f"file://{ontology}").load()
        world.get_ontology(f"file://{data}").load()
        started = time.perf_counter()
        try:
            with world.get_ontology("http://kg.example.org/dl-check#"):
                owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
            verdict = "consistent"
        except owlready2.OwlReadyInconsistentOntologyError:
            verdict = "INCONSISTENT"
        seconds = time.perf_counter() - started
    return world.as_rdflib_graph(), seconds, verdict


def main() -> None:
    build = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build")
    ontology_file = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(str(PACKAGED_ONTOLOGY)) / "kg.ttl"
    facts, inferred = facts_of(build)
    print(f"facts: {len(facts)} triples; OWL 2 RL inferred: {len(inferred)} triples")
    for datatype, count in outside_datatypes(facts).items():
        print(f"outside the OWL 2 datatype map (ignored by HermiT): {datatype} ({count} literals)")
    reasoned, seconds, verdict = hermit(ontology_file, facts)
    print(f"HermiT: {verdict} in {seconds:.1f} s")
    individuals = set(facts.subjects(RDF.type, None))
    # HermiT reports the most specific classes: both sides are closed under the
    # ontology's class hierarchy before they are compared.
    hierarchy = Graph().parse(ontology_file, format="turtle")
    rl = closed(memberships(facts, individuals) | memberships(inferred, individuals), hierarchy)
    dl = closed(memberships(reasoned, individuals), hierarchy)
    print(
        f"class memberships of {len(individuals)} entities: OWL 2 RL {len(rl)}, HermiT {len(dl)}, both {len(rl & dl)}"
    )
    for label, only in (("only OWL 2 RL", rl - dl), ("only HermiT", dl - rl)):
        print(f"{label}: {len(only)}")
        for s, o in sorted(only)[:15]:
            print(f"  {s} a {o}")


if __name__ == "__main__":
    main()

"""Flat, sorted RDF/XML."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD


def rdfxml(graph: Graph) -> bytes:
    """Flat RDF/XML, one rdf:Description a subject, subjects and properties sorted.

    rdflib's own RDF/XML writers follow the store's set order, which changes
    with the hash seed.
    """
    manager = graph.namespace_manager
    used: dict[str, str] = {"rdf": str(RDF)}
    properties: dict[URIRef, str] = {}
    for predicate in sorted(set(graph.predicates())):
        prefix, namespace, local = manager.compute_qname_strict(predicate)
        used[prefix] = str(namespace)
        properties[predicate] = f"{prefix}:{local}"
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"  xmlns:{prefix}={quoteattr(ns)}" for prefix, ns in sorted(used.items())]
    lines[-1] += ">"
    for subject in sorted(set(graph.subjects()), key=str):
        lines.append(f"  <rdf:Description {_node_attribute('about', subject)}>")
        for predicate, obj in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), po[1].n3())):
            lines.append("    " + _xml_property(properties[predicate], obj))
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _node_attribute(kind: str, node: object) -> str:
    """rdf:about or rdf:resource for an IRI, rdf:nodeID for a blank node (a CONSTRUCT may make them)."""
    if isinstance(node, BNode):
        return f"rdf:nodeID={quoteattr('b' + str(node))}"
    return f"rdf:{kind}={quoteattr(str(node))}"


def _xml_property(name: str, obj: object) -> str:
    if isinstance(obj, URIRef | BNode):
        return f"<{name} {_node_attribute('resource', obj)}/>"
    assert isinstance(obj, Literal)
    attributes = ""
    if obj.language:
        attributes = f" xml:lang={quoteattr(obj.language)}"
    elif obj.datatype and obj.datatype != XSD.string:
        attributes = f" rdf:datatype={quoteattr(str(obj.datatype))}"
    # A carriage return would come back as a line feed: XML normalises line ends.
    return f"<{name}{attributes}>{escape(str(obj), {chr(13): '&#13;'})}</{name}>"

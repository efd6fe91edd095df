"""RDF export and SHACL shapes, both derived from `ontology.ttl`.

The property graph uses plain labels for people writing Cypher by hand; the
export uses the ontology's IRIs (aligned with ORG, PROV-O, ELI), so that the
same facts can be published as Linked Data and checked with SHACL.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from graph.data import GraphData
from graph.schema import GOVKG, Schema, load

DATA = Namespace("https://w3id.org/govkg/id/")
_XSD = {"STRING": XSD.string, "INT64": XSD.integer, "BOOLEAN": XSD.boolean}


def node_iri(label: str, id_: str) -> URIRef:
    return DATA[f"{label}/{quote(id_, safe='')}"]


def to_rdf(data: GraphData, schema: Schema | None = None) -> Graph:
    """The graph as RDF: one resource per node, one triple per relationship."""
    schema = schema or load()
    g = Graph()
    g.bind("govkg", GOVKG)
    g.bind("id", DATA)
    for node in data.nodes:
        node_type = schema.node(node.label)
        subject = node_iri(node.label, node.id)
        g.add((subject, RDF.type, node_type.iri))
        for prop in node_type.properties:
            value = node.props.get(prop.name)
            for v in (value if prop.is_list else [value]):
                if v is not None:
                    g.add((subject, prop.iri, Literal(v, datatype=_XSD[prop.type])))
    for edge in data.edges:
        rel = schema.rel(edge.type)
        g.add((node_iri(*edge.src), rel.iri, node_iri(*edge.dst)))
    return g


def shapes(schema: Schema | None = None) -> Graph:
    """SHACL shapes: every node has its key, single-valued properties at most once, typed values."""
    schema = schema or load()
    g = Graph()
    g.bind("sh", SH)
    g.bind("govkg", GOVKG)
    for node in schema.nodes:
        shape = GOVKG[f"{node.label}Shape"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, node.iri))
        for prop in node.properties:
            p = BNode()
            g.add((shape, SH.property, p))
            g.add((p, SH.path, prop.iri))
            g.add((p, SH.datatype, _XSD[prop.type]))
            if not prop.is_list:
                g.add((p, SH.maxCount, Literal(1)))
            if prop.name == node.key:
                g.add((p, SH.minCount, Literal(1)))
    return g

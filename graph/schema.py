"""The property-graph schema, read from `ontology.ttl`.

Nothing else in govkg spells out labels, relationship types or properties:
LadybugDB tables, Neo4j constraints, the graph builder's checks and the RDF
export all come from the `Schema` returned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SDO

GOVKG = Namespace("https://w3id.org/govkg#")
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology.ttl"

_TYPES = {XSD.string: "STRING", XSD.integer: "INT64", XSD.boolean: "BOOLEAN"}


@dataclass(frozen=True)
class Property:
    name: str
    iri: URIRef
    type: str  # STRING | INT64 | BOOLEAN
    is_list: bool
    accumulates: bool  # a list that gathers values across ingests
    label_en: str
    label_zh: str
    searched: bool = False  # catalog queries look nodes up by its text: stores index it
    matched: bool = False  # stores look nodes up by its exact value: indexed where a store has such indexes

    @property
    def ladybug_type(self) -> str:
        return f"{self.type}[]" if self.is_list else self.type


@dataclass(frozen=True)
class NodeType:
    label: str
    iri: URIRef
    key: str
    properties: tuple[Property, ...]
    label_en: str
    label_zh: str
    colour: str

    def property(self, name: str) -> Property:
        return next(p for p in self.properties if p.name == name)


@dataclass(frozen=True)
class RelType:
    type: str
    iri: URIRef
    pairs: tuple[tuple[str, str], ...]  # (from label, to label)
    properties: tuple[Property, ...]
    label_en: str
    label_zh: str


@dataclass(frozen=True)
class Schema:
    nodes: tuple[NodeType, ...]
    rels: tuple[RelType, ...]
    graph: Graph

    def node(self, label: str) -> NodeType:
        return next(n for n in self.nodes if n.label == label)

    def rel(self, type_: str) -> RelType:
        return next(r for r in self.rels if r.type == type_)


def _label(g: Graph, iri: URIRef, lang: str) -> str:
    for value in g.objects(iri, RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return str(iri).rsplit("#", 1)[-1]


def _properties(g: Graph, domain: URIRef) -> tuple[Property, ...]:
    props = []
    for iri in sorted(g.subjects(SDO.domainIncludes, domain)):
        if (iri, RDF.type, OWL.DatatypeProperty) not in g:
            continue
        range_ = g.value(iri, RDFS.range)
        props.append(
            Property(
                name=str(iri).rsplit("#", 1)[-1],
                iri=iri,
                type=_TYPES[range_],
                is_list=bool(g.value(iri, GOVKG.list)),
                accumulates=bool(g.value(iri, GOVKG.accumulates)),
                label_en=_label(g, iri, "en"),
                label_zh=_label(g, iri, "zh"),
                searched=bool(g.value(iri, GOVKG.searched)),
                matched=bool(g.value(iri, GOVKG.matched)),
            )
        )
    # The key first, then the display name: readable DDL and table columns.
    order = {"id": 0, "name": 1}
    return tuple(sorted(props, key=lambda p: (order.get(p.name, 2), p.name)))


@lru_cache(maxsize=None)
def load(path: Path = ONTOLOGY) -> Schema:
    """Parse the ontology once per process."""
    g = Graph().parse(path, format="turtle")
    nodes = []
    for iri in sorted(g.subjects(RDF.type, OWL.Class)):
        label = g.value(iri, GOVKG.label)
        if label is None:
            continue
        key = str(g.value(iri, GOVKG.key)).rsplit("#", 1)[-1]
        nodes.append(
            NodeType(
                label=str(label), iri=iri, key=key, properties=_properties(g, iri),
                label_en=_label(g, iri, "en"), label_zh=_label(g, iri, "zh"),
                colour=str(g.value(iri, GOVKG.display) or "#999999"),
            )
        )
    by_iri = {n.iri: n.label for n in nodes}
    rels = []
    for iri in sorted(g.subjects(RDF.type, OWL.ObjectProperty)):
        label = g.value(iri, GOVKG.label)
        if label is None:
            continue
        domains = sorted(by_iri[d] for d in g.objects(iri, SDO.domainIncludes))
        ranges = sorted(by_iri[r] for r in g.objects(iri, SDO.rangeIncludes))
        rels.append(
            RelType(
                type=str(label), iri=iri, pairs=tuple(product(domains, ranges)),
                properties=_properties(g, iri),
                label_en=_label(g, iri, "en"), label_zh=_label(g, iri, "zh"),
            )
        )
    return Schema(tuple(nodes), tuple(rels), g)

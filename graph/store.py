"""The one interface every graph store implements, and the Cypher they share.

Like rdflib's store plugins, a store is a small class: it creates the schema
derived from `ontology.ttl`, writes `GraphData` with idempotent batched
`UNWIND … MERGE`, and runs parameterised read queries. The write statements
below are generated from the schema and run unchanged on LadybugDB and Neo4j.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from graph.data import Edge, GraphData, Node
from graph.schema import NodeType, RelType, Schema, load
from graph.tenures import EVENTS_CYPHER, MENTIONS_CYPHER, from_rows

BATCH = 5000
DEFAULT_DB = Path(".govkg") / "db"


class StoreError(Exception):
    """A store could not be reached or refused a statement."""


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def merge_nodes_cypher(node: NodeType) -> str:
    sets = ", ".join(f"n.{p.name} = r.{p.name}" for p in node.properties if p.name != node.key)
    return f"UNWIND $rows AS r MERGE (n:{node.label} {{{node.key}: r.{node.key}}}) SET {sets}"


def merge_edges_cypher(rel: RelType, src: NodeType, dst: NodeType) -> str:
    # Two MATCH clauses, not one with a comma: LadybugDB then looks both ends up
    # by primary key instead of joining whole node tables.
    q = (
        f"UNWIND $rows AS r MATCH (a:{src.label} {{{src.key}: r.src}}) MATCH (b:{dst.label} {{{dst.key}: r.dst}}) "
        f"MERGE (a)-[e:{rel.type}]->(b)"
    )
    if rel.properties:
        q += " SET " + ", ".join(f"e.{p.name} = r.{p.name}" for p in rel.properties)
    return q


def batches(rows: Sequence[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield list(rows[i : i + size])


def write_plan(data: GraphData, schema: Schema) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) pairs: all nodes first, then edges grouped by (type, from, to)."""
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in data.nodes:
        nodes[n.label].append(n.props)
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in data.edges:
        edges[(e.type, e.src[0], e.dst[0])].append({"src": e.src[1], "dst": e.dst[1], **e.props})
    plan = [(merge_nodes_cypher(schema.node(label)), rows) for label, rows in sorted(nodes.items())]
    plan += [
        (merge_edges_cypher(schema.rel(t), schema.node(s), schema.node(d)), rows)
        for (t, s, d), rows in sorted(edges.items())
    ]
    return plan


class Store(ABC):
    """A graph store: schema from the ontology, idempotent writes, read-only queries."""

    name: str = ""

    def __init__(self, schema: Schema | None = None):
        self.schema = schema or load()

    def accumulate(self, data: GraphData) -> GraphData:
        """`data` with accumulating lists (a unit's printed forms) joined to what the store holds,
        so that a later gazette adds to them instead of erasing them."""
        by_label: dict[str, list[Node]] = defaultdict(list)
        for n in data.nodes:
            by_label[n.label].append(n)
        held: dict[tuple[str, str], dict[str, list]] = {}
        for label, nodes in by_label.items():
            props = [p.name for p in self.schema.node(label).properties if p.accumulates]
            if not props:
                continue
            returns = ", ".join(f"n.{p} AS {p}" for p in props)
            for batch in batches([n.id for n in nodes]):
                cypher = f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, {returns}"
                for record in self.query(cypher, {"ids": batch}).records():
                    held[(label, record.pop("id"))] = record
        if not held:
            return data
        nodes = []
        for n in data.nodes:
            old = held.get((n.label, n.id))
            if old:
                n = Node(n.label, {**n.props, **{k: sorted(set(v or []) | set(n.props[k])) for k, v in old.items()}})
            nodes.append(n)
        return GraphData(tuple(nodes), data.edges)

    def tenure_plan(self, run: Callable[[str], Result]) -> list[tuple[str, list[dict[str, Any]]]]:
        """Statements that write the tenures derived from every appointment in the store;
        the caller deletes the old ones first (they are derived state, not facts)."""
        derived = from_rows(run(EVENTS_CYPHER).records(), run(MENTIONS_CYPHER).records())
        return write_plan(derived, self.schema)

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables or constraints and indexes derived from the ontology (idempotent)."""

    @abstractmethod
    def write(self, data: GraphData, progress: bool = False) -> None:
        """MERGE `data` into the store."""

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        """Run `cypher` read-only; a write statement fails with `StoreError`."""

    @abstractmethod
    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        """Run `cypher` with write access (maintenance and benchmarks)."""

    @abstractmethod
    def close(self) -> None: ...

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type."""
        out = {}
        for n in self.schema.nodes:
            out[n.label] = self.query(f"MATCH (n:{n.label}) RETURN count(n) AS c").rows[0][0]
        for r in self.schema.rels:
            out[r.type] = self.query(f"MATCH ()-[e:{r.type}]->() RETURN count(e) AS c").rows[0][0]
        return out

    def clear(self) -> None:
        for n in self.schema.nodes:
            self.execute(f"MATCH (n:{n.label}) DETACH DELETE n")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(target: str = "ladybug", db: str | Path | None = None, read_only: bool = False,
               **neo4j: Any) -> Store:
    """The store named by `target` ("ladybug", the default, or "neo4j").

    `read_only` matters to LadybugDB, which lets many readers or one writer
    open its file; Neo4j sessions are read-only per query anyway.
    """
    if target == "ladybug":
        from graph.ladybug_store import LadybugStore

        return LadybugStore(Path(db or os.environ.get("GOVKG_DB") or DEFAULT_DB), read_only=read_only)
    if target == "neo4j":
        from graph.neo4j_store import Neo4jStore

        return Neo4jStore(**neo4j)
    raise StoreError(f"unknown target {target!r}: use 'ladybug' or 'neo4j'")


__all__ = ["Edge", "GraphData", "Node", "Result", "Store", "StoreError", "open_store"]

"""The one interface every graph store implements, and the Cypher they share.

Like rdflib's store plugins, a store is a small class: it creates the schema
derived from `ontology.ttl`, writes `GraphData` with idempotent batched
`UNWIND … MERGE`, and runs parameterised read queries. The write statements
below are generated from the schema and run unchanged on LadybugDB and Neo4j.

`query` is read-only whatever the store was opened for: the statement must
pass the console's allow-list (`graph.console`) and then runs in a read-only
transaction, so neither `ROLLBACK; …` nor `LOAD FROM`/`COPY` gets through.
Writes go only through `write` (and `execute`, for maintenance).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from graph import derived
from graph.console import read_only_statement
from graph.data import Edge, GraphData, Node
from graph.errors import StoreError
from graph.schema import NodeType, RelType, Schema, load
from ingest.people import NEGATIVE, POSITIVE, Resolution

BATCH = 5000
DERIVE_NAMES = 20_000  # names per transaction of `Store.derive`
DEFAULT_DB = Path(".govkg") / "db"
# The printed text of every gazette govkg read, kept beside the graph (not an ontology class)
# in chunks of lines, so that sources are shown from the store and never from a path a facts
# file names, and one chunk, not a whole file, is read to show a few lines.
SOURCE_LABEL = "SourceText"
FILE_LABEL = "IngestedFile"  # the files a store holds, by content hash (graph.bulk)
CHUNK_LINES = 500


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    truncated: bool = False  # more rows than the caller's max_rows: only the first max_rows are here

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


def source_rows(texts: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """SourceText rows (id, file, chunk, text) of each file's lines."""
    return [{"id": f"{file}#{k}", "file": file, "chunk": k,
             "text": "\n".join(lines[k * CHUNK_LINES : (k + 1) * CHUNK_LINES])}
            for file, lines in texts.items() for k in range(-(-len(lines) // CHUNK_LINES))]


SOURCE_MERGE = (f"UNWIND $rows AS r MERGE (s:{SOURCE_LABEL} {{id: r.id}}) "
                "SET s.file = r.file, s.chunk = r.chunk, s.text = r.text")
# Chunks past a file's new end, left by a longer earlier version of it.
SOURCE_TRIM = f"UNWIND $rows AS r MATCH (s:{SOURCE_LABEL}) WHERE s.file = r.file AND s.chunk >= r.chunks DELETE s"


def source_plan(texts: Mapping[str, Sequence[str]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The statements that store `texts` (file → lines), as (statement, rows) pairs."""
    if not texts:
        return []
    ends = [{"file": file, "chunks": -(-len(lines) // CHUNK_LINES)} for file, lines in texts.items()]
    return [(SOURCE_TRIM, ends), (SOURCE_MERGE, source_rows(texts))]


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
        so that a later gazette adds to them instead of erasing them. The lists are sorted
        whether or not the store held some already, so that one load and a load repeated
        (after a kill, say) leave the same values."""
        by_label: dict[str, list[Node]] = defaultdict(list)
        for n in data.nodes:
            by_label[n.label].append(n)
        accumulating = {label: [p.name for p in self.schema.node(label).properties if p.accumulates]
                        for label in by_label}
        held: dict[tuple[str, str], dict[str, list]] = {}
        for label, nodes in by_label.items():
            props = accumulating[label]
            if not props:
                continue
            returns = ", ".join(f"n.{p} AS {p}" for p in props)
            for batch in batches([n.id for n in nodes]):
                cypher = f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, {returns}"
                for record in self.query(cypher, {"ids": batch}).records():
                    held[(label, record.pop("id"))] = record
        nodes = []
        for n in data.nodes:
            old = held.get((n.label, n.id), {})
            joined = {k: sorted(set(old.get(k) or []) | set(n.props[k] or [])) for k in accumulating[n.label]
                      if k in n.props}
            nodes.append(Node(n.label, {**n.props, **joined}) if joined else n)
        return GraphData(tuple(nodes), data.edges)

    def people(self) -> Resolution:
        """People as resolved over the whole store, with the pairs a reviewer may look at."""
        return derived.Mentions(derived.records(self.query)).resolve()

    def judge(self, left: str, right: str, verdict: str) -> None:
        """Record that items `left` and `right` (ids of people or their alternate ids) are one
        person (POSITIVE) or two (NEGATIVE), replacing an earlier word on the same pair; people
        and tenures are derived again at once and after every later ingest."""
        if verdict not in (POSITIVE, NEGATIVE):
            raise StoreError(f"verdict {verdict!r}: use {POSITIVE!r} or {NEGATIVE!r}")
        known = {i for p in self.people().people for i in (p.id, *p.alternate_ids)}
        unknown = [i for i in (left, right) if i not in known]
        if unknown:
            raise StoreError(f"no person or item {', '.join(unknown)} in this store (see `govkg people review`)")
        if left == right:
            raise StoreError(f"{left}: a judgement needs two different ids")
        a, b = sorted((left, right))
        node = Node("Judgement", {"id": f"judgement:{a}|{b}", "name": f"{verdict}: {a} ~ {b}",
                                  "left": a, "right": b, "verdict": verdict})
        self.write(GraphData((node,), ()))

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables or constraints and indexes derived from the ontology (idempotent)."""

    @abstractmethod
    def write(self, data: GraphData, progress: bool = False, texts: Mapping[str, Sequence[str]] | None = None,
              files: Mapping[str, str] | None = None, derive: bool = True) -> None:
        """MERGE `data` into the store, with the printed lines of the gazettes it came from (file → lines)
        and the files it was read from (content hash → file), recorded last (`graph.bulk`); then
        derive the people and tenures pending, unless told not to (`derive`: a later write will)."""

    def derive(self) -> None:
        """Derive the people and tenures pending (`graph.derived.pending`): those of the writes
        told not to derive, or of a load killed before it derived them.

        `DERIVE_NAMES` names at a time (with those judged one person with them), each in a
        transaction of its own that unmarks them: memory follows that number, not the store
        (LadybugDB's commit checkpoints its whole transaction at once), and a derive stopped
        midway leaves only the names it had not reached."""
        read = derived.records(self.query)
        names = derived.pending(read)
        for start in range(0, len(names), DERIVE_NAMES):
            self._derive(derived.judged_with(set(names[start:start + DERIVE_NAMES]), read))

    @abstractmethod
    def _derive(self, names: list[str]) -> None:
        """Derive again the people and tenures of `names` (closed under judgements), and unmark
        them, in one transaction (`graph.bulk.derivation_plan`)."""

    def printed(self, file: str, start: int, end: int) -> str | None:
        """Lines start..end (1-based) of a gazette govkg ingested, from the store; None for any other file."""
        if start < 1 or end < start:
            return None
        first, last = (start - 1) // CHUNK_LINES, (end - 1) // CHUNK_LINES
        rows = self.query(f"MATCH (s:{SOURCE_LABEL}) WHERE s.file = $file AND s.chunk >= $first AND "
                          "s.chunk <= $last RETURN s.chunk AS chunk, s.text AS text ORDER BY chunk",
                          {"file": file, "first": first, "last": last}).rows
        if [chunk for chunk, _ in rows] != list(range(first, last + 1)):
            return None
        lines = "\n".join(text for _, text in rows).split("\n")
        offset = first * CHUNK_LINES
        return "\n".join(lines[start - 1 - offset : end - offset])

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, timeout: float | None = None,
              max_rows: int | None = None) -> Result:
        """Run one read-only statement; anything else fails with `StoreError` before it runs.

        `timeout` (seconds) stops the query in the engine; `max_rows` keeps the
        first rows and marks the result `truncated` instead of fetching the rest.
        """
        return self._read(read_only_statement(cypher), params or {}, timeout, max_rows)

    @abstractmethod
    def _read(self, cypher: str, params: dict[str, Any], timeout: float | None, max_rows: int | None) -> Result:
        """Run a checked statement in a read-only transaction of its own."""

    @abstractmethod
    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        """Run `cypher` with write access (maintenance and benchmarks)."""

    @abstractmethod
    def close(self) -> None: ...

    def graph(self) -> GraphData:
        """Everything the store holds of the ontology (judgements included), for export."""
        nodes = []
        for n in self.schema.nodes:
            returns = ", ".join(f"n.{p.name} AS {p.name}" for p in n.properties)
            rows = self.query(f"MATCH (n:{n.label}) RETURN {returns} ORDER BY n.id").records()
            nodes += [Node(n.label, r) for r in rows]
        edges = []
        for r in self.schema.rels:
            returns = "".join(f", e.{p.name} AS {p.name}" for p in r.properties)
            for src, dst in r.pairs:
                cypher = (f"MATCH (a:{src})-[e:{r.type}]->(b:{dst}) "
                          f"RETURN a.id AS src, b.id AS dst{returns} ORDER BY src, dst")
                edges += [Edge(r.type, (src, row.pop("src")), (dst, row.pop("dst")), row)
                          for row in self.query(cypher).records()]
        return GraphData(tuple(nodes), tuple(edges))

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type."""
        out = {}
        for n in self.schema.nodes:
            out[n.label] = self.query(f"MATCH (n:{n.label}) RETURN count(n) AS c").rows[0][0]
        for r in self.schema.rels:
            out[r.type] = self.query(f"MATCH ()-[e:{r.type}]->() RETURN count(e) AS c").rows[0][0]
        return out

    def clear(self) -> None:
        for label in [n.label for n in self.schema.nodes] + [SOURCE_LABEL, FILE_LABEL, derived.PENDING_LABEL]:
            self.execute(f"MATCH (n:{label}) DETACH DELETE n")

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

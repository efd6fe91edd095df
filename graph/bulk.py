"""What a load may create outright, and what it must MERGE.

A node whose id the store does not hold yet cannot collide with anything, and
neither can an edge with such a node at one end: those are written with the
stores' fast paths (LadybugDB's `COPY FROM`, Neo4j's `CREATE`). Only nodes
that exist already, and edges between two of them, go through `MERGE`. Which
ids exist is read from the store at the start of the write, so a load killed
halfway and run again MERGEs what the first run left behind.

The files a store holds are recorded too (`IngestedFile`, by content hash,
not an ontology class): an ingest that meets a file it holds skips it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Collection, Mapping, Sequence

from graph import derived
from graph.data import Edge, GraphData, Node
from graph.schema import NodeType, RelType, Schema
from graph.store import BATCH, FILE_LABEL, SOURCE_LABEL, Result, batches, source_rows, write_plan

FILE_MERGE = f"UNWIND $rows AS r MERGE (f:{FILE_LABEL} {{id: r.id}}) SET f.file = r.file"
LADYBUG_FILE_TABLE = f"CREATE NODE TABLE IF NOT EXISTS {FILE_LABEL}(id STRING, file STRING, PRIMARY KEY(id))"
NEO4J_FILE_CONSTRAINT = f"CREATE CONSTRAINT ingestedfile_id IF NOT EXISTS FOR (f:{FILE_LABEL}) REQUIRE f.id IS UNIQUE"

Run = Callable[[str, dict[str, Any]], Result]


def file_plan(files: Mapping[str, str] | None) -> list[tuple[str, list[dict[str, Any]]]]:
    """The statement that records `files` (content hash → file name) as ingested."""
    return [(FILE_MERGE, [{"id": h, "file": f} for h, f in files.items()])] if files else []


def ingested(run: Run, hashes: list[str]) -> dict[str, str]:
    """Which of `hashes` the store holds: hash → the file name it was ingested as."""
    out: dict[str, str] = {}
    for batch in batches(hashes):
        rows = run(f"UNWIND $ids AS id MATCH (f:{FILE_LABEL} {{id: id}}) RETURN f.id, f.file", {"ids": batch}).rows
        out.update({h: f for h, f in rows})
    return out


def held(run: Run, label: str, ids: list[str]) -> set[str]:
    """Which of `ids` the store holds under `label` (nothing to ask when it holds no such node)."""
    if not ids or not run(f"MATCH (n:{label}) RETURN count(n)", {}).rows[0][0]:
        return set()
    out: set[str] = set()
    for batch in batches(ids, BATCH * 4):
        out.update(r[0] for r in run(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id", {"ids": batch}).rows)
    return out


def split(data: GraphData, run: Run) -> tuple[GraphData, GraphData]:
    """(new, existing): the nodes the store does not hold and every edge touching one of them;
    the nodes it holds and the edges between two of them."""
    by_label: dict[str, list[Node]] = defaultdict(list)
    for n in data.nodes:
        by_label[n.label].append(n)
    old_ids = {label: held(run, label, [n.id for n in nodes]) for label, nodes in by_label.items()}
    if not any(old_ids.values()):
        return data, GraphData((), ())  # a first load: everything is new
    old = lambda end: end[1] in old_ids.get(end[0], ())  # noqa: E731
    new_nodes = tuple(n for n in data.nodes if n.id not in old_ids[n.label])
    old_nodes = tuple(n for n in data.nodes if n.id in old_ids[n.label])
    new_edges = tuple(e for e in data.edges if not (old(e.src) and old(e.dst)))
    old_edges = tuple(e for e in data.edges if old(e.src) and old(e.dst))
    return GraphData(new_nodes, new_edges), GraphData(old_nodes, old_edges)


def split_sources(texts: Mapping[str, Sequence[str]], run: Run) -> tuple[list[dict[str, Any]], dict[str, Sequence[str]]]:
    """(the `SourceText` rows of files the store holds no text of, to create outright; the texts of
    the files it holds some of, to MERGE and trim, as `graph.store.source_plan` does)."""
    stored = {i.rsplit("#", 1)[0] for i in held(run, SOURCE_LABEL, [f"{file}#0" for file in texts])}
    rows = [row for f in texts if f not in stored for row in source_rows({f: texts[f]})]  # a file's lines at a time
    return rows, {f: texts[f] for f in texts if f in stored}


def groups(data: GraphData) -> tuple[dict[str, list[Node]], dict[tuple[str, str, str], list[Edge]]]:
    """Nodes by label and edges by (type, from label, to label), in a stable order."""
    nodes: dict[str, list[Node]] = defaultdict(list)
    for n in data.nodes:
        nodes[n.label].append(n)
    edges: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for e in data.edges:
        edges[(e.type, e.src[0], e.dst[0])].append(e)
    return dict(sorted(nodes.items())), dict(sorted(edges.items()))


def _properties(node: NodeType) -> str:
    """The map of a CREATE that gives a `node` every property of its row `r`."""
    return "{" + ", ".join(f"{p.name}: r.{p.name}" for p in node.properties) + "}"


def create_nodes_cypher(node: NodeType) -> str:
    return f"UNWIND $rows AS r CREATE (n:{node.label} {_properties(node)})"


SOURCE_CREATE = f"UNWIND $rows AS r CREATE (s:{SOURCE_LABEL} {{id: r.id, file: r.file, chunk: r.chunk, text: r.text}})"


def create_edges_cypher(rel: RelType, src: NodeType, dst: NodeType) -> str:
    q = (f"UNWIND $rows AS r MATCH (a:{src.label} {{{src.key}: r.src}}) MATCH (b:{dst.label} {{{dst.key}: r.dst}}) "
         f"CREATE (a)-[e:{rel.type}]->(b)")
    if rel.properties:
        q += " SET " + ", ".join(f"e.{p.name} = r.{p.name}" for p in rel.properties)
    return q


def load_plan(data: GraphData, schema: Schema, run: Run) -> list[tuple[str, list[dict[str, Any]]]]:
    """Statements that write `data`: what the store does not hold CREATEd, the rest MERGEd, the
    nodes of each before the edges that need them."""
    new, old = split(data, run)
    new_nodes, new_edges = create_plan(new, schema)
    return (new_nodes + write_plan(GraphData(old.nodes, ()), schema) + new_edges
            + write_plan(GraphData((), old.edges), schema))


def touched(data: GraphData, run: Run) -> list[str]:
    """The names whose people a write of `data` may change (`graph.derived.touched`), asked
    before the write: the store's own facts of the documents it writes are then the old ones."""
    return derived.touched(data, derived.records(run))


def derivation(names: Collection[str], derive: bool, schema: Schema, run: Run) -> list[tuple[str, list[dict[str, Any]]]]:
    """The statements that end a write, after its facts: the people and tenures of the `names`
    it touched (`touched`, marked pending by its first statement) deleted, and, if it
    `derive`s, derived again with those of every name pending (`graph.derived.pending`), then
    unmarked; left pending otherwise, for a later write."""
    if not derive:
        return derived.delete_plan(names)
    if not run("MATCH (p:Person) RETURN count(p)", {}).rows[0][0]:
        return derivation_plan(None, schema, run)  # every name is pending: read every mention at once
    return derivation_plan(sorted(set(names) | set(derived.pending(derived.records(run)))), schema, run)


def derivation_plan(names: Collection[str] | None, schema: Schema, run: Run) -> list[tuple[str, list[dict[str, Any]]]]:
    """The statements that derive again, from what the store holds, the people and tenures of
    `names` (of everyone: None, for a store that holds none yet): the old ones deleted, the
    new ones created, none of which the store then holds, and the names unmarked.

    A tenure is created with the edge from the person who holds it, in one statement: a load
    killed between two transactions leaves no tenure that the deletion by name cannot find."""
    fresh = derived.derive(derived.records(run), names)
    holder = {e.dst[1]: e.src[1] for e in fresh.edges if e.type == "HOLDS"}
    tenures = [{**n.props, "holder": holder[n.id]} for n in fresh.nodes if n.label == "Tenure"]
    nodes, edges = create_plan(GraphData(tuple(n for n in fresh.nodes if n.label != "Tenure"),
                                         tuple(e for e in fresh.edges if e.type != "HOLDS")), schema)
    held = [(create_held_cypher(schema.node("Tenure")), tenures)] if tenures else []
    return ((derived.delete_plan(names) if names is not None else []) + nodes + held + edges
            + derived.unmark_plan(names))


def create_held_cypher(tenure: NodeType) -> str:
    return f"UNWIND $rows AS r MATCH (p:Person {{id: r.holder}}) CREATE (p)-[:HOLDS]->(t:{tenure.label} {_properties(tenure)})"


def create_plan(data: GraphData, schema: Schema) -> tuple[list, list]:
    """(node statements, edge statements) that CREATE `data`, as (statement, rows) pairs."""
    nodes, edges = groups(data)
    return ([(create_nodes_cypher(schema.node(label)), [n.props for n in ns]) for label, ns in nodes.items()],
            [(create_edges_cypher(schema.rel(t), schema.node(s), schema.node(d)),
              [{"src": e.src[1], "dst": e.dst[1], **e.props} for e in es]) for (t, s, d), es in edges.items()])

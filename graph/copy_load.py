"""LadybugDB's bulk path: new nodes and edges written with `COPY FROM` an Arrow table.

`COPY` writes a table's columns straight into LadybugDB's storage instead of
planning one MERGE per row, and it runs inside the caller's transaction, so a
load stays one commit: killed before it, the store is as it was.

But a COPY is not in the write-ahead log: it is made durable by the
checkpoint its commit runs. A writer killed during that checkpoint leaves a
log whose replay restores the transaction's logged statements (MERGE, CREATE,
DELETE) without its COPYs (LadybugDB 0.22; seen at 300,000 rows: the MERGEd
row kept, the COPYed ones gone). A transaction made of COPYs only is lost or
kept whole. So `LadybugStore.write` COPYs only into a store that holds
nothing yet, every row of the load (files, people or the names left pending
included), and writes
into any other store with logged statements only. Columns are
typed from the ontology (an all-null column would otherwise have no type),
and a relationship table with several (from, to) pairs is told which pair a
table of rows fills.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import ladybug
import pyarrow as pa

from graph.bulk import groups
from graph.data import GraphData
from graph.derived import PENDING_LABEL
from graph.recovery import THREADS
from graph.schema import Property, Schema
from graph.store import FILE_LABEL, SOURCE_LABEL

_ARROW = {"STRING": pa.string(), "INT64": pa.int64(), "BOOLEAN": pa.bool_()}
SOURCE_COLUMNS = {"id": pa.string(), "file": pa.string(), "chunk": pa.int64(), "text": pa.string()}


def _type(p: Property) -> pa.DataType:
    return pa.list_(_ARROW[p.type]) if p.is_list else _ARROW[p.type]


def _table(columns: dict[str, list[Any]], types: dict[str, pa.DataType]) -> pa.Table:
    return pa.table({name: pa.array(values, types[name]) for name, values in columns.items()})


def copy(conn: ladybug.Connection, data: GraphData, schema: Schema) -> int:
    """COPY the nodes and edges of `data`, none of which the store holds; the rows written.

    On one thread: LadybugDB 0.22's parallel build of the primary-key index hangs on some
    tables (the 120,000 appointments of 2,000 synthetic issues: every thread waits on a lock
    in `IndexBuilderGlobalQueues::maybeConsumeIndex`, at 0% CPU), and one thread COPYs them
    in seconds.
    """
    with _one_thread(conn):
        return _copy(conn, data, schema)


def copy_sources(conn: ladybug.Connection, rows: list[dict[str, Any]]) -> int:
    """COPY `SourceText` rows (`graph.store.source_rows`) of files the store holds no text of."""
    with _one_thread(conn):
        return _copy_table(conn, SOURCE_LABEL, _table({k: [r[k] for r in rows] for k in SOURCE_COLUMNS}, SOURCE_COLUMNS))


def copy_files(conn: ladybug.Connection, files: dict[str, str]) -> int:
    """COPY `IngestedFile` rows (content hash → file name) the store does not hold."""
    return _copy_table(conn, FILE_LABEL, pa.table({"id": pa.array(list(files), pa.string()),
                                                   "file": pa.array(list(files.values()), pa.string())}))


def copy_pending(conn: ladybug.Connection, names: list[str]) -> int:
    """COPY the marks of `names` pending (`graph.derived`): a first load that leaves its people
    to a later write."""
    return _copy_table(conn, PENDING_LABEL, pa.table({"name": pa.array(names, pa.string())}))


def _copy_table(conn: ladybug.Connection, table: str, rows: pa.Table, options: str = "") -> int:
    """COPY `rows` (found by LadybugDB under that name, in this frame) into `table`; the rows written."""
    if rows.num_rows:
        conn.execute(f"COPY {table} FROM rows{options}")
    return rows.num_rows


@contextmanager
def _one_thread(conn: ladybug.Connection) -> Iterator[None]:
    conn.set_max_threads_for_exec(1)
    try:
        yield
    finally:
        conn.set_max_threads_for_exec(THREADS)


def _copy(conn: ladybug.Connection, data: GraphData, schema: Schema) -> int:
    nodes, edges = groups(data)
    written = 0
    for label, ns in nodes.items():
        props = schema.node(label).properties
        written += _copy_table(conn, label, _table({p.name: [n.props.get(p.name) for n in ns] for p in props},
                                                   {p.name: _type(p) for p in props}))
    for (type_, src, dst), es in edges.items():
        props = schema.rel(type_).properties
        columns = {"from": [e.src[1] for e in es], "to": [e.dst[1] for e in es]}
        columns.update({p.name: [e.props.get(p.name) for e in es] for p in props})
        rows = _table(columns, {"from": pa.string(), "to": pa.string(), **{p.name: _type(p) for p in props}})
        written += _copy_table(conn, type_, rows, f" (from='{src}', to='{dst}')")
    return written

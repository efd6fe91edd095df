"""LadybugDB: the embedded default store, one file in a project-local folder.

LadybugDB needs its tables declared before use, so `ensure_schema` turns the
ontology into `CREATE NODE TABLE` / `CREATE REL TABLE` statements. A write
runs in one transaction, people and tenures re-derived included (unless the
write leaves them to a later one, as the batches of an ingest before its last
do): a failure rolls everything back, so a bad ingest leaves the store as it was. The first load
into an empty store is written with `COPY FROM` (`graph.copy_load`); later
ones CREATE what the store does not hold and MERGE the rest (`graph.bulk`).

A writer killed at any moment must not cost the store (`graph.recovery`):
opening it replays what was committed and drops what was not. Reads run on a
connection of their own per query, with the caller's time limit, so that
visitors of the dashboard never share a connection or its settings.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import ladybug
from tqdm import tqdm

from graph import copy_load, derived
from graph.bulk import (LADYBUG_FILE_TABLE, SOURCE_CREATE, derivation, derivation_plan, file_plan, load_plan,
                        split_sources, touched)
from graph.data import GraphData
from graph.derived import PENDING_LABEL, mark_plan, without_derived
from graph.recovery import open_database
from graph.schema import Schema
from graph.store import FILE_LABEL, SOURCE_LABEL, Result, Store, StoreError, batches, source_plan, source_rows

FILE_NAME = "graph.lbdb"
SOURCE_TABLE = (f"CREATE NODE TABLE IF NOT EXISTS {SOURCE_LABEL}"
                "(id STRING, file STRING, chunk INT64, text STRING, PRIMARY KEY(id))")
PENDING_TABLE = f"CREATE NODE TABLE IF NOT EXISTS {PENDING_LABEL}(name STRING, PRIMARY KEY(name))"


def missing(conn: ladybug.Connection, schema: Schema) -> list[str]:
    """Statements that bring an existing database up to the ontology: new tables
    (IF NOT EXISTS) and the columns a newer govkg added to existing ones."""
    tables = {row[1] for row in conn.execute("CALL show_tables() RETURN *").get_all()}
    out = [] if SOURCE_LABEL in tables else [SOURCE_TABLE]
    out += [] if FILE_LABEL in tables else [LADYBUG_FILE_TABLE]
    out += [] if PENDING_LABEL in tables else [PENDING_TABLE]
    for statement, name, properties in _tables(schema):
        if name not in tables:
            out.append(statement)
            continue
        columns = {row[1] for row in conn.execute(f"CALL table_info('{name}') RETURN *").get_all()}
        out += [f"ALTER TABLE {name} ADD {p.name} {p.ladybug_type}" for p in properties if p.name not in columns]
    return out


def _tables(schema: Schema) -> list[tuple[str, str, tuple]]:
    """(CREATE statement, table name, properties) of every table of the ontology."""
    out = []
    for n in schema.nodes:
        cols = ", ".join(f"{p.name} {p.ladybug_type}" for p in n.properties)
        out.append((f"CREATE NODE TABLE IF NOT EXISTS {n.label}({cols}, PRIMARY KEY({n.key}))", n.label, n.properties))
    for r in schema.rels:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in r.pairs)
        cols = "".join(f", {p.name} {p.ladybug_type}" for p in r.properties)
        out.append((f"CREATE REL TABLE IF NOT EXISTS {r.type}({pairs}{cols})", r.type, r.properties))
    return out


def ddl(schema: Schema) -> list[str]:
    """The LadybugDB tables of the ontology."""
    return [statement for statement, _, _ in _tables(schema)]


class LadybugStore(Store):
    name = "ladybug"

    def __init__(self, folder: Path, read_only: bool = False, schema: Schema | None = None):
        super().__init__(schema)
        self.folder = Path(folder)
        if read_only and not (self.folder / FILE_NAME).exists():
            raise StoreError(f"{self.folder}: no govkg database here; run `govkg ingest` first")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db = open_database(self.folder / FILE_NAME, read_only)
        self.conn = ladybug.Connection(self.db)  # the write path's; reads open their own
        if not read_only:
            self.ensure_schema()
        elif missing(self.conn, self.schema):
            raise StoreError(f"{self.folder}: made by an older govkg; run `govkg ingest` on any gazette "
                             "(the same one again is fine) to bring it up to date")

    def ensure_schema(self) -> None:
        for statement in missing(self.conn, self.schema):
            self.conn.execute(statement)

    def _run(self, cypher: str, params: dict[str, Any] | None) -> Result:
        try:
            return _result(self.conn.execute(cypher, params or {}), None)
        except RuntimeError as e:
            raise StoreError(str(e)) from e

    def write(self, data: GraphData, progress: bool = False, texts: Mapping[str, Sequence[str]] | None = None,
              files: Mapping[str, str] | None = None, derive: bool = True) -> None:
        data = self.accumulate(without_derived(data))
        with self._transaction():
            if self._empty():
                self._first_load(data, texts or {}, files or {}, progress, derive)
            else:
                self._load(data, texts or {}, files or {}, progress, derive)

    def _derive(self, names: list[str]) -> None:
        with self._transaction():
            self._apply(derivation_plan(names, self.schema, self._run))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            # A failed statement has already ended LadybugDB's transaction.
            with contextlib.suppress(RuntimeError):
                self.conn.execute("ROLLBACK")
            raise

    def _empty(self) -> bool:
        """Whether the store holds nothing at all: no fact, person, text or file record."""
        labels = [n.label for n in self.schema.nodes] + [SOURCE_LABEL, FILE_LABEL, PENDING_LABEL]
        return not any(self._run(f"MATCH (n:{label}) RETURN count(n)", None).rows[0][0] for label in labels)

    def _first_load(self, data: GraphData, texts: Mapping[str, Sequence[str]], files: Mapping[str, str],
                    progress: bool, derive: bool) -> None:
        """A load into an empty store: every row COPYed, the derived people and tenures too (if it
        `derive`s; else the names it leaves pending), and nothing else, so that a writer killed
        while its commit checkpoints loses it whole (`graph.copy_load`)."""
        sources = source_rows(texts)  # a file's lines at a time
        with tqdm(total=len(data.nodes) + len(data.edges) + len(sources) + len(files), disable=not progress,
                  unit="row", desc="ladybug") as bar:
            bar.update(copy_load.copy(self.conn, data, self.schema))
            bar.update(copy_load.copy_sources(self.conn, sources) + copy_load.copy_files(self.conn, dict(files)))
        del sources
        if derive:
            copy_load.copy(self.conn, derived.derive(derived.records(self._run)), self.schema)
        else:
            copy_load.copy_pending(self.conn, touched(data, self._run))

    def _load(self, data: GraphData, texts: Mapping[str, Sequence[str]], files: Mapping[str, str],
              progress: bool, derive: bool) -> None:
        """A load into a store that holds something: what it does not hold yet is CREATEd, the rest
        MERGEd (`graph.bulk`), then the people and tenures of the names it prints are deleted, and
        derived again if it `derive`s (`graph.bulk.derivation`); pending until then."""
        names = touched(data, self._run)
        sources, stored = split_sources(texts, self._run)
        plan = (mark_plan(names) + load_plan(data, self.schema, self._run)
                + [(SOURCE_CREATE, sources)] + source_plan(stored) + file_plan(files))
        with tqdm(total=sum(len(rows) for _, rows in plan), disable=not progress, unit="row",
                  desc="ladybug") as bar:
            self._apply(plan, bar.update)
        del plan, sources
        self._apply(derivation(names, derive, self.schema, self._run))

    def _apply(self, plan: list[tuple[str, list[dict[str, Any]]]], done: Callable[[int], Any] = lambda n: None) -> None:
        for statement, rows in plan:
            for batch in batches(rows):
                self.conn.execute(statement, {"rows": batch})
                done(len(batch))

    def _read(self, cypher: str, params: dict[str, Any], timeout: float | None, max_rows: int | None) -> Result:
        conn = ladybug.Connection(self.db)
        conn.set_max_threads_for_exec(1)
        try:
            if timeout:
                conn.set_query_timeout(max(1, round(timeout * 1000)))
            conn.execute("BEGIN TRANSACTION READ ONLY")
            return _result(conn.execute(cypher, params), max_rows)
        except RuntimeError as e:
            if timeout and str(e).rstrip(".") == "Interrupted":
                raise StoreError(f"query stopped after {timeout:g} s, the time limit") from None
            raise StoreError(str(e)) from e
        finally:
            conn.close()  # ends its read-only transaction

    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        return self._run(cypher, params)

    def close(self) -> None:
        self.conn.close()
        self.db.close()


def _result(r: ladybug.QueryResult, max_rows: int | None) -> Result:
    """The rows of `r`, at most `max_rows` of them (the rest is never fetched)."""
    rows = []
    while r.has_next() and (max_rows is None or len(rows) <= max_rows):
        rows.append(tuple(r.get_next()))
    truncated = max_rows is not None and len(rows) > max_rows
    result = Result(tuple(r.get_column_names()), tuple(rows[:max_rows] if truncated else rows), truncated)
    r.close()
    return result

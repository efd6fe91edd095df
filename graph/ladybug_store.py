"""LadybugDB: the embedded default store, one file in a project-local folder.

LadybugDB needs its tables declared before use, so `ensure_schema` turns the
ontology into `CREATE NODE TABLE` / `CREATE REL TABLE` statements. A write
runs in one transaction, tenures re-derived included: a failure rolls
everything back, so a bad ingest leaves the store as it was.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Callable

import ladybug
from tqdm import tqdm

from graph.data import GraphData
from graph.schema import Schema
from graph.store import Result, Store, StoreError, batches, write_plan

FILE_NAME = "graph.lbdb"


def ddl(schema: Schema) -> list[str]:
    """The LadybugDB tables of the ontology."""
    out = []
    for n in schema.nodes:
        cols = ", ".join(f"{p.name} {p.ladybug_type}" for p in n.properties)
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {n.label}({cols}, PRIMARY KEY({n.key}))")
    for r in schema.rels:
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in r.pairs)
        cols = "".join(f", {p.name} {p.ladybug_type}" for p in r.properties)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {r.type}({pairs}{cols})")
    return out


class LadybugStore(Store):
    name = "ladybug"

    def __init__(self, folder: Path, read_only: bool = False, schema: Schema | None = None):
        super().__init__(schema)
        self.folder = Path(folder)
        if read_only and not (self.folder / FILE_NAME).exists():
            raise StoreError(f"{self.folder}: no govkg database here; run `govkg ingest` first")
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self.db = ladybug.Database(str(self.folder / FILE_NAME), read_only=read_only)
        except RuntimeError as e:
            raise StoreError(f"{self.folder}: cannot open LadybugDB ({e})") from e
        self.conn = ladybug.Connection(self.db)
        if not read_only:
            self.ensure_schema()

    def ensure_schema(self) -> None:
        for statement in ddl(self.schema):
            self.conn.execute(statement)

    def _run(self, cypher: str, params: dict[str, Any] | None) -> Result:
        try:
            r = self.conn.execute(cypher, params or {})
        except RuntimeError as e:
            raise StoreError(str(e)) from e
        rows = []
        while r.has_next():
            rows.append(tuple(r.get_next()))
        return Result(tuple(r.get_column_names()), tuple(rows))

    def write(self, data: GraphData, progress: bool = False) -> None:
        plan = write_plan(self.accumulate(data), self.schema)
        total = sum(len(rows) for _, rows in plan)
        self.conn.execute("BEGIN TRANSACTION")
        try:
            with tqdm(total=total, disable=not progress, unit="row", desc="ladybug") as bar:
                self._apply(plan, bar.update)
            tenures = self.tenure_plan(lambda cypher: self._run(cypher, None))
            self.conn.execute("MATCH (t:Tenure) DETACH DELETE t")
            self._apply(tenures)
            self.conn.execute("COMMIT")
        except BaseException:
            # A failed statement has already ended LadybugDB's transaction.
            with contextlib.suppress(RuntimeError):
                self.conn.execute("ROLLBACK")
            raise

    def _apply(self, plan: list[tuple[str, list[dict[str, Any]]]], done: Callable[[int], Any] = lambda n: None) -> None:
        for statement, rows in plan:
            for batch in batches(rows):
                self.conn.execute(statement, {"rows": batch})
                done(len(batch))

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        self.conn.execute("BEGIN TRANSACTION READ ONLY")
        try:
            return self._run(cypher, params)
        finally:
            with contextlib.suppress(RuntimeError):  # already ended by a failed statement
                self.conn.execute("ROLLBACK")

    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        return self._run(cypher, params)

    def close(self) -> None:
        self.conn.close()
        self.db.close()

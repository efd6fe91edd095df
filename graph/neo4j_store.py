"""Neo4j over Bolt: the server store for shared and large deployments.

Uniqueness constraints and name indexes come from the ontology's keys.
Writes are batched `UNWIND … MERGE` statements, one explicit transaction per
batch: a load that is killed midway and run again converges on the same
graph because every statement is an idempotent MERGE on deterministic ids,
and tenures are derived again from all stored appointments after each load.
"""

from __future__ import annotations

import os
from typing import Any, Callable

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable, AuthError
from tqdm import tqdm

from graph.data import GraphData
from graph.schema import Schema
from graph.store import Result, Store, StoreError, batches, write_plan
from graph.tenures import without_tenures

DEFAULTS = {
    "uri": "bolt://127.0.0.1:7687",
    "user": "neo4j",
    "password": "govkg-dev-password",
    "database": "neo4j",
}


def settings(**given: str | None) -> dict[str, str]:
    """Connection settings: explicit values, else NEO4J_* variables, else defaults."""
    return {
        k: given.get(k) or os.environ.get(f"NEO4J_{k.upper()}") or default
        for k, default in DEFAULTS.items()
    }


def constraints(schema: Schema) -> list[str]:
    out = []
    for n in schema.nodes:
        out.append(
            f"CREATE CONSTRAINT {n.label.lower()}_{n.key} IF NOT EXISTS "
            f"FOR (n:{n.label}) REQUIRE n.{n.key} IS UNIQUE"
        )
        out.append(f"CREATE INDEX {n.label.lower()}_name IF NOT EXISTS FOR (n:{n.label}) ON (n.name)")
    return out


def _plain(value: Any) -> Any:
    """Driver values as the plain Python values LadybugDB returns too."""
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return dict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Neo4jStore(Store):
    name = "neo4j"

    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None, schema: Schema | None = None):
        super().__init__(schema)
        self.settings = settings(uri=uri, user=user, password=password, database=database)
        self.database = self.settings["database"]
        self.driver = neo4j.GraphDatabase.driver(
            self.settings["uri"], auth=(self.settings["user"], self.settings["password"]),
            # Catalog queries name every type of the schema, present in the data or not.
            notifications_min_severity="OFF",
        )
        try:
            self.driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as e:
            self.driver.close()
            raise StoreError(f"cannot reach Neo4j at {self.settings['uri']}: {e}") from e

    def ensure_schema(self) -> None:
        for statement in constraints(self.schema):
            self.execute(statement)

    def write(self, data: GraphData, progress: bool = False) -> None:
        self.ensure_schema()
        plan = write_plan(self.accumulate(without_tenures(data)), self.schema)
        total = sum(len(rows) for _, rows in plan)
        with self.driver.session(database=self.database) as session, tqdm(
            total=total, disable=not progress, unit="row", desc="neo4j"
        ) as bar:
            self._apply(session, plan, bar.update)
            tenures = self.tenure_plan(self.query)
            session.run("MATCH (t:Tenure) CALL (t) { DETACH DELETE t } IN TRANSACTIONS OF 10000 ROWS").consume()
            self._apply(session, tenures)

    @staticmethod
    def _apply(session: neo4j.Session, plan: list[tuple[str, list[dict[str, Any]]]],
               done: Callable[[int], Any] = lambda n: None) -> None:
        for statement, rows in plan:
            for batch in batches(rows):
                with session.begin_transaction() as tx:
                    tx.run(statement, rows=batch).consume()
                    tx.commit()
                done(len(batch))

    def _run(self, cypher: str, params: dict[str, Any] | None, mode: str) -> Result:
        def work(tx: neo4j.ManagedTransaction) -> Result:
            r = tx.run(cypher, params or {})
            keys = tuple(r.keys())
            return Result(keys, tuple(tuple(_plain(v) for v in rec.values()) for rec in r))

        try:
            with self.driver.session(database=self.database, default_access_mode=mode) as s:
                run = s.execute_read if mode == neo4j.READ_ACCESS else s.execute_write
                return run(work)
        except Neo4jError as e:
            raise StoreError(e.message or str(e)) from e

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        return self._run(cypher, params, neo4j.READ_ACCESS)

    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        return self._run(cypher, params, neo4j.WRITE_ACCESS)

    def clear(self) -> None:
        """Delete everything in bounded transactions: relationships first, so that no
        transaction has to detach a unit with hundreds of thousands of them."""
        with self.driver.session(database=self.database) as session:
            session.run("MATCH ()-[e]->() CALL (e) { DELETE e } IN TRANSACTIONS OF 10000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def close(self) -> None:
        self.driver.close()

"""Neo4j over Bolt: the server store for shared and large deployments.

Uniqueness constraints and name indexes come from the ontology's keys.
Writes are batched `UNWIND … MERGE` statements, one transaction per batch,
`WRITERS` of them at once: a load that is killed midway and run again converges on the same
graph because every statement is an idempotent MERGE on deterministic ids,
and people and tenures are derived again, after the load, for the names its
first statement marked pending (`graph.derived.pending`): a killed load leaves
them marked. What the store does not hold yet is CREATEd instead (`graph.bulk`).

Queries run in read transactions with a server-side timeout. The URI is
checked before the driver sees it (Bolt schemes only, credentials taken out
of it), and no message names the password.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import unquote, urlsplit

import neo4j
from neo4j.exceptions import DriverError, Neo4jError
from tqdm import tqdm

from graph.console import tokens
from graph.bulk import NEO4J_FILE_CONSTRAINT, derivation, derivation_plan, file_plan, load_plan, touched
from graph.data import GraphData
from graph.derived import PENDING_LABEL, mark_plan, without_derived
from graph.errors import redact
from graph.schema import Schema
from graph.store import SOURCE_LABEL, Result, Store, StoreError, batches, source_plan

BATCH = 2000  # rows per transaction of a load, and
WRITERS = 2  # transactions of a load in flight at once: the best in bench/run.py (Neo4j batch size)
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

DEFAULTS = {
    "uri": "bolt://127.0.0.1:7687",
    "user": "neo4j",
    "password": "govkg-dev-password",
    "database": "neo4j",
}


def settings(**given: str | None) -> dict[str, str]:
    """Connection settings: explicit values, else NEO4J_* variables, else defaults.

    A `user:password@` in the URI is taken out of it and used as the
    credentials when none are given otherwise (the driver refuses such URIs).
    """
    chosen = {k: given.get(k) or os.environ.get(f"NEO4J_{k.upper()}") for k in DEFAULTS}
    try:
        parts = urlsplit(chosen["uri"] or DEFAULTS["uri"])
        parts.port  # noqa: B018 (parses the port: a bad one raises here, not in the driver)
    except ValueError as e:
        raise StoreError(f"Neo4j URI {redact(chosen['uri'] or '')!r}: not a URI ({e})") from None
    if parts.scheme not in SCHEMES:
        raise StoreError(f"Neo4j URI {redact(parts.geturl())!r}: use one of the schemes {', '.join(SCHEMES)}")
    if parts.username is not None:
        chosen["user"] = chosen["user"] or unquote(parts.username)
        chosen["password"] = chosen["password"] or unquote(parts.password or "")
        parts = parts._replace(netloc=parts.netloc.rpartition("@")[2])
    chosen["uri"] = parts.geturl()
    return {k: chosen[k] or default for k, default in DEFAULTS.items()}


def constraints(schema: Schema) -> list[str]:
    out = []
    for n in schema.nodes:
        out.append(
            f"CREATE CONSTRAINT {n.label.lower()}_{n.key} IF NOT EXISTS "
            f"FOR (n:{n.label}) REQUIRE n.{n.key} IS UNIQUE"
        )
        out.append(f"CREATE INDEX {n.label.lower()}_name IF NOT EXISTS FOR (n:{n.label}) ON (n.name)")
        # CONTAINS is answered from a text index, not from the range index above.
        out += [f"CREATE TEXT INDEX {n.label.lower()}_{p.name}_text IF NOT EXISTS FOR (n:{n.label}) ON (n.{p.name})"
                for p in n.properties if p.searched]
        out += [f"CREATE INDEX {n.label.lower()}_{p.name} IF NOT EXISTS FOR (n:{n.label}) ON (n.{p.name})"
                for p in n.properties if p.matched and p.name != "name"]
    return out


SOURCE_CONSTRAINT = f"CREATE CONSTRAINT sourcetext_id IF NOT EXISTS FOR (s:{SOURCE_LABEL}) REQUIRE s.id IS UNIQUE"
PENDING_CONSTRAINT = (f"CREATE CONSTRAINT pendingname_name IF NOT EXISTS FOR (n:{PENDING_LABEL}) "
                      "REQUIRE n.name IS UNIQUE")


_AS_IS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """Driver values as the plain Python values LadybugDB returns too: a node or relationship
    as its properties with `_ID` and `_LABEL` (and `_SRC`, `_DST`), a path as `_NODES` and `_RELS`.
    Most values are strings and numbers, returned first: the driver's graph types are abstract
    classes, whose isinstance checks cost more than all else here."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, neo4j.graph.Node):
        return {"_ID": value.element_id, "_LABEL": next(iter(value.labels), ""), **dict(value)}
    if isinstance(value, neo4j.graph.Relationship):
        return {"_ID": value.element_id, "_LABEL": value.type, "_SRC": value.start_node.element_id,
                "_DST": value.end_node.element_id, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return {"_NODES": [_plain(n) for n in value.nodes], "_RELS": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# The Python driver spends tens of microseconds on every record it receives (two reads of the socket and
# the decoding of a message), far more than the server spends on a row: 10,000 rows take it some 300 ms,
# and the same rows as lists in ten records 50 ms. So a query whose columns are plain names is asked
# for its rows in lists of LISTED rows, in their order; one that starts otherwise (SHOW, a procedure,
# EXPLAIN) or returns an expression without a name is streamed row by row.
LISTED = 1000
_LISTED_START = frozenset({"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _in_lists(cypher: str, columns: tuple[str, ...], max_rows: int | None) -> str:
    """`cypher` whose rows come as one column of lists of at most LISTED rows (each row a list)."""
    limit = "" if max_rows is None else f" LIMIT {max_rows + 1}"
    return (f"CALL () {{\n{cypher}\n}}\nWITH [{', '.join(columns)}] AS row{limit}\n"
            f"WITH collect(row) AS rows\nUNWIND range(0, size(rows) - 1, {LISTED}) AS first\n"
            f"RETURN rows[first..first + {LISTED}] AS rows")


# Neo4j plans a statement again for each bucket of the sizes of its list parameters (0, 1, then up to
# the next power of ten: 2-10, 11-100, ...), 0.2-0.6 s each at 10^6 facts, and keeps each plan. A catalog
# query receives the ids of what a user typed (`queries.catalog.MATCHERS`), as many as match: so the
# first time a store meets a statement that takes lists of strings, it runs it once per bucket with
# lists of a string no id or name holds (NUL), and no later question stalls on a size not seen before.
SIZES = (0, 1, 10, 100, 1000, 10_000)


def _plan_every_size(tx: neo4j.Transaction, statement: str, params: dict[str, Any]) -> None:
    lists = [k for k, v in params.items() if isinstance(v, list) and all(isinstance(i, str) for i in v)]
    for size in SIZES if lists else ():
        tx.run(statement, {**params, **{k: ["\0"] * size for k in lists}}).consume()


class Neo4jStore(Store):
    name = "neo4j"

    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None, schema: Schema | None = None):
        super().__init__(schema)
        self.settings = settings(uri=uri, user=user, password=password, database=database)
        self.database = self.settings["database"]
        self._listed: dict[str, tuple[str, ...] | None] = {}  # statement → its columns, if `_in_lists` can run it
        try:
            self.driver = neo4j.GraphDatabase.driver(
                self.settings["uri"], auth=(self.settings["user"], self.settings["password"]),
                # Catalog queries name every type of the schema, present in the data or not.
                notifications_min_severity="OFF",
            )
        except (DriverError, ValueError) as e:
            raise StoreError(self._redact(f"Neo4j URI {self.settings['uri']!r}: {e}")) from None
        try:
            self.driver.verify_connectivity()
        except (DriverError, Neo4jError, OSError) as e:
            self.driver.close()
            raise StoreError(self._redact(" ".join(f"cannot reach Neo4j at {self.settings['uri']}: {e}".split()))) from None

    def _redact(self, message: str) -> str:
        return redact(message, self.settings["password"])

    def ensure_schema(self) -> None:
        for statement in constraints(self.schema) + [SOURCE_CONSTRAINT, NEO4J_FILE_CONSTRAINT, PENDING_CONSTRAINT]:
            self.execute(statement)

    def write(self, data: GraphData, progress: bool = False, texts: Mapping[str, Sequence[str]] | None = None,
              files: Mapping[str, str] | None = None, derive: bool = True) -> None:
        self.ensure_schema()
        # CREATE what the store does not hold yet, MERGE the rest (graph.bulk).
        data = self.accumulate(without_derived(data))
        names = touched(data, self.query)
        plan = load_plan(data, self.schema, self.query) + source_plan(texts or {})
        total = sum(len(rows) for _, rows in plan)
        with tqdm(total=total, disable=not progress, unit="row", desc="neo4j") as bar:
            self._apply(mark_plan(names))  # first: a load killed after it leaves them pending
            self._apply(plan, bar.update)
            self._apply(derivation(names, derive, self.schema, self.query))
            self._apply(file_plan(files))  # last: a load killed before it is done again

    def _derive(self, names: list[str]) -> None:
        self._apply(derivation_plan(names, self.schema, self.query))

    def _apply(self, plan: list[tuple[str, list[dict[str, Any]]]], done: Callable[[int], Any] = lambda n: None) -> None:
        """Each statement's batches in transactions of their own, `WRITERS` at a time, so that the
        server works on one while the driver sends the next (and on two cores at once); a statement
        starts when the one before it is done (nodes before the edges that need them). Statements
        that delete run one transaction at a time: two that delete relationships of the same post or
        unit wait for each other's locks on its relationships (a deadlock, which the driver retries
        after a second)."""
        with ThreadPoolExecutor(WRITERS) as together, ThreadPoolExecutor(1) as alone:
            for statement, rows in plan:
                pool = alone if any(t.upper == "DELETE" for t in tokens(statement)) else together
                futures = [pool.submit(self._commit, statement, batch) for batch in batches(rows, BATCH)]
                try:
                    for future in futures:
                        done(future.result())
                except BaseException:
                    pool.shutdown(cancel_futures=True)
                    raise

    def _commit(self, statement: str, rows: list[dict[str, Any]]) -> int:
        with self.driver.session(database=self.database) as session:
            session.execute_write(lambda tx: tx.run(statement, rows=rows).consume())
        return len(rows)

    def _read(self, cypher: str, params: dict[str, Any], timeout: float | None, max_rows: int | None) -> Result:
        """One read transaction of its own, rolled back: nothing is committed, and the
        rows past `max_rows` are never pulled from the server."""
        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s, \
                    s.begin_transaction(timeout=timeout) as tx:
                columns = self._columns(tx, cypher, params)
                if columns is not None:
                    rows = [tuple(map(_plain, row)) for record in tx.run(_in_lists(cypher, columns, max_rows), params)
                            for row in record[0]]
                    truncated = max_rows is not None and len(rows) > max_rows
                    return Result(columns, tuple(rows[:max_rows] if truncated else rows), truncated)
                r = tx.run(cypher, params)
                rows = []
                for record in r:
                    if max_rows is not None and len(rows) == max_rows:
                        return Result(tuple(r.keys()), tuple(rows), truncated=True)
                    rows.append(tuple(_plain(v) for v in record.values()))
                return Result(tuple(r.keys()), tuple(rows))
        except Neo4jError as e:
            if timeout and "TransactionTimedOut" in (e.code or ""):
                raise StoreError(f"query stopped after {timeout:g} s, the time limit") from None
            raise StoreError(self._redact(e.message or str(e))) from e
        except DriverError as e:
            raise StoreError(self._redact(f"Neo4j: {e}")) from e

    def _columns(self, tx: neo4j.Transaction, cypher: str, params: dict[str, Any]) -> tuple[str, ...] | None:
        """The columns of `cypher` if its rows can come in lists (`_in_lists`), else None. A
        statement is planned once (EXPLAIN runs nothing) and its answer kept: a catalog query
        is asked thousands of times. That first time, one that takes lists is also run once per
        bucket of list sizes (`_plan_every_size`)."""
        if cypher not in self._listed:
            if len(self._listed) > 1000:  # console statements are many and each is asked few times
                self._listed.clear()
            toks = tokens(cypher)
            columns = tuple(tx.run("EXPLAIN " + cypher, params).keys()) \
                if toks[0].upper in _LISTED_START and not any(t.text == ";" for t in toks) else ()
            self._listed[cypher] = columns if columns and all(map(_NAME.fullmatch, columns)) else None
            if self._listed[cypher] is not None:
                _plan_every_size(tx, _in_lists(cypher, self._listed[cypher], None), params)
        return self._listed[cypher]

    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> Result:
        def work(tx: neo4j.ManagedTransaction) -> Result:
            r = tx.run(cypher, params or {})
            return Result(tuple(r.keys()), tuple(tuple(_plain(v) for v in rec.values()) for rec in r))

        try:
            with self.driver.session(database=self.database) as s:
                return s.execute_write(work)
        except Neo4jError as e:
            raise StoreError(self._redact(e.message or str(e))) from e

    def clear(self) -> None:
        """Delete everything in bounded transactions: relationships first, so that no
        transaction has to detach a unit with hundreds of thousands of them."""
        with self.driver.session(database=self.database) as session:
            session.run("MATCH ()-[e]->() CALL (e) { DELETE e } IN TRANSACTIONS OF 10000 ROWS").consume()
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def close(self) -> None:
        self.driver.close()

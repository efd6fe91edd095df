"""Shared fixtures: the bundled gazette, its gold, and real stores.

Stores are real: a LadybugDB file in a temporary folder, and the Neo4j server
that `services/neo4j/start` runs (CI starts it). Without a reachable server
the Neo4j tests skip on a developer's machine and fail under CI=true.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

import govkg
from graph.ladybug_store import LadybugStore
from graph.store import StoreError

ROOT = Path(__file__).resolve().parent.parent
GAZETTE = ROOT / "data" / "gazettes" / "dongcheng-gazette-2020-01.txt"
# Both stores, for tests parametrized over them: the Neo4j case carries the neo4j mark (-m "not neo4j").
STORES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)]
GOLD = Path(__file__).parent / "fixtures" / "dongcheng-gazette-2020-01.gold.jsonl"


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


def squeeze(s: str | None) -> str:
    return re.sub(r"\s+", "", s or "")


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return load_gold()


@pytest.fixture(scope="session")
def extraction() -> govkg.Extraction:
    return govkg.extract([GAZETTE])


@pytest.fixture(scope="session")
def records(extraction) -> list[dict]:
    return [f.to_record() for f in extraction.facts]


@pytest.fixture
def ladybug(tmp_path) -> LadybugStore:
    store = LadybugStore(tmp_path / "db")
    yield store
    store.close()


@pytest.fixture(scope="session")
def ingested_ladybug(tmp_path_factory) -> LadybugStore:
    """One LadybugDB with the bundled gazette, shared by read-only tests."""
    store = LadybugStore(tmp_path_factory.mktemp("ingested") / "db")
    govkg.ingest([GAZETTE], store)
    yield store
    store.close()


def _neo4j_or_skip():
    from graph.neo4j_store import Neo4jStore

    try:
        return Neo4jStore()
    except StoreError as e:
        message = f"Neo4j not reachable ({e}); start it with services/neo4j/start"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def neo4j():
    """The test server, emptied before the test: never point NEO4J_URI at a graph you keep."""
    store = _neo4j_or_skip()
    store.clear()
    yield store
    store.close()


@pytest.fixture(scope="module")
def ingested_neo4j():
    store = _neo4j_or_skip()
    store.clear()
    govkg.ingest([GAZETTE], store)
    yield store
    store.close()


def wait_for_killed_transactions(store) -> None:
    """The server runs a killed client's last transaction on until it notices the closed
    socket; a test that goes on before then races it (a lock, a node deleted under it)."""
    deadline = time.monotonic() + 120
    with store.driver.session(database=store.database) as session:
        while session.run("SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                          "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS n").single()["n"]:
            assert time.monotonic() < deadline, "a killed load's transaction still runs after 2 minutes"
            time.sleep(0.2)


def person_id(store, name: str) -> str:
    """The id of the person of `name` named by the most facts (ties: the first id).

    Person ids are digests of what the extraction reads, so a better reading
    changes them: tests look them up rather than print them.
    """
    rows = store.query("MATCH (p:Person)--(x) WHERE p.name = $name RETURN p.id AS id, count(x) AS n "
                       "ORDER BY n DESC, id LIMIT 1", {"name": name}).rows
    assert rows, f"no person named {name}"
    return rows[0][0]

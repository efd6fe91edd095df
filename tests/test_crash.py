"""Killed writers: `kill -9` at spread moments of an ingest into LadybugDB and a load into Neo4j.

Each kill hits a real `govkg ingest`/`govkg load` (the CLI's own code, forked
from a server that has already imported govkg, so that a kill costs no
interpreter start) at a moment spread over the whole run, or just after the
write-ahead log or the checkpoint files appear, which is when LadybugDB
writes its commit and its checkpoint. Then the store must open (read-only,
as the dashboard opens it), hold the state before or the state after the
ingest (LadybugDB commits once; Neo4j in batches, so any prefix), and the
same ingest run again must give exactly what an uninterrupted run gives.

GOVKG_KILL_REPORT=FILE writes every kill's moment and outcome as JSON lines
(docs/reliability.md is made from such a run).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import time
from pathlib import Path

import pytest

import govkg
from bench.load import synthetic
from graph.ladybug_store import FILE_NAME, LadybugStore
from graph.schema import load
from tests.conftest import GAZETTE, _neo4j_or_skip, wait_for_killed_transactions

SCHEMA = load()
LADYBUG_SPREAD, LADYBUG_AT_EVENTS, NEO4J_KILLS = 30, 10, 30
# The commit appends to the first (for a few milliseconds), the checkpoint freezes it into the second.
EVENTS = {".wal": 0.012, ".wal.checkpoint": 0.1}
STALE = {f"{FILE_NAME}{suffix}" for suffix in (".shadow", ".wal.checkpoint", ".checkpoint.intent.lock",
                                                 ".checkpoint.apply.lock")}


def dump(store: govkg.Store) -> dict[str, list]:
    """Every node and relationship with its properties, in an order independent of storage."""
    out: dict[str, list] = {}
    for node in SCHEMA.nodes:
        rows = store.query(f"MATCH (n:{node.label}) RETURN n").rows
        out[node.label] = sorted(repr(sorted((k, v) for k, v in r[0].items() if not k.startswith("_")))
                                 for r in rows)
    for rel in SCHEMA.rels:
        rows = store.query(f"MATCH (a)-[e:{rel.type}]->(b) RETURN a.id, b.id, e").rows
        out[rel.type] = sorted(repr((a, b, sorted((k, v) for k, v in e.items() if not k.startswith("_"))))
                               for a, b, e in rows)
    out["SourceText"] = sorted(store.query("MATCH (s:SourceText) RETURN s.id, s.text").rows)
    return out


def _cli(args: list[str]) -> None:
    from govkg.cli import main

    main(args, standalone_mode=False)


@pytest.fixture(scope="module")
def forker():
    """Processes forked from one that has imported govkg already (no shared sockets or files)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["govkg.cli", "ladybug", "neo4j"])
    warm = ctx.Process(target=time.sleep, args=(0,))  # start the server now, not in the first timed run
    warm.start()
    warm.join()
    return ctx


@pytest.fixture(scope="module")
def facts_file(tmp_path_factory) -> Path:
    """A second input big enough that its commit and checkpoint take tens of milliseconds."""
    path = tmp_path_factory.mktemp("facts") / "synthetic.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for fact in synthetic(1200, seed=11):
            f.write(json.dumps(fact.to_record(), ensure_ascii=False) + "\n")
    return path


def _kill_at(forker, args: list[str], folder: Path | None, moment: tuple[str, float]) -> tuple[int, float]:
    """Run `govkg ARGS` and SIGKILL it `moment` = (event, seconds) after the event ('start', or a
    LadybugDB file appearing); the exit code (negative for a kill) and when it died."""
    event, delay = moment
    proc = forker.Process(target=_cli, args=(args,))
    start = time.monotonic()
    proc.start()
    if event != "start":
        marker = Path(f"{folder / FILE_NAME}{event}")
        while proc.is_alive() and not marker.exists():
            time.sleep(0.0002)
    deadline = time.monotonic() + delay
    while proc.is_alive() and time.monotonic() < deadline:
        time.sleep(0.0005)
    proc.kill()
    proc.join()
    return proc.exitcode, time.monotonic() - start


def _report(entry: dict) -> None:
    if os.environ.get("GOVKG_KILL_REPORT"):
        with open(os.environ["GOVKG_KILL_REPORT"], "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _run_whole(forker, base: Path, tmp_path: Path, args) -> tuple[object, float]:
    """The store after an ingest into a copy of `base` left to finish, and the seconds it took:
    what every kill is judged against and spread over."""
    whole = tmp_path / "whole"
    shutil.copytree(base, whole)
    started = time.monotonic()
    assert _kill_at(forker, args(whole), whole, ("start", 600))[0] == 0
    duration = time.monotonic() - started
    with LadybugStore(whole, read_only=True) as store:
        return dump(store), duration


def test_ladybug_survives_kill_9_at_any_moment_of_an_ingest(tmp_path, forker, facts_file):
    base = tmp_path / "base"
    with LadybugStore(base) as store:
        govkg.ingest([GAZETTE], store)
        before = dump(store)
    args = lambda folder: ["ingest", str(facts_file), "--db", str(folder)]  # noqa: E731
    after, duration = _run_whole(forker, base, tmp_path, args)
    assert after != before

    rng = random.Random(10)
    moments = [("start", duration * (i + rng.random()) / LADYBUG_SPREAD) for i in range(LADYBUG_SPREAD)]
    moments += [(event, rng.uniform(0, span)) for event, span in EVENTS.items() for _ in range(LADYBUG_AT_EVENTS)]
    outcomes = []
    for n, moment in enumerate(moments):
        folder = tmp_path / f"kill{n}"
        shutil.copytree(base, folder)
        code, died = _kill_at(forker, args(folder), folder, moment)
        left = sorted(p.name for p in folder.iterdir())
        with LadybugStore(folder, read_only=True) as store:  # a reader first: the dashboard after a crash
            state = dump(store)
        outcome = "old" if state == before else "new" if state == after else "other"
        after_open = {p.name for p in folder.iterdir()}
        assert after_open & STALE == set(), (moment, after_open)
        with LadybugStore(folder) as store:
            govkg.ingest([facts_file], store)
            again = dump(store)
        outcomes.append((outcome, again == after))
        _report({"store": "ladybug", "event": moment[0], "delay": round(moment[1], 4), "died": round(died, 3),
                 "exit": code, "files": left, "opened": outcome, "after_reingest": again == after,
                 "log_set_aside": any(".corrupt-" in name for name in after_open)})
        shutil.rmtree(folder)
    assert len(moments) >= 50
    assert [o for o in outcomes if o[0] == "other" or not o[1]] == []
    assert {"old", "new"} <= {o for o, _ in outcomes}  # kills landed before and after the commit


def test_ladybug_first_load_copied_is_lost_or_kept_whole_by_a_kill(tmp_path, forker, facts_file):
    """A first load is all COPY (people, texts and file records included): LadybugDB makes a COPY
    durable by its commit's checkpoint, not by its log, so a kill in that checkpoint must lose the
    load whole, never keep its logged part alone (`graph.copy_load`)."""
    base = tmp_path / "base"
    LadybugStore(base).close()
    with LadybugStore(base, read_only=True) as store:
        empty = dump(store)
    args = lambda folder: ["ingest", str(facts_file), "--db", str(folder)]  # noqa: E731
    after, duration = _run_whole(forker, base, tmp_path, args)
    rng = random.Random(12)
    moments = [("start", duration * (i + rng.random()) / 10) for i in range(10)]
    moments += [(".wal.checkpoint", rng.uniform(0, 0.1)) for _ in range(8)]
    outcomes = []
    for n, moment in enumerate(moments):
        folder = tmp_path / f"kill{n}"
        shutil.copytree(base, folder)
        _kill_at(forker, args(folder), folder, moment)
        with LadybugStore(folder, read_only=True) as store:
            state = dump(store)
        with LadybugStore(folder) as store:
            govkg.ingest([facts_file], store)
            again = dump(store)
        outcomes.append(("empty" if state == empty else "whole" if state == after else "other", again == after))
        shutil.rmtree(folder)
    assert [o for o in outcomes if o[0] == "other" or not o[1]] == [], outcomes


@pytest.mark.neo4j
def test_neo4j_converges_after_kill_9_at_any_moment_of_a_load(tmp_path, forker, facts_file):
    store = _neo4j_or_skip()
    args = ["load", str(GAZETTE), str(facts_file), "--target", "neo4j"]
    try:
        for _ in range(2):  # the second run is the one timed: the first also creates the constraints
            store.clear()
            started = time.monotonic()
            assert _kill_at(forker, args, None, ("start", 600))[0] == 0
            duration = time.monotonic() - started
        after = dump(store)
        rng = random.Random(11)
        outcomes = []
        for i in range(NEO4J_KILLS):
            store.clear()
            delay = duration * (i + rng.random()) / NEO4J_KILLS
            code, died = _kill_at(forker, args, None, ("start", delay))
            wait_for_killed_transactions(store)
            nodes = store.query("MATCH (n) RETURN count(n)").rows[0][0]  # the server still answers
            assert _kill_at(forker, args, None, ("start", 600))[0] == 0
            again = dump(store)
            outcomes.append(again == after)
            _report({"store": "neo4j", "event": "start", "delay": round(delay, 4), "died": round(died, 3),
                     "exit": code, "nodes_after_kill": nodes, "after_reload": again == after})
        assert outcomes == [True] * NEO4J_KILLS
    finally:
        store.close()


def _write_and_die(folder: str, facts_file: str) -> None:
    """An ingest that commits and then dies before any checkpoint: its transaction is all in the log."""
    store = LadybugStore(Path(folder))
    govkg.ingest([facts_file], store)
    os._exit(0)


@pytest.mark.parametrize("keep", [1.0, 0.5, 0.01])
def test_a_torn_commit_is_dropped_and_a_whole_one_kept(tmp_path, forker, facts_file, keep, caplog):
    """A kill while the commit is appended leaves its log cut anywhere (here: at `keep` of it)."""
    folder = tmp_path / "db"
    with LadybugStore(folder) as store:
        govkg.ingest([GAZETTE], store)
        before = dump(store)
    proc = forker.Process(target=_write_and_die, args=(str(folder), str(facts_file)))
    proc.start()
    proc.join()
    wal = folder / f"{FILE_NAME}.wal"
    size = wal.stat().st_size
    with open(wal, "r+b") as f:
        f.truncate(int(size * keep))
    with LadybugStore(folder, read_only=True) as store:
        state = dump(store)
    if keep == 1.0:
        assert state != before and {p.name for p in folder.iterdir()} == {FILE_NAME, wal.name}
        return
    assert state == before
    (copy,) = folder.glob(f"{FILE_NAME}.wal.corrupt-*")
    assert copy.stat().st_size == int(size * keep)
    assert "kept every committed transaction and dropped the unfinished one" in caplog.text
    with LadybugStore(folder) as store:
        govkg.ingest([facts_file], store)
        assert dump(store) != before

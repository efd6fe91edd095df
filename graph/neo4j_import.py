"""An empty Neo4j filled by `neo4j-admin database import` (`govkg load --target neo4j --bulk`).

Neo4j's import tool writes the store files directly from CSV, far faster than
any transaction, but only into a database that is offline and is replaced
whole. So this path is for a first load: it refuses a database that holds
anything, writes the graph's rows (the same nodes, edges, printed texts and
file records a transactional load writes) as CSV in the tool's header format,
has `services/neo4j/import` stop the server, import and start it again, then
creates the constraints and indexes and derives the people and tenures
through the store's own write path, as after any load.

The killed-load guarantees are the transactional load's: a bulk load killed
midway leaves a database to throw away (`--bulk` refuses it, since it is not
empty; clear it and run the bulk load again, or load without `--bulk`).
"""

from __future__ import annotations

import csv
import itertools
import os
import re
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from govkg import IngestReport
from graph.build import build
from graph.bulk import groups
from graph.data import GraphData
from graph.derived import PENDING_LABEL, touched, without_derived
from graph.neo4j_store import Neo4jStore
from graph.schema import Property, Schema
from graph.store import FILE_LABEL, SOURCE_LABEL, StoreError, source_rows
from ingest.pipeline import digests, extract_many, walk

SCRIPT = Path(__file__).resolve().parent.parent / "services" / "neo4j" / "import"
ARRAY = "\x1f"  # the ASCII unit separator: never printed in a gazette
_TYPES = {"STRING": "string", "INT64": "long", "BOOLEAN": "boolean"}


def _header(p: Property) -> str:
    return f"{p.name}:{_TYPES[p.type]}" + ("[]" if p.is_list else "")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ARRAY.join(value)
    return "" if value is None else value


def write_csv(data: GraphData, texts: Mapping[str, Sequence[str]], files: Mapping[str, str], schema: Schema,
              folder: Path) -> list[str]:
    """CSV files of `data` in `folder`, one per label and per (type, from, to); the import tool's
    arguments that read them.

    Every node gets a number, in the order the files list them, which is its node id in the store
    (`--id-type=actual`): the tool then keeps no id map, whose building (every string id sorted and
    checked for collisions) and lookups took half of its time. The store's key is the `id` property,
    a column of its own; this numbering checks what the tool's id map did: no (label, id) twice, no
    edge to a node not imported. Files with a line break inside a value are named for the tool to
    read them whole: any other file it reads in parallel chunks."""
    nodes, edges = groups(data)
    held_nothing = lambda cypher, params: []  # noqa: E731 (the database is empty)
    extra = {SOURCE_LABEL: (["id", "file", "chunk:long", "text"], source_rows(texts)),
             FILE_LABEL: (["id", "file"], [{"id": h, "file": f} for h, f in files.items()]),
             # every name pending, its people derived after the import (`Store.derive`)
             PENDING_LABEL: (["name"], [{"id": n, "name": n} for n in touched(data, held_nothing)])}
    ids: dict[str, dict[str, int]] = defaultdict(dict)  # label → id → number (a dict per label: str keys hash fast)
    serial = itertools.count()

    def numbered(label: str, key: str) -> int:
        if key in ids[label]:
            raise StoreError(f"{label} {key!r} twice in the data to import")
        ids[label][key] = number = next(serial)
        return number

    written: list[tuple[str, Path, bool, str]] = []  # (nodes or relationships, file, has a line break, label or type)
    for label, ns in nodes.items():
        props = schema.node(label).properties
        rows = ([numbered(label, n.id), *(_cell(n.props.get(p.name)) for p in props)] for n in ns)
        written.append(("nodes", *_write(folder / f"{label}.csv", [":ID", *map(_header, props)], rows, len(ns)),
                        label))
    for label, (header, rows) in extra.items():
        if rows:
            keys = [h.split(":")[0] for h in header]
            cells = ([numbered(label, r["id"]), *(_cell(r[k]) for k in keys)] for r in rows)
            written.append(("nodes", *_write(folder / f"{label}.csv", [":ID", *header], cells, len(rows)), label))
    for (type_, src, dst), es in edges.items():
        props = schema.rel(type_).properties
        starts, ends = ids[src], ids[dst]
        rows = ([starts[e.src[1]], ends[e.dst[1]], *(_cell(e.props.get(p.name)) for p in props)] for e in es)
        header = [":START_ID", ":END_ID", *map(_header, props)]
        try:
            written.append(("relationships", *_write(folder / f"{type_}-{src}-{dst}.csv", header, rows, len(es)),
                            type_))
        except KeyError as missing:
            raise StoreError(f"a {type_} edge from {src} to {dst} ends at {missing}, which is not among the nodes "
                             "to import") from None
    multiline = [str(path) for _, path, broken, _ in written if broken]
    return ["--id-type=actual", *(["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"]
                                  if multiline else []),
            *(f"--{kind}={name}={path}" for kind, path, _, name in written)]


def _write(path: Path, header: list[str], rows: Iterable[list[Any]], count: int) -> tuple[Path, bool]:
    """`path` written with the `count` rows; whether a value in it holds a line break (then the file
    has more line ends than a header and `count` rows)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    ends, returns = 0, 0
    with open(path, "rb") as f:  # a block at a time: a corpus's SourceText file may not fit in memory
        for block in iter(lambda: f.read(1 << 24), b""):
            ends, returns = ends + block.count(b"\n"), returns + block.count(b"\r")
    return path, ends != count + 1 or returns > 0


def import_graph(data: GraphData, connect: Callable[[], Neo4jStore], texts: Mapping[str, Sequence[str]] = {},
                 files: Mapping[str, str] = {}, timings: dict[str, float] | None = None) -> Neo4jStore:
    """Replace the empty database of `connect()` with `data` by the import tool; the store, reopened,
    with its constraints, indexes (populated), people and tenures. Raises `StoreError` if the database holds
    anything. `timings` gets the seconds of each step: csv, import (the tool's run), after."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    store = connect()
    try:
        if store.query("MATCH (n) RETURN count(n) AS n").rows[0][0]:
            raise StoreError(f"{store.settings['uri']}: the database is not empty; --bulk fills an empty "
                             "database only (leave it out to add to this one)")
        settings = store.settings
        data = store.accumulate(without_derived(data))  # lists sorted as a transactional load sorts them
    finally:
        store.close()
    with tempfile.TemporaryDirectory(prefix="govkg-import-") as tmp:
        args = write_csv(data, texts, files, store.schema, Path(tmp))
        timings["csv"] = time.perf_counter() - started
        env = {**os.environ, "NEO4J_BOLT_PORT": str(urlsplit(settings["uri"]).port or 7687),
               "NEO4J_PASSWORD": settings["password"], "NEO4J_DATABASE": settings["database"]}
        done = subprocess.run(["bash", str(SCRIPT), f"--array-delimiter={ARRAY}",
                               f"--report-file={Path(tmp) / 'import.report'}", *args],
                              env=env, capture_output=True, text=True)
        if done.returncode:
            raise StoreError("neo4j-admin database import failed: " + " ".join(done.stderr.split()[-60:]))
        timings["import"] = _tool_seconds(done.stderr)
    started = time.perf_counter()
    store = connect()
    store.ensure_schema()
    store.execute("CALL db.awaitIndexes(3600)")
    _empty_lists(store, data)
    store.derive()  # the people and tenures of all it holds, as after every load
    timings["after"] = time.perf_counter() - started
    return store


def _tool_seconds(log: str) -> float:
    """How long the import tool itself ran, from its closing line (`IMPORT DONE in 12s 345ms.`)."""
    found = re.search(r"IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms", log)
    if not found:
        return float("nan")
    minutes, seconds, millis = (int(g or 0) for g in found.groups())
    return minutes * 60 + seconds + millis / 1000


def _empty_lists(store: Neo4jStore, data: GraphData) -> None:
    """The import tool stores no empty list; a transactional load stores `[]`: make them agree."""
    with store.driver.session(database=store.database) as session:
        for label in sorted({n.label for n in data.nodes}):
            for p in store.schema.node(label).properties:
                if p.is_list:
                    session.run(f"MATCH (n:{label}) WHERE n.{p.name} IS NULL "
                                f"CALL (n) {{ SET n.{p.name} = [] }} IN TRANSACTIONS OF 10000 ROWS").consume()


def bulk_import(paths: Sequence[str | Path], connect: Callable[[], Neo4jStore], workers: int | None = None,
                progress: bool = False) -> IngestReport:
    """`govkg ingest --target neo4j --bulk`: extract `paths` and import them into the empty database."""
    files = walk(paths)
    unique: dict[str, Path] = {}
    for path, h in zip(files, digests(files)):
        unique.setdefault(h, path)
    batch = extract_many(list(unique.values()), workers, progress)
    data = build(batch.extraction.facts)
    texts = batch.texts
    with import_graph(data, connect, texts, {h: str(p) for h, p in unique.items()}) as store:
        after = store.counts()
    facts = batch.extraction.facts
    return IngestReport(dict(Counter(f.type for f in facts)), {}, after, batch.extraction.warnings,
                              tuple(map(str, unique.values())))

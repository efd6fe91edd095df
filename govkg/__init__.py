"""govkg: a knowledge graph of government officials, units and responsibilities.

The Python API in four calls, the same ones the CLI and the dashboard use::

    import govkg
    facts = govkg.extract(["gazette.txt"]).facts        # typed facts with provenance
    with govkg.open_store() as store:                   # LadybugDB in .govkg/db
        report = govkg.ingest(["gazette.txt"], store)   # idempotent
        rows = govkg.query(store, "tasks-led-by", unit="区应急局").records()

People are resolved over everything a store holds; a reviewer's word is data
kept beside the gazettes' facts: `govkg.review(store)` lists the doubtful
pairs, `govkg.merge(store, a, b)` and `govkg.split(store, a, b)` record a
judgement that every later ingest applies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from graph.build import build
from graph.bulk import ingested
from graph.store import Result, Store, StoreError, open_store
from ingest.people import NEGATIVE, POSITIVE, Pair
from ingest.pipeline import (BATCH_BYTES, STORE_RESOLVERS, Extraction, digests, extract_batches,
                             extract_many, walk)
from ingest.text import InputError
from queries.catalog import QueryError, catalog, run

__all__ = [
    "Extraction", "IngestReport", "InputError", "QueryError", "Result", "Store", "StoreError",
    "catalog", "extract", "ingest", "merge", "open_store", "query", "review", "split",
]


def extract(paths: Sequence[str | Path], workers: int | None = None, progress: bool = False) -> Extraction:
    """Facts of gazettes (any supported format) and of facts exports (.jsonl); a folder
    stands for the files under it. Files are extracted in `workers` processes (default:
    one per core) and resolved together, giving the facts a serial run gives.

    Every input is read before anything is returned: one bad file raises
    `InputError` and nothing downstream sees a partial extraction.
    """
    return extract_many(walk(paths), workers, progress).extraction


@dataclass(frozen=True)
class IngestReport:
    facts: dict[str, int]  # extracted, per record type
    before: dict[str, int]  # store counts per label / relationship type
    after: dict[str, int]
    warnings: tuple[str, ...]
    files: tuple[str, ...] = ()  # read and written
    skipped: tuple[tuple[str, str], ...] = ()  # (file, why): its content was ingested before


def ingest(paths: Sequence[str | Path], store: Store, progress: bool = False,
           workers: int | None = None, batch_bytes: float = BATCH_BYTES) -> IngestReport:
    """Extract `paths` (files, or folders of them) and MERGE their graph into `store`
    (idempotent), with the printed text of each gazette read, from which sources are shown.

    Files are written in batches of about `batch_bytes`, each in one write of its own: memory
    stays bounded whatever the number of files. People and tenures are derived once: with the
    facts, in the same write, when the files make one batch; else after the last batch, a few
    thousand names at a time (`graph.store.Store.derive`: one transaction of the whole store's
    people would hold them all in memory at once), their names marked pending until then
    (`graph.derived.pending`). A file whose content the store holds already
    (by hash, whatever its name) is skipped: a big ingest that was stopped, or that a bad
    file stopped, resumes where it stopped when run again.
    """
    files = walk(paths)
    hashes = digests(files)
    held = ingested(lambda q, p: store.query(q, p), sorted(set(hashes)))
    todo: dict[str, Path] = {}
    skipped: list[tuple[str, str]] = []
    for path, h in zip(files, hashes):
        if h in held:
            skipped.append((str(path), f"already ingested as {held[h]}" if held[h] != str(path) else "already ingested"))
        elif h in todo:
            skipped.append((str(path), f"same content as {todo[h]}"))
        else:
            todo[h] = path
    before = store.counts()
    counted: Counter[str] = Counter()
    warnings: list[str] = []
    hash_of = {p: h for h, p in todo.items()}
    written = 0
    try:
        for batch in extract_batches(list(todo.values()), workers, progress, batch_bytes, STORE_RESOLVERS):
            counted.update(f.type for f in batch.extraction.facts)
            warnings += batch.extraction.warnings
            store.write(build(batch.extraction.facts, store.schema), progress=progress,
                        texts=batch.texts, files={hash_of[p]: str(p) for p in batch.paths},
                        derive=batch.last and not written)
            written += len(batch.paths)
    except InputError as e:
        if written:
            store.derive()
            raise InputError(f"{e} (the {written} file(s) before it are ingested: run again to resume)") from None
        raise
    store.derive()  # after several batches, and what a load killed before it derived left pending
    return IngestReport(dict(counted), before, store.counts(), tuple(warnings), tuple(map(str, todo.values())),
                        tuple(skipped))


def query(store: Store, name: str, **params: str) -> Result:
    """Run catalog query `name`; parameters are the strings a user would type."""
    return run(store, name, params)


def review(store: Store) -> tuple[Pair, ...]:
    """Pairs of items a reviewer may want to judge: joined on weak evidence only (same or
    related unit), or kept apart by evidence against although a rule joins them."""
    return store.people().uncertain


def merge(store: Store, left: str, right: str) -> str:
    """Record that `left` and `right` (person ids or alternate ids) are one person; the
    judgement is kept in the store and applied after every later ingest. Returns the
    person's id."""
    store.judge(left, right, POSITIVE)
    return _person(store, left)


def split(store: Store, left: str, right: str) -> tuple[str, str]:
    """Record that `left` and `right` are two people; returns the two people's ids."""
    store.judge(left, right, NEGATIVE)
    return _person(store, left), _person(store, right)


def _person(store: Store, item: str) -> str:
    return next(p.id for p in store.people().people if item in (p.id, *p.alternate_ids))

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
from graph.store import Result, Store, StoreError, open_store
from ingest.facts import Fact
from ingest.people import NEGATIVE, POSITIVE, Pair
from ingest.pipeline import Extraction, extract_texts
from ingest.readers import read_many
from ingest.records import read_facts
from ingest.text import InputError, Text
from queries.catalog import QueryError, catalog, run

__all__ = [
    "Extraction", "IngestReport", "InputError", "QueryError", "Result", "Store", "StoreError",
    "catalog", "extract", "ingest", "merge", "open_store", "query", "review", "split",
]


def _is_facts_file(path: Path) -> bool:
    return path.suffix == ".jsonl"


def extract(paths: Sequence[str | Path]) -> Extraction:
    """Facts of gazettes (any supported format) and of facts exports (.jsonl).

    Every input is read before anything is returned: one bad file raises
    `InputError` and nothing downstream sees a partial extraction.
    """
    return _extract(paths)[0]


def _extract(paths: Sequence[str | Path]) -> tuple[Extraction, list[Text]]:
    """The extraction, and the gazette texts it was read from (not the facts exports)."""
    paths = [Path(p) for p in paths]
    texts = read_many([p for p in paths if not _is_facts_file(p)])
    extraction = extract_texts(texts)
    loaded: list[Fact] = [fact for p in filter(_is_facts_file, paths) for fact in read_facts(p)]
    return Extraction(extraction.facts + tuple(loaded), extraction.warnings), texts


@dataclass(frozen=True)
class IngestReport:
    facts: dict[str, int]  # extracted, per record type
    before: dict[str, int]  # store counts per label / relationship type
    after: dict[str, int]
    warnings: tuple[str, ...]


def ingest(paths: Sequence[str | Path], store: Store, progress: bool = False) -> IngestReport:
    """Extract `paths` and MERGE their graph into `store` (idempotent), with the printed
    text of each gazette read, from which sources are shown."""
    extraction, texts = _extract(paths)
    data = build(extraction.facts, store.schema)
    before = store.counts()
    store.write(data, progress=progress, texts={t.file: t.lines for t in texts})
    return IngestReport(dict(Counter(f.type for f in extraction.facts)), before, store.counts(),
                        extraction.warnings)


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

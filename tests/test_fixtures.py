"""Small gazettes written in the language of Chinese official documents.

Each `tests/fixtures/gazettes/NAME.{txt,md,html,pdf}` has `NAME.expected.jsonl`
beside it: the records (gold format) that the extractor must produce, no
more and no fewer of each record type listed there. Records of types that an
expected file does not mention are not checked, except that an empty
expected file means "no facts at all".
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ingest import records
from ingest.pipeline import extract

FIXTURES = Path(__file__).parent / "fixtures" / "gazettes"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".txt", ".md", ".html", ".pdf"})
# The gold fields of every record type; an alias record is judged by its printed forms only
# (its canonical name is built, not printed).
GOLD_FIELDS = {**records.GOLD_FIELDS, "unit_alias": ("aliases",)}


def _key(record: dict) -> tuple:
    fields = GOLD_FIELDS[record["type"]]
    values = []
    for f in fields:
        v = record.get(f)
        if f in ("phones", "aliases"):
            v = tuple(sorted(v or ()))
        elif isinstance(v, list):
            v = tuple(v)
        values.append(v)
    return (record["type"], *values)


def test_there_are_enough_fixtures():
    assert len(CASES) >= 15


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_fixture(path: Path):
    expected = [json.loads(l) for l in path.with_suffix(".expected.jsonl").read_text("utf-8").splitlines() if l.strip()]
    got = [f.to_record() for f in extract([path]).facts]
    if not expected:
        assert got == []
        return
    types = {r["type"] for r in expected}
    got_keys = Counter(_key(r) for r in got if r["type"] in types)
    want_keys = Counter(_key(r) for r in expected)
    missing = want_keys - got_keys
    extra = got_keys - want_keys
    assert not missing and not extra, f"missing: {sorted(missing)}\nextra: {sorted(extra)}"

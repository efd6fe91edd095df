"""The extractor against the gold, judged by the project's scorer.

`tests/fixtures/score_facts.py` is a copy of the scorer that judges the
facts export (shared/tools/score_facts.py); the bars are the issues'. Two
golds: the bundled Dongcheng gazette, and `tests/fixtures/dev/`, fifteen real
documents of fifteen other governments in ten provinces (a copy of
shared/corpus/dev), each extracted on its own as a user would.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("score_facts", Path(__file__).parent / "fixtures" / "score_facts.py")
score_facts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_facts)

BARS = {
    "document": 0.97, "appointment": 0.97, "appointment.post": 0.97, "membership": 0.97, "membership.group": 0.97,
    "responsibility": 0.97, "contact": 0.97, "responsibility.units": 0.97, "responsibility.lead": 0.97,
    "contact.details": 0.97, "unit_alias.pairs": 0.9,
}
DEV = Path(__file__).parent / "fixtures" / "dev"
DEV_LINE_BAR, DEV_MACRO_BAR = 0.8, 0.9


@pytest.fixture(scope="module")
def report(gold, records):
    return score_facts.score(gold, records)


@pytest.mark.parametrize("line", sorted(BARS))
def test_f1_reaches_the_bar(report, line):
    assert report[line]["f1"] >= BARS[line], report[line]


def test_every_scored_line_has_a_bar(report):
    assert set(report) == set(BARS)


@pytest.fixture(scope="module")
def dev_report():
    from ingest.pipeline import extract

    gold = [json.loads(line) for path in sorted(DEV.glob("*.gold.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]
    predicted = [f.to_record() for path in sorted(DEV.glob("*.txt")) for f in extract([path]).facts]
    return score_facts.score(gold, predicted)


def test_dev_corpus_of_other_governments_reaches_the_bars(dev_report):
    low = {line: v["f1"] for line, v in dev_report.items() if v["f1"] < DEV_LINE_BAR}
    assert not low, low
    macro = sum(v["f1"] for v in dev_report.values()) / len(dev_report)
    assert macro >= DEV_MACRO_BAR, dev_report
    assert set(dev_report) == set(BARS)


@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")), ids=lambda p: p.stem[:2])
def test_no_dev_document_gives_no_facts(path):
    from ingest.pipeline import extract

    kinds = {f.type for f in extract([path]).facts}
    gold = {json.loads(line)["type"] for line in path.with_suffix("").with_suffix(".gold.jsonl").read_text("utf-8").splitlines()
            if line.strip()}
    assert gold - {"unit_alias"} <= kinds


def test_every_fact_quotes_lines_inside_its_file(extraction):
    from ingest.readers import read

    lines = read(extraction.facts[0].source.file).lines
    for fact in extraction.facts:
        source = getattr(fact, "source", None)
        if source is None:
            continue
        assert 1 <= source.line_start <= source.line_end <= len(lines), fact

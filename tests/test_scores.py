"""The extractor against the gold, judged by the project's scorer.

`tests/fixtures/score_facts.py` is a copy of the scorer that judges the
facts export (shared/tools/score_facts.py); the bars are the issue's.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("score_facts", Path(__file__).parent / "fixtures" / "score_facts.py")
score_facts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_facts)

BARS = {
    "document": 0.97, "appointment": 0.97, "membership": 0.97, "responsibility": 0.97, "contact": 0.97,
    "responsibility.units": 0.97, "responsibility.lead": 0.97, "contact.details": 0.97,
    "unit_alias.pairs": 0.9,
}


@pytest.fixture(scope="module")
def report(gold, records):
    return score_facts.score(gold, records)


@pytest.mark.parametrize("line", sorted(BARS))
def test_f1_reaches_the_bar(report, line):
    assert report[line]["f1"] >= BARS[line], report[line]


def test_every_scored_line_has_a_bar(report):
    assert set(report) == set(BARS)


def test_every_fact_quotes_lines_inside_its_file(extraction):
    from ingest.readers import read

    lines = read(extraction.facts[0].source.file).lines
    for fact in extraction.facts:
        source = getattr(fact, "source", None)
        if source is None:
            continue
        assert 1 <= source.line_start <= source.line_end <= len(lines), fact

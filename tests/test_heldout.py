"""Documents read blind: each set in `tests/fixtures/heldout/` holds about 30
documents (mostly real pages of governments and congresses the other fixtures
do not cover, a few written for layouts the pages lack) whose gold was written
without reading the extractor (set1: 29 documents, set2: 30, set3: 30). They are
judged by the scorer, with bars, not record by record: the gold stays as it was
written, and what the extractor still misses in it is listed in
docs/extraction.md. The same documents typeset as PDFs must keep the bars.
The newest set's bars are those of its reading today, to hold what was won:
its misses (short names of a group a meeting notice uses, aliases only an
annotator knows) are listed with the others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import extract
from tests.pdfs import typeset
from tests.test_pdf_layouts import ALIGNED, _blocks
from tests.test_scores import score_facts

SETS = sorted((Path(__file__).parent / "fixtures" / "heldout").glob("set*"))
BARS = {"set1": (0.9, 0.95), "set2": (0.9, 0.95), "set3": (0.8, 0.92)}  # (every line, macro)


def _gold(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.with_suffix(".expected.jsonl").read_text("utf-8").splitlines()
            if line.strip()]


def _assert_bars(report: dict, folder: Path) -> None:
    line_bar, macro_bar = BARS[folder.name]
    low = {line: v["f1"] for line, v in report.items() if v["f1"] < line_bar}
    assert not low, low
    macro = sum(v["f1"] for v in report.values()) / len(report)
    assert macro >= macro_bar, (macro, report)


def test_there_are_three_sets():
    assert [len(list(folder.glob("*.txt"))) for folder in SETS] == [29, 30, 30]


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_heldout_documents_reach_the_bars(folder: Path):
    paths = sorted(folder.glob("*.txt"))
    predicted = [f.to_record() for path in paths for f in extract([path]).facts]
    _assert_bars(score_facts.score(_gold(paths), predicted), folder)


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_heldout_documents_typeset_as_pdfs_reach_the_bars(folder: Path, tmp_path):
    paths = [p for p in sorted(folder.glob("*.txt"))
             if not any(ALIGNED.search(line) or len(line) > 600 for line in p.read_text("utf-8").splitlines())]
    predicted = []
    for path in paths:
        pdf = typeset(tmp_path / f"{path.stem}.pdf", _blocks(path.read_text("utf-8").splitlines()))
        predicted += [f.to_record() for f in extract([pdf]).facts if f.type != "document"]
    gold = [r for r in _gold(paths) if r["type"] != "document"]  # a PDF has no title line of a web copy
    _assert_bars({line: v for line, v in score_facts.score(gold, predicted).items() if not line.startswith("document")},
                 folder)

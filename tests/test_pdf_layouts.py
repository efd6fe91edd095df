"""What holds on a text holds on the same text typeset as a PDF.

Most gazettes are published as PDF: every paragraph wraps at the page width
(a phone number or a name split across two lines), the spaces that set a
name apart from its post are gone, and the text comes back from pdfplumber
one printed line at a time. Each fixture written as a plain text copy is
typeset here, one paragraph per line of the copy and tab-separated rows as a
ruled table, and must give the facts its expected file lists, exactly as the
text does (`tests/test_fixtures.py`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from ingest.pipeline import extract
from tests.pdfs import typeset
from tests.test_fixtures import FIXTURES, _key

# Copies whose layout is the plain text's own (columns aligned with spaces) do not
# survive typesetting as paragraphs: a PDF prints such a table with rules.
ALIGNED = re.compile(r"\S {3,}\S.* {3,}\S")
# and a web copy that ran a whole page into one line is no typeset document either.
CASES = sorted(p for p in FIXTURES.glob("*.txt")
               if not any(ALIGNED.search(line) or len(line) > 600 for line in p.read_text("utf-8").splitlines()))


def _escaped(line: str) -> str:
    return line.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _blocks(lines: list[str]) -> list[str | list[list[str]]]:
    """Paragraphs, and each run of tab-separated or Markdown pipe rows as one table; a
    short line between two rows (一、提升政务服务效能) is a row of its own across the table."""
    blocks: list[str | list[list[str]]] = []
    for i, line in enumerate(lines):
        inside = blocks and isinstance(blocks[-1], list) and i + 1 < len(lines) and "\t" in lines[i + 1]
        if inside and "\t" not in line and 0 < len(line.strip()) <= 30:
            blocks[-1].append([_escaped(line)] + [""] * (len(blocks[-1][0]) - 1))
            continue
        pipe = line.strip().startswith("|") and line.strip().endswith("|")
        if pipe and re.fullmatch(r"[|:\-\s]+", line.strip()):
            continue  # |---|---| under a Markdown header
        if "\t" in line or pipe:
            cells = line.strip().strip("|").split("|") if pipe else line.split("\t")
            row = [_escaped(cell) for cell in cells]
            if blocks and isinstance(blocks[-1], list):
                blocks[-1].append(row)
            else:
                blocks.append([row])
        elif line.strip():
            blocks.append(_escaped(line))
    return blocks


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_fixture_typeset_as_a_pdf_gives_its_facts(path: Path, tmp_path):
    expected = [json.loads(l) for l in path.with_suffix(".expected.jsonl").read_text("utf-8").splitlines() if l.strip()]
    pdf = typeset(tmp_path / f"{path.stem}.pdf", _blocks(path.read_text("utf-8").splitlines()))
    got = [f.to_record() for f in extract([pdf]).facts]
    types = {r["type"] for r in expected} - {"document"}  # a PDF has no file name to title a copy without one
    want = Counter(_key(r) for r in expected if r["type"] in types)
    assert Counter(_key(r) for r in got if r["type"] in types) == want

"""Rows as text for people: table cells, and CSV that a spreadsheet cannot run.

A gazette's strings end up in CSV that people open in Excel or LibreOffice,
where a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) is a formula: `=HYPERLINK(…)` exfiltrates, `@SUM(…)` runs. As
OWASP recommends for CSV injection, such a cell is prefixed with `'` (shown,
never evaluated) and every cell is quoted, with embedded quotes doubled.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """A value as one line of text: lists joined with 、, None as empty."""
    if isinstance(value, list):
        return "、".join(map(str, value))
    return "" if value is None else str(value)


def neutralised(value: Any) -> Any:
    """`value`, with a text that a spreadsheet would take for a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """CSV of the rows, every cell quoted and neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow([neutralised(c) for c in columns])
    writer.writerows([[neutralised(cell(v)) for v in row] for row in rows])
    return out.getvalue()

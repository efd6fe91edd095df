"""Build small CJK PDFs in tests, so PDF reading is checked on real PDFs.

reportlab's built-in STSong-Light CID font needs no font file on the machine,
and platypus lays paragraphs and grid tables out the way a typeset gazette
does (wrapped lines, ruled table cells), which is what pdfplumber must undo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=18, wordWrap="CJK")
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=10, leading=14)


def build_pdf(
    path: str | Path,
    paragraphs: list[str],
    table: list[list[str]] | None = None,
    *,
    after: Sequence[str] = (),
) -> Path:
    """Write `paragraphs`, then `table` (first row is the header), then `after`.

    Cells are Paragraphs so long cell text wraps inside its cell, as in a
    gazette's task tables; `after` lets a test check that text below a table
    is read after the table's rows.
    """
    return typeset(path, [*paragraphs, *([table] if table else []), *after])


def typeset(path: str | Path, blocks: Sequence[str | list[list[str]]]) -> Path:
    """Write `blocks` in order: a string is a paragraph, a list of rows a ruled table
    (first row the header, repeated on every page it crosses)."""
    path = Path(path)
    story: list = []
    for block in blocks:
        if isinstance(block, str):
            story.append(Paragraph(_glyphs(block), _BODY))
            continue
        width = max(len(row) for row in block)
        rows = [[Paragraph(_glyphs(cell), _CELL) for cell in row] + [""] * (width - len(row)) for row in block]
        grid = Table(rows, repeatRows=1)
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [Spacer(1, 12), grid, Spacer(1, 12)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _glyphs(s: str) -> str:
    """The middle dot of a transliterated name (阿卜杜吉力力·阿卜来提) in the one the CID font
    has: STSong-Light draws no U+00B7, and its U+30FB reads back as U+00B7."""
    return s.replace("·", "・")

"""Read a gazette from text, Markdown, HTML or PDF into a `Text`.

The extractor only understands one shape of input: lines in reading order,
table rows as tab-separated cells. Each reader's job is to get any format
into that shape, and to refuse (with `InputError`, naming the file) anything
that is not a gazette text, rather than let garbage reach the extractor.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from pathlib import Path
from typing import Iterable

from ingest.text import InputError, Text

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
# Characters of Chinese (and Japanese) writing, which uses no word spaces:
# ideographs, kana, CJK punctuation (、。〔〕) and full-width forms (（）：).
_CJK = (
    "\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
)


def read(path: str | Path) -> Text:
    """Read one gazette file, choosing the reader by its suffix.

    A file that starts with `%PDF-` is read as a PDF whatever its name,
    since decoding a PDF as text would only produce noise.
    """
    data = _read_bytes(path)
    if not data.strip():
        raise InputError(f"{path}: empty file")
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        lines = _pdf_lines(data, path)
    elif suffix in HTML_SUFFIXES:
        lines = _html_lines(_decode(data, path), path)
    else:  # TEXT_SUFFIXES, and anything unknown is given a chance as text
        lines = _pipe_tables(_decode(data, path).splitlines())
    return Text(file=str(path), lines=tuple(lines))


def read_many(paths: Iterable[str | Path]) -> list[Text]:
    """Read several gazettes; the first bad one stops the batch."""
    return [read(p) for p in paths]


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: not readable (permission denied)") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


# --- text ------------------------------------------------------------------

_BINARY = "binary file, not a gazette text"


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A few stray NUL bytes are damage to a text; many are a binary file (or UTF-16 without a BOM).
_NUL_SHARE = 0.001


def _decode(data: bytes, path: str | Path) -> str:
    """Decode as UTF-16 (with its BOM), UTF-8 (BOM stripped) or GB18030, the encodings gazettes use.

    UTF-8 and GB18030 are tried strictly, since each would "succeed" on the
    other's bytes if lenient; charset-normalizer is only a last guess for odd
    legacy files. Stray NUL bytes are dropped with a warning.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return _checked(data.decode("utf-16"), path)
        except UnicodeDecodeError:
            raise InputError(f"{path}: {_BINARY}") from None
    nuls = data.count(b"\x00")
    if nuls > _NUL_SHARE * len(data):
        raise InputError(f"{path}: {_BINARY}")
    if nuls:
        log.warning("%s: ignored %d NUL byte(s)", path, nuls)
        data = data.replace(b"\x00", b"")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        if guess is None:
            raise InputError(f"{path}: {_BINARY}")
        content = str(guess)
    return _checked(content, path)


def _checked(content: str, path: str | Path) -> str:
    if _looks_binary(content):
        raise InputError(f"{path}: {_BINARY}")
    if not content.strip():
        raise InputError(f"{path}: empty file")
    return content


# Control characters (Unicode category Cc) that are not white space, and U+FFFD.
_JUNK = re.compile("[" + "".join(re.escape(chr(c)) for c in [*range(0x20), *range(0x7F, 0xA0)]
                                 if not chr(c).isspace()) + "\ufffd]")
_SPACE = re.compile(r"\s+")


def _looks_binary(content: str) -> bool:
    """Decoded binary shows up as control characters and U+FFFD; text has ~none.

    Counted by regular expressions: a list of the characters of a 200 MB
    text would take gigabytes.
    """
    visible = len(content) - sum(len(m) for m in _SPACE.findall(content))
    return visible > 0 and len(_JUNK.findall(content)) > 0.1 * visible


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_DELIMITER_CELL = re.compile(r"^:?-+:?$")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _is_delimiter(line: str) -> bool:
    return all(_DELIMITER_CELL.match(c) for c in _pipe_cells(line))


def _pipe_tables(lines: list[str]) -> list[str]:
    """Markdown pipe tables as tab rows; every other line untouched.

    Only a run of `|…|` lines whose second line is a `|---|` delimiter (a
    real GFM table) is converted, so prose that happens to hold pipes passes
    through as it is.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _PIPE_ROW.match(lines[j]):
            j += 1
        if j - i >= 2 and _is_delimiter(lines[i + 1]):
            out += ["\t".join(_pipe_cells(row)) for row in lines[i:j] if not _is_delimiter(row)]
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


# --- HTML ------------------------------------------------------------------

# Like a browser's innerText: paragraphs and headings stand apart with an
# empty line, other blocks (and list items, table rows) just start a new line.
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "title"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "caption", "center", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "header", "hgroup", "hr", "li", "main", "nav", "ol",
    "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
}
_DROP = {"script", "style", "noscript", "template"}
_BR = "\n"
# A source line break between two Chinese characters is not a space (CSS Text
# 3 drops it too): hand-wrapped HTML would otherwise split names and titles.
_CJK_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")


def _html_lines(content: str, path: str | Path) -> list[str]:
    from bs4 import BeautifulSoup

    lines = _flow_lines(BeautifulSoup(content, "html.parser"))
    if not any(lines):
        raise InputError(f"{path}: no text in HTML")
    return lines


def _flow(node, out: list) -> None:
    """Flatten `node` into text runs, `_BR`s and required line-break counts.

    A stack, not recursion: HTML nests as deep as it likes.
    """
    from bs4.element import NavigableString, PreformattedString, Tag

    stack = [(iter(node.children), 0)]
    spans: dict[int, dict[int, tuple[int, str]]] = {}  # table → column → (rows still spanned, text)
    while stack:
        children, closing_gap = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack:
                out.append(closing_gap)
        elif isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctype…
                out.append(re.sub(r"\s+", " ", _CJK_WRAP.sub("", str(child))))
        elif not isinstance(child, Tag) or child.name in _DROP:
            continue
        elif child.name == "br":
            out.append(_BR)
        elif child.name == "tr":
            cells = _row(child, spans.setdefault(id(child.find_parent("table")), {}))
            if any(cells):
                out += [1, "\t".join(cells), 1]
        else:
            gap = 2 if child.name in _PARAGRAPH else 1 if child.name in _BLOCK else 0
            out.append(gap)
            stack.append((iter(child.children), gap))


def _row(tr, carried: dict[int, tuple[int, str]]) -> list[str]:
    """A table row's cells in their columns: a cell spanning rows (rowspan) is repeated
    in the rows below it, one spanning columns (colspan) leaves the others empty, so
    that every row has its cells where its header says."""
    row: list[str] = []

    def fill() -> None:
        while len(row) in carried:
            rows, text = carried[len(row)]
            if rows > 1:
                carried[len(row)] = (rows - 1, text)
            else:
                del carried[len(row)]
            row.append(text)

    for cell in tr.find_all(["td", "th"], recursive=False):
        fill()
        text = _cell_text(cell)
        down, across = _span(cell, "rowspan"), _span(cell, "colspan")
        for k in range(across):
            if down > 1:
                carried[len(row)] = (down - 1, text if k == 0 else "")
            row.append(text if k == 0 else "")
    fill()
    return row


def _span(cell, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, 1)), 1000))
    except (TypeError, ValueError):
        return 1


def _cell_text(cell) -> str:
    """A cell's text on one line: its own line breaks become spaces."""
    return " ".join(line for line in _flow_lines(cell) if line).replace("\t", " ")


def _flow_lines(node) -> list[str]:
    parts: list = []
    _flow(node, parts)
    text, pending = [], 0
    for part in parts:
        if isinstance(part, int):
            pending = max(pending, part)
        elif part == " " and pending:
            continue  # white space next to a block edge is not content
        else:
            if pending and text:
                text.append("\n" * pending)
            pending = 0
            text.append(part)
    lines = [re.sub(" {2,}", " ", line).strip(" ") for line in "".join(text).split("\n")]
    return _single_blanks(lines)


def _single_blanks(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


# --- PDF -------------------------------------------------------------------

_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_CID = re.compile(r"\(cid:\d+\)")


def _tidy(s: str) -> str:
    """PDF text on one line, without the spaces PDF layout puts inside Chinese.

    Justified or letter-spaced Chinese (headings like `公 报`) has gaps wider
    than pdfplumber's word tolerance, which it turns into spaces between
    characters; and a cell wrapped inside its box comes back with newlines.
    Chinese never separates characters with spaces, so between two CJK
    characters any white space is layout, not text.
    """
    return _CJK_GAP.sub("", " ".join(s.split()))


def _pdf_lines(data: bytes, path: str | Path) -> list[str]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
    except PdfminerException as e:
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        raise InputError(f"{path}: unreadable PDF ({_reason(cause)})") from None
    except Exception as e:  # pdfminer raises all sorts on malformed files
        raise InputError(f"{path}: unreadable PDF ({_reason(e)})") from None
    lines: list[str] = []
    for page in pages:
        if page:
            lines += ([""] if lines else []) + page
    if not _CID.sub("", "".join(lines)).strip():
        why = "fonts without a Unicode mapping" if lines else "scanned images or blank pages?"
        raise InputError(f"{path}: unreadable PDF (no extractable text; {why})")
    return lines


def _reason(e: Exception) -> str:
    if type(e).__name__ == "PDFPasswordIncorrect":
        return "encrypted, needs a password"
    detail = " ".join(str(e).split())
    return f"{type(e).__name__}: {detail}" if detail else type(e).__name__


def _page_lines(page) -> list[str]:
    """The page's lines top to bottom, each table row at its own height.

    Text outside the tables and the tables' rows are extracted separately
    (a table's cells would otherwise run together into one line), then merged
    back by vertical position so the reading order is kept.
    """
    page = page.dedupe_chars()  # fake bold: the same glyph printed twice
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    prose = page.filter(lambda obj: obj.get("object_type") != "char" or not _in_any(obj, boxes))
    placed = [(line["top"], _tidy(line["text"])) for line in prose.extract_text_lines(layout=False)]
    for table in tables:
        for row, cells in zip(table.rows, table.extract()):
            texts = [_tidy(c or "") for c in cells]
            if any(texts):
                placed.append((row.bbox[1], "\t".join(texts)))
    placed.sort(key=lambda item: item[0])
    return [text for _, text in placed if text]


def _in_any(char: dict, boxes: list[tuple]) -> bool:
    """Whether a character's centre is in a table: the test cells use too."""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(x0 <= x < x1 and top <= y < bottom for x0, top, x1, bottom in boxes)

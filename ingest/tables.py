"""Tables recovered from lines, whatever form they reached us in.

A task table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限) arrives as:

- tab-separated rows (HTML and PDF readers, Markdown pipe tables);
- columns aligned with spaces, a long cell wrapped onto the next lines under
  its own column (plain-text copies of typeset tables);
- one cell per line, each header cell and then each row's cells in turn (web
  pages that lost their table markup), a row opening with its number.

Each becomes a `Table` of `Row`s with one cell per header column, so that
extractors read columns by name and never by layout. In the one-cell-a-line
form cells are placed by what they hold (a unit list goes to a unit
column, a date or a figure to neither), since empty cells leave no line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ingest.layout import squeeze
from ingest.posts import is_name
from ingest.units import known_body_length

TASK_COLUMNS = ("工作任务", "重点任务", "主要任务", "任务内容", "具体任务", "重点工作", "民生实事", "任务", "考核要求",
                "工作内容", "工作事项", "目标任务", "事项", "内容", "工作措施", "措施", "预期目标", "目标")
LEAD_COLUMNS = ("牵头单位", "牵头部门", "主责单位", "牵头责任单位")
UNIT_COLUMNS = ("责任单位", "责任部门", "牵头单位", "牵头部门", "主责单位", "配合单位", "配合部门", "协办单位",
                "参与单位", "责任主体", "牵头责任单位", "配合责任单位", "承办单位")
ITEM_COLUMNS = ("序号", "编号")
PHONE_COLUMNS = ("联系电话", "电话", "手机", "联系方式")
EMAIL_COLUMNS = ("电子邮箱", "邮箱", "电子邮件")
CONTACT_COLUMNS = ("联系人", *PHONE_COLUMNS, *EMAIL_COLUMNS)
_SIGNED = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_PHONE = re.compile(r"[\d\-—－()（）转 ]{7,}")
_TAGS = re.compile(r"</?\w+[^>]*>")
# A tab, or two spaces or more (of either width): each alternative starts with one character,
# so that the regex engine skips to them ([ \u3000]{2,}|\t would have it try every character).
_GAP = re.compile("\t| [ \u3000]+|\u3000[ \u3000]+")
# What a unit name ends with, or a collective (各乡镇, 相关单位) starts with.
_UNIT_END = re.compile(
    r"(?:局|委|办|委员会|办公室|办公厅|中心|厅|部|院|所|站|队|会|社|行|公司|集团|政府|办事处|街道|镇|乡|村|社区"
    r"|指挥部|小组|专班|管委会|联|署|处|科|室|馆|台|团|校|园|司|总局|分局|党委|党组|人大|政协|法院|检察院|部门|单位|机构)$"
)
_COLLECTIVE = re.compile(r"^(?:各|相关|有关|其他|全体)")
_LEAD_MARK = re.compile(r"[*＊※]$")
# A heading row that groups the rows below it (一、提升政务服务效能), printed across the table.
_SECTION_ROW = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])[^，。；,;]{1,30}$")


@dataclass(frozen=True)
class Row:
    start: int  # first and last line of the row (1-based)
    end: int
    cells: tuple[str, ...]  # one per header column, squeezed; "" where empty


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]

    def column(self, names: tuple[str, ...]) -> int | None:
        """The first column named exactly one of `names`, else containing one."""
        for name in names:
            if name in self.header:
                return self.header.index(name)
        for name in names:
            for i, cell in enumerate(self.header):
                if name in cell:
                    return i
        return None

    def unit_columns(self) -> list[int]:
        return [i for i, h in enumerate(self.header) if h in UNIT_COLUMNS]


def is_unit(s: str) -> bool:
    """Whether a printed piece names a unit or a collective of units (各乡镇（街道）,
    各县市区, 相关部门: a kind of unit after 各, not the 各育繁 a line break cut off)."""
    s = re.sub(r"[（(][^（）()]*[)）]$", "", _LEAD_MARK.sub("", squeeze(s)))
    if not 2 <= len(s) <= 30 or re.search(r"[。；;：:！？]", s):
        return False
    return bool(_UNIT_END.search(s) or (_COLLECTIVE.match(s) and s.endswith(("县", "市", "区", "旗"))))


def unit_pieces(cell: str) -> list[str]:
    """The pieces of a unit cell: 、，,； separate them, and so do line breaks and
    runs of spaces between whole unit names (a cell printed one unit a line), unless
    the break cuts a name the lexicon knows (市住房城乡 / 建设局)."""
    parts: list[str] = []
    for part in re.split(r"\s+", cell.strip()):
        if part and parts and wraps(parts[-1], part):
            parts[-1] += part
        elif part:
            parts.append(part)
    if len(parts) > 1 and all(is_unit(p.strip("、，,；;")) for p in parts):
        return [p.strip("、，,；;") for p in parts]
    return ["".join(parts)]


def wraps(before: str, after: str) -> bool:
    """Whether a line break between two pieces of a unit list falls inside one name."""
    if before.endswith(("、", "，", ",", "；", ";")):
        return False
    last, first = re.split(r"[、，,；;]", before)[-1], re.split(r"[、，,；;]", after)[0]
    return known_body_length(last + first) > len(first)


def is_unit_cell(cell: str) -> bool:
    pieces = [p for piece in unit_pieces(cell) for p in re.split(r"[、，,；;]", piece) if p]
    return bool(pieces) and all(is_unit(p) for p in pieces)


def _header(cells: list[str]) -> bool:
    names = [squeeze(_TAGS.sub("", c)) for c in cells]
    return any(n in UNIT_COLUMNS for n in names)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _aligned_cells(line: str) -> list[tuple[int, str]]:
    """(display column, text) of the cells of a line aligned with spaces."""
    out, pos = [], 0
    for piece in _GAP.split(line.rstrip()):
        start = line.index(piece, pos) if piece else pos
        if piece.strip():
            out.append((_width(line[:start]) + (len(piece) - len(piece.lstrip())), piece.strip()))
        pos = start + len(piece)
    return out


def _tab_tables(lines: Sequence[tuple[int, str]]) -> list[Table]:
    tables: list[Table] = []
    header: list[str] | None = None
    rows: list[Row] = []
    for n, line in lines:
        if "\t" not in line:
            if squeeze(line) and not _TAGS.fullmatch(line.strip()) and header and not _SECTION_ROW.match(squeeze(line)):
                tables.append(Table(tuple(header), tuple(rows)))
                header, rows = None, []
            continue
        cells = [_TAGS.sub("", c).strip() for c in line.split("\t")]
        if all(re.fullmatch(r":?-{2,}:?|", c.strip()) for c in cells):
            continue
        if _header(cells):
            if header:
                tables.append(Table(tuple(header), tuple(rows)))
            header, rows = [squeeze(c) for c in cells], []
        elif header and rows and _unfinished(rows[-1], header) and len(cells) == len(header) and not cells[0].strip():
            # a row the page width cut inside a cell: 1.3 | 全面落实…审批 / | “拿地即开工”… | 县住建局 | …
            above = rows[-1].cells + ("",) * (len(cells) - len(rows[-1].cells))
            rows[-1] = Row(rows[-1].start, n, tuple(a + b.strip() for a, b in zip(above, cells)))
        elif header and rows and _continues(rows[-1], cells):
            rows[-1] = _continued(rows[-1], cells, n)
        elif header:
            rows.append(Row(n, n, tuple(cells)))
    if header:
        tables.append(Table(tuple(header), tuple(rows)))
    return tables


def _unfinished(row: Row, header: list[str]) -> bool:
    """A row that stops before its unit cells: its task cell went on below."""
    units = [i for i, name in enumerate(header) if name in UNIT_COLUMNS]
    return len(row.cells) < len(header) or not any(i < len(row.cells) and row.cells[i].strip() for i in units)


def _continues(row: Row, cells: list[str]) -> bool:
    """A row that only carries on the one above: no number, nothing but units and dates,
    and the row above left its unit list open (…生态环境分局、 / 项目服务中心)."""
    filled = [c for c in cells if c.strip()]
    return (not cells[0].strip() and bool(filled) and any(c.rstrip().endswith(("、", "，", ",")) for c in row.cells)
            and all(is_unit_cell(c) or _is_figure(squeeze(c)) for c in filled))


def _continued(row: Row, cells: list[str], n: int) -> Row:
    """The row above with the units of its continuation appended to its open unit list."""
    merged = list(row.cells)
    open_cell = next(i for i in range(len(merged) - 1, -1, -1) if merged[i].rstrip().endswith(("、", "，", ",")))
    merged[open_cell] += "".join(c.strip() for c in cells if c.strip() and is_unit_cell(c))
    return Row(row.start, n, tuple(merged))


def _aligned_tables(lines: Sequence[tuple[int, str]]) -> list[Table]:
    """Columns aligned with spaces: the header's cells give the columns' positions."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        n, line = lines[i]
        i += 1
        # the cells' texts before their columns are measured: most lines are no header
        texts = [piece.strip() for piece in _GAP.split(line.rstrip()) if piece.strip()] if "\t" not in line else []
        if len(texts) < 3 or not _header(texts):
            continue
        cells = _aligned_cells(line)
        starts = [col for col, _ in cells]
        header = tuple(squeeze(c) for _, c in cells)
        rows: list[list] = []  # [start, end, cells]
        while i < len(lines):
            m, row_line = lines[i]
            if not row_line.strip():
                i += 1
                continue
            placed = _aligned_cells(row_line)
            if not placed or (placed[0][0] < starts[1] and not re.fullmatch(r"\d{1,3}", placed[0][1]) and not rows):
                break
            if placed[0][0] == 0 and not re.fullmatch(r"\d{1,3}", placed[0][1]):
                break  # a paragraph after the table
            column = [max((k for k, s in enumerate(starts) if s <= col + 1), default=0) for col, _ in placed]
            if column[0] == 0 or not rows:
                rows.append([m, m, [""] * len(header)])
            for k, (_, text) in zip(column, placed):
                rows[-1][2][k] = rows[-1][2][k] + ("\n" if rows[-1][2][k] else "") + text
            rows[-1][1] = m
            i += 1
        tables.append(Table(header, tuple(Row(s, e, tuple(c)) for s, e, c in rows)))
    return tables


_YEAR_PREFIX = re.compile(r"^\d{4}年度?")
_NOT_IN_COLUMN_NAME = re.compile(r"[，。；、：:（）()\d]")


def _is_column_name(s: str) -> bool:
    s = _YEAR_PREFIX.sub("", s)  # 2022年预期目标
    return 2 <= len(s) <= 8 and not _NOT_IN_COLUMN_NAME.search(s)


def _flattened_tables(lines: Sequence[tuple[int, str]]) -> list[Table]:
    """One cell per line: a run of column names, then rows opened by their numbers."""
    cells = [(n, squeeze(line)) for n, line in lines if squeeze(line) and "\t" not in line]
    tables: list[Table] = []
    i = 0
    while i < len(cells):
        run = i
        while run < len(cells) and _is_column_name(cells[run][1]):
            run += 1
        names = [c for _, c in cells[i:run]]
        if run - i < 3 or not any(n in UNIT_COLUMNS or n in CONTACT_COLUMNS for n in names) \
                or not any(n in ITEM_COLUMNS for n in names):
            i = max(run, i + 1)
            continue
        header = tuple(names[names.index(next(n for n in names if n in ITEM_COLUMNS)):])
        table, i = _flattened_rows(Table(header, ()), cells, run)
        tables.append(table)
    return tables


def _flattened_rows(table: Table, cells: list[tuple[int, str]], i: int) -> tuple[Table, int]:
    """The rows after a one-cell-a-line header: each opens with the next number."""
    item_col = table.column(ITEM_COLUMNS) or 0
    task_col = table.column(TASK_COLUMNS)
    if task_col is None:
        task_col = item_col + 1
    unit_cols = table.unit_columns()
    person_col, phone_col, email_col = table.column(("联系人",)), table.column(PHONE_COLUMNS), table.column(EMAIL_COLUMNS)
    rows: list[Row] = []
    expected = 1
    current: list | None = None  # [start, end, cells, next unit column]

    def close() -> None:
        if current:
            rows.append(Row(current[0], current[1], tuple(current[2])))

    while i < len(cells):
        n, s = cells[i]
        if s == str(expected):
            close()
            current = [n, n, [""] * len(table.header), 0]
            current[2][item_col] = s
            expected += 1
        elif current is None or re.match(r"^(?:[一二三四五六七八九十]+、|附件|附表)", s):
            break
        elif i + 1 < len(cells) and _SIGNED.fullmatch(cells[i + 1][1]):
            break  # the issuer above the date: a signature after the table
        elif email_col is not None and ("@" in s or current[2][email_col].endswith(("@", "."))):
            current[2][email_col] += s  # an address, or the rest of one the cell's width cut
        elif phone_col is not None and _PHONE.fullmatch(s):
            current[2][phone_col] += ("、" if current[2][phone_col] else "") + s
        elif person_col is not None and not current[2][person_col] and is_name(s):
            current[2][person_col] = s
        elif is_unit_cell(s) and unit_cols:
            k = min(current[3], len(unit_cols) - 1)
            if current[2][unit_cols[k]] and not current[2][unit_cols[k]].endswith(("、", "，", ",")) \
                    and len(unit_cols) > k + 1:
                k += 1
            col = unit_cols[k]
            current[2][col] = current[2][col] + ("\n" if current[2][col] else "") + s
            current[3] = k
        elif _is_figure(s):
            pass  # a deadline, a count, an amount: no column an extractor reads
        elif not current[2][task_col] or not any(current[2][c] for c in unit_cols):
            current[2][task_col] += s
        else:  # a second task in a row whose unit cell spans both (merged cell)
            close()
            current = [n, n, [""] * len(table.header), 0]
            current[2][task_col] = s
        if current:
            current[1] = n
        i += 1
    close()
    return Table(table.header, tuple(rows)), i


_FIGURE = re.compile(
    r"^(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬|前|以前|之前|完成|投入使用|动工|开工|建成)*"
    r"|全年|长期|持续推进|长期坚持|常态化|年底前|[\d.%/亿万千百元个户所座公里吨人项家处条台套件次亩米]+)$"
)


def _is_figure(s: str) -> bool:
    return bool(s) and bool(_FIGURE.match(s)) and not is_unit(s)


def tables(lines: Sequence[tuple[int, str]]) -> list[Table]:
    """Every task table among `lines`, in whichever form it was printed."""
    return list(_tables(tuple(lines)))


@lru_cache(maxsize=2)  # responsibilities and contacts read the tables of one section in turn
def _tables(lines: tuple[tuple[int, str], ...]) -> tuple[Table, ...]:
    return (*_tab_tables(lines), *_aligned_tables(lines), *_flattened_tables(lines))

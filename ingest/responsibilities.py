"""Tasks, table rows, work groups and measures with the units responsible.

Official documents name responsible units in a few set forms, whatever
government prints them:

- a bracket after the task, labelled (（责任单位：A、B等有关单位）,
  （责任领导：X；牵头单位：A；责任单位：B）) or in the national form
  (（A牵头，B、C按职责分工负责）, （A负责）, （A、B按职责分工负责））;
- label lines under the item (牵头单位：A / 配合单位：B、C);
- a sentence (由A牵头，B、C配合) or a work-group heading (（二）X工作组。牵头单位为A);
- the unit columns of a task table (序号 | 任务 | 牵头单位 | 配合单位), in any of
  the forms `ingest.tables` recovers; a `*` after a unit, or a column or
  bracket labelled 牵头, marks the lead, else the first unit leads.

An item is a numbered paragraph (1. / 一、 / （一）) with what follows it up
to the next number: a heading (（一）农村生活垃圾分类治理) takes the units
printed in the paragraphs and label lines under it. Kinds: a numbered item
is a "measure" when its document is a list of measures (the title ends in
措施/细则/办法, or its items carry 联系人 lines) and a "task" otherwise; a
numbered heading with 牵头单位为 is a "group"; a table row is a "row".

PDF conversion breaks paragraphs across lines: a line continues the
paragraph above it when the line above was full (as wide as the text's
lines run) and ended no sentence, or left a bracket open; a numbered item
still waiting for its unit bracket is not ended by a full stop, since a
typeset line can end on one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.facts import Fact, Responsibility
from ingest.layout import full_width, squeeze
from ingest.segment import Section
from ingest.tables import ITEM_COLUMNS, LEAD_COLUMNS, TASK_COLUMNS, Table, is_unit, tables, unit_pieces
from ingest.text import Text

ITEM = re.compile(r"^(\d{1,3}\.\d{1,2})(?![\d%．.])\s*|^(\d{1,3})\s*[.．、]\s*")
HEADING = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*|^([一二三四五六七八九十]{1,3})、\s*")
_LABELS = "责任单位|牵头单位|主责单位|责任部门|牵头部门|配合单位|协办单位|配合部门|参与单位|牵头责任单位|配合责任单位"
_LABEL = re.compile(rf"({_LABELS})\s*[:：为]")
_LABEL_LINE = re.compile(rf"^(?:{_LABELS})\s*[:：]")
_BLOCK = re.compile(
    rf"^(?:[一二三四五六七八九十]{{1,3}}、|[（(]\s*[\d一二三四五六七八九十]{{1,3}}\s*[)）]|[-*•]\s|\d{{1,3}}\s*[.．、]"
    rf"|联系人|联系电话|邮\s*箱|电子邮箱|具体流程|附件|附表|{_LABELS})"
)
_SENTENCE_END = ("。", "！", "？", "；", "：", ":")
_UNIT_CLAUSE = re.compile(rf"[（(]\s*(?:{_LABELS}|责任领导|分管领导|牵头领导)\s*[:：]")
_SQUARE_CLAUSE = re.compile(rf"[\[【［](?=\s*(?:{_LABELS}|责任领导|分管领导|牵头领导)\s*[:：])")
_SQUARE_CLOSE = re.compile(r"[\]】］]")
_LED_BY = re.compile(r"由([^，,。；;]{2,40}?)牵头(?:[，,]\s*([^，,。；;]{2,80}?)(?:等(?:有关|相关)?(?:单位|部门))?(?:共同)?(?:配合|参与|协助))?")
# A sentence that opens with the units: 。区人社局负责，会同有关部门… / 。A牵头，B、C配合
_DUTY_SENTENCE = re.compile(r"(?<=[。；;])([^，,。；;]{2,60}?)(?:牵头负责|负责|牵头)(?:[，,]([^，,。；;]{2,80}?)"
                            r"(?:等(?:有关|相关)?(?:单位|部门))?(?:共同)?(?:配合|参与|协助))?(?=[，,。；;]|$)")
_GROUP_LEAD = re.compile(r"牵头单位为([^，,。；;]{2,40})(?:[，,；;]\s*(?:配合|成员)单位(?:为|包括)([^。；;]{2,120}))?")
# The national form: （A牵头，B、C按职责分工负责）, （A负责）, （A、B等有关单位配合）.
_DUTY = re.compile(r"^(.+?)(?:等(?:有关|相关)?(?:单位|部门)?)?(牵头|(?:按职责分工|按职责|分别|共同)?负责|配合|参与|协助|落实)$")
# What follows a list and names no unit: 等有关单位, 等; a collective (区直各部门) stays.
# So are a verb after the last unit (A、B分别牵头) and a note in brackets (除标注“分别牵头”外，…，下同).
_TRAILER = re.compile(r"(?:等(?:有关|相关)?(?:单位|部门|委办局)?|(?:分别|共同)?(?:牵头|负责)|[（(][^（）()]*[，,“”][^（）()]*[)）])$")
_LEAD_MARK = re.compile(r"[（(]牵头[）)]$|[*＊※]$")
_LEADS_BELOW = re.compile(r"^([^，,。；;：:]{2,30}?)牵头(?:的)?(?:工作|任务|事项)(?:[（(][\d一二三四五六七八九十]+项[)）])?[:：]?$")
_MEASURE_TITLE = re.compile(r"(措施|细则|办法)(?:的通知)?$")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str  # the lines joined, white space removed


def _awaits_units(text: str) -> bool:
    """A numbered item whose unit clause has not come yet: a typeset line may
    end on a full stop mid-item, so only the next block closes it."""
    return bool(ITEM.match(text)) and not _UNIT_CLAUSE.search(text)


def _ends(text: str) -> bool:
    """A paragraph that ended: a full stop, or a closing unit bracket (（牵头单位：…）); a
    bracket closed inside a name (各乡（镇）) ends nothing."""
    if text.endswith(_SENTENCE_END):
        return True
    if text.endswith(("）", ")")):
        inside = text[max(text.rfind("（"), text.rfind("(")):]
        return bool(_UNIT_CLAUSE.search(inside) or re.search(r"牵头|负责|配合|参与", inside))
    return False


def _round_brackets(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines with a unit clause in square brackets ([牵头单位:A;责任单位:B], 【责任单位：…】)
    in round ones, the one form the readers below know; its closing bracket may be
    lines further down."""
    out, open_square = [], False
    for n, line in lines:
        at = 0
        while True:
            if not open_square:
                if not (m := _SQUARE_CLAUSE.search(line, at)):
                    break
                line, at, open_square = line[: m.start()] + "（" + line[m.end():], m.end(), True
            if not (close := _SQUARE_CLOSE.search(line, at)):
                break
            line, at, open_square = line[: close.start()] + "）" + line[close.end():], close.end(), False
        out.append((n, line))
    return out


def paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Paragraphs of non-table lines, PDF line breaks undone."""
    lines = _round_brackets(lines)
    full = 0.7 * full_width(lines)
    out: list[Paragraph] = []
    last_line = ""
    for n, line in lines:
        s = squeeze(line)
        if not s or "\t" in line:
            continue
        previous = out[-1] if out else None
        continues = previous is not None and (
            _UNIT_CLAUSE.match(s)
            or previous.text.count("（") + previous.text.count("(") > previous.text.count("）") + previous.text.count(")")
            or (len(last_line) >= full and not _BLOCK.match(line.strip())
                and not (_ends(previous.text) and not _awaits_units(previous.text)))
        )
        if continues:
            out[-1] = Paragraph(previous.start, n, previous.text + s)
        else:
            out.append(Paragraph(n, n, s))
        last_line = s
    return out


def _and_split(unit: str) -> list[str]:
    """市级各有关部门及各县市区政府 is two: 及 between two unit names joins a list."""
    left, sep, right = unit.partition("及")
    return [left, right] if sep and is_unit(left) and is_unit(right) else [unit]


def split_units(listing: str) -> list[str]:
    """The units of a printed list, split on 、，,； outside brackets, trailers dropped."""
    units: list[str] = []
    depth, current = 0, ""
    for ch in squeeze(listing) + "、":
        depth += ch in "（(" and 1 or 0
        depth -= ch in "）)" and 1 or 0
        if depth == 0 and ch in "、，,；;":
            unit = _TRAILER.sub("", current)
            if unit:
                units += _and_split(unit)
            current = ""
        else:
            current += ch
    return units


def _marked(units: list[str]) -> tuple[list[str], str | None]:
    """Units without their lead marks (A*, A（牵头）), and the first unit so marked."""
    lead = next((u for u in units if _LEAD_MARK.search(u)), None)
    return [_LEAD_MARK.sub("", u) for u in units], _LEAD_MARK.sub("", lead) if lead else None


def _bracket(text: str, start: int) -> str:
    """The inside of the bracket opened at `start`, nested brackets kept."""
    depth = 0
    for i in range(start, len(text)):
        depth += text[i] in "（("
        depth -= text[i] in "）)"
        if depth == 0:
            return text[start + 1 : i]
    return text[start + 1 :]


def _labelled_units(clause: str) -> tuple[list[str], str | None]:
    """Units and lead of 责任单位：A、B or 牵头单位：A；配合单位：B, C; other labels
    (责任领导：X, 完成时限：…) name no unit."""
    units: list[str] = []
    lead: str | None = None
    parts = _LABEL.split(clause)
    for label, listing in zip(parts[1::2], parts[2::2]):
        listing = re.split(r"[；;]?\s*(?:责任领导|分管领导|牵头领导|完成时限|完成时间|时间节点)[:：]", listing)[0]
        found, marked = _marked(split_units(listing))
        lead = lead or marked
        if label in LEAD_COLUMNS and found and lead is None:
            lead = found[0]
        units += found
    return units, lead or (units[0] if units else None)


def _duty_units(clause: str) -> tuple[list[str], str | None] | None:
    """Units and lead of the national form (A牵头，B、C按职责分工负责), if `clause` is one."""
    units: list[str] = []
    lead: str | None = None
    parts = re.split(r"[，,；;]", squeeze(clause))
    if not _DUTY.match(parts[-1]):
        return None
    for part in parts:  # a part without its verb shares the next one's: A、B，C按职责分工负责
        m = _DUTY.match(part)
        found = split_units(m.group(1) if m else part)
        if not found or not all(is_unit(u) for u in found):
            return None
        if m and m.group(2) == "牵头" and lead is None:
            lead = found[0]
        units += found
    return (units, lead or units[0]) if units else None


def _first_sentence(text: str) -> str:
    """The task as printed: up to the first 。, without a trailing unit bracket."""
    clause = _UNIT_CLAUSE.search(text)
    head = text[: clause.start()] if clause else text
    return head.split("。", 1)[0].rstrip("。；;，,")


def _units_in(text: str) -> tuple[list[str], str | None, str] | None:
    """(units, lead, where) of the unit clause a paragraph prints: a labelled bracket,
    a bracket in the national form, a label line, or 由A牵头."""
    clause = None
    for m in _UNIT_CLAUSE.finditer(text):
        clause = m
    if clause:
        units, lead = _labelled_units(_bracket(text, clause.start()))
        return (units, lead, "bracket") if units else None
    if _LABEL_LINE.match(text):
        units, lead = _labelled_units(text)
        return (units, lead, "label") if units else None
    for m in reversed(list(re.finditer(r"[（(]", text))):
        if found := _duty_units(_bracket(text, m.start())):
            return (*found, "bracket")
    if led := _LED_BY.search(text):
        units = split_units(led.group(1)) + split_units(led.group(2) or "")
        return (units, units[0] if units else None, "sentence")
    for m in _DUTY_SENTENCE.finditer(text):  # 。区人社局负责，会同…
        units = split_units(m.group(1)) + split_units(m.group(2) or "")
        if units and all(is_unit(u) for u in units):
            return (units, units[0], "sentence")
    return None


def _task_text(text: str) -> str:
    """The task of a paragraph: the first sentence, without the national-form bracket."""
    task = _first_sentence(text)
    for m in reversed(list(re.finditer(r"[（(]", task))):
        if _duty_units(_bracket(task, m.start())):
            return task[: m.start()].rstrip("。；;，,")
    return task


@dataclass
class _Item:
    number: str
    paragraph: Paragraph
    body: str  # the item's text without its number
    units: tuple[list[str], str | None, str] | None = None
    end: int = 0


def _items(lines: list[tuple[int, str]], kind: str) -> list[tuple[str, str, list[str], str | None, str, int, int, str]]:
    """(item, task, units, lead, kind, first line, last line, quote) of the numbered items
    that name units, in their own paragraph or in the paragraphs under them."""
    out = []
    pending: _Item | None = None
    led_by: str | None = None  # the unit a heading gives the items under it: 一、县示范区管委会牵头工作(8项)

    def close() -> None:
        nonlocal pending
        if pending and not (pending.units and pending.units[0]) and led_by and ITEM.match(pending.paragraph.text):
            pending.units = ([led_by], led_by, "heading")
        if pending and pending.units and pending.units[0]:
            units, lead, _ = pending.units
            p = pending.paragraph
            out.append((pending.number, _task_text(pending.body), units, lead, kind, p.start, pending.end, p.text))
        pending = None

    for p in paragraphs(lines):
        heading = HEADING.match(p.text)
        number = ITEM.match(p.text) or heading
        if heading:
            close()
            led = _LEADS_BELOW.match(p.text[heading.end():])
            led_by = led.group(1) if led and split_units(led.group(1)) == [led.group(1)] else None
            if led_by:
                continue
        if number:
            close()
            body = p.text[number.end():]
            pending = _Item(next(g for g in number.groups() if g), p, body, _units_in(body), p.end)
            if (group := _GROUP_LEAD.search(body)) and HEADING.match(p.text) and not pending.units:
                units = split_units(group.group(1)) + split_units(group.group(2) or "")
                out.append((pending.number, _first_sentence(body), units, units[0] if units else None, "group",
                            p.start, p.end, p.text))
                pending = None
            continue
        if pending is None:
            continue
        found = _units_in(p.text)
        if found and (pending.units is None or found[2] == "label"):
            if pending.units and pending.units[2] == "label":  # 牵头单位：A, then 配合单位：B
                units = pending.units[0] + found[0]
                found = (units, pending.units[1] if pending.units[1] else found[1], "label")
            pending.units, pending.end = found, p.end
        elif found is None and pending.units and pending.units[2] != "label":
            close()
    close()
    return out


def _row_units(table: Table, cells: tuple[str, ...]) -> tuple[list[str], str | None]:
    """Units of a row's unit columns (cells that hold no unit, shifted by a merged
    cell, count as empty), and the lead: a 牵头 column, a marked unit, else the first."""
    lead_col = table.column(LEAD_COLUMNS)
    units: list[str] = []
    lead: str | None = None
    for i in table.unit_columns():
        cell = cells[i] if i < len(cells) else ""
        found = [u for piece in unit_pieces(cell) for u in split_units(piece)]
        if not found or not all(is_unit(u) for u in found):
            continue
        found, marked = _marked(found)
        lead = lead or marked or (found[0] if i == lead_col else None)
        units += found
    return units, lead


def _table_rows(lines: list[tuple[int, str]]) -> list[tuple[int, int, str, str, list[str], str | None]]:
    """(first line, last line, item, task, units, lead) of every task-table row."""
    rows = []
    for table in tables(lines):
        item_col = table.column(ITEM_COLUMNS)
        task_col = table.column(TASK_COLUMNS)
        if task_col is None:
            task_col = (item_col or 0) + 1
        previous: tuple[str, list[str], str | None] = ("", [], None)
        for row in table.rows:
            cell = lambda i: squeeze(row.cells[i]) if i is not None and i < len(row.cells) else ""
            units, lead = _row_units(table, row.cells)
            item = cell(item_col) if item_col is not None else ""
            if not units:  # a merged unit cell: the row above's units
                units, lead = previous[1], previous[2]
            item = item or previous[0]
            task = cell(task_col).rstrip("。；;")
            if not units or not task:
                continue
            previous = (item, units, lead)
            rows.append((row.start, row.end, item, task, units, lead or units[0]))
    return rows


def is_measure_title(title: str | None) -> bool:
    """A title that announces measures (…措施, …实施细则, …办法)."""
    return bool(_MEASURE_TITLE.search(title or ""))


def is_measure_list(text: Text, section: Section) -> bool:
    """A document of measures: its title says so, or its items carry 联系人 lines."""
    if is_measure_title(section.document.title):
        return True
    return any(text.flat(n).startswith("联系人") for n, _ in section.body(text))


def names_units(text: str) -> bool:
    """Whether a paragraph names responsible units (a unit bracket, label or sentence)."""
    return _units_in(text) is not None


def extract(text: Text, section: Section) -> list[Fact]:
    """Responsibilities printed in one document."""
    lines = section.body(text)
    kind = "measure" if is_measure_list(text, section) else "task"
    facts: list[Fact] = []
    for item, task, units, lead, k, start, end, quote in _items(lines, kind):
        facts.append(Responsibility(section.doc_number, item, task, tuple(units), lead, k,
                                    section.source(text, start, end, quote)))
    for start, end, item, task, units, lead in _table_rows(lines):
        facts.append(Responsibility(section.doc_number, item or None, task, tuple(units), lead, "row",
                                    section.source(text, start, end, squeeze(text.span(start, end)))))
    return facts

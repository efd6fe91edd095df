"""Tasks, table rows, work groups and measures with the units responsible.

Official documents name responsible units in a few set forms: a bracket
after the task (（责任单位：A、B等有关单位） or （牵头单位：A；配合单位：B）), a
sentence (由A牵头，B、C配合), a work-group heading (（二）X工作组。牵头单位为A),
or the unit columns of a task table (序号 | 任务 | 牵头单位 | 配合单位).

Kinds: a numbered item is a "measure" when its document is a list of measures
(the title ends in 措施/细则/办法, or its items carry 联系人 lines) and a
"task" otherwise; a numbered heading with 牵头单位为 is a "group"; a table row
is a "row".

PDF conversion breaks paragraphs across lines: a line continues the paragraph
above it unless it starts a block of its own (a number, a heading, a list
item, a table row, a 联系人/邮箱 line) or the paragraph above ended a sentence
(a numbered item still waiting for its 责任单位 bracket is not ended by a
full stop, since a typeset line can end on one); a line that opens a
责任单位 bracket always continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.facts import Fact, Responsibility, Source
from ingest.segment import Section, squeeze
from ingest.text import Text

ITEM = re.compile(r"^(\d{1,3}\.\d{1,2})\s+|^(\d{1,3})\s*[.．、]\s*")
HEADING = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*")
_BLOCK = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）]|[-*•]\s|\d{1,3}\s*[.．、]"
    r"|联系人|联系电话|邮\s*箱|电子邮箱|具体流程|附件|附表)"
)
_SENTENCE_END = ("。", "！", "？", "；", "：", ":", "）", ")")
_UNIT_CLAUSE = re.compile(r"[（(]\s*(?:责任单位|牵头单位|主责单位|责任部门|牵头部门)\s*[:：]")
_LABEL = re.compile(r"(责任单位|牵头单位|主责单位|责任部门|牵头部门|配合单位|协办单位|配合部门|参与单位)\s*[:：]")
_LED_BY = re.compile(r"由([^，,。；;]{2,40}?)牵头(?:[，,]\s*([^，,。；;]{2,80}?)(?:等(?:有关|相关)?(?:单位|部门))?(?:共同)?(?:配合|参与|协助))?")
_GROUP_LEAD = re.compile(r"牵头单位为([^，,。；;]{2,40})(?:[，,；;]\s*(?:配合|成员)单位(?:为|包括)([^。；;]{2,120}))?")
_TRAILER = re.compile(r"等?(?:有关|相关)?(?:单位|部门|委办局)$|等$")
_TAGS = re.compile(r"</?\w+[^>]*>")
_LEAD_MARK = re.compile(r"[（(]?牵头[）)]?$")
_MEASURE_TITLE = re.compile(r"(措施|细则|办法)(?:的通知)?$")

TASK_COLUMNS = ("工作任务", "重点任务", "主要任务", "任务内容", "具体任务", "任务", "考核要求", "工作内容", "工作事项", "事项", "内容")
LEAD_COLUMNS = ("牵头单位", "牵头部门", "主责单位")
UNIT_COLUMNS = ("责任单位", "责任部门", "牵头单位", "牵头部门", "主责单位", "配合单位", "配合部门", "协办单位", "参与单位")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str  # the lines joined, white space removed


def _awaits_units(text: str) -> bool:
    """A numbered item whose unit clause has not come yet: a typeset line may
    end on a full stop mid-item, so only the next block closes it."""
    return bool(ITEM.match(text)) and not _UNIT_CLAUSE.search(text)


def paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Paragraphs of non-table lines, PDF line breaks undone."""
    out: list[Paragraph] = []
    for n, line in lines:
        s = squeeze(line)
        if not s or "\t" in line:
            continue
        previous = out[-1] if out else None
        continues = previous is not None and (
            _UNIT_CLAUSE.match(s)
            or not (_BLOCK.match(line.strip()) or (previous.text.endswith(_SENTENCE_END)
                                                    and not _awaits_units(previous.text)))
        )
        if continues:
            out[-1] = Paragraph(previous.start, n, previous.text + s)
        else:
            out.append(Paragraph(n, n, s))
    return out


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
                units.append(unit)
            current = ""
        else:
            current += ch
    return units


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
    """Units and lead of 责任单位：A、B or 牵头单位：A；配合单位：B, C."""
    units: list[str] = []
    lead: str | None = None
    parts = _LABEL.split(clause)
    for label, listing in zip(parts[1::2], parts[2::2]):
        found = split_units(listing)
        for i, unit in enumerate(found):
            if _LEAD_MARK.search(unit):
                found[i] = _LEAD_MARK.sub("", unit)
                lead = lead or found[i]
        if label in LEAD_COLUMNS and found and lead is None:
            lead = found[0]
        units += found
    return units, lead or (units[0] if units else None)


def _first_sentence(text: str) -> str:
    """The task as printed: up to the first 。, without a trailing unit bracket."""
    clause = _UNIT_CLAUSE.search(text)
    head = text[: clause.start()] if clause else text
    return head.split("。", 1)[0].rstrip("。；;，,")


def _from_paragraph(p: Paragraph, kind: str) -> tuple[str, str, list[str], str | None, str] | None:
    """(item, task, units, lead, kind) of a numbered paragraph that names units."""
    item_m = ITEM.match(p.text) or HEADING.match(p.text)
    if not item_m:
        return None
    item = next(g for g in item_m.groups() if g)
    body = p.text[item_m.end():]
    clause = None
    for m in _UNIT_CLAUSE.finditer(body):
        clause = m
    if clause:
        units, lead = _labelled_units(_bracket(body, clause.start()))
        return item, _first_sentence(body), units, lead, kind
    if (group := _GROUP_LEAD.search(body)) and HEADING.match(p.text):
        units = split_units(group.group(1)) + split_units(group.group(2) or "")
        return item, _first_sentence(body), units, units[0] if units else None, "group"
    if led := _LED_BY.search(body):
        units = split_units(led.group(1)) + split_units(led.group(2) or "")
        return item, _first_sentence(body), units, units[0] if units else None, kind
    return None


def _cells(line: str) -> list[str]:
    return [_TAGS.sub("", cell).strip() for cell in line.split("\t")]


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        for i, cell in enumerate(header):
            if squeeze(cell) == name:
                return i
    for name in names:
        for i, cell in enumerate(header):
            if name in squeeze(cell):
                return i
    return None


def _is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?|", c.strip()) for c in cells)


def _table_rows(lines: list[tuple[int, str]]) -> list[tuple[int, str, str, list[str], str | None]]:
    """(line, item, task, units, lead) of every row of task tables with unit columns."""
    rows: list[tuple[int, str, str, list[str], str | None]] = []
    header: list[str] | None = None
    previous: tuple[list[str], str | None] = ([], None)
    for n, line in lines:
        if "\t" not in line:
            if squeeze(line) and not _TAGS.fullmatch(line.strip()):
                header = None
            continue
        cells = _cells(line)
        if _is_separator(cells):
            continue
        names = [squeeze(c) for c in cells]
        if any(name in UNIT_COLUMNS for name in names):
            header, previous = names, ([], None)
            continue
        if header is None:
            continue
        unit_cols = [i for i, h in enumerate(header) if h in UNIT_COLUMNS]
        lead_col = _column(header, LEAD_COLUMNS)
        item_col = _column(header, ("序号", "编号")) or 0
        task_col = _column(header, TASK_COLUMNS)
        if task_col is None:
            task_col = item_col + 1
        cell = lambda i: squeeze(cells[i]) if i is not None and i < len(cells) else ""
        units = [u for i in unit_cols for u in split_units(cell(i))]
        lead = (split_units(cell(lead_col)) or [None])[0] if lead_col is not None else None
        if not units:
            units, lead = previous
        if not units or not cell(task_col):
            continue
        previous = (units, lead)
        rows.append((n, cell(item_col), cell(task_col), units, lead or units[0]))
    return rows


def _is_measure_list(text: Text, section: Section) -> bool:
    if _MEASURE_TITLE.search(section.document.title or ""):
        return True
    return any(squeeze(line).startswith("联系人") for _, line in section.body(text))


def extract(text: Text, section: Section) -> list[Fact]:
    """Responsibilities printed in one document."""
    lines = section.body(text)
    kind = "measure" if _is_measure_list(text, section) else "task"
    facts: list[Fact] = []
    for p in paragraphs(lines):
        found = _from_paragraph(p, kind)
        if found:
            item, task, units, lead, k = found
            source = section.source(text, p.start, p.end, p.text)
            facts.append(Responsibility(section.doc_number, item, task, tuple(units), lead, k, source))
    for n, item, task, units, lead in _table_rows(lines):
        source = section.source(text, n, n, squeeze(text.line(n)))
        facts.append(Responsibility(section.doc_number, item, task, tuple(units), lead, "row", source))
    return facts

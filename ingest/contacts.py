"""Contact people printed in a document: whom to call about a measure or a notice.

Official documents print a contact wherever one is needed: on a line of its
own (`联系人：张三  联系电话：6512…、6403…`, `邮 箱：…` below), closing a
paragraph (`联系人：王明科，联系电话：82801830。`), or in a bracket with the
phone first (`（电话：0578-2271836，传真：…，联系人：吴海英）`). One 联系人 may
list several people who share the phones; a second person may follow on the
next line without the label (`龚  靓  电话：89292201`); a PDF may wrap a phone
number or an e-mail address onto the next line. Fax numbers are not phones.

A contact printed under a numbered measure belongs to it (`item`) when the
document lists measures (its title ends in 措施/细则/办法) or that item names
the units responsible; a notice's closing contact belongs to no item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.facts import Contact, Fact
from ingest.layout import squeeze
from ingest.posts import is_name
from ingest.responsibilities import HEADING, ITEM, is_measure_title, names_units
from ingest.segment import Section
from ingest.tables import ITEM_COLUMNS, is_unit_cell, tables
from ingest.text import Text

_LABEL = re.compile(
    r"(联系人(?:及(?:联系)?(?:电话|方式))?|联系电话|联系方式|咨询电话|办公电话|固定电话|座机|手机|电话|传真|电子邮箱"
    r"|电子邮件|邮箱|邮件|[Ee]-?mail|地址|邮编|QQ)\s*[:：]?"
)
_PHONE_LABELS = ("联系电话", "联系方式", "咨询电话", "办公电话", "固定电话", "座机", "手机", "电话")
# A label printed with its characters spaced out to a width: 联 系 人：, 传    真：
_SPACED_LABEL = re.compile(r"(?:联|咨)[ \u3000]*(?:系|询)[ \u3000]*(?:人|电[ \u3000]*话)|(?<![\u4e00-\u9fff])(?:电[ \u3000]+话"
                           r"|传[ \u3000]+真|邮[ \u3000]+箱|手[ \u3000]+机)(?=[ \u3000]*[:：])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NAME = re.compile(r"([\u4e00-\u9fff·]{2,5})(?:[（(]([^（）()]+)[)）])?")
# A name printed after its unit with no space left between (运输服务司蒋文博): the unit
# is not the contact's bracketed unit, so only the name is read.
_SECTION_END = "(?:司|局|处|科|室|办|委|中心|所|队|院|馆|站)"  # what a unit or a section of one ends with
_AFTER_UNIT = re.compile(rf"[\u4e00-\u9fff]{{2,20}}?{_SECTION_END}([\u4e00-\u9fff]{{2,3}})(?:[（(][^（）()]*[)）])?")
_UNIT_TAIL = re.compile(f"{_SECTION_END}$")
# A person after the contact before: 莫小雁（…），电话：… or, after a section, 核算科 顾长林，电话：…
_NAMED_LINE = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,20}}?{_SECTION_END}\s*)?([\u4e00-\u9fff·]{{2,5}})(?:[（(]([^（）()]+)[)）])?"
                         r"[，,]?(?:联系)?(?:电话|手机)[:：]")
_PHONE_LINE = re.compile(r"^(?:联系电话|联系方式|咨询电话|办公电话|电话|手机)[:：]")
_FIELD_LINE = re.compile(r"^(?:(?:电子)?(?:邮箱|邮件)|e-?mail|传真|(?:通讯|通信|联系|邮寄)?地址|邮编|邮政编码)[:：]", re.IGNORECASE)
_NOT_NAMES = ("电话", "手机", "传真", "邮箱", "联系", "地址", "同志", "科室", "办公室")


@dataclass
class _Pending:
    """One printed contact: its text (wrapped lines joined), the people it names,
    and the phones and e-mail read from the text."""

    raw: str
    names: list[tuple[str, str | None]]
    lines: list[int]
    phones: list[str] = field(default_factory=list)
    email: str | None = None
    attached: bool = True  # printed under an item, not closing a paragraph

    def extend(self, s: str, n: int) -> None:
        """A wrapped line: a split number or address is one token again."""
        self.raw += s
        self.lines.append(n)
        _, self.phones, self.email = _read(self.raw)


def phones(printed: str) -> list[str]:
    """The phone numbers of a printed list, extension-only alternatives completed."""
    numbers: list[str] = []
    for part in re.split(r"[、，,;；/]", squeeze(printed)):
        part = re.sub(r"^[^\d]*|[^\d]*$", "", part)
        first, *alternatives = [p for p in part.split("或") if p] or [""]
        if not re.search(r"\d{5}", first.replace("-", "")):
            continue
        numbers.append(first)
        cut = max(first.rfind("-"), first.rfind("转"))
        for alt in alternatives:
            numbers.append(first[: cut + 1] + alt if cut >= 0 and len(alt) < len(first) - cut else alt)
    return numbers


def _names(printed: str) -> list[tuple[str, str | None]]:
    """The people of a 联系人 field: "A、B", "A B" or "龚  靓" (one name spaced out);
    a unit in brackets after the last of "A、B（处室）" is both's, and only what comes
    before a comma in it names the unit (农海涛（科技教育处，负责临床进修安排）)."""
    tokens = _outside_brackets(printed, "、，, \u3000").split("\0")
    joined: list[str] = []
    for token in (t for t in tokens if t):
        if joined and (len(joined[-1]) == 1 or (len(token) == 1 and len(joined[-1]) <= 2)):
            joined[-1] += token
        else:
            joined.append(token)
    out = []
    for token in joined:
        if (m := _NAME.fullmatch(token)) and is_name(m.group(1)) and not m.group(1).startswith(_NOT_NAMES):
            unit = re.split(r"[，,；;]", m.group(2))[0] if m.group(2) else None
            out.append((m.group(1), None if unit in ("兼", "兼职", "代") else unit))  # 顾长林（兼）
        elif (m := _AFTER_UNIT.fullmatch(token)) and is_name(m.group(1)) and not _UNIT_TAIL.search(m.group(1)):
            out.append((m.group(1), None))
    shared = out[-1][1] if out and all(unit is None for _, unit in out[:-1]) else None
    return [(name, unit or shared) for name, unit in out]


def _outside_brackets(s: str, separators: str) -> str:
    """`s` with the separators outside brackets replaced by NUL, to split on."""
    out, depth = [], 0
    for c in s:
        depth += c in "（("
        depth -= c in "）)" and depth > 0
        out.append("\0" if depth == 0 and c in separators else c)
    return "".join(out)


def _read(span: str) -> tuple[list[tuple[str, str | None]], list[str], str | None]:
    """The people, phones and e-mail of one printed contact (fax numbers left out)."""
    people: list[tuple[str, str | None]] = []
    numbers: list[str] = []
    email: str | None = None
    matches = list(_LABEL.finditer(span))
    for m, following in zip(matches, matches[1:] + [None]):
        value = span[m.end(): following.start() if following else len(span)]
        label = squeeze(m.group(1))
        if label.startswith("联系人"):
            people += _names(re.split(r"\0|\d", _outside_brackets(value.strip(" :："), "，,；;。:："))[0])
            numbers += phones(value)  # 联系人：吴雪锋 13927028396
        elif label in _PHONE_LABELS:
            numbers += phones(value)
        elif email is None and (found := _EMAIL.search(" ".join(map(squeeze, value.split())))):
            # …@163.com1总则: a PDF ran the next heading's number on
            address = re.sub(r"(\.(?:com|cn|net|org|gov))\d+$", r"\1", found.group())
            email = address if "@" in value and label not in ("传真", "地址") else email
    return people, list(dict.fromkeys(numbers)), email


def _contact(span: str, n: int) -> _Pending | None:
    people, numbers, email = _read(span)
    return _Pending(span, people, [n], numbers, email) if people else None


def _contacts(span: str, n: int) -> list[_Pending]:
    """The contacts of one 联系人 span: a segment after ；that names another person
    with a phone (…；核算科 顾长林，电话：…) is theirs, any other goes on with the one before."""
    segments: list[str] = []
    for seg in _outside_brackets(span, "；;").split("\0"):
        named = _NAMED_LINE.match(squeeze(seg))
        if segments and not (named and is_name(named.group(1)) and not named.group(1).startswith(_NOT_NAMES)):
            segments[-1] += "；" + seg
        else:
            segments.append(seg if not segments else f"联系人：{seg}")
    return [c for seg in segments if (c := _contact(seg, n))]


def _bracketed(s: str, at: int) -> tuple[int, int] | None:
    """The bracket around position `at`, if any: (start, end) of its inside."""
    depth, start = 0, None
    for i in range(at, -1, -1):
        if s[i] in "）)":
            depth += 1
        elif s[i] in "（(":
            if depth == 0:
                start = i
                break
            depth -= 1
    if start is None:
        return None
    depth = 0
    for j in range(start, len(s)):
        depth += s[j] in "（("
        depth -= s[j] in "）)"
        if depth == 0:
            return start + 1, j
    return start + 1, len(s)


def _spans(s: str) -> list[str]:
    """The contacts printed in one paragraph: a bracket holding 联系人, else from
    联系人 to the end of its sentence."""
    out: list[tuple[int, int]] = []
    for m in re.finditer("联系人", s):
        if out and m.start() < out[-1][1]:
            continue
        inside = _bracketed(s, m.start())
        if inside is None:
            end = s.find("。", m.start())
            inside = (m.start(), end if end != -1 else len(s))
        out.append(inside)
    return [s[a:b] for a, b in out]


def extract(text: Text, section: Section) -> list[Fact]:
    """Contacts of one document, one per person and item."""
    measures = is_measure_title(section.document.title)
    out: list[Contact] = []
    item: str | None = None
    item_text = ""
    pending: list[_Pending] = []

    def flush() -> None:
        if not pending:
            return
        numbered = item if item is not None and (measures or names_units(item_text)) else None
        for p in pending:
            start, end = p.lines[0], p.lines[-1]
            numbered = numbered if p.attached else None
            source = section.source(text, start, end, text.span(start, end))
            out.extend(Contact(section.doc_number, numbered, name, tuple(p.phones), p.email, unit, source)
                       for name, unit in p.names)
        pending.clear()

    for n, line in section.body(text):
        unbolded = line.replace("**", "").strip()
        s = squeeze(unbolded)  # = squeeze(_printed(unbolded)): rejoining a spaced label removes only white space
        if not s or "\t" in line:
            continue
        last = pending[-1] if pending else None
        if last and (_continues(last.raw, s) or (not last.phones and _PHONE_LINE.match(s))):
            last.extend(s, n)
            if len(again := _contacts(last.raw, n)) > 1:  # the wrapped line names the next person too
                for c in again:
                    c.lines, c.attached = list(last.lines), last.attached
                pending[-1:] = again
        elif "联系人" in s:
            if pending and any(p.email for p in pending):
                flush()
            if number := ITEM.match(s) or HEADING.match(s):
                flush()
                item, item_text = next(g for g in number.groups() if g), s
            found = [c for span in _spans(_printed(unbolded)) for c in _contacts(span, n)]
            if found and not (number or s.startswith("联系人")):
                flush()  # a closing contact at the end of a paragraph: the notice's, not an item's
                for c in found:
                    c.attached = False
            pending += found
        elif last and _NAMED_LINE.match(s):  # 莫小雁（…），电话：…；韦东明（…），电话：…
            segments = _outside_brackets(_printed(unbolded), "；;").split("\0")
            pending += [c for seg in segments if _NAMED_LINE.match(squeeze(seg)) and (c := _contact(f"联系人：{seg}", n))]
        elif pending and _FIELD_LINE.match(s):  # 传真, 邮箱, 地址 under the contact: more of it
            for p in pending:
                if p.email is None or not _EMAIL.search(s):
                    p.extend(s, n)
        elif number := ITEM.match(s) or HEADING.match(s):
            flush()
            item, item_text = next(g for g in number.groups() if g), s
        elif item is not None and not pending:
            item_text += s
    flush()
    return _distinct(out + _table_contacts(text, section))


def _printed(line: str) -> str:
    """The line with its spaced-out labels rejoined (联 系 人： → 联系人：)."""
    return _SPACED_LABEL.sub(lambda m: squeeze(m.group()), line)


def _table_contacts(text: Text, section: Section) -> list[Contact]:
    """Contacts in a column of a task table (联系人及电话: 王磊（区住建局）13907315528),
    each the contact of its row's item."""
    out: list[Contact] = []
    for table in tables(section.body(text)):
        if table.column(("联系人",)) is None:
            continue
        item_col = table.column(ITEM_COLUMNS)
        unit_col = table.column(("单位", "责任单位", "部门"))  # the row's unit is its contact's
        labelled = [i for i, name in enumerate(table.header) if _LABEL.fullmatch(name)]
        for row in table.rows:
            span = "；".join(f"{table.header[i]}：{row.cells[i]}" for i in labelled if i < len(row.cells))
            people, numbers, email = _read(span)
            item = row.cells[item_col] or None if item_col is not None else None
            source = section.source(text, row.start, row.end, squeeze(text.span(row.start, row.end)))
            row_unit = row.cells[unit_col] if unit_col is not None and is_unit_cell(row.cells[unit_col]) else None
            out += [Contact(section.doc_number, item, name, tuple(numbers), email, unit or row_unit, source)
                    for name, unit in people]
    return out


def _continues(raw: str, s: str) -> bool:
    """A line that goes on with the contact above: a phone or an e-mail address the
    page width cut in two, the rest of a phone list, an extension."""
    if re.match(r"^[转或]", s):
        return True
    if raw.endswith(("@", ".", "-", "_", "：", ":")) and re.match(r"^[A-Za-z0-9]", s):
        return True
    if re.search(r"[\d、，,:：-]$", raw) and re.match(r"^\d{3,}(?![\d年\u4e00-\u9fff])", s):
        return True
    return bool(re.search(r"@[A-Za-z0-9-]*$", raw) and re.match(r"^[A-Za-z0-9.-]+\.(?:com|cn|net|org)", s))


def _distinct(contacts: list[Contact]) -> list[Fact]:
    """One record per (measure, person, phones, e-mail): a contact repeated for
    the sub-steps of one measure is one contact."""
    seen: dict[tuple, Contact] = {}
    for c in contacts:
        seen.setdefault((c.item, c.person, c.phones, c.email), c)
    return list(seen.values())

"""Split a gazette into its official documents (公文).

A document is anchored on its issuing number (文号) standing on a line of its
own, e.g. `东政任〔2020〕1号`; its title is the block of short lines just
above it, its signature (落款) is the first issuer line followed by a date
line after it. A document forwarded or attached inside another one prints
its number in a header such as `(2020年1月24日 京政发〔2020〕2号)` and gets
the enclosing document as `parent`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.facts import Document, Source
from ingest.text import Text

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"零": 0, "○": 0, "O": 0, "０": 0})

DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}[〔\[［（(]\d{4}[〕\]］）)]\d+号"
_DOC_NUMBER_LINE = re.compile(rf"^{DOC_NUMBER}$")
_DATE = re.compile(
    r"([0-9]{4}|[〇零○一二三四五六七八九]{4})年"
    r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:([0-9]{1,2}|[一二三四五六七八九十]{1,3})日)?"
)
_DATE_LINE = re.compile(rf"^[(（]?{_DATE.pattern}[)）]?$")
_CHILD_HEADER = re.compile(rf"^[(（]({_DATE.pattern})({DOC_NUMBER})[)）]$")
_ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}"
    r"(人民政府|政府|办公室|办公厅|委员会|局|厅|部|院|署|委|办|中心|街道办事处|管委会|大学|学院|学校)$"
)
_TITLE_END = re.compile(
    r"(通知|决定|意见|方案|办法|细则|规定|批复|报告|函|公告|通告|命令|令|纪要|规划|计划|要点|措施|条例|请示|通报|公报|答复)$"
)
_TITLE_VERB = re.compile(r"(关于|印发|转发|批转)")
_MAX_TITLE_LINES = 6
# The number of a heading or list item: （一） 一、 1. 1．
ENUMERATOR = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")


# A page number left between lines by PDF conversion: "- 3 -", "12", "第3页".
PAGE_NUMBER = re.compile(r"^[-—–－]?\s*\d{1,4}\s*[-—–－]?$|^第\d+页")
_WHITE_SPACE = re.compile(r"\s+")


def squeeze(s: str) -> str:
    """Printed text without the white space and bold marks of PDF conversion."""
    s = _WHITE_SPACE.sub("", s)
    return s.replace("**", "").replace("__", "") if "**" in s or "__" in s else s


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 4:  # year written digit by digit: 二〇二〇
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    if "十" in s:  # 十, 十二, 二十, 二十一
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def parse_date(s: str) -> str | None:
    """The first date printed in `s` as ISO, as precise as printed (YYYY-MM[-DD])."""
    m = _DATE.search(squeeze(s))
    if not m:
        return None
    year, month = _cn_number(m.group(1)), _cn_number(m.group(2))
    if m.group(3):
        return f"{year:04d}-{month:02d}-{_cn_number(m.group(3)):02d}"
    return f"{year:04d}-{month:02d}"


@dataclass(frozen=True)
class Section:
    """One document's span of lines (1-based, inclusive) and its `Document` fact."""

    document: Document
    start: int  # first line of the title
    head: int  # the line with the document number
    end: int  # last line before the next document

    @property
    def doc_number(self) -> str:
        return self.document.doc_number

    def body(self, text: Text) -> list[tuple[int, str]]:
        """(line number, line) pairs after the number line, up to the end."""
        return [(n, text.line(n)) for n in range(self.head + 1, self.end + 1)]


def _is_title_part(line: str) -> bool:
    s = squeeze(line)
    return (
        bool(s)
        and "\t" not in line
        and len(s) <= 60
        and not s.endswith(("。", "；", "：", "，", ";", ":", ","))
        and not _DOC_NUMBER_LINE.match(s)
        and not _DATE_LINE.match(s)
    )


def _title_span(text: Text, head: int) -> tuple[int, str] | None:
    """First line and text of the title printed above line `head`."""
    parts: list[tuple[int, str]] = []
    n = head - 1
    while n >= 1 and len(parts) < _MAX_TITLE_LINES:
        line = text.line(n)
        if not line.strip():
            n -= 1
            continue
        s = squeeze(line)
        if not _is_title_part(line) or (parts and s.endswith("文件")):  # masthead: 浙江大学文件
            break
        if not parts and not _TITLE_END.search(s):
            return None
        parts.insert(0, (n, s))
        if _ORG_LINE.match(s) or (
            _TITLE_VERB.search(s) and s.startswith(_leading_org(s) or "\0")
        ):
            break
        n -= 1
    if not parts:
        return None
    return parts[0][0], "".join(s for _, s in parts)


def _leading_org(title: str) -> str | None:
    """The issuer a title starts with, before 关于/印发/转发 (北京市人民政府关于…)."""
    m = _TITLE_VERB.search(title)
    if not m or m.start() < 2:
        return None
    org = title[: m.start()]
    return org if _ORG_LINE.match(org) and not org.startswith(("市", "区", "县")) else None


def _signature(text: Text, start: int, end: int) -> tuple[str | None, str | None]:
    """Issuer and ISO date of the first signature (org line, then date line)."""
    previous: str | None = None
    for n in range(start, end + 1):
        s = squeeze(text.line(n))
        if not s:
            continue
        if _DATE_LINE.match(s) and previous and _ORG_LINE.match(previous):
            return previous, parse_date(s)
        previous = s
    return None, None


def split(text: Text) -> list[Section]:
    """The documents of `text`, in order, each with its span and metadata."""
    heads: list[tuple[int, str, int, str, str | None, bool]] = []
    for n, line in enumerate(text.lines, 1):
        s = squeeze(line)
        child = _CHILD_HEADER.match(s)
        if child:
            number, date, is_child = child.group(len(child.groups())), parse_date(s), True
        elif _DOC_NUMBER_LINE.match(s):
            number, date, is_child = s, None, False
        else:
            continue
        title = _title_span(text, n)
        if title is None:
            continue
        heads.append((n, number, title[0], title[1], date, is_child))

    sections: list[Section] = []
    parent: str | None = None
    for i, (head, number, start, title, date, is_child) in enumerate(heads):
        end = heads[i + 1][2] - 1 if i + 1 < len(heads) else len(text.lines)
        issuer, signed = _signature(text, head + 1, end)
        if is_child:
            issuer = _leading_org(title) or issuer
        else:
            parent = number
        document = Document(
            doc_number=number,
            title=title,
            issuer=issuer or _leading_org(title),
            date=date or signed,
            parent=parent if is_child else None,
            source=Source(text.file, start, end, number, text.span(start, head)),
        )
        sections.append(Section(document, start, head, end))
    return sections

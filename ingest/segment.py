"""Split a text into its official documents (公文) and read their metadata.

Finding documents gives metadata (number, title, issuer, date, parent); it
never decides whether facts are read. A document opens in one of the ways
official documents are printed:

- the gazette layout: the title block, then the issuing number (文号) on a
  line of its own, possibly in brackets (`（肇府办〔2008〕62号）`);
- the standard 公文 layout (GB/T 9704): a masthead (`…人民政府文件`), the
  number, then the title below it; a 令 prints `第256号` under its masthead;
- a decision of a people's congress: the title, then the line saying when
  it was passed (`（2021年8月2日…第三十次会议通过）`);
- a document forwarded inside another: `(2020年1月24日 京政发〔2020〕2号)`
  under its title, with the enclosing document as `parent`.

A text in which none of these is found (a web copy of a notice, a meeting
report) is one document whose fields are what can be read anyway: a
title-like first line, the signature (落款) or a printed date, the number of
a web copy's information table; the rest stays null.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ingest import places
from ingest.facts import Document, Source
from ingest.layout import ENUMERATOR, LONE_NUMBER, PAGE_NUMBER, Metadata, full_width, squeeze
from ingest.text import Text

__all__ = ["DOC_ISSUER", "DOC_NUMBER", "DOC_SERIAL", "ENUMERATOR", "PAGE_NUMBER", "LONE_NUMBER", "Section", "parse_date", "split", "squeeze"]

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"零": 0, "○": 0, "O": 0, "０": 0, "Ｏ": 0, "o": 0})

# 国办函〔2022〕33号: 1 to 12 characters of issuer (DOC_ISSUER), then the year and serial
# (DOC_SERIAL). The issuer's characters are taken possessively ({1,12}+): a bracket must follow
# them, so giving some back could never match, and trying to is slow in running text.
DOC_ISSUER = range(1, 12 + 1)
DOC_SERIAL = r"[〔\[［（(]\d{4}[〕\]］）)]第?\d+[号號]"
DOC_NUMBER = rf"[\u4e00-\u9fff]{{1,12}}+{DOC_SERIAL}"
_NUMBER_LINE = re.compile(rf"^[（(]?({DOC_NUMBER})[)）]?(?:签发人[:：].*)?$")
_ORDER_NUMBER = re.compile(r"^(.{0,30}令)?(第[\d一二三四五六七八九十百零〇]+[号號])$")
_DATE = re.compile(
    r"([0-9]{4}|[〇零○OＯo一二三四五六七八九]{4})年"
    r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:([0-9]{1,2}|[一二三四五六七八九十]{1,3})日)?"
)
_DATE_LINE = re.compile(rf"^[(（]?{_DATE.pattern}[)）]?$")
# (2020年1月24日 京政发〔2020〕2号) under a title; a law database runs the body on after it.
_CHILD_HEADER = re.compile(rf"^[(（]({_DATE.pattern})({DOC_NUMBER})[)）]")
_PASSED = re.compile(rf"^[(（]{_DATE.pattern}.{{0,80}}?(?:通过|批准|公布|发布)[^（）()]{{0,60}}[)）]$")
# …济南市人民政府令19号发布), …北京市人民政府第153号令发布)
_ORDER_IN_PASSED = re.compile(r"[日）)](([\u4e00-\u9fff]{2,30}?)(?:令第?[\d一二三四五六七八九十百零〇]+[号號]|第\d+[号號]令))")
_MASTHEAD = re.compile(r"^(.{2,36}?)文件$")
_ORG_LINE = re.compile(
    r"^(?!关于)[\u4e00-\u9fff（）()]{2,40}"  # 关于…辞去济源市人民政府 / 市长职务的决定 is a title cut by its width
    r"(人民政府|政府|办公室|办公厅|委员会|常务委员会|局|厅|部|院|署|委|办|中心|街道办事处|管委会|大学|学院|学校"
    r"|人民代表大会|政协|协会|联合会|公司|集团|研究所|研究院)$"
)
_TITLE_END = re.compile(
    r"(通知|决定|决议|意见|方案|办法|细则|规定|批复|报告|函|公告|通告|命令|令|纪要|规划|计划|要点|措施|条例|请示"
    r"|通报|公报|答复|名单|清单|分解|指南|规则|章程|守则|标准|议程|任免职|任职|免职|任免)$"
)
_TITLE_VERB = re.compile(r"(关于|印发|转发|批转)")
_FORWARDS = re.compile(r"印发|转发|批转")
_MAX_TITLE_LINES = 6
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_NEWS_LEAD = re.compile(r"^[^，,。]{0,14}?(?:讯|日电)|^\d{1,2}月\d{1,2}日|.*[。；;]")
_ORIGINAL_TITLE = re.compile(r"^原标题[:：]")
_MAX_TITLE = 80


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
    if not 1 <= month <= 12:
        return None
    if m.group(3):
        return f"{year:04d}-{month:02d}-{_cn_number(m.group(3)):02d}"
    return f"{year:04d}-{month:02d}"


@dataclass(frozen=True)
class Section:
    """One document's span of lines (1-based, inclusive) and its `Document` fact."""

    document: Document
    start: int  # first line of the header (masthead or title), or of the text
    head: int  # last line of the header; the body starts after it (start - 1 when there is none)
    end: int  # last line before the next document
    layout: str  # "gazette", "standard", "order", "decision", "forwarded" or "none"

    @property
    def doc_number(self) -> str | None:
        return self.document.doc_number

    @property
    def doc_id(self) -> str:
        return self.document.source.doc_id or ""

    def source(self, text: Text, start: int, end: int, quote: str) -> Source:
        """Where a fact of this document was read: lines `start`..`end` and the quote."""
        return Source(text.file, start, end, self.doc_number, quote, self.doc_id)

    def body(self, text: Text) -> list[tuple[int, str]]:
        """(line number, line) pairs after the header, up to the end."""
        return list(enumerate(text.lines[self.head : self.end], self.head + 1))


def doc_id(number: str | None, text: Text, start: int, end: int) -> str:
    """The document's key: its number, else a hash of its printed text, so that the
    same document ingested again (from any file) is the same node."""
    if number:
        return number
    digest = hashlib.sha1(squeeze(text.span(start, end)).encode()).hexdigest()[:12]
    return f"doc:{digest}"


def _is_title_part(line: str) -> bool:
    s = squeeze(line)
    return (
        len(_CJK_CHAR.findall(s)) >= 2
        and "\t" not in line
        and len(s) <= _MAX_TITLE
        and not s.endswith(("。", "；", "：", "，", ";", ":", ","))
        and not _NUMBER_LINE.match(s)
        and not _DATE_LINE.match(s)
        and not ENUMERATOR.match(s)
    )


def _title_above(text: Text, head: int) -> tuple[int, str] | None:
    """First line and text of the title printed above line `head` (gazette layout)."""
    parts: list[tuple[int, str]] = []
    number = text.flat(head) if _NUMBER_LINE.match(text.flat(head)) else None
    n = head - 1
    while n >= 1 and len(parts) < _MAX_TITLE_LINES:
        line = text.line(n)
        s = text.flat(n)
        if not s or (not parts and number and s.startswith(number) and s != number):
            n -= 1  # a blank, or a site's record of the number (东府办函[2003]248号2003年12月16日广东省)
            continue
        if not parts and len(s) == 1 and n > 1 and _TITLE_END.search(text.flat(n - 1) + s):
            parts.insert(0, (n, s))  # the page width left the title's last character alone: 通 / 知
            n -= 1
            continue
        if not _is_title_part(line) or (parts and _MASTHEAD.match(s)):
            break
        if not parts and not _TITLE_END.search(s):
            return None
        if parts and _TITLE_END.search(s):
            break  # a whole title above this one (a web page prints it twice) is not part of it
        below = "".join(p for _, p in parts)
        if parts and _ORG_LINE.match(s) and not _TITLE_VERB.match(below) and len(_TITLE_END.sub("", below)) >= 6:
            break  # the issuer above a title of its own (济南市文化娱乐市场管理规定), not above 任免名单
        parts.insert(0, (n, s))
        if _ORG_LINE.match(s) or (_TITLE_VERB.search(s) and s.startswith(_leading_org(s) or "\0")):
            break
        n -= 1
    if not parts:
        return None
    return parts[0][0], "".join(s for _, s in parts)


def _title_below(text: Text, head: int) -> tuple[int, str] | None:
    """Last line and text of the title printed below line `head` (standard layout)."""
    parts: list[str] = []
    last = head
    for n in range(head + 1, min(head + 12, len(text.lines)) + 1):
        line = text.line(n)
        if not line.strip():
            if parts and _TITLE_END.search(parts[-1]):
                break
            continue
        if not _CJK_CHAR.search(line):
            continue  # a mark such as ★ between the number and the title
        if not _is_title_part(line) or _NUMBER_LINE.match(text.flat(n)):
            break
        parts.append(text.flat(n))
        last = n
        if len(parts) >= _MAX_TITLE_LINES:
            break
    while parts and not _TITLE_END.search(parts[-1]):  # a subtitle or the addressee is not the title
        parts.pop()
        last -= 1
        while last > head and not text.line(last).strip():
            last -= 1
    return (last, "".join(parts)) if parts else None


def _leading_org(title: str) -> str | None:
    """The issuer a title starts with, before 关于/印发/转发 (北京市人民政府关于…)."""
    m = _TITLE_VERB.search(title)
    if not m or m.start() < 2:
        return None
    org = title[: m.start()]
    if not _ORG_LINE.match(org):
        return None
    if org.startswith(("市", "区", "县")):  # 市人民政府办公室关于印发襄阳市…: the one city the title names
        named = {p for i, c in enumerate(title) if c == org[0] and (p := places.ending_at(title, i + 1))}
        return named.pop() + org[1:] if len(named) == 1 else None
    return org


def _title_org(text: Text, h: "_Head") -> str | None:
    """The issuer printed as the first line of a title (…常务委员会 / 任免名单)."""
    first = text.flat(h.start) if h.start else ""
    return first if h.title and h.title.startswith(first) and _ORG_LINE.match(first) else None


def _signature(text: Text, start: int, end: int) -> tuple[str | None, str | None]:
    """Issuer and ISO date of the first signature (org line, then date line); of a joint
    signature (金乡县农业局　金乡县财政局), the first signer."""
    previous: str | None = None
    for n in range(start, end + 1):
        s = text.flat(n)
        if not s:
            continue
        if _DATE_LINE.match(s) and previous and _ORG_LINE.match(previous):
            signers = text.line(previous_line).split()
            first = squeeze(signers[0])
            return (first if len(signers) > 1 and _ORG_LINE.match(first) else previous), parse_date(s)
        previous, previous_line = s, n
    return None, None


def _printed_date(text: Text, start: int, end: int) -> str | None:
    """A date printed alone on a line: the date of a document signed without an issuer."""
    for n in range(start, end + 1):
        s = text.flat(n)
        if s and _DATE_LINE.match(s):
            return parse_date(s)
    return None


def _masthead_above(text: Text, n: int) -> int | None:
    """The masthead line (…文件) printed within a few lines above line `n`."""
    seen = 0
    for m in range(n - 1, 0, -1):
        s = text.flat(m)
        if not s:
            continue
        if _MASTHEAD.match(s) and len(s) <= 40:
            return m
        seen += 1
        if seen >= 2:
            return None
    return None


def _joined(text: Text, n: int) -> tuple[int, str]:
    """Line `n` with the next lines while a bracket it opens is still open (a wrapped header)."""
    s, last = text.flat(n), n
    while s.count("（") + s.count("(") > s.count("）") + s.count(")") and last < min(n + 3, len(text.lines)):
        last += 1
        s += text.flat(last)
    return last, s


@dataclass(frozen=True)
class _Head:
    start: int
    head: int
    number: str | None
    title: str | None
    date: str | None
    layout: str
    issuer: str | None = None


def _number_of(text: Text, n: int, s: str) -> str | None:
    """The issuing number line `n` prints on its own, if it is one."""
    if m := _NUMBER_LINE.match(s):
        return m.group(1)
    order = _order(text, n, s)
    return f"{order[1]}{order[2]}" if order else None


def _order(text: Text, n: int, s: str) -> tuple[int, str, str] | None:
    """(first line, 令 heading, 第N号) of an order's number: 江苏省人民政府令 第256号, on
    one line or on two."""
    m = s.endswith(("号", "號")) and _ORDER_NUMBER.match(s)  # where every order number ends
    if not m:
        return None
    if m.group(1):
        return n, m.group(1), m.group(2)
    above = next((k for k in range(n - 1, max(n - 3, 0), -1) if text.line(k).strip()), None)
    heading = text.flat(above) if above else ""
    return (above, heading, m.group(2)) if heading.endswith("令") and len(heading) <= 30 else None


def _promulgated(text: Text, n: int) -> tuple[int, str] | None:
    """(line, name) of what an order promulgates: 《X》已经…通过，现予公布."""
    for k in range(n + 1, min(n + 4, len(text.lines)) + 1):
        if s := text.flat(k):
            m = re.match(r"^《(.+?)》", s)
            return (k, m.group(1)) if m else None
    return None


def _heads(text: Text) -> list[_Head]:
    heads: list[_Head] = []
    n = 0
    while n < len(text.lines):
        n += 1
        s = text.flat(n)
        if not s or len(s) > 120:
            continue
        if child := _CHILD_HEADER.match(s):
            title = _title_above(text, n)
            if title:
                head = n if child.end() == len(s) else n - 1  # the body starts on this line
                heads.append(_Head(title[0], head, child.group(len(child.groups())), title[1], parse_date(s), "forwarded"))
            continue
        if order := _order(text, n, s):
            promulgated = _promulgated(text, n)
            heads.append(_Head(order[0], n, order[1] + order[2], promulgated[1] if promulgated else None,
                               None, "order", order[1].removesuffix("令")))
            continue
        number = _number_of(text, n, s)
        if number:
            if title := _title_above(text, n):
                heads.append(_Head(title[0], n, number, title[1], None, "gazette"))
                continue
            masthead = _masthead_above(text, n)
            below = _title_below(text, n)
            if below or masthead:
                issuer = _MASTHEAD.match(text.flat(masthead)).group(1) if masthead else None
                heads.append(_Head(masthead or n, below[0] if below else n, number,
                                   below[1] if below else None, None, "standard", issuer))
                n = below[0] if below else n
            continue
        # a masthead ends in 文件: no other line is tried against _MASTHEAD's lazy prefix
        if s.endswith("文件") and (m := _MASTHEAD.match(s)) and len(s) <= 40 and not _next_is_number(text, n):
            below = _title_below(text, n)
            if below:
                heads.append(_Head(n, below[0], None, below[1], None, "standard", m.group(1)))
                n = below[0]
            continue
        if s[0] in "（(":
            last, joined = _joined(text, n)
            if _PASSED.match(joined) and (title := _title_above(text, n)):
                order = _ORDER_IN_PASSED.search(joined)
                heads.append(_Head(title[0], last, order and order.group(1), title[1], parse_date(joined),
                                   "decision", order and order.group(2)))
                n = last
    return heads


def _next_is_number(text: Text, n: int) -> bool:
    for m in range(n + 1, min(n + 4, len(text.lines)) + 1):
        s = text.flat(m)
        if s:
            return _number_of(text, m, s) is not None
    return False


def _headline(text: Text) -> tuple[int, str | None]:
    """The first line of a text without a header, when it reads as a title."""
    for n, line in enumerate(text.lines, 1):
        if not line.strip():
            continue
        s = _ORIGINAL_TITLE.sub("", squeeze(line))  # a news copy: 原标题：…
        wrapped = re.search("[，,]", s) and len(s) >= 0.9 * full_width(list(enumerate(text.lines, 1)))
        if not (_is_title_part(s) and len(s) >= 6 and not _ORG_LINE.match(s)) or _NEWS_LEAD.match(s) or wrapped:
            return n - 1, None  # a news report's first line (本报讯…, or prose the page width wrapped) is no title
        # a web page prints its title twice (the page's, with the site's name after it, then the
        # document's): the body follows the second
        again = next((k for k in range(n + 1, min(n + 12, len(text.lines)) + 1)
                      if len(line_k := text.flat(k)) >= 6 and s.startswith(line_k)
                      and not _ORG_LINE.match(line_k)), n)  # not the issuer's signature
        return again, _ORIGINAL_TITLE.sub("", text.flat(again))
    return 0, None


def split(text: Text, metadata: Metadata | None = None) -> list[Section]:
    """The documents of `text`, in order, each with its span and metadata.

    `metadata` is a web copy's information table (`ingest.layout.metadata`):
    it fills what a document without a header does not print.
    """
    heads = _heads(text)
    if not heads:
        if not any(line.strip() for line in text.lines):
            return []
        head, title = _headline(text)
        heads = [_Head(1, head, None, title, None, "none")]
    meta = {k: v for k, (_, v) in (metadata or {}).items()}

    sections: list[Section] = []
    parent: str | None = None
    for i, h in enumerate(heads):
        end = heads[i + 1].start - 1 if i + 1 < len(heads) else len(text.lines)
        signer, signed = _signature(text, h.head + 1, end)
        number, title = h.number, h.title
        if i == 0:
            number = number or meta.get("doc_number")
            title = title or meta.get("title")
        issuer = signer or (_leading_org(title) if title else None) or h.issuer or _title_org(text, h)
        forwarded = h.layout == "forwarded" or _forwards(sections[-1].document if sections else None, title)
        if forwarded:
            issuer = (_leading_org(title) if title else None) or signer
        else:
            parent = number
        if i == 0:
            issuer = issuer or meta.get("issuer")
        date = h.date or signed or _printed_date(text, h.head + 1, end)
        if i == 0 and not date and meta.get("date"):
            date = parse_date(meta["date"]) or _iso(meta["date"])
        start = h.start
        key = doc_id(number, text, start, end)
        document = Document(
            doc_number=number,
            title=title,
            issuer=issuer,
            date=date,
            parent=parent if forwarded else None,
            source=Source(text.file, start, end, number, text.span(start, max(h.head, start)), key),
        )
        sections.append(Section(document, start, h.head, end, h.layout))
    return sections


def _forwards(previous: Document | None, title: str | None) -> bool:
    """Whether the document before forwards or issues this one: 转发…实施意见的通知,
    then the 实施意见 itself with its own number (named after the verb in the first)."""
    verb = _FORWARDS.search(previous.title or "") if previous else None
    if not verb or not title:
        return False
    named = previous.title[verb.end():]
    return SequenceMatcher(None, named, title, autojunk=False).find_longest_match().size >= 8


def _iso(printed: str) -> str | None:
    """2023-05-06 or 2023/5/6 as printed in an information table."""
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", printed)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None

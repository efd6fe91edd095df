"""Contact people printed under the measures of a policy document.

A measure is followed by lines such as `联系人：张三 联系电话：6512…、6403…`
and `邮 箱：…`. One 联系人 line may list several people (separated by 、 or
spaces) who share the phones; the phones may continue on the next line
(`64031118\n转 2538 或 2539`); several 联系人 lines may share the one 邮箱
line that follows them. An alternative written as an extension only
(`65258800-8642 或 8641`) takes the number before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.facts import Contact, Fact, Source
from ingest.responsibilities import ITEM
from ingest.segment import Section, squeeze
from ingest.text import Text

_PERSON = re.compile(r"^联系人[:：](.*?)(?:联系(?:电话|方式)[:：](.*))?$")
_PHONE_ONLY = re.compile(r"^联系(?:电话|方式)[:：](.*)$")
_EMAIL = re.compile(r"^(?:电子)?(?:邮箱|邮件|e-?mail)[:：](\S+)$", re.IGNORECASE)
_NAME = re.compile(r"([\u4e00-\u9fff·]{2,5})\s*(?:[（(]([^（）()]+)[)）])?")
_CONTINUES = re.compile(r"^(?:转|或|\d)")


@dataclass
class _Pending:
    names: list[tuple[str, str | None]]
    phones: str = ""
    email: str | None = None
    lines: list[int] = field(default_factory=list)


def phones(printed: str) -> list[str]:
    """The phone numbers of a printed list, extension-only alternatives completed."""
    numbers: list[str] = []
    for part in re.split(r"[、，,;；/]", squeeze(printed)):
        first, *alternatives = [p for p in part.split("或") if p]
        if not first:
            continue
        numbers.append(first)
        cut = max(first.rfind("-"), first.rfind("转"))
        for alt in alternatives:
            numbers.append(first[: cut + 1] + alt if cut >= 0 and len(alt) < len(first) - cut else alt)
    return numbers


def _names(printed: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in _NAME.finditer(re.sub(r"[、，,]", " ", printed))]


def _records(item: str, pending: _Pending, text: Text, section: Section) -> list[Contact]:
    start, end = pending.lines[0], pending.lines[-1]
    source = section.source(text, start, end, text.span(start, end))
    return [
        Contact(section.doc_number, item, name, tuple(phones(pending.phones)), pending.email, unit, source)
        for name, unit in pending.names
    ]


def extract(text: Text, section: Section) -> list[Fact]:
    """Contacts of the measures of one document, one per person and measure."""
    out: list[Contact] = []
    item: str | None = None
    pending: list[_Pending] = []

    def flush() -> None:
        for p in pending:
            if item is not None:
                out.extend(_records(item, p, text, section))
        pending.clear()

    for n, line in section.body(text):
        s = line.replace("**", "").strip()
        flat = re.sub(r"\s+", "", s)
        if not flat or "\t" in line:
            continue
        if m := _PERSON.match(flat):
            if pending and pending[-1].email:
                flush()
            names = _names(re.split(r"联系(?:电话|方式)", re.split(r"[:：]", s, maxsplit=1)[1])[0])
            pending.append(_Pending(names, m.group(2) or "", lines=[n]))
        elif pending and (m := _PHONE_ONLY.match(flat)) and not pending[-1].phones:
            pending[-1].phones, pending[-1].lines = m.group(1), pending[-1].lines + [n]
        elif pending and _CONTINUES.match(flat) and not pending[-1].email and (
            pending[-1].phones.endswith(("、", "，", ",")) or flat.startswith(("转", "或")) or not pending[-1].phones
        ):
            pending[-1].phones += flat
        elif pending and (m := _EMAIL.match(flat)):
            for p in pending:
                if p.email is None:
                    p.email, p.lines = m.group(1), p.lines + [n]
        elif m := ITEM.match(s):
            flush()
            item = next(g for g in m.groups() if g)
    flush()
    return _distinct(out)


def _distinct(contacts: list[Contact]) -> list[Contact]:
    """One record per (measure, person, phones, e-mail): a contact repeated for
    the sub-steps of one measure is one contact."""
    seen: dict[tuple, Contact] = {}
    for c in contacts:
        seen.setdefault((c.item, c.person, c.phones, c.email), c)
    return list(seen.values())

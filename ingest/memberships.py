"""Members of named bodies: leading groups (领导小组), commands (指挥部), offices.

Two shapes carry them. Member lists ("…领导小组人员名单") print a role
heading ("组 长：", "副组长：", "成 员：") and then one person a line, name and
post in cells separated by tabs or spaces; the role carries down until the
next heading, across blank lines and page breaks. Prose names them in
clauses such as "由区长金晖担任总指挥"; the body is the one set up just
before ("东城区成立…指挥部") or the numbered heading of the paragraph
("（一）指挥部办公室。").
"""

from __future__ import annotations

import re

from ingest.appointments import body_stream, spans
from ingest.posts import TITLE_AT_END, is_name, person
from ingest.facts import Fact, Membership, Source
from ingest.segment import ENUMERATOR, PAGE_NUMBER, Section, squeeze
from ingest.text import Text

_BODY = r"(?:领导小组|工作小组|协调小组|领导组|小组|指挥部|委员会|工作组|专班|联席会议|办公室|组委会)"
_ROLE = re.compile(
    r"^(?:办公室)?(?:常务|执行|第一)?副?"
    r"(?:组长|总指挥|指挥长|主任|委员|秘书长|召集人|主席|顾问|成员|联络员)$"
)
_LIST_SUFFIX = re.compile(r"(?:组成人员|组成|人员|成员|名单)+$")
_ATTACHMENT = re.compile(r"^附件[\d一二三四五六七八九十]*[:：]?")
_ROLE_HEADING = re.compile(r"^\s*((?:[\u4e00-\u9fff]\s*){2,8}?)[：:](.*)$")
_FOUNDED = re.compile(rf"^(.*?)(?:决定)?(?:成立|组建|设立)(.+?{_BODY})$")
_ROLE_FIRST_PROSE = re.compile(r"^(.+?)由(.+?)(?:担任|兼任)$")


def _list_group(line: str) -> str | None:
    """The body a list heading names: "…领导小组人员名单" → "…领导小组"."""
    s = _ATTACHMENT.sub("", squeeze(line))
    if len(s) > 60 or not s.endswith(("名单", "成员", "人员")):
        return None
    group = _LIST_SUFFIX.sub("", s)
    return group if re.search(f"{_BODY}$", group) else None


def _title_group(title: str) -> str | None:
    """The body a notice sets up or adjusts: 关于成立…领导小组的通知."""
    m = re.search(rf"(?:成立|调整|组建|充实)(.+?{_BODY})(?:组成人员|成员)?(?:的通知|的决定|的批复)$", title)
    return m.group(1) if m else None


def _cells(line: str) -> list[str]:
    """The cells of a member line: tab-separated, else space-separated with "杨 峰" rejoined."""
    if "\t" in line:
        return [squeeze(c) for c in line.split("\t") if c.strip()]
    tokens = line.split()
    if len(tokens) >= 3 and len(tokens[0]) == 1 and len(tokens[1]) <= 2:
        tokens = [tokens[0] + tokens[1], *tokens[2:]]
    return [squeeze(t) for t in tokens]


def _top_level_parts(s: str) -> list[str]:
    """`s` split at 、，, outside brackets: 李卫东（区委常委、常务副区长）、王芳 is two people."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(s):
        depth += c in "（("
        depth -= c in "）)" and depth > 0
        if depth == 0 and c in "、，,":
            parts.append(s[start:i])
            start = i + 1
    return parts + [s[start:]]


def _members(line: str) -> list[tuple[str, str | None]] | None:
    """(name, post) of everyone a member line names, or None if it is no member line."""
    cells = _cells(line)
    if len(cells) >= 2:
        first, rest = cells[0], "".join(cells[1:])
        if is_name(first):
            return [(first, rest)]
        if is_name(cells[-1]) and TITLE_AT_END.search("".join(cells[:-1])):
            return [(cells[-1], "".join(cells[:-1]))]
        return None
    if len(cells) != 1:
        return None
    found: list[tuple[str, str | None]] = []
    for part in _top_level_parts(cells[0]):
        bracketed = re.match(r"^(.+?)[（(](.+)[)）]$", part)
        if bracketed and is_name(bracketed.group(1)):
            found.append((bracketed.group(1), bracketed.group(2)))
        elif is_name(part):
            found.append((part, None))
        elif (p := person(part)) is not None:
            found.append(p)
        else:
            return None
    return found


def _role_heading(line: str) -> tuple[str, str] | None:
    """(role, rest of the line) of "组 长：\\t邹劲松…", or of a bare "一、副组长"."""
    m = _ROLE_HEADING.match(line)
    if m and _ROLE.match(role := ENUMERATOR.sub("", squeeze(m.group(1)))):
        return role, m.group(2)
    bare = ENUMERATOR.sub("", squeeze(line)).rstrip("：:")
    return (bare, "") if _ROLE.match(bare) else None


def _listed(text: Text, section: Section) -> list[Fact]:
    facts: list[Fact] = []
    group, role = _title_group(section.document.title or ""), None
    for n, line in section.body(text):
        s = squeeze(line)
        if not s or PAGE_NUMBER.match(s):
            continue
        if heading := _list_group(line):
            group, role = heading, None
            continue
        if heading := _role_heading(line):
            role, line = heading
            if not line.strip():
                continue
        if group is None or role is None:
            continue
        members = _members(line)
        if members is None:
            if s.endswith(("。", "；", ";")) or len(s) > 40:
                role = None
            continue
        source = section.source(text, n, n, s)
        facts.extend(Membership(group, name, role, post, section.doc_number, source) for name, post in members)
    return facts


def _prose(text: Text, section: Section) -> list[Fact]:
    stream = body_stream(text, section)
    facts: list[Fact] = []
    group: str | None = None
    for start, end in spans(stream.chars, "。；;：:\n"):
        sentence = stream.chars[start:end]
        heading = re.match(rf"^{ENUMERATOR.pattern[1:]}(.{{2,20}}?{_BODY})$", sentence)
        if heading:
            group = heading.group(1)
            continue
        source = stream.source(text, section, start, end)
        for c_start, c_end in spans(stream.chars, "，,", start, end):
            clause = stream.chars[c_start:c_end]
            if founded := _FOUNDED.match(clause):
                group = _founded_group(*founded.groups())
            elif group and (member := _prose_member(clause)):
                name, post, role = member
                facts.append(Membership(group, name, role, post, section.doc_number, source))
    return facts


def _founded_group(subject: str, body: str) -> str:
    """"东城区成立X指挥部" → 东城区X指挥部: a jurisdiction as subject belongs to the name."""
    subject = re.sub(r"^(?:经研究|为.*)", "", subject)
    return subject + body if re.fullmatch(r"[\u4e00-\u9fff]{1,10}(?:省|市|区|县|州|旗|镇|乡|街道)", subject) else body


def _prose_member(clause: str) -> tuple[str, str | None, str] | None:
    """(name, post, role) of "由区长金晖担任总指挥" or "组长由张三同志担任"."""
    candidates = [(clause[: m.start()], clause[m.end() :]) for m in re.finditer("担任|兼任|(?<![主担兼责信])任", clause)]
    if m := _ROLE_FIRST_PROSE.match(clause):
        candidates.append((m.group(2), m.group(1)))
    for who, role in candidates:
        found = person(who)
        if found and _ROLE.match(role):
            return found[0], found[1], role
    return None


def extract(text: Text, section: Section) -> list[Fact]:
    return _listed(text, section) + _prose(text, section)

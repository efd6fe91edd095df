"""Members of named bodies: leading groups (领导小组), commands (指挥部), offices.

Two shapes carry them. Member lists ("…领导小组人员名单") print a role
heading ("组 长：", "副组长：", "总 指 挥 长:") and then one person a line, name
and post in cells separated by tabs or spaces or the post in brackets; the
role carries down until the next heading, across blank lines and page
breaks. Prose names them in clauses such as "由区长金晖担任总指挥" or
"副组长由胡斌、李东同志担任".

The body is named where the notice sets it up, most fully in its text
("决定成立秦皇岛市人民政府森林防灭火指挥部（以下简称市森防指）"), else in its
title (关于成立市森林防灭火指挥部的通知), a list heading (…联席会议组成人员名单)
or the numbered heading of a paragraph ("（一）指挥部办公室。"). A heading
that names no particular body ("一、领导小组组成人员") keeps the body set up.
"""

from __future__ import annotations

import re
from functools import partial

from ingest.appointments import Stream, body_stream, span_at, spans
from ingest.facts import Fact, Membership
from ingest.layout import ENUMERATOR, PAGE_NUMBER, squeeze
from ingest.posts import ROLE, ROLE_START, glued, glued_names, glued_run, is_name, names, person, title_at_end
from ingest.segment import Section
from ingest.text import Text

_BODY = r"(?:领导小组|工作小组|协调小组|领导组|小组|指挥部|委员会|工作组|专班|联席会议|办公室|组委会|工作专班|代表团)"
# Every rule that names a body (_FOUNDED, _FOUNDED_AFTER, _NAMED_TO, …) matches one of these words:
# a clause without one names no body, and is skipped without trying them.
_ANY_BODY = re.compile(_BODY)
_YEAR = re.compile(r"\d{4}年度?")
_GENERIC = re.compile(rf"^(?:本|该|工作)?{_BODY}$")
_LIST_SUFFIX = re.compile(r"(?:组成人员|组成|人员|成员|名单)+$")
_ATTACHMENT = re.compile(r"^附件[\d一二三四五六七八九十]*[:：]?")
_ROLE_HEADING = re.compile(r"^\s*((?:[\u4e00-\u9fff]\s*){2,8}?)[：:](.*)$")
_SETS_UP = "成立|组建|设立|建立|调整|充实"
_FOUNDED = re.compile(rf"^(.*?)(?:决定)?(?:成立|组建|设立|建立|对)(.+?{_BODY})(?:制度)?(?:[（(][^（）()]+[）)])?"
                      rf"(?:(?:组成人员|成员)?(?:进行|作)了?调整)?$")  # …决定对X指挥部组成人员进行调整
# 省委全面深化改革领导小组(简称“领导小组”)日前成立
_FOUNDED_AFTER = re.compile(rf"^(.+?{_BODY})(?:[（(][^（）()]*[）)])?(?:日前|近日|正式|已|于.{{1,12}}?)*(?:成立|组建)$")
# A numbered heading that names a body: "1、市城市规划委员会", "（一）指挥部办公室。"
_BODY_HEADING = re.compile(rf"^{ENUMERATOR.pattern[1:]}(.{{2,30}}?{_BODY})[。：:]?$")
# "副组长2人，分别是：A，B": the people of the next sentence hold the role.
_COUNTED = re.compile(r"(?:^|[，,])([^，,]{1,16}?)共?[\d一二三四五六七八九十]+[人名](?:[，,]?(?:分别是|分别为|包括|为|是))?$")
_COUNTED_ENDS = ("人", "名", "是", "为", "包括")  # how a sentence that _COUNTED matches ends (its $)
# "推选陈铁迪为上海市代表团团长": the clause names the body, with no 成立 before it.
_BODY_ENDS = re.compile(rf"([^，,。；;：:、]{{2,30}}?{_BODY})$")
_NAMED_TO = re.compile(rf"^.*?(?:推选|推举)(.+?)(?:同志)?为(.{{2,30}}?{_BODY})(.{{2,6}})$")
_ROLE_FIRST_PROSE = re.compile(r"^(.+?)由(.+?)(?:担任|兼任|组成)$")
_SEATED = re.compile(r"([^，,；;]{2,30}?)由([^；;。]+?)(?:同志)?(?:担任|兼任|组成)")


_SET_UP = re.compile(rf"(?:{_SETS_UP})([^，,。；;：:（()）的]{{2,60}}?{_BODY})")


def bodies_set_up(text: str) -> list[tuple[int, int]]:
    """Where a text names the bodies it sets up or adjusts (关于成立市森林防灭火指挥部的通知)."""
    return [m.span(1) for m in _SET_UP.finditer(text) if not _GENERIC.match(m.group(1))]


def _list_group(line: str) -> str | None:
    """The body a list heading names: "…领导小组人员名单" → "…领导小组"."""
    s = _ATTACHMENT.sub("", squeeze(line))
    if len(s) > 60 or not s.endswith(("名单", "成员", "人员")):
        return None
    group = _LIST_SUFFIX.sub("", ENUMERATOR.sub("", s))
    return group if re.search(f"{_BODY}$", group) else None


def _title_group(title: str) -> str | None:
    """The body a notice sets up or adjusts: 关于成立…领导小组的通知."""
    m = re.search(rf"(?:{_SETS_UP})(.+?{_BODY})(?:制度)?(?:组成人员|成员)?(?:的通知|的决定|的批复)$", title)
    return m.group(1) if m else None


def _same_body(a: str, b: str) -> bool:
    return re.search(f"{_BODY}$", a).group() == re.search(f"{_BODY}$", b).group()


def _set_up(stream: Stream, section: Section) -> str | None:
    """The body the notice sets up: named in its text where the title names it too
    (the text prints the full name), else as the title or the text names it."""
    title = _title_group(section.document.title or "")
    tried = 0  # the end of the last clause tried
    for named in _ANY_BODY.finditer(stream.chars):  # only a clause that names a body can set one up
        if named.start() < tried:
            continue
        start, tried = span_at(stream.chars, "。；;：:，,\n", named.start())
        if founded := _FOUNDED.match(stream.chars[start:tried]):
            body = _founded_group(*founded.groups())
            if not _GENERIC.match(body) and (title is None or _same_body(body, title)):
                return body
    return title


def _cells(line: str) -> list[str]:
    """The cells of a member line: tab-separated, else space-separated with "杨 峰" rejoined."""
    if "\t" in line:
        return [squeeze(c) for c in line.split("\t") if c.strip()]
    runs: list[tuple[str, bool]] = []  # (token, made of single characters)
    for token in line.split():  # a run of single characters is one word spaced out: 专 班 长, 丁 伟
        if len(token) == 1 and runs and runs[-1][1]:
            runs[-1] = (runs[-1][0] + token, True)
        else:
            runs.append((token, len(token) == 1))
    tokens = [token for token, _ in runs]
    if len(tokens) >= 2 and len(tokens[0]) == 1:  # 马  军（县长）
        tokens[:2] = [tokens[0] + tokens[1]]
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


def _members(cells: list[str]) -> list[tuple[str, str | None]] | None:
    """(name, post) of everyone a member line's cells name, or None if it is no member line."""
    if len(cells) >= 2 and all(map(is_name, cells)):  # 副组长：王晓剑 谭志新
        return [(c, None) for c in cells]
    if len(cells) >= 2:
        first, rest = cells[0], "".join(cells[1:])
        if is_name(first):
            return [(first, rest)]
        if is_name(cells[-1]) and title_at_end("".join(cells[:-1])):
            return [(cells[-1], "".join(cells[:-1]))]
        return None
    if len(cells) != 1:
        return None
    if len(run := glued_run(cells[0])) > 1:  # 姜大明国土资源部部长丁向阳国务院副秘书长
        return run  # type: ignore[return-value]
    if len(run := glued_names(cells[0])) > 1:  # 吴斌郑国强冯晓东陈刚
        return [(name, None) for name in run]
    if (whole := glued(cells[0])) and "、" in cells[0]:  # 孟宪国市委副书记、市长: one member, two posts
        return [whole]
    found: list[tuple[str, str | None]] = []
    for part in _top_level_parts(cells[0]):
        bracketed = re.match(r"^(.+?)[（(](.+)[)）]$", part)
        if bracketed and is_name(bracketed.group(1)):
            found.append((bracketed.group(1), bracketed.group(2)))
        elif is_name(part):
            found.append((part, None))
        elif (p := person(part) or glued(part)) is not None:
            found.append(p)
        else:
            return None
    return found


def _role_heading(line: str, cells: list[str]) -> tuple[str, list[str]] | None:
    """(role, the member cells after it) of "组 长：\\t邹劲松…", of a row whose first cell is a
    role ("副专班长　　金成浩　　市政府副市长", "主 任\\t马志强\\t…"), or of a bare "一、副组长";
    `cells` are the line's (`_cells`), which the caller reads too."""
    m = _ROLE_HEADING.match(line)
    if m and ROLE.match(role := ENUMERATOR.sub("", squeeze(m.group(1)))):
        return role, _cells(m.group(2))
    if len(cells) >= 2 and ROLE.match(role := ENUMERATOR.sub("", cells[0]).rstrip("：:")):
        return role, cells[1:]
    bare = ENUMERATOR.sub("", squeeze(line)).rstrip("：:")
    if not ROLE_START.match(bare):
        return None  # neither bare nor any of its starts is a role
    if ROLE.match(bare):
        return bare, []
    for k in range(min(len(bare), 8), 1, -1):  # 专班长王国庆市委常委、常务副市长: a PDF lost the spaces
        if ROLE.match(bare[:k]) and (member := glued(bare[k:])):
            return bare[:k], [member[0], member[1]]
    return None


def _inline_roles(s: str) -> tuple[str, list[tuple[str, str]]]:
    """What comes before the first role label, and (role, what follows it) of every role label
    a line prints, when a web copy ran the whole member list into one line:
    …组长:张三国务院副总理副组长:李四…三、工作机构."""
    labels = []  # (start, end, role) of each "ROLE:"
    for colon in (i for i, c in enumerate(s) if c in "：:"):
        left = s[max(0, colon - 9): colon]
        role = next((left[-k:] for k in range(len(left), 1, -1) if ROLE.match(left[-k:])), None)
        if role:
            labels.append((colon - len(role), colon + 1, role))
    out = []
    for (_, end, role), following in zip(labels, labels[1:] + [None]):
        printed = s[end: following[0] if following else len(s)]
        out.append((role, re.split(r"[一二三四五六七八九十]+、|[。；;]", printed)[0].rstrip("，,、 ")))
    return (s[: labels[0][0]] if labels else s), out


def _listed(text: Text, section: Section, set_up: str | None) -> list[Fact]:
    facts: list[Fact] = []
    group, role = set_up, None
    body = list(section.body(text))
    joined_to = 0  # the last line a wrapped inline list was joined up to
    for k, (n, line) in enumerate(body):
        s = text.flat(n)
        if not s or PAGE_NUMBER.match(s) or n <= joined_to:
            continue
        if heading := _list_group(line):
            group, role = (group if group and (_GENERIC.match(heading) or _YEAR.sub("", heading) == group) else heading), None
            continue
        if (heading := _BODY_HEADING.match(s)) and not _GENERIC.match(heading.group(1)):
            group, role = heading.group(1), None  # 1、市城市规划委员会, then its roles
            continue
        run, last = s, n
        labelled = s.count("：") + s.count(":") > 1
        if labelled:  # a list run into one sentence, maybe wrapped by a PDF
            for m, _ in body[k + 1: k + 6]:
                if run.endswith(("。", "；", ";")) or not text.flat(m) or ENUMERATOR.match(text.flat(m)):
                    break
                run, last = run + text.flat(m), m
        lead, inline = _inline_roles(run) if labelled else ("", [])
        # 组长:张三…副组长:…, the body named before the first label when nothing set one up
        if len(inline) > 1 and (named := group or ((m := _BODY_ENDS.search(ENUMERATOR.sub("", lead))) and m.group(1))):
            joined_to = last
            source = section.source(text, n, last, run)
            for role, printed in inline:
                facts.extend(Membership(named, name, role, post, section.doc_number, source)
                             for name, post in _members([printed]) or [])
            continue
        if group is None:
            continue  # no member without a body; a role read now would be reset with the body that comes
        cells = _cells(line)
        heading = _role_heading(line, cells)
        if _ATTACHMENT.match(s) or ENUMERATOR.match(s) and not heading:
            role = None  # a new part of the document: the list has ended
        if heading:
            role, cells = heading
            if not cells:
                continue
        if role is None:
            continue
        members = _members(cells)
        if members is None:
            if s.endswith(("。", "；", ";")) or len(s) > 40:
                role = None
            continue
        source = section.source(text, n, n, s)
        facts.extend(Membership(group, name, role, post, section.doc_number, source) for name, post in members)
    return facts


def _prose(stream: Stream, text: Text, section: Section, set_up: str | None) -> list[Fact]:
    facts: list[Fact] = []
    group = set_up
    counted: str | None = None
    for start, end in spans(stream.chars, "。；;：:\n"):
        sentence = stream.chars[start:end]
        if not (group or counted or sentence.endswith(_COUNTED_ENDS) or _ANY_BODY.search(sentence)):
            continue  # no body set up and no count pending: only a body named or a count can start one
        if heading := _BODY_HEADING.match(sentence):
            group = heading.group(1) if not _GENERIC.match(heading.group(1)) or not group else group
            continue
        source = partial(stream.source, text, section, start, end)  # built for the few sentences with facts
        if counted and group and all(people := [person(c) for c in re.split("[，,]", sentence)]):
            facts.extend(Membership(group, name, counted, post, section.doc_number, source())
                         for name, post in people)  # type: ignore[misc]
        counted = _counted_role(sentence)
        seated = _seated(sentence) if group and "由" in sentence else []
        facts.extend(Membership(group, name, role, post, section.doc_number, source()) for name, post, role in seated)
        if not (group and not seated) and not _ANY_BODY.search(sentence):
            continue  # its clauses can neither name a body nor seat anyone in one
        waiting: list[tuple[str, str | None]] = []  # 省长杜家毫，省政协主席陈求发，…任副组长
        for c_start, c_end in spans(stream.chars, "，,", start, end):
            clause = stream.chars[c_start:c_end]
            body_named = _ANY_BODY.search(clause)
            if body_named and (founded := _FOUNDED.match(clause) or _FOUNDED_AFTER.match(clause)):
                body = _founded_group(*founded.groups()) if founded.re is _FOUNDED else founded.group(1)
                group = group if _GENERIC.match(body) and group else body
            elif not group and body_named and (named := _NAMED_TO.match(clause)) and ROLE.match(named.group(3)):
                group = named.group(2)
                facts.extend(Membership(group, name, named.group(3), post, section.doc_number, source())
                             for name, post in _people(named.group(1)))
            elif group and not seated:
                members = _prose_members(clause)
                if members:
                    members = [(name, post, members[0][2]) for name, post in waiting] + members
                facts.extend(Membership(group, name, role, post, section.doc_number, source())
                             for name, post, role in members)
                found = None if members else person(clause)
                waiting = waiting + [found] if found else []
    return facts


def _counted_role(sentence: str) -> str | None:
    """The role of "副组长2人，分别是", said before the people are listed."""
    if not sentence.endswith(_COUNTED_ENDS):
        return None
    m = _COUNTED.search(sentence)
    role = _role(m.group(1)) if m else ""
    return role if ROLE.match(role) else None


def _role(printed: str) -> str:
    """A role as printed after its body (领导小组组长 → 组长)."""
    return printed if ROLE.match(printed) else re.sub(rf"^(?:本|该)?{_BODY}", "", printed)


def _seated(sentence: str) -> list[tuple[str, str | None, str]]:
    """(name, post, role) of every "ROLE由…担任/兼任/组成" of a sentence, the people
    listed with 、 or ，: 组长由县政府副县长孟凡东担任，成员由A局长马丽，B副局长高峰组成."""
    out = []
    for m in _SEATED.finditer(sentence):
        left = re.split(r"[，,；;]", m.group(1))[-1]
        role = next((left[-k:] for k in range(min(len(left), 9), 1, -1) if ROLE.match(left[-k:])), None)
        if role is None:
            continue
        out += [(name, post, role) for name, post in _people(m.group(2))]
    return out


def _founded_group(subject: str, body: str) -> str:
    """"东城区成立X指挥部" → 东城区X指挥部: a jurisdiction as subject belongs to the name."""
    subject = re.sub(r"^(?:经研究|为.*)", "", subject)
    return subject + body if re.fullmatch(r"[\u4e00-\u9fff]{1,10}(?:省|市|区|县|州|旗|镇|乡|街道)", subject) else body


def _prose_members(clause: str) -> list[tuple[str, str | None, str]]:
    """(name, post, role) of "由区长金晖担任总指挥", "组长由张三同志担任" or
    "副组长由胡斌、李东同志担任" (everyone listed)."""
    candidates = [(clause[: m.start()], clause[m.end() :])
                  for m in re.finditer("担任|兼任|(?<![主担兼责信])任|(?<![作成认因以])为", clause)]
    if m := _ROLE_FIRST_PROSE.match(clause):
        candidates.append((m.group(2), m.group(1)))
    for who, role in candidates:
        role = _role(role)  # 任领导小组组长
        if ROLE.match(role) and (people := _people(who)):
            return [(name, post, role) for name, post in people]
    return []


def _people(who: str) -> list[tuple[str, str | None]]:
    """(name, post) of everyone "由…担任" names: "A主任张三、B主任李四", "胡斌、李东同志",
    or one person with several posts ("镇党委副书记、镇长顾建新")."""
    who = re.sub(r"^(?:由|[省市区县]领导)", "", who)
    parts = _top_level_parts(who)
    people = [person(part) or (part, None) if is_name(part) or person(part) else None for part in parts]
    if len(parts) > 1 and all(people):
        return people  # type: ignore[return-value]
    if found := person(who):
        return [found]
    return [(name, None) for name in names(who) or []]


def extract(text: Text, section: Section) -> list[Fact]:
    stream = body_stream(text, section)
    set_up = _set_up(stream, section)
    # A seat named twice (the list, and the prose before it) is one; two namesakes in
    # one body (王伟 区教委主任, 王伟 东华门街道办事处主任) are two.
    seats: dict[tuple, Membership] = {}
    for m in _listed(text, section, set_up) + _prose(stream, text, section, set_up):
        seats.setdefault((m.group, m.person, m.role, m.position), m)
    posted = {(m.group, m.person, m.role) for m in seats.values() if m.position}
    return [m for m in seats.values() if m.position or (m.group, m.person, m.role) not in posted]

"""Appointments and removals (任免) as printed in personnel notices.

Notices word the same event in many ways: 任命/聘任/提名 X 为 P, "X同志任P",
lists under a "任命：" heading, 免去 X 的 P 职务, 不再担任, 辞去, and the
implied removal 其原任 P 职务自然免去. PDF conversion breaks sentences across
lines and pages, so the body is read as one stream of characters that
remembers each character's line; sentences end at 。；, clauses at ，.

The vocabulary of posts (`TITLE_AT_END`) and the person-name test
(`is_name`) are public: member lists and person resolution read posts and
names the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.facts import Appointment, Fact, Source
from ingest.segment import ENUMERATOR, PAGE_NUMBER, Section, squeeze
from ingest.text import Text

_TITLE_BASES = (
    "主任科员|主任|局长|处长|部长|科长|股长|大队长|支队长|中队长|队长|所长|院长|站长|校长|园长"
    "|台长|社长|行长|庭长|检察长|审判长|厅长|司长|署长|主席|秘书长|书记|调研员|巡视员|科员|会长"
    "|理事长|董事长|总经理|经理|总监|总工程师|总会计师|总经济师|总编辑|主编|区长|市长|县长|省长"
    "|州长|镇长|乡长|旗长|盟长|总指挥|指挥长|组长|委员|政委|教导员|指导员|参事|专员|主管"
    "|总农艺师|总畜牧师|总规划师|总督学|馆长"
)
_TITLE_PREFIXES = "常务|专职|执行|第一|代理|党组|党委|纪检"
TITLE = rf"(?:{_TITLE_PREFIXES})?副?(?:[一二三四]级)?(?:{_TITLE_BASES})"
TITLE_AT_END = re.compile(rf"{TITLE}$")
_UNIT_SUFFIX = re.compile(
    r"(?:委员会|管委会|办事处|办公室|办公厅|人民政府|政府|中心|街道|分局|支队|大队|局|厅|部|处|科|股|队"
    r"|所|院|站|馆|校|委|办|会|社|行|司|署|室|组)"
)
_BRACKETED_TAIL = re.compile(r"[（(]([^（）()]*)[)）]$")
_PROBATION = re.compile(r"试用期为?[一二三四五六七八九十半\d]+个?[年月]")
_RETIREMENT = re.compile(r"办理(?:提前)?退休手续")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}$")
_NOT_IN_NAME = re.compile(rf"[的其等各和及与、]|{TITLE}|同志")
_MEMBER_ROLES = re.compile(r"^(?:常务|执行)?副?(?:组长|总指挥|指挥长|成员|召集人)$")
_APPOINT_VERB = re.compile(r"^(?:经研究)?(?:决定|同意|拟)?(?:(任命|聘任|聘用|聘请)|提名|推荐|聘|任)")
_HEADER = re.compile(r"^(?:决定)?(任命|聘任|聘用|任职|提名|免去|免职|免去职务)(?:如下)?$")
_SENTENCE_END = "。；;！!"
_CLAUSE_END = "，,：:\n"
_LINE_START_CUE = re.compile(rf"^(?:{ENUMERATOR.pattern[1:]}|(?:决定|同意|接受)?(?:任命|免去|聘任|聘用|提名))")


def is_name(s: str) -> bool:
    """A personal name as printed in official lists: 2-4 characters, no post words."""
    return bool(_NAME.match(s)) and not _NOT_IN_NAME.search(s)


def strip_brackets(position: str) -> str:
    """The position without trailing bracketed ranks and notes (（副处职）, (兼))."""
    while m := _BRACKETED_TAIL.search(position):
        position = position[: m.start()]
    return position


def split_position(position: str) -> tuple[str, str]:
    """(organization, title) of a printed position, e.g. (…委员会行政财务处, 处长).

    The title is the longest post word the position ends with; positions that
    end in an unknown post are split after the last unit suffix instead.
    """
    core = strip_brackets(position)
    m = TITLE_AT_END.search(core)
    if m:
        return core[: m.start()], m.group()
    units = [u for u in _UNIT_SUFFIX.finditer(core) if u.end() < len(core)]
    if units:
        return core[: units[-1].end()], core[units[-1].end() :]
    return "", core


def ends_with_title(position: str) -> bool:
    return bool(TITLE_AT_END.search(strip_brackets(position)))


@dataclass(frozen=True)
class Post:
    position: str
    organization: str
    title: str
    note: str | None


def _posts(printed: str) -> list[Post]:
    """The posts one clause names: "P1、P2" gives two, the second inheriting P1's unit."""
    printed = re.sub(r"(?:的)?职务$|人选$", "", printed)
    note = None
    probation = re.search(rf"[（(]({_PROBATION.pattern})[)）]", printed)
    if probation:
        note = probation.group(1)
        printed = printed[: probation.start()] + printed[probation.end() :]
    pieces: list[str] = []
    buffer = ""
    for piece in printed.split("、"):
        buffer = f"{buffer}、{piece}" if buffer else piece
        if ends_with_title(buffer):
            pieces.append(buffer)
            buffer = ""
    if buffer:
        pieces.append(buffer)
    posts: list[Post] = []
    for piece in pieces:
        organization, title = split_position(piece)
        if not organization and posts and posts[-1].organization:
            organization = posts[-1].organization
            piece = organization + piece
        tail = _BRACKETED_TAIL.search(piece)
        kept = tail.group(1) if tail and tail.group(1).startswith("保留") else None
        posts.append(Post(piece, organization, title, note or kept))
    return [p for p in posts if p.title and not (_MEMBER_ROLES.match(p.title) and not p.organization)]


@dataclass
class _Stream:
    """The body as one string, with the line number of every character."""

    chars: str
    lines: list[int]

    def source(self, text: Text, section: Section, start: int, end: int) -> Source:
        return Source(text.file, self.lines[start], self.lines[end - 1], section.doc_number,
                      self.chars[start:end].replace("\n", ""))


def body_stream(text: Text, section: Section) -> _Stream:
    """The section body without white space and page numbers, one string.

    A line break counts as a clause break ("\\n") only after a numbered
    heading or where the next line starts a new item (an enumerator or an
    action verb); elsewhere it is the PDF's line wrapping and the sentence
    goes on.
    """
    chars: list[str] = []
    lines: list[int] = []
    heading = False
    for n, line in section.body(text):
        s = squeeze(line)
        if not s or PAGE_NUMBER.match(s):
            continue
        if chars and chars[-1] not in _SENTENCE_END + _CLAUSE_END and (heading or _LINE_START_CUE.match(s)):
            chars.append("\n")
            lines.append(n)
        chars.extend(s)
        lines.extend([n] * len(s))
        heading = bool(ENUMERATOR.match(s)) and len(s) <= 25 and not re.search("[，。；,;]", s)
    return _Stream("".join(chars), lines)


def spans(s: str, ends: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the pieces of s[start:stop] between characters of `ends`."""
    stop = len(s) if stop is None else stop
    out, begin = [], start
    for i in range(start, stop):
        if s[i] in ends:
            if i > begin:
                out.append((begin, i))
            begin = i + 1
    if stop > begin:
        out.append((begin, stop))
    return out


def _names(s: str) -> list[str] | None:
    names = [n.removesuffix("同志") for n in s.split("、")]
    return names if all(is_name(n) for n in names) else None


def _split_name(s: str, known: set[str], starts: tuple[str, ...]) -> tuple[str, str] | None:
    """(name, position) of "张三北京市…局长" printed without a separator.

    The name is the prefix that is a name known from the same notice, else
    the one after which a unit name plausibly starts (the issuer's
    jurisdiction, a position start seen in the notice, 市/区/县/省…).
    """
    def score(length: int) -> int:
        name, rest = s[:length], s[length:]
        if not is_name(name) or not rest:
            return -1
        if name in known:
            return 3
        if rest.startswith(starts):
            return 2
        return 1 if re.match(r"^(?:中共|中国|国家|省|市|区|县|州|旗|镇|乡)", rest) else 0

    best = max((3, 2, 4), key=score)
    return (s[:best], s[best:]) if score(best) >= 0 else None


@dataclass
class _Clause:
    """What one clause says: the people it names (or None for 其) and the action."""

    people: list[str] | None
    action: str
    printed: str
    implied: bool = False


_REMOVE_PATTERNS = (
    (re.compile(r"^(?:其)?原(?:任|担任)?(.+?)(?:职务)?(?:自然免去|自然免除|自行免去|自然解除)$"), True),
    (re.compile(r"^(?:同时|并)?免去其(.+)$"), False),
    (re.compile(r"^(?:同时|并)?其?(?:不再担任|辞去)(.+?)(?:职务)?(?:的请求|的申请)?$"), False),
)


_CUE = re.compile(r"[任免聘辞兼]|提名|推荐")  # every verb below contains one of these


def _parse(clause: str, mode: str | None, known: set[str], starts: tuple[str, ...]) -> _Clause | None:
    if mode is None and not _CUE.search(clause):
        return None  # most clauses of a gazette: plans, measures, prose
    for pattern, implied in _REMOVE_PATTERNS:
        if m := pattern.match(clause):
            return _Clause(None, "remove", m.group(1), implied)
    if m := re.match(r"^(?:同时|并)?兼任?(.+)$", clause):
        if ends_with_title(m.group(1)):
            return _Clause(None, "appoint", m.group(1))
    if m := re.match(r"^(?:经研究)?(?:决定|同意)?免去(.+)$", clause):
        return _removal(m.group(1), known, starts)
    if m := _APPOINT_VERB.match(clause):
        found = _named(clause[m.end() :], ("为",), "appoint", titled=not m.group(1))
        if found:
            return found
    # 不再担任 contains 担任: the removal verbs are tried first.
    for verbs, action in ((("同志不再担任", "不再担任", "同志辞去", "辞去"), "remove"),
                          (("同志任", "同志担任", "任", "担任"), "appoint")):
        found = _named(re.sub(r"^(?:同意|接受|批准)", "", clause), verbs, action)
        if found:
            return found
    if mode == "appoint":
        return _named(clause, ("为",), "appoint", titled=False)
    if mode == "remove":
        return _removal(clause, known, starts)
    return None


def _named(s: str, verbs: tuple[str, ...], action: str, titled: bool = True) -> _Clause | None:
    """"X为P", "X同志任P", "X不再担任P": the first split with valid names and a post.

    Only an unambiguous verb (任命, 聘任) or a "任命：" list heading lets a
    post end in an unknown post word; after 任, 提名 or 推荐 a known post
    word (`titled`) tells a post from other text. Names that contain the
    verb itself (高为庆为…, 任强任…) are tried last.
    """
    candidates = [
        (names, rest)
        for i, verb in _occurrences(s, verbs)
        if (names := _names(s[:i]))
        and (rest := re.sub(r"(?:的请求|的申请)$", "", s[i + len(verb) :]))
        and (not titled or ends_with_title(re.sub(r"(?:的)?职务$|人选$", "", rest)))
    ]
    candidates.sort(key=lambda c: any(v in n for v in verbs for n in c[0]))
    return _Clause(candidates[0][0], action, candidates[0][1]) if candidates else None


def _occurrences(s: str, verbs: tuple[str, ...]) -> list[tuple[int, str]]:
    """(position, verb) of every verb in `s` after a two-character name, left to right."""
    found = []
    for order, verb in enumerate(verbs):
        i = s.find(verb, 2)
        while i != -1:
            found.append((i, order, verb))
            i = s.find(verb, i + 1)
    return [(i, verb) for i, _, verb in sorted(found)]


def _removal(s: str, known: set[str], starts: tuple[str, ...]) -> _Clause | None:
    """"X的P职务", "X同志P职务" or "XP职务"."""
    if not (s.endswith("职务") or ends_with_title(s)):
        return None
    for sep in ("同志的", "的", "同志"):
        head, found, rest = s.partition(sep)
        if found and (names := _names(head)):
            return _Clause(names, "remove", rest)
    split = _split_name(s, known, starts)
    return _Clause([split[0]], "remove", split[1]) if split else None


def _known_names(section: Section) -> set[str]:
    """Names in the notice's title: 关于陈雷等二十三名同志 / 关于王景芝同志免职."""
    m = re.search(r"关于(.+?)(?:等|同志)", section.document.title)
    return set(_names(m.group(1)) or []) if m else set()


def _position_starts(stream: _Stream, section: Section) -> tuple[str, ...]:
    """Where unit names start in this notice: the issuer's jurisdiction and 为-positions."""
    starts = {p[:3] for p in re.findall(r"为([\u4e00-\u9fff]{3,})", stream.chars)}
    issuer = section.document.issuer or ""
    starts |= {m.group() for m in re.finditer(r"^[\u4e00-\u9fff]+?(?:省|自治区|市|州|区|县|旗)", issuer)}
    return tuple(sorted(starts, key=len, reverse=True))


def extract(text: Text, section: Section) -> list[Fact]:
    stream = body_stream(text, section)
    known = _known_names(section)
    starts = _position_starts(stream, section)
    facts: list[Fact] = []
    mode: str | None = None
    for start, end in spans(stream.chars, _SENTENCE_END + "：:"):
        sentence = ENUMERATOR.sub("", stream.chars[start:end])
        header = _HEADER.match(re.split("[，,]", sentence)[-1])
        if header:
            mode = "remove" if header.group(1).startswith("免") else "appoint"
            continue
        source = stream.source(text, section, start, end)
        facts.extend(_sentence_facts(stream, (start, end), section, source, mode, known, starts))
    return facts


def _sentence_facts(stream: _Stream, span: tuple[int, int], section: Section, source: Source,
                    mode: str | None, known: set[str], starts: tuple[str, ...]) -> list[Appointment]:
    """The records of one sentence; 其 is the last person it named, notes go to the clause before."""
    records: list[Appointment] = []
    people: list[str] = []
    last = range(0)
    for start, end in spans(stream.chars, _CLAUSE_END, *span):
        clause = ENUMERATOR.sub("", stream.chars[start:end])
        note = _PROBATION.fullmatch(clause) or _RETIREMENT.search(clause)
        if note and len(clause) <= len(note.group()) + 3:
            for i in last:
                records[i] = replace(records[i], note=note.group())
            continue
        parsed = _parse(clause, mode, known | set(people), starts)
        if parsed is None:
            continue
        people = parsed.people or people
        found = [
            Appointment(section.doc_number, person, parsed.action, post.position, post.organization,
                        post.title, parsed.implied, post.note, source)
            for person in people
            for post in _posts(parsed.printed)
        ]
        last = range(len(records), len(records) + len(found))
        records.extend(found)
    return records

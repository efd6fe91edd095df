"""Appointments and removals (任免) as printed in notices, decisions and reports.

Governments, people's congresses and courts word the same event in many
ways: 任命/聘任/提名 X 为 P, "X同志任P", lists under a "任命：" heading,
免去/撤销 X 的 P 职务, 不再担任, 接受 X 辞去 P 职务的请求, "副市长X代理市长职务",
the implied removal 其原任 P 职务自然免去. A meeting report puts a subject
first (会议决定任命…, 会议根据区法院的提请，免去…) and a decision lists
"任命A、B为P1，C为P2" in one sentence. PDF conversion breaks sentences across
lines and pages, so the body is read as one stream of characters that
remembers each character's line; sentences end at 。；, clauses at ，.

Background (鉴于X已辞去…) and leaders named in prose (主任X主持会议) are not
events. One document printing the same event twice (a report and its
appended list) gives one record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from typing import Callable

from ingest.facts import Appointment, Fact, Source
from ingest.layout import ENUMERATOR, LONE_NUMBER, PAGE_NUMBER, full_width
from ingest.posts import NOTE, RETIREMENT, ends_with_title, glued, is_name, names, person, posts, split_position
from ingest.segment import Section
from ingest.text import Text

_APPOINT_VERB = re.compile(r"^(?:经研究|其中)?(?:决定|同意|拟)?(?:(任命|聘任|聘用|聘请|选举)|提名|推荐|聘|任)")
_REMOVE_VERB = re.compile(r"^(?:经研究|其中)?(?:决定|同意)?(?:分别)?(?:免去|撤销|罢免|解聘|免除)(.+)$")
_HEADER_VERBS = ("任命", "聘任", "聘用", "任职", "提名", "免去", "免职", "免去职务", "撤销", "接受", "接受辞职")
_HEADER_WORDS = rf"(?:决定|会议决定)?({'|'.join(_HEADER_VERBS)})(?:如下)?$"
_HEADER_ENDS = (*_HEADER_VERBS, "如下")  # how a sentence ends that either header pattern matches (at its $)
_HEADER = re.compile("^" + _HEADER_WORDS)
_RUN_ON_HEADER = re.compile(r"(?:名单|[)）])" + _HEADER_WORDS)  # a web copy: …任命名单（…通过）决定任命：
_STRONG_VERBS = "任命|免去|撤销|罢免|聘任|聘用|解聘|接受|批准|提名|选举"
# The subject of a meeting report or decision before its verb: 会议决定接受…, 常委会任命…
_SUBJECT = re.compile(
    rf"^.{{0,40}}?(?:会议|常委会|常务委员会|主任会议|政府|研究|审议|表决|投票的方式|投票)(?:决定|同意)?(?=(?:决定|同意)?(?:{_STRONG_VERBS}))"
)
# A report names the decision it passed: 表决通过了…关于任命张恩亮同志为市政府代理市长的决定
# …通过了关于任命X为P的决定; or the decision named alone in a list of acts passed: 关于接受X辞去P职务的决定
_PASSED_DECISION = re.compile(rf"^(?:.{{0,40}}?(?:通过|作出)了?(?:[^，,]{{0,30}}?关于)?|关于)((?:{_STRONG_VERBS}).+?)的决定(?:》|$)")
_TRAILING_NOTE = re.compile(rf"职务([（(](?:{NOTE.pattern})[)）])$")
_TRAILING_REMARK = re.compile(r"职务[（(][^（）()]{1,20}[)）]$")  # …职务（均系职务变动）
_ENDED = re.compile(r"^(.+?)的(.+?职务)(?:相应|自然|自行)终止$")  # X的…委员职务相应终止: implied by another act
_BACKGROUND = re.compile(r"^(?:鉴于|由于|因为)")
_LIST_END = re.compile(r"等(?:人事)?(?:任免)?事项$")  # …代理区人民法院院长职务等人事任免事项
_INTRODUCER = re.compile(r".*(?:关于|提请的|的|以及|接受|同意|决定|会议|、)")
_AGREED = re.compile(r"^(?:同意|接受|批准)")
_CONCURRENT = re.compile(r"^(?:同时|并)?兼任?(.+)$")
_SEVERALLY = re.compile("分别$")
_ACTING = re.compile(r"^(.+?)代理(.+?)(?:的)?职务$")
_SENTENCE_END = "。；;！!"
_CLAUSE_END = "，,：:\n"
_LINE_START_CUE = re.compile(rf"^(?:{ENUMERATOR.pattern[1:]}|(?:决定|同意|接受)?(?:任命|免去|聘任|聘用|提名|撤销))")
# Every verb below contains one of these. Each alternative is a literal, so the regex engine
# skips to the characters they start with ([任免聘辞兼] would have it try every character).
_CUE = re.compile("任|免|聘|辞|兼|提名|推荐|撤销|罢免|代理|终止")


@dataclass
class Stream:
    """The body as one string, with the line number of every character."""

    chars: str
    lines: list[int]

    def source(self, text: Text, section: Section, start: int, end: int) -> Source:
        return section.source(text, self.lines[start], self.lines[end - 1], self.chars[start:end].replace("\n", ""))


@lru_cache(maxsize=4)  # appointments and memberships read the same stream of a section
def body_stream(text: Text, section: Section) -> Stream:
    """The section body without white space and page numbers, one string.

    A line break counts as a clause break ("\\n") only after a heading (a
    numbered one, or a short line above the first sentence, such as a news
    report's subtitle) or where the next line starts a new item (an enumerator
    or an action verb); elsewhere it is the PDF's line wrapping and the
    sentence goes on.
    """
    pieces: list[str] = []  # the lines kept, and the "\n" breaks between them
    lines: list[int] = []
    heading = False
    sentence_ended = False  # a sentence end has been seen: no more subtitles
    body = section.body(text)
    short = 0.6 * full_width(body)
    for n, _ in body:
        s = text.flat(n)
        if not s or PAGE_NUMBER.match(s) or LONE_NUMBER.match(s):
            continue
        if pieces and pieces[-1][-1] not in _SENTENCE_END + _CLAUSE_END and (heading or _LINE_START_CUE.match(s)):
            pieces.append("\n")
            lines.append(n)
        pieces.append(s)
        lines.extend([n] * len(s))
        # a short line before the first sentence: a subtitle (决定任命王书坚为市政府副市长)
        sentence_ended = sentence_ended or any(c in _SENTENCE_END for c in s)
        subtitle = len(s) < short and not sentence_ended
        heading = (bool(ENUMERATOR.match(s)) and len(s) <= 25 or subtitle) and not re.search("[，。；,;]", s)
    return Stream("".join(pieces), lines)


def spans(s: str, ends: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the pieces of s[start:stop] between characters of `ends`."""
    return [m.span() for m in _pieces(ends).finditer(s, start, len(s) if stop is None else stop)]


def span_at(s: str, ends: str, i: int) -> tuple[int, int]:
    """(start, end) offsets of the piece of `s` between characters of `ends` that holds position `i`."""
    start = max(s.rfind(c, 0, i) for c in ends) + 1
    end = min((j for c in ends if (j := s.find(c, i)) != -1), default=len(s))
    return start, end


@cache
def _pieces(ends: str) -> re.Pattern[str]:
    return re.compile(f"[^{re.escape(ends)}]+")


@dataclass(frozen=True)
class _Context:
    """What the whole notice says that helps read one clause."""

    known: frozenset[str]  # names in the title (关于陈雷等二十三名同志…)
    starts: tuple[str, ...]  # where unit names start: the issuer's jurisdiction, 为-positions
    chars: str  # the whole body, to tell a recurring place name from a name's last character


def _split_name(s: str, context: _Context) -> tuple[str, str] | None:
    """(name, position) of "张三北京市…局长" printed without a separator.

    The name is the prefix that is a name known from the same notice, else
    the one after which a unit name plausibly starts: the issuer's
    jurisdiction, a position start seen in the notice, 市/区/县/省…, or the
    words that recur in the notice (a place name recurs, a name's last
    character followed by a place does not).
    """
    def score(length: int) -> tuple[int, int]:
        name, rest = s[:length], s[length:]
        if not is_name(name) or not rest:
            return (-1, 0)
        if name in context.known:
            return (3, 0)
        if rest.startswith(context.starts):
            return (2, 0)
        level = 1 if re.match(r"^(?:中共|中国|国家|省|市|区|县|州|旗|镇|乡)", rest) else 0
        return (level, context.chars.count(rest[:2]))

    best = max((3, 2, 4), key=score)
    return (s[:best], s[best:]) if score(best)[0] >= 0 else None


@dataclass
class _Clause:
    """What one clause says: the people it names (or None for 其) and the action."""

    people: list[str] | None
    action: str
    printed: str
    implied: bool = False
    organization: str | None = None  # the unit of an acting post printed without one


_REMOVE_PATTERNS = (
    (re.compile(r"^(?:其)?原(?:任|担任)?(?:的)?(.+?)(?:职务)?(?:自然免去|自然免除|自行免去|自然解除)$"), True),
    (re.compile(r"^(?:同时|并)?免去其(.+)$"), False),
    (re.compile(r"^(?:同时|并)?其?(?:不再担任|辞去)(.+?)(?:职务)?(?:的请求|的申请)?$"), False),
)


def _predicate(clause: str) -> str:
    """The clause from its verb on: 会议决定接受X辞去… → 接受X辞去…; a decision a
    report says was passed, as its title words it."""
    if "的决定" in clause and (m := _PASSED_DECISION.match(clause)):  # every decision it reads is one
        return m.group(1)
    m = _SUBJECT.match(clause)
    return clause[m.end():] if m else clause


def _parse(clause: str, mode: str | None, context: _Context) -> _Clause | None:
    if mode is None and not _CUE.search(clause):
        return None  # most clauses of a gazette: plans, measures, prose
    if _BACKGROUND.match(clause) or (clause.startswith("由") and "代理" not in clause):
        return None  # background (鉴于…), or a seat in a group (由X同志任办公室主任)
    clause = _LIST_END.sub("", _predicate(clause))
    if clause.endswith(("）", ")")):  # where both patterns end
        clause = _TRAILING_NOTE.sub(r"\1职务", clause)  # …副局长职务（保留正科级）: the note is the post's
        clause = _TRAILING_REMARK.sub("职务", clause)
    for pattern, implied in _REMOVE_PATTERNS:
        if m := pattern.match(clause):
            return _Clause(None, "remove", m.group(1), implied)
    # _ENDED, with its two lazy groups, is tried only on a clause ending as it must (终止)
    if clause.endswith("终止") and (m := _ENDED.match(clause)) and (listed := names(m.group(1))):
        return _Clause(listed, "remove", m.group(2), implied=True)
    if "兼" in clause and (m := _CONCURRENT.match(clause)):
        if ends_with_title(m.group(1)):
            return _Clause(None, "appoint", m.group(1))
    if m := _REMOVE_VERB.match(clause):
        return _removal(m.group(1), context)
    if acting := _acting(clause):
        return acting
    if m := _APPOINT_VERB.match(clause):
        found = _named(clause[m.end() :], ("为",), "appoint", titled=not m.group(1))
        if found:
            return found
    # 不再担任 contains 担任: the removal verbs are tried first.
    agreed = _AGREED.sub("", clause)
    for verbs, action in ((("同志不再担任", "不再担任", "同志辞去", "提出辞去", "申请辞去", "请求辞去", "辞去"), "remove"),
                          (("同志任", "同志担任", "任", "担任"), "appoint")):
        found = _named(agreed, verbs, action)
        if found:
            return found
    if mode == "appoint":
        return _named(clause, ("为",), "appoint", titled=False)
    if mode == "carry":
        return _named(clause, ("为",), "appoint")
    if mode == "remove":
        return _removal(clause, context)
    if mode == "carry-remove":  # 免去A的P职务，B的Q职务: only a name printed with 的 or 同志 carries on
        return _removal(clause, context, split=False)
    return None


def _acting(clause: str) -> _Clause | None:
    """"副市长徐志代理市长职务": an acting post, in the unit of the person's own post
    when the acting post prints none."""
    m = _ACTING.match(clause)
    if not m:
        return None
    named = re.sub(r"^(?:决定|由)", "", m.group(1))
    if named.endswith("同志") and (listed := _named_before(named.removesuffix("同志"), True)):
        who: tuple[str, str | None] | None = (listed[0], None)  # 提请的于立峰同志代理…
    else:
        who = person(named) or glued(named)  # 副市长徐志代理… / 郑皓副区长代理…
    if not who:
        return None
    organization, title = split_position(m.group(2))
    if not title:
        return None
    own = split_position(who[1])[0] if who[1] else ""
    return _Clause([who[0]], "appoint", f"{organization}代理{title}", organization=organization or own or None)


def _named(s: str, verbs: tuple[str, ...], action: str, titled: bool = True) -> _Clause | None:
    """"X为P", "X同志任P", "X不再担任P": the first split with valid names and a post.

    Only an unambiguous verb (任命, 聘任) or a "任命：" list heading lets a
    post end in an unknown post word; after 任, 提名 or 推荐 a known post
    word (`titled`) tells a post from other text. Names that contain the
    verb itself (高为庆为…, 任强任…) are tried last.
    """
    if not _any_of(verbs).search(s, 2):
        return None  # no verb after a name's two characters (`_occurrences`)
    candidates = [
        (listed, rest)
        for i, verb in _occurrences(s, verbs)
        if (listed := _named_before(s[:i], "同志" in verb))
        and (rest := re.sub(r"的?(?:请求|申请)$", "", s[i + len(verb) :]))
        and (not titled or ends_with_title(re.sub(r"(?:的)?职务$|人选$", "", rest)))
    ]
    candidates.sort(key=lambda c: any(v in n for v in verbs for n in c[0]))
    return _Clause(candidates[0][0], action, candidates[0][1]) if candidates else None


@cache
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


def _named_before(s: str, comrade: bool) -> list[str] | None:
    """The names a verb follows: all of `s`, or, before 同志, the names after the last
    word that introduces them (会议表决通过区政府提请的关于宋雨同志任…)."""
    if listed := names(_SEVERALLY.sub("", s)):  # A、B分别提出辞去…
        return listed
    if comrade and (m := _INTRODUCER.search(s)):
        return names(s[m.end():])
    return None


def _occurrences(s: str, verbs: tuple[str, ...]) -> list[tuple[int, str]]:
    """(position, verb) of every verb in `s` after a two-character name, left to right."""
    found = []
    for order, verb in enumerate(verbs):
        i = s.find(verb, 2)
        while i != -1:
            found.append((i, order, verb))
            i = s.find(verb, i + 1)
    return [(i, verb) for i, _, verb in sorted(found)]


def _removal(s: str, context: _Context, split: bool = True) -> _Clause | None:
    """"X的P职务", "X同志P职务" or "XP职务"."""
    if not (s.endswith("职务") or ends_with_title(s)):
        return None
    for sep in ("同志的", "的", "同志"):
        head, found, rest = s.partition(sep)
        if found and (listed := names(head)):
            return _Clause(listed, "remove", rest)
    named = _split_name(s, context) if split else None
    return _Clause([named[0]], "remove", named[1]) if named else None


def _known_names(section: Section) -> frozenset[str]:
    """Names in the notice's title: 关于陈雷等二十三名同志 / 关于王景芝同志免职."""
    m = re.search(r"关于(.+?)(?:等|同志)", section.document.title or "")
    return frozenset(names(m.group(1)) or []) if m else frozenset()


def _position_starts(stream: Stream, section: Section) -> tuple[str, ...]:
    """Where unit names start in this notice: the issuer's jurisdiction and 为-positions."""
    starts = {p[:3] for p in re.findall(r"为([\u4e00-\u9fff]{3,})", stream.chars)}
    issuer = section.document.issuer or ""
    starts |= {m.group() for m in re.finditer(r"^[\u4e00-\u9fff]+?(?:省|自治区|市|州|区|县|旗)", issuer)}
    return tuple(sorted(starts, key=len, reverse=True))


def _list_header(sentence: str) -> re.Match[str] | None:
    """The verb of a list's header (任命：, 会议决定免去如下), if `sentence` is one."""
    sentence = ENUMERATOR.sub("", sentence)
    if not sentence.endswith(_HEADER_ENDS):
        return None
    return _HEADER.match(re.split("[，,]", sentence)[-1]) or _RUN_ON_HEADER.search(sentence)


def extract(text: Text, section: Section) -> list[Fact]:
    stream = body_stream(text, section)
    context = _Context(_known_names(section), _position_starts(stream, section), stream.chars)
    facts: list[Appointment] = []
    mode: str | None = None  # set by a list's header (任命：) until the list ends
    carried: str | None = None  # "免去A的P职务；B的Q职务": the verb carries over a semicolon
    for start, end in spans(stream.chars, _SENTENCE_END + "：:\n"):
        # most sentences end as no header does, and are not taken out of the stream to be read as one
        header = stream.chars.endswith(_HEADER_ENDS, start, end) and _list_header(stream.chars[start:end])
        if header:
            mode = "remove" if header.group(1).startswith(("免", "撤", "接受")) else "appoint"
            continue
        if not (mode or carried or _CUE.search(stream.chars, start, end)):
            continue  # no verb of appointment or removal: most sentences of a gazette
        if mode and (first := spans(stream.chars, _CLAUSE_END, start, end)[:1]) \
                and _parse(ENUMERATOR.sub("", stream.chars[slice(*first[0])]), mode, context) is None:
            mode = None  # the list a header opened has ended: prose again (会前，…推选…)
        source = partial(stream.source, text, section, start, end)  # built for the few sentences with facts
        found = _sentence_facts(stream, (start, end), section, source, mode, context, carried)
        facts.extend(found)
        carried = None
        if found and stream.chars[end : end + 1] in ("；", ";"):
            carried = "carry-remove" if found[-1].action == "remove" else "carry"
    return _distinct(facts)


def _sentence_facts(stream: Stream, span: tuple[int, int], section: Section, source: Callable[[], Source],
                    mode: str | None, context: _Context, carry: str | None = None) -> list[Appointment]:
    """The records of one sentence; 其 is the last person it named, notes go to the clause
    before, and "任命A为P1，B为P2" carries the appointment to the next clause."""
    records: list[Appointment] = []
    people: list[str] = []
    last = range(0)
    for start, end in spans(stream.chars, _CLAUSE_END, *span):
        clause = ENUMERATOR.sub("", stream.chars[start:end])
        note = NOTE.fullmatch(clause) or RETIREMENT.search(clause)
        if note and len(clause) <= len(note.group()) + 3:
            for i in last:
                records[i] = replace(records[i], note=note.group())
            continue
        known = _Context(context.known | set(people), context.starts, context.chars) if people else context
        parsed = _parse(clause, mode or carry, known)
        if parsed is None:
            continue
        carry = ("carry" if parsed.action == "appoint" else "carry-remove") if parsed.people else None
        people = parsed.people or people
        found = [
            Appointment(section.doc_number, person_, parsed.action, post.position,
                        parsed.organization or post.organization, post.title, parsed.implied, post.note, source())
            for person_ in people
            for post in posts(parsed.printed)
        ]
        last = range(len(records), len(records) + len(found))
        records.extend(found)
    return records


def _distinct(records: list[Appointment]) -> list[Fact]:
    """One record per event: a report that repeats its decisions in an appended list
    (任免名单), or a news report's subtitle, names each event twice."""
    seen: dict[tuple, Appointment] = {}
    for r in records:  # the unit as a headline shortens it (市政府) or the text prints it (青岛市人民政府)
        unit = re.sub(r"^.*?(?:省|市|区|县|州|旗)(?=.)", "", (r.organization or "").replace("人民政府", "政府"))
        key = (r.person, r.action, unit, r.title)
        if key not in seen or len(r.organization or "") > len(seen[key].organization or ""):
            seen[key] = r  # the fuller name of the unit
    return list(seen.values())

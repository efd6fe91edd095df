"""Posts, roles and personal names as official documents print them.

Appointments, member lists and person resolution all need to take
"虹口区人民检察院副检察长、检察委员会委员、检察员" apart into posts, to tell a
name from a post word, and to find the person in "区应急局局长陈君同志". The
words come from `ingest/data/titles.txt` and `roles.txt`; this module holds
the grammar around them:

- a post is an organisation followed by a post word, with optional
  prefixes (常务, 代理, 副, 一级) and a bracketed rank or note;
- in a list of posts joined by 、 a post that does not name a unit of its own
  (no jurisdiction, 中共 or 国家 at its start) belongs to the unit of the post
  before it: 副检察长、检察委员会委员 is 检察院检察委员会委员.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.lexicon import alternation, rows, words
from ingest.places import leading

_TITLE_PREFIXES = "常务|专职|执行|第一|代理|党组|党委|纪检|兼职"
TITLE = rf"(?:{_TITLE_PREFIXES})?副?(?:[一二三四]级)?(?:{alternation('titles')})"
TITLE_AT_END = re.compile(rf"{TITLE}$")
# The most characters TITLE matches (its longest prefix, 副, a rank, its longest post word): a post word
# ending a string starts within that many characters of its end (one more before a final newline, as $ allows).
_TITLE_WIDTH = max(map(len, _TITLE_PREFIXES.split("|"))) + len("副") + len("一级") + max(map(len, words("titles")))
_ROLE = rf"(?:办公室)?(?:常务|执行|第一)?副?(?:{alternation('roles')})"
ROLE = re.compile(rf"^{_ROLE}$")
# A role at the start of a string: a string none of whose prefixes is a role fails it at once.
ROLE_START = re.compile(rf"^{_ROLE}")
_UNIT_SUFFIX = re.compile(
    r"(?:委员会|管委会|办事处|办公室|办公厅|人民政府|政府|中心|街道|分局|支队|大队|局|厅|部|处|科|股|队"
    r"|所|院|站|馆|校|委|办|会|社|行|司|署|室|组|人大|政协)"
)
# A unit of its own: printed with a jurisdiction, a party or a national prefix.
# The head of a jurisdiction's government: a post of its own, not of the party committee before it.
GOVERNMENT_HEAD = re.compile(r"^(?:常务)?副?([省市区县州旗盟镇乡])长$")
_OWN_UNIT = re.compile(
    r"^(?:中共|中国|国家|全国|国务院|最高|[省市区县州旗盟镇乡]"
    r"|[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|自治旗|省|市|区|县|州|旗|盟|镇|乡|街道))"
)
# A role in a group printed without its group is not a post (组长 alone).
_GROUP_ROLE = re.compile(r"^(?:常务|执行)?副?(?:组长|总指挥|指挥长|成员|召集人)$")
# A court's or procuratorate's committee: the posts after it belong to the court (检察员).
# A committee of a court or of a standing committee: the next post printed after it is its sibling's
# (省人大常委会代表资格审查委员会主任委员、人事代表选举工作委员会主任 → 省人大常委会人事…).
_COMMITTEE = re.compile(r"(?<=院)(?:审判|检察)委员会$|(?:(?<=常委会)|(?<=常务委员会))[\u4e00-\u9fff]{2,16}?委员会$")
# A special committee (专门委员会) is the congress's, not its standing committee's: 省人大常委会委员、
# 内务司法委员会主任委员 → 省人大内务司法委员会; working committees (工作委员会) and 代表资格审查委员会
# are the standing committee's.
_STANDING = re.compile(r"(?:(?<=人大)|(?<=代表大会))(?:常委会|常务委员会)$")
_SPECIAL_COMMITTEE = re.compile(r"^(?!.*工作委员会$)(?!代表资格审查委员会$).{2,14}委员会$")
_COURT = re.compile(r".*?(?:人民法院|人民检察院|法院|检察院)")
_COURT_TITLES = ("审判员", "助理审判员", "检察员", "助理检察员", "人民陪审员")
_BRACKETED_TAIL = re.compile(r"[（(]([^（）()]*)[)）]$")
NOTE = re.compile(r"(?:试用期|聘期|任期)为?[一二三四五六七八九十半两\d]+个?(?:年|月|周年)|终止试用期|保留[\u4e00-\u9fff]{1,6}?(?:级|待遇)")
RETIREMENT = re.compile(r"办理(?:提前)?退休手续")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}$")
# 马正其 is a name, 其 alone a pronoun; 和 is in names (朱永和, 郑和平): 张三和李四 is too long for one
_NOT_IN_NAME = re.compile(rf"[的等各及与、]|^其|{TITLE}|同志|人员|单位")
_LIST_SEPARATOR = re.compile(r"[、，,]")
_COMRADES = re.compile(r"等[\d一二三四五六七八九十两]*(?:名|人|位)?同志$|等[\d一二三四五六七八九十两]+(?:名|人|位)$|同志$")


@lru_cache(maxsize=1 << 14)  # asked of the same few characters again and again (every clause's last two to four)
def is_name(s: str) -> bool:
    """A personal name as printed in official lists: 2-4 characters starting with a surname
    (请求, 会议 are no names), no post words; a name with · (艾尔肯·吐尔逊) needs no surname."""
    if not _NAME.match(s) or _NOT_IN_NAME.search(s) or s.endswith(("副", "代")):
        return False
    return "·" in s or "•" in s or s[:1] in _surnames() or s[:2] in _surnames()


@cache
def _surnames() -> frozenset[str]:
    return frozenset(words("surnames"))


def names(s: str) -> list[str] | None:
    """The names of "A、B、C同志" or "申永杰等3名同志" (the others are not named), else None."""
    listed = _names(s)
    return list(listed) if listed is not None else None


@lru_cache(maxsize=1 << 12)  # appointments ask it of every text before a verb (…任, …担任), boilerplate included
def _names(s: str) -> tuple[str, ...] | None:
    listed = tuple(_COMRADES.sub("", n) for n in _LIST_SEPARATOR.split(s))
    return listed if listed and all(is_name(n) for n in listed) else None


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
    m = title_at_end(core)
    if m:
        return core[: m.start()], m.group()
    units = [u for u in _UNIT_SUFFIX.finditer(core) if u.end() < len(core)]
    if units:
        return core[: units[-1].end()], core[units[-1].end() :]
    return "", core


def first_post(position: str) -> tuple[str, str]:
    """(organization, title) of the first post a position names (省委书记、省人大常委会主任
    → 省委, 书记): the one a person is listed under."""
    found = posts(position)
    return (found[0].organization, found[0].title) if found else split_position(position)


def title_at_end(s: str) -> re.Match[str] | None:
    """`TITLE_AT_END.search(s)`, tried only where a match can start: near the end, however long `s` is."""
    return TITLE_AT_END.search(s, max(0, len(s) - _TITLE_WIDTH - 1))


def ends_with_title(position: str) -> bool:
    return bool(title_at_end(strip_brackets(position)))


def person(s: str) -> tuple[str, str | None] | None:
    """(name, post) of "区应急局局长陈君同志", "金晖" with 同志, or None if no person is named."""
    s = s.removeprefix("由")
    comrade = s.endswith("同志")
    s = s.removesuffix("同志")
    for length in (3, 2, 4):
        name, post = s[-length:], s[:-length]
        if post and is_name(name) and title_at_end(post):
            return name, post
    return (s, None) if comrade and is_name(s) else None


# How a post printed right after a name starts: a jurisdiction, a party or state organ.
_NOT_POST_START = ("市场", "市政市容", "区域", "县域")
_POST_START = re.compile(r"^(?:中共|中国|国家|全国|[省市区县州旗盟镇乡]|党|团|政协|人大|街道|行署|地委|军分区|办公|总工会)")


def glued(s: str) -> tuple[str, str] | None:
    """(name, post) of "张弛市应急管理局局长", a member line whose spacing a PDF lost:
    the name is the 2-4 characters after which a post starts (a jurisdiction, an organ:
    not the 市场 of 市场监管局) and which it ends with; failing any such start, the
    three characters most names have."""
    def splits(length: int) -> tuple[str, str] | None:
        name, post = s[:length], s[length:]
        misread = post.startswith(_NOT_POST_START) and not post.startswith(_bodies_like_words())  # 市场监管总局 is one
        return (name, post) if is_name(name) and ends_with_title(post) and not misread else None

    # a name seldom ends in a jurisdiction's character: 孙雷 市市场监督管理局局长, not 孙雷市
    found = [(_post_start(f[1]), f[0][-1] not in "省市区县州旗盟镇乡", -order, f)
             for order, length in enumerate((3, 2, 4)) if (f := splits(length))]
    return max(found)[3] if found else None


@cache
def _bodies() -> tuple[str, ...]:
    """Every body the lexicons know, national ones also without their 国家 (能源局 of 国家能源局)."""
    bodies = [r[0] for r in rows("abbreviations")] + [r[1] for r in rows("abbreviations")]
    for full, others, _ in rows("national"):
        bodies += [full, full.removeprefix("国家"), *others.split(",")]
    return tuple(b for b in bodies if len(b) >= 2)


@cache
def _unit_starts() -> frozenset[str]:
    """The first two characters of every known body, to tell where a post begins after a name."""
    return frozenset(b[:2] for b in _bodies())


@cache
def _bodies_like_words() -> tuple[str, ...]:
    """Known bodies that start like words no post starts with (市场监管总局, not 市场)."""
    return tuple(b for b in _bodies() if b.startswith(_NOT_POST_START))


def _post_start(post: str) -> int:
    """How surely `post` begins the way posts do: 3 at a place the gazetteer knows, 2 at a
    jurisdiction or an organ (市…, 中共…) or at a post word alone (常务副市长), 1 at a
    body the lexicon knows (国务院…, 发展改革委…), else 0."""
    if leading(post) or re.match(r"团[省市区县]委", post):
        return 3  # a place the gazetteer knows (张勇广州市委… is 张勇, not 张勇广 with 州市委…), 团省委
    if _POST_START.match(post) or (len(post) > 2 and (m := title_at_end(post)) and m.start() == 0):
        return 2
    return int(post[:2] in _unit_starts())


def glued_run(s: str) -> list[tuple[str, str]]:
    """(name, post) of several members printed one after another with nothing between
    them (姜大明国土资源部部长丁向阳国务院副秘书长…, a web copy that lost its lines): the
    reading with the most members, each a name and a post ending in a post word, and
    among those the one whose posts start most like posts."""
    @cache
    def best(i: int) -> tuple[int, int, tuple[tuple[str, str], ...]] | None:
        if i == len(s):
            return 0, 0, ()
        found = None
        for length in (3, 2, 4):
            name = s[i: i + length]
            if not is_name(name):
                continue
            start = i + length
            for j in range(start + 2, min(len(s), start + 40) + 1):
                post = s[start:j]
                if not title_at_end(post) or (rest := best(j)) is None:
                    continue
                likely = _post_start(post)
                candidate = (rest[0] + 1, rest[1] + likely, ((name, post),) + rest[2])
                if found is None or candidate[:2] > found[:2]:
                    found = candidate
        return found

    parsed = best(0)
    return list(parsed[2]) if parsed else []


def glued_names(s: str) -> list[str]:
    """The names of members printed one after another with nothing between them (吴斌郑国强冯晓东陈刚:
    a PDF lost the spaces of 吴 斌 郑国强…): the reading whose names most start with a common
    surname; [] when `s` is not names alone."""
    common = _common_surnames()

    @cache
    def best(i: int) -> tuple[int, tuple[str, ...]] | None:
        if i == len(s):
            return 0, ()
        found = None
        for length in (3, 2):
            if is_name(name := s[i: i + length]) and (rest := best(i + length)) is not None:
                candidate = (rest[0] + (name[0] in common), (name,) + rest[1])
                if found is None or candidate[0] > found[0]:
                    found = candidate
        return found

    parsed = best(0) if 5 <= len(s) <= 60 else None
    return list(parsed[1]) if parsed else []


@cache
def _common_surnames() -> frozenset[str]:
    return frozenset(words("common_surnames"))


@dataclass(frozen=True)
class Post:
    position: str
    organization: str
    title: str
    note: str | None


def posts(printed: str) -> list[Post]:
    """The posts one clause names: "P1、P2" gives two, P2 in P1's unit unless it names its own."""
    printed = re.sub(r"(?:的)?职务$|人选$", "", printed)
    note = None
    if bracketed := re.search(rf"[（(]({NOTE.pattern})[)）]", printed):
        note = bracketed.group(1)
        printed = printed[: bracketed.start()] + printed[bracketed.end() :]
    pieces: list[str] = []
    buffer = ""
    for piece in printed.split("、"):
        buffer = f"{buffer}、{piece}" if buffer else piece
        if ends_with_title(buffer):
            pieces.append(buffer)
            buffer = ""
    if buffer:
        pieces.append(buffer)
    found: list[Post] = []
    base = ""  # the unit of the last post that named its own
    for piece in pieces:
        organization, title = split_position(piece)
        if organization.startswith("代理") and organization[2:]:  # 代理漳州市人民政府市长: the post is acting
            organization, title = organization[2:], "代理" + title
            piece = organization + title
        inside = organization.endswith(("委员会", "庭")) and not _OWN_UNIT.match(organization)
        heads_government = GOVERNMENT_HEAD.match(title) and "政府" not in base  # 省委副书记、省长
        if base and (not organization or inside) and not heads_government:
            court = _COURT.match(base) if title in _COURT_TITLES and not organization else None
            root = court.group() if court else base  # 审判员 is the court's, not its 民事审判第一庭's
            if _SPECIAL_COMMITTEE.match(organization):
                root = _STANDING.sub("", root)
            organization, piece = root + organization, root + piece
        else:
            base = _COMMITTEE.sub("", organization) or organization
        tail = _BRACKETED_TAIL.search(piece)
        kept = tail.group(1) if tail and tail.group(1).startswith("保留") else None
        found.append(Post(piece, organization, title, note or kept))
    return [p for p in found if p.title and p.organization != "办公室"
            and not (_GROUP_ROLE.match(p.title) and not p.organization)]

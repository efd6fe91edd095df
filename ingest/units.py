"""Resolve the printed names of government units to one name per real unit.

A Chinese unit name is built from three parts: a jurisdiction (北京市东城区,
or the bare level 区 meaning "the district of this document"), a body
(应急管理局, abbreviated 应急局; 人大常委会 with its session 十五届) and sometimes
a parent or a branch (市规划自然资源委东城分局). Matching is structural: the
jurisdiction is read with the national list of divisions (`ingest.places`)
and resolved against the issuer's own (or, in a report without an issuer,
the one place of that level the document prints); the body is expanded by
the standard short forms in `ingest/data/abbreviations.tsv`; national bodies
(`national.tsv`: 财政部, 国家发展改革委) belong to no jurisdiction. Two printed
forms name the same unit when both parts agree, and within one jurisdiction
also when the text says so (X（以下简称Y）), when a short form is the full
one's characters in order (区网格中心, 区网格化服务管理中心), or when a bare
body names the one body of its kind printed there (省联席会议). A short form
nobody lists stays as printed: a name is never invented. Every decision is
kept as a reason on the alias record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Iterator, Mapping, Sequence

from ingest import memberships, places as gazetteer
from ingest.facts import Appointment, Contact, Document, Fact, Membership, Responsibility, UnitAlias
from ingest.layout import squeeze
from ingest.lexicon import before, finditer_at, rows, starts, trie_pattern
from ingest.posts import GOVERNMENT_HEAD, first_post
from ingest.script import printed_like, simplified
from ingest.segment import DOC_ISSUER, DOC_NUMBER, DOC_SERIAL
from ingest.text import Text

# Units of a vertical system named after a district's short name (东城公安分局).
_VERTICAL = ("公安分局", "交通支队", "消防救援支队", "税务局", "海关", "法院", "检察院", "分局")
_LEVELS = "省市区县镇乡"
# A jurisdiction printed as its level alone: 区应急局, 自治区卫生健康委, 镇人民政府 (the issuer's own).
_BARE_LEVELS = ("自治区", "自治州", "自治县", "新区", "省", "市", "区", "县", "镇", "乡")
_NOT_LEVEL = ("市场", "市政市容", "区域", "县域", "省级", "市级", "区级", "县级", "市属", "区属", "乡村", "乡镇", "镇街",
              "区县", "县区", "市县", "省市")
# A town the issuer governs, which the list of divisions does not hold: 六景镇人民政府.
_TOWN = re.compile(r"(?:(?!人民|政府|中共)[\u4e00-\u9fff]){2,6}?(?:镇|乡|街道)(?=人民政府|政府|党委|办事处|人大|$)")
# Towns, streets and new areas that the list of divisions does not hold.
_PLACE = re.compile(r"(?:(?!人民|政府|中共)[^\W\d_和与及、的]){2,6}?(?:自治区|自治州|省|市|区|县|旗|盟)")
_NOT_PLACE_END = ("地区", "园区", "社区", "景区", "小区", "片区", "辖区", "校区", "港区")
_UNIT_END = re.compile(
    r"(局|委员会|委|办公室|办公厅|办|中心|支队|大队|分局|管委会|协会|政府|办事处|厅|部|院|所|站|队|会|处|科"
    r"|指挥部|小组|专班|联席会议|人大|政协|常委会)$"
)
_SESSION = re.compile(r"^第?[一二三四五六七八九十百零〇]+届")
# Bodies a document may name without the words that set them apart (省联席会议).
_GENERIC_BODIES = ("联席会议", "领导小组", "工作领导小组", "指挥部", "工作组", "工作专班", "专班", "协调小组")
_CPPCC = re.compile(r"^(?:中国人民政治协商会议|政协)(.{2,12}?(?:省|自治区|市|自治州|州|地区|盟|区|县|旗))委员会")
_PARTY = re.compile(r"^(?:中共|中国共产党)")


@cache
def _abbreviations() -> tuple[tuple[str, str], ...]:
    """(short, full) body forms, longest short form first."""
    return tuple(sorted(((r[0], r[1]) for r in rows("abbreviations")), key=lambda r: -len(r[0])))


@cache
def _national() -> dict[str, tuple[str, str]]:
    """Every printed form of a national body → (full name, English name)."""
    out: dict[str, tuple[str, str]] = {}
    for full, others, english in rows("national"):
        for form in (full, *filter(None, others.split(",")), f"中华人民共和国{full}"):
            out[form] = (full, english)
    return out


@cache
def _glosses() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r[0], r[1]) for r in rows("glosses")), key=lambda r: -len(r[0])))


@cache
def _national_last_characters() -> frozenset[str]:
    return frozenset(form[-1] for form in _national())


def _national_ending_at(text: str, end: int) -> str | None:
    """The national body printed just before position `end` of `text`."""
    if end < 2 or text[end - 1] not in _national_last_characters():
        return None  # most positions: no national body ends there
    national = _national()
    return next((text[end - k: end] for k in range(min(end, 20), 1, -1) if text[end - k: end] in national), None)


def _national_prefix(name: str) -> str | None:
    """The national body a name starts with (国家统计局福建调查总队 → 国家统计局)."""
    national = _national()
    for length in range(min(len(name), 20), 1, -1):
        if name[:length] in national:
            return name[:length]
    return None


@dataclass(frozen=True)
class UnitName:
    """A printed unit name taken apart: resolved jurisdiction, party flag, body."""

    places: tuple[str, ...]  # e.g. ("北京市", "东城区"); () when none is printed or the body is national
    printed_places: bool  # the jurisdiction is printed (区 counts), not inferred
    party: bool  # a party organ (中共…委员会, 区委宣传部)
    body: str  # the expanded body within the jurisdiction
    reasons: tuple[str, ...]
    national: bool = False

    @property
    def key(self) -> tuple[bool, tuple[str, ...], str]:
        """What two forms of one unit share: the body is compared without 和."""
        return self.party, self.places, self.body.replace("和", "")

    @property
    def canonical(self) -> str:
        jurisdiction = "".join(self.places)
        if self.national:
            return self.body
        if self.party:
            return f"中共{jurisdiction}委员会{self.body}"
        if self.body == "税务局" and jurisdiction:
            return f"国家税务总局{jurisdiction}税务局"
        if self.body == "公安分局" and len(self.places) >= 2:
            return f"{self.places[-2]}公安局{_short(self.places[-1])}分局"
        if self.body.startswith("政协") and jurisdiction:
            return f"政协{jurisdiction}委员会{self.body[2:]}"
        return jurisdiction + self.body


def _short(place: str) -> str:
    """A place name without its level: 东城区 → 东城, 北京市 → 北京."""
    for level in ("自治区", "自治州", "新区", "省", "市", "区", "县", "旗", "盟"):
        if place.endswith(level) and len(place) > len(level) + 1:
            return place[: -len(level)]
    return place


def _is_place(name: str, following: str = "") -> bool:
    """Whether a name ending in a level is a jurisdiction: one of the divisions, or
    (a town or new area) not 北京站地区 nor the 东花市 of 东花市街道."""
    if following.startswith(("街道", "大街", "路", "镇", "乡", "村", "社区")):
        return False
    if gazetteer.is_place(name):
        return True
    return not name.endswith(_NOT_PLACE_END) or name.endswith("新区")


def _place_at(rest: str) -> str | None:
    """The jurisdiction `rest` starts with: a division, else a town or area by pattern."""
    if known := gazetteer.leading(rest):
        return known
    m = _PLACE.match(rest)
    return m.group() if m and _is_place(m.group(), rest[m.end():]) and len(rest) > m.end() else None


@lru_cache(maxsize=4096)
def issuer_places(issuer: str | None) -> tuple[str, ...]:
    """The jurisdiction an issuer governs: 北京市东城区人民政府办公室 → (北京市, 东城区);
    a county printed alone gets its city from the list of divisions."""
    found: list[str] = []
    rest = _PARTY.sub("", simplified(squeeze(issuer or "")))
    if cppcc := _CPPCC.match(rest):
        rest = cppcc.group(1) + rest[cppcc.end():]
    while place := _place_at(rest) or ((town := _TOWN.match(rest)) and town.group()):
        found.append(place)
        rest = rest[len(place):]
    return gazetteer.complete(tuple(found))[0]


def _level_place(level: str, chain: tuple[str, ...]) -> tuple[str, ...] | None:
    """The issuer's chain down to its unit of `level` (区 → 北京市东城区), if any."""
    for i in range(len(chain) - 1, -1, -1):
        if chain[i].endswith(level) or (level == "区" and chain[i].endswith("县")):
            return chain[: i + 1]
    if level in ("省", "自治区", "市", "自治州") and chain and (places := gazetteer.lookup(chain[0])):
        above = gazetteer.parent(places[0])  # 自治区 in a report of 拉萨市 is 西藏自治区
        while above and not above.name.endswith(level):
            above = gazetteer.parent(above)
        return (above.name,) if above else None
    return None


def _jurisdiction(name: str, chain: tuple[str, ...]) -> tuple[tuple[str, ...], str, list[str]]:
    """(places, rest of the name, reasons) of the jurisdiction a name starts with."""
    level = next((lv for lv in _BARE_LEVELS if name.startswith(lv)), None)
    if level and len(name) > len(level) + 1 and not name.startswith(_NOT_LEVEL) and not gazetteer.leading(name):
        resolved = _level_place(level, chain)
        if resolved:
            return resolved, name[len(level):], [f"jurisdiction {level}→{''.join(resolved)} from issuer"]
        return (level,), name[len(level):], []
    found: list[str] = []
    reasons: list[str] = []
    rest = name
    while rest:
        own = next((i for i, p in enumerate(chain) if rest.startswith(p)), None)
        short = next((i for i, p in enumerate(chain) if _short(p) != p and rest.startswith(_short(p))
                      and rest[len(_short(p)):].startswith(_VERTICAL)), None)
        if own is not None:
            if own > 0 and not found:
                reasons.append(f"jurisdiction {chain[own]}→{''.join(chain[: own + 1])} from issuer")
            found, rest = list(chain[: own + 1]), rest[len(chain[own]):]
        elif short is not None:
            found = list(chain[: short + 1])
            rest = rest[len(_short(chain[short])):]
            reasons.append(f"jurisdiction {_short(chain[short])}→{''.join(found)} from issuer")
        elif (place := _place_at(rest)) and not set(found) & set(chain):
            known = gazetteer.lookup(place)  # 西藏 is 西藏自治区, when it names one division only
            found.append(known[0].name if len(known) == 1 else place)
            rest = rest[len(place):]
        else:
            break
    completed, why = gazetteer.complete(tuple(found))
    return completed, rest, reasons + ([why] if why else [])


def _expand(body: str) -> tuple[str, list[str]]:
    """The standard body of an abbreviated one, and why; an unknown one as printed."""
    for short, full in _abbreviations():
        if body.endswith(full):
            return body, []
        if body.endswith(short):
            return body[: -len(short)] + full, [f"abbreviation {short}={full}"]
    return body, []


def _split_compound(body: str) -> tuple[str, str]:
    """(parent, unit) of a unit printed after its parent (人力社保局社保中心)."""
    for m in re.finditer(r"局|委员会|委|办(?!公|事)", body):
        parent, unit = body[: m.end()], body[m.end():]
        if len(parent) >= 3 and len(unit) >= 3 and _UNIT_END.search(unit) and not unit.startswith(("员会", "办")):
            return parent, unit
    return "", body


def _government_body(rest: str) -> str:
    """The unit under a government printed with it (人民政府景山街道办事处 → 景山街道办事处)."""
    rest = rest.replace("人民政府", "政府")
    inner = rest.removeprefix("政府")
    return inner if inner and rest.startswith("政府") and not inner.startswith("办") else rest


@lru_cache(maxsize=65536)  # a gazette prints the same few hundred names over and over
def parse_unit(printed: str, issuer: str | None) -> UnitName:
    """Take a printed unit name apart in the jurisdiction of `issuer`."""
    chain = issuer_places(issuer)
    name = re.sub(r"[（(]([^（）()]*)[)）]$",
                  lambda m: "" if _UNIT_END.search(m.group(1)) else m.group(), simplified(squeeze(printed)))
    if (national := _national_prefix(name)) and not name.startswith("国家税务总局"):
        full, _ = _national()[national]
        return UnitName((), False, False, full + name[len(national):], (f"national body {national}={full}",), True)
    ministry = _national_prefix(simplified(squeeze(issuer or "")))
    if ministry and not chain and not gazetteer.leading(name) and name[:1] not in _LEVELS + "各中":
        full = _national()[ministry][0]  # 部运输服务司 in a document of 交通运输部: its own department
        return UnitName((), False, False, full + name.removeprefix("部"), (f"{name} is a unit of the issuing {full}",), True)
    party = bool(_PARTY.match(name))
    name = _PARTY.sub("", name).removeprefix("国家税务总局")
    if cppcc := _CPPCC.match(name):  # 政协西宁市委员会办公室 = 西宁市政协办公室
        name = cppcc.group(1) + "政协" + name[cppcc.end():]
    found, rest, reasons = _jurisdiction(name, chain)
    printed_places = bool(found)
    if not found and chain:
        found = chain
        reasons.append(f"jurisdiction {''.join(chain)} from issuer (none printed)")
    if session := _SESSION.match(rest):
        rest = rest[session.end():]
        reasons.append(f"session {session.group()} is the same body")
    if rest.startswith("委员会") and party:
        rest = rest[3:]
    elif rest.startswith("委") and found and not rest.startswith("委员会"):
        party, rest = True, rest[1:]
        reasons.append("区委/市委 is the party committee")
    rest = _government_body(rest)
    parent, unit = _split_compound(rest)
    body, why = _expand(unit)
    reasons += why
    if parent and unit.endswith("中心"):
        reasons.append(f"{unit} is a unit of its own, printed after its parent {parent}")
    elif parent:
        parent_body, parent_why = _expand(parent)
        body, reasons = parent_body + body, reasons + parent_why
    if not why and not parent and unit and not _UNIT_END.search(unit):
        reasons.append(f"{unit}: unknown form, kept as printed")
    body = re.sub(r"地区管理委员会$", "管理委员会", body)
    police = re.fullmatch(r"公安局(.{2,3})分局", body)
    if police and found and any(_short(p) == police.group(1) for p in chain[len(found):]):
        found, body = chain[: len(found) + 1], "公安分局"
    return UnitName(tuple(found), printed_places, party, body, tuple(reasons))


def is_collective(printed: str) -> bool:
    """各街道（地区）, 相关委办局: a set of units, not one unit."""
    return squeeze(printed).startswith(("各", "相关", "有关", "其他"))


def canonical_unit(printed: str, issuer: str | None) -> str:
    """The full official name of a printed unit, in the issuer's jurisdiction.

    区应急局 in a document of 北京市东城区人民政府 → 北京市东城区应急管理局.
    A collective (各街道（地区）) comes back as printed.
    """
    name = squeeze(printed)
    if not name or is_collective(name):
        return name
    return parse_unit(name, issuer).canonical


@lru_cache(maxsize=1 << 16)
def english_name(canonical: str) -> str:
    """English name from the standard glosses of jurisdictions and unit types (cached: the graph
    builder asks for a unit's name at every mention of it).

    北京市东城区应急管理局 → "Beijing 东城 District Emergency Management Bureau";
    place names below the provinces keep their characters (no romanisation
    table ships with the project).
    """
    rest = simplified(squeeze(canonical))
    if (national := _national_prefix(rest)) and rest == national:
        return _national()[national][1]
    party = bool(_PARTY.match(rest))
    rest = _PARTY.sub("", rest).removeprefix("国家税务总局")
    words: list[str] = ["CPC"] if party else []
    while (place := _place_at(rest)) and len(rest) > len(place):
        words.append(gazetteer.english(place) or _place_gloss(place))
        rest = rest[len(place):]
    if party and rest.startswith("委员会"):
        words.append("Committee")
        rest = rest[3:]
    literal = ""
    glosses = _glosses()
    while rest:
        gloss = next(((cn, en) for cn, en in glosses if len(cn) > 1 and rest.startswith(cn)), None)
        if gloss is None:
            literal, rest = literal + rest[0], rest[1:]
            continue
        words += [literal, gloss[1]]
        literal, rest = "", rest[len(gloss[0]):]
    words.append(literal)
    return " ".join(w for w in words if w)


_LEVEL_GLOSS = (("自治区", "Autonomous Region"), ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
                ("新区", "New Area"), ("地区", "Prefecture"), ("省", "Province"), ("市", "City"), ("区", "District"),
                ("县", "County"), ("旗", "Banner"))


def _place_gloss(place: str) -> str:
    """东城区 → 东城 District: the level in English, the name as printed."""
    for cn, en in _LEVEL_GLOSS:
        if place.endswith(cn) and len(place) > len(cn) + 1:
            return f"{place[: -len(cn)]} {en}"
    return place


# Bodies prose names without abbreviation, for finding unit mentions.
_PLAIN_BODIES = (
    "财政局", "商务局", "司法局", "民政局", "体育局", "园林绿化局", "审计局", "统计局", "水务局", "水利局",
    "生态环境局", "退役军人事务局", "民族宗教事务办公室", "公安局", "公安分局", "消防救援支队", "教育局",
    "农业农村局", "林业局", "自然资源局", "档案局", "税务局", "红十字会", "总工会", "政协", "政协办公室",
    "人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府办公厅", "政府", "行政公署",
    "联席会议", "领导小组", "指挥部", "常务委员会",
    # bodies since merged or renamed, which older documents name
    "文化局", "卫生局", "人事局", "劳动局", "交通局", "建设局", "规划局", "环境保护局", "环保局", "国土资源局",
    "工商行政管理局", "工商局", "质量技术监督局", "食品药品监督管理局", "安全生产监督管理局", "安监局",
    "广播电视局", "新闻出版局", "计划生育委员会", "人口和计划生育委员会", "物价局", "粮食局", "乡镇企业局",
)
_NEEDS_PREFIX = ("人民政府", "政府", "政府办公室", "政府办公厅", "人民政府办公室", "人民政府办公厅", "政协",
                 "政协办公室", "联席会议", "领导小组", "指挥部", "常务委员会", "人民代表大会", "人大")
_BARE_BEFORE = set("、，,。；;：:（(“《和与及或向由对在为至将同经请是")
_AREA_TYPE = re.compile("地区管理委员会|管理委员会|管委会|街道办事处")
_AREA_BODY = rf"(?:人民政府)?[\u4e00-\u9fff]{{2,6}}?(?:{_AREA_TYPE.pattern})"
# How far before its type word an area body begins: 2 to 6 characters of name, after 人民政府.
_AREA_REACH = range(2, 6 + len("人民政府") + 1)
_NUMERALS = "一二三四五六七八九十百"
_SESSION_PREFIX = re.compile(f"第?[{_NUMERALS}]+届")  # 十五届 人大常委会
# Where a session can begin, written so that the regex engine skips to its first character.
_SESSION_START = re.compile(f"[第{_NUMERALS}][{_NUMERALS}]*届")
_SUB_UNIT = r"[\u4e00-\u9fff]{2,4}?(?:中心|分局|大队|支队)"  # a unit printed after its parent (人力社保局社保中心)
# A short form in brackets after the name it abbreviates: 镇应急管理办公室（镇应急办）; the
# name's length (2 to 40 characters) is kept apart too, to find where one can begin.
_SHORT_IN_BRACKETS = re.compile(r"[（(]([\u4e00-\u9fff]{2,10}?(?:局|委|办|指|组|会|中心|院|所|队))[)）]")
_BRACKETED_SHORT = re.compile(rf"([\u4e00-\u9fff]{{2,40}}){_SHORT_IN_BRACKETS.pattern}")
_BRACKETED_NAME = range(2, 40 + 1)
# A short name declared after the name (2 to 60 characters): X（以下简称Y）.
_SHORTHAND_DECLARED = re.compile(r"[（(]以下简称[“\"]?([\u4e00-\u9fff]{2,15})[”\"]?[)）]")
_SHORTHAND = re.compile(rf"([\u4e00-\u9fff“”]{{2,60}}){_SHORTHAND_DECLARED.pattern}")
_SHORTHAND_NAME = range(2, 60 + 1)
_NUMBERS = re.compile(DOC_NUMBER)
_SERIALS = re.compile(DOC_SERIAL)


@cache
def _body_words() -> re.Pattern[str]:
    """Any body the lexicon lists, short or full, or prose names plainly."""
    return re.compile(trie_pattern({*(s for s, _ in _abbreviations()), *(f for _, f in _abbreviations()),
                                    *_PLAIN_BODIES, *_national()}))


@cache
def _body_pattern() -> re.Pattern[str]:
    body = _body_words().pattern
    return re.compile(rf"(?:{_SESSION_PREFIX.pattern})?(?:{_AREA_BODY}|{body})(?:{body}|{_SUB_UNIT})?")


def _bodies(text: str) -> Iterator[re.Match[str]]:
    """The unit bodies printed in `text` (`_body_pattern`), tried only where one can begin: at
    a session (十五届), a body word, or an area's name before its type word (管委会); tried at
    every character, they took a third of extraction."""
    positions = (*starts(_SESSION_START, text), *starts(_body_words(), text), *before(_AREA_TYPE, text, _AREA_REACH))
    return finditer_at(_body_pattern(), text, positions)


# A unit the lexicon does not list, printed after a bare level: 或区社保中心经办.
# The level is matched first, so that the regex engine skips from one to the next, and then
# what is printed before it: the start of the text or one of _BARE_BEFORE (not another character).
_LEVEL_UNIT = re.compile(rf"[省市区县](?<![^{''.join(sorted(_BARE_BEFORE))}的].)(?!场)[\u4e00-\u9fff]{{2,6}}?"
                         "(?:中心|局|委|办|支队|大队|协会)")


@cache
def _known_bodies() -> frozenset[str]:
    return frozenset({*(s for s, _ in _abbreviations()), *(f for _, f in _abbreviations()), *_PLAIN_BODIES})


def known_body_length(name: str) -> int:
    """The length of the longest body of the lexicon that `name` ends with (0 if none)."""
    bodies = _known_bodies()
    return next((k for k in range(min(len(name), 20), 1, -1) if simplified(name[-k:]) in bodies), 0)


def _prose_mentions(printed: str, text: str, issuer: str | None) -> list[str]:
    """Unit names printed in running text: a body with the jurisdiction printed before it
    (a division, the issuer's place or its short name, a bare level 区/市), if any.
    They are found in simplified characters (`text`) and cut from the text as printed."""
    chain = issuer_places(issuer)
    shorts = {_short(p) for p in chain if _short(p) != p}
    found: list[str] = []
    covered: set[int] = set()
    for m in _bodies(text):
        covered.update(range(m.start() - 1, m.end()))
        start = m.start()
        while True:  # the places printed before the body: 北京市东城区, 东城, 区
            if place := gazetteer.ending_at(text, start) or next(
                    (p for p in chain if text.startswith(p, start - len(p))), None):
                start -= len(place)
            elif short := next((s for s in shorts if text.startswith(s, start - len(s))), None):
                start -= len(short)
                break
            else:
                break
        if start == m.start() and text[start] != "场" and (
                level := next((lv for lv in _BARE_LEVELS if text.startswith(lv, start - len(lv))), None)) and (
                start - len(level) == 0 or text[start - len(level) - 1] not in _LEVELS + "各"):  # not 各区县政府
            start -= len(level)
        if national := _national_ending_at(text, start):
            start -= len(national)  # a unit of a national system: 国家税务总局北京市东城区税务局
        mention = text[start: m.end()]
        bare = start == m.start() and not _national_prefix(mention)
        if bare and (m.group().lstrip("第一二三四五六七八九十百届") in _NEEDS_PREFIX
                     or (start and text[start - 1] not in _BARE_BEFORE)):
            continue
        found.append(printed[start: m.end()])
    spans = [m.span() for m in _LEVEL_UNIT.finditer(text) if not covered & {m.start(), m.start() + 1}]
    spans += memberships.bodies_set_up(text)
    return found + [printed[a:b] for a, b in spans]


def _declared_shorthands(text: str) -> Iterator[re.Match[str]]:
    """X（以下简称Y） in `text`, tried only before a （以下简称, not at every character."""
    return finditer_at(_SHORTHAND, text, before(_SHORTHAND_DECLARED, text, _SHORTHAND_NAME))


def _bracketed_shorts(text: str) -> Iterator[re.Match[str]]:
    """镇应急管理办公室（镇应急办） in `text`, tried only before a short form in brackets."""
    return finditer_at(_BRACKETED_SHORT, text, before(_SHORT_IN_BRACKETS, text, _BRACKETED_NAME))


def _shorthands(printed: str, text: str, chain: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(full name, short name) pairs the text declares, as printed: X（以下简称Y）, or a
    short form in brackets after the name it abbreviates (镇应急管理办公室（镇应急办））;
    found in simplified characters (`text`)."""
    pairs = []
    for m in [*_declared_shorthands(text), *_bracketed_shorts(text)]:
        if m.group(2) in _GENERIC_BODIES:
            continue  # （以下简称领导小组）names the body within this text only: no form of its own
        end = m.end(1) - (2 if m.group(1).endswith("制度") else 0)  # 建立X联席会议制度（以下简称…）
        start = _name_start(text, m.start(1), end, m.group(2), chain)
        if start is not None:
            pairs.append((printed[start:end], printed[m.start(2): m.end(2)]))
    return pairs


def _name_start(text: str, start: int, end: int, short: str, chain: tuple[str, ...]) -> int | None:
    """Where the full name a 以下简称 declares begins: at the first place printed before it
    (决定成立秦皇岛市…指挥部), else where the short form's first character is (报经济发展局
    …经发局), as long as the short form's characters follow in order."""
    body = short.lstrip(_LEVELS).removeprefix("自治区").removeprefix("地区") or short
    positions = range(start, end - 2)
    candidates = [i for i in positions if gazetteer.leading(text[i:end]) or text.startswith(chain, i)]
    candidates += [i - (i > start and text[i - 1] in _LEVELS) for i in positions if text[i] == body[0]]
    candidates += [i for i in positions if text[i] == short[0] and text[i] in _LEVELS]
    for i in candidates:
        full = text[i:end].strip("“”")
        chars = iter(full)
        if _UNIT_END.search(full) and len(full) >= 3 and all(c in chars for c in body):
            return i + (1 if text[i] == "“" else 0)
    return None


def _position_unit(position: str | None) -> str | None:
    """The unit part of a post (区应急局局长 → 区应急局), if it names one; a government's
    head printed bare (常务副区长) is of the government of that level (区政府), which the
    issuer places (北京市东城区人民政府)."""
    if not position:
        return None
    unit, title = first_post(squeeze(position))
    if not unit and (head := GOVERNMENT_HEAD.match(title)) and head.group(1) in "省市区县州旗":
        return f"{head.group(1)}政府"
    return unit if _UNIT_END.search(unit) and len(unit) > 2 else None


def _printed_units(fact: Fact) -> list[str]:
    if isinstance(fact, Responsibility):
        return list(fact.units)
    if isinstance(fact, Contact):
        return [fact.unit] if fact.unit else []
    if isinstance(fact, Appointment):
        return [fact.organization] if fact.organization else []
    if isinstance(fact, Membership):
        return [u for u in (_position_unit(fact.position), fact.group) if u]
    return []


def _home(text: str) -> str | None:
    """The jurisdiction of a document that prints no issuer: the one division of the
    lowest level its unit names print (a district report names its district); `text` in
    simplified characters."""
    levels: dict[str, set[str]] = defaultdict(set)
    for m in _bodies(text):
        if place := gazetteer.ending_at(text, m.start()):
            levels[gazetteer.lookup(place)[0].level].add(place)
    for level in ("county", "prefecture", "province"):
        if len(levels[level]) == 1:
            return next(iter(levels[level]))
    return None


def _blank_numbers(text: str) -> str:
    """`text` with its document numbers (国办函〔2022〕33号) blanked, each tried only before a
    year and serial (〔2022〕33号), not at every character."""
    out, at = [], 0
    for m in finditer_at(_NUMBERS, text, before(_SERIALS, text, DOC_ISSUER)):
        out += [text[at: m.start()], "\u3000" * (m.end() - m.start())]
        at = m.end()
    return "".join(out) + text[at:]


@dataclass(frozen=True)
class Prose:
    """What resolution needs of a file's text, read from it where the file is extracted (in a
    worker process), so that resolving many files together needs their facts and not their
    texts: the jurisdiction each document is read in, the unit names its running text prints,
    and the short names it declares."""

    issuers: tuple[tuple[str | None, str | None], ...] = ()  # (doc id, the issuer or home units are read in)
    forms: tuple[tuple[str, str | None], ...] = ()  # (printed unit, issuer)
    shorthands: tuple[tuple[str, str, str | None], ...] = ()  # (full, short, issuer) declared by 以下简称


def read_prose(facts: Sequence[Fact], text: Text | None) -> Prose:
    """The `Prose` of the documents among `facts`, all of one file, printed in `text` (its lines
    without furniture, `layout.clean`); without a text, only their issuers."""
    documents = [f for f in facts if isinstance(f, Document)]
    opening = min((d.source.line_start for d in documents), default=0)  # the file's first document
    issuers: list[tuple[str | None, str | None]] = []
    forms: list[tuple[str, str | None]] = []
    shorthands: list[tuple[str, str, str | None]] = []
    for d in documents:
        # the gazette's masthead, above its first document, is read with that document
        start = 1 if opening == d.source.line_start else d.source.line_start
        lines = text.lines[start - 1: d.source.line_end] if text else ()
        # a number (国办函〔2022〕33号) names no unit; the lines keep it from reaching into the masthead
        prose = _blank_numbers("\n".join(squeeze(line) for line in lines)).replace("\n", "")
        text_s = simplified(prose)  # what the three readers below search, converted once
        issuer = d.issuer if issuer_places(d.issuer) else (_home(text_s) or d.issuer)
        issuers.append((d.doc_id, issuer))
        forms += [(d.issuer, issuer)] if d.issuer and squeeze(d.issuer) in prose else []  # printed, not inferred
        forms += [(m, issuer) for m in _prose_mentions(prose, text_s, issuer)]
        shorthands += [(full, short, issuer) for full, short in _shorthands(prose, text_s, issuer_places(issuer))]
    return Prose(tuple(issuers), tuple(dict.fromkeys(forms)), tuple(shorthands))  # resolution reads each form once


@dataclass(frozen=True)
class _Mentions:
    forms: list[tuple[str, str | None]]  # (printed unit, issuer or home jurisdiction)
    shorthands: list[tuple[str, str, str | None]]  # (full, short, issuer) declared by 以下简称
    issuers: dict[str | None, str | None]  # doc id → the issuer (or home) units are read in


def _mentions(facts: list[Fact], prose: Mapping[str, Prose]) -> _Mentions:
    """Every (printed unit, issuer) in the facts and in the documents' prose, file by file."""
    by_file: dict[str, list[Fact]] = {}
    for f in facts:
        if isinstance(f, Document):
            by_file.setdefault(f.source.file, []).append(f)
    forms: list[tuple[str, str | None]] = []
    shorthands: list[tuple[str, str, str | None]] = []
    issuers: dict[str | None, str | None] = {}
    for file, documents in by_file.items():
        read = prose.get(file) or read_prose(documents, None)
        issuers.update(read.issuers)
        forms += read.forms
        shorthands += read.shorthands
    for f in facts:
        if not isinstance(f, Document):
            forms += [(u, issuers.get(f.doc_id)) for u in _printed_units(f)]
    forms += [(form, issuer) for full, short, issuer in shorthands for form in (full, short)]
    return _Mentions([(squeeze(u), i) for u, i in forms if u and not is_collective(u)], shorthands, issuers)


def _resolve_bare(parsed: dict[tuple[str, str | None], UnitName]) -> dict[tuple[str, str | None], UnitName]:
    """A name printed without jurisdiction is the nearest unit of that body printed
    with one, from the issuer's own level upward; else the issuer's own."""
    printed = {(u.party, u.places, u.key[2]) for u in parsed.values() if u.printed_places}
    out = {}
    for (form, issuer), u in parsed.items():
        if not u.printed_places and not u.national:
            chain = issuer_places(issuer)
            for depth in range(len(chain), 0, -1):
                if (u.party, chain[:depth], u.key[2]) in printed:
                    if depth != len(chain):
                        u = replace(u, places=chain[:depth], reasons=u.reasons + (
                            f"{form} printed without jurisdiction = the unit of {''.join(chain[:depth])} named in full",))
                    break
        out[(form, issuer)] = u
    return out


def _is_abbreviation(short: str, full: str) -> bool:
    """短 is an abbreviation of 全: its characters in order, the same first character, its
    last character in the full name's type word, and not simply a part of it."""
    if full in (short + "公室", short + "员会") and short.endswith(("办", "委")):
        return True  # 金融服务办 = 金融服务办公室, 城管委 = 城管委员会
    if not short or len(short) >= len(full) or short[0] != full[0] or short in full or short[-1] not in full[-3:]:
        return False
    chars = iter(full)
    return all(c in chars for c in short)


class _Groups:
    """Printed forms grouped by unit; groups joined by the rules that read a document."""

    def __init__(self, parsed: dict[tuple[str, str | None], UnitName]):
        self.forms: dict[tuple, dict[str, UnitName]] = defaultdict(dict)
        for (form, _), u in parsed.items():
            self.forms[u.key].setdefault(form, u)
        self.parent = {key: key for key in self.forms}
        self.why: dict[tuple, list[str]] = defaultdict(list)

    def root(self, key: tuple) -> tuple:
        while self.parent[key] != key:
            key = self.parent[key]
        return key

    def join(self, a: tuple, b: tuple, why: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[rb] = ra
            self.why[ra] += self.why.pop(rb, []) + [why]

    def join_within_jurisdictions(self) -> None:
        """Short forms and bare generic bodies joined to the one full unit they name."""
        by_place: dict[tuple, list[tuple]] = defaultdict(list)
        for key in self.forms:
            by_place[key[:2]].append(key)
        for keys in by_place.values():
            for short in sorted(keys, key=lambda k: -len(k[2])):  # 金融服务办 joins 金融服务办公室 before 金融办 does
                body = short[2]
                fulls = [k for k in keys if k != short and _is_abbreviation(body, k[2])]
                if len({self.root(k) for k in fulls}) == 1:
                    self.join(fulls[0], short, f"{body} is the short form of {fulls[0][2]} (characters in order)")
                if body in _GENERIC_BODIES:
                    named = [k for k in keys if k != short and k[2].endswith(body)]
                    if len(named) == 1:
                        self.join(named[0], short, f"{body} names the one {body} of {''.join(short[1])}")

    def canonical(self, root: tuple) -> str:
        """A printed full name (jurisdiction printed, no abbreviation, no session) of the
        unit, else the one built from its parts."""
        forms = {f: u for key in self.forms if self.root(key) == root for f, u in self.forms[key].items()}
        full = [f for f, u in forms.items()
                if (u.printed_places or u.national)
                and not any(r.startswith(("abbreviation", "jurisdiction", "session", "national body"))
                            and not (u.national and f == u.body) for r in u.reasons)
                and (u.national or f.startswith(u.places[0]))]
        return max(full, key=len) if full else printed_like(forms[next(iter(self.forms[root]))].canonical, list(forms))

    def members(self) -> dict[tuple, list[tuple]]:
        out: dict[tuple, list[tuple]] = defaultdict(list)
        for key in self.forms:
            out[self.root(key)].append(key)
        return out


def resolve(facts: list[Fact], prose: Mapping[str, Prose]) -> list[Fact]:
    """Fill the canonical units of every fact and add one UnitAlias per unit printed in several forms.

    `prose` (file → `Prose`) lets units named only in running prose join their aliases.
    """
    mentions = _mentions(facts, prose)
    parsed = _resolve_bare({(form, issuer): parse_unit(form, issuer) for form, issuer in mentions.forms})
    groups = _Groups(parsed)
    for full, short, issuer in mentions.shorthands:
        groups.join(parsed[(squeeze(full), issuer)].key, parsed[(squeeze(short), issuer)].key,
                    f"{short} is declared the short name of {full} (以下简称)")
    groups.join_within_jurisdictions()
    members = groups.members()
    names = {key: groups.canonical(root) for root, keys in members.items() for key in keys}

    def unit_id(printed: str | None, doc_id: str | None) -> str | None:
        if not printed:
            return None
        form, issuer = squeeze(printed), mentions.issuers.get(doc_id)
        if is_collective(form):
            return form
        u = parsed.get((form, issuer)) or parse_unit(form, issuer)
        return names.get(u.key, u.canonical)

    out: list[Fact] = []
    for f in facts:
        if isinstance(f, Responsibility):
            f = replace(f, unit_ids=tuple(unit_id(u, f.doc_id) or u for u in f.units),
                        lead_id=unit_id(f.lead, f.doc_id))
        elif isinstance(f, Contact):
            f = replace(f, unit_id=unit_id(f.unit, f.doc_id))
        elif isinstance(f, Appointment):
            f = replace(f, unit_id=unit_id(f.organization, f.doc_id))
        elif isinstance(f, Membership):
            f = replace(f, unit_id=unit_id(_position_unit(f.position), f.doc_id))
        out.append(f)
    for root, keys in members.items():
        forms = tuple(dict.fromkeys(form for key in keys for form in groups.forms[key]))
        if len(forms) >= 2:
            reasons = tuple(dict.fromkeys([r for key in keys for u in groups.forms[key].values() for r in u.reasons]
                                          + groups.why.get(root, [])))
            out.append(UnitAlias(names[root], forms, english_name(names[root]), reasons))
    return out

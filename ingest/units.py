"""Resolve the printed names of government units to one name per real unit.

A Chinese unit name is built from three parts: a jurisdiction (北京市东城区,
or the bare level 区 meaning "the district that issued this document"), a
body (应急管理局, abbreviated 应急局) and sometimes a parent or a branch
(市规划自然资源委东城分局). Matching is structural: the jurisdiction is
resolved against the issuer's own jurisdiction, the body is expanded through
the standard abbreviations of unit names, and two printed forms name the same
unit when both parts agree. No name of a particular gazette is listed here.

The table expands to the national standard names; 住建委 becomes
住房和城乡建设委员会 everywhere (Beijing's districts print 住房和城市建设委员会,
which is kept as the canonical name when a document prints it in full).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping

from ingest.facts import (
    Appointment, Contact, Document, Fact, Membership, Responsibility, UnitAlias,
)
from ingest.segment import squeeze
from ingest.text import Text

# Abbreviated body → standard body. Longest keys are tried first, on the whole
# body or on its end (区城市管理委 → …城市管理委员会).
ABBREVIATIONS: dict[str, str] = {
    "应急局": "应急管理局",
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "发展改革局": "发展和改革局",
    "住建委": "住房和城乡建设委员会",
    "住房城乡建设委": "住房和城乡建设委员会",
    "住房城市建设委": "住房和城乡建设委员会",
    "住房和城市建设委员会": "住房和城乡建设委员会",
    "住建局": "住房和城乡建设局",
    "住房城乡建设局": "住房和城乡建设局",
    "卫健委": "卫生健康委员会",
    "卫生健康委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "人社局": "人力资源和社会保障局",
    "人力社保局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅",
    "人力资源社会保障厅": "人力资源和社会保障厅",
    "科信局": "科学技术和信息化局",
    "科技和信息化局": "科学技术和信息化局",
    "科技信息化局": "科学技术和信息化局",
    "科技局": "科学技术局",
    "科技厅": "科学技术厅",
    "经信局": "经济和信息化局",
    "经信委": "经济和信息化委员会",
    "工信局": "工业和信息化局",
    "工信厅": "工业和信息化厅",
    "城管委": "城市管理委员会",
    "城市管理委": "城市管理委员会",
    "城管局": "城市管理局",
    "城管执法局": "城市管理综合行政执法局",
    "市场监管局": "市场监督管理局",
    "市场监管委": "市场监督管理委员会",
    "文旅局": "文化和旅游局",
    "文化旅游局": "文化和旅游局",
    "文旅厅": "文化和旅游厅",
    "文广旅局": "文化广电旅游局",
    "文广旅体局": "文化广电旅游体育局",
    "国资委": "国有资产监督管理委员会",
    "金融办": "金融服务办公室",
    "金融服务办": "金融服务办公室",
    "金融局": "地方金融监督管理局",
    "政务服务局": "政务服务管理局",
    "政数局": "政务服务和数据管理局",
    "网格中心": "网格化服务管理中心",
    "教委": "教育委员会",
    "教育委": "教育委员会",
    "教育厅": "教育厅",
    "人防办": "人民防空办公室",
    "规划自然资源委": "规划和自然资源委员会",
    "规自委": "规划和自然资源委员会",
    "资规局": "自然资源和规划局",
    "自然资源规划局": "自然资源和规划局",
    "规划资源局": "规划和自然资源局",
    "环保局": "环境保护局",
    "生态环境委": "生态环境委员会",
    "民宗办": "民族宗教事务办公室",
    "民宗委": "民族宗教事务委员会",
    "民族宗教办": "民族宗教事务办公室",
    "退役军人局": "退役军人事务局",
    "医保局": "医疗保障局",
    "安委会": "安全生产委员会",
    "安委办": "安全生产委员会办公室",
    "社保中心": "社会保险基金管理中心",
    "律协": "律师协会",
    "编办": "机构编制委员会办公室",
    "文促中心": "文化发展促进中心",
    "疾控中心": "疾病预防控制中心",
    "环卫中心": "环境卫生服务中心",
    "交通委": "交通委员会",
    "交通局": "交通运输局",
    "交通厅": "交通运输厅",
    "农业农村委": "农业农村委员会",
    "农委": "农村工作委员会",
    "房管局": "房屋管理局",
    "水务局": "水务局",
    "统计局": "统计局",
    "管委会": "管理委员会",
    "大数据局": "大数据管理局",
    "信访办": "信访办公室",
    "外办": "外事办公室",
    "侨办": "侨务办公室",
    "台办": "台湾事务办公室",
    "研究室": "研究室",
    "政府办公室": "人民政府办公室",
    "政府办公厅": "人民政府办公厅",
    "政府办": "人民政府办公室",
    "政府": "人民政府",
    "纪委监委": "纪律检查委员会监察委员会",
}
_ABBREVIATIONS = sorted(ABBREVIATIONS.items(), key=lambda kv: -len(kv[0]))

# Bodies that hang under the government of their jurisdiction in full names.
_UNDER_GOVERNMENT = ("国有资产监督管理委员会", "街道办事处", "地区管理委员会")
# Units of a vertical system named after a district's short name (东城公安分局).
_VERTICAL = ("公安分局", "交通支队", "消防救援支队", "税务局", "海关", "法院", "检察院", "分局")
_LEVELS = "省市区县"
_NOT_LEVEL = ("市场", "市政市容", "区域", "县域", "省级", "市级", "区级", "县级", "市属", "区属")
_PLACE = re.compile(r"(?:(?!人民|政府|中共)[^\W\d_和与及、的]){2,6}?(?:自治区|自治州|省|市|区|县|旗|盟)")
_NOT_PLACE_END = ("地区", "园区", "社区", "景区", "小区", "片区", "辖区", "校区", "港区")
_UNIT_END = re.compile(
    r"(局|委员会|委|办公室|办公厅|办|中心|支队|大队|分局|管委会|协会|政府|办事处|厅|部|院|所|站|队|会|处|科)$"
)


@dataclass(frozen=True)
class UnitName:
    """A printed unit name taken apart: resolved jurisdiction, party flag, body."""

    places: tuple[str, ...]  # e.g. ("北京市", "东城区"); () when none is printed
    printed_places: bool  # the jurisdiction is printed (区 counts), not inferred
    party: bool  # a party organ (中共…委员会, 区委宣传部)
    body: str  # the expanded body within the jurisdiction
    reasons: tuple[str, ...]

    @property
    def key(self) -> tuple[bool, tuple[str, ...], str]:
        """What two forms of one unit share: the body is compared without 和."""
        return self.party, self.places, self.body.replace("和", "")

    @property
    def canonical(self) -> str:
        jurisdiction = "".join(self.places)
        if self.party:
            return f"中共{jurisdiction}委员会{self.body}"
        if self.body == "税务局" and jurisdiction:
            return f"国家税务总局{jurisdiction}税务局"
        if self.body == "公安分局" and len(self.places) >= 2:
            return f"{self.places[-2]}公安局{_short(self.places[-1])}分局"
        return jurisdiction + self.body


def _short(place: str) -> str:
    """A place name without its level: 东城区 → 东城, 北京市 → 北京."""
    for level in ("自治区", "自治州", "新区", "省", "市", "区", "县", "旗", "盟"):
        if place.endswith(level) and len(place) > len(level) + 1:
            return place[: -len(level)]
    return place


@lru_cache(maxsize=4096)
def issuer_places(issuer: str | None) -> tuple[str, ...]:
    """The jurisdiction an issuer governs: 北京市东城区人民政府办公室 → (北京市, 东城区)."""
    places: list[str] = []
    rest = squeeze(issuer or "")
    if rest.startswith("中共"):
        rest = rest[2:]
    while m := _PLACE.match(rest):
        if not _is_place(m.group()):
            break
        places.append(m.group())
        rest = rest[m.end():]
    return tuple(places)


def _level_place(level: str, chain: tuple[str, ...]) -> tuple[str, ...] | None:
    """The issuer's chain down to its unit of `level` (区 → 北京市东城区), if any."""
    for i in range(len(chain) - 1, -1, -1):
        if chain[i].endswith(level) or (level == "区" and chain[i].endswith("县")):
            return chain[: i + 1]
    return None


def _is_place(name: str, following: str = "") -> bool:
    """Whether a name ending in a level is a jurisdiction: not 北京站地区, not the
    东花市 of 东花市街道 (a street or town named after a market)."""
    if following.startswith(("街道", "大街", "路", "镇", "乡", "村", "社区")):
        return False
    return not name.endswith(_NOT_PLACE_END) or name.endswith("新区")


def _jurisdiction(name: str, chain: tuple[str, ...]) -> tuple[tuple[str, ...], str, list[str]]:
    """(places, rest of the name, reasons) of the jurisdiction a name starts with."""
    if name[:1] in _LEVELS and len(name) > 2 and not name.startswith(_NOT_LEVEL):
        resolved = _level_place(name[0], chain)
        if resolved:
            return resolved, name[1:], [f"jurisdiction {name[0]}→{''.join(resolved)} from issuer"]
        return (name[0],), name[1:], []
    places: list[str] = []
    reasons: list[str] = []
    rest = name
    while rest:
        own = next((i for i, p in enumerate(chain) if rest.startswith(p)), None)
        short = next((i for i, p in enumerate(chain) if _short(p) != p and rest.startswith(_short(p))
                      and rest[len(_short(p)):].startswith(_VERTICAL)), None)
        m = _PLACE.match(rest)
        if own is not None:
            if own > 0 and not places:
                reasons.append(f"jurisdiction {chain[own]}→{''.join(chain[: own + 1])} from issuer")
            places, rest = list(chain[: own + 1]), rest[len(chain[own]):]
        elif short is not None:
            places = list(chain[: short + 1])
            rest = rest[len(_short(chain[short])):]
            reasons.append(f"jurisdiction {_short(chain[short])}→{''.join(places)} from issuer")
        elif m and _is_place(m.group(), rest[m.end():]) and len(rest) > m.end() and not set(places) & set(chain):
            places.append(m.group())
            rest = rest[m.end():]
        else:
            break
    return tuple(places), rest, reasons


def _expand(body: str) -> tuple[str, list[str]]:
    """The standard body of an abbreviated one, and why."""
    for short, full in _ABBREVIATIONS:
        if body.endswith(short) and short != full:
            return body[: -len(short)] + full, [f"abbreviation {short}={full}"]
    if body.endswith("委"):
        return body + "员会", ["unit type 委=委员会"]
    if body.endswith("办"):
        return body + "公室", ["unit type 办=办公室"]
    return body, []


def _split_compound(body: str) -> tuple[str, str]:
    """(parent, unit) of a unit printed after its parent (人力社保局社保中心)."""
    for m in re.finditer(r"局|委员会|委|办(?!公|事)", body):
        parent, unit = body[: m.end()], body[m.end():]
        if len(parent) >= 3 and len(unit) >= 3 and _UNIT_END.search(unit):
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
                  lambda m: "" if _UNIT_END.search(m.group(1)) else m.group(), squeeze(printed))
    party = name.startswith("中共")
    name = name.removeprefix("中共").removeprefix("国家税务总局")
    places, rest, reasons = _jurisdiction(name, chain)
    printed_places = bool(places)
    if not places and chain:
        places = chain
        reasons.append(f"jurisdiction {''.join(chain)} from issuer (none printed)")
    if rest.startswith("委员会") and party:
        rest = rest[3:]
    elif rest.startswith("委") and places:
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
    area = unit.endswith(("管委会", "地区管理委员会"))
    body = re.sub(r"地区管理委员会$", "管理委员会", body)
    if (area or body.endswith(_UNDER_GOVERNMENT)) and not body.startswith("人民政府"):
        body = "人民政府" + body
    police = re.fullmatch(r"公安局(.{2,3})分局", body)
    if police and places and any(_short(p) == police.group(1) for p in chain[len(places):]):
        places, body = chain[: len(places) + 1], "公安分局"
    return UnitName(tuple(places), printed_places, party, body, tuple(reasons))


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


# Standard English glosses of unit bodies and unit types, longest first.
_GLOSSES: dict[str, str] = {
    "人民政府办公室": "General Office of the People's Government",
    "人民政府办公厅": "General Office of the People's Government",
    "人民政府": "People's Government",
    "应急管理局": "Emergency Management Bureau",
    "发展和改革委员会": "Development and Reform Commission",
    "发展和改革局": "Development and Reform Bureau",
    "住房和城乡建设委员会": "Housing and Urban-Rural Development Commission",
    "住房和城市建设委员会": "Housing and Urban Development Commission",
    "住房和城乡建设局": "Housing and Urban-Rural Development Bureau",
    "卫生健康委员会": "Health Commission",
    "人力资源和社会保障局": "Human Resources and Social Security Bureau",
    "科学技术和信息化局": "Science, Technology and Information Technology Bureau",
    "科学技术局": "Science and Technology Bureau",
    "经济和信息化局": "Economy and Information Technology Bureau",
    "城市管理委员会": "Urban Management Commission",
    "城市管理综合行政执法局": "Urban Management Comprehensive Law Enforcement Bureau",
    "市场监督管理局": "Administration for Market Regulation",
    "文化和旅游局": "Culture and Tourism Bureau",
    "国有资产监督管理委员会": "State-owned Assets Supervision and Administration Commission",
    "金融服务办公室": "Financial Services Office",
    "地方金融监督管理局": "Local Financial Supervision and Administration Bureau",
    "政务服务管理局": "Government Services Administration Bureau",
    "网格化服务管理中心": "Grid-based Service Management Center",
    "教育委员会": "Education Commission",
    "教育局": "Education Bureau",
    "人民防空办公室": "Civil Air Defense Office",
    "规划和自然资源委员会": "Planning and Natural Resources Commission",
    "自然资源和规划局": "Natural Resources and Planning Bureau",
    "生态环境局": "Ecology and Environment Bureau",
    "民族宗教事务办公室": "Ethnic and Religious Affairs Office",
    "退役军人事务局": "Veterans Affairs Bureau",
    "医疗保障局": "Healthcare Security Bureau",
    "安全生产委员会": "Work Safety Committee",
    "社会保险基金管理中心": "Social Insurance Fund Management Center",
    "律师协会": "Lawyers Association",
    "机构编制委员会办公室": "Commission Office for Public Sector Reform",
    "疾病预防控制中心": "Center for Disease Control and Prevention",
    "交通委员会": "Transport Commission",
    "交通运输局": "Transport Bureau",
    "公安分局": "Public Security Sub-bureau",
    "公安局": "Public Security Bureau",
    "消防救援支队": "Fire and Rescue Detachment",
    "交通支队": "Traffic Police Detachment",
    "街道办事处": "Subdistrict Office",
    "管理委员会": "Administrative Committee",
    "财政局": "Finance Bureau",
    "商务局": "Commerce Bureau",
    "司法局": "Justice Bureau",
    "民政局": "Civil Affairs Bureau",
    "体育局": "Sports Bureau",
    "园林绿化局": "Landscaping and Greening Bureau",
    "统计局": "Statistics Bureau",
    "审计局": "Audit Bureau",
    "水务局": "Water Affairs Bureau",
    "税务局": "Taxation Bureau",
    "宣传部": "Publicity Department",
    "组织部": "Organization Department",
    "检察院": "People's Procuratorate",
    "法院": "People's Court",
    "红十字会": "Red Cross Society",
    "委员会": "Commission",
    "办公室": "Office",
    "办公厅": "General Office",
    "分局": "Sub-bureau",
    "支队": "Detachment",
    "大队": "Brigade",
    "中心": "Center",
    "协会": "Association",
    "局": "Bureau",
    "厅": "Department",
    "部": "Department",
}
_GLOSS_ORDER = sorted(_GLOSSES, key=len, reverse=True)
_PROVINCES = {
    "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai", "重庆": "Chongqing", "河北": "Hebei",
    "山西": "Shanxi", "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong",
    "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "海南": "Hainan",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "台湾": "Taiwan", "内蒙古": "Inner Mongolia", "广西": "Guangxi",
    "西藏": "Tibet", "宁夏": "Ningxia", "新疆": "Xinjiang", "香港": "Hong Kong", "澳门": "Macao",
}
_LEVEL_GLOSS = (("自治区", "Autonomous Region"), ("自治州", "Autonomous Prefecture"), ("新区", "New Area"),
                ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "County"), ("旗", "Banner"))


def _place_gloss(place: str) -> str:
    """北京市 → Beijing, 东城区 → 东城 District (names outside the provinces stay Chinese)."""
    stem = _short(place)
    if stem in _PROVINCES:
        return _PROVINCES[stem]
    level = next((en for cn, en in _LEVEL_GLOSS if place.endswith(cn) and stem != place), "")
    return f"{stem} {level}".strip()


def english_name(canonical: str) -> str:
    """English name from the standard glosses of jurisdictions and unit types.

    北京市东城区应急管理局 → "Beijing 东城 District Emergency Management Bureau";
    place names below the provinces keep their characters (no romanisation
    table ships with the project).
    """
    rest = squeeze(canonical)
    party = rest.startswith("中共")
    rest = rest.removeprefix("中共").removeprefix("国家税务总局")
    words: list[str] = ["CPC"] if party else []
    while (m := _PLACE.match(rest)) and _is_place(m.group()) and len(rest) > m.end():
        words.append(_place_gloss(m.group()))
        rest = rest[m.end():]
    if party and rest.startswith("委员会"):
        words.append("Committee")
        rest = rest[3:]
    literal = ""
    while rest:
        gloss = next((g for g in _GLOSS_ORDER if len(g) > 1 and rest.startswith(g)), None)
        if gloss is None:
            literal, rest = literal + rest[0], rest[1:]
            continue
        words += [literal, _GLOSSES[gloss]]
        literal, rest = "", rest[len(gloss):]
    words.append(literal)
    return " ".join(w for w in words if w)


# Bodies that prose names without abbreviation, for finding unit mentions.
_PLAIN_BODIES = (
    "财政局", "商务局", "司法局", "民政局", "体育局", "园林绿化局", "审计局", "统计局", "水务局",
    "生态环境局", "退役军人事务局", "民族宗教事务办公室", "公安分局", "消防救援支队", "教育局",
    "农业农村局", "林业局", "自然资源局", "档案局", "税务局", "律师协会", "红十字会",
    "人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府办公厅", "政府",
)
_NEEDS_PREFIX = ("人民政府", "政府", "政府办公室", "政府办公厅", "人民政府办公室", "人民政府办公厅")
_BARE_BEFORE = set("、，,。；;：:（(“《和与及或向由对在为至将同经请是")
_AREA_BODY = r"(?:人民政府)?[\u4e00-\u9fff]{2,6}?(?:地区管理委员会|管理委员会|管委会|街道办事处)"


def _mention_pattern(chain: tuple[str, ...]) -> re.Pattern[str]:
    """Unit names as prose prints them: optional jurisdiction, one or two bodies."""
    bodies = sorted({*ABBREVIATIONS, *ABBREVIATIONS.values(), *_PLAIN_BODIES}, key=len, reverse=True)
    body = "|".join(map(re.escape, bodies))
    places = sorted({p for p in chain} | {_short(p) for p in chain if _short(p) != p}, key=len, reverse=True)
    prefix = "|".join([*map(re.escape, places), "北京市", "[省市区县](?!场)"])
    return re.compile(rf"(?:国家税务总局)?((?:{prefix})+)?(?:{_AREA_BODY}|{body})(?:{body})?")


def _prose_mentions(lines: list[str], issuer: str | None) -> list[str]:
    """Unit names printed in running text."""
    pattern = _mention_pattern(issuer_places(issuer))
    found: list[str] = []
    for line in lines:
        s = squeeze(line)
        for m in pattern.finditer(s):
            bare = not m.group(1) and not m.group().startswith("国家税务总局")
            if bare and (m.group() in _NEEDS_PREFIX or (m.start() and s[m.start() - 1] not in _BARE_BEFORE)):
                continue
            found.append(m.group())
    return found


def _position_unit(position: str | None) -> str | None:
    """The unit part of a post (区应急局局长 → 区应急局), if it names one."""
    if not position:
        return None
    unit = re.sub(r"(?:常务)?(?:副)?(?:局长|主任|书记|处长|队长|支队长|主席|院长|所长|部长|科长|秘书长|会长|委员|调研员|巡视员|政委)$", "", squeeze(position))
    return unit if unit != squeeze(position) and _UNIT_END.search(unit) and len(unit) > 2 else None


@dataclass
class _Group:
    forms: dict[str, UnitName]  # printed form → its parse

    def canonical(self) -> str:
        """A printed full name (all jurisdiction printed, no abbreviation), else the built one."""
        built = next(iter(self.forms.values())).canonical
        full = [f for f, u in self.forms.items()
                if u.printed_places and not any(r.startswith(("abbreviation", "unit type", "jurisdiction")) for r in u.reasons)
                and f.startswith(u.places[0])]
        return max(full, key=len) if full else built


def _mentions(facts: list[Fact], texts: Mapping[str, Text]) -> list[tuple[str, str | None]]:
    """Every (printed unit, issuer) in the facts and in the documents' prose."""
    issuers = {f.doc_id: f.issuer for f in facts if isinstance(f, Document)}
    out: list[tuple[str, str | None]] = []
    opening: dict[str, int] = {}  # file → first line of its first document
    for f in facts:
        if isinstance(f, Document):
            opening[f.source.file] = min(opening.get(f.source.file, f.source.line_start), f.source.line_start)
    for f in facts:
        if isinstance(f, Document):
            # the gazette's masthead, above its first document, is read with that document
            start = 1 if opening[f.source.file] == f.source.line_start else f.source.line_start
            out += [(f.issuer, f.issuer)] if f.issuer else []
            text = texts.get(f.source.file)
            lines = list(text.lines[start - 1 : f.source.line_end]) if text else []
            out += [(m, f.issuer) for m in _prose_mentions(lines, f.issuer)]
        else:
            issuer = issuers.get(f.doc_id)
            out += [(u, issuer) for u in _printed_units(f)]
    return [(squeeze(u), i) for u, i in out if u and not is_collective(u)]


def _printed_units(fact: Fact) -> list[str]:
    if isinstance(fact, Responsibility):
        return list(fact.units)
    if isinstance(fact, Contact):
        return [fact.unit] if fact.unit else []
    if isinstance(fact, Appointment):
        return [fact.organization] if fact.organization else []
    if isinstance(fact, Membership):
        unit = _position_unit(fact.position)
        return [unit] if unit else []
    return []


def _resolve_bare(parsed: dict[tuple[str, str | None], UnitName]) -> dict[tuple[str, str | None], UnitName]:
    """A name printed without jurisdiction is the nearest unit of that body printed
    with one, from the issuer's own level upward; else the issuer's own."""
    printed = {(u.party, u.places, u.key[2]) for u in parsed.values() if u.printed_places}
    out = {}
    for (form, issuer), u in parsed.items():
        if not u.printed_places:
            chain = issuer_places(issuer)
            for depth in range(len(chain), 0, -1):
                if (u.party, chain[:depth], u.key[2]) in printed:
                    if depth != len(chain):
                        u = replace(u, places=chain[:depth], reasons=u.reasons + (
                            f"{form} printed without jurisdiction = the unit of {''.join(chain[:depth])} named in full",))
                    break
        out[(form, issuer)] = u
    return out


def resolve(facts: list[Fact], texts: Mapping[str, Text]) -> list[Fact]:
    """Fill the canonical units of every fact and add one UnitAlias per unit printed in several forms.

    `texts` (file → Text) lets units named only in running prose join their aliases.
    """
    issuers = {f.doc_id: f.issuer for f in facts if isinstance(f, Document)}
    parsed = _resolve_bare({(form, issuer): parse_unit(form, issuer) for form, issuer in _mentions(facts, texts)})
    groups: dict[tuple, _Group] = defaultdict(lambda: _Group({}))
    for (form, _), u in parsed.items():
        groups[u.key].forms.setdefault(form, u)
    names = {key: g.canonical() for key, g in groups.items()}

    def unit_id(printed: str | None, doc_id: str | None) -> str | None:
        if not printed:
            return None
        form, issuer = squeeze(printed), issuers.get(doc_id)
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
    for key, group in groups.items():
        if len(group.forms) >= 2:
            reasons = tuple(dict.fromkeys(r for u in group.forms.values() for r in u.reasons))
            out.append(UnitAlias(names[key], tuple(group.forms), english_name(names[key]), reasons))
    return out

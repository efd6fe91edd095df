"""China's administrative divisions: which printed words are jurisdictions.

A unit name starts with its jurisdiction (北京市东城区应急管理局, 黔东南苗族侗族
自治州人民代表大会常务委员会, 大兴安岭地区行政公署), and a meeting report names
units after a place it prints only there (麻章区人民法院). Telling a place from
the words around it by pattern alone fails both ways (北京站地区 is no place,
阿克苏地区 is a prefecture), so the places come from the national list of
divisions in `ingest/data/places.tsv`; towns and streets, which that list
does not hold, are read by pattern in `ingest/units.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ingest.lexicon import rows

_PROVINCES_EN = {
    "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai", "重庆": "Chongqing", "河北": "Hebei",
    "山西": "Shanxi", "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong",
    "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "海南": "Hainan",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "台湾": "Taiwan", "内蒙古": "Inner Mongolia", "广西": "Guangxi",
    "西藏": "Tibet", "宁夏": "Ningxia", "新疆": "Xinjiang", "香港": "Hong Kong", "澳门": "Macao",
}
MAX_NAME = 12
# Divisions named with a common word (山西's 城区 and 矿区): read as places only by pattern.
_WORDS = frozenset({"城区", "郊区", "矿区", "新区", "市中区"})


@dataclass(frozen=True)
class Place:
    code: str  # the 6-digit division code
    name: str

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        return "prefecture" if self.code.endswith("00") else "county"


@cache
def _index() -> dict[str, tuple[Place, ...]]:
    """Every printed form (full name, short form of an autonomous area) → its places."""
    index: dict[str, list[Place]] = {}
    for code, name, *short in rows("places"):
        place = Place(code, name)
        for form in {name, *(s for s in short if s)} - _WORDS:
            index.setdefault(form, []).append(place)
    return {form: tuple(places) for form, places in index.items()}


@cache
def _by_code() -> dict[str, Place]:
    return {p.code: p for places in _index().values() for p in places}


def lookup(form: str) -> tuple[Place, ...]:
    """The places a printed form names (several for 新华区, none for a word)."""
    return _index().get(form, ())


def is_place(form: str) -> bool:
    return form in _index()


def leading(name: str) -> str | None:
    """The longest place name `name` starts with."""
    for length in range(min(MAX_NAME, len(name)), 1, -1):
        if name[:length] in _index():
            return name[:length]
    return None


@cache
def _last_characters() -> frozenset[str]:
    """The characters a printed form of a place ends with (省, 市, 区, 县, 旗, …)."""
    return frozenset(form[-1] for form in _index())


def ending_at(text: str, end: int) -> str | None:
    """The longest place name printed just before position `end` of `text`."""
    if end < 2 or text[end - 1] not in _last_characters():
        return None  # most positions: no place ends there, and no name of any length is looked up
    for length in range(min(MAX_NAME, end), 1, -1):
        if text[end - length : end] in _index():
            return text[end - length : end]
    return None


def parent(place: Place) -> Place | None:
    """The division a place belongs to (a municipality's districts belong to it)."""
    by_code = _by_code()
    if place.level == "county":
        return by_code.get(place.code[:4] + "00") or by_code.get(place.code[:2] + "0000")
    if place.level == "prefecture":
        return by_code.get(place.code[:2] + "0000")
    return None


def complete(places: tuple[str, ...]) -> tuple[tuple[str, ...], str | None]:
    """A city district printed alone with its city (麻章区 → 湛江市麻章区), as official
    full names print districts (counties go alone: 平阳县), when the name is one
    division's only; and why."""
    if len(places) != 1 or not places[0].endswith("区"):
        return places, None
    found = lookup(places[0])
    if len(found) != 1 or found[0].level != "county" or not (up := parent(found[0])):
        return places, None
    if up.level == "province" and not up.name.endswith("市"):
        return places, None  # a county directly under a province prints no city
    return (up.name, places[0]), f"jurisdiction {places[0]} is in {up.name} (division {found[0].code})"


def english(place: str) -> str | None:
    """The English name of a province-level place (北京市 → Beijing), else None."""
    stem = place
    for level in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if place.endswith(level) and len(place) > len(level) + 1:
            stem = place[: -len(level)]
            break
    return _PROVINCES_EN.get(stem)

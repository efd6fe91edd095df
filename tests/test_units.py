"""Unit names: one canonical name per real unit, different units kept apart."""

from pathlib import Path

import pytest

from ingest.script import simplified
from ingest.units import (_BRACKETED_SHORT, _NUMBERS, _SHORTHAND, _blank_numbers, _bodies, _body_pattern,
                          _bracketed_shorts, _declared_shorthands, canonical_unit, english_name)

DONGCHENG = "北京市东城区人民政府办公室"


@pytest.mark.parametrize("forms", [
    ("区应急局", "北京市东城区应急管理局"),
    ("区住建委", "区住房城乡建设委", "区住房城市建设委", "北京市东城区住房和城市建设委员会"),
    ("区发改委", "区发展改革委", "北京市东城区发展和改革委员会"),
    ("区人社局", "区人力社保局", "区人力资源社会保障局"),
    ("区财政局", "东城区财政局"),
    ("东城公安分局", "区公安分局", "北京市公安局东城分局"),
    ("区税务局", "东城区税务局", "国家税务总局北京市东城区税务局"),
    ("区政府", "东城区政府", "北京市东城区人民政府"),
    ("区国资委", "北京市东城区人民政府国有资产监督管理委员会"),
    ("市规划自然资源委东城分局", "北京市规划和自然资源委员会东城分局"),
    ("文旅局", "区文旅局", "区文化和旅游局"),
])
def test_forms_of_one_unit_share_a_canonical_name(forms):
    assert len({canonical_unit(f, DONGCHENG) for f in forms}) == 1


@pytest.mark.parametrize("a, b", [
    ("区城管委", "区城管执法局"),
    ("市交通委东城运输管理分局", "东城交通支队"),
    ("东城交通支队", "区交通委"),
    ("市交通委东城运输管理分局", "区交通委"),
    ("区体育局", "市体育局"),
    ("区政府", "市政府"),
    ("区委办", "区政府办"),
])
def test_different_units_stay_apart(a, b):
    assert canonical_unit(a, DONGCHENG) != canonical_unit(b, DONGCHENG)


def test_jurisdiction_comes_from_the_issuer():
    assert canonical_unit("区应急局", DONGCHENG) == "北京市东城区应急管理局"
    assert canonical_unit("市人社局", DONGCHENG) == "北京市人力资源和社会保障局"
    assert canonical_unit("市应急局", "杭州市人民政府办公厅") == "杭州市应急管理局"
    assert canonical_unit("县住建局", "平阳县人民政府") == "平阳县住房和城乡建设局"
    assert canonical_unit("省发展改革委", "广东省人民政府") == "广东省发展和改革委员会"


def test_street_named_after_a_market_is_not_a_city():
    # Built from its parts, a street office is not given Beijing's 人民政府 infix; a
    # full name printed with it is kept as the canonical one by resolution.
    assert canonical_unit("东花市街道办事处", DONGCHENG) == "北京市东城区东花市街道办事处"


def test_collectives_come_back_as_printed():
    assert canonical_unit("各街道（地区）", DONGCHENG) == "各街道（地区）"


def test_english_name_has_the_standard_gloss():
    name = english_name(canonical_unit("区应急局", DONGCHENG))
    assert "Emergency Management Bureau" in name and name.startswith("Beijing")
    assert "Development and Reform Commission" in english_name("北京市东城区发展和改革委员会")
    assert "Public Security Sub-bureau" in english_name("北京市东城区公安分局")
    assert "Subdistrict Office" in english_name("北京市东城区人民政府景山街道办事处")


@pytest.mark.parametrize("path", sorted((Path(__file__).parent / "fixtures" / "gazettes").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_names_are_found_where_trying_everywhere_finds_them(path):
    # The readers of unit names in prose try their patterns only where a name can begin (a
    # session, a body word, before 管委会, a bracketed short form or a number's 〔2022〕33号);
    # they must find what trying at every character finds.
    tried = ((_bodies, _body_pattern()), (_declared_shorthands, _SHORTHAND), (_bracketed_shorts, _BRACKETED_SHORT))
    for text in (simplified(path.read_text("utf-8")), "人民政府景山街道办事处、第十五届人大常委会和经开区管委会",
                 "成立北京市东城区网格化服务管理中心（以下简称区网格中心）、镇应急管理办公室（镇应急办）",
                 "国办函〔2022〕33号\n北京市东城区人民政府办公室关于印发东政办发〔2020〕1号文件的通知京政发[2019]第3号"):
        for found, pattern in tried:
            assert [m.span() for m in found(text)] == [m.span() for m in pattern.finditer(text)]
        assert _blank_numbers(text) == _NUMBERS.sub(lambda m: "\u3000" * len(m.group()), text)

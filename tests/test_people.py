"""Person resolution, and sentences of personnel notices that are easy to misread."""

from __future__ import annotations

from ingest import appointments, memberships
from ingest.facts import Appointment, Contact, Document, Membership, PersonIdentity, Source
from ingest.people import compatible, resolve, unit_key
from ingest.segment import split
from ingest.text import Text

ISSUER = "北京市东城区人民政府"
SRC = Source("t.txt", 1, 1)


def _doc(number: str, date: str, issuer: str = ISSUER) -> Document:
    return Document(number, f"{issuer}关于…的通知", issuer, date, None, SRC)


def _appointment(doc: str, person: str, organization: str, title: str = "副主任", action: str = "appoint") -> Appointment:
    return Appointment(doc, person, action, organization + title, organization, title, False, None, SRC)


def _member(doc: str, person: str, position: str | None) -> Membership:
    return Membership("人口普查领导小组", person, "成员", position, doc, SRC)


def _ids(facts) -> dict[tuple[str, str], str]:
    return {(f.doc_number, f.person): f.person_id for f in facts if isinstance(f, (Appointment, Membership, Contact))}


def _identities(facts) -> list[PersonIdentity]:
    return [f for f in facts if isinstance(f, PersonIdentity)]


def test_same_name_in_compatible_units_is_one_person_with_evidence():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "黄斌", "北京市东城区人民政府东直门街道办事处"),
        _doc("东政发〔2020〕3号", "2020-02-23"),
        _member("东政发〔2020〕3号", "黄斌", "东直门街道办事处副主任"),
    ]
    resolved = resolve(facts, {})
    ids = _ids(resolved)
    assert ids[("东政任〔2020〕1号", "黄斌")] == ids[("东政发〔2020〕3号", "黄斌")]
    (identity,) = _identities(resolved)
    assert identity.person_id == ids[("东政任〔2020〕1号", "黄斌")]
    assert identity.units == ("北京市东城区人民政府东直门街道办事处", "东直门街道办事处")
    assert any("东直门街道办事处" in e and "东政发〔2020〕3号" in e for e in identity.evidence)


def test_short_and_full_unit_names_of_one_jurisdiction_are_compatible():
    assert unit_key("区统计局", ISSUER) == unit_key("北京市东城区统计局", ISSUER) == ("北京市东城区", "统计局")
    assert unit_key("市规划自然资源委东城分局", ISSUER)[0] == "北京市"
    assert compatible(unit_key("东直门街道办事处", ISSUER), unit_key("北京市东城区人民政府东直门街道办事处", ISSUER))
    assert not compatible(unit_key("北京市西城区统计局", ISSUER), unit_key("区统计局", ISSUER))


def test_homonyms_in_unrelated_units_stay_apart():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "王强", "北京市东城区审计局", "副局长"),
        _doc("东政发〔2020〕3号", "2020-02-23"),
        _member("东政发〔2020〕3号", "王强", "北新桥街道办事处副主任"),
    ]
    resolved = resolve(facts, {})
    ids = _ids(resolved)
    assert ids[("东政任〔2020〕1号", "王强")] != ids[("东政发〔2020〕3号", "王强")]
    assert [i.evidence for i in _identities(resolved)] == [(), ()]


def test_a_contact_named_like_an_official_of_another_unit_stays_apart():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "李娜", "北京市东城区民政局", "副局长"),
        _doc("东政办发〔2020〕3号", "2020-02-13", "北京市东城区人民政府办公室"),
        Contact("东政办发〔2020〕3号", "1", "李娜", ("64033742",), None, "区科信局", SRC),
        Contact("东政办发〔2020〕3号", "2", "李娜", ("64033742",), None, None, SRC),
    ]
    resolved = resolve(facts, {})
    contacts = {f.person_id for f in resolved if isinstance(f, Contact)}
    assert len(contacts) == 1  # one name twice in one document: one person
    assert _ids(resolved)[("东政任〔2020〕1号", "李娜")] not in contacts


def test_a_removal_and_an_appointment_in_one_notice_are_one_person():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "陈雷", "北京市东城区公园管理中心", "主任"),
        _appointment("东政任〔2020〕1号", "陈雷", "北京市东城区园林绿化管理中心", action="remove"),
    ]
    (identity,) = _identities(resolve(facts, {}))
    assert identity.evidence == ("陈雷: named 2 times in 东政任〔2020〕1号",)


def test_ids_are_stable_and_resolution_is_idempotent():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "黄斌", "北京市东城区人民政府东直门街道办事处"),
        _doc("东政发〔2020〕3号", "2020-02-23"),
        _member("东政发〔2020〕3号", "邹劲松", "常务副区长"),
    ]
    once = resolve(facts, {})
    assert once == resolve(facts, {})
    assert resolve(once, {}) == once
    assert all(i.startswith("person:") for i in _ids(once).values())


NOTICE = """北京市东城区人民政府关于张三等同志任免职的通知

东政任〔2020〕9号

各街道办事处：

任命高为庆为北京市东城区人民政府前门街道办事处副主任，兼任北京市东城区前门大街管理委员会副主任；

任命李四为北京市东城区王府井地区建设管理办公室

- 3 -

项目工程部部长（副处职）；

免去张三北京市东城区财政局副局长、调研员职务；

任命:王五为北京市东城区体育局副局长(试用期一年)。

北京市东城区人民政府

2020年3月3日
"""


def _appointments(content: str) -> list[tuple]:
    text = Text.from_string(content, "notice.txt")
    return [
        (f.person, f.action, f.position, f.organization, f.title, f.note)
        for section in split(text)
        for f in appointments.extract(text, section)
    ]


def test_tricky_appointment_sentences():
    got = _appointments(NOTICE)
    assert got == [
        ("高为庆", "appoint", "北京市东城区人民政府前门街道办事处副主任", "北京市东城区人民政府前门街道办事处", "副主任", None),
        ("高为庆", "appoint", "北京市东城区前门大街管理委员会副主任", "北京市东城区前门大街管理委员会", "副主任", None),
        ("李四", "appoint", "北京市东城区王府井地区建设管理办公室项目工程部部长（副处职）",
         "北京市东城区王府井地区建设管理办公室项目工程部", "部长", None),
        ("张三", "remove", "北京市东城区财政局副局长", "北京市东城区财政局", "副局长", None),
        ("张三", "remove", "北京市东城区财政局调研员", "北京市东城区财政局", "调研员", None),
        ("王五", "appoint", "北京市东城区体育局副局长", "北京市东城区体育局", "副局长", "试用期一年"),
    ]


def test_sentence_broken_across_a_page_keeps_its_line_span():
    text = Text.from_string(NOTICE, "notice.txt")
    (section,) = split(text)
    li = next(f for f in appointments.extract(text, section) if f.person == "李四")
    assert (li.source.line_start, li.source.line_end) == (9, 13)


def test_no_membership_for_unnamed_people():
    content = """北京市东城区人民政府办公室关于成立防汛指挥部的通知

东政办发〔2020〕9号

各街道办事处：

东城区成立防汛指挥部，由区长金晖担任总指挥，各位副区长担任副总指挥，各街道主要领导担任成员。

北京市东城区人民政府办公室

2020年3月3日
"""
    text = Text.from_string(content, "notice.txt")
    got = [(f.group, f.person, f.role, f.position) for s in split(text) for f in memberships.extract(text, s)]
    assert got == [("东城区防汛指挥部", "金晖", "总指挥", "区长")]

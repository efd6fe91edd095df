"""Person resolution, and sentences of personnel notices that are easy to misread."""

from __future__ import annotations

import random

from ingest import appointments, memberships
from ingest.facts import Appointment, Contact, Document, Membership, PersonIdentity, Source
from ingest.people import Judgement, NEGATIVE, POSITIVE, cluster, mentions_of_facts, related, resolve, unit_key
from ingest.segment import split
from ingest.text import Text

ISSUER = "北京市东城区人民政府"


def _doc(number: str, date: str, issuer: str = ISSUER) -> Document:
    return Document(number, f"{issuer}关于…的通知", issuer, date, None, Source("t.txt", 1, 1, number, "", number))


def _appointment(doc: str, person: str, organization: str, title: str = "副主任", action: str = "appoint",
                 note: str | None = None, quote: str | None = None) -> Appointment:
    verb = "任命" if action == "appoint" else "免去"
    source = Source("t.txt", 1, 1, doc, quote or f"{verb}{person}{organization}{title}", doc)
    return Appointment(doc, person, action, organization + title, organization, title, False, note, source,
                       unit_id=organization)


def _member(doc: str, person: str, position: str | None, unit: str | None = None) -> Membership:
    return Membership("人口普查领导小组", person, "成员", position, doc, Source("t.txt", 1, 1, doc, "", doc),
                      unit_id=unit)


def _ids(facts) -> dict[tuple[str, str, str], str]:
    return {(f.doc_number, f.person, getattr(f, "position", None) or getattr(f, "item", None)): f.person_id
            for f in facts if isinstance(f, (Appointment, Membership, Contact))}


def _people(facts) -> list[set[tuple]]:
    """Each person as the set of (document, name, position) it was named with."""
    groups: dict[str, set[tuple]] = {}
    for key, pid in _ids(resolve(facts, {})).items():
        groups.setdefault(pid, set()).add(key)
    return sorted(groups.values(), key=sorted)


def _identities(facts) -> list[PersonIdentity]:
    return [f for f in facts if isinstance(f, PersonIdentity)]


def test_same_name_in_the_same_unit_is_one_person_with_evidence():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "黄斌", "北京市东城区人民政府东直门街道办事处"),
        _doc("东政发〔2020〕3号", "2020-02-23"),
        _member("东政发〔2020〕3号", "黄斌", "东直门街道办事处副主任", "北京市东城区东直门街道办事处"),
    ]
    resolved = resolve(facts, {})
    (identity,) = _identities(resolved)
    assert set(_ids(resolved).values()) == {identity.person_id}
    (evidence,) = identity.evidence
    assert evidence.startswith("group member in a post held") and "东政发〔2020〕3号" in evidence


def test_a_street_office_with_or_without_its_government_is_one_unit():
    assert unit_key("北京市东城区人民政府东华门街道办事处") == "北京市东城区东华门街道办事处"
    assert unit_key("北京市东城区人民政府办公室") == "北京市东城区人民政府办公室"
    assert related("北京市东城区人民政府东华门街道办事处", "北京市东城区东华门街道办事处")
    assert related("北京市王府井地区建设管理办公室", "北京市王府井地区建设管理办公室项目工程部")
    assert not related("北京市东城区人民政府", "北京市东城区人民政府东华门街道办事处")  # every office extends it
    assert not related("北京市东城区教育委员会", "北京市教育委员会")


def test_homonyms_in_unrelated_units_stay_apart():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "王强", "北京市东城区审计局", "副局长"),
        _doc("东政发〔2020〕3号", "2020-02-23"),
        _member("东政发〔2020〕3号", "王强", "北新桥街道办事处副主任", "北京市东城区北新桥街道办事处"),
    ]
    resolved = resolve(facts, {})
    assert len(set(_ids(resolved).values())) == 2
    assert [i.evidence for i in _identities(resolved)] == [(), ()]


def test_a_contact_named_like_an_official_of_another_unit_stays_apart():
    src = Source("t.txt", 1, 1, "东政办发〔2020〕3号", "", "东政办发〔2020〕3号")
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "李娜", "北京市东城区民政局", "副局长"),
        _doc("东政办发〔2020〕3号", "2020-02-13", "北京市东城区人民政府办公室"),
        Contact("东政办发〔2020〕3号", "1", "李娜", ("64033742",), None, "区科信局", src, unit_id="北京市东城区科学技术和信息化局"),
        Contact("东政办发〔2020〕3号", "2", "李娜", ("64033742",), None, None, src),
    ]
    resolved = resolve(facts, {})
    contacts = {f.person_id for f in resolved if isinstance(f, Contact)}
    assert len(contacts) == 1  # one name twice in one document: one person
    assert _ids(resolved)[("东政任〔2020〕1号", "李娜", "北京市东城区民政局副局长")] not in contacts


def test_a_later_removal_from_the_post_ends_the_same_persons_tenure_not_a_new_one():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "陈雷", "北京市东城区公园管理中心", "主任"),
        _doc("东政任〔2021〕5号", "2021-05-10"),
        _appointment("东政任〔2021〕5号", "陈雷", "北京市东城区园林绿化局", "局长", quote="任命陈雷…免去其…"),
        _appointment("东政任〔2021〕5号", "陈雷", "北京市东城区公园管理中心", "主任", "remove", quote="任命陈雷…免去其…"),
    ]
    (identity,) = _identities(resolve(facts, {}))
    (evidence,) = identity.evidence
    assert evidence.startswith("appointed, leaving a post held")


def test_two_of_one_name_in_one_notice_are_two_people_and_each_keeps_their_career():
    facts = [
        _doc("东政任〔2019〕6号", "2019-03-15"),
        _appointment("东政任〔2019〕6号", "王伟", "北京市东城区教育委员会"),
        _appointment("东政任〔2019〕6号", "王伟", "北京市东城区人民政府东华门街道办事处"),
        _doc("东政任〔2021〕5号", "2021-05-10"),
        _appointment("东政任〔2021〕5号", "王伟", "北京市东城区人民政府东华门街道办事处", "副主任", "remove"),
    ]
    assert _people(facts) == [
        {("东政任〔2019〕6号", "王伟", "北京市东城区人民政府东华门街道办事处副主任"),
         ("东政任〔2021〕5号", "王伟", "北京市东城区人民政府东华门街道办事处副主任")},
        {("东政任〔2019〕6号", "王伟", "北京市东城区教育委员会副主任")},
    ]


def test_nobody_takes_a_post_after_retiring_and_no_one_holds_posts_in_unrelated_units_at_once():
    facts = [
        _doc("东政任〔2019〕6号", "2019-03-15"),
        _appointment("东政任〔2019〕6号", "周明", "北京市东城区民政局", "副局长", "remove", note="办理退休手续"),
        _appointment("东政任〔2019〕6号", "李明", "北京市东城区公园管理中心", "主任"),
        _doc("东政任〔2020〕2号", "2020-04-01"),
        _appointment("东政任〔2020〕2号", "周明", "北京市东城区民政局", "副局长"),
        _member("东政任〔2020〕2号", "李明", "区体育局局长", "北京市东城区体育局"),
        _doc("东政任〔2021〕5号", "2021-05-10"),
        _appointment("东政任〔2021〕5号", "李明", "北京市东城区体育局", "局长", "remove"),
        _appointment("东政任〔2021〕5号", "李明", "北京市东城区公园管理中心", "主任", "remove", quote="免去李明公园"),
    ]
    resolution = cluster(mentions_of_facts(facts))
    assert len({p.id for p in resolution.people if p.name == "周明"}) == 2
    assert len({p.id for p in resolution.people if p.name == "李明"}) == 2
    reasons = {p.name: p.evidence for p in resolution.uncertain if p.status == "apart"}
    assert "retirement" in reasons["周明"]


def test_judgements_merge_and_split_whatever_the_rules_say():
    facts = [
        _doc("东政任〔2019〕6号", "2019-03-15"),
        _appointment("东政任〔2019〕6号", "马骏", "北京市东城区商务局", "副局长"),
        _doc("东政任〔2020〕7号", "2020-06-18"),
        _appointment("东政任〔2020〕7号", "马骏", "北京市东城区商务局", "局长"),
        _appointment("东政任〔2020〕7号", "李强", "北京市东城区园林绿化局", "副局长"),
        _doc("东政任〔2022〕3号", "2022-03-20"),
        _appointment("东政任〔2022〕3号", "李强", "北京市东城区体育局", "局长"),
    ]
    mentions = mentions_of_facts(facts)
    before = cluster(mentions)
    (ma,) = [p for p in before.people if p.name == "马骏"]
    assert [(u.status, u.rule) for u in before.uncertain] == [("merged", "same unit")]
    qiang = sorted(p.id for p in before.people if p.name == "李强")
    after = cluster(mentions, [Judgement(ma.id, ma.alternate_ids[0], NEGATIVE), Judgement(*qiang, POSITIVE)])
    assert len([p for p in after.people if p.name == "马骏"]) == 2
    (li,) = [p for p in after.people if p.name == "李强"]
    assert li.evidence[0].startswith("judged one person by a reviewer")
    assert not after.uncertain  # judged pairs are no longer in doubt


def test_ids_are_stable_and_resolution_does_not_depend_on_order():
    facts = [
        _doc("东政任〔2020〕1号", "2020-01-10"),
        _appointment("东政任〔2020〕1号", "黄斌", "北京市东城区人民政府东直门街道办事处"),
        _doc("东政发〔2020〕3号", "2020-02-23"),
        _member("东政发〔2020〕3号", "黄斌", "东直门街道办事处副主任", "北京市东城区东直门街道办事处"),
        _member("东政发〔2020〕3号", "邹劲松", "常务副区长"),
    ]
    once = resolve(facts, {})
    assert once == resolve(facts, {})
    assert resolve(once, {}) == once
    assert all(i.startswith("person:") for i in _ids(once).values())
    shuffled = list(facts)
    random.Random(8).shuffle(shuffled)
    assert sorted(_ids(resolve(shuffled, {})).items()) == sorted(_ids(once).items())


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

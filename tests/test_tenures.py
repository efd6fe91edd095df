"""Tenures derived from appointment events, checked against the gold notices.

For every gold appointment the person holds the post in post-holders on the
notice's date; for every explicit removal the person held it the day before
and no longer holds it on that date. Absence from a later notice ends nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import govkg
from tests.conftest import GAZETTE as GAZETTE_PATH, STORES, load_gold

GOLD = load_gold()
DATES = {r["doc_number"]: r["date"] for r in GOLD if r["type"] == "document"}
EVENTS = [r for r in GOLD if r["type"] == "appointment" and not r["implied"]]


def _day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def _holders(store, organization: str, on: str) -> set[tuple[str, str]]:
    rows = govkg.query(store, "post-holders", unit=organization, date=on).records()
    return {(r["person"], r["title"]) for r in rows}


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: f"{e['person']}-{e['action']}")
def test_post_holders_follow_the_notices(ingested_ladybug, event):
    on = DATES[event["doc_number"]]
    holder = (event["person"], event["title"])
    if event["action"] == "appoint":
        assert holder in _holders(ingested_ladybug, event["organization"], on)
    else:
        assert holder in _holders(ingested_ladybug, event["organization"], _day_before(on))
        assert holder not in _holders(ingested_ladybug, event["organization"], on)


def test_succession_orders_holders_with_their_documents(ingested_ladybug):
    rows = govkg.query(ingested_ladybug, "succession", post="东四街道办事处主任").records()
    assert [(r["person"], r["appointed_in"], r["removed_in"]) for r in rows] == [
        ("张志勇", None, "东政任〔2020〕1号"),  # held it before these notices, removed
        ("魏搏", "东政任〔2020〕2号", None),
    ]


def test_an_open_tenure_is_current_as_of_the_latest_document_that_mentions_it(ingested_ladybug):
    (row,) = govkg.query(ingested_ladybug, "person-career", person="黄斌").records()
    assert row["start_date"] == DATES["东政任〔2020〕1号"] and row["end_date"] is None
    assert row["as_of"] == DATES["东政发〔2020〕3号"]  # listed in the census group later


REMOVAL_LATER = """北京市东城区人民政府

关于魏搏同志免职的通知

东政任〔2020〕9号

各街道办事处，区政府各委、办、局，各区属机构：

免去魏搏的北京市东城区人民政府东四街道办事处主任职务。

北京市东城区人民政府

2020年6月1日
"""


@pytest.mark.parametrize("store_fixture", STORES)
def test_a_removal_in_a_later_gazette_ends_the_tenure_an_earlier_one_opened(request, tmp_path, store_fixture):
    store = request.getfixturevalue(store_fixture)
    later = tmp_path / "later.txt"
    later.write_text(REMOVAL_LATER, "utf-8")
    govkg.ingest([GAZETTE_PATH], store)
    govkg.ingest([later], store)
    rows = govkg.query(store, "succession", post="东四街道办事处主任").records()
    assert [(r["person"], r["start_date"], r["end_date"], r["appointed_in"], r["removed_in"]) for r in rows] == [
        ("张志勇", None, "2020-01-10", None, "东政任〔2020〕1号"),
        ("魏搏", "2020-01-10", "2020-06-01", "东政任〔2020〕2号", "东政任〔2020〕9号"),
    ]
    before = store.counts()
    govkg.ingest([later], store)
    assert store.counts() == before


def test_a_removal_printed_with_another_form_of_the_unit_ends_the_tenure(ladybug, tmp_path):
    later = tmp_path / "later.txt"
    later.write_text(REMOVAL_LATER.replace("北京市东城区人民政府东四街道办事处", "北京市东城区东四街道办事处"), "utf-8")
    govkg.ingest([GAZETTE_PATH], ladybug)
    govkg.ingest([later], ladybug)
    rows = govkg.query(ladybug, "person-career", person="魏搏").records()
    assert [(r["post"], r["start_date"], r["end_date"]) for r in rows] == [
        ("北京市东城区人民政府东四街道办事处主任", "2020-01-10", "2020-06-01")]

"""The whole slice on the embedded store, through the real `govkg` command.

Expected rows are computed from the gold annotations, never written here:
"tasks led by X" must be exactly the gold responsibilities whose lead is a
printed form of the unit X (the gold's unit_alias records say which forms).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import GAZETTE, load_gold, squeeze


def govkg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"govkg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def gold_forms(form: str) -> set[str]:
    """Every printed form of the unit that `form` names, per the gold aliases; a
    form with a bracketed second name (区城市管理委（区交通委）) counts as its first."""
    gold = load_gold()
    forms = {form}
    for r in gold:
        if r["type"] == "unit_alias" and form in r["aliases"]:
            forms |= set(r["aliases"])
    leads = {r["lead"] for r in gold if r["type"] == "responsibility"}
    return forms | {lead for lead in leads if re.sub(r"[（(].*[)）]$", "", lead) in forms}


def task(printed: str) -> str:
    """A task as both golds agree on it: the seed's gold keeps a table cell's final 。,
    the dev corpus's drops it (as govkg does)."""
    return squeeze(printed).rstrip("。")


def gold_led_by(form: str) -> set[tuple[str, str, str]]:
    forms = gold_forms(form)
    return {(r["doc_number"], r["item"], task(r["task"]))
            for r in load_gold() if r["type"] == "responsibility" and r["lead"] in forms}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e") / "db"
    govkg("ingest", str(GAZETTE), "--db", str(folder))
    return folder


def rows(db, name: str, **params: str) -> list[dict]:
    args = ["query", name, "--db", str(db), "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    return json.loads(govkg(*args).stdout)


@pytest.mark.parametrize("unit, gold_form", [
    ("区应急局", "区应急局"),
    ("区城市管理委", "区城市管理委"),
    ("emergency bureau", "区应急局"),
    ("北京市东城区应急管理局", "区应急局"),
])
def test_tasks_led_by_is_exactly_the_gold(db, unit, gold_form):
    expected = gold_led_by(gold_form)
    got = {(r["doc_number"], r["item"], task(r["task"])) for r in rows(db, "tasks-led-by", unit=unit)}
    assert len(expected) > 10
    assert got == expected


def test_responsibilities_of_separates_lead_and_co_responsible(db):
    result = rows(db, "responsibilities-of", unit="区应急局")
    lead = {(r["doc_number"], r["item"], task(r["task"])) for r in result if r["role"] == "lead"}
    assert lead == gold_led_by("区应急局")
    forms = gold_forms("区应急局")
    co = {(r["doc_number"], r["item"]) for r in load_gold()
          if r["type"] == "responsibility" and r["lead"] not in forms and forms & set(r["units"])}
    assert {(r["doc_number"], r["item"]) for r in result if r["role"] == "co-responsible"} == co
    assert [r["role"] for r in result] == sorted((r["role"] for r in result), reverse=True)


def test_who_is_responsible_gives_units_lead_first_and_contacts(db):
    result = rows(db, "who-is-responsible", keyword="特种设备检验费")
    assert len(result) == 1
    (row,) = result
    assert row["lead"] == "北京市东城区市场监督管理局"
    assert row["contact"] == "曹军"
    assert sorted(row["phones"]) == ["13681278787", "64033742"]
    assert row["email"] == "dcjtjs@scjgj.beijing.gov.cn"


def test_documents_query_lists_every_gold_document(db):
    gold = {(r["doc_number"], r["title"], r["date"]) for r in load_gold() if r["type"] == "document"}
    assert {(r["doc_number"], r["title"], r["date"]) for r in rows(db, "documents")} == gold


def test_group_members_match_the_gold(db):
    gold = {(r["person"], r["role"]) for r in load_gold()
            if r["type"] == "membership" and "人口普查" in r["group"]}
    got = {(r["person"], r["role"]) for r in rows(db, "group-members", group_name="人口普查")}
    assert got == gold


def test_person_career_pairs_appointment_and_removal(db):
    career = rows(db, "person-career", person="陈雷")
    posts = {(r["title"], r["start_date"], r["end_date"]) for r in career}
    assert ("主任", "2020-01-10", None) in posts  # appointed by 东政任〔2020〕1号
    assert ("副主任", None, "2020-01-10") in posts  # the post he was removed from


def test_ingesting_twice_changes_no_count(tmp_path):
    folder = tmp_path / "db"
    first = govkg("ingest", str(GAZETTE), "--db", str(folder)).stdout
    second = govkg("ingest", str(GAZETTE), "--db", str(folder)).stdout
    counts = lambda out: re.findall(r"^\s+(\w+)\s+(\d+)", out, re.M)
    assert counts(first) == counts(second) and len(counts(first)) > 20
    assert "(+" in first and "(+" not in second


@pytest.mark.parametrize("content, why", [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary\x00", "binary")])
def test_bad_input_is_refused_and_leaves_the_store_as_it_was(db, tmp_path, content, why):
    before = govkg("query", "documents", "--db", str(db), "--format", "json").stdout
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = govkg("ingest", str(GAZETTE), str(bad), "--db", str(db), check=False)
    assert proc.returncode != 0
    error = proc.stderr.strip().splitlines()
    assert len(error) == 1 and str(bad) in error[0] and why in error[0]
    assert govkg("query", "documents", "--db", str(db), "--format", "json").stdout == before


def test_missing_file_is_refused(tmp_path):
    proc = govkg("extract", str(tmp_path / "nope.txt"), check=False)
    assert proc.returncode != 0 and "nope.txt" in proc.stderr


def test_query_list_names_the_catalog():
    out = govkg("query", "--list").stdout
    for name in ("tasks-led-by", "responsibilities-of", "who-is-responsible", "person-career",
                 "group-members", "documents", "post-holders", "succession"):
        assert name in out


LATER_NOTICE = """北京市东城区人民政府

关于李明远同志任职的通知

东政任〔2020〕7号

各街道办事处，区政府各委、办、局，各区属机构：

任命李明远为北京市东城区应急管理局副局长（试用期一年）。

北京市东城区人民政府

2020年3月20日
"""


def test_a_later_gazette_adds_to_a_units_printed_forms_without_erasing_them(tmp_path):
    folder = tmp_path / "db"
    govkg("ingest", str(GAZETTE), "--db", str(folder))
    before = rows(folder, "tasks-led-by", unit="区应急局")
    later = tmp_path / "later.txt"
    later.write_text(LATER_NOTICE, "utf-8")
    govkg("ingest", str(later), "--db", str(folder))
    assert rows(folder, "tasks-led-by", unit="区应急局") == before
    career = rows(folder, "person-career", person="李明远")
    assert [(r["post"], r["note"]) for r in career] == [("北京市东城区应急管理局副局长", "试用期一年")]

"""The dashboard in Streamlit's AppTest: the real script on real stores, every page and every empty state.

Expected figures come from the bundled gazette's gold (tests/fixtures), so a
page that shows a different count of tasks, members or appointments fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import govkg
from graph.ladybug_store import LadybugStore
from tests.conftest import GAZETTE, ROOT, load_gold, person_id
from tests.test_end_to_end import gold_led_by

DASHBOARD = str(ROOT / "dashboard.py")
LATER = ROOT / "tests" / "fixtures" / "gazettes" / "gongwen-pinren-university-shaanxi.txt"
EMERGENCY = "北京市东城区应急管理局"
CENSUS = "东城区第七次全国人口普查领导小组"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash") / "db"
    with LadybugStore(folder) as store:
        govkg.ingest([GAZETTE], store)
    return folder


@pytest.fixture(scope="module")
def chen_lei(db) -> str:
    with LadybugStore(db) as store:
        return person_id(store, "陈雷")


def run(monkeypatch, db: Path, **params: str) -> AppTest:
    monkeypatch.setenv("GOVKG_DB", str(db))
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def html(at: AppTest) -> str:
    return "".join(str(h.value) for h in at.get("html"))


def links(at: AppTest) -> list[str]:
    """The text of every link on the page, in order."""
    return re.findall(r'target="_self">([^<]*)</a>', html(at))


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


@pytest.fixture
def app(db, monkeypatch):
    return lambda **params: run(monkeypatch, db, **params)


def test_home_lists_the_documents_and_counts_per_class_for_people(app):
    at = app()
    assert "10 rows" in subheaders(at)
    assert {"东政任〔2020〕1号", "京政发〔2020〕2号"} <= set(links(at))
    counts = at.sidebar.dataframe[0].value.set_index("Kind")["Count"].to_dict()
    assert counts["Document"] == 10 and counts["Appointment or removal"] == 62
    assert not [k for k in counts if k.isupper() or "_" in k]  # labels, not identifiers
    assert any("ladybug in" in c.value for c in at.sidebar.caption)


def test_unit_page_shows_every_name_and_the_tasks_it_leads_and_shares(app):
    at = app(page="unit", id=EMERGENCY)
    assert at.title[0].value == "区应急局"
    assert f"Tasks it leads ({len(gold_led_by('区应急局'))})" in subheaders(at)
    assert any(h.startswith("Tasks it shares (") for h in subheaders(at))
    page = html(at)
    assert "Beijing 东城 District Emergency Management Bureau" in page and EMERGENCY in page
    shown = links(at)
    assert "5 健全安全监管体制" in shown and "区委编办" in shown  # a task and a unit it shares it with
    assert "None" not in page and "doc_number" not in page and "task_id" not in page


def test_unit_page_in_chinese_labels_everything_in_chinese(app):
    at = app(page="unit", id=EMERGENCY, lang="zh")
    assert f"牵头的任务（{len(gold_led_by('区应急局'))}）" in subheaders(at)
    assert "<th>任务</th>" in html(at) and "<th>牵头单位</th>" in html(at)
    assert "单位" in [c.value for c in at.caption]


def test_an_unknown_unit_says_so_and_offers_the_nearest_names(app):
    at = app(page="unit", id="区教育局")
    assert at.warning[0].value == "No Unit with this id in the store."
    assert links(at)[0] == "区教委"


def test_a_question_about_an_unknown_unit_suggests_instead_of_zero_rows(app):
    at = app()
    at.selectbox(key="question").select("tasks-led-by").run()
    at.text_input(key="param-tasks-led-by-unit").input("区教育局").run()
    assert at.warning[0].value == "'区教育局' is not a name the store knows."
    assert links(at)[0] == "区教委"
    at.text_input(key="param-tasks-led-by-unit").input("housing bureau").run()
    assert links(at)[0] == "区住建委"


def test_a_question_with_an_english_keyword_reads_it_through_the_glossary(app):
    at = app()
    at.selectbox(key="question").select("who-is-responsible").run()
    at.text_input(key="param-who-is-responsible-keyword").input("gas").run()
    assert "gas → 燃气" in [c.value for c in at.caption]
    gold = [r for r in load_gold() if r["type"] == "responsibility" and "燃气" in r["task"]]
    assert f"{len(gold)} rows" in subheaders(at)


def test_search_ranks_printed_forms_first_and_reads_english(app):
    at = app(page="search", q="应急局")
    assert links(at)[0] == "区应急局"
    at = app(page="search", q="city management")
    assert links(at)[0] == "区城管委"
    at = app(page="search", q="gas")
    gold = {r["item"] for r in load_gold() if r["type"] == "responsibility" and "燃气" in r["task"]}
    assert subheaders(at) == [f"Results: {len(gold)}"]


def test_search_says_when_nothing_matches_and_which_words_have_no_gloss(app):
    at = app(page="search", q="housing bureau")
    assert at.warning[0].value == "'housing bureau' is not a name the store knows."
    assert links(at)[0] == "区住建委"
    at = app(page="search", q="zeppelin")
    assert "no gloss for zeppelin" in at.info[0].value


def test_search_facets_by_kind_and_document(app):
    at = app(page="search", q="东城区")
    kinds = at.get("button_group")[0]
    assert "Unit" in " ".join(map(str, kinds.options))
    at.selectbox(key="facet-doc").select("东政任〔2020〕1号").run()
    assert not at.exception
    (results,) = subheaders(at)
    assert results.startswith("Results: ")


def test_person_page_has_the_timeline_with_documents(app, chen_lei):
    at = app(page="person", id=chen_lei)
    assert at.title[0].value == "陈雷"
    gold = [r for r in load_gold() if r["type"] == "appointment" and r["person"] == "陈雷"]
    timeline = str(at.get("html")[0].value)
    assert timeline.count("<td>2020-01-10</td>") == len(gold)
    assert "<td>appointed</td>" in timeline and "<td>removed</td>" in timeline
    assert links(at).count("东政任〔2020〕1号") == len(gold)
    assert "公园管理中心主任" in " ".join(links(at))
    assert any("Sources of" in e.label for e in at.expander)


def test_group_page_lists_members_by_role_as_the_gold_does(app):
    at = app(page="group", id=CENSUS)
    gold = Counter(r["role"] for r in load_gold() if r["type"] == "membership" and r["group"] == CENSUS)
    shown = {m.value.split("**")[1]: int(m.value.rsplit("(", 1)[1].rstrip(")")) for m in at.markdown
             if m.value.startswith("**") and m.value.endswith(")")}
    assert shown == dict(gold)
    assert "邹劲松" in links(at)


def test_a_task_without_a_contact_says_so_and_names_the_lead_unit(app):
    at = app(page="task", id="东政办发〔2020〕1号|task|5")
    assert at.info[0].value == "This Task prints no contact. Call the lead unit:"
    assert "区应急局" in links(at)
    assert "区委编办" in links(at)


def test_a_measure_shows_its_printed_contact(app):
    at = app(page="task", id="东政办发〔2020〕3号|measure|1")
    (gold,) = [r for r in load_gold() if r["type"] == "contact" and r["item"] == "1"
               and r["doc_number"] == "东政办发〔2020〕3号"]
    assert gold["person"] in links(at)
    assert "、".join(gold["phones"]) in html(at)
    assert not at.info


def test_document_page_shows_its_facts_by_kind_and_its_text(app):
    at = app(page="document", id="东政任〔2020〕1号")
    gold = [r for r in load_gold() if r["type"] == "appointment" and r["doc_number"] == "东政任〔2020〕1号"]
    assert f"**Appointment or removal** ({len(gold)})" in [m.value for m in at.markdown]
    assert "陈雷" in links(at)
    assert any(e.label == "Text" for e in at.expander)
    assert "任命陈雷为北京市东城区公园管理中心主任" in " ".join(c.value for c in at.code)


def test_post_page_lists_its_holders(app):
    at = app(page="post", id="北京市东城区公园管理中心|主任")
    assert at.title[0].value == "北京市东城区公园管理中心主任"
    assert "陈雷" in links(at) and "东政任〔2020〕1号" in links(at)


def test_every_page_draws_a_picture_of_its_entity(app, chen_lei):
    for params in ({"page": "unit", "id": EMERGENCY}, {"page": "person", "id": chen_lei},
                   {"page": "group", "id": CENSUS}, {"page": "document", "id": "东政任〔2020〕1号"},
                   {"page": "task", "id": "东政办发〔2020〕1号|task|5"},
                   {"page": "post", "id": "北京市东城区公园管理中心|主任"}):
        at = app(**params)
        assert "Graph" in subheaders(at), params
        assert len(at.get("iframe")) == 1, params


def test_an_empty_store_says_how_to_ingest(tmp_path, monkeypatch):
    LadybugStore(tmp_path / "db").close()
    at = run(monkeypatch, tmp_path / "db")
    assert at.info[0].value.startswith("This store holds no gazette yet.")
    assert at.code[0].value == f"govkg ingest data/gazettes/*.txt --db {tmp_path / 'db'}"


def test_a_folder_without_a_store_is_refused_not_created(tmp_path, monkeypatch):
    at = run(monkeypatch, tmp_path / "typo")
    assert "no govkg database here" in at.error[0].value
    assert not (tmp_path / "typo").exists()


def test_cypher_console_refuses_writes_in_a_sentence(app):
    at = app(page="cypher")
    at.text_area(key="cypher").input("CREATE (n:Unit {id: 'x', name: 'x'}) RETURN n.id").run()
    at.button(key="run-cypher").click().run()
    assert at.error[0].value == "The console only reads: this statement would change the store or touch files."
    assert "read-only console" in at.code[0].value


def test_cypher_console_explains_a_syntax_error(app):
    at = app(page="cypher")
    for statement in ("MATCH (n:Unit RETURN n", "MATCH (n:Unit) RETURN n.id AS"):
        at.text_area(key="cypher").input(statement).run()
        at.button(key="run-cypher").click().run()
        assert at.error[0].value == "The statement is not Cypher that this store can read.", statement


def test_cypher_console_shows_nodes_as_linked_names_and_as_a_graph(app):
    at = app(page="cypher")
    at.text_area(key="cypher").input("MATCH (u:Unit)-[r:LEADS]->(t:Task) WHERE u.id = '北京市东城区应急管理局' "
                                     "RETURN u, r, t").run()
    at.button(key="run-cypher").click().run()
    tasks = [r for r in load_gold() if r["type"] == "responsibility" and r["lead"] in ("区应急局",)]
    assert subheaders(at)[0].endswith(" rows")
    assert "区应急局" in links(at) and "_ID" not in html(at) and "offset" not in html(at)
    assert len(at.get("iframe")) == 1
    assert tasks  # the gold has tasks led by it, so the graph has edges to draw


def test_schema_sidebar_comes_from_the_ontology(app):
    at = app(page="cypher", lang="zh")
    labels = [e.label for e in at.expander]
    assert "Unit · 单位" in labels and "Person · 人员" in labels
    assert any(c.value.startswith("LEADS · 牵头单位") for c in at.caption)


def test_a_gazette_ingested_while_the_dashboard_runs_shows_on_the_next_load(tmp_path, monkeypatch):
    folder = tmp_path / "db"
    with LadybugStore(folder) as store:
        govkg.ingest([GAZETTE], store)
    at = run(monkeypatch, folder)
    assert "10 rows" in subheaders(at)
    ingest = subprocess.run([sys.executable, "-m", "govkg.cli", "ingest", str(LATER), "--db", str(folder)],
                            capture_output=True, text=True, timeout=300)  # another process, the dashboard holding the store
    assert ingest.returncode == 0, ingest.stderr
    at.run()
    assert "11 rows" in subheaders(at)
    later = govkg.extract([LATER]).facts[0]
    assert later.doc_id in html(at) or (later.title or "") in html(at)


@pytest.mark.neo4j
def test_the_dashboard_reads_neo4j_too(ingested_neo4j, monkeypatch):
    monkeypatch.setenv("GOVKG_TARGET", "neo4j")
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["page"] = "unit"
    at.query_params["id"] = EMERGENCY
    at.run()
    assert not at.exception, at.exception
    assert f"Tasks it leads ({len(gold_led_by('区应急局'))})" in subheaders(at)
    assert any(c.value.startswith("neo4j in bolt://") for c in at.sidebar.caption)

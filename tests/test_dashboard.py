"""The dashboard in Streamlit's AppTest: the real script on a real LadybugDB file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import govkg
from graph.ladybug_store import LadybugStore
from tests.conftest import GAZETTE
from tests.test_end_to_end import gold_led_by

DASHBOARD = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash") / "db"
    with LadybugStore(folder) as store:
        govkg.ingest([GAZETTE], store)
    return folder


@pytest.fixture
def app(db, monkeypatch):
    monkeypatch.setenv("GOVKG_DB", str(db))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_sidebar_shows_the_graph_counts(app):
    counts = app.sidebar.dataframe[0].value.set_index("kind")["count"].to_dict()
    assert counts["Document"] == 10


def test_asking_tasks_led_by_gives_the_gold_rows_and_their_sources(app):
    app.selectbox[0].select("tasks-led-by").run()
    app.text_input(key="param-tasks-led-by-unit").input("区应急局").run()
    assert not app.exception
    (frame,) = [d.value for d in app.dataframe if "lead" in d.value.columns]
    assert len(frame) == len(gold_led_by("区应急局"))
    assert set(frame["lead"]) == {"北京市东城区应急管理局"}
    assert any("Sources of" in e.label for e in app.expander)


def test_cypher_console_is_read_only(app):
    app.text_area(key="cypher").input("CREATE (n:Unit {id: 'x', name: 'x'}) RETURN n.id").run()
    app.button(key="run-cypher").click().run()
    assert app.error and "read-only" in app.error[0].value


def test_search_shows_a_persons_career(app):
    app.text_input(key="search").input("陈雷").run()
    (career,) = [d.value for d in app.dataframe if "start_date" in d.value.columns]
    assert sorted(career["title"]) == ["主任", "副主任"]


def test_search_finds_a_unit_by_short_form(app):
    app.text_input(key="search").input("区应急局").run()
    assert not app.exception
    frames = [d.value for d in app.dataframe]
    assert any("role" in f.columns and (f["role"] == "lead").sum() == len(gold_led_by("区应急局")) for f in frames)


@pytest.mark.neo4j
def test_the_dashboard_reads_neo4j_too(ingested_neo4j, monkeypatch):
    monkeypatch.setenv("GOVKG_TARGET", "neo4j")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    at.selectbox[0].select("tasks-led-by").run()
    at.text_input(key="param-tasks-led-by-unit").input("emergency bureau").run()
    (frame,) = [d.value for d in at.dataframe if "lead" in d.value.columns]
    assert len(frame) == len(gold_led_by("区应急局"))
    assert "store: neo4j" in [c.value for c in at.sidebar.caption]

"""The two paths of issue 9, walked in a real headless Chromium, in English and in Chinese.

Staff: search 应急局 → the unit's page → a task it leads → its units and
whom to call. Researcher: a person of 东政任〔2020〕1号 → the timeline → a
group → a member's page → the graph, clicking a node to expand it and
double-clicking to open its page. Screenshots go to build/screenshots/.

Needs Debian's chromium (`apt-get install chromium`); without it the tests
skip on a developer's machine and fail under CI=true.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import govkg
from graph.ladybug_store import LadybugStore
from tests.browser import CHROMIUM, ROOT, free_port, launch, picture_frame, serve
from tests.conftest import GAZETTE, load_gold
from tests.test_end_to_end import gold_led_by

_free_port = free_port  # the name tests/test_security.py imports
SHOTS = ROOT / "build" / "screenshots"
LATER = ROOT / "tests" / "fixtures" / "gazettes" / "gongwen-pinren-university-shaanxi.txt"
WORDS = {
    "en": {"search": "Search", "box": "Search units, people, posts, groups, tasks, documents",
           "leads": "Tasks it leads ({n})", "units": "Responsible units",
           "no_contact": "This Task prints no contact. Call the lead unit:", "timeline": "Timeline of appointments and removals",
           "seats": "Seats in groups", "members": "Members by role", "graph": "Graph", "appointed": "appointed",
           "rows": "{n} rows"},
    "zh": {"search": "搜索", "box": "搜索单位、人员、职务、机构、任务、公文", "leads": "牵头的任务（{n}）",
           "units": "责任单位", "no_contact": "该任务未印联系人。请联系牵头单位：", "timeline": "任免时间线",
           "seats": "参加的议事协调机构", "members": "成员（按职责）", "graph": "关系图", "appointed": "任命",
           "rows": "{n} 行"},
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    if not CHROMIUM:
        message = "chromium not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("browser") / "db"
    with LadybugStore(folder) as store:
        govkg.ingest([GAZETTE], store)
    return folder


@pytest.fixture(scope="module")
def server(db):
    with serve(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def heading(page, text: str):
    return page.get_by_role("heading", name=text, exact=True)


def where(frame, node: str) -> tuple[float, float]:
    """Where the node is drawn, in the page's coordinates."""
    canvas = frame.locator("canvas").first.bounding_box()
    dom = frame.evaluate(f"() => network.canvasToDOM(network.getPositions(['{node}'])['{node}'])")
    return canvas["x"] + dom["x"], canvas["y"] + dom["y"]


def follow(page, text: str) -> None:
    """Click the first link with exactly this text and wait for the page it opens."""
    page.locator("a", has_text=text).filter(has_text=text).first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_staff_find_who_is_responsible_and_whom_to_call(server, page, lang):
    w = WORDS[lang]
    page.goto(f"{server}?lang={lang}")
    # The page's own button, never the search button of a table's toolbar (shown while the pointer is over it).
    page.get_by_role("button", name=w["search"], exact=True).and_(page.locator(':not([kind="elementToolbar"])')).click()
    box = page.get_by_label(w["box"])
    box.fill("应急局")
    box.press("Enter")
    page.locator("table.govkg a", has_text="区应急局").first.wait_for(timeout=30_000)
    shot(page, f"staff-1-search-{lang}")
    follow(page, "区应急局")
    heading(page, w["leads"].format(n=len(gold_led_by("区应急局")))).wait_for(timeout=30_000)
    assert heading(page, "区应急局").count() == 1
    shot(page, f"staff-2-unit-{lang}")
    follow(page, "5 健全安全监管体制")
    heading(page, w["units"]).wait_for(timeout=30_000)
    units = page.locator("table.govkg").first
    units.locator("td", has_text="✓").wait_for(timeout=30_000)
    assert units.locator("tr", has_text="区应急局").locator("td", has_text="✓").count() == 1
    for co_unit in ("区委编办", "区人社局", "区公安分局"):
        assert units.locator("a", has_text=co_unit).count() == 1
    page.get_by_text(w["no_contact"]).wait_for()
    assert page.locator("a", has_text="区应急局").count() >= 2  # in the table and as the unit to call
    shot(page, f"staff-3-task-{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_researcher_follows_a_person_to_a_group_and_its_graph(server, page, lang):
    w = WORDS[lang]
    page.goto(f"{server}?page=document&id=东政任〔2020〕1号&lang={lang}")
    page.locator("a", has_text="黄斌").first.wait_for(timeout=30_000)
    follow(page, "黄斌")
    heading(page, w["timeline"]).wait_for(timeout=30_000)
    gold = [r for r in load_gold() if r["type"] == "appointment" and r["person"] == "黄斌"]
    timeline = page.locator("table.govkg").first
    timeline.locator("a", has_text="东政任〔2020〕1号").first.wait_for(timeout=30_000)  # the heading comes first
    assert timeline.locator("a", has_text="东政任〔2020〕1号").count() == len(gold)
    assert timeline.locator("td", has_text=w["appointed"]).count() >= 1
    heading(page, w["seats"]).wait_for()
    shot(page, f"researcher-1-person-{lang}")
    follow(page, "东城区第七次全国人口普查领导小组")
    heading(page, w["members"]).wait_for(timeout=30_000)
    shot(page, f"researcher-2-group-{lang}")
    follow(page, "杨峰")
    heading(page, "杨峰").wait_for(timeout=30_000)
    frame = picture_frame(page)
    page.locator("iframe").first.scroll_into_view_if_needed()
    before = frame.evaluate("() => nodes.length")
    group = "LeadingGroup:东城区第七次全国人口普查领导小组"
    page.mouse.click(*where(frame, group))
    frame.wait_for_function(f"() => nodes.length > {before}")
    frame.wait_for_function("() => window.stable === true", timeout=30_000)
    shot(page, f"researcher-3-graph-expanded-{lang}")
    members = [r for r in load_gold() if r["type"] == "membership" and r["group"] == "东城区第七次全国人口普查领导小组"]
    assert frame.evaluate("() => nodes.length") > before and len(members) > 10
    with page.context.expect_page() as opened:
        page.mouse.dblclick(*where(frame, group))
    tab = opened.value
    tab.wait_for_load_state()
    heading(tab, w["members"]).wait_for(timeout=30_000)
    assert heading(tab, "东城区第七次全国人口普查领导小组").count() == 1
    shot(tab, f"researcher-4-opened-from-graph-{lang}")


def test_a_gazette_ingested_while_the_dashboard_runs_shows_on_the_next_load(db, server, page):
    page.goto(server)
    page.get_by_text(WORDS["en"]["rows"].format(n=10), exact=True).wait_for(timeout=30_000)
    proc = subprocess.run([sys.executable, "-m", "govkg.cli", "ingest", str(LATER), "--db", str(db)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    page.reload()
    page.get_by_text(WORDS["en"]["rows"].format(n=11), exact=True).wait_for(timeout=30_000)
    shot(page, "fresh-after-ingest")

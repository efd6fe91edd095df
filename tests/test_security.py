"""Issue 10's hostile inputs, one by one, on real stores, the real CLI, Streamlit and Chromium.

Each test names the numbered item of the issue it reproduces. Files that a
hostile statement would read or write are this test's own (a "secret" file
in a temporary folder), never the machine's.
"""

from __future__ import annotations

import html
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import dashboard
import govkg
from govkg.tables import csv_text
from graph import console
from graph.ladybug_store import LadybugStore
from graph.store import StoreError
from ingest.readers import read
from tests.conftest import GAZETTE, ROOT
from tests.test_browser import CHROMIUM, _free_port

DASHBOARD = str(ROOT / "dashboard.py")
SECRET = "root:$6$hash-that-must-never-show:19000:0:99999:7:::"
XSS = '<img/src="x"/onerror="window.xss=1;top.document.title=\'XSS\'"/data-href="1">'
BEACON = "![t](http://127.0.0.1:9/beacon.png)"
LIMITS = console.Limits(timeout=2, max_rows=1000)


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "shadow"
    path.write_text(SECRET + "\n", "utf-8")
    return path


def _records(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def _hostile_facts(folder: Path, secret: Path) -> Path:
    """A facts export whose every name is markup, script or a formula, and whose sources point elsewhere."""
    source = {"file": str(secret), "line_start": 1, "line_end": 1, "doc_number": BEACON, "quote": XSS}
    return _records(folder / "hostile.jsonl", [
        {"type": "document", "doc_number": BEACON, "title": XSS, "issuer": "<script>window.xss=1</script>",
         "date": "2020-01-01", "parent": None, "source": source},
        {"type": "responsibility", "doc_number": BEACON, "item": "1", "task": '=HYPERLINK("http://x","点击")' + XSS,
         "units": ["@SUM(1)"], "lead": "@SUM(1)", "kind": "task", "source": source,
         "unit_ids": ["@SUM(1)"], "lead_id": "@SUM(1)"},
    ])


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    secret = folder / "shadow"
    secret.write_text(SECRET + "\n", "utf-8")
    with LadybugStore(folder / "db") as store:
        govkg.ingest([GAZETTE, _hostile_facts(folder, secret)], store)
    return folder / "db"


both = pytest.mark.parametrize("target", ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])


@pytest.fixture
def store(request, target):
    return request.getfixturevalue(f"ingested_{target}")


def govkg_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **env}, timeout=120)


# ------------------------------------------------------------------ 1. the console reads and writes files


@both
@pytest.mark.parametrize("statement", [
    "LOAD FROM '{secret}' (file_format='csv', header=false, delim=':') RETURN * LIMIT 2",
    "LOAD FROM '{folder}/*' RETURN *",
    "LOAD CSV FROM 'file://{secret}' AS line RETURN line",
    "COPY (RETURN 'x' AS a) TO '{folder}/written.csv'",
    "INSTALL httpfs",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "CALL apoc.load.json('file://{secret}')",
    "ATTACH '{folder}/other.lbdb' AS other (dbtype lbug)",
    "EXPORT DATABASE '{folder}/export'",
])
def test_1_the_console_touches_no_file(store, secret, statement):
    statement = statement.format(secret=secret, folder=secret.parent)
    with pytest.raises(StoreError, match="read-only console") as refused:
        console.run(store, statement, LIMITS)
    assert SECRET not in str(refused.value) and "shadow" not in str(refused.value).replace(str(secret), "")
    assert sorted(p.name for p in secret.parent.iterdir()) == ["shadow"]


@pytest.mark.parametrize("statement", [
    "MATCH (u:Unit)-[:LEADS]->(t:Task) RETURN u.id AS unit, count(t) AS tasks ORDER BY tasks DESC LIMIT 3",
    "MATCH (n) WHERE EXISTS { MATCH (n)-[:LEADS]->() } RETURN count(n) AS c",
    "OPTIONAL MATCH (d:Document) WITH d ORDER BY d.doc_number SKIP 1 LIMIT 2 RETURN d.doc_number AS n",
    "UNWIND [1, 2] AS x RETURN x UNION ALL RETURN 3 AS x",
    "RETURN 'MATCH (n) DETACH DELETE n; LOAD FROM x' AS text // COPY",
])
def test_1_read_clauses_still_run(ingested_ladybug, statement):
    assert console.run(ingested_ladybug, statement, LIMITS).rows


def test_1_the_console_refuses_by_allow_list_not_by_word_list():
    for statement in ["MATCH (n) FINISH", "RETURN 1 AS x TERMINATE TRANSACTIONS 'x'", "USE system SHOW USERS",
                      "CALL { CREATE (n) }", "MATCH (n) RETURN n NEWCLAUSE 'file'", "CALL show_tables() RETURN *;;"]:
        if statement.endswith(";;"):
            assert console.read_only_statement(statement) == statement
            continue
        with pytest.raises(console.ReadOnlyError):
            console.read_only_statement(statement)


# ------------------------------------------------------------------ 2, 3 (picture, Markdown): see the browser test below


def test_2_picture_tooltips_are_text_even_when_pyvis_would_render_html():
    page = dashboard.picture(govkg.Result(("title", "doc_number"), ((XSS, "<b>1</b>"),)))
    nodes = json.loads(page.split("nodes = new vis.DataSet(", 1)[1].split(");", 1)[0])
    assert sorted(n["title"] for n in nodes) == sorted([html.escape(XSS), html.escape("Document: <b>1</b>")])


def test_2_markdown_from_a_gazette_is_text():
    assert dashboard.md(BEACON) == "\\!\\[t\\]\\(http\\://127.0.0.1\\:9/beacon.png\\)"
    assert dashboard.md("- :red[x] $x$ <b>") == "\\- \\:red\\[x\\] \\$x\\$ \\<b\\>"


# ------------------------------------------------------------------ 4. Store.query writes on a store opened for writing


@pytest.mark.parametrize("statement", [
    "ROLLBACK; MATCH (t:Task) DETACH DELETE t", "COMMIT; CREATE (u:Unit {id:'X'})",
    "CREATE (u:Unit {id:'X'})", "MATCH (t:Task) DETACH DELETE t", "BEGIN TRANSACTION; CREATE (u:Unit {id:'X'})",
])
def test_4_query_is_read_only_on_a_store_opened_for_writing(tmp_path, statement):
    with LadybugStore(tmp_path / "db") as store:
        govkg.ingest([GAZETTE], store)
        before = store.counts()
        with pytest.raises(StoreError):
            store.query(statement)
        assert store.counts() == before
        assert store.query("MATCH (u:Unit {id: 'X'}) RETURN count(u)").rows == ((0,),)
    with LadybugStore(tmp_path / "db", read_only=True) as reopened:
        assert reopened.counts() == before


@pytest.mark.neo4j
@pytest.mark.parametrize("statement", ["ROLLBACK; MATCH (t:Task) DETACH DELETE t", "COMMIT; CREATE (u:Unit {id:'X'})"])
def test_4_query_is_read_only_on_neo4j(ingested_neo4j, statement):
    before = ingested_neo4j.counts()
    with pytest.raises(StoreError):
        ingested_neo4j.query(statement)
    assert ingested_neo4j.counts() == before


# ------------------------------------------------------------------ 5. no time limit, no row cap, one shared connection


SLOW = {"ladybug": "MATCH (a), (b), (c) WHERE a.id + b.id + c.id = 'x' RETURN count(*) AS n",
        "neo4j": "MATCH (a), (b), (c) WHERE a.id + b.id + c.id = 'x' RETURN count(*) AS n"}
MANY = {"ladybug": "MATCH (a), (b), (c) RETURN a.id, b.id, c.id", "neo4j": "UNWIND range(1, 2000000) AS x RETURN x"}


@both
def test_5_a_slow_query_stops_at_the_time_limit(store, target):
    started = time.monotonic()
    with pytest.raises(StoreError, match="stopped after 2 s, the time limit"):
        console.run(store, SLOW[target], LIMITS)
    assert time.monotonic() - started < 6


@both
def test_5_a_huge_result_is_cut_at_the_row_cap(store, target):
    started = time.monotonic()
    result = console.run(store, MANY[target], LIMITS)
    assert len(result.rows) == 1000 and result.truncated
    assert time.monotonic() - started < 5


@both
def test_5_a_slow_visitor_neither_blocks_nor_reconfigures_another(store, target):
    with pytest.raises(StoreError):
        console.run(store, "CALL timeout=1", LIMITS)
    slow = threading.Thread(target=lambda: pytest.raises(StoreError, console.run, store, SLOW[target],
                                                         console.Limits(timeout=4, max_rows=10)))
    slow.start()
    time.sleep(0.5)
    started = time.monotonic()
    docs = console.run(store, "MATCH (d:Document) RETURN count(d) AS n", LIMITS)
    took = time.monotonic() - started
    slow.join()
    assert docs.rows == ((10,),) and took < 2


def test_5_limits_come_from_the_environment_and_are_shown(monkeypatch):
    monkeypatch.setenv("GOVKG_CONSOLE_TIMEOUT", "3.5")
    monkeypatch.setenv("GOVKG_CONSOLE_MAX_ROWS", "20")
    assert console.Limits.from_env().describe() == "at most 20 rows and 3.5 s per query"
    monkeypatch.setenv("GOVKG_CONSOLE_MAX_ROWS", "0")
    with pytest.raises(StoreError, match="must be positive"):
        console.Limits.from_env()


# ------------------------------------------------------------------ 6. a facts file decides which file is shown


def test_6_sources_come_from_the_store_never_from_a_named_file(hostile_db):
    with LadybugStore(hostile_db, read_only=True) as store:
        files = {f for (f,) in store.query("MATCH (d:Document) RETURN d.source_file").rows}
        secret = next(f for f in files if f.endswith("shadow"))
        assert store.printed(secret, 1, 1) is None
        assert store.printed(str(GAZETTE), 1, 3) == "\n".join(read(GAZETTE).lines[:3])


def test_6_the_dashboard_sources_panel_shows_no_other_file(hostile_db, monkeypatch):
    monkeypatch.setenv("GOVKG_DB", str(hostile_db))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception
    shown = " ".join(str(e.value) for e in [*at.code, *at.markdown, *at.caption])
    assert SECRET not in shown
    assert "the store holds only the gazettes govkg ingested itself" in shown


@pytest.mark.parametrize("record, error", [
    ({"type": "responsibility", "doc_number": "x", "item": "1", "task": "t", "units": "区应急局", "lead": None},
     "bad.jsonl:2: responsibility: units must be a list of strings, not a string"),
    ({"type": "appointment", "doc_number": "x"}, "bad.jsonl:2: appointment: missing field 'person'"),
    ({"type": "contact", "doc_number": "x", "item": "1", "person": "p", "phones": ["1", 2], "email": None,
      "unit": None}, "bad.jsonl:2: contact: phones[1] must be a string, not a number"),
    ({"type": "document", "doc_number": "x", "title": "t", "issuer": None, "date": None, "parent": None,
      "source": {"file": "f", "line_start": "1", "line_end": 1}},
     "bad.jsonl:2: document: source: line_start must be an integer, not a string"),
    ({"type": "virus"}, "bad.jsonl:2: unknown record type 'virus' (known: document, appointment, membership, responsibility, "
     "contact, unit_alias, person)"),
    (["a list"], "bad.jsonl:2: a record is a JSON object, not a list"),
])
def test_6_a_bad_record_stops_the_ingest_with_one_line_and_writes_nothing(tmp_path, record, error):
    good = {"type": "unit_alias", "canonical": "北京市东城区应急管理局", "aliases": ["区应急局"]}
    facts = _records(tmp_path / "bad.jsonl", [good, record])
    db = tmp_path / "db"
    govkg_cli("ingest", str(GAZETTE), "--db", str(db))
    with LadybugStore(db, read_only=True) as store:
        before = store.counts()
    proc = govkg_cli("ingest", str(facts), "--db", str(db))
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].endswith(error) and "Traceback" not in proc.stderr
    with LadybugStore(db, read_only=True) as store:
        assert store.counts() == before


# ------------------------------------------------------------------ 7. CSV formula injection


def test_7_csv_cells_that_a_spreadsheet_would_run_are_neutralised(hostile_db):
    proc = govkg_cli("query", "who-is-responsible", "--param", "keyword=HYPERLINK", "--format", "csv",
                     "--db", str(hostile_db))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith('"doc_number","item","task","lead"')
    assert f'"\'=HYPERLINK(""http://x"",""点击""){XSS.replace(chr(34), chr(34) * 2)}","\'@SUM(1)"' in lines[1]
    assert csv_text(["a"], [["-1+2"], ["\tx"], ["\r=y"], ["+z"], ["ok"]]) == \
        '"a"\n"\'-1+2"\n"\'\tx"\n"\'\r=y"\n"\'+z"\n"ok"\n'


# ------------------------------------------------------------------ 8, 10. the dashboard: address, tracebacks, signals


def _wait_until_healthy(url: str) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer at {url} within 60 s")


def _listening(port: int) -> set[str]:
    """Local addresses with a socket listening on `port` (from /proc/net/tcp)."""
    out = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, local_port = local.split(":")
        if state == "0A" and int(local_port, 16) == port:
            out.add(".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)))
    return out


def test_8_10_the_dashboard_binds_loopback_and_dies_with_its_command(ingested_ladybug):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "govkg.cli", "dashboard", "--port", str(port),
                             "--db", str(ingested_ladybug.folder)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        _wait_until_healthy(f"http://127.0.0.1:{port}")
        assert _listening(port) == {"127.0.0.1"}
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) is not None
        assert _listening(port) == set()
    finally:
        proc.kill()
        output = proc.communicate()[0]
    assert f"govkg dashboard on http://127.0.0.1:{port}" in output


def test_8_another_host_warns_that_there_is_no_login(ingested_ladybug, tmp_path):
    proc = govkg_cli("dashboard", "--host", "0.0.0.0", "--db", str(tmp_path / "missing"))
    assert proc.returncode == 1 and "no govkg database here" in proc.stderr  # refused before listening
    from govkg.cli import _loopback

    assert [_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "192.168.1.2")] == [
        True, True, True, False, False]


def test_8_9_visitors_see_no_traceback_and_no_password(monkeypatch):
    monkeypatch.setenv("GOVKG_TARGET", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://neo4j:s3cret-pw@127.0.0.1:{_free_port()}")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception
    (error,) = at.error
    assert "cannot reach Neo4j at bolt" in error.value and "s3cret-pw" not in error.value
    assert "Traceback" not in error.value


# ------------------------------------------------------------------ 9. tracebacks and a leaked secret in the CLI


@pytest.mark.parametrize("uri, message", [
    ("bolt://neo4j:s3cret-pw@127.0.0.1:{port}", "cannot reach Neo4j at bolt://127.0.0.1:{port}"),
    ("http://127.0.0.1:{port}", "use one of the schemes bolt, bolt+s"),
    ("bolt://neo4j:s3cret-pw@[::1", "Neo4j URI"),
])
def test_9_a_bad_neo4j_uri_is_one_line_without_the_password(uri, message):
    port = _free_port()
    proc = govkg_cli("query", "documents", "--target", "neo4j", "--neo4j-uri", uri.format(port=port))
    assert proc.returncode == 1
    assert message.format(port=port) in proc.stderr
    assert "s3cret-pw" not in proc.stderr + proc.stdout and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_9_html_nested_at_any_depth_is_read(tmp_path, depth):
    page = tmp_path / "deep.html"
    page.write_text("<div>" * depth + "<p>东政任〔2020〕1号</p>" + "</div>" * depth, "utf-8")
    assert read(page).lines == ("东政任〔2020〕1号",)


# ------------------------------------------------------------------ 10. smaller


def test_10_a_mistyped_db_is_refused_not_created(tmp_path):
    proc = govkg_cli("query", "documents", "--db", str(tmp_path / "typo"))
    assert proc.returncode == 1 and "no govkg database here" in proc.stderr
    assert not (tmp_path / "typo").exists()


def test_10_query_reads_while_an_ingest_holds_the_store(tmp_path):
    with LadybugStore(tmp_path / "db") as writer:
        govkg.ingest([GAZETTE], writer)
        proc = govkg_cli("query", "documents", "--db", str(tmp_path / "db"))
        assert proc.returncode == 0, proc.stderr
        assert "(10 rows)" in proc.stdout


def _facts_of(path: Path) -> list[dict]:
    return [{k: v for k, v in f.to_record().items() if k != "source"} for f in govkg.extract([path]).facts]


def test_10_utf16_with_bom_and_a_stray_nul_are_read(tmp_path, caplog):
    text = GAZETTE.read_text("utf-8")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    with_nul = tmp_path / "nul.txt"
    with_nul.write_bytes(text.encode("utf-8").replace("。".encode(), "。\x00".encode(), 1))
    expected = _facts_of(GAZETTE)
    assert _facts_of(utf16) == expected
    assert _facts_of(with_nul) == expected
    assert "nul.txt: ignored 1 NUL byte(s)" in caplog.text


# ------------------------------------------------------------------ 2, 6: the browser


def test_2_no_script_from_a_gazette_runs_in_chromium(hostile_db, tmp_path):
    if not CHROMIUM:
        message = "chromium not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", DASHBOARD, f"--server.port={port}", "--server.headless=true",
         "--browser.gatherUsageStats=false", "--", f"--db={hostile_db}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_healthy(url)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url)
            page.get_by_text("11 rows", exact=True).wait_for(timeout=60_000)  # documents: 10 + the hostile one
            frame_element = page.locator("iframe").first
            frame_element.wait_for(timeout=30_000)
            assert frame_element.get_attribute("src").startswith("data:text/html;base64,")
            frame = frame_element.element_handle().content_frame()
            frame.locator("canvas").first.wait_for(timeout=30_000)
            # Hover every node the way vis-network would: the tooltip code runs with each title.
            shown = frame.evaluate("() => nodes.getIds().map(id => { network.emit('showPopup', id); "
                                   "return document.querySelector('div.popup').innerText; })")
            assert XSS in shown  # the title is shown, as text
            assert frame.evaluate("() => window.xss === undefined")
            assert frame.evaluate("() => { try { return parent.document.title } catch (e) { return 'blocked' } }") \
                == "blocked"
            page.get_by_text("Sources of").first.click()
            page.get_by_text("No printed text").first.wait_for(timeout=30_000)
            page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
            assert page.title() != "XSS" and page.evaluate("() => window.xss === undefined")
            assert SECRET not in page.content()
            assert page.locator("img[src*='beacon']").count() == 0
            assert not [r for r in requests if "beacon" in r]
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)

"""The dashboard served by Streamlit and read in a real headless Chromium.

Needs Debian's chromium (`apt-get install chromium`); without it the test
skips on a developer's machine and fails under CI=true.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import govkg
from graph.ladybug_store import LadybugStore
from tests.conftest import GAZETTE, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM:
        message = "chromium not installed (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("browser") / "db"
    with LadybugStore(folder) as store:
        govkg.ingest([GAZETTE], store)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), f"--server.port={port}",
         "--server.headless=true", "--browser.gatherUsageStats=false", "--", f"--db={folder}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not answer within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_dashboard_renders_documents_and_a_graph_in_chromium(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server)
        page.get_by_text("govkg · 政务知识图谱").wait_for(timeout=60_000)
        page.get_by_text("10 rows", exact=True).wait_for(timeout=60_000)  # the first question: documents
        page.locator("iframe").first.wait_for(timeout=30_000)  # the pyvis picture
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        assert page.get_by_text("东政任〔2020〕1号").count() >= 1
        browser.close()

"""What the site's browser tests share: Debian's Chromium driven by selenium (one driver
per test session), and a built site served over http on 127.0.0.1 by the standard
library's server in a thread, as any static host would serve it.

Without Chromium or chromedriver the browser tests are skipped, except where
``RC_NAVIGATEUR_REQUIS`` is set (``.ci/run`` sets it): there they fail."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import TESTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
         "--window-size=1280,1600")
WAIT_SECONDS = 60  # a page and its index loaded on a busy machine


def require(missing: str | None) -> None:
    """Skip, or fail where the browser tests must run."""
    if missing:
        if os.environ.get("RC_NAVIGATEUR_REQUIS"):
            pytest.fail(missing)
        pytest.skip(missing)


def chromium_missing() -> str | None:
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        return "chromium ou chromedriver absent (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium absent (pip install -e '.[dev]')"
    return None


def start_chromium(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_script_timeout(120)
    return driver


class Served(NamedTuple):
    url: str  # the site's root address
    requests: list[tuple[str, int]]  # (path asked, bytes of the file sent), in order


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder, and records each file it sends: what a browser downloaded
    (a Web Worker's requests too, which the page's Performance API does not see)."""

    requests: list[tuple[str, int]]

    def do_GET(self) -> None:
        super().do_GET()
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() else path
        if path.is_file():
            self.requests.append((self.path.split("?")[0], path.stat().st_size))

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(directory: Path) -> Iterator[Served]:
    """``directory`` served on a free port of 127.0.0.1, as a static host would."""
    requests: list[tuple[str, int]] = []
    handler = type("Handler", (_RecordingHandler,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


BLOCKING = ("serious", "critical")
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]})
  .then(result => done(result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))
  .catch(error => done({error: String(error)}));
"""


def axe_missing() -> str | None:
    return chromium_missing() or (None if AXE.is_file() else
                                  "axe-core absent (npm install --prefix tests/browser)")


def blocking_violations(driver) -> list[dict]:
    """axe-core's serious and critical violations on the page the driver shows."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(RUN_AXE)
    assert isinstance(found, list), found
    return [v for v in found if v["impact"] in BLOCKING]

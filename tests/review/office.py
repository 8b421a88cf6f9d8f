"""One headless LibreOffice for the test session (its own profile under the session's
temporary folder), driven through its API by ``uno_client.py`` run with LibreOffice's
own Python: Accept All / Reject All on a document, or a review made with changes
recorded, as a user of LibreOffice would do them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CLIENT = Path(__file__).with_name("uno_client.py")
SYSTEM_PYTHON = "/usr/bin/python3"
START_SECONDS = 90


def available() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).is_file():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                          check=False).returncode == 0


@dataclass
class Office:
    pipe: str
    process: subprocess.Popen

    def call(self, *arguments: str) -> dict:
        done = subprocess.run([SYSTEM_PYTHON, str(CLIENT), self.pipe, *arguments],
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr + done.stdout
        return json.loads(done.stdout)

    def paragraphs(self, path: Path, action: str = "none") -> list[str]:
        """The body's paragraphs after ``accept``-ing or ``reject``-ing every change."""
        result = self.call("texts", str(path), action)
        if action != "none":
            assert result["redlines"] == 0, f"{result['redlines']} changes left after {action}"
        return result["paragraphs"]

    def review(self, source: Path, target: Path, edits: list[dict]) -> Path:
        self.call("review", str(source), str(target), json.dumps(edits, ensure_ascii=False))
        assert target.is_file()
        return target


def start(folder: Path) -> Office:
    """A LibreOffice listening on a pipe of its own, ready to be called."""
    pipe = f"rc_tests_{os.getpid()}"
    process = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--nolockcheck", f"-env:UserInstallation={(folder / 'profil').as_uri()}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probe = (f"import uno\nlocal = uno.getComponentContext()\nresolver = local.ServiceManager."
             f"createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)\n"
             f"resolver.resolve('uno:pipe,name={pipe};urp;StarOffice.ComponentContext')\n")
    deadline = time.monotonic() + START_SECONDS
    while True:  # until the office answers on its pipe (each probe waits for it)
        if subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True,
                          check=False).returncode == 0:
            return Office(pipe, process)
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("LibreOffice did not start")


def stop(office: Office) -> None:
    probe = (f"import uno\nlocal = uno.getComponentContext()\nresolver = local.ServiceManager."
             f"createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)\n"
             f"context = resolver.resolve('uno:pipe,name={office.pipe};urp;"
             f"StarOffice.ComponentContext')\ncontext.ServiceManager.createInstanceWithContext("
             f"'com.sun.star.frame.Desktop', context).terminate()\n")
    subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, check=False, timeout=60)
    try:
        office.process.wait(30)
    except subprocess.TimeoutExpired:
        office.process.kill()


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """The session's LibreOffice (a plugin of ``tests/conftest.py``: review and rounds
    tests share it)."""
    if not available():
        pytest.skip("LibreOffice (soffice) with its Python (python3-uno) is not installed")
    running = start(tmp_path_factory.mktemp("libreoffice"))
    yield running
    stop(running)

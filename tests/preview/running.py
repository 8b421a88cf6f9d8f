"""The preview server as a writer runs it: ``python -m pipeline apercu`` in a child
process (its own process group, as a terminal's foreground job), on a copy of a sample
workspace."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent.parent
URL_LINE = re.compile(r"Aperçu prêt\s:\s(http://127\.0\.0\.1:(\d+)/)")
START_TIMEOUT = 240.0  # the first analysis of the sample's notes, on a busy machine
STOP_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def save_like_an_editor(path: Path, text: str) -> None:
    """A temporary file beside the note, renamed over it (Vim, VS Code, gedit…)."""
    temporary = path.with_name(f"{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class RunningPreview:
    def __init__(self, root: Path, *arguments: str, port: int | None = None) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "apercu", "--workspace", str(root),
             "--sans-navigateur", "--port", str(port or free_port()), *arguments],
            cwd=REPOSITORY, env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output = ""
        threading.Thread(target=self._read, daemon=True).start()
        found = self.wait_for(URL_LINE, START_TIMEOUT)
        self.url, self.port = found.group(1), int(found.group(2))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put("")  # the end

    def wait_for(self, pattern: re.Pattern[str], timeout: float) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while (found := pattern.search(self.output)) is None:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                line = ""
            if not line:
                self.stop()
                raise AssertionError(f"the preview did not start:\n{self.output}")
            self.output += line
        return found

    def rest(self) -> str:
        """What it printed until it ended."""
        while line := self.lines.get(timeout=STOP_TIMEOUT):
            self.output += line
        return self.output

    def page(self, contribution: str) -> str:
        return f"{self.url}{contribution}/{contribution}.html"

    def interrupt(self) -> int:
        """Ctrl-C as a terminal sends it: SIGINT to the whole process group."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(STOP_TIMEOUT)

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.interrupt()
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def group_members(group: int) -> list[int]:
    """The processes still alive in a process group."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members

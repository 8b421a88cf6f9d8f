"""The observation site in the preview: ``/site/`` as ``make site`` left it, made again
after each batch of saves, and every open page of it reloaded once it is.

Only when the coordinator made the site once (``build/site/index.html`` exists): the site
is built from the final editions, whose PDF and DOCX a writer editing a draft does not
need at each save. It is made by ``python -m pipeline site`` in a process of its own,
the very command a coordinator runs (same checks, same incremental writing, and the
preview's model and pages untouched), one at a time: saves that come while it runs
are taken by the next one."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.workspace import Workspace

SITE_PAGE = "site"  # the id the event stream gives the site's pages when it changed
STOP_SECONDS = 10.0  # what a site build stopped with the preview is given
MESSAGE_LINES = 5  # of a failed site build, what the preview's log repeats


def site_made(workspace: Workspace) -> bool:
    return (workspace.build / "site" / "index.html").is_file()


class SiteRefresher:
    """A thread that builds the site again each time ``request`` was called since its
    last build, then calls ``done(succeeded)``."""

    def __init__(self, workspace: Workspace, done: Callable[[bool], None],
                 log: Callable[[str], None]) -> None:
        self.workspace, self.done, self.log = workspace, done, log
        self._wanted = threading.Event()
        self._stop = threading.Event()
        self._process: subprocess.Popen[str] | None = None
        self.thread = threading.Thread(target=self._loop, name="site", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def request(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stop.set()
        self._wanted.set()
        process = self._process
        if process is None:
            return
        # Ctrl-C, as a terminal sends it: the build stops its LibreOffice on its way out
        for sig in (signal.SIGINT, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(STOP_SECONDS)
                return

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            if self._stop.is_set():
                return
            self._wanted.clear()
            self._build_once()

    def _build_once(self) -> None:
        started = time.monotonic()
        command = [sys.executable, "-m", "pipeline", "site", "-q", "--workspace",
                   str(self.workspace.root)]
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True,
                                         cwd=Path(self.workspace.root),
                                         start_new_session=True)
        _, err = self._process.communicate()
        code, self._process = self._process.returncode, None
        if self._stop.is_set():
            return
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        if code == 0:
            self.log(f"site refait (en {seconds}\u00a0s)\u00a0: /site/")
        else:
            lines = [line for line in err.splitlines() if line.strip()]
            said = ([line for line in lines if "erreur" in line] or lines)[:MESSAGE_LINES]
            self.log("site non refait (corrigez les erreurs, il est resté tel quel)\u00a0: "
                     + " | ".join(said))
        self.done(code == 0)

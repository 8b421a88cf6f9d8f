"""Watching the writers' and the coordinator's files with ``watchfiles`` (inotify on
Linux, the platform's own notifications elsewhere).

Editors save in bursts: a temporary file written then renamed over the note (most
editors, Word, LibreOffice), a backup file, a lock file, sometimes two writes.
``watchfiles`` gathers the changes until none came for ``STEP_MS`` (at most
``DEBOUNCE_MS``), and the filter below drops the files that are never a note; the
session then reads each changed file and does nothing when its content is the same.
While a page is being made, new changes wait and come together as the next batch."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

from pipeline.workspace import Workspace

STEP_MS = 100  # quiet time that closes a burst of changes
DEBOUNCE_MS = 1600  # the longest a burst is gathered
WATCHED = ("sources", "contributions", "templates")


class EditorFilter(DefaultFilter):
    """The default filter (swap files ``.swp``, backups ``~``, ``.#`` locks…) and the
    other files editors and the pipeline leave beside a note."""

    ignore_entity_patterns = (
        *DefaultFilter.ignore_entity_patterns,
        r"^~\$",  # Word's lock file
        r"^\.~lock\..*#$",  # LibreOffice's lock file
        r"^4913$",  # Vim's test of the folder
        r"^\.rc-",  # our own temporary files (pipeline/files.py)
        r"\.(tmp|part|crdownload|bak)$",
        r"^\.goutputstream-",  # GNOME's atomic save
        r"^#.*#$",  # Emacs' auto-save
    )


def watched_folders(workspace: Workspace) -> list[Path]:
    return [workspace.root / name for name in WATCHED if (workspace.root / name).is_dir()]


def watch_workspace(workspace: Workspace, on_change: Callable[[set[Path]], None],
                    stop: threading.Event) -> None:
    """Calls ``on_change`` with each batch of changed paths until ``stop`` is set."""
    folders = watched_folders(workspace)
    for changes in watch(*folders, watch_filter=EditorFilter(), step=STEP_MS,
                         debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False):
        paths = {Path(path) for _, path in changes if not Path(path).name.startswith(".")}
        if paths and not stop.is_set():  # hidden files are never read (stages/load.py)
            on_change(paths)

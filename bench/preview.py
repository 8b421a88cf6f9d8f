"""Preview benchmark: how soon a saved note is in the open page, against a cold build.

``python -m bench.preview [--sizes 50,200,1000] [--edits 5]`` writes, for each size, the
synthetic workspace of ``bench/build.py`` into a temporary folder, then:

1. **cold build**: ``python -m pipeline build`` with ``build/`` removed;
2. **full rebuild after one note changed**, twice: with each note's parsed AST in the
   cache (``build/_ast/``, filled by the cold build), then with that cache removed (what
   every rebuild did before the cache);
3. **preview**: ``python -m pipeline apercu --sans-navigateur`` started (its start-up
   time printed, and how long its warm-up took: the language model loaded and run
   once, in the background, beside the first pages), then ``--edits`` + 1 edits of one
   note, each saved the way editors do (a temporary file renamed over the note), the
   first as soon as the URL is printed: it is printed apart from the median of the
   next ones. An edit's latency runs from the rename to the moment the contribution's
   page, fetched after the server's event, holds the new sentence — what the open page
   does, less the browser's own work of putting the body in place. The server's steps
   (``/_apercu/etat``) are kept for each edit; medians are printed. ``--preview-only``:
   no build, the preview's start fills the caches.

Child processes run the worktree's own ``pipeline`` (``PYTHONPATH``). This is a
benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

from bench.build import REPOSITORY, SyntheticNote, generate

URL_LINE = re.compile(r"Aperçu prêt\s:\s(http://127\.0\.0\.1:(\d+)/)")
START_TIMEOUT = 1800.0
EDIT_TIMEOUT = 300.0


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPOSITORY)}


def timed(command: list[str], log: Path) -> float:
    with log.open("wb") as out:
        start = time.perf_counter()
        code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=environment(),
                              cwd=REPOSITORY, check=False).returncode
        seconds = time.perf_counter() - start
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited with {code}; see {log}")
    return seconds


def build(workspace: Path, log: Path) -> float:
    return timed([sys.executable, "-m", "pipeline", "build", "--workspace", str(workspace)], log)


def save_like_an_editor(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@dataclass
class PreviewRun:
    start: float
    warm: float | None = None  # the warm-up's own time (None: before there was one)
    warm_at_first: bool | None = None  # over when the first edit was saved
    first: float = 0.0  # the first edit after start
    first_steps: dict[str, float] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)  # the next ones
    steps: list[dict[str, float]] = field(default_factory=list)


class Preview:
    """The preview server in a child process."""

    def __init__(self, workspace: Path, log: Path) -> None:
        self.log = log.open("w", encoding="utf-8")
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "apercu", "--workspace", str(workspace),
             "--sans-navigateur", "--port", "8900"], stdout=subprocess.PIPE,
            stderr=self.log, text=True, env=environment(), cwd=REPOSITORY)
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.write(line)
            found = URL_LINE.search(line)
            if found:
                self.url, self.port = found.group(1), int(found.group(2))
                break
            if time.perf_counter() - started > START_TIMEOUT:
                raise RuntimeError("the preview did not start")
        else:
            raise RuntimeError(f"the preview stopped; see {log}")
        self.start_seconds = time.perf_counter() - started

    def state(self) -> dict:
        with urllib.request.urlopen(self.url + "_apercu/etat") as answer:
            return json.loads(answer.read())

    def edit(self, note: Path, text: str, page: str, needle: str) -> float:
        """Seconds from the save to the page holding ``needle``."""
        epoch = self.state()["epoch"]
        events = HTTPConnection("127.0.0.1", self.port, timeout=EDIT_TIMEOUT)
        events.request("GET", f"/_apercu/evenements?depuis={epoch}")
        stream = events.getresponse()
        start = time.perf_counter()
        save_like_an_editor(note, text)
        while time.perf_counter() - start < EDIT_TIMEOUT:
            line = stream.readline().decode("utf-8")
            if not line:
                raise RuntimeError("the event stream closed")
            if line.startswith("data: "):
                change = json.loads(line[6:])
                if change["pages"] is None or page in change["pages"]:
                    with urllib.request.urlopen(f"{self.url}{page}/{page}.html") as answer:
                        if needle in answer.read().decode("utf-8"):
                            seconds = time.perf_counter() - start
                            events.close()
                            return seconds
        raise RuntimeError(f"« {needle} » not in the page after {EDIT_TIMEOUT} s")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # as Ctrl-C
        try:
            self.process.wait(30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.log.close()


def bench_preview(workspace: Path, note: SyntheticNote, edits: int, logs: Path) -> PreviewRun:
    preview = Preview(workspace, logs / "apercu.log")
    run = PreviewRun(preview.start_seconds)
    run.warm_at_first = preview.state().get("prechauffe")
    page = note.contributions[0]
    path = workspace / note.path
    original = path.read_text(encoding="utf-8")
    try:
        for n in range(edits + 1):
            needle = f"Mesure {n + 1} du banc"  # nothing that typography would change
            seconds = preview.edit(path, f"{original}\n{needle}\n", page, needle)
            steps = preview.state()["pages"][page]["steps"]
            if n:
                run.latencies.append(seconds)
                run.steps.append(steps)
            else:
                run.first, run.first_steps = seconds, steps
        run.warm = preview.state().get("prechauffage_secondes")
    finally:
        preview.stop()
    return run


def bench_size(count: int, edits: int, top: Path, preview_only: bool = False) -> None:
    workspace = top / f"notes-{count}"
    logs = top / f"logs-{count}"
    logs.mkdir(parents=True)
    notes = generate(workspace, count)
    note = next(n for n in notes if len(n.contributions) == 1)
    if preview_only:
        print(f"\n{count} notes (preview only: its start fills the caches)")
        print_preview(bench_preview(workspace, note, edits, logs), None)
        return
    cold = build(workspace, logs / "cold.log")
    target = workspace / note.path
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\nUne phrase ajoutée : reconstruction complète.\n", "utf-8")
    with_cache = build(workspace, logs / "one-cached.log")
    shutil.rmtree(workspace / "build" / "_ast")
    target.write_text(original + "\nUne autre phrase : sans le cache des notes.\n", "utf-8")
    without_cache = build(workspace, logs / "one-uncached.log")
    run = bench_preview(workspace, note, edits, logs)
    print(f"\n{count} notes")
    print(f"  cold build                          {cold:7.1f} s")
    print(f"  one note changed, full rebuild      {with_cache:7.1f} s with the AST cache, "
          f"{without_cache:.1f} s without")
    print_preview(run, cold)


def print_preview(run: PreviewRun, cold: float | None) -> None:
    latency = statistics.median(run.latencies)
    warm = "no warm-up" if run.warm is None else (
        f"warm-up {run.warm:.1f} s, {'over' if run.warm_at_first else 'not over'} at the "
        "first edit")
    print(f"  preview start-up (warm caches)      {run.start:7.1f} s ({warm})")
    print(f"  preview, first edit after start     {run.first:7.2f} s = "
          f"{run.first / latency:.2f} × the next ones' median; its steps: "
          + ", ".join(f"{k} {v:.2f} s" for k, v in run.first_steps.items()))
    print(f"  preview latency, median of {len(run.latencies)}       {latency:7.2f} s "
          f"(min {min(run.latencies):.2f}, max {max(run.latencies):.2f})"
          + (f" = {100 * latency / cold:.1f} % of the cold build" if cold else ""))
    for step in run.steps[0]:
        values = [s.get(step, 0.0) for s in run.steps]
        print(f"    {step:<34}{statistics.median(values):7.2f} s")
    server = sum(statistics.median([s.get(k, 0.0) for s in run.steps]) for k in run.steps[0])
    print(f"    {'(watching, serving, fetching)':<34}{latency - server:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--preview-only", action="store_true",
                        help="no build: the preview's start-up and edits only")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
    print(f"python -m bench.preview --sizes {args.sizes} --edits {args.edits} "
          f"({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        for count in (int(s) for s in args.sizes.split(",") if s.strip()):
            bench_size(count, args.edits, Path(folder), args.preview_only)


if __name__ == "__main__":
    main()

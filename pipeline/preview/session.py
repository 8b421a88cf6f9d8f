"""What the live preview knows of the workspace between two saves, and how it makes a
contribution's page again after some files changed.

Everything is checked once at the start (``build.check``, the same stages as a build).
Then, when a note is saved, only that note is read, validated, analysed (the model
stays loaded in this process) and placed again; every other note keeps its record,
its analysis and its placements. A change under ``contributions/`` or ``templates/``
checks everything again (the analysis cache on disk makes that short). A page is then
made the way a build makes its HTML: group → render → pandoc's parse (each note's
parse from ``build/_ast/``) → pandoc's HTML writer → the charter's page template.
Neither the DOCX nor the PDF is made here.

The first save after start costs what the next ones do: once everything is checked,
``warm_up`` loads the language model and analyses one note (nothing stored) in a
thread, while the first pages are made; an edit that comes before it ends waits for
it (the step « chargement du modèle » says how long) rather than loading twice.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from pipeline.build import check
from pipeline.charter import Charter, load_charter
from pipeline.diagnostics import Diagnostic, Report
from pipeline.language.analysis import Analyses, analyse_notes, load_model
from pipeline.model import Contribution, Note, Placement, RawNote, Registry
from pipeline.office.reader import read_office_note
from pipeline.outputs.document_ast import outline, with_figures
from pipeline.outputs.html import page as html_page
from pipeline.stages.convert import source_texts, to_ast
from pipeline.stages.enrich import enrich
from pipeline.stages.group import group
from pipeline.stages.load import NOTE_SUFFIXES, OFFICE_SUFFIXES, read_note
from pipeline.stages.render import render
from pipeline.stages.validate import validate_note
from pipeline.workspace import Workspace

PREVIEW_FOLDER = "_apercu"  # build/_apercu/<id>.html: the pages as made, without the script


@dataclass(frozen=True)
class Page:
    contribution: Contribution
    html: str  # as published: no live-reload script in it
    diagnostics: tuple[Diagnostic, ...]  # of making it (the filter's warnings…)
    timings: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass
class _NoteFile:
    """One note file as the preview last read it."""

    note: Note | None  # its last valid version (kept on screen while the file is wrong)
    placements: tuple[Placement, ...]
    diagnostics: tuple[Diagnostic, ...]
    valid: bool


class Session:
    def __init__(self, workspace: Workspace, build_date: date, only: tuple[str, ...] = ()) -> None:
        self.workspace = workspace
        self.build_date = build_date
        self.only = only
        self.charter: Charter | None = None
        self.glossary: dict[str, str] = {}
        self.registry = Registry(())
        self.contributions: tuple[Contribution, ...] = ()
        self.general: tuple[Diagnostic, ...] = ()  # configuration, unreadable files
        self.files: dict[str, _NoteFile] = {}
        self.language = Analyses()
        self.timings: dict[str, float] = {}
        self._model_lock = threading.Lock()
        self.warm = threading.Event()  # set once the model is loaded and has run once
        self.warm_seconds: float | None = None
        self._waited = 0.0  # what the current edit waited for the warm-up

    # --- what changed ---------------------------------------------------------------

    def check_all(self) -> set[str]:
        """Everything read and checked again; returns the contributions to make."""
        start = time.perf_counter()
        self.charter = load_charter(self.workspace.template("charte/charte.yaml"))
        report = Report()
        if threading.active_count() > 1 or not self._analysed_before():
            # the watcher's thread: no fork (see preload_model); or a first analysis of
            # the whole workspace: in a child it would load the model, and the warm-up
            # after it again
            self.preload_model()
        checked = check(self.workspace, report)
        self.registry = checked.inputs.registry
        self.contributions = checked.inputs.contributions
        self.language = checked.language
        self.glossary = checked.glossary
        by_path: dict[str, list[Diagnostic]] = {}
        for diagnostic in report.diagnostics:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
        placements: dict[str, list[Placement]] = {}
        for placement in checked.placements:
            placements.setdefault(placement.note.path, []).append(placement)
        valid = {n.path: n for n in checked.notes}
        self.files = {raw.path: _NoteFile(valid.get(raw.path), tuple(placements.get(raw.path, ())),
                                          tuple(by_path.pop(raw.path, ())), raw.path in valid)
                      for raw in checked.inputs.notes}
        for path, diagnostics in list(by_path.items()):
            if path.startswith("sources/") and path not in self.files:  # unreadable notes
                self.files[path] = _NoteFile(None, (), tuple(diagnostics), False)
                by_path.pop(path)
        self.general = tuple(d for ds in by_path.values() for d in ds)
        self.timings = {"vérification complète": time.perf_counter() - start}
        return {c.id for c in self.selected()}

    def _analysed_before(self) -> bool:
        cache = self.workspace.build / "_analyse"
        return cache.is_dir() and any(cache.iterdir())

    def update(self, changed: Iterable[Path]) -> set[str]:
        """The files that changed taken into account; returns the contributions to make
        again (none when nothing that matters changed)."""
        root = self.workspace.root.resolve()
        relative = [p.resolve().relative_to(root) for p in changed
                    if p.resolve().is_relative_to(root)]
        if any(r.parts[0] in ("contributions", "templates") for r in relative):
            return self.check_all()
        start = time.perf_counter()
        touched: set[str] = set()
        notes = [r for r in relative if r.parts[0] == "sources"
                 and r.suffix.lower() in (*NOTE_SUFFIXES, *OFFICE_SUFFIXES)]
        others = [r for r in relative if r.parts[0] == "sources" and r not in notes
                  and not (self.workspace.root / r).is_dir()]
        for path in notes:
            touched |= self._reread(path)
        for path in others:  # an image: the notes beside it
            folder = path.parent.as_posix() + "/"
            touched |= {p.contribution_id for f in self.files.values() if f.note
                        for p in f.placements if f.note.path.startswith(folder)}
        waited, self._waited = self._waited, 0.0
        self.timings = {"chargement du modèle": waited} if waited else {}
        self.timings["lecture, vérification, analyse"] = time.perf_counter() - start - waited
        return touched & {c.id for c in self.selected()}

    def _reread(self, relative: Path) -> set[str]:
        """One note file read again: the contributions it was and is in."""
        shown = relative.as_posix()
        before = self.files.get(shown)
        touched = {p.contribution_id for p in before.placements} if before else set()
        path = self.workspace.root / relative
        if not path.is_file():  # removed (or renamed: the new name comes as its own change)
            self.files.pop(shown, None)
            return touched
        report = Report()
        raw = self._read(path, report)
        note = validate_note(raw, self.registry, self.contributions, report) if raw else None
        if note is None:  # wrong: its last valid version stays on screen (the banner says so)
            self.files[shown] = _NoteFile(before.note if before else None,
                                          before.placements if before else (),
                                          tuple(report.diagnostics), False)
            return set()
        if before and before.note and before.note.content_hash == note.content_hash:
            before.valid, before.diagnostics = True, tuple(report.diagnostics) + tuple(
                d for d in before.diagnostics if d.code.startswith("theme."))
            return set()  # saved without a change, or put back as it was
        self._analyse(note)
        placements = enrich((note,), self.contributions, report, self.language)
        self.files[shown] = _NoteFile(note, placements, tuple(report.diagnostics), True)
        return touched | {p.contribution_id for p in placements}

    def _read(self, path: Path, report: Report) -> RawNote | None:
        if path.suffix.lower() in OFFICE_SUFFIXES:
            return read_office_note(path, self.workspace, report)
        return read_note(path, self.workspace, report)

    def _analyse(self, note: Note) -> None:
        keywords = (k for c in self.contributions for t in c.themes for k in t.keywords)
        was_warm, waiting = self.warm.is_set(), time.perf_counter()
        self.preload_model()  # here, never in a forked child: this process has threads
        if not was_warm:
            self._waited += time.perf_counter() - waiting
        done = analyse_notes([note], self.workspace.build / "_analyse", keywords, prune=False)
        self.language = replace(self.language, keywords=done.keywords,
                                by_path={**self.language.by_path, **done.by_path})

    def preload_model(self) -> None:
        """The language model in this process (once), so that an edit's analysis runs here:
        ``analyse_notes`` would otherwise fork a child, which a process with threads (the
        server's, the watcher's) must not do — the child may inherit a lock held.
        Waits for the warm-up when it runs (it holds the lock)."""
        with self._model_lock:
            load_model()

    def warm_up_in_background(self, done: Callable[[float], None]) -> threading.Thread:
        """``warm_up`` in a thread; ``done(seconds)`` when it ends. Called once the
        workspace is checked (that check may fork: no thread may run before it)."""
        sample = next((f.note for f in self.files.values() if f.note), None)
        thread = threading.Thread(target=self.warm_up, args=(sample, done), name="préchauffage",
                                  daemon=True)
        thread.start()
        return thread

    def warm_up(self, sample: Note | None, done: Callable[[float], None] | None = None) -> None:
        """What the first edit would otherwise pay: the model loaded, and run once on a
        note through the edit's own path (in this process, nothing written: no cache),
        so that spaCy's lazy set-ups are done too. An edit meanwhile waits on the lock."""
        start = time.perf_counter()
        try:
            with self._model_lock:
                load_model()
                if sample is not None:
                    analyse_notes([sample], None, prune=False)
        except Exception:  # the edit's own analysis will say what is wrong
            pass
        finally:
            self.warm_seconds = time.perf_counter() - start
            self.warm.set()
        if done is not None:
            done(self.warm_seconds)

    # --- the pages ------------------------------------------------------------------

    def selected(self) -> list[Contribution]:
        return [c for c in self.contributions if not self.only or c.id in self.only]

    def unknown(self) -> list[str]:
        known = {c.id for c in self.contributions}
        return [wanted for wanted in self.only if wanted not in known]

    def placements(self) -> tuple[Placement, ...]:
        return tuple(p for f in self.files.values() for p in f.placements)

    def page(self, contribution: Contribution) -> Page:
        """The contribution's HTML page, as a build would write it."""
        assert self.charter is not None, "check_all first"
        timings = dict(self.timings)  # what the change took before the page
        clock = _Clock(timings)
        report = Report()
        document = group(contribution, self.placements(), self.registry, report, final=False,
                         build_date=self.build_date, language=self.language)
        clock("regroupement")
        rendered = render(document, self.workspace, self.charter, self.glossary)
        clock("Markdown")
        where = f"build/{contribution.id}/{contribution.id}.md"
        tree = to_ast(rendered.markdown, self.workspace, report, where, source_texts(document),
                      pieces=rendered.pieces)
        clock("lecture par pandoc")
        ast = json.dumps(with_figures(tree, rendered.figures, "svg"),
                         ensure_ascii=False).encode("utf-8")
        html = html_page(ast, outline(tree), document, self.workspace, self.charter)
        clock("écriture HTML")
        return Page(contribution, html, tuple(report.diagnostics), timings)

    def banner(self, page: Page) -> tuple[Diagnostic, ...]:
        """The banner's lines: every error (a wrong note may no longer name this
        contribution), and the warnings of this contribution's notes and page."""
        contribution = page.contribution
        mine = {p.note.path for p in self.placements() if p.contribution_id == contribution.id}
        found = [d for d in (*self.general, *page.diagnostics,
                             *(d for f in self.files.values() for d in f.diagnostics))
                 if d.severity == "erreur"
                 or (d.severity == "attention" and (d.path in mine or d.path.startswith("build/")
                                                    or d.path.startswith(_folder(contribution))))]
        kept = [path for path, f in self.files.items() if not f.valid and f.note
                and contribution.id in f.note.contributions]
        kept_message = ("la dernière version valide de la note reste affichée\u00a0; elle "
                        "n’entrerait pas dans les documents")
        notes = [Diagnostic(path, None, "info", kept_message, "apercu.note") for path in kept]
        return tuple(sorted(dict.fromkeys([*found, *notes]),
                            key=lambda d: (d.severity != "erreur", d.path, d.line or 0)))


def _folder(contribution: Contribution) -> str:
    return contribution.path.rsplit("/", 1)[0] + "/"


class _Clock:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings, self.last = timings, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = now - self.last
        self.last = now


def write_page(workspace: Workspace, page: Page) -> Path:
    """The page as made (no script), for whoever wants to look at it: build/_apercu/."""
    from pipeline.files import write_atomic

    target = workspace.build / PREVIEW_FOLDER / f"{page.contribution.id}.html"
    write_atomic(target, page.html.encode("utf-8"))
    return target

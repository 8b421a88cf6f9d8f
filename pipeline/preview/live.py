"""The pages on show and their epoch, shared by the builder (one thread: the watcher's)
and the server's threads.

As in MkDocs' livereload, one condition variable guards everything: a page is made
outside the lock, then published with the new epoch in one step, so that a request
never sees half of a rebuild; whoever waits for a newer epoch (the event stream of
each open page) is woken then."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.diagnostics import Diagnostic
from pipeline.failures import describe
from pipeline.preview.session import Page, Session, write_page

HOME = ""  # the home page's id among the pages that change
HISTORY = 200  # epochs whose changed pages are remembered
WARM_LINE = "Analyse de la langue prête"  # printed once warm (tests and bench wait for it)


@dataclass(frozen=True)
class Shown:
    """What the server serves for a contribution: its page and its banner."""

    page: Page
    banner: tuple[Diagnostic, ...]


class Live:
    def __init__(self, session: Session, log: Callable[[str], None] = print) -> None:
        self.session = session
        self.log = log
        self.condition = threading.Condition()
        self.epoch = 0
        self.shown: dict[str, Shown] = {}
        self.changes: dict[int, frozenset[str]] = {}  # epoch → the pages it changed
        self.stopping = False

    # --- the builder's side -------------------------------------------------------

    def start(self) -> None:
        wanted = self._checked(self.session.check_all)
        self.session.warm_up_in_background(self._warm)  # beside the first pages
        self._make(wanted)

    def _warm(self, seconds: float) -> None:
        shown = f"{seconds:.1f}".replace(".", ",")
        self.log(f"{WARM_LINE} (en {shown}\u00a0s)\u00a0: chaque enregistrement est pris en compte "
                 "sans attendre le modèle.")

    def update(self, paths: Iterable[Path]) -> None:
        self._make(self._checked(lambda: self.session.update(paths)))

    def _checked(self, step: Callable[[], set[str]]) -> set[str]:
        try:
            return step()
        except Exception as exc:  # shown in the page; the preview goes on
            said = describe(exc)
            self.session.general = (Diagnostic("apercu", None, "erreur", "l’aperçu n’a pas pu "
                                               f"relire l’espace de travail\u00a0: {said}",
                                               "apercu.erreur"),)
            return set()

    def _make(self, wanted: set[str]) -> None:
        made: dict[str, Page] = {}
        for contribution in self.session.selected():
            if contribution.id not in wanted:
                continue
            try:
                page = self.session.page(contribution)
            except Exception as exc:  # a template being edited, pandoc…: the last page stays
                self._failed(contribution.id, exc)
                continue
            write_page(self.session.workspace, page)
            made[contribution.id] = page
            steps = " ; ".join(f"{k} {v:.2f} s".replace(".", ",")
                               for k, v in page.timings.items())
            self.log(f"page refaite\u00a0: {contribution.id} ({steps})")
        self._publish(made)

    def _failed(self, contribution_id: str, exc: Exception) -> None:
        said = describe(exc)
        self.log(f"{contribution_id}\u00a0: la page n’a pas pu être refaite ({said})")
        old = self.shown.get(contribution_id)
        if old:
            failure = Diagnostic(f"build/{contribution_id}", None, "erreur",
                                 f"la page n’a pas pu être refaite\u00a0: {said}",
                                 "apercu.page")
            self._publish({contribution_id: Page(old.page.contribution, old.page.html,
                                                 (*old.page.diagnostics, failure))})

    def _publish(self, made: dict[str, Page]) -> None:
        selected = {c.id for c in self.session.selected()}
        with self.condition:
            pages = {i: s.page for i, s in self.shown.items() if i in selected} | made
            shown = {i: Shown(p, self.session.banner(p)) for i, p in pages.items()}
            changed = {i for i in shown if shown[i] != self.shown.get(i)}
            changed |= set(self.shown) - set(shown)
            self.shown = shown
            if changed or not self.epoch:
                self.epoch += 1
                self.changes[self.epoch] = frozenset({*changed, HOME})
                self.changes.pop(self.epoch - HISTORY, None)
                self.condition.notify_all()

    def touch(self, page_id: str) -> None:
        """A new epoch that changed ``page_id`` only (the site, made by another process)."""
        with self.condition:
            self.epoch += 1
            self.changes[self.epoch] = frozenset({page_id})
            self.changes.pop(self.epoch - HISTORY, None)
            self.condition.notify_all()

    # --- the server's side --------------------------------------------------------

    def wait_newer(self, epoch: int, timeout: float) -> tuple[int, frozenset[str] | None]:
        """The epoch after ``epoch`` is visible (or ``timeout`` passed), and which pages
        changed since (None: all of them, the history being too short)."""
        with self.condition:
            self.condition.wait_for(lambda: self.epoch > epoch or self.stopping, timeout)
            if self.epoch <= epoch:
                return self.epoch, frozenset()
            if all(e in self.changes for e in range(epoch + 1, self.epoch + 1)):
                return self.epoch, frozenset().union(
                    *(self.changes[e] for e in range(epoch + 1, self.epoch + 1)))
            return self.epoch, None

    def get(self, contribution_id: str) -> tuple[int, Shown | None]:
        with self.condition:
            return self.epoch, self.shown.get(contribution_id)

    def snapshot(self) -> tuple[int, dict[str, Shown]]:
        with self.condition:
            return self.epoch, dict(self.shown)

    def stop(self) -> None:
        with self.condition:
            self.stopping = True
            self.condition.notify_all()

"""Which draft a reviewer's file was made on: a draft recorded as sent
(``envois/<id>/<date>/``) or the current draft (``build/<id>/``), found by the build
id in the file's custom properties, failing that by its content."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.office.package import OfficeFileError
from pipeline.outputs.docx.anchors import Anchor, read_anchors
from pipeline.outputs.edition import draft_files
from pipeline.rounds.sent import Sent, sent_drafts
from pipeline.typography import french_date
from pipeline.workspace import Workspace

SAME_CONTENT = 0.5  # share of paragraphs in common (Jaccard) to recognise a draft


@dataclass(frozen=True)
class Draft:
    label: str  # what the report calls it
    build: str
    docx: Path
    anchors: tuple[Anchor, ...]
    sent: Sent | None  # None: the current draft, not recorded as sent

    def note_text(self, workspace: Workspace, path: str) -> str | None:
        """The note's file as the draft was made from it."""
        if self.sent is not None:
            return self.sent.note_text(path)
        return current_text(workspace, path)


def current_text(workspace: Workspace, path: str) -> str | None:
    try:
        return (workspace.root / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def candidates(workspace: Workspace, contribution: str) -> list[Draft]:
    """The drafts sent (oldest first), then the current draft."""
    drafts = []
    for sent in sent_drafts(workspace, contribution):
        anchors = _anchors(sent.anchors)
        if anchors is not None:
            when = french_date_of(sent.date)
            drafts.append(Draft(f"brouillon envoyé le {when} ({sent.label}/)", sent.build,
                                sent.docx, anchors[1], sent))
    files = draft_files(workspace, contribution)
    current = _anchors(files["anchors"])
    if current is not None:
        drafts.append(Draft(f"brouillon actuel ({workspace.relative(files['docx'])}, pas "
                            "encore enregistré comme envoyé)", current[0], files["docx"],
                            current[1], None))
    return drafts


def french_date_of(iso: str) -> str:
    from datetime import date

    try:
        return french_date(date.fromisoformat(iso))
    except ValueError:
        return iso


def _anchors(path: Path) -> tuple[str, tuple[Anchor, ...]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["build"], read_anchors(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Drafts:
    """The known drafts of one contribution, and each one's paragraphs (read once)."""

    def __init__(self, workspace: Workspace, contribution: str) -> None:
        self.drafts = candidates(workspace, contribution)
        self.texts: dict[Path, frozenset[str]] = {}

    def by_build(self, build: str | None) -> Draft | None:
        # the current draft last: a draft sent is the one its remarks were made on
        return next((d for d in self.drafts if build and d.build == build), None)

    def by_content(self, texts: frozenset[str]) -> Draft | None:
        best, score = None, 0.0
        for draft in self.drafts:  # on a tie, the draft sent first
            theirs = self._texts(draft.docx)
            union = len(texts | theirs)
            share = len(texts & theirs) / union if union else 0.0
            if share >= SAME_CONTENT and share > score:
                best, score = draft, share
        return best

    def _texts(self, path: Path) -> frozenset[str]:
        if path not in self.texts:
            from pipeline.review.reading import read_review

            try:
                self.texts[path] = read_review(path, str(path)).texts
            except OfficeFileError:
                self.texts[path] = frozenset()
        return self.texts[path]

"""What a check or a build made of each contribution's sources: the notes left out
because of their errors (with the reason) and the diagnostics that concern it. Read by
the build report (``outputs/report.py``) and the dashboard (``outputs/dashboard.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.diagnostics import Diagnostic, TableRow
from pipeline.model import Note, RawNote
from pipeline.yamlread import Located


@dataclass(frozen=True)
class LeftOut:
    path: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    """One contribution's notes with errors and the diagnostics that concern it."""

    contribution_id: str
    failed: tuple[LeftOut, ...]
    diagnostics: tuple[Diagnostic, ...]


def named_contributions(raw: RawNote) -> tuple[str, ...] | None:
    """The contributions a note's front matter names, read loosely (None: unreadable)."""
    mapping = raw.front_matter
    if not isinstance(mapping, Located) or not isinstance(mapping.value, dict):
        return None
    named = mapping.value.get("contribution")
    if named is None:
        return None
    items = named.value if isinstance(named.value, list) else [named]
    ids = tuple(str(i.value).strip() for i in items if isinstance(i.value, str))
    return ids or None


def outcome(contribution_id: str, files: tuple[str, ...], raw_notes: tuple[RawNote, ...],
            notes: tuple[Note, ...], diagnostics: tuple[Diagnostic, ...]) -> Outcome:
    named = {raw.path: named_contributions(raw) for raw in raw_notes}
    named |= {note.path: note.contributions for note in notes}

    def concerns(path: str) -> bool:
        """A file that names this contribution, or that names none we can read."""
        ids = named.get(path)
        return ids is None or contribution_id in ids

    own = tuple(d for d in diagnostics if d.severity != "info" and _concerns(
        d.path, contribution_id, concerns))
    valid = {note.path for note in notes}
    errors: dict[str, list[Diagnostic]] = {}
    for d in own:
        if d.severity == "erreur" and d.path.startswith("sources/") and d.path not in valid:
            errors.setdefault(d.path, []).append(d)
    failed = tuple(LeftOut(path, reason(errors[path])) for path in sorted(errors)
                   if path in files or path in named)
    return Outcome(contribution_id, failed, own)


def _concerns(path: str, contribution_id: str, concerns: Callable[[str], bool]) -> bool:
    if path.startswith("sources/") or path == "sources":
        return concerns(path)
    if path.startswith("contributions/"):
        parts = path.split("/")
        return len(parts) < 3 or parts[1] == contribution_id
    if path.startswith("build/"):
        return path.split("/")[1] == contribution_id
    return True  # the whole workspace (« contributions », « sources »)


def reason(errors: list[Diagnostic]) -> str:
    """The first error, where it is, and how many more."""
    first = sorted(errors, key=lambda d: d.line or 0)[0]
    where = ""
    if isinstance(first.line, TableRow) and first.line:
        where = f"ligne {int(first.line)} du tableau : "
    elif first.line:
        where = f"ligne {first.line} : "
    more = len(errors) - 1
    rest = f" (et {more} autre{'s' if more > 1 else ''} erreur{'s' if more > 1 else ''})" \
        if more else ""
    return f"erreur : {where}{first.message}{rest}"

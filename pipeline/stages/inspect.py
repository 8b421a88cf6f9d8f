"""Inspect: every writer's text parsed by the same filter as the build's
(``pipeline/filters/notes.lua``), so that ``check`` and ``build`` report the same
problems (images, sections, raw HTML, links) — once, whichever contributions a note is
in. The texts not inspected before go through one pandoc run (images only measured);
what each text gave is cached in ``build/_inspection.json``, keyed by its text and the
files beside it. The images under ``sources/`` that no note shows are named."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.diagnostics import Report
from pipeline.files import write_atomic
from pipeline.model import Contribution, RawNote
from pipeline.outputs.markdown import markdown_block
from pipeline.pandoc import FILTERS, PandocError, run_pandoc
from pipeline.workspace import Workspace

SECTION = "Enseignements"  # what the cross-reading collects (templates/document.md.j2)
USED = "image.utilisee"  # the filter's line for an image a text shows (inspection only)
CACHE = "_inspection.json"


@dataclass(frozen=True)
class Text:
    where: str  # its workspace-relative path
    text: str
    first_line: int  # 0: a Word/LibreOffice note (no lines)
    base: str  # the folder its images are relative to
    note: bool  # a note (its « Enseignements » are looked for)


def inspect_sources(notes: tuple[RawNote, ...], contributions: tuple[Contribution, ...],
                    images: tuple[str, ...], files: tuple[str, ...], workspace: Workspace,
                    report: Report) -> frozenset[str]:
    """Reports what the filter finds in every text; returns the images the notes show."""
    texts = list(_texts(notes, contributions))
    results = _results(texts, workspace, report)
    used: set[str] = set()
    for text in texts:
        found = results.get(text.where, {"warnings": [], "images": []})
        used.update(found["images"])
        for code, message, needle in found["warnings"]:
            report.warning(text.where, line_of(needle, text.text, text.first_line), message,
                           code)
    unread = [f for f in files if f not in {n.path for n in notes}]
    _report_unused(images, frozenset(used), _mentioned(unread, workspace), report)
    return frozenset(used)


def _texts(notes: tuple[RawNote, ...], contributions: tuple[Contribution, ...]) -> Iterator[Text]:
    for note in notes:
        if note.body.strip():
            yield Text(note.path, note.body, note.body_line,
                       note.media_base or note.path.rpartition("/")[0], True)
    for contribution in contributions:
        folder = contribution.path.rsplit("/", 1)[0]
        for name, text in (("introduction.md", contribution.introduction),
                           ("enseignements.md", contribution.lessons)):
            if text and text.strip():
                yield Text(f"{folder}/{name}", text, 1, folder, False)


def _results(texts: list[Text], workspace: Workspace, report: Report) -> dict[str, dict]:
    """Each text's warnings and images: from the cache, or from one pandoc run."""
    store = workspace.build / CACHE
    try:
        cache = json.loads(store.read_text(encoding="utf-8")) if store.is_file() else {}
    except (OSError, ValueError):
        cache = {}
    common = _common_key(workspace)
    listings: dict[str, list] = {}
    keys = {t.where: _key(t, common, _listing(workspace.root / t.base, listings))
            for t in texts}
    missing = [t for t in texts if keys[t.where] not in cache]
    if missing:
        try:
            fresh = _run(missing, workspace)
        except PandocError as exc:
            report.error("sources", None, f"vérification des textes impossible : {exc}",
                         "textes.verification")
            return {}
        cache |= {keys[where]: value for where, value in fresh.items()}
    kept = {keys[t.where]: cache[keys[t.where]] for t in texts}
    data = json.dumps(kept, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if missing or len(kept) != len(cache):
        write_atomic(store, data)
    return {t.where: kept[keys[t.where]] for t in texts}


def _common_key(workspace: Workspace) -> str:
    lua = (FILTERS / "notes.lua").read_bytes()
    return hashlib.sha256(lua + repr(workspace.escaping_links()).encode()).hexdigest()


def _listing(folder: Path, known: dict[str, list]) -> list:
    """The files its images may be (name, size, date), listed once per folder."""
    if str(folder) not in known:
        known[str(folder)] = [] if not folder.is_dir() else [
            (p.relative_to(folder).as_posix(), s.st_size, s.st_mtime_ns)
            for p in sorted(folder.rglob("*")) if (s := p.stat()) and p.is_file()]
    return known[str(folder)]


def _key(text: Text, common: str, listing: list) -> str:
    """The text, and the files beside it."""
    payload = json.dumps([common, text.where, text.base, text.note, text.text, listing])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _run(texts: list[Text], workspace: Workspace) -> dict[str, dict]:
    blocks = []
    for text in texts:
        blocks.append(markdown_block(text.text, base=text.base, where=text.where))
        if text.note:  # as the cross-reading takes it
            blocks.append(markdown_block(text.text, base=text.base, where=text.where,
                                         section=SECTION))
    forbidden = [f"--metadata=rc-forbidden={link}" for link in workspace.escaping_links()]
    result = run_pandoc(["--from=markdown", "--to=json", "--sandbox", "--lua-filter",
                         str(FILTERS / "notes.lua"), "--metadata=rc-inspect=1", *forbidden],
                        "\n".join(blocks).encode("utf-8"), workspace.root)
    found: dict[str, dict] = {t.where: {"warnings": [], "images": []} for t in texts}
    for warning in sorted(set(result.warnings), key=lambda w: (w.path, w.message, w.needle)):
        entry = found.setdefault(warning.path, {"warnings": [], "images": []})
        if warning.code == USED:
            entry["images"].append(_normal(warning.needle))
        else:
            entry["warnings"].append([warning.code, warning.message, warning.needle])
    return found


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        parts.append(part)
    return "/".join(parts)


def line_of(needle: str, text: str, first_line: int) -> int | None:
    """The file line of ``needle`` in ``text`` (None: not found, or a Word note)."""
    index = text.find(needle) if needle and first_line else -1
    return None if index < 0 else first_line + text.count("\n", 0, index)


def _mentioned(unread: list[str], workspace: Workspace) -> str:
    """The text of the Markdown notes that could not be read: an image they name is
    theirs, not forgotten."""
    texts = []
    for path in unread:
        if path.endswith(".md"):
            try:
                texts.append((workspace.root / path).read_text(encoding="utf-8",
                                                               errors="replace"))
            except OSError:
                continue
    return "\n".join(texts)


def _report_unused(images: tuple[str, ...], used: frozenset[str], unread_text: str,
                   report: Report) -> None:
    """An image that no note shows (nor names, for a note that could not be read)."""
    for image in images:
        if image in used or image.rpartition("/")[2] in unread_text:
            continue
        name = image.rpartition("/")[2]
        report.warning(image, None, "image qu'aucune note n'affiche : ajoutez-la à une note "
                       f"(![légende]({name}) dans une note Markdown) ou retirez-la de sources/",
                       "source.image")

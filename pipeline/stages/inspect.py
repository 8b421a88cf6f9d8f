"""Inspect: every writer's text parsed by the same filter as the build's
(``pipeline/filters/notes.lua``), so that ``check`` and ``build`` report the same
problems (images, sections, raw HTML, links) — once, whichever contributions a note is
in. All the texts go through one pandoc run; images are only measured. The images
under ``sources/`` that no note shows are named."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator

from pipeline.diagnostics import Report
from pipeline.model import Contribution, RawNote
from pipeline.outputs.markdown import markdown_block
from pipeline.pandoc import FILTERS, PandocError, run_pandoc
from pipeline.workspace import Workspace

SECTION = "Enseignements"  # what the cross-reading collects (templates/document.md.j2)


def inspect_sources(notes: tuple[RawNote, ...], contributions: tuple[Contribution, ...],
                    images: tuple[str, ...], files: tuple[str, ...], workspace: Workspace,
                    report: Report) -> frozenset[str]:
    """Reports what the filter finds in every text; returns the images the notes show."""
    texts = dict(_texts(notes, contributions))
    if not texts:
        used: frozenset[str] = frozenset()
    else:
        used = _run(texts, notes, workspace, report)
    unread = [f for f in files if f not in {n.path for n in notes}]
    _report_unused(images, used, _mentioned(unread, workspace), report)
    return used


def _texts(notes: tuple[RawNote, ...],
           contributions: tuple[Contribution, ...]) -> Iterator[tuple[str, tuple[str, int, str]]]:
    """Each text's path → (text, line of its first line, base folder of its images)."""
    for note in notes:
        base = note.media_base or note.path.rpartition("/")[0]
        yield note.path, (note.body, note.body_line, base)
    for contribution in contributions:
        folder = contribution.path.rsplit("/", 1)[0]
        for name, text in (("introduction.md", contribution.introduction),
                           ("enseignements.md", contribution.lessons)):
            if text:
                yield f"{folder}/{name}", (text, 1, folder)


def _run(texts: dict[str, tuple[str, int, str]], notes: tuple[RawNote, ...],
         workspace: Workspace, report: Report) -> frozenset[str]:
    notes_paths = {n.path for n in notes}
    blocks = []
    for where, (text, _, base) in texts.items():
        blocks.append(markdown_block(text, base=base, where=where))
        if where in notes_paths:  # as the cross-reading takes it
            blocks.append(markdown_block(text, base=base, where=where, section=SECTION))
    forbidden = [f"--metadata=rc-forbidden={link}" for link in workspace.escaping_links()]
    try:
        result = run_pandoc(["--from=markdown", "--to=json", "--sandbox", "--lua-filter",
                             str(FILTERS / "notes.lua"), "--metadata=rc-inspect=1", *forbidden],
                            "\n".join(blocks).encode("utf-8"), workspace.root)
    except PandocError as exc:
        report.error("sources", None, f"vérification des textes impossible : {exc}", "pandoc")
        return frozenset()
    for warning in sorted(set(result.warnings), key=lambda w: (w.path, w.message)):
        text, first_line, _ = texts.get(warning.path, ("", 1, ""))
        report.warning(warning.path, line_of(warning.needle, text, first_line),
                       warning.message, warning.code)
    return frozenset(_images(json.loads(result.output)))


def line_of(needle: str, text: str, first_line: int) -> int | None:
    """The file line of ``needle`` in ``text`` (None: not found, or a Word note)."""
    index = text.find(needle) if needle and first_line else -1
    return None if index < 0 else first_line + text.count("\n", 0, index)


def _images(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("t") == "Image":
            yield posixpath.normpath(node["c"][2][0])
        for value in node.values():
            yield from _images(value)
    elif isinstance(node, list):
        for value in node:
            yield from _images(value)


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

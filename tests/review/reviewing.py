"""What a reviewer does to the draft in Word, done with python-docx (comments) and
the XML of tracked changes and threads (what python-docx does not write)."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                 "commentsExtended+xml")
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
DATE = "2025-03-04T09:30:00Z"
LONG_NOTE = "alpha/long.md"


def with_long_note(root: Path, body: str) -> Path:
    """The sample workspace ``root`` with a note « Une note longue » whose text is
    ``body``; returns its file."""
    from tests.conftest import write_note

    return write_note(root, LONG_NOTE, "titre: Une note longue\ncrpv: alpha\n"
                      "auteurs: [A B]\ncontribution: vie-locale\nthemes: [jardins]\n"
                      "date: 2024-08-01\nstatut: valide", body)


def paragraph(document, text: str, after: str | None = None):
    """The first paragraph whose text starts with ``text`` (after the heading ``after``)."""
    paragraphs = document.paragraphs
    if after is not None:
        paragraphs = paragraphs[next(i for i, p in enumerate(paragraphs) if p.text == after):]
    return next(p for p in paragraphs if p.text.startswith(text))


def comment(document, target, text: str, author: str):
    return document.add_comment(target.runs, text=text, author=author, initials=author[:2])


def _change(tag: str, author: str, number: int):
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(number))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), DATE)
    return element


def insert(target, text: str, author: str, number: int) -> None:
    """A tracked insertion at the end of the paragraph."""
    run, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    change = _change("w:ins", author, number)
    change.append(run)
    target._p.append(change)


def delete(target, author: str, number: int) -> None:
    """The paragraph's runs deleted, as tracked changes."""
    change = _change("w:del", author, number)
    runs = target._p.findall(qn("w:r"))
    runs[0].addprevious(change)
    for run in runs:
        change.append(run)
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")


def reply(document, parent, target, text: str, author: str, *, resolved: bool) -> None:
    """A reply to ``parent`` (a thread, as Word writes it in commentsExtended.xml)."""
    answer = comment(document, target, text, author)
    entries = []
    for number, (item, parent_id) in enumerate(((parent, None), (answer, "00000001")), 1):
        last = item._comment_elm.findall(qn("w:p"))[-1]
        last.set(f"{{{W14}}}paraId", f"{number:08X}")
        entry = f'<w15:commentEx w15:paraId="{number:08X}" w15:done="{int(resolved)}"'
        entries.append(entry + (f' w15:paraIdParent="{parent_id}"/>' if parent_id else "/>"))
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx '
            f'xmlns:w15="{W15}">{"".join(entries)}</w15:commentsEx>').encode()
    part = Part(PackURI("/word/commentsExtended.xml"), EXTENDED_TYPE, blob, document.part.package)
    document.part.relate_to(part, EXTENDED_REL)


def without_bookmarks(source: Path, target: Path) -> Path:
    """The file as a reviewer who deleted every bookmark would send it."""
    document = docx.Document(str(source))
    body = document.element.body
    for tag in ("w:bookmarkStart", "w:bookmarkEnd"):
        for element in list(body.iter(qn(tag))):
            element.getparent().remove(element)
    document.save(str(target))
    return target


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=";"))

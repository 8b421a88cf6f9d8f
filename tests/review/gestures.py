"""What a reviewer does to paragraphs in Word with changes tracked, written into the
draft's XML as Word writes it (python-docx has no API for tracked changes): a
paragraph added, one split in two, two joined, one deleted with its mark, one moved,
a comment whose range runs from one paragraph into another."""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.review.reviewing import DATE

SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _revision(tag: str, author: str, number: int, **extra: str):
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(number))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), DATE)
    for name, value in extra.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _run(text: str, tag: str = "w:t"):
    run, t = OxmlElement("w:r"), OxmlElement(tag)
    t.text = text
    t.set(SPACE, "preserve")
    run.append(t)
    return run


def _track_mark(p, tag: str, author: str, number: int) -> None:
    """The paragraph's mark tracked (``w:pPr/w:rPr/w:ins`` and the like)."""
    properties = p.find(qn("w:pPr"))
    if properties is None:
        properties = OxmlElement("w:pPr")
        p.insert(0, properties)
    run_properties = properties.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPr")
        properties.append(run_properties)
    run_properties.insert(0, _revision(tag, author, number))


def _empty_like(p):
    """A paragraph with ``p``'s style and nothing else."""
    made = OxmlElement("w:p")
    properties = p.find(qn("w:pPr"))
    if properties is not None:
        kept = copy.deepcopy(properties)
        for child in list(kept):
            if child.tag != qn("w:pStyle"):
                kept.remove(child)
        made.append(kept)
    return made


def new_paragraph(after, text: str, author: str, number: int, *, typed_at_end: bool) -> None:
    """A paragraph typed after ``after``. Word writes it two ways: Enter at the end of
    ``after`` then the text (``after``'s mark is the inserted one), or the text then
    Enter at the start of the next paragraph (the new paragraph's own mark is)."""
    p = after._p
    made = _empty_like(p)
    change = _revision("w:ins", author, number)
    change.append(_run(text))
    made.append(change)
    _track_mark(p if typed_at_end else made, "w:ins", author, number + 1)
    p.addnext(made)


def split(target, after_text: str, author: str, number: int) -> None:
    """Enter typed after ``after_text``: the paragraph's start becomes a paragraph of its
    own, whose mark is the inserted one (the second keeps the original mark)."""
    p = target._p
    first = _empty_like(p)
    left = len(after_text)
    for run in list(p.findall(qn("w:r"))):
        if left <= 0:
            break
        t = run.find(qn("w:t"))
        value = "" if t is None else t.text or ""
        if len(value) <= left:
            first.append(run)  # moves it
            left -= len(value)
            continue
        head = copy.deepcopy(run)
        head.find(qn("w:t")).text = value[:left]
        t.text = value[left:]
        t.set(SPACE, "preserve")
        first.append(head)
        left = 0
    _track_mark(first, "w:ins", author, number)
    p.addprevious(first)


def join(target, author: str, number: int) -> None:
    """The paragraph's mark deleted: it is joined to the next."""
    _track_mark(target._p, "w:del", author, number)


def delete_whole(target, author: str, number: int) -> None:
    """The paragraph deleted, its text and its mark."""
    p = target._p
    change = _revision("w:del", author, number)
    runs = p.findall(qn("w:r"))
    runs[0].addprevious(change)
    for run in runs:
        change.append(run)
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
    _track_mark(p, "w:del", author, number + 1)


def move_before(target, destination, author: str, number: int, name: str) -> None:
    """The paragraph cut and pasted before ``destination``, as Word records a move:
    ``w:moveFrom`` where it was, ``w:moveTo`` where it is, both ranges named ``name``."""
    p = target._p
    arrival = _empty_like(p)
    moved = _revision("w:moveTo", author, number)
    for run in p.findall(qn("w:r")):
        moved.append(copy.deepcopy(run))
    arrival.append(_revision("w:moveToRangeStart", author, number + 1, name=name))
    arrival.append(moved)
    end = OxmlElement("w:moveToRangeEnd")
    end.set(qn("w:id"), str(number + 1))
    arrival.append(end)
    _track_mark(arrival, "w:moveTo", author, number + 2)
    destination._p.addprevious(arrival)
    departure = _revision("w:moveFrom", author, number + 3)
    runs = p.findall(qn("w:r"))
    runs[0].addprevious(_revision("w:moveFromRangeStart", author, number + 4, name=name))
    runs[0].addprevious(departure)
    for run in runs:
        departure.append(run)
    end = OxmlElement("w:moveFromRangeEnd")
    end.set(qn("w:id"), str(number + 4))
    p.append(end)
    _track_mark(p, "w:moveFrom", author, number + 5)


def extend_comment(document, made, until) -> None:
    """The comment ``made`` (on one paragraph) made to run to the end of ``until``."""
    comment_id = str(made.comment_id)
    body = document.element.body
    end = next(e for e in body.iter(qn("w:commentRangeEnd")) if e.get(qn("w:id")) == comment_id)
    reference = next(e for e in body.iter(qn("w:commentReference"))
                     if e.get(qn("w:id")) == comment_id).getparent()
    until._p.append(end)
    until._p.append(reference)


def make_bold(target, author: str, number: int) -> None:
    """The paragraph's runs put in bold, as Word records a format change
    (``w:rPrChange`` holding the properties before)."""
    for run in target._p.findall(qn("w:r")):
        properties = run.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            run.insert(0, properties)
        before = OxmlElement("w:rPr")
        properties.insert(0, OxmlElement("w:b"))
        change = _revision("w:rPrChange", author, number)
        change.append(before)
        properties.append(change)
        number += 1

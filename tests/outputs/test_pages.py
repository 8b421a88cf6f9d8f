"""The DOCX's page numbers from LibreOffice (real soffice, real python-docx)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from pipeline.outputs.docx.index import pageref
from pipeline.outputs.docx.pages import (
    ABSENT,
    bookmark_pages,
    field_results,
    fill_page_numbers,
    libreoffice,
    number_pages,
)

needs_libreoffice = pytest.mark.skipif(libreoffice() is None,
                                       reason="LibreOffice (soffice, python3-uno) absent")


def _three_pages() -> bytes:
    """Three headings on pages 1, 2 and 3, each bookmarked, and a PAGEREF to each."""
    document = docx.Document()
    for page, name in enumerate(("un", "deux", "trois"), start=1):
        paragraph = document.add_heading(f"Titre {page}", level=1)
        if page > 1:
            paragraph.paragraph_format.page_break_before = True
        start = paragraph._p.makeelement(qn("w:bookmarkStart"),
                                         {qn("w:id"): str(page), qn("w:name"): name})
        end = paragraph._p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): str(page)})
        paragraph._p.insert(1, start)
        paragraph._p.append(end)
    references = document.add_paragraph("Renvois : ")
    for name in ("trois", "un", "absent"):
        references._p.extend(pageref(name))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@needs_libreoffice
def test_libreoffice_says_on_which_page_each_bookmark_falls():
    pages = bookmark_pages(_three_pages(), *libreoffice())
    assert {k: pages[k] for k in ("un", "deux", "trois")} == {"un": 1, "deux": 2, "trois": 3}


@needs_libreoffice
def test_the_page_references_get_their_numbers_and_the_same_bytes_twice():
    data = _three_pages()
    numbered, notice = number_pages(data)
    assert notice is None
    assert field_results(numbered) == {"trois": "3", "un": "1", "absent": ""}
    assert number_pages(data)[0] == numbered


def test_fill_writes_the_given_numbers_only():
    filled = fill_page_numbers(_three_pages(), {"un": 7})
    assert field_results(filled) == {"trois": "", "un": "7", "absent": ""}


@needs_libreoffice
def test_libreoffice_taking_too_long_leaves_the_draft_as_it_was(monkeypatch):
    data = _three_pages()
    result, notice = number_pages(data, timeout=0.01)
    assert result == data
    assert "dépassé" in notice


def test_without_libreoffice_the_draft_is_unchanged_with_a_notice(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    libreoffice.cache_clear()
    try:
        data = _three_pages()
        assert number_pages(data) == (data, ABSENT)
    finally:
        monkeypatch.undo()
        libreoffice.cache_clear()

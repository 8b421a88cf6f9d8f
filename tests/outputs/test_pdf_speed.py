"""pipeline/outputs/pdf.py keeps pydyf's page references once per page count while a
PDF is written: the same references, without building them again for each tagged
element; and pydyf as it was once the PDF is written."""

import pydyf

from pipeline.outputs.pdf import page_references_kept

ORIGINAL = pydyf.PDF.__dict__["page_references"]


def _references_by_hand(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    return tuple(f"{n} 0 R".encode("ascii") for n in pdf.pages["Kids"][::3])


def test_page_references_follow_the_pages_added():
    with page_references_kept():
        pdf = pydyf.PDF()
        seen = []
        for _ in range(3):
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
            seen.append(pdf.page_references)
            assert pdf.page_references == _references_by_hand(pdf)
        assert [len(s) for s in seen] == [1, 2, 3]
        assert pdf.page_references is pdf.page_references  # made once for a page count


def test_pydyf_is_as_it_was_outside_the_block():
    assert pydyf.PDF.__dict__["page_references"] is ORIGINAL
    with page_references_kept():
        assert pydyf.PDF.__dict__["page_references"] is not ORIGINAL
    assert pydyf.PDF.__dict__["page_references"] is ORIGINAL
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references is not pdf.page_references  # pydyf's own: made at each call


def test_pydyf_is_restored_when_the_pdf_fails():
    try:
        with page_references_kept():
            raise RuntimeError("WeasyPrint failed")
    except RuntimeError:
        pass
    assert pydyf.PDF.__dict__["page_references"] is ORIGINAL


def test_a_pdf_written_leaves_pydyf_as_it_was(built_petit):
    from pipeline.outputs.pdf import html_to_pdf
    from pipeline.workspace import Workspace

    page = (built_petit / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert html_to_pdf(page, Workspace(built_petit)).startswith(b"%PDF")
    assert pydyf.PDF.__dict__["page_references"] is ORIGINAL

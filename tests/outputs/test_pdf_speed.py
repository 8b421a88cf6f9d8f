"""pipeline/pdf.py keeps pydyf's page references once per page count: the same
references, without building them again for each tagged element."""

import pydyf

import pipeline.outputs.pdf  # noqa: F401  (applies the change)


def _references_by_hand(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    return tuple(f"{n} 0 R".encode("ascii") for n in pdf.pages["Kids"][::3])


def test_page_references_follow_the_pages_added():
    pdf = pydyf.PDF()
    seen = []
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        seen.append(pdf.page_references)
        assert pdf.page_references == _references_by_hand(pdf)
    assert [len(s) for s in seen] == [1, 2, 3]
    assert pdf.page_references is pdf.page_references  # made once for a page count

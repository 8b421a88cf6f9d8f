"""One walk through a draft's body: paragraphs as the pipeline wrote them, the
bookmarks around them, where comments start and what they cover, tracked changes."""

from __future__ import annotations

from lxml import etree

from pipeline.review.body import walk_body

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = {"Heading1": 1, "Heading2": 2}


def _walk(xml: str):
    body = etree.fromstring(f'<w:body xmlns:w="{W}">{xml}</w:body>')
    return walk_body(body, LEVELS)


def _p(inner: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


NOTE = (_p('<w:bookmarkStart w:id="1" w:name="rc_0a1b2c3d_alpha_note"/>' + _r("Le titre"),
           "Heading2")
        + _p(_r("Avant ") + '<w:commentRangeStart w:id="7"/>' + _r("visé")
             + '<w:commentRangeEnd w:id="7"/>'
             + '<w:ins w:id="3" w:author="B" w:date="2025-01-02T10:00:00Z">'
             + _r(" ajouté") + "</w:ins>")
        + _p('<w:del w:id="4" w:author="C" w:date="2025-01-03T10:00:00Z">'
             '<w:r><w:delText>ôté</w:delText></w:r></w:del>' + _r("resté"))
        + _p(_r("Un autre chapitre"), "Heading1")
        + _p(_r("Hors des notes")))


def test_paragraphs_keep_the_pipelines_text_style_and_heading_level():
    walk = _walk(NOTE)
    texts = [p.text for p in walk.paragraphs]
    assert texts == ["Le titre", "Avant visé", "ôtéresté", "Un autre chapitre",
                     "Hors des notes"]  # the insertion is the reviewer's, not the draft's
    assert [p.level for p in walk.paragraphs] == [2, None, None, 1, None]
    assert walk.paragraphs[0].style == "Heading2"


def test_a_bookmark_of_ours_lasts_until_a_heading_as_high_closes_it():
    anchors = [p.anchors for p in _walk(NOTE).paragraphs]
    name = "rc_0a1b2c3d_alpha_note"
    assert anchors == [[name], [name], [name], [], []]


def test_a_comment_starts_at_its_paragraph_and_offset_and_covers_its_range():
    walk = _walk(NOTE)
    start = walk.comment_starts["7"]
    assert (start.paragraph, start.offset) == (1, len("avant"))
    assert "".join(walk.comment_texts["7"]) == "visé"


def test_tracked_changes_with_author_date_and_place():
    changes = _walk(NOTE).changes
    assert [(c.kind, c.author, c.text, c.mark.paragraph, c.mark.offset) for c in changes] == [
        ("insertion", "B", " ajouté", 1, len("avantvise")),
        ("suppression", "C", "ôté", 2, 0),
    ]
    assert changes[0].date == "2025-01-02T10:00:00Z"


def test_one_change_split_into_runs_is_one_change():
    xml = _p('<w:ins w:id="1" w:author="B" w:date="d">' + _r("un ") + "</w:ins>"
             '<w:ins w:id="2" w:author="B" w:date="d">' + _r("deux") + "</w:ins>"
             '<w:ins w:id="3" w:author="X" w:date="d">' + _r(" trois") + "</w:ins>")
    assert [(c.author, c.text) for c in _walk(xml).changes] == [("B", "un deux"),
                                                                ("X", " trois")]


def test_bookmarks_not_ours_are_ignored_and_libreoffices_double_start_is_one():
    xml = (_p('<w:bookmarkStart w:id="1" w:name="_Toc123"/>' + _r("a"))
           + _p('<w:bookmarkStart w:id="2" w:name="rc_11111111_b"/>'
                '<w:bookmarkStart w:id="3" w:name="rc_11111111_b"/>' + _r("b"))
           + _p(_r("c") + '<w:bookmarkEnd w:id="2"/>') + _p(_r("d")))
    assert [p.anchors for p in _walk(xml).paragraphs] == [[], ["rc_11111111_b"],
                                                          ["rc_11111111_b"], []]

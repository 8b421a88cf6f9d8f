"""Comments with their threads: the text from comments.xml, the parent and the
resolved state from commentsExtended.xml, the UTC date from commentsIds and
commentsExtensible when Word wrote them."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.review.comments import read_comments
from pipeline.review.reading import read_review

REALWORLD = Path("/work/shared/realworld/docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
W16CEX = "http://schemas.microsoft.com/office/word/2018/wordml/cex"


def _comment(number: int, author: str, para_id: str, *lines: str) -> str:
    paragraphs = "".join(f'<w:p w14:paraId="{para_id if i == len(lines) - 1 else "0"}">'
                         f"<w:r><w:t>{line}</w:t></w:r></w:p>" for i, line in enumerate(lines))
    return (f'<w:comment w:id="{number}" w:author="{author}" w:date="2025-03-04T10:30:00Z">'
            f"{paragraphs}</w:comment>")


COMMENTS = etree.fromstring(
    f'<w:comments xmlns:w="{W}" xmlns:w14="{W14}">'
    + _comment(0, "Relectrice A", "AAAA0001", "Combien de parcelles ?", "", "Et depuis quand ?")
    + _comment(1, "Jeanne Leroy", "AAAA0002", "Douze.")
    + _comment(2, "Relecteur B", "AAAA0003", "Une autre question.")
    + "</w:comments>")
EXTENDED = etree.fromstring(
    f'<w15:commentsEx xmlns:w15="{W15}">'
    '<w15:commentEx w15:paraId="AAAA0001" w15:done="0"/>'
    '<w15:commentEx w15:paraId="AAAA0002" w15:paraIdParent="AAAA0001" w15:done="1"/>'
    "</w15:commentsEx>")
IDS = etree.fromstring(f'<w16cid:commentsIds xmlns:w16cid="{W16CID}">'
                       '<w16cid:commentId w16cid:paraId="AAAA0003" w16cid:durableId="5A5A"/>'
                       "</w16cid:commentsIds>")
EXTENSIBLE = etree.fromstring(
    f'<w16cex:commentsExtensible xmlns:w16cex="{W16CEX}">'
    '<w16cex:commentExtensible w16cex:durableId="5A5A" w16cex:dateUtc="2025-03-04T09:30:00Z"/>'
    "</w16cex:commentsExtensible>")


def test_comments_have_their_author_text_and_paragraph_id():
    found = read_comments(COMMENTS, None, None, None)
    assert [(c.id, c.author, c.text, c.para_id) for c in found] == [
        ("0", "Relectrice A", "Combien de parcelles ?\nEt depuis quand ?", "AAAA0001"),
        ("1", "Jeanne Leroy", "Douze.", "AAAA0002"),
        ("2", "Relecteur B", "Une autre question.", "AAAA0003"),
    ]
    assert all(c.parent is None and not c.done for c in found)


def test_a_reply_knows_its_parent_and_the_resolved_state():
    first, reply, other = read_comments(COMMENTS, EXTENDED, None, None)
    assert reply.parent == "AAAA0001" and reply.done
    assert first.parent is None and not first.done and other.parent is None


def test_the_utc_date_wins_when_word_wrote_it():
    *_, other = read_comments(COMMENTS, EXTENDED, IDS, EXTENSIBLE)
    assert other.date == "2025-03-04T09:30:00Z"
    assert read_comments(COMMENTS, EXTENDED, IDS, EXTENSIBLE)[0].date == "2025-03-04T10:30:00Z"


def test_a_real_word_files_comments_including_a_multi_paragraph_one():
    remarks = read_review(REALWORLD / "comments.docx", "comments.docx").remarks
    texts = [r.text for r in remarks]
    assert "I left a comment." in texts
    assert "This one has multiple paragraphs.\nSee?" in texts
    assert {r.author for r in remarks} == {"Jesse Rosenthal"}
    assert all(r.kind == "commentaire" and r.date.startswith("2016-") for r in remarks)

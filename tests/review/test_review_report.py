"""The review's outputs: the same remark found in two files kept once, rows in note
then draft order with the replies under their remark, French dates, the HTML page
by centre then note."""

from __future__ import annotations

from pipeline.review.attribute import Attributed, Target
from pipeline.review.model import Place, Remark, Reply
from pipeline.review.report import (
    CSV_COLUMNS,
    csv_rows,
    french_datetime,
    grouped,
    merge,
    write_centre_pages,
    write_csv,
    write_html,
)
from pipeline.workspace import Workspace
from tests.conftest import SAMPLES
from tests.review.reviewing import csv_rows as read_csv

NOTE = Target("sources/alpha/n.md", "alpha", "Centre Alpha", "Une note", 14, "Les jardins")
OTHER = Target("sources/beta/m.md", "beta", "Centre Bêta", "Une autre", 9, "Les fêtes")
CHAPTER = Target(None, None, None, None, None, "Introduction")


def _found(text, target, *, index=3, offset=0, file="a.docx", author="Relectrice A",
           replies=(), resolved=False, kind="commentaire") -> Attributed:
    place = Place(index, "Le texte visé.", "Normal", None, (), target.chapter, ("", ""))
    return Attributed(Remark(kind, author, "2025-03-04T09:30:00Z", text, "Le texte  visé.",
                             place, offset, file, tuple(replies), resolved), target)


def test_the_same_remark_in_two_files_is_kept_once_with_both_files_and_replies():
    first = _found("Précisez.", NOTE, replies=[Reply("B", "", "D'accord.")])
    again = _found("Précisez.", NOTE, file="b.docx", resolved=True,
                   replies=[Reply("B", "", "D'accord."), Reply("C", "", "Fait.")])
    other_author = _found("Précisez.", NOTE, author="Relecteur C")
    items = merge([first, again, other_author])
    assert len(items) == 2
    merged = items[0]
    assert merged.files == ("a.docx", "b.docx") and merged.remark.resolved
    assert [r.text for r in merged.remark.replies] == ["D'accord.", "Fait."]


def test_rows_by_note_then_draft_order_replies_under_their_remark():
    items = merge([_found("Deuxième.", NOTE, index=8), _found("Hors note.", CHAPTER, index=1),
                   _found("Première.", NOTE, index=5, replies=[Reply("", "", "Oui.")]),
                   _found("Ailleurs.", OTHER, index=2, kind="insertion")])
    rows = csv_rows(items)
    assert [(r[0], r[4], r[6]) for r in rows] == [
        ("sources/alpha/n.md", "commentaire", "Première."),
        ("sources/alpha/n.md", "réponse", "Oui."),
        ("sources/alpha/n.md", "commentaire", "Deuxième."),
        ("sources/beta/m.md", "insertion", "Ailleurs."),
        ("", "commentaire", "Hors note."),
    ]
    assert rows[1][2] == "(relecteur inconnu)" and rows[0][7] == "14" and rows[4][7] == ""


def test_the_csv_opens_in_french_excel(tmp_path):
    target = tmp_path / "revue.csv"
    write_csv(merge([_found("Précisez ; merci.", NOTE, resolved=True)]), target)
    assert target.read_bytes().startswith("\ufeff".encode()) and b"\r\n" in target.read_bytes()
    (row,) = read_csv(target)
    assert list(row) == list(CSV_COLUMNS)
    assert (row["remarque"], row["type"]) == ("Précisez ; merci.", "commentaire (résolu)")


def test_dates_in_french():
    assert french_datetime("2025-03-04T09:30:00") == "4\u00a0mars 2025 à 09 h 30"
    assert french_datetime("pas une date") == "pas une date"


def test_the_page_groups_by_centre_then_note_and_escapes_the_text(tmp_path):
    items = merge([_found("<script>alert(1)</script>", NOTE), _found("Bis.", OTHER),
                   _found("Hors note.", CHAPTER)])
    groups = grouped(items)
    assert [centre for centre, _ in groups["centres"]] == ["Centre Alpha", "Centre Bêta"]
    assert [chapter for chapter, _ in groups["chapters"]] == ["Introduction"]
    target = tmp_path / "revue.html"
    write_html(items, "vie-locale", {"a.docx": "brouillon actuel"}, Workspace(SAMPLES / "petit"),
               target)
    page = target.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert page.index("Centre Alpha") < page.index("Centre Bêta")


def test_each_centre_gets_a_page_with_its_own_notes_only(tmp_path):
    items = merge([_found("Pour Alpha.", NOTE), _found("Pour Bêta.", OTHER),
                   _found("Hors note.", CHAPTER)])
    written = write_centre_pages(items, "vie-locale", {"a.docx": "brouillon actuel"},
                                 Workspace(SAMPLES / "petit"), tmp_path)
    assert [p.name for p in written] == ["alpha.html", "beta.html"]
    alpha = written[0].read_text(encoding="utf-8")
    assert "Pour Alpha." in alpha and "Pour Bêta." not in alpha and "Hors note." not in alpha

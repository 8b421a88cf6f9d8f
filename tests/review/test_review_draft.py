"""``review`` on a draft the pipeline built: comments and tracked changes in three
notes, in the cross-reading and in a chapter, found against the right source file
and line — as Word saves it, after LibreOffice saved it again, and without the
bookmarks. Real pandoc, python-docx, lxml and LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import copy_workspace, run, write_note
from tests.review.reviewing import (
    comment,
    csv_rows,
    delete,
    insert,
    paragraph,
    reply,
    with_long_note,
    without_bookmarks,
)

LONG = ("## Contexte\n\nUn premier paragraphe écrit sur deux lignes,\n"
        "dont la seconde porte la fin de la phrase.\n\n## Enseignements\n\nÉcouter d'abord.\n")
# remark → (note, line, type); a note of None: the chapter's
EXPECTED = {
    "Combien de parcelles exactement ?": ("sources/alpha/jardin-maurepas.md", 14,
                                          "commentaire (résolu)"),
    "Le titre est-il définitif ?": ("sources/alpha/jardin-maurepas.md", 2, "commentaire"),
    " Avec un grand repas.": ("sources/alpha/fete-des-voisins.md", 14, "insertion"),
    "L’école accueille les familles le samedi matin.": ("sources/beta/ecole-ouverte.md", 13,
                                                        "suppression"),
    " Et la suite.": ("sources/alpha/long.md", 14, "insertion"),
    "Un enseignement à préciser.": ("sources/alpha/deux-contributions.md", 13, "commentaire"),
    "Présenter la démarche plus tôt ?": (None, None, "commentaire"),
}


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace (plus a note with a paragraph on two lines) built as DOCX."""
    root = copy_workspace("petit", tmp_path_factory.mktemp("review"))
    with_long_note(root, LONG)
    from pipeline.cli.main import main

    assert main(["build", "--format", "docx", "--workspace", str(root)]) == 0
    return root / "build/vie-locale/vie-locale.docx"


def reviewed(draft: Path, target: Path) -> Path:
    """The draft with a reviewer's remarks in three notes, the cross-reading and a chapter."""
    document = docx.Document(str(draft))
    parcels = paragraph(document, "Un potager partagé")
    first = comment(document, parcels, "Combien de parcelles exactement ?", "Relectrice A")
    reply(document, first, parcels, "Douze, comme écrit.", "Jeanne Leroy", resolved=True)
    comment(document, paragraph(document, "Un jardin au pied des tours"),
            "Le titre est-il définitif ?", "Relectrice A")
    insert(paragraph(document, "Une fête organisée"), " Avec un grand repas.", "Relecteur B", 901)
    delete(paragraph(document, "L’école accueille"), "Relecteur B", 902)
    insert(paragraph(document, "Un premier paragraphe"), " Et la suite.", "Relecteur B", 903)
    comment(document, paragraph(document, "Le sport et le jardinage", after="Regards croisés"),
            "Un enseignement à préciser.", "Relectrice A")
    comment(document, paragraph(document, "Cette contribution d’essai"),
            "Présenter la démarche plus tôt ?", "Relectrice A")
    document.save(str(target))
    return target


def review(capsys, workspace: Path, *files: Path) -> tuple[int, str, list[dict[str, str]]]:
    code, _, err = run(capsys, "review", *map(str, files), "--workspace", str(workspace))
    rows = csv_rows(workspace / "build/vie-locale/revue.csv") if code != 2 else []
    return code, err, rows


def attributions(rows: list[dict[str, str]]) -> dict[str, tuple]:
    return {row["remarque"]: (row["note"] or None, int(row["ligne"]) if row["ligne"] else None,
                              row["type"]) for row in rows if row["type"] != "réponse"}


def workspace_of(draft: Path) -> Path:
    return draft.parents[2]


def test_the_draft_wraps_each_note_in_a_bookmark_named_from_its_source(draft):
    anchors = json.loads(draft.with_suffix(".ancres.json").read_text(encoding="utf-8"))
    assert anchors["contribution"] == "vie-locale"
    by_name = {a["name"]: a for a in anchors["ancres"]}
    body = docx.Document(str(draft)).element.body
    names = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    notes = {a["path"] for a in anchors["ancres"]}
    assert "sources/alpha/jardin-maurepas.md" in notes and "sources/beta/brouillon.md" not in notes
    assert {n for n in by_name if n.startswith("rc_")} <= names
    # in the cross-reading, only the notes that have lessons
    assert {n for n in names if n.startswith("rx_")} == {
        n for n in by_name if n.startswith("rx_") and "beta" not in n}
    for name in by_name:
        assert len(name) <= 40 and name[0].isalpha() and name.replace("_", "").isalnum()
    assert by_name["rc_4c22bee5_alpha_jardin_maurepas"]["path"] == \
        "sources/alpha/jardin-maurepas.md"


def test_each_remark_is_found_against_its_note_and_line(draft, tmp_path, capsys):
    code, err, rows = review(capsys, workspace_of(draft), reviewed(draft, tmp_path / "a.docx"))
    assert code == 0, err
    assert attributions(rows) == EXPECTED
    chapter = next(r for r in rows if r["remarque"] == "Présenter la démarche plus tôt ?")
    assert chapter["chapitre"] == "Introduction et méthode"
    assert chapter["texte concerné"].startswith("Cette contribution d’essai")
    answer = next(r for r in rows if r["type"] == "réponse")
    assert (answer["remarque"], answer["relecteur"]) == ("Douze, comme écrit.", "Jeanne Leroy")
    assert answer["note"] == "sources/alpha/jardin-maurepas.md"
    insertion = next(r for r in rows if r["type"] == "insertion")
    assert (insertion["relecteur"], insertion["date"], insertion["CRPV"]) == \
        ("Relecteur B", "2025-03-04T09:30:00Z", "alpha")


def test_the_html_report_groups_remarks_by_crpv_then_note(draft, tmp_path, capsys):
    root = workspace_of(draft)
    review(capsys, root, reviewed(draft, tmp_path / "a.docx"))
    html = (root / "build/vie-locale/revue.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "http" not in html.replace("http-equiv", "")
    alpha, beta = html.index("<h2>Centre Alpha</h2>"), html.index("<h2>Centre Bêta</h2>")
    outside = html.index("<h2>Remarques hors des notes</h2>")
    assert alpha < html.index("sources/alpha/jardin-maurepas.md") < beta
    assert beta < html.index("sources/beta/ecole-ouverte.md") < outside
    assert outside < html.index("Présenter la démarche plus tôt ?")
    assert "ligne 14" in html and "résolu" in html and "Douze, comme écrit." in html


def test_two_reviewers_files_are_merged_and_a_remark_kept_once(draft, tmp_path, capsys):
    first = reviewed(draft, tmp_path / "a.docx")
    document = docx.Document(str(draft))
    comment(document, paragraph(document, "Cette contribution d’essai"),
            "Présenter la démarche plus tôt ?", "Relectrice A")  # the same, found again
    comment(document, paragraph(document, "Une fête organisée"), "Quelle année ?", "Relecteur C")
    document.save(str(tmp_path / "c.docx"))
    code, err, rows = review(capsys, workspace_of(draft), first, tmp_path / "c.docx")
    assert code == 0, err
    assert [r["remarque"] for r in rows].count("Présenter la démarche plus tôt ?") == 1
    again = next(r for r in rows if r["remarque"] == "Présenter la démarche plus tôt ?")
    assert again["fichier"] == f"{tmp_path / 'a.docx'}, {tmp_path / 'c.docx'}"
    assert attributions(rows)["Quelle année ?"] == \
        ("sources/alpha/fete-des-voisins.md", 14, "commentaire")


def test_without_bookmarks_no_remark_is_guessed_from_a_title(draft, tmp_path, capsys):
    root = copy_workspace_of(draft, tmp_path)
    plain = without_bookmarks(reviewed(root / "build/vie-locale/vie-locale.docx",
                                       tmp_path / "a.docx"), tmp_path / "sans-signets.docx")
    code, err, rows = review(capsys, root, plain)
    assert code == 0, err
    assert set(attributions(rows)) == set(EXPECTED)  # every remark listed…
    assert all(not row["note"] for row in rows)  # …none placed from a heading's text
    assert all("signets supprimés" in row["placement"] for row in rows)


def test_a_file_from_an_unknown_draft_is_named_and_its_remarks_listed(draft, tmp_path, capsys):
    root = copy_workspace_of(draft, tmp_path)
    source = reviewed(root / "build/vie-locale/vie-locale.docx", tmp_path / "a.docx")
    (root / "build/vie-locale/vie-locale.ancres.json").unlink()
    code, err, rows = review(capsys, root, source)
    assert code == 0, err
    assert f"{source}: attention : brouillon inconnu (construction " in err
    assert "1 avertissement" in err
    assert set(attributions(rows)) == set(EXPECTED)
    assert {row["placement"] for row in rows} == {"non placée : brouillon inconnu"}


def copy_workspace_of(draft: Path, tmp_path: Path) -> Path:
    target = tmp_path / "espace"
    shutil.copytree(workspace_of(draft), target)
    return target


def test_make_review_reads_the_reviews_folder(draft, tmp_path, capsys):
    root = copy_workspace_of(draft, tmp_path)
    folder = root / "reviews/vie-locale"
    folder.mkdir(parents=True)
    reviewed(draft, folder / "relectrice-a.docx")
    (folder / "~$lectrice-a.docx").write_bytes(b"Word's lock file")
    code, out, err = run(capsys, "review", "--workspace", str(root))
    assert code == 0, err
    assert "écrit : build/vie-locale/revue.html" in out
    assert attributions(csv_rows(root / "build/vie-locale/revue.csv")) == EXPECTED


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_draft_saved_again_by_libreoffice(draft, tmp_path, capsys):
    source = reviewed(draft, tmp_path / "relecture.docx")
    out = tmp_path / "libreoffice"
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", "docx", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=300, check=False)
    saved = out / "relecture.docx"
    assert saved.is_file(), done.stdout + done.stderr  # soffice exits 0 even when it fails
    assert saved.read_bytes() != source.read_bytes()
    code, err, rows = review(capsys, workspace_of(draft), saved)
    assert code == 0, err
    found = attributions(rows)
    # LibreOffice 7 drops commentsExtended.xml: the reply becomes a comment of its own
    # on the same text, and the resolved state is lost.
    expected = {**EXPECTED, "Douze, comme écrit.": EXPECTED["Combien de parcelles exactement ?"]}
    expected["Combien de parcelles exactement ?"] = ("sources/alpha/jardin-maurepas.md", 14,
                                                     "commentaire")
    assert {k: v[:2] for k, v in found.items()} == {k: v[:2] for k, v in expected.items()}


def test_two_notes_with_the_same_long_title_each_get_their_remark(workspace, tmp_path, capsys):
    root = workspace("petit")
    title = "Une résidence d'artistes au long cours dans un quartier prioritaire de la ville"
    for crpv, text in (("alpha", "Le premier récit de résidence."),
                       ("beta", "Le second récit de résidence.")):
        write_note(root, f"{crpv}/residence-d-artistes-au-long-cours-dans-le-quartier.md",
                   f"titre: {title}\ncrpv: {crpv}\nauteurs: [A B]\ncontribution: vie-locale\n"
                   "themes: [fetes]\ndate: 2024-08-01\nstatut: valide",
                   f"## Contexte\n\n{text}\n")
    code, _, err = run(capsys, "build", "--format", "docx", "--workspace", str(root))
    assert code == 0, err
    assert "même titre" in err and "[note.titre-double]" in err
    draft = root / "build/vie-locale/vie-locale.docx"
    document = docx.Document(str(draft))
    comment(document, paragraph(document, "Le premier récit"), "Sur la première.", "R")
    comment(document, paragraph(document, "Le second récit"), "Sur la seconde.", "R")
    document.save(str(tmp_path / "relu.docx"))
    code, err, rows = review(capsys, root, tmp_path / "relu.docx")
    assert code == 0, err
    path = "sources/{}/residence-d-artistes-au-long-cours-dans-le-quartier.md"
    assert attributions(rows) == {"Sur la première.": (path.format("alpha"), 13, "commentaire"),
                                  "Sur la seconde.": (path.format("beta"), 13, "commentaire")}

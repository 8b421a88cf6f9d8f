"""``review`` on files the pipeline never produced (real Word files from pandoc's test
suite) and on broken files: remarks listed, or a clear message; never a traceback."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import REPOSITORY, run
from tests.review.reviewing import csv_rows

REALWORLD = REPOSITORY.parent / "shared" / "realworld" / "docx"
REVIEWERS = ["comments.docx", "track_changes_deletion.docx", "track_changes_insertion.docx",
             "track_changes_move.docx", "track_changes_scrubbed_metadata.docx"]


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="no real-world Word files beside the repo")
def test_real_reviewers_files_are_listed_and_attributed_to_no_note(workspace, capsys):
    root = workspace("petit")
    files = [str(REALWORLD / name) for name in REVIEWERS]
    code, out, err = run(capsys, "review", *files, "--workspace", str(root))
    assert code == 0, err
    assert "Traceback" not in err
    assert "écrit : build/revue-sans-contribution/revue.csv" in out
    assert "ne dit pas de quelle contribution" in err
    rows = csv_rows(root / "build/revue-sans-contribution/revue.csv")
    assert all(row["note"] == "" and row["ligne"] == "" for row in rows)
    found = {(row["type"], row["relecteur"], row["remarque"]) for row in rows}
    assert ("commentaire", "Jesse Rosenthal", "I left a comment.") in found
    assert ("réponse", "Jesse Rosenthal", "Do something else.") in found
    assert ("insertion", "eng-dept", "two exciting ") in found
    assert ("suppression", "eng-dept", "n excessively modified") in found
    # a move is one gesture: one remark, its two halves paired by the move's name
    moves = [r for r in rows if r["type"].startswith("déplacement")]
    assert [(r["type"], r["relecteur"], r["remarque"]) for r in moves] == [
        ("déplacement", "Jesse Rosenthal", "Here is the text to be moved.")]
    dated = next(r for r in rows if r["remarque"] == "I left a comment.")
    assert dated["date"] == "2016-05-09T16:13:00Z"
    assert dated["texte concerné"] == "some text to have a comment"
    html = (root / "build/revue-sans-contribution/revue.html").read_text(encoding="utf-8")
    assert "9\u00a0mai 2016 à 16 h 13" in html


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="no real-world Word files beside the repo")
def test_the_contribution_option_files_a_foreign_document(workspace, capsys):
    root = workspace("petit")
    code, out, _ = run(capsys, "review", str(REALWORLD / "comments.docx"), "--contribution",
                       "vie-locale", "--workspace", str(root))
    assert code == 0 and "écrit : build/vie-locale/revue.html" in out
    code, _, err = run(capsys, "review", str(REALWORLD / "comments.docx"), "--contribution",
                       "vie-local", "--workspace", str(root))
    assert code == 2 and "(vouliez-vous dire « vie-locale » ?)" in err


def test_broken_files_give_a_clear_message_and_the_others_are_read(workspace, capsys, tmp_path):
    root = workspace("petit")
    truncated = tmp_path / "tronque.docx"
    truncated.write_bytes((REPOSITORY / "templates/note-modele.docx").read_bytes()[:3000])
    text = tmp_path / "texte.docx"
    text.write_text("Ceci est un texte renommé en .docx", encoding="utf-8")
    odt = tmp_path / "relecture.odt"
    shutil.copy(REPOSITORY / "templates/note-modele.odt", odt)
    good = tmp_path / "modele.docx"
    shutil.copy(REPOSITORY / "templates/note-modele.docx", good)
    code, out, err = run(capsys, "review", *map(str, (truncated, text, odt, good,
                                                       tmp_path / "absent.docx")),
                         "--workspace", str(root))
    assert code == 1  # three errors; the LibreOffice text is read with the good one
    assert f"{truncated}: fichier endommagé ou incomplet : ce n'est pas un document Word " \
           "(.docx) lisible" in err
    assert f"{text}: fichier endommagé ou incomplet" in err
    assert f"{odt}: info : ce document ne dit pas de quelle contribution" in err  # read
    assert f"{tmp_path / 'absent.docx'}: fichier introuvable" in err
    assert "Traceback" not in err and "n'a pas pu aboutir" not in err
    assert "écrit : build/revue-sans-contribution/revue.csv" in out  # the good one was read


def test_without_any_file_the_command_cannot_run(workspace, capsys):
    code, _, err = run(capsys, "review", "--workspace", str(workspace("petit")))
    assert code == 2
    assert "aucun fichier de relecture" in err and "reviews/<contribution>/" in err

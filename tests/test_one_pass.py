"""Issue 13, points 1 and 2: ``check`` and ``build`` run the same checks and say the
same things; the build report lists every note left out and every problem of its
contribution."""

from __future__ import annotations

import time

import pytest

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace, plain_spaces

# The build's own, per contribution: « note laissée de côté (brouillon) ».
BUILD_ONLY = {"note.exclue"}


def _notes_lines(report: Report) -> list[str]:
    return [line for line, d in zip(report.lines(), sorted(
        report.diagnostics, key=lambda d: (d.path, d.line or 0)), strict=True)
        if d.code not in BUILD_ONLY]


def test_check_and_build_print_the_same_diagnostics(retours):
    check_lines, build_lines = _notes_lines(retours.check), _notes_lines(retours.build)
    assert check_lines == build_lines  # line for line, once each
    text = plain_spaces("\n".join(check_lines))
    for expected in (
        "sources/alpha/images-et-liens.md:16: attention : image « images/absente.jpg » "
        "introuvable [note.image]",
        "sources/alpha/images-et-liens.md:18: attention : image « https://example.org/"
        "affiche.png » refusée",
        "sources/alpha/images-et-liens.md:22: attention : lien « programme.pdf » retiré",
        "sources/alpha/images-et-liens.md:22: attention : HTML retiré : « <span> »",
        "sources/alpha/sans-enseignements.md: attention : pas de section « ## Enseignements »",
        "sources/beta/photo-oubliee.jpg: attention : image qu'aucune note n'affiche",
    ):
        assert expected in text
    # a note in two contributions is reported once, not once per contribution
    assert text.count("sans-enseignements.md: attention : pas de section") == 1


def test_the_build_still_embeds_the_images_it_warns_about_none_of(retours):
    page = (retours.root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert 'alt="Le vernissage"' in page and "data:image/png;base64," in page
    assert "vernissage.png" not in plain_spaces(str(retours.check.lines()))


def test_build_report_lists_every_note_left_out_and_why(retours):
    report = plain_spaces((retours.root / "build/vie-locale/rapport.md").read_text("utf-8"))
    left = report.split("## Notes laissées de côté")[1].split("## Thèmes")[0]
    assert "- sources/beta/sans-texte.md — brouillon" in left
    assert ("- sources/beta/auteurs-mal-indentes.md — erreur : ligne 6 : élément de liste "
            "« - Louis Bernard » mal indenté") in left
    assert "- sources/beta/modele-non-rempli.md — erreur : ligne 4 : « Prénom Nom »" in left
    assert "(et 4 autres erreurs)" in left
    for name in ("compte-rendu.pdf", "modele.dotx", "note.fodt"):
        assert f"- sources/beta/{name} — erreur : format non pris en charge" in left
    problems = report.split("## Erreurs et avertissements")[1]
    assert "(aucun)" not in problems
    assert "sources/alpha/images-et-liens.md:16: attention : image « images/absente.jpg »" \
        in problems
    assert "sources/beta/modele-non-rempli.md:7: « Commune » est le texte du modèle" in problems


def test_a_contribution_report_leaves_out_the_other_contributions_notes(retours):
    report = plain_spaces((retours.root / "build/autre/rapport.md").read_text("utf-8"))
    assert "images-et-liens.md" not in report  # names vie-locale only
    assert "modele-non-rempli.md" not in report
    assert "sources/alpha/sans-enseignements.md: attention : pas de section" in report
    # a file whose contribution cannot be read concerns every contribution
    assert "- sources/beta/modele.dotx — erreur" in report


@pytest.mark.complet  # 200 notes through the model first: a long check
def test_check_of_200_notes_takes_a_few_seconds(tmp_path, nlp):
    """The inspection is one pandoc run for all the notes (not one per note)."""
    root = copy_workspace("petit", tmp_path)
    body = (root / "sources/alpha/fete-des-voisins.md").read_text(encoding="utf-8")
    for number in range(200):
        (root / f"sources/alpha/note-{number}.md").write_text(
            body.replace("titre: La fête", f"titre: La fête {number}"), encoding="utf-8")
    check(Workspace(root), Report())  # fills the language cache, as a previous check did
    start = time.perf_counter()
    check(Workspace(root), Report())
    assert time.perf_counter() - start < 5

"""Enrich: declared themes kept, theme-less notes placed from their text when the
evidence is clear, otherwise « À classer » with the reason (real model)."""

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.stages.enrich import enrich
from pipeline.workspace import Workspace
from tests.conftest import plain_lines


def _placements(themes):
    return {p.note.path: p for p in themes.checked.placements}


def test_declared_themes_are_never_overridden(themes):
    chorale = _placements(themes)["sources/beta/chorale-des-voisins.md"]
    assert chorale.themes == ("lecture",) and chorale.how == "déclarés"
    assert chorale.reason.startswith("le texte évoque surtout le thème « Les pratiques musicales »")


def test_a_declared_note_pointing_elsewhere_gets_a_hint(themes):
    assert ("sources/beta/chorale-des-voisins.md:6: info : « vie-culturelle » : le texte évoque "
            "surtout le thème « Les pratiques musicales » (mots : chorale ×2, musique, concert, "
            "instrument, chanter) ; thèmes déclarés : « Les bibliothèques et la lecture » "
            "[theme.indice]") in plain_lines(themes.report)


def test_a_suggested_theme_is_said_with_its_score_and_words(themes):
    assert ("sources/alpha/jardins-au-pied-des-immeubles.md:2: info : « vie-culturelle » : thème "
            "« Jardins et nature en ville » proposé d'après le texte (score 6,7 ; mots : jardin "
            "partagé ×2, potager, planter, récolter, compost, légume) [theme.propose]"
            ) in plain_lines(themes.report)
    placement = _placements(themes)["sources/alpha/jardins-au-pied-des-immeubles.md"]
    assert round(placement.score, 1) == 6.7


def test_a_classer_says_why(themes):
    assert ("sources/beta/marche-nocturne.md:2: info : « vie-culturelle » : note placée dans "
            "« À classer » (aucun thème déclaré ; aucun mot-clé des thèmes dans le texte) "
            "[theme.a-classer]") in plain_lines(themes.report)


def test_without_analyses_theme_less_notes_go_to_a_classer(themes):
    checked = themes.checked
    notes = tuple(dict.fromkeys(p.note for p in checked.placements))
    report = Report()
    placements = enrich(notes, checked.inputs.contributions, report)
    assert {p.how for p in placements} == {"déclarés", "à classer"}
    assert [d.code for d in report.diagnostics].count("theme.a-classer") == 4


def test_the_petit_workspace_keeps_its_chapters(nlp, workspace):
    checked = check(Workspace(workspace("petit")), Report())
    placed = {p.note.title: p.how for p in checked.placements if p.contribution_id == "vie-locale"}
    assert placed["Une note sans thème"] == "à classer"

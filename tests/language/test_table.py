"""`python -m pipeline themes` and the build report: where each note went and why."""

from tests.conftest import run


def test_themes_command_prints_theme_how_score_and_words(nlp, workspace, capsys):
    root = workspace("themes")
    code, out, err = run(capsys, "themes", "--workspace", str(root))
    assert code == 0, err
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("sources/")}
    assert rows["sources/alpha/mediatheque-du-soir.md"].split("  ")[-1].startswith(
        "médiathèque ×3, lecture publique, bibliothèque, livre, lire, prêter")
    assert "Les bibliothèques et la lecture" in rows["sources/alpha/mediatheque-du-soir.md"]
    assert " proposé " in rows["sources/beta/chantier-insertion.md"]
    assert " déclaré " in rows["sources/beta/chorale-des-voisins.md"]
    marche = rows["sources/beta/marche-nocturne.md"]
    assert "À classer" in marche and "à classer" in marche
    assert "→ aucun thème déclaré ; aucun mot-clé des thèmes dans le texte" in out
    assert "Règle : un thème est proposé quand son score atteint 2" in out
    assert "6 notes analysées, 0 note lue dans le cache" in err
    again = run(capsys, "themes", "--workspace", str(root))[2]
    assert "0 note analysée, 6 notes lues dans le cache" in again


def test_build_report_shows_the_same_per_note(themes_built):
    report = (themes_built / "build/vie-culturelle/rapport.md").read_text(encoding="utf-8")
    assert ("| sources/beta/chantier-insertion.md | Emploi et insertion | proposé | 8,1 | "
            "emploi ×2, recruter ×2, formation ×2, chantier d'insertion, accompagner, insertion "
            "professionnelle |   |") in report
    assert ("| sources/beta/marche-nocturne.md | À classer | à classer | — | — | aucun thème "
            "déclaré ; aucun mot-clé des thèmes dans le texte |") in report
    assert "Règle : un thème est proposé quand son score atteint 2 et vaut au moins 1,5 fois" \
        in report

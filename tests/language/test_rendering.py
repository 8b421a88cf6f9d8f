"""The index annex and the distinctive words in the built document (real pandoc)."""

import re

from pipeline.outputs.contract import note_anchor
from tests.conftest import copy_workspace, run, write_note


def _markdown(root):
    return (root / "build/vie-culturelle/vie-culturelle.md").read_text(encoding="utf-8")


def test_theme_less_notes_appear_under_their_suggested_theme(themes_built):
    text = _markdown(themes_built)
    chapters = re.split(r"^# ", text, flags=re.M)
    jardins = next(c for c in chapters if c.startswith("Jardins et nature en ville"))
    assert "## Des jardins au pied des immeubles" in jardins
    a_classer = next(c for c in chapters if c.startswith("À classer"))
    assert "## Un marché nocturne en été" in a_classer
    assert "## Des jardins" not in a_classer


def test_index_annex_lists_places_with_links_to_the_notes(themes_built):
    text = _markdown(themes_built)
    annex = text.split("## Index des lieux et des organisations {#index-lieux}")[1]
    annex = annex.split("## Glossaire")[0]
    soir, jardins, portrait = (note_anchor(f"sources/alpha/{name}.md") for name in (
        "mediatheque-du-soir", "jardins-au-pied-des-immeubles", "portrait-de-jardiniere"))
    soirees = "[[Des soirées dans les médiathèques du Blosne]{.titre-note}]"
    assert f"- **Le Blosne** : {soirees}(#{soir})\n" in annex
    assert (f"- **Rennes** : {soirees}(#{soir}), "
            f"[[Des jardins au pied des immeubles]{{.titre-note}}](#{jardins}), "
            f"[[Portrait d'une jardinière]{{.titre-note}}](#{portrait})\n") in annex  # in order
    assert "**Contexte**" not in annex and "**Douze**" not in annex
    html = (themes_built / "build/vie-culturelle/vie-culturelle.html").read_text(encoding="utf-8")
    assert "Index des lieux et des organisations" in html
    assert f'href="#{soir}"' in html


def test_cross_reading_shows_each_themes_distinctive_words(themes_built):
    text = _markdown(themes_built)
    cross = text.split("# Regards croisés {#regards-croises}")[1].split("# Annexes")[0]
    jardins = cross.split("## Jardins et nature en ville")[1].split("\n## ")[0]
    words = re.search(r"\*\*Mots distinctifs :\*\* (.*)", jardins).group(1)
    assert "jardins" in words.split("\\, ")  # as the notes write it
    html = (themes_built / "build/vie-culturelle/vie-culturelle.html").read_text(encoding="utf-8")
    assert "Mots distinctifs" in html


def test_a_theme_without_lessons_is_still_dropped_from_the_cross_reading(nlp, tmp_path, capsys):
    root = copy_workspace("themes", tmp_path)
    for note in (root / "sources").rglob("*.md"):
        note.write_text(note.read_text(encoding="utf-8").replace("## Enseignements", "## Suite"),
                        encoding="utf-8")
    write_note(root, "alpha/jardin.md", "titre: Jardin\ncrpv: alpha\nauteurs: [A B]\n"
               "contribution: vie-culturelle\nthemes: [musique]\ndate: 2024-01-01\n"
               "statut: valide", "## Enseignements\n\nLa musique adoucit le quartier.\n")
    assert run(capsys, "build", "--format", "html", "--workspace", str(root))[0] == 0
    html = (root / "build/vie-culturelle/vie-culturelle.html").read_text(encoding="utf-8")
    cross = html.split('id="regards-croises"')[1]
    assert "regards-jardins" not in cross and "regards-musique" in cross

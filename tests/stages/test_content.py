"""Issue 13, point 3: a note still holding the template's placeholders or help texts,
or with no text, is an error up for review and a warning as a brouillon; mis-nested
YAML is an error at its line, with the hint that fits; counts count every file."""

from __future__ import annotations

import pytest

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.workspace import Workspace
from tests.conftest import plain_spaces, run, write_note

FRONT = ("titre: Une note\ncrpv: alpha\nauteurs: [Jeanne Leroy]\ncontribution: vie-locale\n"
         "date: 2024-03-01\nstatut: {status}")


def _lines(root) -> list[str]:
    report = Report()
    check(Workspace(root), report)
    return [plain_spaces(line) for line in report.lines()]


@pytest.mark.parametrize("status", ["a-relire", "valide"])
def test_a_note_made_by_new_note_and_not_filled_in_is_an_error(workspace, capsys, status):
    root = workspace("petit")
    code, _, _ = run(capsys, "new-note", "--crpv", "alpha", "--titre", "Essai",
                     "--contribution", "vie-locale", "--workspace", str(root))
    path = root / "sources/alpha/essai.md"
    path.write_text(path.read_text("utf-8").replace("statut: brouillon", f"statut: {status}"),
                    encoding="utf-8")
    lines = [line for line in _lines(root) if line.startswith("sources/alpha/essai.md")]
    after = f"(la note est au statut « {status} » : elle n'est pas publiée ainsi) [note.modele]"
    assert lines == [
        f"sources/alpha/essai.md:4: « Prénom Nom » est le texte du modèle : remplacez-le par "
        f"votre nom (Prénom Nom des auteurs) {after}",
        f"sources/alpha/essai.md:7: « Commune » est le texte du modèle : remplacez-le par "
        f"votre commune {after}",
        f"sources/alpha/essai.md:7: « Quartier » est le texte du modèle : remplacez-le par "
        f"votre quartier {after}",
        "sources/alpha/essai.md:15: texte d'aide du modèle laissé tel quel : « Le territoire, "
        f"le quartier, ce qui a motivé l'action. » ; remplacez-le par le vôtre {after}",
        "sources/alpha/essai.md:19: texte d'aide du modèle laissé tel quel : « La pratique : "
        f"qui fait quoi, depuis quand, avec quels moyens… » ; remplacez-le par le vôtre {after}",
        "sources/alpha/essai.md:23: texte d'aide du modèle laissé tel quel : « Les structures "
        f"partenaires, nommées par leur fonction (« la … » ; remplacez-le par le vôtre {after}",
        "sources/alpha/essai.md:28: texte d'aide du modèle laissé tel quel : « Ce que la "
        "pratique apprend aux autres territoires, en quelqu… » ; remplacez-le par le vôtre "
        f"{after}",
    ]
    code, _, _ = run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert code == 1
    page = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert "Prénom Nom" not in page and "ce qui a motivé l" not in page  # never published


def test_a_brouillon_still_from_the_template_gets_warnings(workspace):
    root = workspace("petit")
    write_note(root, "alpha/essai.md", FRONT.format(status="brouillon").replace(
        "Jeanne Leroy", "Prénom Nom"), "## Contexte\n\nLe territoire, le quartier, ce qui a "
        "motivé l'action.\n")
    lines = [line for line in _lines(root) if line.startswith("sources/alpha/essai.md")
             and "[note.modele]" in line]
    assert lines == [
        "sources/alpha/essai.md:4: attention : « Prénom Nom » est le texte du modèle : "
        "remplacez-le par votre nom (Prénom Nom des auteurs) [note.modele]",
        "sources/alpha/essai.md:12: attention : texte d'aide du modèle laissé tel quel : « Le "
        "territoire, le quartier, ce qui a motivé l'action. » ; remplacez-le par le vôtre "
        "[note.modele]"]


@pytest.mark.parametrize("body", ["", "## Contexte\n\n## Enseignements\n"])
def test_a_note_with_no_text_is_an_error_up_for_review(workspace, body):
    root = workspace("petit")
    write_note(root, "alpha/vide.md", FRONT.format(status="a-relire"), body)
    assert ("sources/alpha/vide.md:8: la note n'a pas de texte : écrivez-la sous son en-tête "
            "(Contexte, Ce qui a été observé, Acteurs, Enseignements) (la note est au statut "
            "« a-relire » : elle n'est pas publiée ainsi) [note.vide]") in _lines(root)


def test_a_list_item_indented_too_far_is_an_error_at_its_line(workspace):
    root = workspace("petit")
    write_note(root, "alpha/liste.md", FRONT.format(status="a-relire").replace(
        "auteurs: [Jeanne Leroy]", "auteurs:\n- Camille Martin\n  - Louis Bernard"))
    assert ("sources/alpha/liste.md:6: élément de liste « - Louis Bernard » mal indenté : les "
            "« - » d'une même liste commencent à la même colonne [note.entete]") in _lines(root)


def test_a_misindented_block_gets_the_indentation_hint_not_the_quotes_one(workspace):
    root = workspace("petit")
    write_note(root, "alpha/bloc.md", FRONT.format(status="a-relire") +
               "\nterritoire:\n  commune: Rennes\n   quartier: Maurepas")
    lines = [line for line in _lines(root) if line.startswith("sources/alpha/bloc.md")]
    assert lines == ["sources/alpha/bloc.md:10: YAML illisible : « : » inattendu : vérifiez "
                     "l'indentation (les champs d'un même bloc commencent à la même colonne, "
                     "sous le champ qui les contient) [note.entete]"]
    assert "guillemets" not in lines[0]


def test_the_count_counts_every_note_file(workspace, capsys):
    root = workspace("petit")
    write_note(root, "alpha/liste.md", FRONT.format(status="a-relire").replace(
        "auteurs: [Jeanne Leroy]", "auteurs:\n- A\n  - B"))
    (root / "sources/alpha/ancien.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "8 notes trouvées (dont 2 illisibles), 6 notes valides." in err

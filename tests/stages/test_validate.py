"""One test per validation message: the whole line the writer sees."""

import pytest

from pipeline.stages.load import NEW_CENTRE
from tests.conftest import run, write_note

VALID = """titre: Essai
crpv: alpha
auteurs: [Jeanne Leroy]
contribution: vie-locale
themes: [jardins]
date: 2024-03-12
statut: valide"""

P = "sources/alpha/essai.md"

CASES = {
    "crpv mal orthographié": (
        ("crpv: alpha", "crpv: alpah"),
        f"{P}:3: crpv « alpah » inconnu (vouliez-vous dire « alpha » ?) ; {NEW_CENTRE} "
        "[note.crpv]"),
    "contribution inconnue": (
        ("contribution: vie-locale", "contribution: vie-local"),
        f"{P}:5: contribution « vie-local » inconnue (vouliez-vous dire « vie-locale » ?) "
        "[note.contribution]"),
    "thème inconnu": (
        ("themes: [jardins]", "themes: [jardin]"),
        f"{P}:6: thème « jardin » inconnu dans « vie-locale » (vouliez-vous dire « jardins » ?) "
        "[note.theme]"),
    "champ obligatoire manquant": (
        ("auteurs: [Jeanne Leroy]\n", ""),
        f"{P}:2: champ obligatoire « auteurs » manquant (exemple : auteurs: "
        "[Camille Martin, Louis Bernard]) [champ.manquant]"),
    "liste d'auteurs vide": (
        ("auteurs: [Jeanne Leroy]", "auteurs: [~]"),
        f"{P}:4: « auteurs » doit contenir au moins un élément (exemple : auteurs: "
        "[Camille Martin, Louis Bernard]) [champ.auteurs]"),
    "date impossible": (
        ("date: 2024-03-12", "date: 2024-02-30"),
        f"{P}:7: date « 2024-02-30 » invalide : attendu AAAA-MM-JJ, une date qui existe "
        "(exemple : 2024-03-12) [champ.date]"),
    "date en français": (
        ("date: 2024-03-12", "date: 12/03/2024"),
        f"{P}:7: date « 12/03/2024 » invalide : attendu AAAA-MM-JJ, une date qui existe "
        "(exemple : 2024-03-12) [champ.date]"),
    "statut inconnu": (
        ("statut: valide", "statut: validé"),
        f"{P}:8: statut « validé » inconnu (vouliez-vous dire « valide » ?) : valeurs possibles "
        "brouillon, a-relire, valide [champ.statut]"),
    "titre qui n'est pas un texte": (
        ("titre: Essai", "titre: [Essai, Autre]"),
        f"{P}:2: « titre » doit être un texte (exemple : Une résidence d'artistes au cœur du "
        "Neuhof) [champ.titre]"),
    "identifiant mal formé": (
        ("crpv: alpha", "crpv: Centre Alpha"),
        f"{P}:3: « crpv » : identifiant « Centre Alpha » incorrect (minuscules sans accents, "
        "chiffres et tirets, par exemple oriv) [champ.crpv]"),
    "territoire mal décrit": (
        ("statut: valide", "statut: valide\nterritoire: {ville: Rennes}"),
        f"{P}:9: « territoire » : « ville » inconnu, seuls commune, quartier et departement "
        "sont possibles "
        "[champ.territoire]"),
    "clé en double": (
        ("statut: valide", "statut: valide\ntitre: Autre"),
        f"{P}:9: clé « titre » en double [note.entete]"),
    "YAML illisible": (
        ("titre: Essai", "titre: Essai: suite"),
        f"{P}:2: YAML illisible : « : » inattendu ; si la valeur contient « : », mettez-la "
        'entre guillemets (titre: "Bilan : suite") [note.entete]'),
    "liste mal fermée": (
        ("auteurs: [Jeanne Leroy]", "auteurs: [Jeanne Leroy"),
        f"{P}:4: YAML illisible : liste entre [ ] mal fermée [note.entete]"),  # the [ line
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_message(case, workspace, capsys):
    (old, new), expected = CASES[case]
    root = workspace("petit")
    write_note(root, "alpha/essai.md", VALID.replace(old, new, 1))
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert expected in err.splitlines()


def test_unknown_field_is_a_warning_and_strict_makes_it_fail(workspace, capsys):
    root = workspace("petit")
    write_note(root, "alpha/essai.md", VALID + "\ntags: [x]")
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 0
    assert f"{P}:9: attention : champ « tags » inconnu, ignoré [champ.inconnu]" in err
    assert run(capsys, "check", "--strict", "--workspace", str(root))[0] == 1


def test_note_in_another_crpv_folder_is_a_warning(workspace, capsys):
    root = workspace("petit")
    write_note(root, "beta/essai.md", VALID)
    _, _, err = run(capsys, "check", "--workspace", str(root))
    assert ("sources/beta/essai.md:3: attention : la note est rangée dans « beta » mais déclare "
            "crpv « alpha » [note.dossier]") in err


@pytest.mark.parametrize(("text", "expected"), [
    ("", "sources/alpha/essai.md:1: note vide [note.entete]"),
    ("Pas d'en-tête\n", "sources/alpha/essai.md:1: la note doit commencer par un en-tête : une "
     "ligne « --- », les champs (titre, crpv, …), puis une autre ligne « --- » [note.entete]"),
    ("---\ntitre: A\n", "sources/alpha/essai.md:1: en-tête non fermé : ajoutez une ligne « --- » "
     "après le dernier champ [note.entete]"),
])
def test_front_matter_shape(text, expected, workspace, capsys):
    root = workspace("petit")
    (root / "sources/alpha/essai.md").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert expected in err.splitlines()


def test_theme_known_to_one_of_two_contributions_is_fine(workspace, capsys):
    root = workspace("petit")
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 0, err  # deux-contributions.md: « sport » only in autre, « jardins » in both


def test_two_notes_of_one_contribution_with_the_same_title(workspace, capsys):
    root = workspace("petit")
    write_note(root, "alpha/essai.md", VALID.replace("Essai", "Une résidence d'artistes"))
    write_note(root, "beta/residence.md", VALID.replace("Essai", "Une  résidence d'artistes")
               .replace("crpv: alpha", "crpv: beta"))
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 0, err
    assert ("sources/beta/residence.md:2: attention : même titre « Une résidence d'artistes » "
            "que sources/alpha/essai.md dans la contribution « vie-locale » : "
            "distinguez-les (le lecteur ne saura pas de laquelle on parle) "
            "[note.titre-double]") in err

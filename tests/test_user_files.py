"""The charter and the glossary, files a user edits, are read like the notes: a
schema, a message with the file and the line for each problem, exit code 2 (the
command cannot run), never a traceback."""

import pytest

from tests.conftest import REPOSITORY, run

CHARTER = (REPOSITORY / "templates/charte/charte.yaml").read_text(encoding="utf-8")
GLOSSARY = (REPOSITORY / "templates/glossaire.yaml").read_text(encoding="utf-8")


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def _with(root, name: str, text: str) -> None:
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("change", "where", "message"), [
    (lambda t: t.replace("sigle_reseau: RNCRPV\n", ""), "nom_reseau:",  # the mapping's line
     "champ obligatoire « sigle_reseau » manquant"),
    (lambda t: t.replace("  titre_2: 14\n", "  titre_2: grand\n"), "  titre_2:",
     "« tailles_pt » : « titre_2 » doit être un nombre positif"),
    (lambda t: t.replace('primaire: "#1F4E79"', 'primaire: "bleu"'), "  primaire:",
     "« couleurs » : couleur « primaire » incorrecte"),
    (lambda t: t.replace("polices:\n", "polices: Lato\nautres:\n"), "polices:",
     "« polices » doit être une liste de « nom: valeur »"),
])
def test_a_broken_charter_says_where_and_the_command_cannot_run(workspace, capsys, change,
                                                                where, message):
    root = workspace("petit")
    broken = change(CHARTER)
    assert broken != CHARTER
    _with(root, "charte/charte.yaml", broken)
    line = _line(broken, where)
    for command in ("check", "build"):
        code, _, err = run(capsys, command, "--workspace", str(root))
        assert code == 2, err
        assert f"templates/charte/charte.yaml:{line}: {message}" in err
        assert "Traceback" not in err and "n'a pas pu aboutir" not in err
    assert not (root / "build/vie-locale").exists()


def test_unreadable_yaml_in_the_charter_says_its_line(workspace, capsys):
    root = workspace("petit")
    _with(root, "charte/charte.yaml", CHARTER.replace("format_page: A4", "format_page: [A4"))
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 2
    assert "templates/charte/charte.yaml:" in err and "YAML illisible" in err


def test_a_broken_glossary_says_where_and_the_command_cannot_run(workspace, capsys):
    root = workspace("petit")
    broken = GLOSSARY.replace("CAF: Caisse d'allocations familiales", "CAF:\n  - Caisse")
    assert broken != GLOSSARY
    _with(root, "glossaire.yaml", broken)
    code, _, err = run(capsys, "build", "--workspace", str(root))
    assert code == 2, err
    line = _line(broken, "  - Caisse")
    assert f"templates/glossaire.yaml:{line}: « glossaire » : « CAF » doit être un texte" in err
    assert "Traceback" not in err


def test_a_glossary_that_is_not_a_list_of_acronyms_is_refused(workspace, capsys):
    root = workspace("petit")
    _with(root, "glossaire.yaml", "- ANCT\n- ANRU\n")
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 2
    assert "templates/glossaire.yaml:1: « glossaire » doit être une liste de « nom: valeur »" \
        in err

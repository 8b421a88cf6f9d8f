"""The glossary, a file users edit, read like the notes: a message with the file and
the line for each problem, exit code 2 (the command cannot run), never a traceback."""

from tests.conftest import REPOSITORY, first_line, run, write_template

GLOSSARY = (REPOSITORY / "templates/glossaire.yaml").read_text(encoding="utf-8")


def test_a_broken_glossary_says_where_and_the_command_cannot_run(workspace, capsys):
    root = workspace("petit")
    broken = GLOSSARY.replace("CAF: Caisse d'allocations familiales", "CAF:\n  - Caisse")
    assert broken != GLOSSARY
    write_template(root, "glossaire.yaml", broken)
    code, _, err = run(capsys, "build", "--workspace", str(root))
    assert code == 2, err
    line = first_line(broken, "  - Caisse")
    assert f"templates/glossaire.yaml:{line}: « glossaire » : « CAF » doit être un texte" in err
    assert "Traceback" not in err


def test_a_glossary_that_is_not_a_list_of_acronyms_is_refused(workspace, capsys):
    root = workspace("petit")
    write_template(root, "glossaire.yaml", "- ANCT\n- ANRU\n")
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 2
    assert "templates/glossaire.yaml:1: « glossaire » doit être une liste de « nom: valeur »" \
        in err

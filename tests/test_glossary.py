"""The glossary, a file users edit, read like the notes: a message with the file and
the line for each problem, exit code 2 (the command cannot run), never a traceback."""

from tests.conftest import REPOSITORY, run

GLOSSARY = (REPOSITORY / "templates/glossaire.yaml").read_text(encoding="utf-8")


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def _with(root, name: str, text: str) -> None:
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


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

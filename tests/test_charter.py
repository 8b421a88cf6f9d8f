"""One charter, one source: a colour changed in charte.yaml changes in all three
outputs; and a wrong charter is read like the notes: a message with the file and the
line for each problem, exit code 2 (the command cannot run), never a traceback."""

import docx
import pikepdf
import pytest

from tests.conftest import REPOSITORY, first_line, run, write_template

NEW_PRIMARY = "#123456"


def _pdf_fill_colours(path):
    colours = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("rg", "RG"):
                    colours.add("#" + "".join(f"{round(float(v) * 255):02X}" for v in operands))
    return colours


def test_changing_a_colour_in_the_charter_changes_it_everywhere(workspace, capsys):
    root = workspace("petit")
    (root / "templates/charte").mkdir(parents=True)
    charter = (REPOSITORY / "templates/charte/charte.yaml").read_text(encoding="utf-8")
    old_primary = next(line.split('"')[1] for line in charter.splitlines()
                       if line.strip().startswith("primaire:"))
    (root / "templates/charte/charte.yaml").write_text(
        charter.replace(old_primary, NEW_PRIMARY), encoding="utf-8")
    code, _, err = run(capsys, "build", "--workspace", str(root))
    assert code == 0, err
    out = root / "build/vie-locale/vie-locale"

    heading = docx.Document(str(out.with_suffix(".docx"))).styles["Heading 1"]
    assert str(heading.font.color.rgb) == NEW_PRIMARY[1:]

    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert f"--primaire: {NEW_PRIMARY}" in html and old_primary not in html

    colours = _pdf_fill_colours(out.with_suffix(".pdf"))
    assert NEW_PRIMARY in colours and old_primary.upper() not in colours


CHARTER = (REPOSITORY / "templates/charte/charte.yaml").read_text(encoding="utf-8")


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
    write_template(root, "charte/charte.yaml", broken)
    line = first_line(broken, where)
    for command in ("check", "build"):
        code, _, err = run(capsys, command, "--workspace", str(root))
        assert code == 2, err
        assert f"templates/charte/charte.yaml:{line}: {message}" in err
        assert "Traceback" not in err and "n'a pas pu aboutir" not in err
    assert not (root / "build/vie-locale").exists()


def test_unreadable_yaml_in_the_charter_says_its_line(workspace, capsys):
    root = workspace("petit")
    broken = CHARTER.replace("format_page: A4", "format_page: [A4")
    write_template(root, "charte/charte.yaml", broken)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 2
    assert "templates/charte/charte.yaml:" in err and "YAML illisible" in err

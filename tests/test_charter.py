"""One charter, one source: a colour changed in charte.yaml changes in all three outputs."""

import docx
import pikepdf

from tests.conftest import REPOSITORY, run

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

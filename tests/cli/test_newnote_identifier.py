"""new-note gives each note its permanent identifier (its address on the site)."""

from pipeline.cli.newnote import permanent_id
from pipeline.diagnostics import Report
from pipeline.office.reader import read_office_note
from pipeline.workspace import Workspace
from pipeline.yamlread import read_yaml, split_front_matter
from tests.conftest import run


def test_the_identifier_is_made_of_the_centre_the_year_and_the_first_words():
    assert permanent_id("oriv", 2025, "Une résidence d'artistes au cœur du Neuhof, "
                        "trois saisons plus tard") == "oriv-2025-une-residence-d-artistes-au"


def test_a_new_note_carries_its_identifier(workspace, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    root = workspace("petit")
    code, _, _ = run(capsys, "new-note", "--crpv", "beta", "--titre", "Le jardin des Lilas",
                     "--contribution", "vie-locale", "--workspace", str(root))
    assert code == 0
    text = (root / "sources/beta/le-jardin-des-lilas.md").read_text(encoding="utf-8")
    front = read_yaml(split_front_matter(text)[0], first_line=2).value
    assert front["identifiant"].value == "beta-2025-le-jardin-des-lilas"
    code, _, _ = run(capsys, "new-note", "--crpv", "beta", "--titre", "Le verger",
                     "--contribution", "vie-locale", "--format", "docx",
                     "--workspace", str(root))
    assert code == 0
    note = read_office_note(root / "sources/beta/le-verger.docx", Workspace(root), Report())
    assert note is not None
    assert note.front_matter.value["identifiant"].value == "beta-2025-le-verger"

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.stages.load import NEW_CENTRE
from pipeline.workspace import Workspace
from tests.conftest import run


def test_new_note_starts_a_valid_brouillon_in_the_crpv_folder(workspace, capsys):
    root = workspace("petit")
    title = "Un café « solidaire » : l'essai"
    code, out, _ = run(capsys, "new-note", "--crpv", "beta", "--titre", title,
                       "--contribution", "vie-locale", "--workspace", str(root))
    assert code == 0
    path = root / "sources/beta/un-cafe-solidaire-l-essai.md"
    assert out.strip() == "note créée : sources/beta/un-cafe-solidaire-l-essai.md"
    report = Report()
    placements = check(Workspace(root), report).placements
    note = next(p.note for p in placements if p.note.path == "sources/beta/" + path.name)
    assert note.title == title
    assert note.status == "brouillon"
    assert not report.has_errors_for("sources/beta/un-cafe-solidaire-l-essai.md")
    before = path.read_bytes()
    code, _, err = run(capsys, "new-note", "--crpv", "beta", "--titre", title,
                       "--contribution", "vie-locale", "--workspace", str(root))
    assert code == 1
    assert "existe déjà : rien n'a été modifié" in err
    assert path.read_bytes() == before  # never overwrites a writer's note


def test_new_note_refuses_an_unknown_crpv(workspace, capsys):
    code, _, err = run(capsys, "new-note", "--crpv", "gamma", "--titre", "X",
                       "--workspace", str(workspace("petit")))
    assert code == 1
    assert "alpha, beta" in err


def test_new_note_asks_which_contribution_when_there_are_several(workspace, capsys):
    code, _, err = run(capsys, "new-note", "--crpv", "beta", "--titre", "X",
                       "--workspace", str(workspace("petit")))
    assert code == 1
    assert "--contribution parmi : autre, vie-locale" in err


def test_new_note_with_a_broken_registry_says_where_and_cannot_run(workspace, capsys):
    root = workspace("petit")
    (root / "contributions/reseau.yaml").write_text("centres:\n  - {id: alpha}\n",
                                                    encoding="utf-8")
    code, out, err = run(capsys, "new-note", "--crpv", "alpha", "--titre", "X",
                         "--contribution", "vie-locale", "--workspace", str(root))
    assert code == 2, err
    assert "contributions/reseau.yaml:2: champ obligatoire « nom » manquant" in err
    assert "parmi" not in err and out == ""
    assert not (root / "sources/alpha/x.md").exists()


def test_new_note_messages_go_through_the_report(workspace, capsys):
    code, _, err = run(capsys, "new-note", "--crpv", "gamma", "--titre", "X",
                       "--workspace", str(workspace("petit")))
    assert code == 1
    assert err == (f"new-note: centre « gamma » inconnu ; centres : alpha, beta ; {NEW_CENTRE} "
                   "[option.crpv]\n")

"""Every command says what it found through the report: a broken configuration file
read on the way is never read in silence (an empty list of choices, an exit code 1
for a command that could not run, remarks attributed to no note without a word)."""

from tests.conftest import REPOSITORY, run

MODEL_DOCX = REPOSITORY / "templates/note-modele.docx"  # a Word file with no remark


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
    assert err == "new-note: indiquez votre centre avec --crpv parmi : alpha, beta " \
                  "[option.crpv]\n"


def test_review_says_a_broken_contribution(workspace, capsys):
    root = workspace("petit")
    (root / "contributions/autre/contribution.yaml").write_text("titre: [\n", encoding="utf-8")
    code, out, err = run(capsys, "review", str(MODEL_DOCX), "--contribution", "vie-locale",
                         "--workspace", str(root))
    assert "contributions/autre/contribution.yaml:" in err and "YAML illisible" in err
    assert code == 2  # as check says: the configuration is wrong
    assert "écrit : build/vie-locale/revue.html" in out  # the review itself was done


def test_review_with_nothing_to_read_says_it_through_the_report(workspace, capsys):
    code, _, err = run(capsys, "review", "--workspace", str(workspace("petit")))
    assert code == 2
    assert err.startswith("reviews: aucun fichier de relecture") and "[revue.aucun]" in err

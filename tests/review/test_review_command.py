"""``review`` says what it could not read through the report: a broken
contribution is said, not skipped; having nothing to read is an error with its place."""

from tests.conftest import REPOSITORY, run

MODEL_DOCX = REPOSITORY / "templates/note-modele.docx"  # a Word file with no remark


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

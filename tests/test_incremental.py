"""A build does the work its inputs call for: none when nothing changed, only the
contributions a changed note belongs to otherwise."""

import shutil

import pytest

from tests.conftest import REPOSITORY, run

OUTPUTS = ("docx", "pdf", "html")


def _stamps(root):
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in (root / "build").rglob("*")
            if p.is_file() and p.parent.name in ("vie-locale", "autre")}


@pytest.fixture
def built(built_petit, tmp_path):
    """A copy of the session's build of the small sample (``build --workspace``): its
    files, their times and its state, as a build left them."""
    return shutil.copytree(built_petit, tmp_path / "petit", symlinks=True)


def test_an_unchanged_workspace_rewrites_nothing(built, capsys):
    before = _stamps(built)
    code, out, _ = run(capsys, "build", "--workspace", str(built))
    assert code == 0
    assert _stamps(built) == before
    assert "à jour : build/vie-locale/ (rien n'a changé)" in out
    assert "écrit :" not in out


def test_the_same_messages_and_exit_code_come_back_without_the_work(built, capsys):
    first = run(capsys, "build", "--strict", "--workspace", str(built))
    second = run(capsys, "build", "--strict", "--workspace", str(built))
    assert first[0] == second[0] == 1  # a note without « Enseignements » is a warning
    assert first[2] == second[2]


def test_a_one_note_change_rebuilds_only_its_contributions(built, capsys):
    before = _stamps(built)
    note = built / "sources/beta/ecole-ouverte.md"  # belongs to « vie-locale » only
    note.write_text(note.read_text("utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    code, out, _ = run(capsys, "build", "--workspace", str(built))
    assert code == 0
    after = _stamps(built)
    for kind in OUTPUTS:
        assert after[f"build/autre/autre.{kind}"] == before[f"build/autre/autre.{kind}"]
        assert after[f"build/vie-locale/vie-locale.{kind}"] != before[
            f"build/vie-locale/vie-locale.{kind}"]
    assert "Une phrase de plus." in (built / "build/vie-locale/vie-locale.html").read_text("utf-8")
    assert "à jour : build/autre/" in out


def test_a_missing_output_is_made_again(built, capsys):
    (built / "build/autre/autre.pdf").unlink()
    assert run(capsys, "build", "--workspace", str(built))[0] == 0
    assert (built / "build/autre/autre.pdf").is_file()


def test_a_charter_change_rebuilds_everything(built, capsys):
    before = _stamps(built)
    (built / "templates/charte").mkdir(parents=True)
    charter = (REPOSITORY / "templates/charte/charte.yaml").read_text(encoding="utf-8")
    (built / "templates/charte/charte.yaml").write_text(charter.replace("#E07A1F", "#C0392B"),
                                                        encoding="utf-8")
    assert run(capsys, "build", "--workspace", str(built))[0] == 0
    after = _stamps(built)
    assert all(after[f"build/{c}/{c}.docx"] != before[f"build/{c}/{c}.docx"]
               for c in ("vie-locale", "autre"))

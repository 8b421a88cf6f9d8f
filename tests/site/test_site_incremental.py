"""A site rebuilt: a no-op writes nothing, one note changed rewrites its page and what
lists it, a renamed and retitled note keeps its address; bad input leaves the site as it
was, with ``check``'s exit codes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run


def files(root: Path) -> dict[str, tuple[int, int]]:
    """Each file of the site → (inode, modification time in ns)."""
    out = root / "build" / "site"
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file()}


def changed(before: dict, after: dict) -> set[str]:
    return {p for p in set(before) | set(after) if before.get(p) != after.get(p)}


def test_a_no_op_site_writes_no_file(site_copy, capsys):
    before = files(site_copy)
    code, _, err = run(capsys, "site", "--workspace", str(site_copy))
    assert code == 0
    assert "0 fichier écrit, 0 fichier supprimé" in err
    assert changed(before, files(site_copy)) == set()


def test_one_note_changed_rewrites_its_page_and_what_lists_it(site_copy, capsys):
    note = site_copy / "sources/centre-nord/residence-roubaix.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "sur les façades", "sur les façades colorées"), encoding="utf-8")
    before = files(site_copy)
    code, _, err = run(capsys, "site", "--workspace", str(site_copy))
    assert code == 0, err
    rewritten = changed(before, files(site_copy))
    assert "notes/nord-2025-roubaix/index.html" in rewritten
    assert any(p.startswith("pagefind/fragment/") for p in rewritten)
    # its body changed, not its title or place: no other page lists anything new
    others = {p for p in rewritten if not p.startswith("pagefind/")} - {
        "notes/nord-2025-roubaix/index.html", "contributions/regards-2025/regards-2025.pdf",
        "contributions/regards-2025/regards-2025.docx"}
    assert others == set()
    assert len(rewritten) < len(before) / 3


def test_a_renamed_and_retitled_note_keeps_its_address(site_copy, capsys):
    old = site_copy / "sources/centre-est/residence-neuhof.md"
    new = site_copy / "sources/centre-est/theatre-au-neuhof.md"
    new.write_text(old.read_text(encoding="utf-8").replace(
        "titre: Une résidence de théâtre au Neuhof", "titre: Trois saisons de théâtre au Neuhof"),
        encoding="utf-8")
    old.unlink()
    before = files(site_copy)
    code, _, err = run(capsys, "site", "--workspace", str(site_copy))
    assert code == 0, err
    page = site_copy / "build/site/notes/est-2024-neuhof/index.html"
    assert "Trois saisons de théâtre au Neuhof" in page.read_text(encoding="utf-8")
    assert sorted(p.name for p in (site_copy / "build/site/notes").iterdir()) == [
        "est-2024-neuhof", "est-2025-neuhof", "nord-2025-roubaix"]
    rewritten = changed(before, files(site_copy))
    assert "themes/residences/index.html" in rewritten  # it lists the new title
    assert "notes/nord-2025-roubaix/index.html" in rewritten  # « Sur le même thème »
    assert "centres/centre-nord/index.html" not in rewritten  # does not list it


def test_a_taken_identifier_is_an_error_and_the_site_stays_as_it_was(site_copy, capsys):
    copy = site_copy / "sources/centre-nord/copie.md"
    copy.write_text((site_copy / "sources/centre-nord/residence-roubaix.md").read_text(
        encoding="utf-8").replace("identifiant: nord-2025-roubaix", "identifiant: est-2024-neuhof")
        .replace("titre: Une résidence photographique", "titre: Une copie"), encoding="utf-8")
    before = files(site_copy)
    code, _, err = run(capsys, "site", "--workspace", str(site_copy))
    assert code == 1
    assert ("sources/centre-nord/copie.md:10: identifiant « est-2024-neuhof » déjà pris par "
            "sources/centre-est/residence-neuhof.md") in err
    assert "build/site/ est resté tel quel" in err
    assert changed(before, files(site_copy)) == set()
    code, _, err = run(capsys, "check", "--workspace", str(site_copy))
    assert code == 1 and "[note.identifiant]" in err


def test_a_wrong_opt_out_is_an_error_with_its_line(site_copy, capsys):
    """A note's field: exit 1; a contribution's (its configuration): exit 2, as ``check``."""
    note = site_copy / "sources/centre-est/hors-site.md"
    note.write_text(note.read_text(encoding="utf-8").replace("hors_site: oui",
                                                             "hors_site: peut-être"),
                    encoding="utf-8")
    before = files(site_copy)
    code, _, err = run(capsys, "site", "--workspace", str(site_copy))
    assert code == 1
    assert ("sources/centre-est/hors-site.md:10: « hors_site » doit valoir oui ou non "
            "(exemple : hors_site: oui) [champ.hors_site]") in err
    assert changed(before, files(site_copy)) == set()
    contribution = site_copy / "contributions/regards-2025/contribution.yaml"
    contribution.write_text(contribution.read_text(encoding="utf-8").replace(
        "publication: 2025-11-20", "publication: bientôt"), encoding="utf-8")
    code, _, err = run(capsys, "site", "--workspace", str(site_copy))
    assert code == 2
    assert "contributions/regards-2025/contribution.yaml:3: date « bientôt » invalide" in err
    assert changed(before, files(site_copy)) == set()
    assert run(capsys, "check", "--workspace", str(site_copy))[0] == 2

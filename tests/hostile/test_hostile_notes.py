"""Hostile and messy notes: one build takes them all; each case has its expected
message (the whole log is asserted) and either builds or is left out."""

import contextlib
import io
import os

import docx
import pytest
from PIL import Image

from pipeline.cli.main import main
from pipeline.stages.load import NEW_CENTRE
from tests.conftest import copy_workspace, plain_spaces, run

HEAD = ("titre: {title}\ncrpv: alpha\nauteurs: [Jeanne Leroy]\ncontribution: vie-locale\n"
        "themes: [ecoles]\ndate: 2024-03-12\nstatut: valide")


def note(title: str, body: str = "## Enseignements\n\nUn texte.\n", head: str = HEAD) -> str:
    return f"---\n{head.format(title=title)}\n---\n\n{body}"


ALIASES = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]"
    for i in range(7)])

# name → (bytes of sources/alpha/<name>.md, expected messages, title if it builds)
CASES = {
    "vide": (b"", ["1: note vide [note.entete]"], None),
    "espaces": (b"  \n\n ", ["1: note vide [note.entete]"], None),
    "sans-entete": (b"Juste du texte.\n", [
        "1: la note doit commencer par un en-tête : une ligne « --- », les champs (titre, crpv, "
        "…), puis une autre ligne « --- » [note.entete]"], None),
    "entete-ouverte": (b"---\ntitre: A\n\nTexte.\n", [
        "1: en-tête non fermé : ajoutez une ligne « --- » après le dernier champ [note.entete]"],
        None),
    "yaml-casse": (note("A: B").encode(), [
        "2: YAML illisible : « : » inattendu ; si la valeur contient « : », mettez-la entre "
        'guillemets (titre: "Bilan : suite") [note.entete]'], None),
    "cle-double": (note("A").replace("statut: valide", "statut: valide\ncrpv: beta").encode(),
                   ["9: clé « crpv » en double [note.entete]"], None),
    "date-impossible": (note("A").replace("2024-03-12", "2024-02-30").encode(), [
        "7: date « 2024-02-30 » invalide : attendu AAAA-MM-JJ, une date qui existe (exemple : "
        "2024-03-12) [champ.date]"], None),
    "champ-manquant": (note("A").replace("auteurs: [Jeanne Leroy]\n", "").encode(), [
        "2: champ obligatoire « auteurs » manquant (exemple : auteurs: [Camille Martin, "
        "Louis Bernard]) [champ.manquant]"], None),
    "id-inconnu": (note("A").replace("crpv: alpha", "crpv: alfa").encode(), [
        f"3: crpv « alfa » inconnu (vouliez-vous dire « alpha » ?) ; {NEW_CENTRE} "
        "[note.crpv]"], None),
    "binaire": (bytes(range(256)) * 4, [
        "fichier binaire : une note est un texte au format Markdown (.md) [note.binaire]"], None),
    "alias": (f"---\n{ALIASES}\n---\n".encode(), [
        "2: YAML trop volumineux ou trop d'alias [note.entete]"], None),
    "etiquette-python": (note("!!python/object/apply:os.system [id]").encode(), [
        "2: étiquette YAML « !!python/object/apply:os.system » refusée : l'en-tête ne contient "
        "que du texte, des listes et des dates [note.entete]"], None),
    "utf8-bom": (b"\xef\xbb\xbf" + note('"Été à l’école : 50 € œuvre"').encode(), [],
                 "Été à l’école\u00a0: 50\u00a0€ œuvre"),
    "utf16": (note("Utf16 déjà là").encode("utf-16"), [], "Utf16 déjà là"),
    "windows-1252": (note("Fenêtres’ €uros œil").encode("cp1252"), [
        "attention : fichier non enregistré en UTF-8 ; lu comme windows-1252 "
        "[source.encodage]"], "Fenêtres’ €uros œil"),
    "crlf": (note("Fin de ligne Windows").replace("\n", "\r\n").encode(), [],
             "Fin de ligne Windows"),
    "nfd": (note("Cafe\u0301 de\u0301compose\u0301").encode(), [], "Café décomposé"),
    "gabarit": (note('"{{ 7 * 7 }} {% raw %}"',
                     "## Enseignements\n\n{{ 7 * 7 }} {% if x %}\n").encode(), [],
                "{{ 7 * 7 }} {% raw %}"),
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = copy_workspace("petit", tmp_path_factory.mktemp("hostile"))
    for name, (data, _, _) in CASES.items():
        (root / "sources/alpha" / f"{name}.md").write_bytes(data)
    before = {p: p.read_bytes() for p in (root / "sources").rglob("*") if p.is_file()}
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", "--format", "docx", "--workspace", str(root)])
    return root, code, err.getvalue(), before


def test_every_bad_note_is_reported_and_the_rest_is_built(hostile_build):
    _, code, err, _ = hostile_build
    assert code == 1
    lines = [plain_spaces(line) for line in err.splitlines()
             if line.startswith("sources/alpha/")]
    expected = sorted(f"sources/alpha/{name}.md" + (":" if message[0].isdigit() else ": ")
                      + message for name, (_, messages, _) in CASES.items()
                      for message in messages)
    produced = sorted(line for line in lines if any(
        line.startswith(f"sources/alpha/{name}.md") for name in CASES))
    assert produced == expected
    assert "Traceback" not in err


def test_readable_notes_build_with_their_characters_intact(hostile_build):
    root, _, _, _ = hostile_build
    document = docx.Document(str(root / "build/vie-locale/vie-locale.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    for name, (_, _, title) in CASES.items():
        if title:
            assert title in headings, name
    assert "Un jardin au pied des tours" in headings


def test_a_build_modifies_no_source(hostile_build):
    root, _, _, before = hostile_build
    after = {p: p.read_bytes() for p in (root / "sources").rglob("*") if p.is_file()}
    assert after == before


def test_oversized_note_is_refused_with_a_message(workspace, capsys):
    root = workspace("petit")
    (root / "sources/alpha/enorme.md").write_bytes(note("Énorme").encode() + b"a" * 5_000_001)
    code, _, err = run(capsys, "check", "--workspace", str(root))
    assert code == 1
    assert "sources/alpha/enorme.md: note trop volumineuse (5.0 Mo ; au plus 5 Mo de texte)" in err


@pytest.mark.complet  # a 2 MB note laid out in a DOCX (and by LibreOffice): a long check
def test_a_large_legitimate_note_still_builds(workspace, capsys):
    root = workspace("petit")
    paragraph = "Une phrase ordinaire sur la vie du quartier, répétée pour faire du volume. "
    body = "## Contexte\n\n" + "\n\n".join([paragraph * 20] * 1500) + "\n"
    (root / "sources/alpha/longue.md").write_text(note("Une très longue note", body),
                                                  encoding="utf-8")
    assert (root / "sources/alpha/longue.md").stat().st_size > 2_000_000
    code, _, err = run(capsys, "build", "--format", "docx", "--workspace", str(root))
    assert code == 0, err


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_links_leaving_the_workspace_are_refused(workspace, capsys):
    root = workspace("petit")
    outside = root.parent / "secret"
    outside.mkdir()
    (outside / "note.md").write_text(note("Secrète"), encoding="utf-8")
    Image.new("RGB", (8, 8), "red").save(outside / "photo.png")
    (root / "sources/alpha/lien.md").symlink_to(outside / "note.md")
    (root / "sources/alpha/images").symlink_to(outside, target_is_directory=True)
    (root / "sources/alpha/avec-lien.md").write_text(
        note("Image par un lien", "![photo](images/photo.png)\n"), encoding="utf-8")
    code, _, err = run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert code == 1
    assert ("sources/alpha/lien.md: lien symbolique vers un fichier hors de sources/ : ignoré "
            "[source.lien]") in err
    assert "sources/alpha/avec-lien.md:11: attention : image « images/photo.png » refusée" in err
    assert "Secrète" not in (root / "build/vie-locale/vie-locale.html").read_text("utf-8")

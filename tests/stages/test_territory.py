"""``check`` on a note's territory: the commune matched to the official geography, or a
warning at the line of its value (pipeline/stages/territory.py)."""

from __future__ import annotations

import pytest

from pipeline.build import check
from pipeline.cli.main import main
from pipeline.diagnostics import Report
from pipeline.office.fields import Row, to_mapping
from pipeline.workspace import Workspace
from tests.conftest import plain_lines, run, write_note

VALID = """titre: Essai
crpv: alpha
auteurs: [Jeanne Leroy]
contribution: vie-locale
themes: [jardins]
date: 2024-03-12
statut: valide"""
P = "sources/alpha/essai.md"


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """One workspace holding one note per case, checked once."""
    from tests.conftest import copy_workspace

    root = copy_workspace("petit", tmp_path_factory.mktemp("territoire"))
    for name, place in CASES.items():
        write_note(root, f"alpha/{name}.md", VALID.replace("Essai", f"Essai {name}") + place)
    report = Report()
    result = check(Workspace(root), report)
    notes = {p.note.path: p.note for p in result.placements}
    return notes, plain_lines(report)


CASES = {
    "strasbourg": "\nterritoire: {commune: Strasbourg, quartier: Neuhof}",
    "bloc": "\nterritoire:\n  quartier: Neuhof\n  commune: Strasbourgg",
    "homonyme": "\nterritoire: {commune: Saint-Denis, quartier: Franc-Moisin}",
    "departement": "\nterritoire:\n  commune: Saint-Denis\n  departement: 93",
    "entre-parentheses": "\nterritoire: Saint-Denis (974)",
    "ailleurs": "\nterritoire:\n  commune: Saint-Denis\n  departement: Paris",
    "departement-inconnu": "\nterritoire:\n  commune: Roubaix\n  departement: 99",
    "valence": "\nterritoire: {commune: Valence, quartier: Fontbarlettes}",
    "valence-82": "\nterritoire: {commune: Valence, departement: Tarn-et-Garonne}",
}


def _note(checked, name):
    return checked[0][f"sources/alpha/{name}.md"]


def _territory_lines(checked, name):
    return [line for line in checked[1] if f"/{name}.md" in line and "[territoire." in line]


def test_a_known_commune_is_on_the_note_without_warning(checked):
    official = _note(checked, "strasbourg").territory.official
    assert (official.code, official.departement_nom, official.region_nom) == \
        ("67482", "Bas-Rhin", "Grand Est")
    assert _territory_lines(checked, "strasbourg") == []


def test_an_unknown_commune_is_a_warning_at_its_line_with_a_suggestion(checked):
    assert ("sources/alpha/bloc.md:11: attention : commune « Strasbourgg » inconnue dans le "
            "code officiel géographique (vouliez-vous dire « Strasbourg » ?) "
            "[territoire.commune]") in checked[1]
    note = _note(checked, "bloc")  # a warning: the note stays in, without its commune
    assert note.territory.commune == "Strasbourgg" and note.territory.official is None


def test_an_ambiguous_commune_lists_its_homonyms_and_how_to_choose(checked):
    line, = _territory_lines(checked, "homonyme")
    assert line.startswith("sources/alpha/homonyme.md:9: attention : commune « Saint-Denis » "
                           "ambiguë : ")
    assert "Saint-Denis (93, Seine-Saint-Denis)" in line
    assert "Saint-Denis (974, La Réunion)" in line
    assert line.endswith("précisez le département, par exemple territoire: {commune: "
                         "Saint-Denis, departement: 974} (ou « Saint-Denis (974) ») "
                         "[territoire.ambigu]")


def test_the_departement_key_or_brackets_choose_among_homonyms(checked):
    assert _note(checked, "departement").territory.official.code == "93066"
    assert _note(checked, "departement").territory.departement == "93"
    assert _note(checked, "entre-parentheses").territory.official.code == "97411"
    for name in ("departement", "entre-parentheses"):
        assert _territory_lines(checked, name) == []


def test_a_commune_absent_from_its_departement_says_where_it_is(checked):
    line, = _territory_lines(checked, "ailleurs")
    assert line.startswith("sources/alpha/ailleurs.md:10: attention : pas de commune "
                           "« Saint-Denis » dans le département 75 (Paris) ; il y en a dans : ")
    assert line.endswith("[territoire.departement]")


def test_an_unknown_departement_is_a_warning_at_its_line(checked):
    assert ("sources/alpha/departement-inconnu.md:11: attention : département « 99 » inconnu "
            "dans le code officiel géographique : attendu son numéro (93, 2A, 974) ou son nom "
            "(Seine-Saint-Denis) [territoire.departement]") in checked[1]
    assert _note(checked, "departement-inconnu").territory.official.code == "59512"


def test_a_far_more_populous_namesake_is_taken_and_said(checked):
    assert _note(checked, "valence").territory.official.departement == "26"
    line, = _territory_lines(checked, "valence")
    assert line.startswith("sources/alpha/valence.md:9: info : commune « Valence » : Valence "
                           "(26, Drôme) retenue, de loin la plus peuplée des communes de ce nom "
                           "(2 autres, dont Valence (")
    assert line.endswith("; pour une autre, précisez le département (departement: son "
                         "numéro) [territoire.homonyme]")
    assert _note(checked, "valence-82").territory.official.departement == "82"
    assert _territory_lines(checked, "valence-82") == []


def test_a_warning_fails_check_strict(workspace, capsys):
    root = workspace("petit")
    write_note(root, "alpha/essai.md", VALID + "\nterritoire: {commune: Strasbourgg}")
    assert run(capsys, "check", "--workspace", str(root))[0] == 0
    assert run(capsys, "check", "--strict", "--workspace", str(root))[0] == 1


def test_a_word_note_may_give_the_departement_on_a_row_of_its_own():
    mapping = to_mapping([Row("Territoire", "Saint-Denis, Franc-Moisin", 3),
                          Row("Département", "93", 4)])
    place = mapping.value["territoire"].value
    assert (place["commune"].value, place["departement"].value) == ("Saint-Denis", "93")


def test_without_the_data_package_one_warning_says_so_and_the_rest_is_checked(
        workspace, tmp_path, monkeypatch, capsys):
    """A machine without npm: the index (built once per process) read afresh, from an
    empty folder, by a cache of its own for this test."""
    from functools import cache

    from pipeline import geography

    root = workspace("petit")
    write_note(root, "alpha/essai.md", VALID + "\nterritoire: {commune: Strasbourgg}")
    monkeypatch.setenv("RC_GEOGRAPHIE", str(tmp_path / "vide"))
    monkeypatch.setattr(geography, "_index", cache(geography._index.__wrapped__))
    code = main(["check", "--workspace", str(root)])
    stderr = capsys.readouterr().err  # as printed: its non-breaking spaces checked below
    assert code == 0, stderr
    lines = [line for line in stderr.splitlines() if "[territoire." in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith("geography/package.json: attention : les données géographiques "
                               "officielles (@etalab/decoupage-administratif) ne sont pas "
                               "installées dans ".replace(" : ", "\u00a0: "))
    assert lines[0].endswith("lancez «\u00a0make setup\u00a0» (il faut npm), les communes ne "
                             "sont pas vérifiées [territoire.geographie]")

"""Possible residents' names: reported with file and line, without false alarms."""

import shutil
from datetime import date

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.language.analysis import analyse_notes
from pipeline.language.privacy import possible_names
from pipeline.model import Note, Territory
from pipeline.workspace import Workspace
from tests.conftest import REPOSITORY, copy_workspace, line_of, plain_lines, run

JARDINIERE = "sources/alpha/portrait-de-jardiniere.md"


def _people(body, tmp_path, authors=("Camille Martin",), cited=()):
    note = Note("sources/a/n.md", "a/n", "Titre", "a", authors, ("c",), (), Territory(),
                date(2024, 1, 1), "valide", body, 10, f"h-{body}", {"titre": 2}, cited=cited)
    return possible_names(note, analyse_notes([note], tmp_path), frozenset())


def _names(body, tmp_path, authors=("Camille Martin",), cited=()):
    return [n.text for n in _people(body, tmp_path, authors, cited) if n.kind == "habitant"]


def test_a_resident_named_in_full_is_reported_with_path_and_line(themes):
    line = line_of(themes.root, JARDINIERE, "Fatima Benali")
    assert (f"{JARDINIERE}:{line}: attention : nom d'habitant·e possible : « Mme Fatima Benali » "
            "(habitante) — à anonymiser ? Dans la version finale, il sera remplacé par ses "
            "initiales ; si la personne est d'accord pour être nommée, ajoutez-la à "
            "« personnes_citees » [note.personne]") in plain_lines(themes.report)


def test_authors_and_cited_people_raise_no_alarm(themes):
    reported = [d for d in themes.report.diagnostics if d.code.startswith("note.personne")]
    assert [(d.path, d.message.split("« ")[1].split(" »")[0]) for d in reported] == [
        (JARDINIERE, "Mme Fatima Benali")]  # not Camille Martin, M. Martin nor Jean Dupont


def test_professionals_are_told_as_information_only(nlp, tmp_path):
    body = ("Le maire, Jean Dupont, a ouvert la séance.\n\nSéverine Demoustier, directrice "
            "du centre social, et Fabien Bressan (Labo Cités) l'animent.\n\nFatima, 34 ans, "
            "mère de deux enfants, et Nadia, une jeune du quartier, y participent.\n")
    found = _people(body, tmp_path)
    assert [(n.text, n.kind, n.reason, n.line) for n in found] == [
        ("Jean Dupont", "professionnel", "maire", 10),
        ("Séverine Demoustier", "professionnel", "directrice", 12),
        ("Fabien Bressan", "professionnel", "Labo Cités", 12),
        ("Fatima", "habitant", "34 ans", 14),
        ("Nadia", "habitant", "jeune", 14)]
    report = Report()
    for name in found:
        (report.warning if name.kind == "habitant" else report.info)(
            name.path, name.line, name.message, "x")
    assert ("sources/a/n.md:10: info : nom de professionnel·le ou d'élu·e : « Jean Dupont » "
            "(maire) — publié tel quel [x]") in plain_lines(report)


def test_the_mentions_of_one_person_make_one_name(nlp, tmp_path):
    body = ("Julien Morel, animateur au centre social, accueille les familles.\n\n"
            "Julien explique la démarche. Mme Karima Benali, locataire, le rejoint ; "
            "Mme Benali parle la première.\n")
    assert [(n.text, n.kind, n.words) for n in _people(body, tmp_path)] == [
        ("Julien Morel", "professionnel", ("Julien", "Morel")),
        ("Mme Karima Benali", "habitant", ("Karima", "Benali"))]


def test_names_are_compared_without_case_and_accents(nlp, tmp_path):
    body = ("Selon Mme Élodie Marchand, chargée de mission, et M. MARCHAND, le projet avance. "
            "Kévin Lefebvre, habitant de la cité, y participe.\n")
    assert _names(body, tmp_path, authors=("Elodie Marchand",)) == ["Kévin Lefebvre"]


def test_a_civility_makes_a_name_whatever_the_models_label(nlp, tmp_path):
    body = "La Ville de Rennes et Mme Fatima Benali y participent.\n"
    assert _names(body, tmp_path) == ["Mme Fatima Benali"]
    assert _names(body, tmp_path, cited=("Fatima Benali",)) == []


def test_lone_capitalised_words_and_organisations_are_not_names(nlp, tmp_path):
    body = ("## Contexte\n\nChenôve, Longvic et Trajectoires Ressources travaillent avec "
            "Perpignan Méditerranée Métropole.\n\n- Associer les habitants.\n")
    assert _names(body, tmp_path) == []


def test_strict_makes_a_possible_name_an_error(nlp, workspace, capsys):
    root = workspace("themes")
    code, _, err = run(capsys, "check", "--strict", "--workspace", str(root))
    assert code == 1 and "nom d'habitant·e possible : « Mme Fatima Benali »" in err
    assert run(capsys, "check", "--workspace", str(root))[0] == 0


def test_the_example_notes_raise_no_false_alarm(nlp, tmp_path):
    for folder in ("contributions", "sources"):
        shutil.copytree(REPOSITORY / folder, tmp_path / folder)
    report = Report()
    checked = check(Workspace(tmp_path), report)
    assert len(checked.language.by_path) >= 20
    assert [d for d in report.diagnostics if d.code == "note.personne"] == []


def test_the_sample_workspace_copy_is_independent(tmp_path):
    assert (copy_workspace("themes", tmp_path) / "sources/alpha").is_dir()


def test_a_name_may_run_across_a_line_break(nlp, tmp_path):
    body = ("La cheffe de projet NPNRU, Marion\nLefort, présente les maquettes ; Kévin\n"
            "Lefebvre, habitant, l'écoute.\n")
    assert [(n.text, n.kind, n.line) for n in _people(body, tmp_path)] == [
        ("Marion Lefort", "professionnel", 10), ("Kévin Lefebvre", "habitant", 11)]

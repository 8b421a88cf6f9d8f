from datetime import date

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.stages.group import group
from pipeline.workspace import Workspace
from tests.conftest import plain_lines


def _document(root, contribution_id="vie-locale", *, final=False):
    report = Report()
    checked = check(Workspace(root), report)
    contribution = next(c for c in checked.inputs.contributions if c.id == contribution_id)
    return group(contribution, checked.placements, checked.inputs.registry, report,
                 final=final, build_date=date(2024, 3, 12)), report


def _titles(chapter):
    return [e.note.title for e in chapter.entries]


def test_each_note_once_under_its_first_theme_and_see_also_elsewhere(workspace):
    document, _ = _document(workspace("petit"))
    chapters = {c.theme.id: c for c in document.chapters}
    assert list(chapters) == ["jardins", "fetes", "ecoles", "a-classer"]
    assert _titles(chapters["fetes"]) == ["La fête des voisins du Blosne"]
    assert [e.note.title for e in chapters["jardins"].see_also] == ["La fête des voisins du Blosne"]
    titles = [e.note.title for e in document.entries]
    assert len(titles) == len(set(titles))


def test_theme_missing_from_a_contribution_is_not_used_there(workspace):
    document, _ = _document(workspace("petit"))
    jardins = next(c for c in document.chapters if c.theme.id == "jardins")
    assert "Le sport et les jardins" in _titles(jardins)  # « sport » belongs to « autre » only
    other, _ = _document(workspace("petit"), "autre")
    assert _titles(other.chapters[0]) == ["Le sport et les jardins"]


def test_notes_without_themes_go_to_a_classer(workspace):
    document, _ = _document(workspace("petit"))
    assert document.chapters[-1].theme.title == "À classer"
    assert _titles(document.chapters[-1]) == ["Une note sans thème"]


def test_brouillon_is_left_out_and_said_so(workspace):
    document, report = _document(workspace("petit"))
    assert "Une note encore en brouillon" not in [e.note.title for e in document.entries]
    assert [x.note.path for x in document.excluded] == ["sources/beta/brouillon.md"]
    assert ("sources/beta/brouillon.md:8: info : « vie-locale » : note laissée de côté "
            "(brouillon) [note.exclue]") in plain_lines(report)


def test_final_keeps_only_valide_notes(workspace):
    document, _ = _document(workspace("petit"), final=True)
    assert {e.note.status for e in document.entries} == {"valide"}
    assert "sources/alpha/jardin-maurepas.md" in [x.note.path for x in document.excluded]


def test_counts_per_centre_and_territories(workspace):
    document, _ = _document(workspace("petit"))
    assert [(c.id, n) for c, n in document.notes_per_centre()] == [("alpha", 3), ("beta", 2)]
    assert [label for label, _ in document.territories()] == ["Rennes, Le Blosne",
                                                               "Rennes, Maurepas"]

"""The repository's own example content: what a coordinator gets from `make`."""

import shutil
from collections import Counter
from pathlib import Path

import docx
import pytest

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.workspace import Workspace
from tests.conftest import REPOSITORY, plain_spaces

SEED_CENTRES = ["Trajectoires Ressources", "ORS-CREAI Normandie", "ORIV", "Labo Cités",
                "Profession Banlieue", "Pôle Ressources", "Cité Ressources",
                "Ressources & Territoires", "Résovilles", "Villes et Territoires",
                "Ville Caraïbe", "IREV", "Normanvilles"]
CONTRIBUTIONS = ["contrat-de-ville-integrateur-2024", "culture-2024", "transitions-2025"]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exemple")
    for folder in ("contributions", "sources"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    return root


def test_example_notes_are_all_valid_and_varied(example):
    report = Report()
    checked = check(Workspace(example), report)
    assert report.count("erreur") == 0 and report.count("attention") == 0, report.lines()
    assert checked.inputs.configuration_ok
    notes = {p.note.path: p.note for p in checked.placements}
    assert len(notes) >= 20
    assert len({n.crpv for n in notes.values()}) >= 8
    assert Counter(n.status for n in notes.values())["brouillon"] == 1
    per_contribution = Counter(c for n in notes.values() for c in n.contributions)
    assert sorted(per_contribution) == CONTRIBUTIONS


def test_registry_names_every_centre_of_the_seed(example):
    report = Report()
    names = [c.name for c in check(Workspace(example), report).inputs.registry.centres]
    assert set(SEED_CENTRES) <= set(names)


def test_contributions_have_questions_and_themes_with_keywords(example):
    contributions = check(Workspace(example), Report()).inputs.contributions
    assert [c.id for c in contributions] == CONTRIBUTIONS
    for contribution in contributions:
        assert contribution.questions and contribution.introduction and contribution.lessons
        assert (2 if contribution.year == 2025 else 4) <= len(contribution.themes) <= 6
        assert all(theme.keywords for theme in contribution.themes)


def test_the_second_year_revisits_territories_and_themes_of_the_first(example):
    """The archive's cross-reading (same territory, same theme, another year) is real."""
    notes = [p.note for p in check(Workspace(example), Report()).placements]
    by_year: dict[int, list] = {}
    for note in notes:
        by_year.setdefault(note.date.year, []).append(note)
    assert sorted(by_year) == [2024, 2025] and 4 <= len({n.path for n in by_year[2025]}) <= 6
    codes = {year: {n.territory.official.code for n in found} for year, found in by_year.items()}
    assert len(codes[2024] & codes[2025]) >= 3  # Strasbourg, Mulhouse, Roubaix, Vaulx-en-Velin
    themes = {year: {t for n in found for t in n.themes} for year, found in by_year.items()}
    assert themes[2024] & themes[2025]
    saint_denis = next(n for n in by_year[2025] if n.territory.commune == "Saint-Denis")
    assert saint_denis.territory.official.departement == "93"  # told apart by its département


def test_every_example_commune_is_found_in_the_official_geography(example):
    notes = [p.note for p in check(Workspace(example), Report()).placements]
    assert all(n.territory.official for n in notes if n.territory.commune), \
        [n.path for n in notes if n.territory.commune and not n.territory.official]


def test_make_builds_the_three_deliverables_of_every_contribution(built_examples):
    """The session's build of the examples (tests/conftest.py), as ``make`` makes it."""
    example, code, err = built_examples.root, built_examples.code, built_examples.err
    assert code == 0, err
    brouillon = next(p for p in (example / "sources").rglob("*.md")
                     if "statut: brouillon" in p.read_text(encoding="utf-8"))
    brouillon_title = next(line[len("titre: "):] for line in
                           brouillon.read_text(encoding="utf-8").splitlines()
                           if line.startswith("titre: "))
    contributions = {c.id: c for c in check(Workspace(example), Report()).inputs.contributions}
    for contribution_id in CONTRIBUTIONS:
        for kind in ("docx", "pdf", "html"):
            path = example / "build" / contribution_id / f"{contribution_id}.{kind}"
            assert path.stat().st_size > 10_000, path
        document = docx.Document(str(example / "build" / contribution_id /
                                     f"{contribution_id}.docx"))
        # French spacing in the DOCX (« juste : énergie »): words compared, not spaces
        chapters = [plain_spaces(p.text) for p in document.paragraphs
                    if p.style.name == "Heading 1"]
        themes = [t.title.replace("'", "’") for t in contributions[contribution_id].themes]
        assert chapters[0] == "Introduction et méthode"
        assert chapters[1:1 + len(themes)] == themes
        assert chapters[-3:] == ["Regards croisés", "Les enseignements du réseau", "Annexes"]
        text = "\n".join(p.text for p in document.paragraphs)
        assert brouillon_title.replace("'", "’") not in text
    assert "note laissée de côté (brouillon)" in err

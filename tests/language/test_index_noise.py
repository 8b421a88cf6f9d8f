"""The index keeps the model's noise out (issue 20, point 11): on the example notes' own
text (real model), a name made only of words of the language (« Mail », « Centre
ancien ») is listed only when a note declares it as its territory, then with its
commune, or when two notes name it; a place's own name stays."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.diagnostics import Report
from pipeline.language.analysis import Analyses, Entity, analyse_notes
from pipeline.language.index import build_index
from pipeline.stages.load import load
from pipeline.stages.validate import validate
from pipeline.workspace import Workspace
from tests.conftest import REPOSITORY

DIJON = "sources/trajectoires-ressources/pilotage-dijon-metropole.md"
PERPIGNAN = "sources/villes-territoires/gouvernance-perpignan.md"


@pytest.fixture(scope="module")
def examples(nlp):
    report = Report()
    inputs = load(Workspace(REPOSITORY), report)
    notes = [n for n in validate(inputs.notes, inputs.registry, inputs.contributions, report)
             if n.path in (DIJON, PERPIGNAN)]
    assert len(notes) == 2
    return notes, analyse_notes(notes, None)


def _entity(analyses, path, text):
    return next(e for e in analyses.by_path[path].entities if e.text == text)


def test_the_model_tags_common_words_as_places_and_they_are_marked(examples):
    _, analyses = examples
    # « … et le quartier du Mail à Chenôve » (Dijon's note, line 14)
    assert _entity(analyses, DIJON, "Mail").common
    assert not _entity(analyses, DIJON, "Chenôve").common
    assert not _entity(analyses, PERPIGNAN, "Perpignan").common


def test_common_words_are_kept_out_unless_declared_or_named_twice(examples):
    notes, analyses = examples
    names = [e.name for e in build_index(notes, analyses)]
    assert "Mail" not in names  # one note names it in passing
    assert {"Chenôve", "Dijon", "Perpignan", "Saint-Jacques", "Vernet"} <= set(names)
    # the Perpignan note declares « Centre ancien » as its quartier: shown with its commune
    assert "Centre ancien (Perpignan)" in names and "Centre ancien" not in names
    # a common name that two notes give is kept
    dijon = next(n for n in notes if n.path == DIJON)
    mail = _entity(analyses, DIJON, "Mail")
    other = replace(analyses.by_path[PERPIGNAN], entities=(
        *analyses.by_path[PERPIGNAN].entities, Entity("Mail", "LOC", 3, "du", mail.words, True)))
    twice = Analyses({**analyses.by_path, PERPIGNAN: other})
    assert "Mail" in [e.name for e in build_index(notes, twice)]
    assert dijon in next(e for e in build_index(notes, twice) if e.name == "Mail").notes

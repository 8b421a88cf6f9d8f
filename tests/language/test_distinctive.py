"""The words that set a theme's notes apart, from the real model's lemmas."""

import re

from pipeline.language.distinctive import STOP, distinctive_words
from pipeline.language.normalise import fold


def _notes(themes, *paths):
    by_path = {p.note.path: p.note for p in themes.checked.placements}
    return [by_path[p] for p in paths] if paths else list(by_path.values())


def test_distinctive_words_of_a_theme_are_its_own_words_as_written(themes):
    notes = _notes(themes, "sources/alpha/jardins-au-pied-des-immeubles.md",
                   "sources/alpha/portrait-de-jardiniere.md")
    words = distinctive_words(notes, _notes(themes), themes.checked.language)
    assert "jardins" in words  # the writers' form, not the lemma « jardin »
    text = " ".join(n.title + " " + n.body for n in notes).lower()
    assert all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in words)
    assert all(w.islower() and len(w) >= 3 for w in words)
    assert not {"le", "de", "être", "avoir", "trois", "fin", "mur", "prévoir"} & set(words)
    assert not STOP & {fold(w) for w in words}


def test_a_word_every_note_uses_is_not_distinctive(themes):
    notes = _notes(themes)
    words = distinctive_words(notes[:1], notes, themes.checked.language, limit=50)
    assert "enseignement" not in words  # a heading of every note


def test_no_analysis_no_words(themes):
    assert distinctive_words([], _notes(themes), themes.checked.language) == ()

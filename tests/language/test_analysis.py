"""One analysis per note, by the real model, cached by content hash."""

import os
import re
import signal
from datetime import date

import pytest

from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.language import analysis
from pipeline.language.analysis import analyse_notes, load_model
from pipeline.model import Note, Territory
from pipeline.parallel import Ahead
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace, line_of


def _note(body: str, path: str = "sources/a/n.md", body_line: int = 10) -> Note:
    return Note(path, path[8:-3], "Un titre", "a", ("Camille Martin",), ("c",), (),
                Territory(), date(2024, 1, 1), "valide", body, body_line, f"hash-{body}",
                {"titre": 2})


def test_lemmas_carry_their_line_in_the_file(nlp, tmp_path):
    body = "## Contexte\n\nLes femmes accompagnées\nempruntent aux médiathèques.\n"
    result = analyse_notes([_note(body)], tmp_path)
    tokens = result.by_path["sources/a/n.md"].tokens
    found = {t.text: (t.lemma, t.line) for t in tokens}
    assert found["accompagnées"] == ("accompagner", 12)
    assert found["médiathèques"] == ("médiathèque", 13)
    assert found["Contexte"][1] == 10
    assert found["titre"][1] == 2  # the title is analysed too, at its front matter line


def test_entities_with_label_and_line(nlp, tmp_path):
    body = ("Le projet.\n\nÀ Rennes, Mme Fatima Benali, habitante du quartier, a ouvert sa "
            "porte.\n")
    entities = analyse_notes([_note(body)], tmp_path).by_path["sources/a/n.md"].entities
    by_text = {e.text: e for e in entities}
    assert by_text["Rennes"].label == "LOC" and by_text["Rennes"].line == 12
    assert by_text["Mme Fatima Benali"].label == "PER"
    assert by_text["Mme Fatima Benali"].words[1] == ("Fatima", "PROPN", False)


def test_markdown_is_not_analysed_as_words(nlp, tmp_path):
    body = "Un **lien** vers [le site](https://exemple.org/page) et `code`.\n"
    tokens = analyse_notes([_note(body)], tmp_path).by_path["sources/a/n.md"].tokens
    texts = [t.text for t in tokens]
    assert "site" in texts and "lien" in texts
    assert not any("exemple" in t or "*" in t or "`" in t for t in texts)


def test_an_unchanged_note_is_never_analysed_twice(nlp, tmp_path):
    notes = [_note("Un jardin partagé.\n"), _note("Une chorale.\n", "sources/a/m.md")]
    first = analyse_notes(notes, tmp_path, ["jardin partagé"])
    assert (first.analysed, first.cached) == (2, 0) and first.texts_sent == 5
    again = analyse_notes(notes, tmp_path, ["jardin partagé"])
    assert (again.analysed, again.cached, again.texts_sent) == (0, 2, 0)
    assert again.by_path == first.by_path and again.keywords == first.keywords
    changed = analyse_notes([notes[0], _note("Une autre chorale.\n", "sources/a/m.md")],
                            tmp_path, ["jardin partagé"])
    assert (changed.analysed, changed.cached, changed.texts_sent) == (1, 1, 2)


def test_the_words_of_many_notes_share_their_strings_as_analysed_and_as_cached(nlp, tmp_path):
    # 370 000 tokens at 1 000 notes: one string per word of the vocabulary, not per token
    notes = [_note("Une chorale de quartier.\n"),
             _note("Une chorale, au quartier.\n", "sources/a/m.md")]
    for result in (analyse_notes(notes, tmp_path), analyse_notes(notes, tmp_path)):
        first, second = (result.by_path[n.path] for n in notes)
        a, b = ({t.text: t for t in x.tokens}["chorale"] for x in (first, second))
        assert a.text is b.text and a.lemma is b.lemma and a.pos is b.pos
        assert not hasattr(a, "__dict__")  # slots: no dictionary per token
        words = [w for x in (first, second) for p in x.passages for w in p.words]
        assert all(w.pos is words[0].pos for w in words if w.pos == words[0].pos)
    assert result.cached == 2


def test_a_damaged_cache_entry_is_analysed_again(nlp, tmp_path):
    note = _note("Un jardin partagé.\n")
    analyse_notes([note], tmp_path)
    for entry in tmp_path.glob("*.json"):
        entry.write_text("{pas du json", encoding="utf-8")
    assert analyse_notes([note], tmp_path).analysed == 1


def test_a_second_check_with_unchanged_notes_runs_no_analysis(nlp, tmp_path, monkeypatch):
    root = copy_workspace("themes", tmp_path)
    first = check(Workspace(root), Report()).language
    assert first.analysed == 6 and first.texts_sent > 6
    assert any((root / "build/_analyse").glob("*.json"))

    def no_model():
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(analysis, "load_model", no_model)
    again = check(Workspace(root), Report()).language
    assert (again.analysed, again.cached, again.texts_sent) == (0, 6, 0)
    assert again.by_path == first.by_path


def test_only_the_edited_note_is_analysed_again(nlp, tmp_path):
    root = copy_workspace("themes", tmp_path)
    check(Workspace(root), Report())
    path = root / "sources/beta/marche-nocturne.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nUn ajout.\n", encoding="utf-8")
    again = check(Workspace(root), Report()).language
    assert (again.analysed, again.cached) == (1, 5)
    assert line_of(root, "sources/beta/marche-nocturne.md", "Un ajout") in {
        t.line for t in again.by_path["sources/beta/marche-nocturne.md"].tokens}


def test_the_model_is_loaded_once_without_the_parser(nlp):
    # a build empties the cache before it forks its workers: compared with itself, not
    # with the session's model, which an earlier build in this process may have dropped
    assert load_model() is load_model()
    assert "parser" not in nlp.pipe_names
    assert {"morphologizer", "lemmatizer", "ner"} <= set(nlp.pipe_names)


def test_a_missing_model_is_said_in_french(monkeypatch):
    import spacy

    def missing(*args, **kwargs):
        raise OSError("[E050] Can't find model")

    load_model.cache_clear()
    monkeypatch.setattr(spacy, "load", missing)
    try:
        with pytest.raises(analysis.LanguageUnavailable, match="modèle français de spaCy"):
            load_model()
    finally:
        load_model.cache_clear()
        monkeypatch.undo()


def test_cache_key_changes_with_the_content_the_model_and_the_analysis_version(monkeypatch):
    key = analysis.cache_key("abc")
    assert re.fullmatch(r"[0-9a-f]{64}", key)  # a file name: no separator, no dot
    assert analysis.cache_key("abc") == key and analysis.cache_key("abd") != key
    with monkeypatch.context() as patch:
        patch.setattr(analysis, "versions", lambda: "fr_core_news_sm=9.9.9;spacy=9.9.9")
        assert analysis.cache_key("abc") != key
    assert analysis.cache_key("abc") == key
    monkeypatch.setattr(analysis, "ANALYSIS_VERSION", "autre")
    assert analysis.cache_key("abc") != key


def test_the_cache_keeps_only_the_last_runs_notes(nlp, tmp_path):
    first, second = _note("Un jardin.\n"), _note("Une chorale.\n", "sources/a/m.md")
    analyse_notes([first, second], tmp_path, ["jardin"])
    (tmp_path / "autre.json").write_text("{}", encoding="utf-8")  # not the cache's: kept
    analyse_notes([first], tmp_path, ["jardin"])
    names = sorted(p.name for p in tmp_path.glob("*.json"))
    assert len(names) == 3 and "autre.json" in names
    assert analyse_notes([first, second], tmp_path).analysed == 1


def test_many_notes_are_shared_with_a_second_process_and_analysed_alike(nlp, tmp_path,
                                                                       monkeypatch):
    bodies = ["Mme Fatima Benali anime un jardin partagé à Rennes.\n",
              "Les médiathèques prêtent des livres aux habitants du quartier.\n",
              "Une chorale répète au centre social de Lille-Sud.\n",
              "Le contrat de ville mobilise le droit commun.\n",
              "Des artistes en résidence accompagnent les collégiens.\n"]
    notes = [_note(b, f"sources/a/n{i}.md") for i, b in enumerate(bodies)]
    monkeypatch.setattr(analysis, "SHARED_FROM", 10_000)
    alone = analyse_notes(notes, None)
    pids = tmp_path / "pids"
    monkeypatch.setenv("RC_TEST_PIDS", str(pids))
    monkeypatch.setattr(analysis, "SHARED_FROM", 2)
    monkeypatch.setattr(analysis, "_analyse_apart", _recorded)
    shared = analyse_notes(notes, None)
    pid, count = pids.read_text().split()
    assert int(pid) != os.getpid() and 0 < int(count) < len(notes)
    assert shared.by_path == alone.by_path
    assert list(shared.by_path) == [n.path for n in notes]
    assert shared.texts_sent == alone.texts_sent == 2 * len(notes)


_ANALYSE_APART = analysis._analyse_apart


def _recorded(part):
    """The second process's share, noted down (a module function: the pool pickles it)."""
    with open(os.environ["RC_TEST_PIDS"], "a") as out:
        out.write(f"{os.getpid()} {len(part)}\n")
    return _ANALYSE_APART(part)


def _recorded_here(notes, counter):
    with open(os.environ["RC_TEST_PIDS"], "a") as out:
        out.write(f"{os.getpid()}\n")
    return _ANALYSE_HERE(notes, counter)


_ANALYSE_HERE = analysis._analyse_here


def test_the_build_process_leaves_the_model_to_a_child_that_fills_the_cache(
        nlp, tmp_path, monkeypatch):
    notes = [_note("Un jardin partagé au pied des tours.\n"),
             _note("Une chorale au centre social.\n", "sources/a/m.md")]
    here = analyse_notes(notes, tmp_path / "ici", ["jardin partagé"])
    pids = tmp_path / "pids"
    monkeypatch.setenv("RC_TEST_PIDS", str(pids))
    monkeypatch.setattr(analysis, "_model_here", lambda: False)
    monkeypatch.setattr(analysis, "_analyse_here", _recorded_here)
    apart = analyse_notes(notes, tmp_path / "ailleurs", ["jardin partagé"])
    assert [int(p) for p in pids.read_text().split()] != [os.getpid()]
    assert len(pids.read_text().split()) == 1  # this process only read the cache
    assert (apart.analysed, apart.cached, apart.texts_sent) == (2, 0, 5)
    assert apart.by_path == here.by_path and apart.keywords == here.keywords
    again = analyse_notes(notes, tmp_path / "ailleurs", ["jardin partagé"])
    assert (again.analysed, again.cached, again.texts_sent) == (0, 2, 0)


def _ready_recorded() -> None:
    with open(os.environ["RC_TEST_READY"], "a") as out:
        out.write(f"{os.getpid()}\n")
    analysis.load_model()


def test_a_build_has_the_notes_analysed_by_the_process_that_loaded_the_model_ahead(
        nlp, tmp_path, monkeypatch):
    notes = [_note("Un jardin partagé au pied des tours.\n"),
             _note("Une chorale au centre social.\n", "sources/a/m.md")]
    here = analyse_notes(notes, tmp_path / "ici", ["jardin partagé"])
    pids, ready = tmp_path / "pids", tmp_path / "ready"
    monkeypatch.setenv("RC_TEST_PIDS", str(pids))
    monkeypatch.setenv("RC_TEST_READY", str(ready))
    monkeypatch.setattr(analysis, "_model_here", lambda: False)
    monkeypatch.setattr(analysis, "_analyse_here", _recorded_here)
    with Ahead("analyse", _ready_recorded) as ahead:
        apart = analyse_notes(notes, tmp_path / "ailleurs", ["jardin partagé"], ahead=ahead)
    assert pids.read_text().split() == ready.read_text().split()  # one process, ready first
    assert int(ready.read_text()) != os.getpid()
    assert (apart.analysed, apart.cached) == (2, 0)
    assert apart.by_path == here.by_path and apart.keywords == here.keywords


def test_a_process_loading_the_model_ahead_is_stopped_when_no_note_needs_it(
        nlp, tmp_path, monkeypatch):
    notes = [_note("Un jardin partagé au pied des tours.\n")]
    analyse_notes(notes, tmp_path, ["jardin partagé"])  # all in the cache now
    monkeypatch.setattr(analysis, "_model_here", lambda: False)
    with analysis.model_ahead() as ahead:
        done = analyse_notes(notes, tmp_path, ["jardin partagé"], ahead=ahead)
    assert ahead is not None and ahead._process.exitcode == -signal.SIGTERM  # sent nothing
    assert (done.analysed, done.cached) == (0, 1)

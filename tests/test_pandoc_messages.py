"""Issue 20, point 7: pandoc's own warnings reach a user in French, with their line."""

from __future__ import annotations

from pathlib import Path

from pipeline.pandoc import run_pandoc
from pipeline.pandoc_messages import french

TEXT = ("[a]: https://exemple.org\n[a]: https://exemple.net\n\nTexte[^1].\n\n[^1]: appel.\n\n"
        "[^2]: jamais appelée.\n\n::: encadre\nun bloc sans fin\n")
ENGLISH = ("WARNING", "Duplicate", "defined", "unclosed", "closing", "column", "reference")


def test_pandoc_s_usual_warnings_are_said_in_french_with_their_line(tmp_path: Path):
    messages = run_pandoc(["--from=markdown", "--to=json"], TEXT.encode("utf-8"),
                          tmp_path).messages
    said = sorted(french(m) for m in messages)
    assert len(said) == 3, messages  # the real pandoc still warns about these three
    assert said == sorted([
        "la référence de lien « [a] » est définie deux fois (ligne 2) : seule la première "
        "compte",
        "la note de bas de page « 2 » (ligne 8) n'est appelée nulle part dans le texte",
        "un bloc ouvert par « ::: » à la ligne 10 n'est jamais fermé (fermé d'office ligne 14)"])
    assert not [w for w in ENGLISH for s in said if w in s]


def test_an_unknown_warning_is_one_french_sentence_its_text_kept_for_debugging(monkeypatch):
    monkeypatch.delenv("RC_DEBUG", raising=False)
    line = "[WARNING] Something pandoc says in English"
    assert "English" not in french(line) and "RC_DEBUG=1" in french(line)
    monkeypatch.setenv("RC_DEBUG", "1")
    assert "Something pandoc says in English" in french(line)

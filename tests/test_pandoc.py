"""The pandoc that pypandoc-binary ships, run for real: its output, the notes filter's
warnings told apart from pandoc's own messages, a failure said in French."""

from __future__ import annotations

import pytest

from pipeline.pandoc import FILTERS, PandocError, _split_stderr, run_pandoc


def test_pandoc_converts_and_reports_nothing_on_clean_input(tmp_path):
    result = run_pandoc(["--from=markdown", "--to=html5"], b"Un *mot*.", tmp_path)
    assert result.output.decode().strip() == "<p>Un <em>mot</em>.</p>"
    assert (result.warnings, result.messages) == ((), ())


def test_the_filters_warnings_are_told_apart_from_pandocs_messages():
    warnings, other = _split_stderr("RC-WARN\tsources/a/n.md\tnote.html\tHTML retiré\t<span>\n"
                                    "[WARNING] Could not fetch resource\n")
    (warning,) = warnings
    assert (warning.path, warning.code, warning.message, warning.needle) == (
        "sources/a/n.md", "note.html", "HTML retiré", "<span>")
    assert other == "[WARNING] Could not fetch resource"


def test_a_failure_is_said_in_french(tmp_path):
    with pytest.raises(PandocError, match="la conversion du texte a échoué"):
        run_pandoc(["--from=markdown", "--to=un-format-inconnu"], b"x", tmp_path)


def test_the_notes_filter_is_shipped_with_the_package():
    assert (FILTERS / "notes.lua").is_file()

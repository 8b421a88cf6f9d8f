"""One diagnostics format: ``path:line: message [code]``, warnings and information
labelled, sorted by path and line, kept across builds as JSON."""

from __future__ import annotations

import io

from pipeline.diagnostics import Diagnostic, Report, TableRow


def test_the_three_severities_as_the_writer_reads_them():
    report = Report()
    report.error("sources/a/n.md", 4, "crpv « orvi » inconnu", "note.crpv")
    report.warning("sources/a/n.md", None, "fichier non enregistré en UTF-8", "source.encodage")
    report.info("sources/a/n.docx", TableRow(3), "thème proposé", "theme.propose")
    assert [str(d) for d in report.diagnostics] == [  # with French spacing
        "sources/a/n.md:4: crpv «\u00a0orvi\u00a0» inconnu [note.crpv]",
        "sources/a/n.md: attention\u00a0: fichier non enregistré en UTF-8 [source.encodage]",
        "sources/a/n.docx: ligne 3 du tableau\u00a0: info\u00a0: thème proposé [theme.propose]",
    ]


def test_lines_are_sorted_by_path_then_line_and_printed_on_the_stream():
    report = Report()
    report.error("sources/b.md", 2, "b2", "x")
    report.error("sources/a.md", 10, "a10", "x")
    report.warning("sources/a.md", None, "a", "x")
    report.error("sources/a.md", 9, "a9", "x")
    stream = io.StringIO()
    report.print(stream)
    assert stream.getvalue() == ("sources/a.md: attention\u00a0: a [x]\nsources/a.md:9: a9 [x]\n"
                                 "sources/a.md:10: a10 [x]\nsources/b.md:2: b2 [x]\n")


def test_counts_and_errors_per_file():
    report = Report()
    report.error("a.md", 1, "e", "x")
    report.warning("b.md", 1, "w", "x")
    report.warning("b.md", 2, "w", "x")
    assert (report.count("erreur"), report.count("attention"), report.count("info")) == (1, 2, 0)
    assert report.has_errors_for("a.md") and not report.has_errors_for("b.md")


def test_json_keeps_everything_including_a_table_row():
    for diagnostic in (Diagnostic("a.docx", TableRow(4), "erreur", "m", "c"),
                       Diagnostic("a.md", 7, "attention", "m", "c"),
                       Diagnostic("a.md", None, "info", "m", "c")):
        again = Diagnostic.from_json(diagnostic.to_json())
        assert again == diagnostic and str(again) == str(diagnostic)
        assert isinstance(again.line, TableRow) == isinstance(diagnostic.line, TableRow)

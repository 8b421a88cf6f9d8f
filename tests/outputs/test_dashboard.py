"""Issue 13, point 7: the coordinator's dashboard, build/index.html."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

from pipeline.build import check
from pipeline.charter import CHARTER_PATH, load_charter
from pipeline.diagnostics import Report
from pipeline.outputs.dashboard import dashboard_model, render_dashboard
from pipeline.workspace import Workspace
from tests.conftest import copy_workspace, plain_spaces, run
from tests.publication.test_axe import BLOCKING, violations
from tests.publication.test_axe import browser as axe_browser  # noqa: F401 (its fixture)


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.th: list[dict] = []
        self.urls: list[str] = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.th.append(attributes)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        for name in ("src", "href"):
            if name in attributes:
                self.urls.append(attributes[name])


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_the_build_writes_an_accessible_offline_french_dashboard(retours):
    page = (retours.root / "build/index.html").read_text(encoding="utf-8")
    outline = _outline(page)
    assert outline.html_lang == "fr"
    assert outline.headings[0] == 1
    assert all(b <= a + 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert outline.th and all(th.get("scope") in ("col", "row", "rowgroup") for th in outline.th)
    assert not [u for u in outline.urls if not u.startswith("#") and "://" in u]  # offline
    assert "<link" not in page and "<script" not in page
    # the chart is an image with a title and a description, and a table gives its figures
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="graphique-vie-locale-titre '
                     r'graphique-vie-locale-desc"', page)
    assert ('<desc id="graphique-vie-locale-desc">Centre Alpha\u00a0: 1\u00a0validée, '
            "1\u00a0à relire\u202f; Centre Bêta\u00a0: 1\u00a0brouillon, 5\u00a0en erreur."
            "</desc>") in page


def test_the_dashboard_says_what_went_in_what_was_left_out_and_every_problem(retours):
    page = plain_spaces((retours.root / "build/index.html").read_text(encoding="utf-8"))
    section = page.split('<h2 id="vie-locale">')[1]
    assert '<a href="vie-locale/vie-locale.html">page HTML</a>' in section
    assert '<a href="vie-locale/rapport.md">rapport de construction</a>' in section
    assert "<code>sources/beta/sans-texte.md</code></th><td>brouillon</td>" in section
    assert ("<code>sources/beta/modele.dotx</code></th><td>erreur : format non pris en "
            "charge") in section
    assert ("<code>sources/alpha/images-et-liens.md:16</code> : <span class=\"attention\">"
            "attention</span> — image « images/absente.jpg » introuvable") in section
    other = page.split('<h2 id="autre">')[1].split('<h2 id="vie-locale">')[0]
    assert "images-et-liens.md" not in other  # a vie-locale note only


def test_silent_centres_and_the_last_review_remarks(tmp_path, nlp):
    root = copy_workspace("retours", tmp_path)
    with (root / "contributions/reseau.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - {id: gamma, nom: Centre Gamma}\n")
    review = root / "build/vie-locale/revue.csv"
    review.parent.mkdir(parents=True)
    review.write_bytes("\ufeffnote;CRPV;relecteur;date;type;texte concerné;remarque;ligne;"
                       "chapitre;fichier\r\nsources/alpha/images-et-liens.md;alpha;Léa Roux;"
                       "2024-06-01;commentaire;le hall;Quelle date ?;13;Fêtes;relu.docx\r\n"
                       .encode("utf-8"))
    workspace = Workspace(root)
    report = Report()
    checked = check(workspace, report)
    model = dashboard_model(checked.sources(), report.diagnostics, final=False,
                            build_date=date(2024, 6, 2))
    page = render_dashboard(workspace, load_charter(CHARTER_PATH), model)
    section = page.split('<h2 id="vie-locale">')[1]
    silent = section.split("Centres qui n’ont encore rien envoyé")[1].split("<h3>")[0]
    assert "Centre Gamma (<code>sources/gamma/</code>)" in silent
    assert "Centre Alpha" not in silent
    remarks = section.split("Remarques de la dernière relecture")[1].split("<h3>")[0]
    assert "<code>sources/alpha/images-et-liens.md</code>" in remarks
    assert "<td>Léa Roux</td><td>commentaire</td><td>13</td><td>Quelle date ?</td>" in remarks


def test_a_build_with_nothing_to_do_writes_no_dashboard_but_sees_new_remarks(workspace,
                                                                               capsys):
    root = workspace("petit")
    assert run(capsys, "build", "--format", "html", "--workspace", str(root))[0] == 0
    index = root / "build/index.html"
    first = index.stat().st_mtime_ns
    code, out, _ = run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert code == 0 and "à jour" in out
    assert index.stat().st_mtime_ns == first  # nothing changed, nothing written
    (root / "build/vie-locale/revue.csv").write_bytes(
        "\ufeffnote;CRPV;relecteur;date;type;texte concerné;remarque;ligne;chapitre;fichier\r\n"
        "sources/alpha/fete-des-voisins.md;alpha;Marc;2024-06-01;commentaire;;Bien.;12;;r.docx"
        "\r\n".encode("utf-8"))
    run(capsys, "build", "--format", "html", "--workspace", str(root))
    assert "<td>Marc</td>" in index.read_text(encoding="utf-8")


def test_the_dashboard_has_no_serious_accessibility_violation(retours, axe_browser):  # noqa: F811
    """axe-core in Chromium, as for the publications (tests/publication/test_axe.py)."""
    page = retours.root / "build/index.html"
    assert [v for v in violations(axe_browser, page) if v["impact"] in BLOCKING] == []

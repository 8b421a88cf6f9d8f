"""What the site takes as published, from the checked sample workspace."""

from __future__ import annotations

import shutil

from pipeline.build import check
from pipeline.charter import load_charter
from pipeline.cli.commands import fields_table
from pipeline.diagnostics import Report
from pipeline.site import SiteInputs, build_site
from pipeline.site.model import collect
from pipeline.workspace import Workspace
from tests.conftest import SAMPLES, plain_lines


def inputs_of(root, finals):
    workspace = Workspace(root)
    checked = check(workspace, Report())
    return workspace, SiteInputs(checked.inputs.registry, checked.inputs.contributions,
                                 checked.placements, checked.language, checked.people, finals)


def test_a_contribution_to_publish_without_its_final_edition_is_an_error(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SAMPLES / "site", root)
    (root / "build" / "site").mkdir(parents=True)
    (root / "build" / "site" / "index.html").write_text("avant", encoding="utf-8")
    workspace, inputs = inputs_of(root, {})
    report = Report()
    result = build_site(inputs, workspace, load_charter(workspace.template(
        "charte/charte.yaml")), report)
    assert not result.built
    assert [line for line in plain_lines(report) if "[site.finale]" in line] == [
        "contributions/regards-2024/contribution.yaml:4: contribution à publier sur le site "
        "sans version finale : sa version finale n'a pas pu être faite (voir les messages "
        "ci-dessus) [site.finale]",
        "contributions/regards-2025/contribution.yaml:3: contribution à publier sur le site "
        "sans version finale : sa version finale n'a pas pu être faite (voir les messages "
        "ci-dessus) [site.finale]"]
    assert (root / "build" / "site" / "index.html").read_text(encoding="utf-8") == "avant"


def test_only_valid_notes_of_published_contributions_not_kept_off(tmp_path, site_built):
    from pipeline.site import Final

    stem = site_built / "build"
    finals = {c: Final(stem / c / "final" / f"{c}.pdf", stem / c / "final" / f"{c}.docx")
              for c in ("regards-2024", "regards-2025")}
    _, inputs = inputs_of(site_built, finals)
    site = collect(inputs, Report())
    assert [c.id for c in site.contributions] == ["regards-2025", "regards-2024"]
    assert [n.key for n in site.notes] == ["est-2025-neuhof", "nord-2025-roubaix",
                                           "est-2024-neuhof"]
    neuhof = next(n for n in site.notes if n.key == "est-2024-neuhof")
    assert "Fatima" not in neuhof.note.body  # the final edition's initials
    assert neuhof.commune is not None and neuhof.commune.region_nom == "Grand Est"


def test_the_writers_guide_shows_the_site_fields():
    table = fields_table()
    assert "`identifiant`" in table and "`hors_site`" in table


def test_a_workspace_without_a_published_contribution_gets_an_empty_site(workspace, capsys):
    from tests.conftest import run

    root = workspace("petit")
    code, _, err = run(capsys, "site", "--workspace", str(root))
    assert code == 0
    assert "contributions: attention : aucune note publiée : le site est vide" in err
    assert (root / "build/site/index.html").is_file()
    assert not (root / "build/site/pagefind").exists()
    assert not (root / "build/site/notes").exists()


def test_a_note_without_identifier_gets_its_path_as_address_and_a_warning(tmp_path):
    from pipeline.site import Final

    root = tmp_path / "site"
    shutil.copytree(SAMPLES / "site", root)
    note = root / "sources/centre-nord/residence-roubaix.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "identifiant: nord-2025-roubaix\n", ""), encoding="utf-8")
    dummy = Final(root / "x.pdf", root / "x.docx")
    _, inputs = inputs_of(root, {"regards-2024": dummy, "regards-2025": dummy})
    report = Report()
    site = collect(inputs, report)
    assert "centre-nord-residence-roubaix" in [n.key for n in site.notes]
    assert plain_lines(report) == [
        "sources/centre-nord/residence-roubaix.md:2: attention : note sans identifiant : son "
        "adresse sur le site (notes/centre-nord-residence-roubaix/) dépend du nom de son "
        "fichier ; ajoutez « identifiant: centre-nord-residence-roubaix » à son en-tête pour "
        "la garder [site.identifiant]"]

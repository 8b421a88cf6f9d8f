"""The Word and LibreOffice note templates, made from the schema and from the
Markdown template's sections: ``python -m pipeline.office.template`` writes
``templates/note-modele.docx`` and ``templates/note-modele.odt``."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pipeline.charter import load_charter
from pipeline.diagnostics import Report
from pipeline.files import normalized_zip, write_atomic
from pipeline.pandoc import run_pandoc
from pipeline.schema import NOTE_FIELDS, FieldSpec
from pipeline.workspace import PACKAGE_TEMPLATES, Workspace
from pipeline.yamlread import split_front_matter

HEADER = ("Information", "À remplir (listes séparées par des virgules)")
FIXED_EPOCH = 1704067200  # 2024-01-01: the same bytes on every run
# What a writer finds in each cell; the rest comes from the schema's examples.
PLACEHOLDERS = {"titre": "Titre de la note", "auteurs": "Prénom Nom", "themes": "",
                "personnes_citees": "", "territoire": "Commune, Quartier",
                "statut": "brouillon", "identifiant": "", "hors_site": "non"}


def table_value(spec: FieldSpec) -> str:
    """The cell's starting value: a placeholder, or the schema's example as a writer
    types it in Word (no YAML brackets)."""
    if spec.name in PLACEHOLDERS:
        return PLACEHOLDERS[spec.name]
    return spec.example.strip("[]")


def markdown_source(sections: str) -> str:
    rows = [f"| {HEADER[0]} | {HEADER[1]} |", "|:--|:--|"]
    rows += [f"| {spec.label or spec.name} | {_cell(table_value(spec))} |"
             for spec in NOTE_FIELDS]
    return "\n".join(rows) + "\n\n" + sections.strip() + "\n"


def _cell(text: str) -> str:
    return re.sub(r"([|\\*_`\[\]<>])", r"\\\1", text) or " "


def _sections() -> str:
    text = (PACKAGE_TEMPLATES / "note-modele.md").read_text(encoding="utf-8")
    return split_front_matter(text)[1]


def make_templates(workspace: Workspace, target: Path) -> tuple[Path, Path]:
    """Write ``note-modele.docx`` (in the charter's styles) and ``note-modele.odt``."""
    from pipeline.outputs.docx.reference import reference_docx  # python-docx: only here

    source = markdown_source(_sections()).encode("utf-8")
    reference = reference_docx(workspace, load_charter(workspace.template("charte/charte.yaml")))
    docx = run_pandoc(["--from=markdown", "--to=docx", "--reference-doc", str(reference),
                       "--sandbox", "--output=-"], source, workspace.root,
                      date_epoch=FIXED_EPOCH).output
    odt = run_pandoc(["--from=markdown", "--to=odt", "--sandbox", "--output=-",
                      "--metadata=lang:fr-FR"], source, workspace.root,
                     date_epoch=FIXED_EPOCH).output
    written = (target / "note-modele.docx", target / "note-modele.odt")
    write_atomic(written[0], normalized_zip(docx))
    write_atomic(written[1], odt)
    return written


def main() -> int:
    for path in make_templates(Workspace(PACKAGE_TEMPLATES.parent), PACKAGE_TEMPLATES):
        Report().result(f"écrit : {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the site of tests/workspaces/site/ must never show, and the reviewer's work that
puts some of it in the workspace first: a draft commented and corrected in Word (python-
docx, as tests/review/ does), then ``review``, so that the remarks exist in build/
before the site is made."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from ruamel.yaml import YAML

from pipeline.cli.main import main
from tests.review.reviewing import comment, insert
from tests.site.walking import Words

REVIEWED = "regards-2024"  # the contribution whose draft a reviewer comments
REMARK = "Le budget Quetzalcoatl est-il confirmé par la préfecture ?"
INSERTED = " Précision du relecteur sur le dispositif Zanzibar."


def review_draft(root: Path, contribution: str) -> Path:
    """The draft of ``contribution`` commented as a reviewer does, then ``review``;
    returns the review's page (which holds the remarks)."""
    assert main(["build", "--format", "docx", "--contribution", contribution, "--quiet",
                 "--workspace", str(root)]) in (0, 1)
    draft = root / "build" / contribution / f"{contribution}.docx"
    document = docx.Document(str(draft))
    target = next(p for p in document.paragraphs if p.text.startswith("Les artistes travaillent"))
    comment(document, target, REMARK, "Relectrice A")
    insert(target, INSERTED, "Relecteur B", 901)
    commented = root / "relecture.docx"
    document.save(str(commented))
    assert main(["review", str(commented), "--quiet", "--workspace", str(root)]) in (0, 1)
    return root / "build" / contribution / "revue.html"


def _front_matter(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8").split("---")[1])


def _published_contributions(root: Path) -> set[str]:
    found = set()
    for meta in sorted(root.glob("contributions/*/contribution.yaml")):
        data = YAML(typ="safe", pure=True).load(meta.read_text(encoding="utf-8"))
        if data.get("publication") and data.get("hors_site") not in (True, "oui"):
            found.add(meta.parent.name)
    return found


def unpublished_notes(root: Path, *, off_site: bool = True) -> dict[str, Words]:
    """The title and every paragraph of each note the site must leave out: not valid,
    in no published contribution, or (``off_site``) kept off the site — a valid note
    ``hors_site`` stays in its contribution's final edition, whose PDF and DOCX the
    site offers."""
    published, secrets = _published_contributions(root), {}
    for path in sorted(root.glob("sources/*/*.md")):
        meta = _front_matter(path)
        named = meta["contribution"]
        named = {named} if isinstance(named, str) else set(named)
        kept_off = meta.get("hors_site") in (True, "oui")
        if meta["statut"] == "valide" and named & published and not (kept_off and off_site):
            continue
        where = path.relative_to(root).as_posix()
        secrets[f"titre de {where}"] = Words(meta["titre"])
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        # a paragraph of a few words (« Aucun pour le site. ») may be another note's too
        for n, paragraph in enumerate(p for p in body.split("\n\n") if not p.startswith("#")
                                      and len(Words(p).words.split()) >= 5):
            secrets[f"paragraphe {n + 1} de {where}"] = Words(paragraph)
    return secrets


def secrets(root: Path, *, off_site: bool = True) -> dict[str, str | Words | re.Pattern[str]]:
    """What must not be anywhere in ``root``'s build/site/ (what → its text); without
    ``off_site``, the notes kept off the site are left out (see ``unpublished_notes``)."""
    return {
        "nom d'une habitante": "Fatima Benali", "prénom d'une habitante": "Fatima",
        "nom de famille d'une habitante": "Benali",
        "le même, comme l'index l'écrit": "benali",
        "remarque d'une relectrice": "Quetzalcoatl",
        "modification d'un relecteur": "Zanzibar",
        "mention des brouillons": "PROJET",
        "chemin interne": re.compile(r"(?<![\w-])(sources|build)/"),
        "dossier de l'espace de travail": str(root),
        **unpublished_notes(root, off_site=off_site),
    }

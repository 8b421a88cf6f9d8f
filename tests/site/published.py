"""The example workspace (the repository's contributions/ and sources/) published as
``python -m pipeline site`` publishes it, once per test session, after three things
the site must never show were put in: a resident named in full in a valid note, a
reviewer's remarks on a draft (``review``), and the notes not yet valid that the
example already has. Each secret is first shown to exist in the workspace, so that
its absence from build/site/ means something."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import docx
from ruamel.yaml import YAML

from pipeline.cli.main import main
from tests.conftest import REPOSITORY
from tests.review.reviewing import comment, insert
from tests.site.walking import Words

RESIDENT = ("Mme Fatima Benali, habitante du quartier, a planté le premier potager de la "
            "résidence et transmet ses graines aux nouveaux jardiniers.")
REMARK = "Le budget Quetzalcoatl est-il confirmé par la préfecture ?"
INSERTED = " Précision du relecteur sur le dispositif Zanzibar."


@dataclass(frozen=True)
class Published:
    root: Path  # the workspace
    site: Path  # its build/site/
    code: int  # the exit code of ``site``
    secrets: dict[str, str | Words | re.Pattern[str]]  # what → a text not to be in the site


def front_matter(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8").split("---")[1])


def published_contributions(root: Path) -> list[str]:
    found = []
    for meta in sorted(root.glob("contributions/*/contribution.yaml")):
        data = YAML(typ="safe", pure=True).load(meta.read_text(encoding="utf-8"))
        if data.get("publication") and data.get("hors_site") not in (True, "oui"):
            found.append(meta.parent.name)
    return found


def contributions_of(meta: dict) -> list[str]:
    named = meta["contribution"]
    return [named] if isinstance(named, str) else list(named)


def unpublished_notes(root: Path) -> dict[str, Words]:
    """Title and longest paragraph of every note not valid, or kept off the site."""
    secrets = {}
    for path in sorted(root.glob("sources/*/*.md")):
        meta = front_matter(path)
        if meta["statut"] != "valide" or meta.get("hors_site") in (True, "oui"):
            body = path.read_text(encoding="utf-8").split("---", 2)[2]
            longest = max((p for p in body.split("\n\n") if not p.startswith("#")), key=len)
            where = path.relative_to(root).as_posix()
            secrets[f"titre de {where} ({meta['statut']})"] = Words(meta["titre"])
            secrets[f"texte de {where} ({meta['statut']})"] = Words(longest)
    return secrets


def name_a_resident(root: Path, contribution: str) -> Path:
    """A valid note of ``contribution`` that names a resident in full."""
    for path in sorted(root.glob("sources/*/*.md")):
        meta = front_matter(path)
        if (meta["statut"] == "valide" and contribution in contributions_of(meta)
                and meta.get("hors_site") not in (True, "oui")):
            with path.open("a", encoding="utf-8") as note:
                note.write(f"\n{RESIDENT}\n")
            return path
    raise AssertionError(f"no valid note in {contribution}")


def review_draft(root: Path, contribution: str) -> Path:
    """The draft of ``contribution`` commented as a reviewer does, then ``review``."""
    assert main(["build", "--format", "docx", "--contribution", contribution, "--quiet",
                 "--workspace", str(root)]) in (0, 1)
    draft = root / "build" / contribution / f"{contribution}.docx"
    document = docx.Document(str(draft))
    target = next(p for p in document.paragraphs if len(p.text) > 200)
    comment(document, target, REMARK, "Relectrice A")
    insert(target, INSERTED, "Relecteur B", 901)
    commented = root / "relecture.docx"
    document.save(str(commented))
    assert main(["review", str(commented), "--workspace", str(root)]) in (0, 1)
    return root / "build" / contribution / "revue.html"


def publish_example(destination: Path) -> Published:
    root = destination / "exemple"
    for folder in ("contributions", "sources"):
        shutil.copytree(REPOSITORY / folder, root / folder)
    contributions = published_contributions(root)
    assert contributions, "the example publishes no contribution"
    note = name_a_resident(root, contributions[0])
    remarks = review_draft(root, contributions[0]).read_text(encoding="utf-8")
    assert "Quetzalcoatl" in remarks and "Zanzibar" in remarks  # the review has them
    code = main(["site", "--quiet", "--workspace", str(root)])
    secrets = {
        "nom d'une habitante": "Fatima Benali", "prénom d'une habitante": "Fatima",
        "nom de famille d'une habitante": "Benali",
        "le même, en minuscules (index)": "benali",
        "remarque d'une relectrice": "Quetzalcoatl",
        "modification d'un relecteur": "Zanzibar",
        "mention des brouillons": "PROJET",
        "chemin interne": re.compile(r"(?<![\w-])sources/"),
        **unpublished_notes(root),
    }
    assert "Fatima Benali" in note.read_text(encoding="utf-8")
    return Published(root, root / "build" / "site", code, secrets)

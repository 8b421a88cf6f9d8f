"""« Citer cette note »: a citation line, and the same record as CSL-JSON (what Zotero
and pandoc's citeproc read), one per note."""

from __future__ import annotations

import json

from pipeline.site.model import Site, SiteNote
from pipeline.typography import french_date


def permalink(note: SiteNote, site: Site) -> str:
    """Its public address when the site's is known, else its path in the site."""
    path = f"notes/{note.key}/"
    return f"{site.base_url.rstrip('/')}/{path}" if site.base_url else path


def citation_line(note: SiteNote, site: Site, network: str = "RNCRPV") -> str:
    """« Camille Martin, Sophie Lemaire (ORIV), « Titre », note d'observation, 12 mars
    2024, dans Culture et politique de la ville (RNCRPV, 2024). »"""
    authors = ", ".join(note.note.authors)
    held = "; ".join(f"{c.title} ({network}, {c.year})" for c in note.contributions)
    where = f" En ligne : {permalink(note, site)}" if site.base_url else ""
    return (f"{authors} ({note.centre.name}), « {note.note.title} », note d'observation, "
            f"{french_date(note.note.date)}, dans {held}.{where}")


def _person(name: str) -> dict[str, str]:
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": name}


def csl_json(note: SiteNote, site: Site, network: str) -> bytes:
    record = {
        "id": note.key,
        "type": "report",
        "genre": "Note d'observation",
        "title": note.note.title,
        "author": [_person(a) for a in note.note.authors],
        "issued": {"date-parts": [[note.note.date.year, note.note.date.month,
                                   note.note.date.day]]},
        "publisher": f"{network} — {note.centre.name}",
        "container-title": "; ".join(c.title for c in note.contributions),
        "language": "fr",
    }
    if note.commune or note.note.territory.label():
        record["event-place"] = note.note.territory.label()
    if site.base_url:
        record["URL"] = permalink(note, site)
    return (json.dumps([record], ensure_ascii=False, indent=2) + "\n").encode("utf-8")

"""Atom feeds of the published notes (RFC 4287): the whole network, each theme, each
centre. An entry's id is the note's permanent address (a ``urn:uuid`` made from it when
the site's public address is not known); its dates are the day its contribution was
published on the site and the note's own date."""

from __future__ import annotations

import uuid
from datetime import date
from xml.etree import ElementTree as ET

from pipeline.site.model import Site, SiteNote

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
LIMIT = 100  # the newest entries of each feed


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_id(site: Site, path: str) -> str:
    if site.base_url:
        return f"{site.base_url.rstrip('/')}/{path}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'rncrpv-regards-croises:' + path)}"


def atom(site: Site, path: str, title: str, notes: list[SiteNote] | tuple[SiteNote, ...],
         network: str) -> bytes:
    """The feed written at ``path`` (under the site's root); links relative to it unless
    the site's address is known."""
    root = site.base_url.rstrip("/") + "/" if site.base_url else "../" * path.count("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": "fr"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id(site, path)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=root + path)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=root + "index.html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = network
    newest = notes[:LIMIT]
    updated = max((_updated(n) for n in newest), default=date(2000, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    for note in newest:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = note.note.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = feed_id(site, f"notes/{note.key}/")
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=f"{root}notes/{note.key}/index.html")
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(note.published)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(_updated(note))
        for name in note.note.authors:
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = name
        for theme in note.themes:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=theme.id, label=theme.title)
        where = note.note.territory.label()
        summary = f"{note.centre.name}{' — ' + where if where else ''} — " + ", ".join(
            c.title for c in note.contributions)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def _updated(note: SiteNote) -> date:
    return max(note.published, note.note.date)


def all_feeds(site: Site, network: str) -> dict[str, bytes]:
    feeds = {"flux/notes.xml": atom(site, "flux/notes.xml", f"{network} : notes publiées",
                                    site.notes, network)}
    for theme_id, theme in site.themes.items():
        notes = [n for n in site.notes if theme in n.themes or theme_id in {t.id for t in n.themes}]
        if notes:
            feeds[f"flux/themes/{theme_id}.xml"] = atom(
                site, f"flux/themes/{theme_id}.xml", f"{network} : {theme.title}", notes, network)
    for centre in site.registry.centres:
        notes = [n for n in site.notes if n.centre.id == centre.id]
        if notes:
            feeds[f"flux/centres/{centre.id}.xml"] = atom(
                site, f"flux/centres/{centre.id}.xml", f"{network} : {centre.name}", notes,
                network)
    return feeds

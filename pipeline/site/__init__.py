"""The network's public observation site, ``build/site/``: a wing of its own, fed by the
checked records (``SiteInputs``) that the orchestration (``cli/``) hands it, after it
made the final editions the site needs. It never imports the orchestration.

``build_site`` reads top to bottom: collect what is published (``model.py``), stop
there if anything is wrong, in the site's inputs or anywhere in the check (the site on
disk stays as it was), make every page
(``pages.py``), citation (``cite.py``) and feed (``feeds.py``) in memory, index the
note pages (``search_index.py``, Pagefind), then write only the files whose bytes
changed and remove the others (``write.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.charter import Charter
from pipeline.diagnostics import Report
from pipeline.outputs.logo import logo_svg
from pipeline.site.cite import csl_json
from pipeline.site.feeds import all_feeds
from pipeline.site.model import Final, Site, SiteInputs, collect
from pipeline.site.pages import all_pages
from pipeline.site.search_index import index_files
from pipeline.site.search_page import search_assets
from pipeline.site.write import Synced, sync
from pipeline.workspace import Workspace

__all__ = ["Final", "SiteInputs", "SiteResult", "build_site", "site_folder"]


@dataclass(frozen=True)
class SiteResult:
    built: bool  # False: an error left the site as it was
    notes: int = 0
    contributions: int = 0
    synced: Synced | None = None


def site_folder(workspace: Workspace) -> Path:
    return workspace.build / "site"


def build_site(inputs: SiteInputs, workspace: Workspace, charter: Charter,
               report: Report) -> SiteResult:
    site = collect(inputs, report)
    if report.count("erreur"):  # a public site is made from a clean check, or not at all
        report.say("site non écrit : corrigez les erreurs ci-dessus ; build/site/ est resté "
                   "tel quel.")
        return SiteResult(False)
    pages = all_pages(site, workspace, charter)
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files.update(_assets(site, workspace, charter))
    files.update(all_feeds(site, charter.network_acronym))
    notes = {note.path: pages[note.path] for note in site.notes}
    if notes:
        files.update(index_files(notes, workspace.build / "_site" / "pagefind"))
    else:  # Pagefind refuses to index nothing
        report.warning("contributions", None, "aucune note publiée : le site est vide ; une "
                       "contribution y paraît quand son contribution.yaml porte sa date de "
                       "publication (publication: AAAA-MM-JJ) et qu'elle a des notes validées",
                       "site.vide")
    synced = sync(site_folder(workspace), files)
    return SiteResult(True, len(site.notes), len(site.contributions), synced)


def _assets(site: Site, workspace: Workspace, charter: Charter) -> dict[str, bytes]:
    from pipeline.templating import environment

    css = environment(workspace, html=False).get_template("site/site.css.j2").render(
        charter=charter)
    files = {"style.css": css.encode("utf-8"), "logo.svg": logo_svg(charter).encode("utf-8")}
    files.update(search_assets(workspace, charter))
    for note in site.notes:
        files[f"notes/{note.key}/citation.json"] = csl_json(note, site, charter.network_acronym)
    for contribution in site.contributions:
        final = site.finals[contribution.id]
        folder = f"contributions/{contribution.id}"
        files[f"{folder}/{contribution.id}.pdf"] = final.pdf.read_bytes()
        files[f"{folder}/{contribution.id}.docx"] = final.docx.read_bytes()
    return files

"""The review's outputs for one contribution: ``revue.html`` (by CRPV, then by note),
one page per CRPV in ``revue/<crpv>.html`` (to send to each centre what concerns its
notes) and ``revue.csv`` (one row a remark), with the same remark found in several
files kept once. Every remark is in them: placed, or listed with the reason it is not."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from pipeline.charter import load_charter
from pipeline.files import write_atomic
from pipeline.outputs.docx.anchors import comparable
from pipeline.review.attribute import Attributed
from pipeline.review.model import Remark, Reply
from pipeline.templating import environment
from pipeline.typography import french_date, french_text
from pipeline.workspace import Workspace

CSV_COLUMNS = ("note", "CRPV", "relecteur", "date", "type", "texte concerné", "remarque",
               "ligne", "chapitre", "fichier", "ligne envoyée", "placement")
UNKNOWN_AUTHOR = "(relecteur inconnu)"


@dataclass(frozen=True)
class Item:
    """A remark after merging: the files it was found in."""

    found: Attributed
    files: tuple[str, ...]

    @property
    def remark(self) -> Remark:
        return self.found.remark


def merge(found: list[Attributed]) -> list[Item]:
    """The same remark (author, kind, text concerned, remark) found twice is kept once."""
    items: dict[tuple, Item] = {}
    for attributed in found:
        remark = attributed.remark
        key = (remark.author, remark.kind, comparable(remark.concerned),
               " ".join(remark.text.split()), attributed.target.path)
        if key not in items:
            items[key] = Item(attributed, (remark.file,))
            continue
        known = items[key]
        replies = known.remark.replies + tuple(r for r in remark.replies
                                               if r not in known.remark.replies)
        merged = replace(known.remark, replies=replies,
                         resolved=known.remark.resolved or remark.resolved)
        files = known.files + ((remark.file,) if remark.file not in known.files else ())
        items[key] = Item(replace(known.found, remark=merged), files)
    return list(items.values())


def _order(item: Item) -> tuple:
    place = item.remark.place
    return (place.index if place else 1 << 30, item.remark.offset, item.remark.date)


# --- HTML ----------------------------------------------------------------------------

def grouped(items: list[Item]) -> dict:
    """Notes by CRPV (centre name), remarks outside notes by chapter, in draft order."""
    centres: dict[str, dict[str, list[Item]]] = {}
    chapters: dict[str, list[Item]] = {}
    for item in sorted(items, key=_order):
        target = item.found.target
        if target.path is None:
            chapters.setdefault(target.chapter, []).append(item)
        else:
            centre = target.centre or target.crpv or "?"
            centres.setdefault(centre, {}).setdefault(target.path, []).append(item)
    by_centre = [(centre, sorted(notes.items())) for centre, notes in sorted(centres.items())]
    return {"centres": by_centre, "chapters": list(chapters.items())}


def french_datetime(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{french_date(moment.date())} à {moment:%H} h {moment:%M}"


def write_html(items: list[Item], contribution: str, files: dict[str, str],
               workspace: Workspace, target: Path, groups: dict | None = None,
               title: str | None = None) -> None:
    """``files``: each file and the draft it was made on; ``title``: the contribution's
    (its id when it has none: the documents of no contribution)."""
    env = environment(workspace, html=True, filters={"when": french_datetime,
                                                     "french": french_text})
    charter = load_charter(workspace.template("charte/charte.yaml"))
    page = env.get_template("revue.html.j2").render(
        contribution=contribution, title=french_text(title or contribution), files=files,
        groups=groups or grouped(items),
        count=len(items), charter=charter, unknown=UNKNOWN_AUTHOR, centre_page=groups is not None)
    write_atomic(target, page.encode("utf-8"))


def write_centre_pages(items: list[Item], contribution: str, files: dict[str, str],
                       workspace: Workspace, folder: Path,
                       title: str | None = None) -> list[Path]:
    """One page per CRPV: the remarks on its notes only, and the files they come from
    (another centre's reviewer is none of its business)."""
    by_crpv: dict[str, list[Item]] = {}
    for item in items:
        if item.found.target.crpv:
            by_crpv.setdefault(item.found.target.crpv, []).append(item)
    written = []
    for crpv, own in sorted(by_crpv.items()):
        target = folder / f"{crpv}.html"
        sources = {file for item in own for file in item.files}
        write_html(own, contribution, {f: d for f, d in files.items() if f in sources},
                   workspace, target, grouped(own), title)
        written.append(target)
    return written


# --- CSV -----------------------------------------------------------------------------

def csv_rows(items: list[Item]) -> list[list[str]]:
    rows = []
    for item in sorted(items, key=lambda i: (i.found.target.path or "\uffff", _order(i))):
        remark, target = item.remark, item.found.target
        kind = f"{remark.kind} (résolu)" if remark.resolved else remark.kind
        common = [target.path or "", target.crpv or ""]
        tail = ["" if target.line is None else str(target.line), target.chapter,
                ", ".join(item.files), "" if target.sent_line is None else str(target.sent_line),
                target.placement]
        rows.append([*common, remark.author or UNKNOWN_AUTHOR, remark.date, kind,
                     remark.concerned, remark.text, *tail])
        rows += [[*common, _author(reply), reply.date, "réponse", remark.concerned,
                  reply.text, *tail] for reply in remark.replies]
    return rows


def _author(reply: Reply) -> str:
    return reply.author or UNKNOWN_AUTHOR


def write_csv(items: list[Item], target: Path) -> None:
    """UTF-8 with a BOM (Excel then reads the accents) and « ; » (French Excel's list
    separator)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(items))
    write_atomic(target, ("\ufeff" + buffer.getvalue()).encode("utf-8"))

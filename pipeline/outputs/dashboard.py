"""The coordinator's dashboard, ``build/index.html``: for each contribution, its notes
by centre and status (a chart and its table), the registry's centres that have sent
nothing yet, the notes left out and why, the errors and warnings with file and line,
the remarks of the last review per note, and links to every deliverable.

Written at the end of every build, and only when its text changes. Its model (what the
last full build knew) is kept in ``build/_tableau.json``, so that a build that finds
nothing to do renders the page again (new review remarks, new deliverables) without
reading a note."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup

from pipeline.charter import Charter
from pipeline.diagnostics import Diagnostic, TableRow
from pipeline.document import exclusion_reason
from pipeline.files import write_atomic
from pipeline.model import Contribution, Note, RawNote, Registry
from pipeline.outcome import outcome
from pipeline.typography import french_date, french_spacing, french_text, plural
from pipeline.workspace import Workspace

TEMPLATE = "tableau-de-bord.html.j2"
MODEL = "_tableau.json"
STATUSES = (("valide", "validée", "validées"), ("a-relire", "à relire", "à relire"),
            ("brouillon", "brouillon", "brouillons"), ("erreur", "en erreur", "en erreur"))
STATUS_COLOURS = {"valide": "primaire", "a-relire": "secondaire", "brouillon": "discret",
                  "erreur": "texte"}
DELIVERABLES = (("{id}.pdf", "PDF"), ("{id}.html", "page HTML"), ("{id}.docx",
                "DOCX pour les relecteurs"), ("{id}-changements.docx", "DOCX des changements"),
                ("rapport.md", "rapport de construction"), ("revue.html", "remarques des "
                "relecteurs"), ("revue.csv", "remarques (tableur)"), ("final/{id}.pdf",
                "version finale : PDF"), ("final/{id}.html", "version finale : page HTML"),
                ("final/{id}.docx", "version finale : DOCX"),
                ("final/rapport.md", "version finale : rapport de construction"))
MAX_REMARKS_PER_NOTE = 5


@dataclass(frozen=True)
class Sources:
    """What the check knew, handed over as plain records."""

    registry: Registry
    contributions: tuple[Contribution, ...]
    notes: tuple[Note, ...]  # the valid ones
    raw_notes: tuple[RawNote, ...]
    files: tuple[str, ...]


def dashboard_model(sources: Sources, diagnostics: list[Diagnostic], *, final: bool,
                    build_date: date) -> dict:
    """Everything the page shows but the review remarks and the files, as JSON data."""
    return {"date": build_date.isoformat(), "final": final,
            "contributions": [_contribution(c, sources, diagnostics, final)
                              for c in sources.contributions]}


def _contribution(contribution: Contribution, sources: Sources,
                  diagnostics: list[Diagnostic], final: bool) -> dict:
    result = outcome(contribution.id, sources.files, sources.raw_notes, sources.notes,
                     tuple(diagnostics))
    notes = [n for n in sources.notes if contribution.id in n.contributions]
    rows: dict[str, dict] = {}
    for note in sorted(notes, key=lambda n: n.path):
        row = rows.setdefault(note.crpv, {"notes": [], "counts": Counter()})
        row["counts"][note.status] += 1
        row["notes"].append({"path": note.path, "title": note.title, "status": note.status})
    for left in result.failed:
        parts = left.path.split("/")
        centre = parts[1] if len(parts) > 2 else ""
        row = rows.setdefault(centre, {"notes": [], "counts": Counter()})
        row["counts"]["erreur"] += 1
        row["notes"].append({"path": left.path, "title": parts[-1], "status": "erreur"})
    names = {c.id: c.name for c in sources.registry.centres}
    centres = [{"id": cid, "name": names.get(cid, cid or "(hors dossier de centre)"),
                "counts": {s: rows[cid]["counts"][s] for s, _, _ in STATUSES},
                "notes": rows[cid]["notes"]}
               for cid in sorted(rows, key=lambda c: names.get(c, c).casefold())]
    left_out = [{"path": n.path, "reason": reason} for n in notes
                if (reason := exclusion_reason(n.status, final))]
    left_out += [{"path": x.path, "reason": x.reason} for x in result.failed]
    return {
        "id": contribution.id, "title": contribution.title, "centres": centres,
        "silent": [{"id": c.id, "name": c.name} for c in sources.registry.centres
                   if c.id not in rows],
        "left_out": sorted(left_out, key=lambda x: x["path"]),
        "diagnostics": [{"where": _where(d), "severity": d.severity, "message": d.message,
                         "code": d.code}
                        for d in sorted(result.diagnostics, key=lambda d: (d.path, d.line or 0))],
    }


def _where(d: Diagnostic) -> str:
    if isinstance(d.line, TableRow) and d.line:
        return f"{d.path}, ligne {int(d.line)} du tableau"
    return f"{d.path}:{d.line}" if d.line else d.path


def write_dashboard(workspace: Workspace, charter: Charter, model: dict | None = None) -> bool:
    """Writes ``build/index.html`` from ``model`` (None: the last build's), if its text
    changed; True when written."""
    store = workspace.build / MODEL
    if model is None:
        if not store.is_file():
            return False
        model = json.loads(store.read_text(encoding="utf-8"))
    else:
        _write_if_changed(store, json.dumps(model, ensure_ascii=False, indent=1).encode())
    page = render_dashboard(workspace, charter, model)
    return _write_if_changed(workspace.build / "index.html", page.encode("utf-8"))


def _write_if_changed(target: Path, data: bytes) -> bool:
    if target.is_file() and target.read_bytes() == data:
        return False
    write_atomic(target, data)
    return True


def render_dashboard(workspace: Workspace, charter: Charter, model: dict) -> str:
    contributions = []
    for c in model["contributions"]:
        folder = workspace.build / c["id"]
        links = [{"href": f"{c['id']}/{name.format(id=c['id'])}", "label": label}
                 for name, label in DELIVERABLES if (folder / name.format(id=c["id"])).is_file()]
        remarks = review_remarks(folder / "revue.csv")
        contributions.append({**c, "links": links, "remarks": remarks,
                              "review_page": (folder / "revue.html").is_file(),
                              "chart": Markup(bar_chart(c, charter)),
                              "total": sum(sum(r["counts"].values()) for r in c["centres"])})
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in workspace.template_dirs]),
        undefined=jinja2.StrictUndefined, autoescape=True, trim_blocks=True,
        lstrip_blocks=True)
    env.filters["typo"] = french_text
    env.filters["plural"] = plural
    env.filters["espaces"] = french_spacing
    return env.get_template(TEMPLATE).render(
        contributions=contributions, statuses=STATUSES, charter=charter,
        colours={s: charter.colors[k] for s, k in STATUS_COLOURS.items()},
        build_date=french_date(date.fromisoformat(model["date"])), final=model["final"])


def review_remarks(path: Path) -> list[dict]:
    """The last review's remarks (``revue.csv``, written by ``review``), by note."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    by_note: dict[str, list[dict]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        note = row.get("note") or "(hors note)"
        by_note.setdefault(note, []).append(
            {"author": row.get("relecteur", ""), "kind": row.get("type", ""),
             "line": row.get("ligne", ""), "text": row.get("remarque", "")})
    return [{"note": note, "count": len(items), "items": items[:MAX_REMARKS_PER_NOTE]}
            for note, items in sorted(by_note.items())]


# --- the chart --------------------------------------------------------------------

LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT, BAR_HEIGHT = 200, 420, 30, 20


def bar_chart(contribution: dict, charter: Charter) -> str:
    """Notes by centre as horizontal bars, one segment a status: an inline SVG whose
    title and description say what it shows (the table after it gives the figures)."""
    centres = contribution["centres"]
    most = max((sum(c["counts"].values()) for c in centres), default=0) or 1
    height = ROW_HEIGHT * max(len(centres), 1) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 40
    ident = f"graphique-{contribution['id']}"
    summary = " ; ".join(
        f"{c['name']} : " + ", ".join(plural(c["counts"][s], one, many)
                                      for s, one, many in STATUSES if c["counts"][s])
        for c in centres) or "aucune note"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" '
             f'aria-labelledby="{ident}-titre {ident}-desc">',
             f'<title id="{ident}-titre">Notes par centre et par statut</title>',
             f'<desc id="{ident}-desc">{_xml(french_spacing(summary))}.</desc>']
    for row, centre in enumerate(centres):
        y = row * ROW_HEIGHT + 5
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" '
                     f'font-size="13" fill="{charter.colors["texte"]}">'
                     f'{_xml(centre["name"])}</text>')
        x = float(LABEL_WIDTH)
        for status, _, _ in STATUSES:
            count = centre["counts"][status]
            if not count:
                continue
            w = BAR_WIDTH * count / most
            colour = charter.colors[STATUS_COLOURS[status]]
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" '
                         f'fill="{colour}" stroke="#ffffff" stroke-width="1"/>')
            x += w
        total = sum(centre["counts"].values())
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="13" '
                     f'fill="{charter.colors["texte"]}">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))

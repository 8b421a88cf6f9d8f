"""Where each note went and why, as ``python -m pipeline themes`` prints it and as
the build report shows it: declared or suggested theme, score, keywords found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.language.themes import RULE, decimal
from pipeline.model import Contribution, Placement

HOW = {"déclarés": "déclaré", "proposé": "proposé", "à classer": "à classer"}
HEADER = ("Note", "Thème", "Comment", "Score", "Mots trouvés")


@dataclass(frozen=True)
class Row:
    path: str
    theme: str
    how: str
    score: str
    words: str
    remark: str  # why « À classer », or a hint


def theme_rows(contribution: Contribution, placements: Sequence[Placement]) -> list[Row]:
    titles = {t.id: t.title for t in contribution.themes}
    rows = []
    for p in placements:
        if p.contribution_id != contribution.id:
            continue
        theme = titles[p.themes[0]] if p.themes else "À classer"
        rows.append(Row(p.note.path, theme, HOW.get(p.how, p.how),
                        decimal(p.score) if p.score else "—", p.matched or "—", p.reason))
    return rows


def text_table(contribution: Contribution, placements: Sequence[Placement]) -> str:
    """Aligned columns for a terminal; a remark goes on the line below its note."""
    rows = theme_rows(contribution, placements)
    cells = [HEADER] + [(r.path, _cut(r.theme), r.how, r.score, r.words) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    lines = [f"Contribution « {contribution.id} » — {contribution.title}", ""]
    for index, cell in enumerate(cells):
        lines.append("  ".join([*(c.ljust(w) for c, w in zip(cell[:4], widths, strict=True)),
                                cell[4]]).rstrip())
        remark = rows[index - 1].remark if index else ""
        if remark:
            lines.append(" " * (widths[0] + 2) + "→ " + remark)
    return "\n".join(lines)


def markdown_table(contribution: Contribution, placements: Sequence[Placement]) -> list[str]:
    rows = theme_rows(contribution, placements)
    lines = [f"Règle : {RULE}.", "", "| " + " | ".join(HEADER) + " | Remarque |",
             "|---|---|---|--:|---|---|"]
    lines += ["| " + " | ".join(_cell(c) for c in (r.path, r.theme, r.how, r.score, r.words,
                                                    r.remark)) + " |" for r in rows]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def _cut(text: str, width: int = 45) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"

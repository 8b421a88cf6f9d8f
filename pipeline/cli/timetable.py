"""``build --temps``: where the build's time went, per step and per contribution, as a
Markdown table (the one ``docs/performance.md`` quotes)."""

from __future__ import annotations

from pipeline.build import BuildResult
from pipeline.timing import STEPS


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def times_table(result: BuildResult) -> str:
    contributions = sorted({t.contribution for t in result.times if t.contribution})
    cells: dict[tuple[str, str], float] = {}
    for t in result.times:
        cells[(t.contribution, t.step)] = cells.get((t.contribution, t.step), 0.0) + t.seconds
    total = sum(cells.values())
    rows = ["| étape | " + " | ".join([*contributions, "ensemble", "part"]) + " |",
            "|---|" + "---:|" * (len(contributions) + 2)]
    for step, label in STEPS.items():
        own = [cells.get((c, step), 0.0) for c in contributions]
        whole = sum(own) + cells.get(("", step), 0.0)
        share = f"{100 * whole / total:.0f} %" if total else "—"
        rows.append(f"| {label} | " + " | ".join([*map(_seconds, own), _seconds(whole), share])
                    + " |")
    sums = [sum(v for (c, _), v in cells.items() if c == contribution)
            for contribution in contributions]
    rows.append("| **total des étapes** | " + " | ".join([*map(_seconds, sums), _seconds(total),
                                                          "100 %"]) + " |")
    tasks = "tâche" if result.workers == 1 else "tâches"
    return ("Temps par étape, en secondes (mesurés dans les processus qui les font) :\n\n"
            + "\n".join(rows) + "\n\n"
            f"Durée de la construction : {_seconds(result.seconds)} s, {result.workers} {tasks} "
            f"à la fois (au plus {_seconds(result.seconds * result.workers)} s de travail).")

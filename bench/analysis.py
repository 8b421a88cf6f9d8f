"""Throughput of the language analysis, in words per second, on 200 synthetic notes.

``python -m bench.analysis [--notes N]`` writes N French notes into a temporary
workspace (paragraphs of the example notes in sources/, shuffled and recombined, so
that every note is different), then times ``analyse_notes``: cold (empty cache),
with and without loading the model, and cached (a second run over the same notes).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.diagnostics import Report
from pipeline.language import analysis
from pipeline.stages.load import load
from pipeline.stages.validate import validate
from pipeline.workspace import Workspace

REPOSITORY = Path(__file__).resolve().parent.parent
FRONT = """---
titre: Note d'essai numéro {n}
crpv: {crpv}
auteurs: [Camille Martin]
contribution: {contribution}
date: 2024-03-12
statut: valide
---

"""


def paragraphs() -> list[tuple[str, str, str]]:
    """(crpv, contribution, paragraph) of every example note."""
    found = []
    for path in sorted((REPOSITORY / "sources").glob("*/*.md")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        contribution = next(line.split(":", 1)[1].strip() for line in head.splitlines()
                            if line.startswith("contribution:"))
        found += [(path.parent.name, contribution, p.strip()) for p in body.split("\n\n")
                  if p.strip() and not p.startswith("#")]
    return found


def write_notes(root: Path, count: int, seed: int = 2024) -> None:
    for folder in ("contributions",):
        shutil.copytree(REPOSITORY / folder, root / folder)
    pool = paragraphs()
    rng = random.Random(seed)
    for n in range(count):
        crpv, contribution, _ = rng.choice(pool)
        chosen = rng.sample(pool, 6)
        body = "## Contexte\n\n" + "\n\n".join(p for _, _, p in chosen[:2])
        body += "\n\n## Ce qui a été observé\n\n" + "\n\n".join(p for _, _, p in chosen[2:5])
        body += "\n\n## Enseignements\n\n" + chosen[5][2] + "\n"
        path = root / "sources" / crpv / f"note-{n:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(FRONT.format(n=n, crpv=crpv, contribution=contribution) + body,
                        encoding="utf-8")


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200)
    count = parser.parse_args().notes
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_notes(root, count)
        workspace, report = Workspace(root), Report()
        inputs = load(workspace, report)
        notes = validate(inputs.notes, inputs.registry, inputs.contributions, report)
        cache = workspace.build / "_analyse"
        _, loading = timed(analysis.load_model)
        cold, seconds = timed(analysis.analyse_notes, notes, cache)
        cached, again = timed(analysis.analyse_notes, notes, cache)
    words = sum(a.words for a in cold.by_path.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(notes)} notes, {words} mots ({cold.texts_sent} textes envoyés à nlp.pipe, "
          f"lots de {analysis.BATCH_SIZE})")
    print(f"chargement du modèle      : {loading:6.2f} s")
    print(f"à froid, hors chargement  : {seconds:6.2f} s  {words / seconds:10,.0f} mots/s")
    print(f"à froid, avec chargement  : {seconds + loading:6.2f} s  "
          f"{words / (seconds + loading):10,.0f} mots/s")
    label = f"en cache ({cached.cached} notes)"
    print(f"{label:<26}: {again:6.2f} s  {words / again:10,.0f} mots/s")
    print(f"mémoire maximale          : {peak:6.0f} Mo")


if __name__ == "__main__":
    main()

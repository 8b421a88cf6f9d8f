"""Site benchmark: ``python -m pipeline site`` on a synthetic archive, and what a browser
downloads for one search.

``python -m bench.site [--archives 200:1,4000:5] [--query résidence]`` writes, for each
archive (notes:years), a workspace into a temporary folder: the repository's 2024
contributions copied once per year (``culture-2022``, ``culture-2023``…, each with a
publication date) and the notes of ``bench/build.py``'s generator spread over the years,
their contribution and date moved to their year. Then, each measured in a child process:

1. **finals**: ``python -m pipeline build --final`` (the final editions the site
   publishes; ``site`` makes them itself when they are missing or stale, so this is
   measured apart to show the site's own share);
2. **cold site**: ``python -m pipeline site`` with ``build/site/`` and the site's caches
   (``build/_site/``) removed, the finals made;
3. **no-op site**: the same again (which files of ``build/site/`` it rewrote);
4. **one note changed**: a sentence added to one note, ``site`` again (which files it
   rewrote; its contribution's final edition is made again, as ``make site`` does);
5. the site's size (files, bytes, Pagefind's share);
6. **one search in Chromium**: ``build/site/`` served over http on 127.0.0.1 by the
   standard library's server, ``recherche/?q=QUERY`` opened in a fresh headless Chromium
   (cache disabled), and the bytes of every file the server sent counted once the
   results are shown (Pagefind's worker fetches its files out of the page's sight, so
   the server counts them, not the Performance API). No HTTP compression: a host that
   gzips ``pagefind.js`` sends less.

The machine may be shared: times are wall times of one run each. This is a benchmark,
not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.build import REPOSITORY, SEED, Measure, examples, measure, read_yaml, synthetic_note

SEARCH_BUDGET = 300_000  # bytes: the target for one search


@dataclass(frozen=True)
class Archive:
    notes: int
    years: int

    @property
    def label(self) -> str:
        return f"{self.notes} notes, {self.years} year{'s' * (self.years > 1)}"


def generate_archive(root: Path, archive: Archive, seed: int = SEED) -> list[Path]:
    """The workspace of ``archive``; returns the notes' paths (relative to ``root``)."""
    base = [d for d in sorted((REPOSITORY / "contributions").iterdir())
            if (d / "contribution.yaml").is_file()
            and read_yaml(d / "contribution.yaml")["annee"] == 2024]
    (root / "contributions").mkdir(parents=True)
    shutil.copy(REPOSITORY / "contributions" / "reseau.yaml", root / "contributions")
    years = list(range(2024 - archive.years + 1, 2025))
    for year in years:
        for folder in base:
            _copy_contribution(folder, root / "contributions" / _moved(folder.name, year), year)
    centres = [c["id"] for c in read_yaml(root / "contributions/reseau.yaml")["centres"]]
    themes = {d.name: [t["id"] for t in read_yaml(d / "contribution.yaml")["themes"]]
              for d in base}
    pool, rng, paths = examples(), random.Random(seed), []
    for n in range(archive.notes):
        year = years[n * len(years) // archive.notes]
        note = synthetic_note(n, rng, centres, themes, pool)
        text = _note_in_year(note.body, year, list(themes))
        (root / note.path).parent.mkdir(parents=True, exist_ok=True)
        (root / note.path).write_text(text, encoding="utf-8")
        paths.append(note.path)
    return paths


def _moved(contribution_id: str, year: int) -> str:
    return re.sub(r"2024$", str(year), contribution_id)


def _copy_contribution(source: Path, target: Path, year: int) -> None:
    shutil.copytree(source, target)
    meta = target / "contribution.yaml"
    lines = [line for line in meta.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("annee:", "publication:", "hors_site:"))]
    lines[1:1] = [f"annee: {year}", f"publication: {year}-12-15"]
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _note_in_year(text: str, year: int, contributions: list[str]) -> str:
    head, body = text.split("\n---\n", 1)
    for contribution_id in contributions:
        head = head.replace(contribution_id, _moved(contribution_id, year))
    head = head.replace("date: 2024-", f"date: {year}-")
    return f"{head}\n---\n{body}"


# --- the site stage alone ----------------------------------------------------------

STAGE = """\
import sys
from pathlib import Path
from pipeline.build import check
from pipeline.diagnostics import Report
from pipeline.site import Final, SiteInputs, build_site
from pipeline.stages.load import load_contributions
from pipeline.workspace import Workspace

workspace = Workspace(Path(sys.argv[1]).resolve())
stand_in = workspace.build / "_bench_finales"
stand_in.mkdir(parents=True, exist_ok=True)
(stand_in / "finale.pdf").write_bytes(b"%PDF-1.4\\n% stand-in\\n")
(stand_in / "finale.docx").write_bytes(b"PK stand-in")
report = Report()
contributions, _ = load_contributions(workspace, Report())
finals = {c.id: Final(stand_in / "finale.pdf", stand_in / "finale.docx")
          for c in contributions if c.published and not c.off_site}
checked = check(workspace, report)
inputs = SiteInputs(checked.inputs.registry, checked.inputs.contributions, checked.placements,
                    checked.language, checked.people, finals, None)
result = build_site(inputs, workspace, checked.charter, report)
print(result)
sys.exit(0 if result.built else 2)
"""


# --- measuring ----------------------------------------------------------------------

Snapshot = dict[str, int]


def snapshot(site: Path) -> Snapshot:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in sorted(site.rglob("*")) if p.is_file()}


def touched(before: Snapshot, after: Snapshot) -> list[str]:
    """Files written (new, rewritten) or removed between two snapshots."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def command(workspace: Path, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *arguments, "--workspace", str(workspace)]


@dataclass(frozen=True)
class SiteRun:
    archive: Archive
    stage_only: bool  # the site stage alone, the final editions stood in for
    finals: Measure
    cold: Measure
    noop: Measure
    noop_touched: list[str]
    one_note: Measure
    one_note_touched: list[str]
    files: int
    bytes: int
    pagefind_files: int
    pagefind_bytes: int
    search: dict


def bench_archive(archive: Archive, top: Path, query: str, stage_only: bool) -> SiteRun:
    workspace, logs = top / f"archive-{archive.notes}", top / f"logs-{archive.notes}"
    logs.mkdir(parents=True)
    notes = generate_archive(workspace, archive)
    site = workspace / "build" / "site"
    say = lambda text: print(f"  [{archive.label}] {text}", file=sys.stderr, flush=True)  # noqa: E731
    if stage_only:  # the final editions stood in for: only the site's own work
        script = logs / "stage.py"
        script.write_text(STAGE, encoding="utf-8")
        site_command = [sys.executable, str(script), str(workspace)]
        finals = Measure(0.0, 0.0, 0.0)
    else:
        site_command = command(workspace, "site")
        finals = measure(command(workspace, "build", "--final", "--quiet"), workspace,
                         logs / "finals.log")
        say(f"finals {finals.seconds:.1f} s")
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(workspace / "build" / "_site", ignore_errors=True)
    cold = measure(site_command, workspace, logs / "cold.log")
    say(f"cold site {cold.seconds:.1f} s")
    before = snapshot(site)
    noop = measure(site_command, workspace, logs / "noop.log")
    noop_touched = touched(before, snapshot(site))
    say(f"no-op site {noop.seconds:.1f} s, {len(noop_touched)} file(s) touched")
    valid = [n for n in notes if "statut: valide" in (workspace / n).read_text(encoding="utf-8")]
    changed = workspace / valid[len(valid) // 2]  # a published note
    with changed.open("a", encoding="utf-8") as text:
        text.write("\nUne phrase ajoutée pour le banc d'essai du site.\n")
    before = snapshot(site)
    one = measure(site_command, workspace, logs / "one.log")
    one_touched = touched(before, snapshot(site))
    say(f"one note {one.seconds:.1f} s, {len(one_touched)} file(s) touched")
    everything = [p for p in site.rglob("*") if p.is_file()]
    pagefind = [p for p in everything if p.relative_to(site).parts[0] == "pagefind"]
    search = search_downloads(site, query, top / "chromium")
    return SiteRun(archive, stage_only, finals, cold, noop, noop_touched, one, one_touched,
                   len(everything), sum(p.stat().st_size for p in everything),
                   len(pagefind), sum(p.stat().st_size for p in pagefind), search)


def search_downloads(site: Path, query: str, profile: Path) -> dict:
    """What Chromium downloads for one search on the served site (a fresh profile, its
    cache disabled): every file the server sent, by kind."""
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.site.browsing import serving, start_chromium

    driver = start_chromium(profile)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        with serving(site) as served:
            start = time.perf_counter()
            driver.get(f"{served.url}recherche/?q={quote(query)}")
            WebDriverWait(driver, 120).until(lambda d: d.find_element(
                By.ID, "rc-etat").text.strip() and d.find_element(
                By.TAG_NAME, "body").get_attribute("data-recherche-etat") == "pret")
            seconds = time.perf_counter() - start
            status = driver.find_element(By.ID, "rc-etat").text
            shown = len(driver.find_elements(By.CSS_SELECTOR, "#rc-resultats > li"))
            requests = list(served.requests)
    finally:
        driver.quit()
    kinds: dict[str, list[int]] = {}
    for path, size in requests:
        kinds.setdefault(_kind(path), []).append(size)
    pagefind = sum(size for path, size in requests if path.startswith("/pagefind/"))
    return {"query": query, "status": status, "shown": shown, "seconds": round(seconds, 2),
            "pagefind_bytes": pagefind, "page_bytes": sum(s for _, s in requests) - pagefind,
            "by_kind": {k: (len(v), sum(v)) for k, v in sorted(kinds.items())}}


def _kind(path: str) -> str:
    if not path.startswith("/pagefind/"):
        return "page (HTML, CSS, JS, logo)"
    name = path.rsplit("/", 1)[-1]
    for suffix, kind in ((".pf_fragment", "fragments"), (".pf_index", "index chunks"),
                         (".pf_filter", "filters"), (".pf_meta", "metadata"),
                         (".pagefind", "wasm"), (".js", "pagefind JS"),
                         (".json", "entry")):
        if name.endswith(suffix):
            return kind
    return "other"


# --- the search index alone ---------------------------------------------------------

def index_only(archive: Archive, top: Path, query: str) -> None:
    """The archive's notes as pages marked up as the site's note pages (the hand-made
    site of tests/site/minisite.py: same ``data-pagefind-*`` attributes, the notes'
    Markdown as plain paragraphs), indexed by the site's own code (``search_index``),
    the real search page beside them; then one search in Chromium. No check, no
    pandoc, no final edition: what a search downloads from an archive of that size."""
    import html as html_module

    from pipeline.geography import available, find_commune
    from tests.site.minisite import Page, build_minisite

    workspace = top / f"index-{archive.notes}"
    notes = generate_archive(workspace, archive)
    pages = []
    for relative in notes:
        head, body = (workspace / relative).read_text(encoding="utf-8").split("\n---\n", 1)
        meta = read_yaml_text(head.removeprefix("---\n"))
        place = meta.get("territoire") or {}
        found = find_commune(place["commune"]).commune if place and available() else None
        blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
        markup = "".join(f"<h2>{html_module.escape(b[3:])}</h2>" if b.startswith("## ")
                         else f"<p>{html_module.escape(b)}</p>" for b in blocks)
        pages.append(Page(
            f"notes/{relative.parent.name}-{relative.stem}/", html_module.escape(meta["titre"]),
            meta["crpv"], html_module.escape(", ".join(str(v) for v in place.values())),
            f"{meta['date']:%d/%m/%Y}", found.region_nom if found else "", (meta.get("themes") or
                                                                   ["aucun"])[0], markup))
    start = time.perf_counter()
    site = build_minisite(top / f"site-{archive.notes}", pages)
    seconds = time.perf_counter() - start
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    print(f"\n== {archive.label}: the search index alone ==")
    print(f"pages and Pagefind index written in {seconds:.1f} s; Pagefind {len(files)} files, "
          f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB")
    print_search(search_downloads(site, query, top / "chromium-index"))


def read_yaml_text(text: str) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


# --- printing -----------------------------------------------------------------------

def print_run(r: SiteRun) -> None:
    s = r.search
    print(f"\n== {r.archive.label} ==")
    if r.stage_only:
        print("the site stage alone (check + build_site), the final editions stood in for")
    else:
        print(f"final editions (build --final)      {r.finals.seconds:8.1f} s")
    print(f"site, cold (finals made)            {r.cold.seconds:8.1f} s   "
          f"peak {r.cold.tree_mb:5.0f} MB (tree)")
    print(f"site, no-op                         {r.noop.seconds:8.1f} s   "
          f"files touched: {len(r.noop_touched)}")
    print(f"site, one note changed              {r.one_note.seconds:8.1f} s   "
          f"files touched: {len(r.one_note_touched)} of {r.files}")
    print(f"size: {r.files} files, {r.bytes / 1e6:.1f} MB; Pagefind {r.pagefind_files} "
          f"files, {r.pagefind_bytes / 1e6:.1f} MB")
    print_search(s)
    if r.one_note_touched:
        print("  one note changed, touched: " + ", ".join(r.one_note_touched[:40])
              + (" …" if len(r.one_note_touched) > 40 else ""))


def print_search(s: dict) -> None:
    verdict = "under" if s["pagefind_bytes"] < SEARCH_BUDGET else "OVER"
    print(f"one search « {s['query']} »: {s['status']!r}, {s['shown']} shown, "
          f"{s['seconds']} s; Pagefind files {s['pagefind_bytes'] / 1000:.1f} kB "
          f"({verdict} {SEARCH_BUDGET / 1000:.0f} kB), the page itself "
          f"{s['page_bytes'] / 1000:.1f} kB")
    for kind, (count, size) in s["by_kind"].items():
        print(f"    {kind:28} {count:4} file(s) {size / 1000:8.1f} kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archives", default="200:1,4000:5",
                        help="notes:years, comma-separated (default: 200:1,4000:5)")
    parser.add_argument("--query", default="résidence", help="the word searched")
    parser.add_argument("--json", type=Path, help="also write the figures there")
    parser.add_argument("--index-only", action="store_true",
                        help="only the search index of each archive and one search "
                             "(no check, no pages of the site, no final edition)")
    parser.add_argument("--finals-up-to", type=int, default=1000, metavar="N",
                        help="above N notes, measure the site stage alone, the final "
                             "editions stood in for (default: 1000)")
    args = parser.parse_args()
    archives = [Archive(*map(int, a.split(":"))) for a in args.archives.split(",") if a]
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))  # one build date
    print(f"python -m bench.site --archives {args.archives} --query {args.query} "
          f"({os.cpu_count()} CPUs)")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        for archive in archives:
            if args.index_only:
                index_only(archive, Path(folder), args.query)
                continue
            result = bench_archive(archive, Path(folder), args.query,
                                   archive.notes > args.finals_up_to)
            print_run(result)
            results.append(result)
    if args.json:
        args.json.write_text(json.dumps([{
            "archive": r.archive.label, "stage_only": r.stage_only,
            "finals_s": r.finals.seconds, "cold_s": r.cold.seconds,
            "noop_s": r.noop.seconds, "noop_touched": r.noop_touched,
            "one_note_s": r.one_note.seconds, "one_note_touched": r.one_note_touched,
            "files": r.files, "bytes": r.bytes, "pagefind_bytes": r.pagefind_bytes,
            "search": r.search} for r in results], ensure_ascii=False, indent=1),
            encoding="utf-8")


if __name__ == "__main__":
    main()

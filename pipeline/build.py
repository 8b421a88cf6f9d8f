"""A build, read top to bottom: load → validate → enrich → group → render → convert.

Before any of it, the state of the last build (pipeline/state.py) says whether
anything changed; after validation, each contribution is rebuilt only if its own
inputs did. The DOCX and PDF conversions run on the workers, side by side."""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Protocol

from pipeline.charter import Charter, load_charter
from pipeline.coerce import suggestion
from pipeline.diagnostics import Diagnostic, Report
from pipeline.language.analysis import Analyses, analyse_notes, load_model, versions
from pipeline.language.privacy import PossibleName, report_names
from pipeline.language.redact import protect_residents
from pipeline.model import Contribution, Note, Placement
from pipeline.outcome import Outcome, outcome
from pipeline.outputs.dashboard import Sources, dashboard_model, write_dashboard
from pipeline.outputs.edition import edition_key
from pipeline.outputs.report import write_build_report
from pipeline.pandoc import PandocError
from pipeline.parallel import MEMORY_BUDGET_BYTES, JobResult, Workers
from pipeline.rounds.sent import sent_manifests
from pipeline.stages.convert import Converted, convert, reference_docx, write_docx, write_pdf
from pipeline.stages.enrich import enrich
from pipeline.stages.group import group
from pipeline.stages.inspect import inspect_sources
from pipeline.stages.load import Inputs, load
from pipeline.stages.render import render
from pipeline.stages.validate import validate
from pipeline.state import BuildState, code_hash, files_hash, key_of, templates_hash
from pipeline.state import workspace_key as whole_workspace_key
from pipeline.workspace import Workspace


@dataclass(frozen=True)
class BuildOptions:
    build_date: date
    contributions: tuple[str, ...] = ()  # empty: all of them
    formats: tuple[str, ...] = ("docx", "pdf", "html")
    final: bool = False
    memory_budget: int = MEMORY_BUDGET_BYTES  # how the work is run, not what it makes

    def key(self) -> str:
        """What a contribution's outputs depend on, among the options."""
        return repr((self.build_date.isoformat(), self.formats, self.final, versions()))


@dataclass(frozen=True)
class Checked:
    """What the validate and enrich stages made of the workspace."""

    inputs: Inputs
    placements: tuple[Placement, ...]
    language: Analyses = field(default_factory=Analyses)
    notes: tuple[Note, ...] = ()
    people: tuple[PossibleName, ...] = ()  # the people the notes name (privacy check)
    diagnostics: tuple[Diagnostic, ...] = ()  # what the check reported

    def sources(self) -> Sources:
        """What the dashboard shows of the sources."""
        inputs = self.inputs
        return Sources(inputs.registry, inputs.contributions, self.notes, inputs.notes,
                       inputs.files)

    def outcome(self, contribution_id: str, more: tuple[Diagnostic, ...] = ()) -> Outcome:
        """A contribution's notes left out for their errors, and its diagnostics."""
        return outcome(contribution_id, self.inputs.files, self.inputs.notes, self.notes,
                       (*self.diagnostics, *more))


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    failed: tuple[str, ...]  # contributions asked for that could not be built
    configuration_ok: bool
    up_to_date: tuple[str, ...] = ()  # contributions left as they were


class Progress(Protocol):
    def __call__(self, message: str, *, detail: bool = False) -> None: ...


def _silent(message: str, *, detail: bool = False) -> None:
    pass


def check(workspace: Workspace, report: Report) -> Checked:
    inputs = load(workspace, report)
    inspect_sources(inputs.notes, inputs.contributions, inputs.images, inputs.files,
                    workspace, report)
    notes = validate(inputs.notes, inputs.registry, inputs.contributions, report)
    keywords = (k for c in inputs.contributions for t in c.themes for k in t.keywords)
    language = analyse_notes(notes, workspace.build / "_analyse", keywords)
    placements = enrich(notes, inputs.contributions, report, language)
    people = report_names(notes, language, inputs.registry, report)
    return Checked(inputs, placements, language, notes, people, tuple(report.diagnostics))


def build(workspace: Workspace, options: BuildOptions, report: Report,
          progress: Progress = _silent) -> BuildResult:
    state = BuildState.read(workspace)
    workspace_key = whole_workspace_key(workspace, options.key() + repr(options.contributions))
    if state.workspace == workspace_key and state.contributions and all(
            state.up_to_date(c, entry["key"], workspace)
            for c, entry in state.contributions.items()):
        report.diagnostics += [Diagnostic.from_json(d) for d in state.diagnostics]
        write_dashboard(workspace, load_charter(workspace.template("charte/charte.yaml")))
        return BuildResult((), (), True, tuple(state.contributions))
    start = time.perf_counter()
    charter = load_charter(workspace.template("charte/charte.yaml"))
    checked = check(workspace, report)
    progress(f"notes vérifiées : {len(checked.notes)}")
    progress(f"lecture, vérification et analyse : {_seconds(start)}", detail=True)
    load_model.cache_clear()  # the workers need not inherit the language model
    gc.collect()
    failed = _unknown(options, checked, report)
    selected = _selected(checked, options)
    edition = {c.id: edition_key(c.id, options.final) for c in checked.inputs.contributions}
    new_state = BuildState(contributions={  # what this build does not touch stays known
        k: v for k, v in state.contributions.items() if k not in {edition[c.id] for c in selected}})
    written: list[Path] = []
    left: list[str] = []
    stale = []
    for contribution in selected:
        key = _contribution_key(contribution, checked, workspace, options)
        if state.up_to_date(edition[contribution.id], key, workspace):
            entry = state.contributions[edition[contribution.id]]
            report.diagnostics += [Diagnostic.from_json(d) for d in entry["diagnostics"]]
            new_state.contributions[edition[contribution.id]] = entry
            left.append(contribution.id)
            progress(f"{contribution.id} : à jour, rien à refaire")
        else:
            stale.append((contribution, key))
    new_state.write(workspace)  # an interrupted build must not leave stale outputs "à jour"
    reference = reference_docx(workspace, charter) if stale and "docx" in options.formats \
        else None
    workers = Workers(memory_budget=options.memory_budget)

    def prepared(contribution: Contribution, key: str, result: JobResult) -> None:
        """Here, once a contribution is grouped, rendered and its HTML written: its
        DOCX and PDF jobs next."""
        made = result.value
        if not isinstance(made, Prepared):  # the job failed: said by ``finished``
            return
        report.diagnostics += made.diagnostics
        converted = made.converted
        written.extend(converted.written)
        if made.failed:
            failed.append(contribution.id)
            return
        new_state.contributions[edition[contribution.id]] = {
            "key": key, "diagnostics": [d.to_json() for d in made.diagnostics],
            "outputs": [workspace.relative(p) for p in converted.outputs]}
        if converted.pdf:  # first: the longest job
            workers.submit(f"{contribution.id} : pdf",
                           partial(write_pdf, converted.pdf, workspace),
                           memory=converted.pdf.memory,
                           then=partial(done, [converted.pdf.target]))
        if converted.docx:
            workers.submit(f"{contribution.id} : docx",
                           partial(write_docx, converted.docx, workspace, charter),
                           memory=converted.docx.memory,
                           then=partial(done, list(converted.docx.outputs)))

    def done(paths: list[Path], result: JobResult) -> None:
        if not result.error:
            written.extend(paths)
        if isinstance(result.value, Diagnostic):  # a job's notice (the DOCX's page numbers)
            report.diagnostics.append(result.value)

    def finished(result: JobResult) -> None:
        contribution_id = result.label.split(" : ")[0]
        if isinstance(result.value, Prepared) and result.value.failed:
            progress(f"{result.label} : échec")
            return
        if result.error:
            report.error(f"build/{contribution_id}", None, f"{result.label} : {result.error}",
                         "conversion")
            failed.append(contribution_id)
            new_state.contributions.pop(edition.get(contribution_id, contribution_id), None)
        progress(_done(result))

    for contribution, key in stale:
        workers.submit(f"{contribution.id} : mise en forme",
                       partial(prepare_contribution, contribution, checked, workspace,
                               charter, options, reference),
                       memory=prepare_memory(contribution, checked),
                       then=partial(prepared, contribution, key))
    workers.wait(finished)
    if not failed and checked.inputs.configuration_ok:
        new_state.workspace = workspace_key
    new_state.diagnostics = [d.to_json() for d in report.diagnostics]
    new_state.write(workspace)
    write_dashboard(workspace, charter, dashboard_model(
        checked.sources(), report.diagnostics, final=options.final,
        build_date=options.build_date))
    return BuildResult(tuple(sorted(written)), tuple(dict.fromkeys(failed)),
                       checked.inputs.configuration_ok, tuple(left))


@dataclass(frozen=True)
class Prepared:
    """A contribution grouped, rendered, its HTML written; its DOCX and PDF to make."""

    converted: Converted
    diagnostics: tuple[Diagnostic, ...]
    failed: bool


# What preparing takes (peak, measured here: the AST in python and pandoc's parse):
# about 1.1 GB for a contribution of 530 notes, 1.4 M characters of writers' text.
PREPARE_BASE_MEMORY = 100_000_000
PREPARE_MEMORY_PER_CHARACTER = 750


def prepare_memory(contribution: Contribution, checked: Checked) -> int:
    """What preparing the contribution will take, in bytes, from its notes' length."""
    text = sum(len(n.body) for n in checked.notes if contribution.id in n.contributions)
    return PREPARE_BASE_MEMORY + PREPARE_MEMORY_PER_CHARACTER * text


def prepare_contribution(contribution: Contribution, checked: Checked, workspace: Workspace,
                         charter: Charter, options: BuildOptions,
                         reference: Path | None) -> Prepared:
    """A job: it sees the checked notes as the building process holds them (a fork)."""
    own = Report()
    try:
        converted = build_contribution(contribution, checked, workspace, charter, options,
                                       own, reference)
    except PandocError as exc:
        own.error(contribution.path, None, str(exc), "conversion")
        return Prepared(Converted(()), tuple(own.diagnostics), True)
    return Prepared(converted, tuple(own.diagnostics), False)


def build_contribution(contribution: Contribution, checked: Checked, workspace: Workspace,
                       charter: Charter, options: BuildOptions, report: Report,
                       reference: Path | None = None) -> Converted:
    # Residents' names: initials in the final edition, marked in drafts; never in the
    # writer's file (pipeline/language/redact.py).
    placements, language, replacements = protect_residents(
        checked.placements, checked.language, checked.people, final=options.final)
    document = group(contribution, placements, checked.inputs.registry, report,
                     final=options.final, build_date=options.build_date, language=language)
    rendered = render(document, workspace, charter)
    converted = convert(document, rendered, workspace, charter, options.formats, report,
                        reference)
    shown = {e.note.path for e in document.entries}
    build_report = write_build_report(document, workspace, report, converted.since_sent,
                                      [r for r in replacements if r.path in shown],
                                      checked.outcome(contribution.id, tuple(report.diagnostics)))
    return replace(converted, written=(*converted.written, build_report))


def _selected(checked: Checked, options: BuildOptions) -> list[Contribution]:
    return [c for c in checked.inputs.contributions
            if not options.contributions or c.id in options.contributions]


def _unknown(options: BuildOptions, checked: Checked, report: Report) -> list[str]:
    known = sorted(c.id for c in checked.inputs.contributions)
    unknown = [wanted for wanted in options.contributions if wanted not in known]
    for wanted in unknown:
        report.error("contributions", None, f"contribution « {wanted} » introuvable"
                     f"{suggestion(wanted, known)}", "option.contribution")
    return unknown


def _contribution_key(contribution: Contribution, checked: Checked, workspace: Workspace,
                      options: BuildOptions) -> str:
    """Everything one contribution's outputs are made from."""
    notes = sorted((n for n in checked.notes if contribution.id in n.contributions),
                   key=lambda n: n.path)
    folders = {workspace.root / n.path for n in notes}
    beside = [p for f in {p.parent for p in folders} for p in f.iterdir()  # images
              if p.is_file() and p.suffix.lower() not in (".md", ".docx", ".odt")]
    return key_of(code_hash(), options.key(), templates_hash(workspace),
                  files_hash(list(workspace.contributions.glob("*.yaml")), workspace.root),
                  files_hash([p for p in (workspace.contributions / contribution.id).iterdir()
                              if p.is_file()], workspace.root),
                  "\n".join(f"{n.path} {n.content_hash}" for n in notes),
                  files_hash(sent_manifests(workspace, contribution.id), workspace.root),
                  files_hash(beside, workspace.root))


def _seconds(start: float) -> str:
    return _seconds_of(time.perf_counter() - start)


def _seconds_of(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")


def _made(formats: tuple[str, ...]) -> str:
    """What a contribution's first job makes, e.g. « docx et html »."""
    return " et ".join(f for f in ("docx", "html") if f in formats) or "mise en forme"


def _done(result: JobResult) -> str:
    if result.error:
        return f"{result.label} : échec"
    return f"{result.label} : écrit en {_seconds_of(result.seconds)}"

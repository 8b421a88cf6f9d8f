"""A build, read top to bottom: load → validate → enrich → group → render → convert.

Before any of it, the state of the last build (pipeline/state.py) says whether
anything changed; after validation, each contribution is rebuilt only if its own
inputs did: that is the plan (``make_plan``). Running it (``run_plan``): a job per
contribution groups, renders and converts it; each output format that takes a job of
its own (``pipeline.outputs.FORMATS``) then gets one, all side by side on the
workers. Every job carries what it is for as data (``Task``); what became of each
contribution (``Outcome``) is read from the results once they are all in."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import jinja2

from pipeline import outcome as left_out
from pipeline.charter import Charter, load_charter
from pipeline.coerce import suggestion
from pipeline.diagnostics import Diagnostic, Report
from pipeline.failures import TEMPLATE_CODE, explain
from pipeline.glossary import load_glossary
from pipeline.language.analysis import Analyses, analyse_notes, load_model, model_ahead, versions
from pipeline.language.privacy import PossibleName, report_names
from pipeline.language.redact import protect_residents
from pipeline.model import Contribution, Note, Placement
from pipeline.outputs import Job, warm_up
from pipeline.outputs.dashboard import Sources, dashboard_model, write_dashboard
from pipeline.outputs.edition import draft_build, edition_key
from pipeline.outputs.report import write_build_report
from pipeline.pandoc import PandocError
from pipeline.parallel import MEMORY_BUDGET_BYTES, Ahead, JobResult, Workers, worker_count
from pipeline.rounds.sent import compared_manifests, contributions_sent
from pipeline.stages.convert import convert
from pipeline.stages.enrich import enrich
from pipeline.stages.group import group
from pipeline.stages.inspect import inspect_sources
from pipeline.stages.load import Inputs, load
from pipeline.stages.render import render
from pipeline.stages.validate import validate
from pipeline.state import BuildState, Made, code_hash, files_hash, key_of, templates_hash
from pipeline.state import workspace_key as whole_workspace_key
from pipeline.timing import StepTime, step_times, taken, timed
from pipeline.workspace import Workspace

if TYPE_CHECKING:
    from pipeline.outputs.docx.pages import SharedOffice

T = TypeVar("T")


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
    charter: Charter | None = None  # None: not read (a check of notes only)
    glossary: dict[str, str] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()  # what the check reported

    def sources(self) -> Sources:
        """What the dashboard shows of the sources."""
        inputs = self.inputs
        return Sources(inputs.registry, inputs.contributions, self.notes, inputs.notes,
                       inputs.files)

    def outcome(self, contribution_id: str,
                more: tuple[Diagnostic, ...] = ()) -> left_out.Outcome:
        """A contribution's notes left out for their errors, and its diagnostics."""
        return left_out.outcome(contribution_id, self.inputs.files, self.inputs.notes,
                                self.notes, (*self.diagnostics, *more))


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    failed: tuple[str, ...]  # contributions asked for that could not be built
    configuration_ok: bool
    up_to_date: tuple[str, ...] = ()  # contributions left as they were
    times: tuple[StepTime, ...] = ()  # where the time went (``build --temps``)
    seconds: float = 0.0  # the whole build, as a clock on the wall measures it
    workers: int = 1  # the jobs that could run at once


class Progress(Protocol):
    def __call__(self, message: str, *, detail: bool = False) -> None: ...


def _silent(message: str, *, detail: bool = False) -> None:
    pass


def check(workspace: Workspace, report: Report, formats: tuple[str, ...] = (),
          ahead: Ahead | None = None) -> Checked:
    """Every input read and checked: the charter and the glossary first (a
    ``ConfigurationError`` if either is wrong: nothing can be built), then the notes.
    ``formats``: those the build will write (their modules imported while the language
    model loads). ``ahead``: the process loading the model (``model_ahead``)."""
    with timed("lecture"):
        return _check(workspace, report, formats, ahead)


def _check(workspace: Workspace, report: Report, formats: tuple[str, ...],
           ahead: Ahead | None) -> Checked:
    charter = _template(workspace, "charte/charte.yaml", load_charter, report)
    glossary = _template(workspace, "glossaire.yaml", load_glossary, report)
    inputs = load(workspace, report)
    inspect_sources(inputs.notes, inputs.contributions, inputs.images, inputs.files,
                    workspace, report)
    notes = validate(inputs.notes, inputs.registry, inputs.contributions, report)
    keywords = (k for c in inputs.contributions for t in c.themes for k in t.keywords)
    with timed("analyse"):
        language = analyse_notes(notes, workspace.build / "_analyse", keywords,
                                 meanwhile=partial(warm_up, formats), ahead=ahead)
    placements = enrich(notes, inputs.contributions, report, language)
    people = report_names(notes, language, inputs.registry, report)
    return Checked(inputs, placements, language, notes, people, charter, glossary,
                   tuple(report.diagnostics))


def _template(workspace: Workspace, name: str, read: Callable[..., T], report: Report) -> T:
    path = workspace.template(name)
    return read(path, report, workspace.relative(path))


def build(workspace: Workspace, options: BuildOptions, report: Report,
          progress: Progress = _silent) -> BuildResult:
    start = time.perf_counter()
    taken()  # this build's figures only
    state = BuildState.read(workspace)
    inputs_key = whole_workspace_key(workspace, options.key() + repr(options.contributions))
    workspace_key = key_of(inputs_key, _sent_key(workspace, options))
    if _unchanged(state, workspace_key, workspace):
        report.diagnostics += state.diagnostics
        with timed("tableau-de-bord"):
            write_dashboard(workspace, load_charter(workspace.template("charte/charte.yaml")))
        return BuildResult((), (), True, tuple(state.contributions),
                           _own_times(), time.perf_counter() - start)
    with model_ahead() as ahead:  # loading while the notes are read and checked
        checked = check(workspace, report, options.formats, ahead)
    charter = checked.charter
    assert charter is not None
    progress(f"notes vérifiées : {len(checked.notes)}")
    progress(f"lecture, vérification et analyse : {_seconds(start)}", detail=True)
    load_model.cache_clear()  # the workers need not inherit the language model
    gc.collect()
    unknown = _unknown(options, checked, report)
    plan = make_plan(checked, workspace, options, state)
    new_state = BuildState(contributions={  # what this build does not remake stays known
        k: v for k, v in state.contributions.items() if k not in plan.stale_editions})
    for contribution_id in plan.up_to_date:
        edition = edition_key(contribution_id, options.final)
        report.diagnostics += state.contributions[edition].diagnostics
        progress(f"{contribution_id} : à jour, rien à refaire")
    new_state.write(workspace)  # an interrupted build must not leave stale outputs "à jour"
    outcomes = run_plan(plan, checked, workspace, charter, options, progress)
    for outcome in outcomes:
        report.diagnostics += outcome.diagnostics
        if outcome.made is not None:
            new_state.contributions[outcome.edition] = outcome.made
    failed = unknown + [o.contribution for o in outcomes if o.failed]
    if not failed and checked.inputs.configuration_ok:  # the drafts in build/ now
        new_state.workspace = key_of(inputs_key, _sent_key(workspace, options))
    new_state.diagnostics = list(report.diagnostics)
    new_state.write(workspace)
    with timed("tableau-de-bord"):
        write_dashboard(workspace, charter, dashboard_model(
            checked.sources(), report.diagnostics, final=options.final,
            build_date=options.build_date))
    written = sorted(p for o in outcomes for p in o.written)
    return BuildResult(tuple(written), tuple(dict.fromkeys(failed)),
                       checked.inputs.configuration_ok, plan.up_to_date,
                       (*_own_times(), *(t for o in outcomes for t in o.times)),
                       time.perf_counter() - start, worker_count())


def _own_times() -> tuple[StepTime, ...]:
    """The building process' own steps (reading, analysis, dashboard)."""
    return tuple(step_times("", taken()))


def _sent_key(workspace: Workspace, options: BuildOptions) -> str:
    """What of ``envois/`` the outputs depend on, given the drafts in ``build/``: the drafts
    sent that they are compared with (none for a final edition)."""
    if options.final:
        return ""
    keys = ((c, _contribution_sent_key(workspace, c)) for c in contributions_sent(workspace))
    return "\n".join(f"{c} {key}" for c, key in keys if key)


def _contribution_sent_key(workspace: Workspace, contribution: str) -> str:
    """What of ``envois/<contribution>/`` its draft in ``build/`` depends on ("" when
    nothing: no draft sent but, perhaps, this very one)."""
    manifests = compared_manifests(workspace, contribution, draft_build(workspace, contribution))
    return files_hash(manifests, workspace.root) if manifests else ""


def _unchanged(state: BuildState, workspace_key: str, workspace: Workspace) -> bool:
    """Nothing changed since the last build, which made every contribution."""
    return state.workspace == workspace_key and bool(state.contributions) and all(
        state.up_to_date(c, made.key, workspace) for c, made in state.contributions.items())


# --- the plan: which contributions to make again, and the jobs that make them ----------

PREPARE = "mise en forme"  # the first job of a contribution: group, render, convert


@dataclass(frozen=True)
class Stale:
    """A contribution to make again, and the key of what it is made from."""

    contribution: Contribution
    edition: str  # its name in the build's state: the draft, or the final edition
    inputs_key: str  # the key but for the drafts sent (``_contribution_key``)
    final: bool

    def made_key(self, workspace: Workspace) -> str:
        """The key of the edition in ``build/``: the drafts sent that a draft depends on
        are known from the draft itself (``_contribution_sent_key``): before the build,
        the last one; after it, the one just written."""
        if self.final:
            return self.inputs_key
        return key_of(self.inputs_key, _contribution_sent_key(workspace, self.contribution.id))


@dataclass(frozen=True)
class Plan:
    up_to_date: tuple[str, ...]  # contributions left as they are
    stale: tuple[Stale, ...]  # made again, in this order

    @property
    def stale_editions(self) -> frozenset[str]:
        return frozenset(s.edition for s in self.stale)


@dataclass(frozen=True)
class Task:
    """What a job is for, carried as data beside it: the contribution, and the step
    (``PREPARE`` or the name of a format)."""

    contribution: str
    step: str
    writes: tuple[Path, ...] = ()  # the files it writes (a preparation: said by its result)

    @property
    def label(self) -> str:
        return f"{self.contribution} : {self.step}"


@dataclass(frozen=True)
class Prepared:
    """A contribution grouped, rendered and converted, its cheap formats written; the
    jobs of its other formats still to run."""

    written: tuple[Path, ...]
    jobs: tuple[Job, ...]
    diagnostics: tuple[Diagnostic, ...]
    failed: bool
    submitted: tuple[Path, ...] = ()  # the files of the jobs already handed to workers

    @property
    def outputs(self) -> tuple[Path, ...]:
        """Every file of the contribution once its jobs are done."""
        return (*self.written, *self.submitted, *(p for job in self.jobs for p in job.targets))

    def handed_over(self) -> Prepared:
        """Itself once its jobs are submitted: their files' names, not their sources
        (pages and documents of megabytes, which jobs forked later would inherit)."""
        return replace(self, jobs=(), submitted=self.outputs[len(self.written):])


@dataclass(frozen=True)
class Outcome:
    """What became of a contribution made again."""

    contribution: str
    edition: str
    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    failed: bool
    made: Made | None  # what the build's state keeps of it; None: not made in full
    times: tuple[StepTime, ...] = ()  # its jobs' steps


def make_plan(checked: Checked, workspace: Workspace, options: BuildOptions,
              state: BuildState) -> Plan:
    up_to_date, stale = [], []
    for contribution in _selected(checked, options):
        inputs_key = _contribution_key(contribution, checked, workspace, options)
        candidate = Stale(contribution, edition_key(contribution.id, options.final),
                          inputs_key, options.final)
        if state.up_to_date(candidate.edition, candidate.made_key(workspace), workspace):
            up_to_date.append(contribution.id)
        else:
            stale.append(candidate)
    return Plan(tuple(up_to_date), tuple(stale))


def run_plan(plan: Plan, checked: Checked, workspace: Workspace, charter: Charter,
             options: BuildOptions, progress: Progress) -> tuple[Outcome, ...]:
    """Each stale contribution prepared by a job, which, once done, submits a job for
    each of its formats that takes one (the largest first); all of them side by side."""
    workers = Workers(memory_budget=options.memory_budget, counting_itself=True)
    for stale in plan.stale:
        task = Task(stale.contribution.id, PREPARE)
        workers.submit(task.label, partial(prepare_contribution, stale.contribution, checked,
                                           workspace, charter, options),
                       memory=prepare_memory(stale.contribution, checked), tag=task,
                       then=partial(_submit_formats, workers, workspace, charter))
    from pipeline.outputs.docx.pages import shared_office  # python-docx: not for a no-op

    office = shared_office(workspace.build) if "docx" in options.formats else nullcontext()
    with office as shared:  # one LibreOffice for the build's DOCX
        drafts = {s.contribution.id for s in plan.stale} if shared else set()
        results = workers.wait(partial(_done, progress, drafts, shared))
    return tuple(_outcome(stale, [r for r in results if r.tag.contribution ==
                                  stale.contribution.id], workspace) for stale in plan.stale)


def _submit_formats(workers: Workers, workspace: Workspace, charter: Charter,
                    result: JobResult) -> JobResult | None:
    prepared = result.value
    if not isinstance(prepared, Prepared) or prepared.failed:
        return None
    for job in sorted(prepared.jobs, key=lambda j: -j.memory):
        task = Task(job.contribution, job.format.name, job.targets)
        workers.submit(task.label, partial(job.write, workspace, charter), memory=job.memory,
                       tag=task)
    return replace(result, value=prepared.handed_over())


def _done(progress: Progress, drafts: set[str], office: SharedOffice | None,
          result: JobResult) -> None:
    """A job ended: said; and once every contribution's DOCX is written (or will not be),
    the build's LibreOffice is stopped."""
    _show(progress, result)
    task, value = result.tag, result.value
    failed = result.error or (isinstance(value, Prepared) and value.failed)
    if task.step == "docx" or (task.step == PREPARE and failed):
        drafts.discard(task.contribution)
        if not drafts and office is not None:
            office.stop()


def _show(progress: Progress, result: JobResult) -> None:
    failed = result.error or (isinstance(result.value, Prepared) and result.value.failed)
    if failed:
        progress(f"{result.label} : échec")
    else:
        progress(f"{result.label} : écrit en {_seconds_of(result.seconds)}")


def _outcome(stale: Stale, results: list[JobResult], workspace: Workspace) -> Outcome:
    """One contribution's jobs' results, its preparation's first."""
    contribution = stale.contribution.id
    results = sorted(results, key=lambda r: r.tag.step != PREPARE)
    times = tuple(t for r in results for t in step_times(contribution, r.times, r.seconds))
    prepared = results[0].value if results and not results[0].error else None
    errors = tuple(Diagnostic(f"build/{contribution}", None, "erreur",
                              f"{r.label} : {r.error}", "conversion")
                   for r in results if r.error)
    if not isinstance(prepared, Prepared):
        return Outcome(contribution, stale.edition, (), errors, True, None, times)
    notices = tuple(r.value for r in results[1:] if isinstance(r.value, Diagnostic))
    written = (*prepared.written, *(p for r in results[1:] if not r.error
                                    for p in r.tag.writes))
    failed = prepared.failed or bool(errors)
    made = None if failed else Made(stale.made_key(workspace), prepared.diagnostics,
                                    tuple(workspace.relative(p) for p in prepared.outputs))
    return Outcome(contribution, stale.edition, written,
                   (*prepared.diagnostics, *notices, *errors), failed, made, times)


# What preparing takes (peak PSS, measured here: the AST in python, and pandoc writing
# the HTML page from it): about 730 MB for a contribution of 360 notes, 0.87 M
# characters of writers' text. Two side by side passed 1.5 GB with 550 per character.
PREPARE_BASE_MEMORY = 100_000_000
PREPARE_MEMORY_PER_CHARACTER = 750


def prepare_memory(contribution: Contribution, checked: Checked) -> int:
    """What preparing the contribution will take, in bytes, from its notes' length."""
    text = sum(len(n.body) for n in checked.notes if contribution.id in n.contributions)
    return PREPARE_BASE_MEMORY + PREPARE_MEMORY_PER_CHARACTER * text


def prepare_contribution(contribution: Contribution, checked: Checked, workspace: Workspace,
                         charter: Charter, options: BuildOptions) -> Prepared:
    """A job (a fork: it sees the checked notes as the building process holds them):
    group, render, convert; the formats that take no job of their own written here."""
    own = Report()
    try:
        # Residents' names: initials in the final edition, marked in drafts; never in the
        # writer's file (pipeline/language/redact.py).
        placements, language, replacements = protect_residents(
            checked.placements, checked.language, checked.people, final=options.final)
        with timed("regroupement"):
            document = group(contribution, placements, checked.inputs.registry, own,
                             final=options.final, build_date=options.build_date,
                             language=language)
        with timed("markdown"):
            rendered = render(document, workspace, charter, checked.glossary)
        converted = convert(document, rendered, workspace, charter, options.formats, own)
        here = [job for job in converted.jobs if not job.format.own_job]
        for job in here:
            with timed(job.format.name):
                job.write(workspace, charter)
        shown = {e.note.path for e in document.entries}
        with timed("rapport"):
            build_report = write_build_report(document, workspace, own, converted.since_sent,
                                              [r for r in replacements if r.path in shown],
                                              checked.outcome(contribution.id,
                                                              tuple(own.diagnostics)))
    except PandocError as exc:
        own.error(contribution.path, None, str(exc), "conversion")
        return Prepared((), (), tuple(own.diagnostics), True)
    except jinja2.TemplateError as exc:  # a workspace's own template: said at its line
        failure = explain(exc)
        own.error(failure.path or contribution.path, failure.line, failure.message,
                  TEMPLATE_CODE)
        return Prepared((), (), tuple(own.diagnostics), True)
    return Prepared((*(p for job in here for p in job.targets), build_report),
                    tuple(job for job in converted.jobs if job.format.own_job),
                    tuple(own.diagnostics), False)


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
                  files_hash(beside, workspace.root))


def _seconds(start: float) -> str:
    return _seconds_of(time.perf_counter() - start)


def _seconds_of(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")

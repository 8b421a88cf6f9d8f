"""A build, read top to bottom: load → validate → enrich → group → render → convert."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.build_report import write_build_report
from pipeline.charter import Charter, load_charter
from pipeline.coerce import suggestion
from pipeline.diagnostics import Report
from pipeline.language.analysis import Analyses, analyse_notes
from pipeline.language.privacy import report_names
from pipeline.model import Contribution, Placement, Registry
from pipeline.pandoc import PandocError
from pipeline.stages.convert import convert
from pipeline.stages.enrich import enrich
from pipeline.stages.group import group
from pipeline.stages.load import Inputs, load
from pipeline.stages.render import render
from pipeline.stages.validate import validate
from pipeline.workspace import Workspace


@dataclass(frozen=True)
class BuildOptions:
    build_date: date
    contributions: tuple[str, ...] = ()  # empty: all of them
    formats: tuple[str, ...] = ("docx", "pdf", "html")
    final: bool = False


@dataclass(frozen=True)
class Checked:
    """What the validate and enrich stages made of the workspace."""

    inputs: Inputs
    placements: tuple[Placement, ...]
    language: Analyses = field(default_factory=Analyses)


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    failed: tuple[str, ...]  # contributions asked for that could not be built
    configuration_ok: bool


def check(workspace: Workspace, report: Report) -> Checked:
    inputs = load(workspace, report)
    notes = validate(inputs.notes, inputs.registry, inputs.contributions, report)
    keywords = (k for c in inputs.contributions for t in c.themes for k in t.keywords)
    language = analyse_notes(notes, workspace.build / "_analyse", keywords)
    placements = enrich(notes, inputs.contributions, report, language)
    report_names(notes, language, inputs.registry, report)
    return Checked(inputs, placements, language)


def build(workspace: Workspace, options: BuildOptions, report: Report) -> BuildResult:
    charter = load_charter(workspace.template("charte/charte.yaml"))
    checked = check(workspace, report)
    written: list[Path] = []
    known = {c.id for c in checked.inputs.contributions}
    failed = [wanted for wanted in options.contributions if wanted not in known]
    for wanted in failed:
        report.error("contributions", None, f"contribution « {wanted} » introuvable"
                     f"{suggestion(wanted, sorted(known))}", "option.contribution")
    for contribution in checked.inputs.contributions:
        if options.contributions and contribution.id not in options.contributions:
            continue
        try:
            written += build_contribution(contribution, checked, workspace, charter, options,
                                          report)
        except PandocError as exc:
            report.error(contribution.path, None, str(exc), "conversion")
            failed.append(contribution.id)
    return BuildResult(tuple(written), tuple(failed), checked.inputs.configuration_ok)


def build_contribution(contribution: Contribution, checked: Checked, workspace: Workspace,
                       charter: Charter, options: BuildOptions, report: Report) -> list[Path]:
    registry: Registry = checked.inputs.registry
    document = group(contribution, checked.placements, registry, report, final=options.final,
                     build_date=options.build_date, language=checked.language)
    rendered = render(document, workspace, charter)
    written = list(convert(document, rendered, workspace, charter, options.formats, report))
    written.append(write_build_report(document, workspace, report))
    return written


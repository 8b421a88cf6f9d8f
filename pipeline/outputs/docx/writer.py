"""The DOCX draft: pandoc's DOCX on the charter's reference document, finished with
python-docx (``finish.py``), its page numbers computed by LibreOffice where installed
(``pages.py``); beside it the bookmark → note map that ``review`` reads
(``anchors.py``) and, once a draft was sent, the same draft with what changed since
marked."""

from __future__ import annotations

from pathlib import Path

from pipeline.charter import Charter
from pipeline.diagnostics import Diagnostic
from pipeline.files import write_atomic
from pipeline.outputs import Job
from pipeline.outputs.docx.anchors import anchors_json
from pipeline.outputs.docx.finish import finish_docx
from pipeline.outputs.docx.pages import number_pages, remember_source, start_shared_office
from pipeline.outputs.docx.reference import reference_docx
from pipeline.outputs.logo import logo_png
from pipeline.pandoc import run_pandoc
from pipeline.timing import timed
from pipeline.workspace import Workspace


def write(job: Job, workspace: Workspace, charter: Charter) -> Diagnostic | None:
    """Writes the DOCX; returns a notice when its page numbers could not be computed."""
    docx_path, anchors_path = job.targets[:2]
    assert isinstance(job.source, bytes)
    with timed("pages"):
        start_shared_office(job.source, workspace.build)  # starts while the draft is made
    with timed("docx"):
        reference = reference_docx(workspace, charter)
        draft = _finished(job.source, reference, job, workspace, charter)
    with timed("pages"):
        numbered, notice = number_pages(draft, workspace.build)
        if notice is None:
            remember_source(job.source, workspace.build)
    with timed("docx"):
        write_atomic(docx_path, numbered)
        write_atomic(anchors_path, anchors_json(job.document, job.build_id))
    if job.changes is not None:  # the same draft, with what changed since the last envoi
        with timed("changements"):
            write_atomic(job.changes_target, _finished(job.changes, reference, job, workspace,
                                                       charter, sent_built=job.sent_built))
    else:  # nothing to compare with (any more): no changes file left from before
        job.changes_target.unlink(missing_ok=True)
    return None if notice is None else Diagnostic(workspace.relative(docx_path), None, "info",
                                                  notice, "docx.pages")


def _finished(ast: bytes | str, reference: Path, job: Job, workspace: Workspace,
              charter: Charter, sent_built: str | None = None) -> bytes:
    assert isinstance(ast, bytes)  # the AST's JSON
    result = run_pandoc(["--from=json", "--to=docx", "--reference-doc", str(reference),
                         "--toc", "--toc-depth=2", "--sandbox", "--output=-"], ast,
                        workspace.root)
    return finish_docx(result.output, job.document, charter, build_id=job.build_id,
                       logo_png=logo_png(charter), sent_built=sent_built)

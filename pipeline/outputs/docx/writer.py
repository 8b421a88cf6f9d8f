"""The DOCX draft: pandoc's DOCX on the charter's reference document, finished with
python-docx (``finish.py``), and beside it the bookmark → note map that ``review``
reads (``anchors.py``)."""

from __future__ import annotations

from pipeline.charter import Charter
from pipeline.files import write_atomic
from pipeline.outputs import Job
from pipeline.outputs.docx.anchors import anchors_json
from pipeline.outputs.docx.finish import finish_docx
from pipeline.outputs.docx.reference import reference_docx
from pipeline.outputs.logo import logo_png
from pipeline.pandoc import run_pandoc
from pipeline.workspace import Workspace


def write(job: Job, workspace: Workspace, charter: Charter) -> None:
    docx_path, anchors_path = job.targets
    reference = reference_docx(workspace, charter)
    result = run_pandoc(["--from=json", "--to=docx", "--reference-doc", str(reference),
                         "--toc", "--toc-depth=2", "--sandbox", "--output=-"], job.source,
                        workspace.root)
    write_atomic(docx_path, finish_docx(result.output, job.document, charter,
                                        build_id=job.build_id, logo_png=logo_png(charter)))
    write_atomic(anchors_path, anchors_json(job.document, job.build_id))

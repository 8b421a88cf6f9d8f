"""What went wrong, said in French: a library's exception never reaches a user as its
class name or its English text.

A template's mistake (a workspace's own ``templates/``) is located in the template
itself: jinja2 gives the file and line of a syntax error, and the frames of the
template's code in the traceback of a variable that does not exist. Any other
exception becomes a short French sentence; an unexpected one says so, without its
English details (they are for a developer: ``RC_DEBUG=1`` shows the traceback). The
pipeline's own exceptions (``PandocError``, ``OfficeFileError``…) carry French
messages and are said as they are.
"""

from __future__ import annotations

import errno
import os
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

TEMPLATE_CODE = "modele.erreur"
_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?P<owner>[^']+)' has no attribute '(?P<name>[^']+)'$")
_ERRNO = {errno.ENOENT: "fichier ou dossier introuvable",
          errno.EACCES: "accès refusé (droits du fichier)",
          errno.EPERM: "opération non permise",
          errno.ENOSPC: "plus de place sur le disque",
          errno.EROFS: "système de fichiers en lecture seule",
          errno.EISDIR: "c'est un dossier, pas un fichier",
          errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
          errno.EADDRINUSE: "le port est déjà utilisé (un autre aperçu est ouvert ? choisissez-"
                            "en un autre avec --port)"}


@dataclass(frozen=True)
class Failure:
    path: str | None  # where to look: a template, as the workspace names it
    line: int | None
    message: str


def explain(exc: BaseException) -> Failure:
    if isinstance(exc, jinja2.TemplateError):
        return _template(exc)
    if type(exc).__module__.startswith("pipeline."):  # the pipeline's own: said in French
        return Failure(None, None, str(exc))
    if isinstance(exc, MemoryError):
        return Failure(None, None, "mémoire insuffisante")
    if isinstance(exc, OSError):
        said = _ERRNO.get(exc.errno or 0, "erreur du système (fichiers, réseau ou processus)")
        where = f" : {exc.filename}" if exc.filename else ""
        return Failure(None, None, f"{said}{where}")
    if os.environ.get("RC_DEBUG"):
        traceback.print_exception(exc)
    return Failure(None, None, "erreur inattendue du programme ; relancez avec RC_DEBUG=1 "
                   "pour le détail technique, et signalez-la à l'équipe du pipeline")


def describe(exc: BaseException) -> str:
    """One line: « templates/x.j2, ligne 4 : … » or the French sentence alone."""
    failure = explain(exc)
    if failure.path:
        where = f"{failure.path}, ligne {failure.line}" if failure.line else failure.path
        return f"{where} : {failure.message}"
    return failure.message


def _template(exc: jinja2.TemplateError) -> Failure:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path, line = _shown(exc.filename or exc.name), exc.lineno
        written = _line_of(exc.filename, line)
        quoted = f" : « {written} »" if written else ""
        return Failure(path, line, f"syntaxe du modèle incorrecte{quoted} (une balise "
                       "{{ … }} ou {% … %} mal fermée, ou un mot inconnu dans une balise ?)")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Failure(None, None, f"modèle introuvable : « {exc.name} » (ni dans le dossier "
                       "templates/ de l'espace de travail, ni dans la charte du réseau)")
    path, line = _template_frame(exc)
    text = str(exc.message or "")
    if match := _UNDEFINED.match(text):
        said = (f"le modèle utilise « {match['name']} », qui n'existe pas (faute de "
                "frappe ? comparez avec le même modèle dans la charte du réseau)")
    elif match := _NO_ATTRIBUTE.match(text):
        said = f"le modèle utilise le champ « {match['name']} », qui n'existe pas ici"
    else:
        said = "le modèle n'a pas pu être appliqué"
    return Failure(path, line, said)


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The last frame of a template's code: jinja2 gives it the template's file and line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith(".j2") or "/templates/" in f.filename]
    if not frames:
        return None, None
    return _shown(frames[-1].filename), frames[-1].lineno


def _shown(filename: str | None) -> str | None:
    """A template as the workspace names it: ``templates/…`` (a workspace's own, or the
    network's charter shipped with the package)."""
    if not filename:
        return None
    parts = Path(filename).parts
    if "templates" in parts:
        index = len(parts) - 1 - parts[::-1].index("templates")
        return "/".join(parts[index:])
    return filename


def _line_of(filename: str | None, line: int | None) -> str:
    if not filename or not line:
        return ""
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return lines[line - 1].strip()[:80] if 0 < line <= len(lines) else ""

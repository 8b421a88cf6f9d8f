"""pandoc's own warnings said in French: a writer or the coordinator never reads the
tool's English. The usual ones are translated with what they name and their line; any
other becomes one French sentence, its original text shown only with ``RC_DEBUG=1``."""

from __future__ import annotations

import os
import re

_AT = r"(?: at| defined at)? (?:\"[^\"]*\" )?\(?line (\d+),? column \d+\)?"
_KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), f) for p, f in (
    (r"Duplicate link reference '(.*?)'" + _AT,
     "la référence de lien « {0} » est définie deux fois (ligne {1}) : seule la première compte"),
    (r"Duplicate note reference '(.*?)'" + _AT,
     "la note de bas de page « {0} » est définie deux fois (ligne {1})"),
    (r"Note with key '(.*?)'" + _AT + r" but not used",
     "la note de bas de page « {0} » (ligne {1}) n'est appelée nulle part dans le texte"),
    (r"Reference not found for '(.*?)'" + _AT,
     "référence « {0} » introuvable (ligne {1})"),
    (r"Duplicate identifier '(.*?)'" + _AT,
     "l'identifiant « {0} » est utilisé deux fois (ligne {1})"),
    (r"Div" + _AT + r" unclosed" + _AT,
     "un bloc ouvert par « ::: » à la ligne {0} n'est jamais fermé (fermé d'office ligne {1})"),
    (r"Could not fetch resource (.*?)(?::|$)",
     "la ressource {0} n'a pas pu être lue : elle est laissée de côté"),
))


def french(message: str) -> str:
    """One of pandoc's warning lines (``[WARNING] …``), in French."""
    text = re.sub(r"^\[(WARNING|INFO)\]\s*", "", message.strip())
    for pattern, french_text in _KNOWN:
        match = pattern.search(text)
        if match:
            return french_text.format(*match.groups())
    said = "un avertissement de mise en forme du document, sans traduction"
    return f"{said} ({text})" if os.environ.get("RC_DEBUG") else \
        f"{said} (relancez avec RC_DEBUG=1 pour le détail)"

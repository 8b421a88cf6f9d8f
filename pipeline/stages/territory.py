"""A note's ``territoire`` matched to the official geography (pipeline/geography.py):
its commune found in the code officiel géographique, else a warning at the line of the
``commune`` value, with the near misses or the homonyms and how to choose. A warning,
not an error: the note is still published, only not placed on the map of territories."""

from __future__ import annotations

from pipeline.diagnostics import Report
from pipeline.geography import (
    Commune,
    GeographyUnavailable,
    departement_name,
    find_commune,
    find_departement,
)
from pipeline.yamlread import Located

WHERE = "geography/package.json"  # what a missing data package is reported against
SHOWN = 6  # homonyms listed in a message; the rest counted


def place_lines(front_matter: object, lines: dict[str, int]) -> dict[str, int]:
    """``territoire.commune``, ``territoire.departement``… → the line of each value (the
    ``territoire`` line when written on one line, or as a plain name)."""
    place = front_matter.value.get("territoire") if isinstance(front_matter, Located) \
        and isinstance(front_matter.value, dict) else None
    if place is None or not isinstance(place.value, dict):
        return {"territoire.commune": lines["territoire"]} if "territoire" in lines else {}
    return {f"territoire.{key}": value.line for key, value in place.value.items()}


def official_commune(path: str, place: dict[str, str], lines: dict[str, int],
                     report: Report) -> Commune | None:
    """The commune of the code officiel géographique that ``place`` names, or None (and a
    warning when the name is unknown, ambiguous, or not in the département given)."""
    name, departement = place.get("commune"), place.get("departement")
    if not name:
        return None
    line = lines.get("territoire.commune")
    try:
        if departement and find_departement(departement) is None:
            report.warning(path, lines.get("territoire.departement", line),
                           f"département « {departement} » inconnu dans le code officiel "
                           "géographique : attendu son numéro (93, 2A, 974) ou son nom "
                           "(Seine-Saint-Denis)", "territoire.departement")
            departement = None
        lookup = find_commune(name, departement)
    except GeographyUnavailable:
        return None  # said once for the run (check_geography_installed)
    if lookup.commune:
        return lookup.commune
    if not lookup.candidates:
        report.warning(path, line, f"commune « {name} » inconnue dans le code officiel "
                       f"géographique{_did_you_mean(lookup.suggestions)}", "territoire.commune")
    elif departement:
        code = find_departement(departement) or departement
        report.warning(path, line, f"pas de commune « {name} » dans le département {code} "
                       f"({departement_name(code)}) ; il y en a dans : "
                       f"{_listed(lookup.candidates)}", "territoire.departement")
    else:
        first = lookup.candidates[0]
        report.warning(path, line, f"commune « {name} » ambiguë : {len(lookup.candidates)} "
                       f"communes portent ce nom, {_listed(lookup.candidates)} ; précisez le "
                       f"département, par exemple territoire: {{commune: {first.nom}, "
                       f"departement: {first.departement}}} (ou « {first.nom} "
                       f"({first.departement}) »)", "territoire.ambigu")
    return None


def check_geography_installed(report: Report) -> bool:
    """False, and one warning for the run, when the data package is not installed."""
    try:
        find_commune("Paris")
    except GeographyUnavailable as exc:
        report.warning(WHERE, None, str(exc), "territoire.geographie")
        return False
    return True


def _did_you_mean(names: tuple[str, ...]) -> str:
    if not names:
        return ""
    quoted = [f"« {n} »" for n in names]
    choice = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} ou {quoted[-1]}"
    return f" (vouliez-vous dire {choice} ?)"


def _listed(communes: tuple[Commune, ...]) -> str:
    shown = [f"{c.nom} ({c.departement}, {c.departement_nom})" for c in communes[:SHOWN]]
    more = len(communes) - SHOWN
    return ", ".join(shown) + (f" et {more} autre{'s' if more > 1 else ''}" if more > 0 else "")

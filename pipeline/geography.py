"""A commune's official geography: its code officiel géographique, its département and
its région.

# TEMPORARY: replaced by branch geo (a data package made for it). This stand-in covers
# only the communes of the example notes and of the test workspaces, with the same
# interface.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Commune:
    code: str
    nom: str
    departement: str
    departement_nom: str
    region: str
    region_nom: str


@dataclass(frozen=True)
class Lookup:
    commune: Commune | None
    candidates: tuple[Commune, ...]
    suggestions: tuple[str, ...]


_DEPARTEMENTS = {  # code: (name, région code, région name)
    "13": ("Bouches-du-Rhône", "93", "Provence-Alpes-Côte d'Azur"),
    "14": ("Calvados", "28", "Normandie"), "61": ("Orne", "28", "Normandie"),
    "76": ("Seine-Maritime", "28", "Normandie"),
    "21": ("Côte-d'Or", "27", "Bourgogne-Franche-Comté"),
    "25": ("Doubs", "27", "Bourgogne-Franche-Comté"),
    "30": ("Gard", "76", "Occitanie"), "31": ("Haute-Garonne", "76", "Occitanie"),
    "34": ("Hérault", "76", "Occitanie"), "66": ("Pyrénées-Orientales", "76", "Occitanie"),
    "35": ("Ille-et-Vilaine", "53", "Bretagne"),
    "38": ("Isère", "84", "Auvergne-Rhône-Alpes"), "69": ("Rhône", "84", "Auvergne-Rhône-Alpes"),
    "44": ("Loire-Atlantique", "52", "Pays de la Loire"),
    "59": ("Nord", "32", "Hauts-de-France"),
    "67": ("Bas-Rhin", "44", "Grand Est"), "68": ("Haut-Rhin", "44", "Grand Est"),
    "93": ("Seine-Saint-Denis", "11", "Île-de-France"),
    "95": ("Val-d'Oise", "11", "Île-de-France"),
    "972": ("Martinique", "02", "Martinique"),
}
_COMMUNES = {  # code: (name, département)
    "61001": ("Alençon", "61"), "95018": ("Argenteuil", "95"), "25056": ("Besançon", "25"),
    "93008": ("Bobigny", "93"), "14118": ("Caen", "14"), "93014": ("Clichy-sous-Bois", "93"),
    "21231": ("Dijon", "21"), "97209": ("Fort-de-France", "972"), "38185": ("Grenoble", "38"),
    "76351": ("Le Havre", "76"), "13055": ("Marseille", "13"), "34172": ("Montpellier", "34"),
    "68224": ("Mulhouse", "68"), "44109": ("Nantes", "44"), "30189": ("Nîmes", "30"),
    "66136": ("Perpignan", "66"), "35238": ("Rennes", "35"), "59512": ("Roubaix", "59"),
    "76540": ("Rouen", "76"), "95585": ("Sarcelles", "95"), "67482": ("Strasbourg", "67"),
    "31555": ("Toulouse", "31"), "59599": ("Tourcoing", "59"), "69256": ("Vaulx-en-Velin", "69"),
    "59350": ("Lille", "59"), "59009": ("Villeneuve-d'Ascq", "59"),
}


def _commune(code: str) -> Commune:
    name, departement = _COMMUNES[code]
    departement_name, region, region_name = _DEPARTEMENTS[departement]
    return Commune(code, name, departement, departement_name, region, region_name)


def _key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().replace("-", " ").replace("'", " ").split())


def find_commune(name: str, departement: str | None = None) -> Lookup:
    """The commune of that name (in that département, when given); several: the
    candidates; none: the nearest names."""
    found = tuple(_commune(code) for code, (nom, dep) in sorted(_COMMUNES.items())
                  if _key(nom) == _key(name) and departement in (None, dep))
    if len(found) == 1:
        return Lookup(found[0], found, ())
    names = sorted({nom for nom, _ in _COMMUNES.values()})
    close = difflib.get_close_matches(_key(name), [_key(n) for n in names], n=3, cutoff=0.7)
    by_key = {_key(n): n for n in names}
    return Lookup(None, found, tuple(by_key[c] for c in close))

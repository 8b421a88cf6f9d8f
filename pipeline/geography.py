"""The official geography: a note's ``territoire.commune`` matched to its commune of the
code officiel géographique (COG, INSEE), and so to its département and région.

The data is Etalab's ``@etalab/decoupage-administratif`` (the COG of 1 January 2026,
Licence Ouverte), an npm package installed by ``make setup`` into ``geography/``
(``geography/package.json`` pins its version); ``RC_GEOGRAPHIE`` may name another copy
of its ``data`` folder. Nothing is typed by hand: the package's JSON is read once, on
the first lookup, and indexed by a spelling-proof key.

Matching ignores accents, case, hyphens, apostrophes and extra spaces, reads « St » /
« Ste » as « Saint » / « Sainte », and accepts a name without its article (« Havre »).
A municipal arrondissement (« Marseille 13e », « Lyon 3e arrondissement », « Paris 1er »)
resolves to its commune (Marseille, 13055): the network observes communes, and the
quartier field says where in it. A former commune merged into a « commune nouvelle »
resolves to the commune it belongs to now.

A name several communes bear is ambiguous unless a département is given, as
``departement`` or in brackets after the name (« Saint-Denis (974) »), or unless one of
them is at least ``DOMINANT`` times as populous as each other: « Valence » is the
préfecture of the Drôme (64 000 inhabitants), not its namesakes of 500 in the
Tarn-et-Garonne and the Charente, and « La Rochelle » is not the village of the
Haute-Saône; but Saint-Denis (La Réunion, 156 000; Seine-Saint-Denis, 149 000) stays
ambiguous. Notes on the politique de la ville are about towns with quartiers
prioritaires, so the big namesake is what a writer means; the check says which one it
took (pipeline/stages/territory.py), and a ``departement`` settles it otherwise.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from sys import intern

PACKAGE = "@etalab/decoupage-administratif"
DATA = Path(__file__).resolve().parent.parent / "geography" / "node_modules" / PACKAGE / "data"
ENVIRONMENT = "RC_GEOGRAPHIE"  # another copy of the package's data folder
MAX_SUGGESTIONS = 3
DOMINANT = 10  # the most populous namesake is taken when this many times the next one


@dataclass(frozen=True, slots=True)
class Commune:
    code: str  # code officiel géographique (INSEE), e.g. 67482
    nom: str
    departement: str  # code, e.g. 67, 2A, 974
    departement_nom: str
    region: str  # code, e.g. 44
    region_nom: str


@dataclass(frozen=True)
class Lookup:
    """What a name gives. Resolved: ``commune``; ``candidates`` are the communes of that
    name, the chosen one first (more than one: it was taken as by far the most
    populous). Ambiguous: no commune, two candidates or more (the most populous first).
    A name that exists, but not in the département given: no commune, its candidates
    elsewhere. Unknown: no commune, no candidate, up to three ``suggestions`` (names)."""

    commune: Commune | None
    candidates: tuple[Commune, ...]
    suggestions: tuple[str, ...]


class GeographyUnavailable(Exception):
    """The data package is not installed (French message for the user)."""


def find_commune(name: str, departement: str | None = None) -> Lookup:
    """The commune named ``name`` (in ``departement``, a code or a name, if given)."""
    index = _index()
    text, bracketed = _split_bracket(name)  # « Roubaix (Pile) »: a quartier, not a département
    if index.named(_key(name)):  # a name with its brackets: « Château-Chinon (Ville) »
        text = name
    elif not departement and bracketed and find_departement(bracketed):
        departement = bracketed
    wanted = find_departement(departement) if departement else None
    found = index.named(_key(text))
    if not found:
        return Lookup(None, (), index.suggest(_key(text), wanted))
    if departement:
        here = tuple(c for c in found if c.departement == wanted)
        if len(here) == 1:
            return Lookup(here[0], here, ())
        return Lookup(None, here or found, ())
    if len(found) == 1 or index.population[found[0].code] >= \
            DOMINANT * max(index.population[found[1].code], 1):
        return Lookup(found[0], found, ())
    return Lookup(None, found, ())


def find_departement(text: str) -> str | None:
    """A département's code from its code (« 67 », « 1 », « 2a ») or name (« Bas-Rhin »)."""
    index = _index()
    cleaned = text.strip().upper()
    if cleaned.isdigit() and len(cleaned) == 1:
        cleaned = "0" + cleaned
    if cleaned in index.departements:
        return cleaned
    return index.departement_names.get(_key(text))


def departement_name(code: str) -> str:
    return _index().departements[code]


def available() -> bool:
    try:
        _index()
    except GeographyUnavailable:
        return False
    return True


def data_version() -> str:
    """The data package's version, as its package.json says (« 6.0.0 »)."""
    manifest = _data_folder().parent / "package.json"
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


# -- the key every spelling is compared by ------------------------------------------

ARTICLES = ("le ", "la ", "les ", "l ")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_ARRONDISSEMENT = re.compile(r"^(.*\D) (\d{1,2}) ?(?:e|er|eme|ieme)?(?: arrondissement)?$")


def _key(text: str) -> str:
    """« Saint-Étienne-du-Rouvray », « st etienne du rouvray » → « saint etienne du rouvray »."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NOT_ALPHANUMERIC.sub(" ", text.casefold()).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def _without_article(key: str) -> str:
    return next((key[len(a):] for a in ARTICLES if key.startswith(a)), key)


def _split_bracket(name: str) -> tuple[str, str | None]:
    """« Saint-Denis (974) » → (« Saint-Denis », « 974 »)."""
    match = re.fullmatch(r"\s*(.*?)\s*\(\s*([^()]+?)\s*\)\s*", name)
    return (match.group(1), match.group(2)) if match else (name, None)


# -- the index, built once ---------------------------------------------------------------

@dataclass(frozen=True)
class _Index:
    by_key: dict[str, tuple[Commune, ...]]  # current communes, by their name's key
    by_short_key: dict[str, tuple[Commune, ...]]  # … and by that key without its article
    others: dict[str, tuple[Commune, ...]]  # arrondissements, former communes → commune
    departements: dict[str, str]  # code → name
    departement_names: dict[str, str]  # name's key → code
    display: dict[str, str]  # a key → a name as written, for suggestions
    keys_by_departement: dict[str, tuple[str, ...]]
    population: dict[str, int]  # a current commune's code → its population

    def named(self, key: str) -> tuple[Commune, ...]:
        for table, wanted in ((self.by_key, key), (self.others, key),
                              (self.by_short_key, _without_article(key))):
            if wanted in table:
                return table[wanted]
        match = _ARRONDISSEMENT.match(key)
        if match:  # « marseille 13 », « paris 1er » → the arrondissement's key
            return self.others.get(f"{match.group(1)} {int(match.group(2))}", ())
        return ()

    def suggest(self, key: str, departement: str | None) -> tuple[str, ...]:
        pool = self.keys_by_departement.get(departement or "", ()) or self.by_key
        close = difflib.get_close_matches(key, [k for k in pool if abs(len(k) - len(key)) <= 3],
                                          n=MAX_SUGGESTIONS, cutoff=0.75)
        return tuple(self.display[k] for k in close)


def _data_folder() -> Path:
    folder = Path(os.environ.get(ENVIRONMENT) or DATA)
    if not (folder / "communes.json").is_file():
        raise GeographyUnavailable(
            f"les données géographiques officielles ({PACKAGE}) ne sont pas installées dans "
            f"{folder} : lancez « make setup » (il faut npm), les communes ne sont pas vérifiées")
    return folder


_KEPT = frozenset({"code", "nom", "departement", "region", "type", "population", "commune",
                   "chefLieu"})


def _read(folder: Path, name: str) -> list[dict]:
    # Each row cut to what the index reads as soon as it is parsed: the 38 000 rows
    # whole (postcodes, SIREN…) left 45 MB of scattered free memory in the building
    # process, which every job of the build forks.
    return json.loads((folder / name).read_text(encoding="utf-8"),
                      object_hook=lambda row: {k: v for k, v in row.items() if k in _KEPT})


@cache
def _index() -> _Index:
    folder = _data_folder()
    regions = {r["code"]: r["nom"] for r in _read(folder, "regions.json")}
    departements = {d["code"]: d["nom"] for d in _read(folder, "departements.json")}
    rows = _read(folder, "communes.json")
    current: dict[str, tuple[Commune, int]] = {}
    keyed = []
    for row in rows:
        if row["type"] == "commune-actuelle":
            commune = Commune(row["code"], row["nom"], intern(row["departement"]),
                              departements[row["departement"]], intern(row["region"]),
                              regions[row["region"]])
            current[row["code"]] = (commune, row.get("population", 0))
            keyed.append((_key(row["nom"]), commune, current[row["code"]][1]))
    by_key = _grouped(keyed)
    by_short_key = _grouped((_without_article(k), c, n) for k, c, n in keyed
                            if k.startswith(ARTICLES))
    others = _grouped(_former_and_arrondissements(rows, current))
    keys_by_departement: dict[str, list[str]] = {}
    for key, communes in by_key.items():
        for commune in communes:
            keys_by_departement.setdefault(commune.departement, []).append(key)
    return _Index(
        by_key, by_short_key, {k: v for k, v in others.items() if k not in by_key},
        departements, {_key(name): code for code, name in departements.items()},
        {key: communes[0].nom for key, communes in by_key.items()},
        {code: tuple(keys) for code, keys in keys_by_departement.items()},
        {code: population for code, (_, population) in current.items()})


def _former_and_arrondissements(rows: list[dict], current: dict[str, tuple[Commune, int]]):
    """(key, commune, population) for each arrondissement (« marseille 13 ») and each
    former commune (déléguée or associée) that now belongs to a current commune."""
    for row in rows:
        if row["type"] == "arrondissement-municipal":
            parent = current.get(row["commune"])
            match = _ARRONDISSEMENT.match(_key(row["nom"]))
            if parent and match:
                yield f"{match.group(1)} {int(match.group(2))}", *parent
        elif row["type"] in ("commune-deleguee", "commune-associee"):
            parent = current.get(row.get("chefLieu", ""))
            if parent:
                yield _key(row["nom"]), *parent


def _grouped(entries: Iterable[tuple[str, Commune, int]]) -> dict[str, tuple[Commune, ...]]:
    """key → its communes, each once, the most populous first."""
    grouped: dict[str, list[Commune]] = {}
    for key, commune, _ in sorted(entries, key=lambda e: (-e[2], e[1].code)):
        found = grouped.setdefault(key, [])
        if commune not in found:
            found.append(commune)
    return {key: tuple(found) for key, found in grouped.items()}

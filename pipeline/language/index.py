"""The index of places and organisations: the model's place and organisation
entities, merged with the notes' ``territoire`` fields, each with the notes citing it.

Noise is left out: lower-case or one-letter names, names with digits (« CM1 »),
names made only of generic words (« la Ville », « État », « Département »), a lone
word that is a common word (« Douze ») or not a proper noun (« Confier »), a lone
word opening a paragraph and found nowhere else (« Accompagner »), and verbs the
model ran into (« Cité de l'emploi fonctionne »). A name made only of words of the
language (« Mail », « Carré », « Domaine », « Centre ancien »: the model tags many such
capitalised words as places) is listed only when a note declares it as its territory
or when two notes name it; a quartier so named is shown with its commune (« Centre
ancien (Perpignan) »): alone, it could be anywhere. Variants are
merged on a key that ignores case, accents, hyphens and a leading article
(« Le Neuhof », « Neuhof » ; « Val-d'Argent », « Val d'Argent ») and shown in the
writers' own spelling: the ``territoire`` field's first, else the most frequent. Names
are first put under the index's own name (``places.Places``: « Ville de Rouen » under
« Rouen », former regions under today's, the country and the network's centres left
out).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.document import IndexEntry
from pipeline.language.analysis import Analyses, Entity
from pipeline.language.normalise import name_key
from pipeline.language.places import Places
from pipeline.model import Note

LABELS = frozenset({"LOC", "ORG"})
TRAILING_POS = frozenset({"VERB", "AUX", "ADV", "PRON"})
ARTICLES = frozenset({"le", "la", "les", "l"})
EDGE_WORDS = r"(?:de|du|des|d'|d’|l'|l’|la|le|les|à|au|aux|et)"
_LEADING = re.compile(rf"^(?:{EDGE_WORDS}\s*)+(?=\S)")
_TRAILING = re.compile(rf"(?:\s+{EDGE_WORDS})+$")
GENERIC = frozenset({
    "ville", "villes", "etat", "departement", "region", "commune", "communes", "centre",
    "quartier", "quartiers", "metropole", "territoire", "territoires", "prefecture",
    "mairie", "republique", "agglomeration", "nord", "sud", "est", "ouest", "contexte",
    "acteurs", "enseignements", "de", "du", "des", "d", "l", "la", "le", "les", "et",
})


def build_index(notes: Sequence[Note], analyses: Analyses,
                left_out: Sequence[str] = ()) -> tuple[IndexEntry, ...]:
    """The index's entries, sorted; ``left_out``: names never listed (the centres)."""
    places = Places(left_out)
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    preferred: dict[tuple[str, ...], str] = {}
    citing: dict[tuple[str, ...], list[Note]] = {}
    sure: set[tuple[str, ...]] = set()
    common: set[tuple[str, ...]] = set()
    declared: set[tuple[str, ...]] = set()
    for note in notes:
        for found, source in _names(note, analyses):
            name = places.canonical(found)
            if name is None:
                continue
            key = index_key(name)
            spellings.setdefault(key, Counter())[name] += 1
            if source in ("commune", "quartier"):
                preferred.setdefault(key, _qualified(name, note, source, analyses))
                declared.add(key)
            if source == "commun" and not places.known(name):
                common.add(key)
            if source != "début":
                sure.add(key)
            if note not in citing.setdefault(key, []):
                citing[key].append(note)
    entries = [IndexEntry(preferred.get(key) or spellings[key].most_common(1)[0][0],
                          tuple(citing[key])) for key in citing
               if key in sure and (key not in common or key in declared or len(citing[key]) > 1)]
    return tuple(sorted(entries, key=lambda e: (index_key(e.name), e.name)))


def _qualified(name: str, note: Note, source: str, analyses: Analyses) -> str:
    """A quartier named with words of the language, with its commune."""
    analysis = analyses.get(note)
    common = analysis.common_territory if analysis is not None else ()
    if source == "quartier" and note.territory.quartier in common and note.territory.commune:
        return f"{name} ({note.territory.commune})"
    return name


def index_key(name: str) -> tuple[str, ...]:
    words = name_key(name)
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return words


def _names(note: Note, analyses: Analyses) -> list[tuple[str, str]]:
    """(name, source): « commune » or « quartier » (the territory), « texte », « commun »
    for a name made of words of the language, or « début » for a lone word opening a
    paragraph or a list item, capitalised there whatever it is (« Accompagner … »):
    such a name is indexed only when found elsewhere too."""
    names = []
    analysis = analyses.get(note)
    if analysis is not None:
        names += [(name, "début" if len(e.words) == 1 and not e.before
                   else "commun" if e.common else "texte")
                  for e in analysis.entities if e.label in LABELS and (name := clean_name(e))]
    names += [(p, source) for p, source in ((note.territory.commune, "commune"),
                                            (note.territory.quartier, "quartier")) if p]
    return names


def clean_name(entity: Entity) -> str:
    """The entity's name without surrounding function words, or "" when it is noise."""
    name = _TRAILING.sub("", _LEADING.sub("", _without_trailing_verbs(entity)))
    name = name.strip(" ,;:.")
    words = name_key(name)
    if (len(name) < 2 or not name[0].isupper() or any(c.isdigit() for c in name)
            or all(w in GENERIC or len(w) == 1 for w in words)):
        return ""
    if len(words) == 1 and not any(pos == "PROPN" and not stop for _, pos, stop in entity.words):
        return ""
    return name


def _without_trailing_verbs(entity: Entity) -> str:
    """« Cité de l'emploi fonctionne » → « Cité de l'emploi »."""
    text = " ".join(entity.text.split())
    for word, pos, _ in reversed(entity.words):
        if pos not in TRAILING_POS or not word.islower() or not text.endswith(word):
            break
        text = text[:-len(word)].rstrip()
    return text

"""Names of people in a note that may be residents': a publication must not expose them.

An entity of the model is taken for a person's name when a civility goes with it
(« Mme Fatima Benali », « M. Diallo »), whatever its label, or when it is a person
entity of at least two capitalised words, all tagged as proper nouns (« Fatima
Benali »). A single word without a civility is not reported: the small model tags
many lone capitalised words (headings, towns, verbs opening a list item) as
persons, and a first name alone rarely identifies anyone.

A name is not reported when its words are among those of one of the note's
``auteurs`` or ``personnes_citees`` (case and accents aside: « M. Martin » for the
author « Camille Martin »), nor when it is known as a place or an organisation: a
note's territory, a centre of the registry, a text the model tags as a place or an
organisation in some note, or a name with an institutional word (« Métropole »).
Each name is reported once per note, at its first line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.diagnostics import Report
from pipeline.language.analysis import Analyses, Entity
from pipeline.language.normalise import fold, name_key
from pipeline.model import Note, Registry

CIVILITIES = frozenset({"m", "m.", "mme", "mme.", "mmes", "madame", "monsieur", "mlle",
                        "mademoiselle", "mr", "mrs", "dr", "docteur"})
INSTITUTIONAL = frozenset({"metropole", "agglomeration", "communaute", "ville", "villes",
                           "association", "quartier", "quartiers", "ressources", "centre",
                           "maison", "compagnie", "collectif", "conseil", "mission", "agence",
                           "direction", "prefecture", "departement", "region", "cite",
                           "college", "ecole", "lycee", "festival", "theatre", "territoires"})
PLACE_LABELS = frozenset({"LOC", "ORG", "MISC"})


@dataclass(frozen=True)
class PossibleName:
    path: str
    line: int | None
    text: str

    @property
    def message(self) -> str:
        return (f"nom de personne possible : « {self.text} » — à anonymiser ? (si la personne "
                "est d'accord pour être nommée, ajoutez-la à « personnes_citees »)")


def report_names(notes: Sequence[Note], analyses: Analyses, registry: Registry,
                 report: Report) -> tuple[PossibleName, ...]:
    known = known_places(notes, analyses, registry)
    found = tuple(name for note in notes for name in possible_names(note, analyses, known))
    for name in found:
        report.warning(name.path, name.line, name.message, "note.personne")
    return found


def known_places(notes: Sequence[Note], analyses: Analyses,
                 registry: Registry) -> frozenset[tuple[str, ...]]:
    texts = [c.name for c in registry.centres]
    texts += [part for n in notes for part in (n.territory.commune, n.territory.quartier) if part]
    texts += [e.text for a in analyses.by_path.values() for e in a.entities
              if e.label in PLACE_LABELS and not _civility(e)[1]]
    return frozenset(name_key(text) for text in texts)


def possible_names(note: Note, analyses: Analyses,
                   known: frozenset[tuple[str, ...]]) -> tuple[PossibleName, ...]:
    analysis = analyses.get(note)
    if analysis is None:
        return ()
    people = [set(name_key(p)) for p in (*note.authors, *note.cited)]
    seen: set[tuple[str, ...]] = set()
    found = []
    for entity in analysis.entities:
        key = name_key(" ".join(_name_words(entity)))
        if (not key or key in seen or key in known or INSTITUTIONAL & set(key)
                or any(set(key) <= person for person in people)):
            continue
        seen.add(key)
        line = entity.line if note.body_line else None  # 0: a Word note, no lines
        found.append(PossibleName(note.path, line, " ".join(entity.text.split())))
    return tuple(found)


def _civility(entity: Entity) -> tuple[list[tuple[str, str, bool]], bool]:
    """The entity's words without a leading civility, and whether it had one."""
    words = list(entity.words)
    civility = fold(entity.before) in CIVILITIES
    while words and fold(words[0][0]) in CIVILITIES:
        words, civility = words[1:], True
    return words, civility


def _name_words(entity: Entity) -> list[str]:
    """The words of the name proper when the entity looks like a person's name. With a
    civility, whatever the model's label (it may say ORG for « Mme Fatima Benali »)."""
    words, civility = _civility(entity)
    names = [w for w, _, _ in words]
    if not names or not all(w[:1].isupper() for w in names):
        return []
    if civility:
        return names
    proper = all(pos == "PROPN" for _, pos, _ in words)
    return names if entity.label == "PER" and len(names) >= 2 and proper else []

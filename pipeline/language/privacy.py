"""Names of people in a note: residents' are reported (they must not be published
without their consent), professionals' and elected officials' are only told.

``persons.py`` finds the names of each passage and says, from the words around them,
who is a resident and who a professional. Here, per note:

- a name is left out when its words are among those of one of the note's ``auteurs``
  or ``personnes_citees`` (case and accents aside: « M. Martin » for the author
  « Camille Martin »), or when it is known as a place or an organisation: a note's
  territory, a centre of the registry, a text the model tags as a place or an
  organisation in some note (unless it opens with a first name: the model takes
  « Fatima » for a place), or a name with an institutional word (« Métropole »);
- the mentions of one person are put together (« Mme Fatima Benali », then « Mme
  Benali », « Fatima »: a name whose words are among another's). A person is a
  resident when one mention says so, else a professional when one mention says so,
  else a resident (nothing said: the safe side);
- a resident is a warning (``note.personne``) at their first line; a professional an
  ``info`` (``note.personne-pro``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.diagnostics import Report
from pipeline.language.analysis import Analyses
from pipeline.language.lexicons import CIVILITIES, is_first_name
from pipeline.language.normalise import fold, name_key
from pipeline.language.persons import PROFESSIONAL, RESIDENT, Mention, mentions
from pipeline.model import Note, Registry

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
    text: str  # the first mention, as written: « Mme Fatima Benali »
    kind: str = RESIDENT  # or PROFESSIONAL
    reason: str = ""  # the word that decided: « directrice », « 34 ans »
    words: tuple[str, ...] = ()  # every word of the name, in all its mentions

    @property
    def message(self) -> str:
        if self.kind == PROFESSIONAL:
            because = f" ({self.reason})" if self.reason else ""
            return (f"nom de professionnel·le ou d'élu·e : « {self.text} »{because} — "
                    "publié tel quel")
        because = f" ({self.reason})" if self.reason else ""
        return (f"nom d'habitant·e possible : « {self.text} »{because} — à anonymiser ? "
                "Dans la version finale, il sera remplacé par ses initiales ; si la personne "
                "est d'accord pour être nommée, ajoutez-la à « personnes_citees »")


def report_names(notes: Sequence[Note], analyses: Analyses, registry: Registry,
                 report: Report) -> tuple[PossibleName, ...]:
    """Every person named in the notes; residents reported as warnings, the others as
    information."""
    known = known_places(notes, analyses, registry)
    found = tuple(name for note in notes for name in possible_names(note, analyses, known))
    for name in found:
        if name.kind == RESIDENT:
            report.warning(name.path, name.line, name.message, "note.personne")
        else:
            report.info(name.path, name.line, name.message, "note.personne-pro")
    return found


def known_places(notes: Sequence[Note], analyses: Analyses,
                 registry: Registry) -> frozenset[tuple[str, ...]]:
    texts = [c.name for c in registry.centres]
    texts += [part for n in notes for part in (n.territory.commune, n.territory.quartier) if part]
    texts += [e.text for a in analyses.by_path.values() for e in a.entities
              if e.label in PLACE_LABELS and e.words and not is_first_name(e.words[0][0])
              and fold(e.before) not in CIVILITIES]
    return frozenset(name_key(text) for text in texts)


@dataclass
class _Person:
    mentions: list[Mention]

    @property
    def keys(self) -> set[str]:
        return {word for m in self.mentions for word in m.key}

    def kind(self) -> tuple[str, str]:
        for wanted in (RESIDENT, PROFESSIONAL):
            said = [m for m in self.mentions if m.explicit and m.kind == wanted]
            if said:
                return wanted, said[0].reason
        return RESIDENT, ""


def possible_names(note: Note, analyses: Analyses,
                   known: frozenset[tuple[str, ...]]) -> tuple[PossibleName, ...]:
    analysis = analyses.get(note)
    if analysis is None:
        return ()
    consent = [set(name_key(p)) for p in (*note.authors, *note.cited)]
    found = [m for passage in analysis.passages for m in mentions(passage)]
    found = [m for m in found if m.key and m.key not in known
             and not INSTITUTIONAL & set(m.key)
             and not any(set(m.key) <= person for person in consent)]
    people: list[_Person] = []
    for mention in sorted(found, key=lambda m: (not m.explicit, -len(m.key))):
        person = next((p for p in people if set(mention.key) <= p.keys), None)
        if person is None:
            people.append(_Person([mention]))
        else:
            person.mentions.append(mention)
    order = {id(m): index for index, m in enumerate(found)}
    people.sort(key=lambda p: min(order[id(m)] for m in p.mentions))
    names = []
    for person in people:
        first = min(person.mentions, key=lambda m: order[id(m)])
        kind, reason = person.kind()
        words = tuple(dict.fromkeys(w for m in person.mentions for w in m.words))
        line = first.line if note.body_line else None  # 0: a Word note, no lines
        names.append(PossibleName(note.path, line, first.text, kind, reason, words))
    return tuple(names)

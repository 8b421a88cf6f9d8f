"""People named in a passage, and whether each is a resident or a professional.

A resident's name must not be published without their consent; a project manager's,
an artist's or a mayor's usually is. This module reads a sentence as the model left it
(words with their part of speech and lemma, punctuation included, entities: see
``analysis.Passage``) and finds:

**Names.** A civility followed by capitalised words (« Mme Benali », « M. Karim
Haddad »); a first name of the shipped list (``data/prenoms.txt``), alone or followed
by capitalised words or an initial (« Fatima », « Kévin L. », « Jean Dupont »); a
person entity of the model made of at least two capitalised proper nouns (« Séverine
Demoustier »). A lone capitalised word that is not a known first name is not taken:
the small model tags too many of them as persons. A name right after a place word
(« rue Jean Jaurès », « collège Jean Moulin ») or after « à » is a place.

**Who.** From the words around the name (after it first, unless a comma sets it off
from a role or resident's word before it: « L'adjointe à la culture, Hélène Girard,
finance la résidence », where what follows is the sentence's verb):

1. after it, an apposition (« X, directrice de… », « X, 34 ans, mère de… »), a
   parenthesis (« X (Labo Cités) »), a relative clause (« X, qui anime… ») — the first
   segment, between commas, that says something decides;
2. before it, within the clause (no verb, no sentence punctuation between): a role
   (« le maire, Jean Dupont », « la cheffe de projet Claire Martin ») or a resident's
   word (« l'habitante Fatima B. »); a plural word only for a list of names
   (« les habitantes Fatima et Nadia »);
3. a title (« Dr », « Me ») is a profession;
4. otherwise the name is taken as a resident's (the safe side): it is reported.

Role words are roles, functions, trades, an organisation (« X, de la Ville de
Rennes », a capitalised name or acronym in the parenthesis); resident words are
« habitant·e », « locataire », « mère de », an age, « jeune », « du quartier »… When a
segment holds both, the first one in reading order wins (« habitante et bénévole » is
a resident, « directrice de l'association des habitants » a professional). Names
joined by « et » or a comma share what follows or precedes the list.

The dependency parser is not used: on these appositions the small model's parse is
often wrong (« Fatima, 34 ans » parsed as a coordination, « Mme » as the root), and
it costs time (see docs/performance.md); the rules above read the words themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.language.analysis import Passage, Word
from pipeline.language.lexicons import (
    AGE_WORDS,
    CIVILITIES,
    HOME_PLACES,
    NOT_NAMES,
    PARTICLES,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    RESIDENTS,
    ROLE_VERBS,
    ROLES,
    TITLES,
    is_first_name,
)
from pipeline.language.normalise import fold, name_key

RESIDENT = "habitant"
PROFESSIONAL = "professionnel"
CLAUSE_ENDS = frozenset({".", "!", "?", "…", ";", ":", "«", "»", "\"", "(", ")", "[", "]"})
SEGMENT_ENDS = frozenset({",", ")", "]", ".", "!", "?", "…", ";", ":", "«", "»", "\""})
DASHES = frozenset({"—", "–", "-"})
LINKS = frozenset({",", "et", "ou", "&"})
MAX_SEGMENTS = 3
MAX_LEFT = 8
_INITIAL = re.compile(r"^[A-ZÀ-Ý]\.?$|^[A-ZÀ-Ý]\.[A-ZÀ-Ý]\.?$")


@dataclass(frozen=True)
class Mention:
    text: str  # as written, civility included: « Mme Fatima Benali »
    words: tuple[str, ...]  # the name proper: (« Fatima », « Benali »)
    line: int
    kind: str  # RESIDENT or PROFESSIONAL
    explicit: bool  # said by the words around it (else: the default, resident)
    reason: str  # the word that decided, for the messages: « directrice », « 34 ans »

    @property
    def key(self) -> tuple[str, ...]:
        return name_key(" ".join(self.words))


@dataclass(frozen=True)
class _Span:
    start: int  # first word, civility or title included
    name: int  # first word of the name proper
    end: int  # past the last word
    title: bool  # a professional title (« Dr ») before the name


def mentions(passage: Passage) -> tuple[Mention, ...]:
    """The people the passage names, each classified."""
    words = passage.words
    spans = _spans(words, passage.entities)
    groups = _groups(words, spans)
    found = []
    for group in groups:
        right = _right(words, group[-1].end)
        left = _left(words, group[0].start, plural=len(group) > 1)
        after_comma = group[0].start > 0 and words[group[0].start - 1].text == ","
        for span in group:
            # « L'adjointe à la culture, Hélène Girard, finance… »: what comes before the
            # comma is the apposition, what follows the verb of the sentence.
            decided = (left or right) if after_comma else (right or left)
            if decided is None and span.title:
                decided = (PROFESSIONAL, words[span.start].text)
            kind, reason = decided or (RESIDENT, "")
            text = " ".join(w.text for w in words[span.start:span.end])
            found.append(Mention(text, tuple(w.text for w in words[span.name:span.end]),
                                 words[span.start].line, kind, decided is not None, reason))
    return tuple(found)


# --- finding names ------------------------------------------------------------------

def _capitalised(word: Word, capitals: bool = False) -> bool:
    """A word of a name: capitalised, not an institution's word; in capitals
    (« MARCHAND ») only after a civility, acronyms (« ANCT ») being more frequent."""
    text = word.text
    if _INITIAL.match(text):
        return True
    return (text[:1].isupper() and fold(text) not in NOT_NAMES
            and (capitals or not text.isupper()) and any(c.isalpha() for c in text))


def _spans(words: Sequence[Word], entities: Sequence[tuple[int, int, str]]) -> list[_Span]:
    persons = {start: end for start, end, label in entities if label == "PER"}
    spans: list[_Span] = []
    index = 0
    while index < len(words):
        span = _span_at(words, index, persons)
        if span is None:
            index += 1
            continue
        if not _a_place(words, span):
            spans.append(span)
        index = span.end
    return spans


def _span_at(words: Sequence[Word], index: int, persons: dict[int, int]) -> _Span | None:
    word = words[index]
    folded = fold(word.text)
    if folded in CIVILITIES or folded in TITLES:
        title = folded in TITLES
        if title and folded in {"professeur", "professeure", "docteur", "docteure"} \
                and not word.text[:1].isupper():
            return None
        end = _name_end(words, index + 1, capitals=True)
        return _Span(index, index + 1, end, title) if end > index + 1 else None
    if not word.text[:1].isupper() or fold(word.text) in NOT_NAMES:
        return None
    if is_first_name(word.text):
        return _Span(index, index, _name_end(words, index + 1), False)
    end = persons.get(index)
    if end is not None and end - index >= 2:
        name = words[index:end]
        if all(w.pos == "PROPN" and _capitalised(w) for w in name):
            return _Span(index, index, _name_end(words, end), False)
    return None


def _name_end(words: Sequence[Word], index: int, capitals: bool = False) -> int:
    """Past the capitalised words, initials and inner particles (« Ben », « de ») from
    ``index``."""
    end = index
    while end < len(words):
        if _capitalised(words[end], capitals):
            end += 1
        elif (end > index and fold(words[end].text) in PARTICLES and end + 1 < len(words)
              and _capitalised(words[end + 1], capitals)):
            end += 2
        else:
            break
    return end


def _a_place(words: Sequence[Word], span: _Span) -> bool:
    """« rue Jean Jaurès », « collège Jean Moulin », « à Florence »."""
    if span.start == 0 or span.name != span.start:
        return False
    before = fold(words[span.start - 1].text)
    return before in PLACE_HEADS or before in PLACE_PREPOSITIONS


def _groups(words: Sequence[Word], spans: list[_Span]) -> list[list[_Span]]:
    """Names joined by « , » or « et »: « Moussa et Kévin, deux jeunes du quartier »."""
    groups: list[list[_Span]] = []
    for span in spans:
        if groups:
            previous = groups[-1][-1]
            between = [fold(w.text) for w in words[previous.end:span.start]]
            if between and len(between) <= 2 and all(w in LINKS for w in between):
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups


# --- what the words around say ------------------------------------------------------

def _right(words: Sequence[Word], end: int) -> tuple[str, str] | None:
    """What the apposition, parenthesis or relative clause after the name says."""
    if end >= len(words):
        return None
    opener = words[end].text
    if opener not in {",", "("} and opener not in DASHES:
        return None
    index = end + 1
    for _ in range(MAX_SEGMENTS):
        segment: list[Word] = []
        while index < len(words) and words[index].text not in SEGMENT_ENDS:
            segment.append(words[index])
            index += 1
        if not segment:
            return None
        said = _segment(segment, parenthesis=opener == "(")
        if said:
            return said
        if segment[0].pos in {"VERB", "AUX"} or index >= len(words) \
                or words[index].text not in {",", ")"}:
            return None
        if words[index].text == ")":
            return None
        index += 1
    return None


def _segment(segment: list[Word], parenthesis: bool) -> tuple[str, str] | None:
    """The first word of a segment that says resident or role."""
    first = fold(segment[0].text)
    if first == "qui" and len(segment) > 1:
        verb = next((w for w in segment[1:] if w.pos in {"VERB", "AUX"}), None)
        if verb is not None and _role_verb(verb):
            return PROFESSIONAL, fold(verb.text)
        if verb is not None and fold(verb.lemma) in {"habiter", "vivre", "grandir", "loger"}:
            return RESIDENT, fold(verb.text)
    for position, word in enumerate(segment):
        said = _word_says(segment, position)
        if said:
            return said
        if word.pos in {"VERB", "AUX"} and first != "qui":
            break  # a new clause: what follows is not about the name
    rest = [w for w in segment[1:] if w.pos != "DET"]
    if first in {"de", "du", "d'", "d’", "des"} and rest and rest[0].text[:1].isupper():
        return PROFESSIONAL, " ".join(w.text for w in segment)  # « X, de la Ville de Rennes »
    if parenthesis and any(w.text[:1].isupper() for w in segment):
        return PROFESSIONAL, " ".join(w.text for w in segment)  # « X (Labo Cités) »
    return None


def _word_says(segment: Sequence[Word], position: int) -> tuple[str, str] | None:
    word = segment[position]
    keys = {fold(word.text), fold(word.lemma)}
    after = fold(segment[position + 1].text) if position + 1 < len(segment) else ""
    if word.pos == "NUM" or word.text.isdigit():
        if after in AGE_WORDS:
            return RESIDENT, f"{word.text} {segment[position + 1].text}"
        return None
    if keys & RESIDENTS:
        return RESIDENT, word.text
    if keys & HOME_PLACES and _after_of(segment, position):
        return RESIDENT, word.text
    if keys & ROLES:
        return PROFESSIONAL, word.text
    if "agee" in keys or "age" in keys:
        return RESIDENT, word.text
    return None


def _after_of(segment: Sequence[Word], position: int) -> bool:
    """« du quartier », « de la cité », « de l'immeuble », « des Tilleuls »."""
    before = [fold(w.text) for w in segment[max(0, position - 2):position]]
    return bool(before) and (before[-1] in {"du", "des"} or (
        len(before) == 2 and before[0] in {"de", "d'"} and before[1] in {"la", "l'"}))


def _role_verb(verb: Word) -> bool:
    """« anime », « dirige », « coordonne »: the lemmatiser does not always know them."""
    text, lemma = fold(verb.text), fold(verb.lemma)
    return lemma in ROLE_VERBS or any(text.startswith(v[:-2]) for v in ROLE_VERBS)


def _left(words: Sequence[Word], start: int, plural: bool) -> tuple[str, str] | None:
    """A role or resident's word before the name, within its clause."""
    index = start - 1
    seen = 0
    if index >= 1 and fold(words[index].text) == "par" \
            and fold(words[index - 1].text).startswith("represent"):
        return PROFESSIONAL, words[index - 1].text  # « représenté par X »
    while index >= 0 and seen < MAX_LEFT:
        word = words[index]
        if word.text in CLAUSE_ENDS or word.pos in {"VERB", "AUX"} \
                or (word.pos == "PRON" and fold(word.text) not in {"l'", "l’"}):
            return None
        keys = {fold(word.text), fold(word.lemma)}
        is_plural = fold(word.text).endswith(("s", "x")) and fold(word.text) != fold(word.lemma)
        if keys & ROLES and (plural or not is_plural):
            return PROFESSIONAL, word.text
        if keys & RESIDENTS and (plural or not is_plural):
            return RESIDENT, word.text
        index -= 1
        seen += 1
    return None

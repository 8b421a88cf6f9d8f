"""The words that set a theme's notes apart from the contribution's other notes.

A TF-IDF-like score: a lemma's share of the words of the theme's notes, times
ln(N / df), with N the notes of the contribution and df those that use it. A lemma
that every note uses scores 0. Only nouns and adjectives of three letters or
more count, written in lower case (a capital is mostly a name the tagger missed), no
stop words (the model's, and ``STOP``: words of every note or of no theme in
particular), no numbers, and a lemma must occur at least ``MIN_COUNT`` times in the
theme's notes.

Lemmas only group the words; what is shown is the form the writers wrote most often
(« grille », never the lemmatiser's « grill »), so that every word shown occurs as
written in the chapter's notes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from pipeline.language.analysis import Analyses, Analysis
from pipeline.language.normalise import fold
from pipeline.model import Note

CONTENT_POS = frozenset({"NOUN", "ADJ"})  # a verb's written form reads oddly alone
LIMIT = 8
MIN_COUNT = 3
# Lemmas (folded) that say nothing of a theme: the notes' own vocabulary, words of
# time and place in general, and verbs of any action.
_STOP_WORDS = """
    an année mois semaine jour fois début fin moment temps période durée
    cas exemple partie part cadre place lieu mise suite niveau ensemble manière façon
    type forme sorte point question chose rôle objet moyen nombre plupart reste
    mur côté bout haut bas
    note observation enseignement contexte acteur quartier habitant ville politique
    personne gens structure projet action démarche dispositif
    faire mettre permettre pouvoir devoir falloir aller venir donner prendre rester passer
    tenir trouver demander suivre prévoir dire voir savoir vouloir porter agir rendre
    mener conduire devenir sembler paraître laisser montrer
    grand petit nouveau premier dernier autre même seul certain propre général
"""
STOP = frozenset(fold(w) for w in _STOP_WORDS.split())


def distinctive_words(theme_notes: Sequence[Note], all_notes: Sequence[Note],
                      analyses: Analyses, limit: int = LIMIT) -> tuple[str, ...]:
    """The theme's most distinctive words, each in the form its notes use most."""
    counts = {n.path: _lemmas(a) for n in all_notes if (a := analyses.get(n)) is not None}
    mine = [n.path for n in theme_notes if n.path in counts]
    if not mine:
        return ()
    in_theme: Counter[str] = sum((counts[p] for p in mine), Counter())
    total = sum(in_theme.values())
    used_by = Counter(lemma for c in counts.values() for lemma in c)
    scores = {lemma: n / total * math.log(len(counts) / used_by[lemma])
              for lemma, n in in_theme.items() if n >= MIN_COUNT}
    ranked = sorted((lemma for lemma, s in scores.items() if s > 0),
                    key=lambda lemma: (-scores[lemma], lemma))[:limit]
    forms = _forms([a for n in theme_notes if (a := analyses.get(n)) is not None])
    return tuple(forms[lemma].most_common(1)[0][0] for lemma in ranked)


def _counted(analysis: Analysis):
    return (t for t in analysis.tokens
            if t.pos in CONTENT_POS and not t.stop and len(t.lemma) >= 3
            and t.text[:1].islower()  # a capital: a name the tagger missed
            and t.lemma.replace("-", "").replace("'", "").isalpha()
            and fold(t.lemma) not in STOP)


def _lemmas(analysis: Analysis) -> Counter[str]:
    return Counter(t.lemma.lower() for t in _counted(analysis))


def _forms(analyses: list[Analysis]) -> dict[str, Counter[str]]:
    """Each lemma's forms as written; ties go to the shortest, then the first in order."""
    forms: dict[str, Counter[str]] = {}
    for analysis in analyses:
        for token in _counted(analysis):
            forms.setdefault(token.lemma.lower(), Counter())[token.text.lower()] += 1
    return {lemma: Counter(dict(sorted(c.items(), key=lambda i: (-i[1], len(i[0]), i[0]))))
            for lemma, c in forms.items()}

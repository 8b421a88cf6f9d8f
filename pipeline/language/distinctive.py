"""The words that set a theme's notes apart from the contribution's other notes.

A TF-IDF-like score: a lemma's share of the words of the theme's notes, times
ln(N / df), with N the notes of the contribution and df those that use it. A lemma
that every note uses scores 0. Only nouns, verbs and adjectives of three letters or
more count, written in lower case (a capital is mostly a name the tagger missed), no
stop words, no numbers, and a lemma must occur at least twice in the theme's notes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from pipeline.language.analysis import Analyses, Analysis
from pipeline.model import Note

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})
LIMIT = 8
MIN_COUNT = 2


def distinctive_words(theme_notes: Sequence[Note], all_notes: Sequence[Note],
                      analyses: Analyses, limit: int = LIMIT) -> tuple[str, ...]:
    counts = {n.path: _lemmas(a) for n in all_notes if (a := analyses.get(n)) is not None}
    mine = [counts[n.path] for n in theme_notes if n.path in counts]
    if not mine:
        return ()
    in_theme: Counter[str] = sum(mine, Counter())
    total = sum(in_theme.values())
    used_by = Counter(lemma for c in counts.values() for lemma in c)
    scores = {lemma: n / total * math.log(len(counts) / used_by[lemma])
              for lemma, n in in_theme.items() if n >= MIN_COUNT}
    ranked = sorted((lemma for lemma, s in scores.items() if s > 0),
                    key=lambda lemma: (-scores[lemma], lemma))
    return tuple(ranked[:limit])


def _lemmas(analysis: Analysis) -> Counter[str]:
    return Counter(t.lemma.lower() for t in analysis.tokens
                   if t.pos in CONTENT_POS and not t.stop and len(t.lemma) >= 3
                   and t.text[:1].islower()  # a capital: a name the tagger missed
                   and t.lemma.replace("-", "").replace("'", "").isalpha())

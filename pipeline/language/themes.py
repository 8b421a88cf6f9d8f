"""Which theme a note's text is about, from the themes' ``mots_cles``.

Matching. Every keyword is lemmatised by the same model as the notes, determiners
left out. A word of a note matches a word of a keyword when their lemmas or their
forms agree, case and accents aside: « accompagnées » matches « accompagner »,
« médiathèques » matches « médiathèque ». A multi-word term matches consecutive
words of one paragraph, determiners skipped: « les résidences d'artistes » matches
« résidence d'artistes ». Where a theme's terms overlap, the longest one counts.

Score. A keyword found n times adds 1 + ln(n): each distinct keyword counts 1, its
repetitions little (three times: 2.1). A theme's score is the sum over its keywords.

Clear evidence. A note without themes goes to its best theme when that theme scores
at least ``MIN_SCORE`` (2: two distinct keywords, or one keyword three times) and at
least ``LEAD`` (1.5) times the next theme's score. Otherwise it stays « À classer »,
and the reason is given. A note's declared themes are never replaced; when its text
gives clear evidence for another theme, scoring at least ``HINT_RATIO`` (2) times
its best declared theme, an information line says so.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.language.analysis import Analysis
from pipeline.language.normalise import token_keys
from pipeline.model import Contribution, Theme

MIN_SCORE = 2.0
LEAD = 1.5
HINT_RATIO = 2.0
RULE = ("un thème est proposé quand son score atteint 2 et vaut au moins 1,5 fois celui "
        "du thème suivant ; chaque mot-clé trouvé n fois compte 1 + ln(n)")

Keys = tuple[frozenset[str], ...]  # a keyword: the match keys of each of its words


@dataclass(frozen=True)
class ThemeScore:
    theme: Theme
    score: float
    found: tuple[tuple[str, int], ...]  # (keyword, occurrences), most frequent first

    def words(self) -> str:
        return ", ".join(k if n == 1 else f"{k} ×{n}" for k, n in self.found)


@dataclass(frozen=True)
class Suggestion:
    scores: tuple[ThemeScore, ...]  # the themes with some evidence, best first
    reason: str  # why the evidence is not clear; empty when it is

    @property
    def clear(self) -> bool:
        return not self.reason

    @property
    def best(self) -> ThemeScore | None:
        return self.scores[0] if self.scores else None

    def score_of(self, theme_id: str) -> ThemeScore | None:
        return next((s for s in self.scores if s.theme.id == theme_id), None)


def decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def suggest(analysis: Analysis, contribution: Contribution,
            keywords: Mapping[str, Keys]) -> Suggestion:
    scores = score_themes(analysis, contribution, keywords)
    return Suggestion(scores, _unclear(scores))


def _unclear(scores: tuple[ThemeScore, ...]) -> str:
    if not scores:
        return "aucun mot-clé des thèmes dans le texte"
    best = scores[0]
    if best.score < MIN_SCORE:
        return (f"indices trop faibles : « {best.theme.title} » obtient {decimal(best.score)} "
                f"({best.words()}), il faut {decimal(MIN_SCORE)}")
    if len(scores) > 1 and best.score < LEAD * scores[1].score:
        second = scores[1]
        return (f"indices partagés : « {best.theme.title} » ({decimal(best.score)}) et "
                f"« {second.theme.title} » ({decimal(second.score)}) sont trop proches")
    return ""


def score_themes(analysis: Analysis, contribution: Contribution,
                 keywords: Mapping[str, Keys]) -> tuple[ThemeScore, ...]:
    runs = _runs(analysis)
    scores = []
    for theme in contribution.themes:
        found = _find(runs, [(k, keywords[k]) for k in theme.keywords if keywords.get(k)])
        if found:
            score = sum(1 + math.log(n) for n in found.values())
            scores.append(ThemeScore(theme, score, tuple(found.most_common())))
    order = {t.id: i for i, t in enumerate(contribution.themes)}
    return tuple(sorted(scores, key=lambda s: (-s.score, order[s.theme.id])))


def _runs(analysis: Analysis) -> list[list[frozenset[str]]]:
    """The note's words as match keys, one run per block, determiners left out."""
    runs: dict[int, list[frozenset[str]]] = {}
    for token in analysis.tokens:
        if token.pos != "DET":
            runs.setdefault(token.block, []).append(token_keys(token.text, token.lemma))
    return list(runs.values())


def _find(runs: list[list[frozenset[str]]], terms: list[tuple[str, Keys]]) -> Counter[str]:
    found: Counter[str] = Counter()
    terms = sorted(terms, key=lambda term: -len(term[1]))  # the longest term first
    for run in runs:
        at: dict[str, list[int]] = {}  # key → the positions of the run's words that have it
        for position, keys in enumerate(run):
            for key in keys:
                at.setdefault(key, []).append(position)
        used = [False] * len(run)
        for name, keys in terms:
            size = len(keys)
            # only where the term's first word is: a term is tried at a few places, not all
            starts = sorted({i for key in keys[0] for i in at.get(key, ())
                             if i + size <= len(run)})
            for start in starts:
                span = range(start, start + size)
                if not any(used[i] for i in span) and all(keys[i - start] & run[i]
                                                          for i in span):
                    found[name] += 1
                    for i in span:
                        used[i] = True
    return found

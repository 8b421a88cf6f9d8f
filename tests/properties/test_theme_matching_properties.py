"""The indexed keyword matching finds what trying every position would find."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pipeline.language.themes import _find

WORDS = st.frozensets(st.sampled_from("abcde"), min_size=1, max_size=2)
RUNS = st.lists(st.lists(WORDS, max_size=12), max_size=3)
TERMS = st.lists(st.tuples(st.text("xyz", min_size=1, max_size=2),
                           st.lists(WORDS, min_size=1, max_size=3).map(tuple)), max_size=5)


def every_position(runs, terms) -> Counter:
    """The plain reading of the rule: longest term first, each word used once."""
    found: Counter = Counter()
    for run in runs:
        used = [False] * len(run)
        for name, keys in sorted(terms, key=lambda term: -len(term[1])):
            for start in range(len(run) - len(keys) + 1):
                span = range(start, start + len(keys))
                if not any(used[i] for i in span) and all(keys[i - start] & run[i]
                                                          for i in span):
                    found[name] += 1
                    for i in span:
                        used[i] = True
    return found


@given(RUNS, TERMS)
def test_indexed_matching_agrees_with_trying_every_position(runs, terms):
    assert _find(runs, terms) == every_position(runs, terms)

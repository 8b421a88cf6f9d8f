"""One group of initials per person in the final edition: the people the model finds
in a sentence (real model) stay as many people once their names are replaced."""

from datetime import date

import pytest

from pipeline.language.analysis import passages
from pipeline.language.blocks import Block
from pipeline.language.persons import mentions
from pipeline.language.privacy import PossibleName
from pipeline.language.redact import people_in, redact_note
from pipeline.model import Note, Territory


def _final(nlp, text):
    found = [m for p in passages(Block(1, text), nlp(text)) for m in mentions(p)]
    people = [PossibleName("sources/a/n.md", 1, m.text, m.kind, m.reason, m.words)
              for m in found]
    note = Note("sources/a/n.md", "a/n", "Titre", "a", ("Camille Martin",), ("c",), (),
                Territory(), date(2024, 1, 1), "valide", text, 1, "h", {"titre": 2})
    redacted, done = redact_note(note, people, final=True)
    return redacted.body, [(r.name, r.printed) for r in done]


@pytest.mark.parametrize(("text", "expected", "replaced"), [
    ("« On nous écoute enfin », explique Samir. Fatima Benali, 34 ans, habite la tour.",
     "« On nous écoute enfin », explique S. F.B., 34 ans, habite la tour.",
     [("Samir", "S."), ("Fatima Benali", "F.B.")]),
    ("Fatima Benali, habitante de la cité, raconte.",
     "F.B., habitante de la cité, raconte.", [("Fatima Benali", "F.B.")]),
    ("Marie-Claire, habitante du quartier, témoigne.",
     "M.-C., habitante du quartier, témoigne.", [("Marie-Claire", "M.-C.")]),
    ("Mme Fatima Benali et M. Karim Haddad, habitants de la tour, témoignent.",
     "Mme F.B. et M. K.H., habitants de la tour, témoignent.",
     [("Fatima Benali", "F.B."), ("Karim Haddad", "K.H.")]),
    ("Kévin L. vient tous les mercredis avec Nadia, une jeune du quartier.",
     "K.L. vient tous les mercredis avec N., une jeune du quartier.",
     [("Kévin L.", "K.L."), ("Nadia", "N.")]),
])
def test_each_person_keeps_one_group_of_initials(nlp, text, expected, replaced):
    body, done = _final(nlp, text)
    assert body == expected
    assert done == replaced


def test_two_residents_side_by_side_are_two_groups():
    people = [("Samir",), ("Fatima", "Benali")]
    run = "Samir Fatima Benali"
    assert [run[a:b] for a, b in people_in(run, people)] == ["Samir", "Fatima Benali"]
    note = Note("sources/a/n.md", "a/n", "Titre", "a", ("Camille Martin",), ("c",), (),
                Territory(), date(2024, 1, 1), "valide", "Avec Samir Fatima Benali.\n", 1,
                "h", {"titre": 2})
    found = [PossibleName("sources/a/n.md", 1, " ".join(w), "habitant", "", w)
             for w in people]
    redacted, done = redact_note(note, found, final=True)
    assert redacted.body == "Avec S. F.B.\n"
    assert [r.printed for r in done] == ["S.", "F.B."]
    draft, _ = redact_note(note, found, final=False)
    assert draft.body.count("\ue000") == 2  # two highlighted names in the draft

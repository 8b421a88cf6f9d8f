"""The index of places and organisations: entities and territories, noise left out."""

import pytest

from pipeline.language.analysis import Entity
from pipeline.language.index import build_index, clean_name, index_key


def _entity(text, label="LOC", *pos):
    words = text.split()
    return Entity(text, label, 1, "", tuple(zip(words, pos or ["PROPN"] * len(words),
                                                [False] * len(words), strict=True)))


@pytest.mark.parametrize(("one", "other"), [
    ("Le Neuhof", "neuhof"), ("Val-d'Argent", "Val d’Argent"), ("Île-de-France", "ILE DE FRANCE"),
    ("La Guérinière", "Guériniere"),
])
def test_case_accent_and_article_variants_share_a_key(one, other):
    assert index_key(one) == index_key(other)


@pytest.mark.parametrize(("entity", "name"), [
    (_entity("de Besançon", "LOC", "ADP", "PROPN"), "Besançon"),
    (_entity("préfecture du", "LOC", "NOUN", "ADP"), ""),
    (_entity("la Ville", "LOC", "DET", "NOUN"), ""),
    (_entity("État"), ""),
    (_entity("CM1", "LOC"), ""),
    (_entity("X"), ""),
    (_entity("Confier", "LOC", "VERB"), ""),
    (_entity("lycéens", "LOC", "NOUN"), ""),
    (_entity("Métropole européenne de Lille", "ORG", "PROPN", "ADJ", "ADP", "PROPN"),
     "Métropole européenne de Lille"),
])
def test_noise_is_left_out(entity, name):
    assert clean_name(entity) == name


def test_a_common_word_alone_is_noise():
    assert clean_name(Entity("Douze", "LOC", 1, "", (("Douze", "PROPN", True),))) == ""


def test_index_merges_entities_with_territories_and_lists_the_citing_notes(themes):
    notes = [p.note for p in themes.checked.placements]
    index = {e.name: [n.path for n in e.notes] for e in build_index(notes, themes.checked.language)}
    # « Blosne » (text) and « Le Blosne » (territoire) are one entry, in the writer's spelling
    assert index["Le Blosne"] == ["sources/alpha/mediatheque-du-soir.md"]
    assert "Blosne" not in index
    assert index["Rennes"] == ["sources/alpha/jardins-au-pied-des-immeubles.md",
                               "sources/alpha/mediatheque-du-soir.md",
                               "sources/alpha/portrait-de-jardiniere.md"]
    assert "Rennes Métropole" in index and "La Guérinière" in index
    assert not {"Contexte", "Douze", "Ville", "la Ville"} & set(index)
    assert list(index) == sorted(index, key=index_key)


def test_trailing_verbs_are_cut():
    entity = Entity("Cité de l'emploi fonctionne", "LOC", 1, "La", (
        ("Cité", "NOUN", False), ("de", "ADP", True), ("l'", "DET", True),
        ("emploi", "NOUN", False), ("fonctionne", "VERB", False)))
    assert clean_name(entity) == "Cité de l'emploi"


def test_a_lone_word_opening_a_paragraph_needs_another_mention(themes):
    from dataclasses import replace

    from pipeline.language.analysis import Analyses

    note = next(p.note for p in themes.checked.placements
                if p.note.path == "sources/beta/marche-nocturne.md")
    opening = Entity("Accompagner", "ORG", 12, "", (("Accompagner", "PROPN", False),))
    inside = replace(opening, text="Pissevin", words=(("Pissevin", "PROPN", False),))
    analysis = themes.checked.language.get(note)
    analyses = Analyses({note.path: replace(analysis, entities=(opening, replace(
        inside, before=""), replace(inside, before="à")))})
    assert [e.name for e in build_index([note], analyses)] == ["Caen", "Pissevin"]

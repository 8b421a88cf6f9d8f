"""Residents told apart from professionals, from the words around their names (real
model), and the figures on the labelled sentences held above the goals."""

import pytest

from bench.privacy import LABELLED, evaluate, read_labelled
from pipeline.language.analysis import load_model, passages
from pipeline.language.blocks import Block
from pipeline.language.persons import mentions

CONTROL = LABELLED.with_name("personnes-controle.tsv")


def _kinds(text):
    doc = load_model()(text)
    return [(m.text, m.kind) for p in passages(Block(1, text), doc) for m in mentions(p)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Charles Fournier, député, a ouvert la journée.", "professionnel"),
    ("Séverine Demoustier, directrice de l'association, présente le projet.", "professionnel"),
    ("Selon Fabien Bressan (Labo Cités), la participation progresse.", "professionnel"),
    ("Le maire, Jean Dupont, a inauguré le jardin.", "professionnel"),
    ("Julien Morel, animateur au centre social, accueille les familles.", "professionnel"),
    ("La cheffe de projet Claire Martin coordonne le dispositif.", "professionnel"),
    ("Thomas Roussel, qui anime l'atelier vidéo, encadre les jeunes.", "professionnel"),
    ("Fatima, 34 ans, mère de deux enfants, participe aux ateliers.", "habitant"),
    ("Nadia, une jeune du quartier, a pris la parole.", "habitant"),
    ("Mme Fatima Benali, habitante de la cité, raconte.", "habitant"),
    ("Kévin L. vient tous les mercredis.", "habitant"),
    ("« On n'avait jamais été écoutés », explique Moussa, habitant du Neuhof.", "habitant"),
    ("L'adjointe à la culture, Hélène Girard, finance la résidence.", "professionnel"),
])
def test_the_issue_examples(nlp, text, expected):
    found = _kinds(text)
    assert len(found) == 1 and found[0][1] == expected, found


def test_a_list_shares_its_apposition_and_places_are_not_people(nlp):
    assert _kinds("Sophie Durand et Paul Leroy, élus de la ville, ont signé.") == [
        ("Sophie Durand", "professionnel"), ("Paul Leroy", "professionnel")]
    assert _kinds("Moussa et Kévin, deux jeunes du quartier, animent le débat.") == [
        ("Moussa", "habitant"), ("Kévin", "habitant")]
    assert _kinds("Le collège Jean Moulin accueille l'atelier, rue Jean Jaurès, à Florence.") \
        == []


@pytest.mark.parametrize("path", [LABELLED, CONTROL], ids=["réglage", "contrôle"])
def test_the_labelled_sentences_stay_above_the_goals(nlp, path):
    sentences = read_labelled(path)
    scores = evaluate(sentences)
    assert scores.recall >= 0.95, scores.errors
    assert scores.precision >= 0.90, scores.errors


def test_the_labelled_set_is_large_and_varied():
    sentences = read_labelled(LABELLED) + read_labelled(CONTROL)
    assert len(sentences) >= 150
    residents = sum(len(s.residents) for s in sentences)
    professionals = sum(len(s.professionals) for s in sentences)
    assert residents >= 100 and professionals >= 100
    assert sum(1 for s in sentences if not s.residents and not s.professionals) >= 5

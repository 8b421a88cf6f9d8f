"""Theme suggestion from lemmas, on real French text analysed by the real model."""

from datetime import date

from pipeline.language.analysis import Analysis, Token, analyse_notes
from pipeline.language.normalise import token_keys
from pipeline.language.themes import LEAD, MIN_SCORE, suggest
from pipeline.model import Contribution, Note, Territory, Theme

THEMES = (
    Theme("lecture", "La lecture", keywords=("médiathèque", "lecture publique", "prêter")),
    Theme("aide", "L'accompagnement", keywords=("accompagner", "résidence d'artistes")),
    Theme("jardins", "Les jardins", keywords=("jardin partagé", "potager")),
)
CONTRIBUTION = Contribution("c", "contributions/c/contribution.yaml", "C", None, 2024, "ANCT",
                            (), THEMES)
KEYWORDS = [k for t in THEMES for k in t.keywords]


def _scores(body, tmp_path):
    note = Note("sources/a/n.md", "a/n", "Titre", "a", ("A B",), ("c",), (), Territory(),
                date(2024, 1, 1), "valide", body, 10, f"h-{body}", {"titre": 2})
    analyses = analyse_notes([note], tmp_path, KEYWORDS)
    return suggest(analyses.get(note), CONTRIBUTION, analyses.keywords)


def test_inflected_forms_match_the_keywords_lemmas(nlp, tmp_path):
    suggestion = _scores("Les femmes accompagnées empruntent aux médiathèques ; des livres "
                         "prêtés aux lectures publiques du soir.\n", tmp_path)
    lecture = suggestion.score_of("lecture")
    assert dict(lecture.found) == {"médiathèque": 1, "lecture publique": 1, "prêter": 1}
    assert dict(suggestion.score_of("aide").found) == {"accompagner": 1}


def test_multi_word_terms_match_consecutive_words_only(nlp, tmp_path):
    suggestion = _scores("Les résidences d'artistes et les jardins partagés.\n\nUn jardin "
                         "très partagé ne compte pas.\n", tmp_path)
    assert dict(suggestion.score_of("aide").found) == {"résidence d'artistes": 1}
    assert dict(suggestion.score_of("jardins").found) == {"jardin partagé": 1}


def test_repetitions_count_less_than_distinct_keywords(nlp, tmp_path):
    one_word = _scores("Le potager. Le potager. Le potager.\n", tmp_path).best
    distinct = _scores("Le potager et le jardin partagé.\n", tmp_path).best
    assert one_word.words() == "potager ×3" and distinct.score == 2.0
    assert distinct.score < one_word.score < 2.5


def _analysis(*words: str) -> Analysis:
    return Analysis(len(words), tuple(Token(w, w, "NOUN", False, 1, 0) for w in words), ())


def test_clear_evidence_needs_the_minimum_score_and_a_lead():
    """The rule on hand-made analyses: the scores are exactly known."""
    keys = {k: tuple(token_keys(w, w) for w in k.split()) for k in KEYWORDS}
    weak = suggest(_analysis("médiathèque"), CONTRIBUTION, keys)
    assert not weak.clear and weak.reason.startswith("indices trop faibles")
    clear = suggest(_analysis("médiathèque", "prêter", "potager"), CONTRIBUTION, keys)
    assert clear.clear and clear.best.theme.id == "lecture"
    assert clear.best.score >= MIN_SCORE and clear.best.score >= LEAD * clear.scores[1].score
    close = suggest(_analysis("médiathèque", "prêter", "potager", "potager"), CONTRIBUTION, keys)
    assert not close.clear and close.reason.startswith("indices partagés")
    none = suggest(_analysis("place"), CONTRIBUTION, keys)
    assert none.reason == "aucun mot-clé des thèmes dans le texte" and none.best is None


def test_theme_less_notes_land_under_the_theme_their_text_is_about(themes):
    placed = {p.note.path: p for p in themes.checked.placements}
    expected = {"sources/alpha/mediatheque-du-soir.md": "lecture",
                "sources/alpha/jardins-au-pied-des-immeubles.md": "jardins",
                "sources/beta/chantier-insertion.md": "emploi"}
    for path, theme in expected.items():
        assert placed[path].themes == (theme,) and placed[path].how == "proposé", path
    assert placed["sources/beta/chantier-insertion.md"].matched.startswith("emploi ×2")


def test_a_note_matching_nothing_stays_a_classer_and_says_why(themes):
    placement = next(p for p in themes.checked.placements
                     if p.note.path == "sources/beta/marche-nocturne.md")
    assert placement.themes == () and placement.how == "à classer"
    assert placement.reason == "aucun thème déclaré ; aucun mot-clé des thèmes dans le texte"

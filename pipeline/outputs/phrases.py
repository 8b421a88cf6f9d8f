"""The French sentences that the code makes from data, in one place.

Each rule a reader of the ANCT would hold us to is kept here: an institution takes its
article (« pour l'Agence nationale… », « à l'ANCT », « au Conseil… »), a parenthesis
never opens inside another, a generated sentence never opens with a digit. The
templates call these through filters (``pour``, ``a``, ``en_aparte``); the tests scan
every output of the example builds for the three faults (tests/test_phrases.py).
"""

from __future__ import annotations

import re

from pipeline.typography import NBSP, plural

# Heads of institutions' names, with their gender (the article comes from the first word).
FEMININE = frozenset({
    "agence", "association", "autorite", "banque", "caisse", "chambre", "communaute",
    "delegation", "direction", "federation", "fondation", "inspection", "metropole",
    "mission", "prefecture", "region", "union", "ville", "commission", "cour", "mairie",
})  # fmt: skip
MASCULINE = frozenset({
    "bureau", "centre", "comite", "commissariat", "conseil", "departement", "etablissement",
    "etat", "groupement", "haut", "institut", "ministere", "observatoire", "office", "pole",
    "reseau", "secretariat", "service", "syndicat",
})  # fmt: skip
# Acronyms read letter by letter that open with a consonant: their gender, known here.
ACRONYMS = {"DGCL": "la", "CAF": "la", "CPAM": "la", "DRAC": "la", "DDT": "la", "DDTM": "la",
            "DDETS": "la", "DREETS": "la", "CGET": "le", "CDC": "la", "BPI": "la"}
VOWELS = "aeiouyàâäéèêëîïôöùûüœh"
# Letters whose spelt name opens with a vowel sound: « l'ANCT », « l'ORIV », « l'IREV ».
VOWEL_LETTERS = "AEFHILMNORSX"
_ACCENTS = str.maketrans("àâäéèêëîïôöùûüç", "aaaeeeeiioouuuc")
_NESTED = re.compile(r"\(([^()]*)\(([^()]*)\)([^()]*)\)")


def article(name: str) -> str:
    """« l'Agence nationale… », « le Conseil… », « la Direction… », « l'ANCT », and the
    name alone when it takes no article (« France Travail », « Rennes »)."""
    first = name.split(" ", 1)[0]
    if _acronym(first):
        if first[0] in VOWEL_LETTERS:
            return f"l’{name}"
        return f"{ACRONYMS[first]} {name}" if first in ACRONYMS else name
    head = first.lower().translate(_ACCENTS)
    if head not in FEMININE and head not in MASCULINE:
        return name
    if head[0] in VOWELS:
        return f"l’{name}"
    return f"{'la' if head in FEMININE else 'le'} {name}"


def with_preposition(preposition: str, name: str) -> str:
    """« à l'ANCT », « au Conseil… », « pour la Direction… », « du Ministère… »."""
    named = article(name)
    contracted = {("à", "le "): "au ", ("de", "le "): "du "}
    for (word, start), replacement in contracted.items():
        if preposition == word and named.startswith(start):
            return replacement + named[len(start):]
    if preposition == "de" and named[:1].lower() in VOWELS:
        return f"d’{named}"
    return f"{preposition} {named}"


def pour(name: str) -> str:
    return with_preposition("pour", name)


def a(name: str) -> str:
    return with_preposition("à", name)


def aside(text: str) -> str:
    """``text`` in parentheses, inner ones turned into commas: « (Île-de-France,
    Seine-Saint-Denis) », never « (Île-de-France (Seine-Saint-Denis)) »."""
    return f"({flatten(text)})"


def flatten(text: str) -> str:
    """Parentheses inside ``text`` become commas when ``text`` goes in parentheses."""
    text = text.strip()
    while (match := re.search(r"\s*\(([^()]*)\)", text)) is not None:
        text = f"{text[:match.start()]}, {match.group(1)}{text[match.end():]}"
    return text


def has_nested_parentheses(text: str) -> bool:
    return _NESTED.search(text) is not None


def description(network: str, recipient: str, year: int) -> str:
    """The document's description (HTML, PDF subject, DOCX comments)."""
    return f"Contribution du {network} {pour(recipient)}, {year}"


# Straight apostrophes, as the writers' Markdown has them: typography makes them ’ later.
METHOD_OPENING = ("Cette contribution s'appuie sur le travail d'observation et de capitalisation "
                  "des centres de ressources politique de la ville.")
SAME_OPENING_WORDS = 6  # an introduction's sentence opening with these: the same sentence


def method_opening(introduction: str | None) -> str:
    """The method section's opening sentence, or nothing when the editorial team's
    introduction already has a sentence that opens alike (the example's « La démarche »
    did: two sections in a row then opened with the same sentence)."""
    head = _words(METHOD_OPENING)[:SAME_OPENING_WORDS]
    sentences = re.split(r"(?<=[.!?…])\s+|\n\s*\n", introduction or "")
    if any(_words(sentence)[:SAME_OPENING_WORDS] == head for sentence in sentences):
        return ""
    return METHOD_OPENING


def _words(text: str) -> list[str]:
    """Lower-case words, apostrophes alike (the writer's ' and the code's ’), Markdown's
    emphasis and list marks left out."""
    return re.findall(r"\w+", text.replace("’", "'").lower())


def method(notes: int, centres: int, recipient: str) -> str:
    """The method chapter's first sentence after its opening one: how many notes, by how
    many centres, handed to whom. Never opens with a digit."""
    if notes == 0:
        return ("Aucune note d’observation n’a encore été retenue pour cette contribution ; "
                f"elle sera remise {a(recipient)}.")
    written = "rédigée" if notes == 1 else "rédigées"
    read = "a été lue" if notes == 1 else "ont été lues côte à côte"
    by = plural(centres, "centre de ressources", "centres de ressources")
    return (f"Au total, {plural(notes, 'note')} d’observation, {written} par {by}, {read} : "
            "ce regard croisé a permis de dégager des enseignements, mis en débat au sein "
            f"du réseau avant d’être remis {a(recipient)}.")


def centre_label(name: str, region: str | None) -> str:
    """« Profession Banlieue (Île-de-France, Seine-Saint-Denis) »."""
    return f"{name} {aside(region)}" if region else name


def recipient_line(recipient: str) -> str:
    return f"À l’attention de{NBSP}: {recipient}"


def _acronym(word: str) -> bool:
    letters = word.replace("-", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()

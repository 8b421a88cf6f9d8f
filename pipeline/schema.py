"""The fields of a note, of a contribution and of the registry, declared once.

Validation reads these declarations (types, required, allowed values) and so
does the writer's guide (``python -m pipeline guide`` prints the field table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "text_list", "id", "id_list", "date", "choice", "place", "year",
               "records", "yes_no", "colors", "texts", "numbers"]
# (the last three: a mapping of names, ``choices``)

STATUSES = ("brouillon", "a-relire", "valide")
# The keys of a ``place`` (``territoire``): the commune is matched to the official
# geography (pipeline/geography.py); the département tells homonyms apart.
PLACE_KEYS = ("commune", "quartier", "departement")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    required: bool
    description: str  # French: shown to writers
    example: str
    choices: tuple[str, ...] = ()  # a choice's values; a mapping's names (none: any name)
    label: str = ""  # French label in the Word template's metadata table


NOTE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("titre", "text", True, "Le titre de la note, tel qu'il paraîtra dans la publication.",
              "Une résidence d'artistes au cœur du Neuhof", label="Titre"),
    FieldSpec("crpv", "id", True, "L'identifiant de votre centre de ressources, tel qu'il figure "
              "dans contributions/reseau.yaml (le nom de votre dossier dans sources/).",
              "oriv", label="CRPV"),
    FieldSpec("auteurs", "text_list", True, "Les personnes qui ont rédigé la note (au moins une).",
              "[Camille Martin, Louis Bernard]", label="Auteurs"),
    FieldSpec("contribution", "id_list", True, "La contribution collective (ou la liste des "
              "contributions) à laquelle la note est destinée.", "culture-2024",
              label="Contribution"),
    FieldSpec("themes", "id_list", False, "Les thèmes de la contribution dont relève la note, "
              "le principal en premier. Absent : le thème est proposé d'après le texte.",
              "[acces-culture, participation]", label="Thèmes"),
    FieldSpec("personnes_citees", "text_list", False, "Les habitant·es nommé·es dans le texte "
              "qui ont accepté de l'être. Un autre nom d'habitant·e est signalé, et remplacé "
              "par ses initiales dans la version finale ; un·e professionnel·le ou un·e élu·e "
              "nommé·e avec sa fonction n'a pas besoin d'y figurer.",
              "[Aïcha Traoré, Jean Dupont]", label="Personnes citées"),
    FieldSpec("territoire", "place", False, "La commune et le quartier observés. La "
              "commune est reconnue dans le code officiel géographique (son département et "
              "sa région en découlent) ; si plusieurs communes portent ce nom (Saint-Denis), "
              "précisez le département : departement: 93 (son numéro ou son nom).",
              "{commune: Strasbourg, quartier: Neuhof}", label="Territoire"),
    FieldSpec("date", "date", True, "La date de la note, au format AAAA-MM-JJ.", "2024-03-12",
              label="Date"),
    FieldSpec("statut", "choice", True, "Où en est la note : brouillon (laissée de côté), "
              "a-relire, valide (seules les notes validées entrent dans la version finale).",
              "a-relire", choices=STATUSES, label="Statut"),
    FieldSpec("identifiant", "id", False, "L'identifiant permanent de la note, que new-note "
              "écrit : son adresse sur le site du réseau (notes/<identifiant>/). Il ne change "
              "plus une fois la note publiée, même si le fichier est renommé ou la note "
              "retitrée ; deux notes ne peuvent pas avoir le même.",
              "oriv-2024-residence-neuhof", label="Identifiant"),
    FieldSpec("hors_site", "yes_no", False, "oui : la note reste hors du site public du réseau, "
              "même validée (elle figure toujours dans les documents de la contribution).",
              "oui", label="Hors site"),
)

CONTRIBUTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("titre", "text", True, "Titre de la contribution.",
              "Culture et politique de la ville"),
    FieldSpec("sous_titre", "text", False, "Sous-titre.",
              "Ce que la culture apporte aux quartiers"),
    FieldSpec("annee", "year", True, "Année de la contribution.", "2024"),
    FieldSpec("destinataire", "text", True, "Destinataire.", "ANCT"),
    FieldSpec("questions", "text_list", True, "Les questions auxquelles elle répond.",
              "[Qu'est-ce que la culture apporte aux quartiers ?]"),
    FieldSpec("themes", "records", True, "Les thèmes, dans l'ordre des chapitres.", "[…]"),
    FieldSpec("publication", "date", False, "La date de publication sur le site du réseau "
              "(AAAA-MM-JJ). Absente : la contribution n'y paraît pas. python -m pipeline site "
              "fait sa version finale, dont le site reprend les notes validées.", "2025-01-15"),
    FieldSpec("hors_site", "yes_no", False, "oui : la contribution (et celles de ses notes qui "
              "n'appartiennent à aucune autre contribution publiée) reste hors du site, même "
              "avec une date de publication.", "oui"),
)

THEME_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", True, "Identifiant du thème.", "acces-culture"),
    FieldSpec("titre", "text", True, "Titre du chapitre.", "L'accès à la culture"),
    FieldSpec("description", "text", False, "Ce que recouvre le thème.", "…"),
    FieldSpec("mots_cles", "text_list", False, "Mots-clés servant à reconnaître le thème.",
              "[médiathèque, accès]"),
)

CENTRE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", True, "Identifiant (minuscules, tirets).", "oriv"),
    FieldSpec("nom", "text", True, "Nom du centre.", "ORIV"),
    FieldSpec("region", "text", False, "Région.", "Grand Est"),
    FieldSpec("site", "text", False, "Site web.", "https://www.oriv.org"),
)


# templates/charte/charte.yaml: the network's charter, from which the DOCX reference
# document, the CSS and the logo are made.
CHARTER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("nom_reseau", "text", True, "Le nom du réseau, en toutes lettres.",
              "Réseau national des centres de ressources politique de la ville"),
    FieldSpec("sigle_reseau", "text", True, "Le sigle du réseau (logo, couverture).", "RNCRPV"),
    FieldSpec("couleurs", "colors", True, "Les couleurs, chacune en #RRGGBB.",
              "{primaire: \"#1F4E79\", …}",
              choices=("primaire", "secondaire", "texte", "discret", "fond_encadre")),
    FieldSpec("polices", "texts", True, "Les polices (noms de familles installées).",
              "{titres: Lato, texte: Lato, chasse_fixe: DejaVu Sans Mono}",
              choices=("titres", "texte", "chasse_fixe")),
    FieldSpec("tailles_pt", "numbers", True, "Les tailles de caractères, en points.",
              "{texte: 10.5, titre_1: 20, …}",
              choices=("texte", "titre_1", "titre_2", "titre_3", "titre_document",
                       "sous_titre_document")),
    FieldSpec("marges_mm", "numbers", True, "Les marges de la page, en millimètres.",
              "{haut: 25, bas: 22, gauche: 22, droite: 22}",
              choices=("haut", "bas", "gauche", "droite")),
    FieldSpec("format_page", "choice", True, "Le format de la page.", "A4",
              choices=("A3", "A4", "A5")),
)

# templates/glossaire.yaml: acronyms and what they stand for; the whole file is one
# mapping (any acronym).
GLOSSARY_FIELD = FieldSpec("glossaire", "texts", True, "Les sigles et leur développement, "
                           "un par ligne.", "ANCT: Agence nationale de la cohésion des "
                           "territoires")


def field_names(fields: tuple[FieldSpec, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in fields)

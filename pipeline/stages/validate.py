"""Validate: type each note's front matter against the schema and check its ids
against the registry and the contributions. A wrong note is reported and left out."""

from __future__ import annotations

from pipeline.coerce import coerce, suggestion
from pipeline.diagnostics import Report
from pipeline.model import Contribution, Note, RawNote, Registry, Territory
from pipeline.schema import NOTE_FIELDS
from pipeline.stages.content import PLACEHOLDERS, check_content
from pipeline.stages.load import NEW_CENTRE
from pipeline.stages.territory import check_geography_installed, official_commune, place_lines
from pipeline.yamlread import Located


def validate(raw_notes: tuple[RawNote, ...], registry: Registry,
             contributions: tuple[Contribution, ...], report: Report) -> tuple[Note, ...]:
    if raw_notes:
        check_geography_installed(report)
    notes = (validate_note(raw, registry, contributions, report) for raw in raw_notes)
    valid = tuple(note for note in notes if note is not None)
    report_same_titles(valid, report)
    return without_taken_identifiers(valid, report)


def without_taken_identifiers(notes: tuple[Note, ...], report: Report) -> tuple[Note, ...]:
    """A note's ``identifiant`` is its permanent address on the site: the first note (in
    path order) keeps it, a second one is an error and left out."""
    owners: dict[str, Note] = {}
    kept = []
    for note in sorted(notes, key=lambda n: n.path):
        owner = owners.setdefault(note.permanent_id, note) if note.permanent_id else note
        if owner is not note:
            report.error(note.path, note.lines.get("identifiant"), f"identifiant "
                         f"« {note.permanent_id} » déjà pris par {owner.path} : l'adresse "
                         "d'une note sur le site est unique ; donnez-lui un autre identifiant",
                         "note.identifiant")
        else:
            kept.append(note)
    order = {note.path: i for i, note in enumerate(notes)}
    return tuple(sorted(kept, key=lambda n: order[n.path]))


def report_same_titles(notes: tuple[Note, ...], report: Report) -> None:
    """Two notes of one contribution with the same title: readers (and reviewers' remarks
    quoted by title) cannot tell them apart."""
    seen: dict[tuple[str, str], Note] = {}
    for note in notes:
        for contribution in note.contributions:
            key = (contribution, " ".join(note.title.casefold().split()))
            first = seen.setdefault(key, note)
            if first is not note:
                report.warning(note.path, note.lines.get("titre"), f"même titre « {note.title} » "
                               f"que {first.path} dans la contribution « {contribution} » : "
                               "distinguez-les (le lecteur ne saura pas de laquelle on parle)",
                               "note.titre-double")


def validate_note(raw: RawNote, registry: Registry, contributions: tuple[Contribution, ...],
                  report: Report) -> Note | None:
    assert isinstance(raw.front_matter, Located)
    fields = coerce(NOTE_FIELDS, raw.front_matter, raw.path, report)
    v, lines = fields.values, fields.lines
    ok = fields.ok
    ok &= _check_crpv(raw, v, lines, registry, report)
    ok &= _check_contributions(raw, v, lines, contributions, report)
    ok &= _check_themes(raw, v, lines, contributions, report)
    ok &= check_content(raw, v, lines, report)
    if not ok:
        return None
    place = v.get("territoire", {})
    assert isinstance(place, dict)
    official = None
    if place.get("commune") != PLACEHOLDERS["commune"]:  # the template's: said already
        lines.update(place_lines(raw.front_matter, lines))
        official = official_commune(raw.path, place, lines, report)
    return Note(
        path=raw.path, note_id=raw.note_id, title=str(v["titre"]), crpv=str(v["crpv"]),
        authors=tuple(v["auteurs"]), contributions=tuple(v["contribution"]),
        themes=tuple(v.get("themes", ())),
        territory=Territory(place.get("commune"), place.get("quartier"),
                            place.get("departement"), official),
        date=v["date"], status=str(v["statut"]), body=raw.body, body_line=raw.body_line,
        content_hash=raw.content_hash, lines=dict(lines), media_base=raw.media_base,
        cited=tuple(v.get("personnes_citees", ())),
        permanent_id=v.get("identifiant"), off_site=bool(v.get("hors_site", False)),
    )


def _check_crpv(raw: RawNote, v: dict, lines: dict, registry: Registry, report: Report) -> bool:
    crpv = v.get("crpv")
    if crpv is None:
        return True
    if registry.get(crpv) is None:
        report.error(raw.path, lines["crpv"], f"crpv « {crpv} » inconnu"
                     f"{suggestion(crpv, registry.ids())} ; {NEW_CENTRE}", "note.crpv")
        return False
    if raw.folder and raw.folder != crpv:
        report.warning(raw.path, lines["crpv"], f"la note est rangée dans « {raw.folder} » mais "
                       f"déclare crpv « {crpv} »", "note.dossier")
    return True


def _check_contributions(raw: RawNote, v: dict, lines: dict,
                         contributions: tuple[Contribution, ...], report: Report) -> bool:
    known = [c.id for c in contributions]
    ok = True
    for contribution_id in v.get("contribution", ()):
        if contribution_id not in known:
            report.error(raw.path, lines["contribution"], f"contribution « {contribution_id} » "
                         f"inconnue{suggestion(contribution_id, known)}", "note.contribution")
            ok = False
    return ok


def _check_themes(raw: RawNote, v: dict, lines: dict, contributions: tuple[Contribution, ...],
                  report: Report) -> bool:
    """A theme id must exist in at least one of the note's contributions."""
    named = [c for c in contributions if c.id in v.get("contribution", ())]
    candidates = [t for c in named for t in c.theme_ids()]
    ok = True
    for theme_id in v.get("themes", ()):
        if named and theme_id not in candidates:
            where = ", ".join(f"« {c.id} »" for c in named)
            report.error(raw.path, lines["themes"], f"thème « {theme_id} » inconnu dans {where}"
                         f"{suggestion(theme_id, candidates)}", "note.theme")
            ok = False
    return ok

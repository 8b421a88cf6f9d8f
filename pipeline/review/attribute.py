"""Which note a remark falls in — by the bookmarks around it only, with the anchors of
the draft the reviewer worked on — and which line of the note it concerns: found in
the note as it was sent, then carried over to the note's current text. A remark that
cannot be placed says why; nothing is ever guessed from a title."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.outputs.contract import anchor_level, current, style_key
from pipeline.outputs.docx.anchors import Anchor
from pipeline.review.drafts import Draft, current_text
from pipeline.review.lines import Source, carry, source_of_text
from pipeline.review.model import Place, Remark
from pipeline.workspace import Workspace


@dataclass(frozen=True)
class Target:
    """Where a remark is reported: a note (path, line) or a chapter, and how."""

    path: str | None
    crpv: str | None
    centre: str | None
    title: str | None
    line: int | None  # in the note's current text
    chapter: str
    sent_line: int | None = None  # in the note as sent
    placement: str = ""  # why it is not placed, or what changed since it was made

    @property
    def placed(self) -> bool:
        return self.path is not None


@dataclass(frozen=True)
class Attributed:
    remark: Remark
    target: Target


def unplaced(remark: Remark, reason: str) -> Attributed:
    chapter = remark.place.chapter if remark.place is not None else ""
    return Attributed(remark, Target(None, None, None, None, None, chapter, placement=reason))


class Attributor:
    """Places the remarks of one file, made on ``draft``."""

    def __init__(self, workspace: Workspace, draft: Draft, bookmarks_found: bool) -> None:
        self.workspace = workspace
        self.draft = draft
        self.by_name = {a.name: a for a in draft.anchors}
        self.bookmarks_found = bookmarks_found
        self.texts: dict[str, tuple[str | None, str | None]] = {}

    def attribute_all(self, remark: Remark) -> list[Attributed]:
        """The remark where it starts and, when it also concerns another note (a
        comment over two notes, a paragraph moved to another note), there too, each
        saying so; a move within a note says where the text went."""
        first = self.attribute(remark)
        found = [first]
        for place, offset in remark.also:
            other = self.attribute(replace(remark, place=place, offset=offset, also=()))
            if remark.kind == "déplacement":
                found = self._moved(first, other)
            elif other.target.placed and other.target.path != first.target.path:
                found[0] = _noted(found[0], f"porte aussi sur {_note(other.target)}")
                found.append(_noted(other, f"porte aussi sur {_note(first.target)}"))
        return found

    @staticmethod
    def _moved(departure: Attributed, arrival: Attributed) -> list[Attributed]:
        where = arrival.target
        if where.placed and where.path == departure.target.path:
            return [_noted(departure, f"déplacé vers la ligne {where.line}"
                           if where.line is not None else "déplacé dans la note")]
        if not where.placed:
            return [_noted(departure, "déplacé hors des notes" +
                           (f" (chapitre « {where.chapter} »)" if where.chapter else ""))]
        found = [_noted(departure, f"déplacé vers {_note(where)}")]
        found.append(_noted(arrival, f"déplacement venu de {_note(departure.target)}")
                     if departure.target.placed else arrival)
        return found

    def attribute(self, remark: Remark) -> Attributed:
        place = remark.place
        if place is None:
            return unplaced(remark, "non placée : hors du texte (en-tête, pied de page, note "
                            "de bas de page…)")
        anchor = self._anchor(place)
        if anchor is None:
            return unplaced(remark, self._why_not(place))
        target = Target(anchor.path, anchor.crpv, anchor.centre, anchor.title, None,
                        place.chapter)
        if not anchor.path.endswith(".md"):
            return Attributed(remark, target)  # a Word or LibreOffice note has no lines
        sent, now = self._texts(anchor.path)
        if now is None:
            return Attributed(remark, _with(target, None, None, "note supprimée depuis l'envoi"
                                            if self.draft.sent else "note introuvable"))
        sent_source, now_source = _source(sent), _source(now)
        if sent_source is None or now_source is None:
            return Attributed(remark, target)  # a Word or LibreOffice note has no lines
        if self._on_heading(place, anchor):
            return Attributed(remark, _with(target, now_source.title_line,
                                            sent_source.title_line, ""))
        sent_line = sent_source.line_of(place.text, remark.offset)
        carried = carry(sent or "", now, sent_line)
        if carried.line is None:
            return Attributed(remark, _with(target, None, sent_line, "passage supprimé depuis "
                                            f"l'envoi (ligne {sent_line} du texte envoyé)"))
        note = f"passage modifié depuis l'envoi (ligne {sent_line} du texte envoyé)" \
            if carried.changed else ""
        return Attributed(remark, _with(target, carried.line, sent_line, note))

    def _anchor(self, place: Place) -> Anchor | None:
        if style_key(place.style) == style_key(current().see_also):
            return None  # the chapter's « voir aussi », after its last note
        return next((self.by_name[n] for n in reversed(place.anchors) if n in self.by_name), None)

    def _why_not(self, place: Place) -> str:
        ours = [n for n in place.anchors if anchor_level(n) is not None]
        if ours:
            return f"non placée : repère « {ours[-1]} » inconnu du {self.draft.label}"
        if not self.bookmarks_found and self.by_name:
            return ("non placée : le fichier n'a plus les repères des notes (signets "
                    "supprimés ?) ; retrouvez la note d'après le texte cité")
        where = f"chapitre « {place.chapter} »" if place.chapter else "avant le premier chapitre"
        return f"hors des notes ({where})"

    def _texts(self, path: str) -> tuple[str | None, str | None]:
        if path not in self.texts:
            now = current_text(self.workspace, path)
            sent = self.draft.note_text(self.workspace, path)
            self.texts[path] = (sent if sent is not None else now, now)
        return self.texts[path]

    @staticmethod
    def _on_heading(place: Place, anchor: Anchor) -> bool:
        from pipeline.outputs.docx.anchors import comparable

        meta = style_key(place.style) == style_key(current().note_meta)
        return meta or (place.level == anchor.level and
                        comparable(place.text) == comparable(anchor.heading))


def _note(target: Target) -> str:
    line = f", ligne {target.line}" if target.line is not None else ""
    return f"la note « {target.title} » ({target.path}{line})"


def _noted(found: Attributed, note: str) -> Attributed:
    placement = f"{found.target.placement} ; {note}" if found.target.placement else note
    return Attributed(found.remark, replace(found.target, placement=placement))


def _source(text: str | None) -> Source | None:
    return source_of_text(text) if text is not None else None


def _with(target: Target, line: int | None, sent_line: int | None, placement: str) -> Target:
    return Target(target.path, target.crpv, target.centre, target.title, line, target.chapter,
                  sent_line, placement)

"""The records handed from stage to stage. Frozen: a stage makes new records, it
never edits the previous stage's. Each record knows the file it came from, and
notes know the line of each field, so any stage can point at the writer's file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline.geography import Commune


@dataclass(frozen=True)
class Centre:
    id: str
    name: str
    region: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Registry:
    centres: tuple[Centre, ...]

    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.centres)

    def get(self, centre_id: str) -> Centre | None:
        return next((c for c in self.centres if c.id == centre_id), None)


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contribution:
    id: str
    path: str  # contributions/<id>/contribution.yaml
    title: str
    subtitle: str | None
    year: int
    recipient: str
    questions: tuple[str, ...]
    themes: tuple[Theme, ...]
    introduction: str | None = None  # Markdown of introduction.md
    lessons: str | None = None  # Markdown of enseignements.md
    published: date | None = None  # ``publication``: on the network's site from that day
    off_site: bool = False  # ``hors_site``
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)


@dataclass(frozen=True)
class Territory:
    commune: str | None = None  # as the writer wrote it
    quartier: str | None = None
    departement: str | None = None  # as written, to tell homonyms apart
    official: Commune | None = field(default=None, compare=False)  # found in the COG

    def label(self) -> str:
        return ", ".join(p for p in (self.commune, self.quartier) if p)


@dataclass(frozen=True)
class RawNote:
    """A note file as read: its front matter still untyped (load stage)."""

    path: str  # relative to the workspace: sources/oriv/residence-neuhof.md
    note_id: str  # oriv/residence-neuhof
    folder: str  # the CRPV folder it sits in
    front_matter: object  # a yamlread.Located mapping
    body: str
    body_line: int  # line of the body's first line in the file (0: a Word/LibreOffice note)
    content_hash: str
    media_base: str | None = None  # a Word/LibreOffice note's extracted images (build/_office/…)


@dataclass(frozen=True)
class Note:
    """A valid note (validate stage)."""

    path: str
    note_id: str
    title: str
    crpv: str
    authors: tuple[str, ...]
    contributions: tuple[str, ...]
    themes: tuple[str, ...]
    territory: Territory
    date: date
    status: str
    body: str
    body_line: int
    content_hash: str
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    media_base: str | None = None  # where its images are, when not beside the note
    cited: tuple[str, ...] = ()  # personnes_citees: people who may be named
    permanent_id: str | None = None  # ``identifiant``: its address on the site
    off_site: bool = False  # ``hors_site``

    @property
    def image_base(self) -> str:
        """The folder the note's images are relative to (workspace-relative)."""
        return self.media_base or self.path.rpartition("/")[0]


@dataclass(frozen=True)
class Placement:
    """Where a note goes in one contribution, and why (enrich stage)."""

    note: Note
    contribution_id: str
    themes: tuple[str, ...]  # empty: « À classer »
    how: str  # "déclarés" | "proposé" | "à classer"
    reason: str = ""
    score: float = 0.0  # of its first theme, or of the best one (pipeline/language/themes.py)
    matched: str = ""  # the keywords found for that theme: « médiathèque ×3, tarif »

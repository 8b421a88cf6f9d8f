"""Nothing unpublished anywhere in build/site/: every file written there is read (HTML,
Atom feeds, CSL-JSON, the final editions' DOCX and PDF, Pagefind's compressed index,
fragments, filters and metadata) for a resident's full name, the notes not published
(their titles and every paragraph), a reviewer's remarks, the draft's « PROJET » and
internal paths. Each secret is first shown to be in the workspace, so that its absence
from the site means something."""

from __future__ import annotations

from tests.site.published import REVIEWED, secrets
from tests.site.walking import Words, leaks, texts


def test_every_kind_of_file_is_read(site_built):
    read = [path for path, _ in texts(site_built / "build" / "site")]
    for kind in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta", ".xml", ".json",
                 ".docx", ".pdf", ".html"):
        assert any(path.endswith(kind) for path in read), kind


def test_the_secrets_are_in_the_workspace(site_built):
    remarks = (site_built / "build" / REVIEWED / "revue.html").read_text(encoding="utf-8")
    assert "Quetzalcoatl" in remarks and "Zanzibar" in remarks
    draft = dict(texts(site_built / "build" / REVIEWED))[f"{REVIEWED}.docx"]
    assert "PROJET" in draft and "Fatima Benali" in draft
    unpublished = [k for k in secrets(site_built) if k.startswith("titre de")]
    assert len(unpublished) >= 4  # a draft, a note to review, one off the site, one internal


def test_no_file_of_the_site_holds_anything_unpublished(site_built):
    found = leaks(site_built / "build" / "site", secrets(site_built))
    editions = (".pdf", ".docx")
    assert {what: [p for p in where if not p.endswith(editions)]
            for what, where in found.items()} == {what: [] for what in found}
    # the final editions (PDF, DOCX) hold every valid note, those kept off the site too
    assert {what: where for what, where in leaks(
        site_built / "build" / "site", secrets(site_built, off_site=False)).items()} == {}


def test_the_resident_s_note_is_published_with_initials(site_built):
    found = leaks(site_built / "build" / "site", {
        "sentence": Words("F. B., habitante du quartier, participe aux ateliers")})
    assert "notes/est-2024-neuhof/index.html" in found["sentence"]
    assert any(p.endswith(".pf_fragment") for p in found["sentence"])  # and searchable

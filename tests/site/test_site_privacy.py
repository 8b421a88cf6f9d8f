"""Nothing unpublished anywhere in build/site/: every file written there is read (HTML,
Atom feeds, CSL-JSON, the final editions' DOCX and PDF, Pagefind's compressed index,
fragments, filters and metadata) for a resident's full name, the notes not yet valid
(their titles and text), a reviewer's remarks, the draft's « PROJET » and internal
``sources/`` paths."""

from __future__ import annotations

from tests.site.walking import Words, leaks, texts


def test_every_kind_of_file_is_read(published):
    assert published.code in (0, 1)
    read = [path for path, _ in texts(published.site)]
    for kind in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta", ".xml", ".json",
                 ".docx", ".pdf", ".html"):
        assert any(path.endswith(kind) for path in read), kind  # every kind is read


def test_no_file_of_the_site_holds_anything_unpublished(published):
    assert leaks(published.site, published.secrets) == {}


def test_the_resident_s_note_is_published_with_initials(published):
    found = leaks(published.site, {
        "sentence": Words("habitante du quartier, a planté le premier potager de la résidence")})
    notes = [p for p in found.get("sentence", []) if p.startswith("notes/")]
    assert notes  # the note is there, only the name went

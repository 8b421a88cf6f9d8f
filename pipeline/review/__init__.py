"""``review``: the reviewers' comments and tracked changes in the DOCX drafts,
brought back to the notes (source path and line) they concern."""

"""Review rounds: the drafts recorded as sent (``envois/<id>/<date>/``), which the
review places remarks with and the changes file compares the new draft to."""

"""French typographic conventions for what the pipeline writes itself."""

from __future__ import annotations

from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
NBSP = "\u00a0"


def french_date(day: date) -> str:
    """« 12 mars 2024 », « 1er mars 2024 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number}{NBSP}{MONTHS[day.month - 1]} {day.year}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{count}{NBSP}{word}"

"""What every command shares, below the command line: its exit codes and the one
date of a run."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

OK, BAD_INPUT, CANNOT_RUN = 0, 1, 2  # all good; some input was wrong; could not run
# How a command is written when a message or a page tells someone to run it: from the
# workspace, with the project's own environment (a bare « python » lacks its packages).
COMMAND = ".venv/bin/python -m pipeline"


def build_date() -> date:
    """The one date of a build: ``SOURCE_DATE_EPOCH`` when set, for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()

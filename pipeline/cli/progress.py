"""What a build shows while it runs: a live display on a terminal (rich), plain
lines otherwise (a log, CI), nothing with ``-q``, and with ``-v`` the time each stage
took too."""

from __future__ import annotations

import sys
from types import TracebackType

from pipeline.typography import french_spacing


class BuildProgress:
    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.live = sys.stderr.isatty() and not quiet
        self.status = None
        self.console = None

    def __call__(self, message: str, *, detail: bool = False) -> None:
        if self.quiet or (detail and not self.verbose):
            return
        message = french_spacing(message)
        if not self.live:
            print(message, file=sys.stderr, flush=True)
            return
        if self.status is None:  # started by the first message: quick builds show none
            from rich.console import Console

            self.console = Console(stderr=True)
            self.status = self.console.status("Construction en cours…")
            self.status.start()
        self.console.print(f"[green]✓[/green] {message}", highlight=False)

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.status is not None:
            self.status.stop()

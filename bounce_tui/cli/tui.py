"""Opening the full-screen app: the only path that imports Textual."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bounce_tui.cli.common import EXIT_CRASHED, AppOnly, database_path

if TYPE_CHECKING:
    import argparse


def open_tui(args: argparse.Namespace | AppOnly, start: str = "main") -> int:
    """Open the full-screen app (the only path that imports Textual)."""
    db_path = database_path(args)  # a mistyped --db is refused before Textual is even imported
    from bounce_tui import collector_pause  # paused by `run`; the app resumes it
    from bounce_tui.stop_signals import keep_early_keys, restore_terminal

    terminal = keep_early_keys()
    try:
        from bounce_tui.store.read.early import EarlyRead

        # The person's data is read while Textual and the screens are imported.
        early = EarlyRead(db_path, lambda: datetime.now(timezone.utc), tz=None)
        from bounce_tui.app import BounceApp
        from bounce_tui.background_sync import LOOK_SECONDS

        app = BounceApp(db_path=db_path, start=start, early=early, sync_seconds=LOOK_SECONDS)
        app.run()
    finally:
        collector_pause.resume()
        restore_terminal(terminal)
    app.stop_signals.stopped_cleanly()
    if app.return_code:  # stopped by an unexpected error (the report is printed)
        return EXIT_CRASHED
    if app.stop_signals.received is not None:
        return 128 + app.stop_signals.received
    _sync_on_quit(db_path)
    return 0


def _sync_on_quit(db_path: Path) -> None:
    """The last sync, once the terminal is back: the other computers get today's entries."""
    from bounce_tui.store.sync import is_set_up

    if not is_set_up(db_path):  # most databases do not sync: nothing more is loaded
        return
    from bounce_tui.store.sync.watch import sync_on_quit

    problem = sync_on_quit(db_path, datetime.now(timezone.utc))
    if problem is not None:
        sys.stderr.write(f"bounce: could not sync on quit: {problem}\n")


def cmd_review(args: argparse.Namespace) -> int:
    return open_tui(args, start="review")

"""`bounce demo`: the app on a sample job hunt in a private temporary folder.

The sample (`demo_data.py`) is written relative to the current clock, the app opens
on it, and the folder is removed when the app closes. The person's own database is
never opened: `--db` is refused and BOUNCE_DB is not read.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from bounce_tui.cli.common import EXIT_CRASHED, UsageError, say

__all__ = ["cmd_demo", "run_app"]


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the sample in a temporary folder, open the app on it, then remove the folder."""
    if args.db is not None:
        raise UsageError(
            "bounce demo never opens your own database; leave out --db (nothing was opened)"
        )
    from bounce_tui.demo_data import build_demo

    folder = Path(tempfile.mkdtemp(prefix="bounce-demo-"))  # mode 0700, only yours
    try:
        db_path = folder / "bounce.db"
        say("Making a sample job hunt to look around in (it is removed when you quit)…")
        sys.stdout.flush()
        build_demo(db_path, datetime.now(timezone.utc))
        return run_app(db_path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open_app(db_path: Path) -> int:
    """Run the full-screen app on `db_path` until it closes; its exit status."""
    from bounce_tui.stop_signals import keep_early_keys, restore_terminal

    terminal = keep_early_keys()
    try:
        from bounce_tui.app import BounceApp

        app = BounceApp(db_path=db_path)
        app.run()
    finally:
        restore_terminal(terminal)
    app.stop_signals.stopped_cleanly()
    if app.return_code:
        return EXIT_CRASHED
    if app.stop_signals.received is not None:
        return 128 + app.stop_signals.received
    return 0


#: What opens the app; tests put a headless stand-in here.
run_app: Callable[[Path], int] = _open_app

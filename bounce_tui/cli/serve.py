"""`bounce serve`: the app in a browser tab, served from this computer.

The server is textual-serve (the `web` extra), wrapped in `web_serve.py`. Each page
runs `python -m bounce_tui --db FILE` on the database this command would open
(--db, else BOUNCE_DB, else the default), so the browser shows the person's own
entries. It listens on 127.0.0.1 unless `--host` names another address, and then
says on stderr that anyone who can reach it can read and change the entries.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from bounce_tui.cli.common import UsageError, database_path

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "INSTALL_HINT", "app_command", "cmd_serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = (
    'bounce serve needs textual-serve, which is not installed: pip install "bounce-tui[web]"'
)


def app_command(db_path: Path) -> str:
    """The shell command each page runs: this Python, this bounce, this database."""
    words = [sys.executable, "-m", "bounce_tui", "--db", os.path.abspath(db_path)]
    return " ".join(shlex.quote(word) for word in words)


def _checked_address(host: str | None, port: int) -> tuple[str, bool]:
    """The host to bind and whether it was named with --host; refuses unusable values."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be from 1 to 65535 (or 0 for any free port), not {port}")
    if host is None:
        return DEFAULT_HOST, False
    if not host or any(ch.isspace() or not ch.isprintable() or ch in "/@?#" for ch in host):
        raise UsageError("--host takes an address such as 127.0.0.1, or a host name")
    return host, True


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app on http://HOST:PORT/ until ctrl+c."""
    host, named = _checked_address(args.host, args.port)
    db_path = database_path(args)  # a mistyped --db is refused before anything starts
    try:
        from bounce_tui import web_serve
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    if named and not web_serve.is_loopback(host):
        sys.stderr.write(
            f"bounce: warning: listening on {host}, not only on this computer: anyone who "
            "can reach this address can read and change your entries\n"
        )
        sys.stderr.flush()
    server = web_serve.LocalServer(app_command(db_path), host, args.port)
    try:
        server.serve()
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host} port {args.port}: {exc.strerror or exc}"
        ) from None
    return 0

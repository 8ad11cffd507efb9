"""`bounce config regroup`: a copy of the built-in regroup template to edit."""

from __future__ import annotations

import argparse
import os

from bounce_tui.cli import UsageError, _out, _shown

__all__ = ["cmd_config"]


def cmd_config(args: argparse.Namespace) -> int:
    """Write the built-in regroup template into the config folder, never over a file."""
    from bounce_tui import paths, resources

    folder = paths.ensure_private_dir(paths.config_dir())
    target = folder / resources.REGROUP_FILENAME
    text = resources.asset_text(resources.REGROUP_FILENAME)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        raise UsageError(f"{target} already exists; edit it, or move it away first") from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    _out(f"wrote {_shown(target)}; edit it, and new rejections get your checklist.")
    return 0

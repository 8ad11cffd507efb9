"""The strip's quiet sync mark: when this computer last synced, and any conflict."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import NamedTuple

from bounce_tui.domain.dates import local_time

__all__ = ["SyncMark", "sync_mark"]


class SyncMark(NamedTuple):
    """The mark's words, and whether it asks for a look (a conflict, a sync that failed)."""

    text: str
    warn: bool = False


def sync_mark(
    last_sync: datetime | None,
    conflicts: int,
    problem: str | None,
    now: datetime,
    tz: tzinfo | None = None,
) -> SyncMark:
    """The mark for a database that syncs: "synced 14:02", "synced 3 Dec", "not synced"."""
    if problem is not None:
        text, warn = "not synced", True
    elif last_sync is None:
        text, warn = "not synced yet", False
    else:
        when, today = local_time(last_sync, tz), local_time(now, tz)
        if when.date() == today.date():
            text = f"synced {when:%H:%M}"
        else:
            text = f"synced {when.day} {when:%b}"
        warn = False
    if conflicts > 0:
        text += f" · {conflicts} conflict{'s' if conflicts != 1 else ''}"
        warn = True
    return SyncMark(text, warn)

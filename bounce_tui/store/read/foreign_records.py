"""Entries from other tools (Daylio, jrnl) as a bounce export, for the one import path.

The entries' local wall-clock times are read in the person's zone (the clock's
`tz`) and the rows are written exactly as `bounce export` writes them, so the
import checks them with the entry rules and merges them by id in one transaction
like any export (`exchange`, `import_merge`). Each row's `created_at` and
`updated_at` are its own moment: a re-import is never newer than what is stored,
so it adds nothing and changes nothing (not even an entry edited in bounce since).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from bounce_tui import __version__
from bounce_tui.domain.dates import check_moment_in_range, from_local, local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.import_entries import ImportedCheckin, ImportedLesson
from bounce_tui.domain.lessons import new_card, validate_category
from bounce_tui.store.file.migrations import SCHEMA_VERSION
from bounce_tui.store.read.exchange import EXPORT_FORMAT, EXPORT_KIND

__all__ = ["as_export"]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _moment(wall: datetime, tz: tzinfo | None, now: datetime, where: str) -> datetime:
    """The UTC moment of a local wall time; never later than now."""
    try:
        moment = check_moment_in_range(from_local(wall, tz), "the time")
    except DomainError as exc:
        raise DomainError(f"{where}: {exc}") from None
    except (OverflowError, OSError, ValueError):
        raise DomainError(f"{where}: {wall:%Y-%m-%d %H:%M} is out of range") from None
    if moment > to_utc(now):
        raise DomainError(f"{where}: {wall:%Y-%m-%d %H:%M} is later than now")
    return moment


def _checkin(entry: ImportedCheckin, tz: tzinfo | None, now: datetime) -> dict[str, Any]:
    at = _moment(entry.wall, tz, now, entry.where)
    return {
        "id": entry.record_id,
        "created_at": _stamp(at),
        "updated_at": _stamp(at),
        "mood": entry.mood,
        "energy": None,
        "note": entry.note,
        "tags": list(entry.tags),
        "at": _stamp(at),
        "day": local_day(at, tz).isoformat(),
    }


def _lesson(
    entry: ImportedLesson, tz: tzinfo | None, now: datetime, category: str
) -> dict[str, Any]:
    at = _moment(entry.wall, tz, now, entry.where)
    card = new_card(at)
    return {
        "id": entry.record_id,
        "created_at": _stamp(at),
        "updated_at": _stamp(at),
        "text": entry.text,
        "prompt": entry.prompt,
        "theme_id": None,
        "category": category,
        "tags": list(entry.tags),
        "rejection_id": None,
        "recurring": False,
        "due": _stamp(card.due),
        "stability": card.stability,
        "difficulty": card.difficulty,
        "card_state": card.state,
        "card_step": card.step,
        "last_review": None,
    }


def as_export(
    entries: Sequence[ImportedCheckin] | Sequence[ImportedLesson],
    *,
    tz: tzinfo | None,
    now: datetime,
    where: str,
    category: str = "interview",
) -> dict[str, Any]:
    """The entries as a bounce export holding check-ins or lessons (DomainError: a time
    later than now or outside 1970-2100, naming the entry's place in `where`)."""
    checkins: list[dict[str, Any]] = []
    lessons: list[dict[str, Any]] = []
    category = validate_category(category)
    for entry in entries:
        try:
            if isinstance(entry, ImportedCheckin):
                checkins.append(_checkin(entry, tz, now))
            else:
                lessons.append(_lesson(entry, tz, now, category))
        except DomainError as exc:
            raise DomainError(f"{where} {exc}") from None
    records = {"checkin": checkins} if checkins else {}
    if lessons:
        records["lesson"] = lessons
    return {
        "kind": EXPORT_KIND,
        "format": EXPORT_FORMAT,
        "schema": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": _stamp(to_utc(now)),
        "records": records,
    }

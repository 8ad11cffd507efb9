"""Check-ins from the shell beyond a new one: the list, corrections, and skipped days.

`bounce checkins [--since DATE]`, `bounce checkin --edit ID …`, `bounce checkin
--delete ID` and `bounce skip [--on DATE] [-n REASON]`. Shares `common.py`'s helpers
(one line per mistake, exit 2, nothing written).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta

from bounce_tui.cli.common import (
    MAX_TEXT,
    UsageError,
    check_texts,
    database_path,
    open_store,
    reading_path,
    say,
    utc_now,
)

__all__ = ["cmd_checkins", "cmd_skip", "edit_or_delete", "save_checkin"]

#: How far back `bounce checkins` lists without --since.
DEFAULT_DAYS = 14


def cmd_checkins(args: argparse.Namespace) -> int:
    """List check-ins, newest first, with ids to correct them by."""
    from bounce_tui.domain.checkins import energy_label, mood_label
    from bounce_tui.domain.dates import local_day, local_time, parse_day
    from bounce_tui.domain.text import one_line

    today = local_day(utc_now())
    since = (
        parse_day(args.since, today, "past")
        if args.since
        else today - timedelta(days=DEFAULT_DAYS - 1)
    )
    from bounce_tui.store import quick

    found = quick.since(reading_path(args), since)
    if found is None:
        found = open_store(args, reading=True).checkins.since(since)
    if not found:
        say(f"no check-ins since {since.isoformat()}")
        return 0
    for row in found:
        parts = [f"{row.day:%a %d %b}", local_time(row.at).strftime("%H:%M"),
                 f"{mood_label(row.mood)} ({row.mood})"]  # fmt: skip
        if row.energy is not None:
            parts.append(f"energy: {energy_label(row.energy)}")
        if row.note:
            parts.append(f"“{one_line(row.note, 50)}”")
        if row.tags:
            parts.append(" ".join("#" + one_line(tag, 20) for tag in row.tags))
        say("  ".join(parts) + f"  id {row.checkin_id[:8]}")
    return 0


def edit_or_delete(args: argparse.Namespace) -> int:
    """`bounce checkin --edit ID [MOOD] [-n …] [-t …] [-e …]` or `--delete ID`."""
    from bounce_tui.domain.checkins import mood_label
    from bounce_tui.domain.text import clean_id_ref, clean_tags

    if args.edit and args.delete:
        raise UsageError("give either --edit ID or --delete ID, not both")
    if args.on:
        raise UsageError("a check-in keeps its day when corrected; --on is for new ones")
    ref = clean_id_ref(args.edit or args.delete)
    if args.delete:
        if args.mood is not None or args.note or args.tags or args.energy:
            raise UsageError("--delete takes only the id")
        store = open_store(args, reading=True)
        deleted = store.checkins.delete_checkin(store.checkins.resolve_checkin(ref))
        say(f"deleted {deleted.label}.")
        return 0
    check_texts(note=(args.note or "", False, MAX_TEXT))
    tags = list(clean_tags(args.tags)) if args.tags else None
    if args.mood is None and not args.note and tags is None and args.energy is None:
        raise UsageError("say what to change: a mood, -n NOTE, -t TAG or -e ENERGY")
    store = open_store(args, reading=True)
    row = store.checkins.edit_checkin(
        store.checkins.resolve_checkin(ref),
        mood=args.mood,
        energy=args.energy,
        note=args.note or None,
        tags=tags,
    )
    say(f"corrected the check-in of {row.day.isoformat()}: {mood_label(row.mood)} ({row.mood}).")
    return 0


def cmd_skip(args: argparse.Namespace) -> int:
    """Mark a day as skipped (sick, a holiday, a deliberate break); the streak holds."""
    from bounce_tui.domain.dates import local_day, parse_day

    today = local_day(utc_now())
    day = parse_day(args.on, today, "past") if args.on else today
    check_texts(reason=(args.note, False, 500))
    from bounce_tui.store import quick

    if quick.skip_day(database_path(args), day, args.note) is None:
        open_store(args).checkins.skip_day(day, args.note)
    say(f"{day:%a %d %b} is marked as skipped; your streak holds. Rest counts too.")
    return 0


def save_checkin(
    args: argparse.Namespace, mood: int, energy: int | None, at: datetime | None
) -> tuple[date, int, tuple[int, ...], bool]:
    """Save a new check-in; the day it counts for, the streak, the day's moods, the prompt.

    `store.quick` writes and reads without the ORM; the ORM opens the file where the
    file needs it (no file yet, an older schema) or a stored value needs its reading.
    """
    from bounce_tui.store import quick
    from bounce_tui.store.clock import Clock

    path = database_path(args)
    clock = Clock()
    note, tags = args.note, args.tags
    day = quick.check_in(path, mood, energy=energy, note=note, tags=tags, at=at, clock=clock)
    store = None
    if day is None:
        store = open_store(args)
        day = store.checkins.check_in(mood, energy=energy, note=note, tags=tags, at=at).day
    else:
        after = quick.read_after_checkin(path, day, clock)
        if after is not None:
            return day, after.streak, after.day_moods, after.prompt_due
    store = store or open_store(args)
    moods = tuple(c.mood for c in store.checkins.day_of(day))
    return day, store.read.status().streak, moods, store.read.gentle_prompt_due()

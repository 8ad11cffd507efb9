"""The quick entries: check in, log a rejection, note an interview, read the status."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from bounce_tui.cli.common import (
    MAX_TEXT,
    UsageError,
    check_texts,
    database_path,
    open_store,
    past_moment,
    reading_path,
    say,
    utc_now,
)

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import TimerView
    from bounce_tui.store.quick import Logged


def cmd_checkin(args: argparse.Namespace) -> int:
    from bounce_tui.domain.checkins import (
        HEAVY_DAYS_NOTE,
        mood_label,
        validate_energy,
        validate_mood,
    )
    from bounce_tui.domain.text import clean_tags

    if args.edit or args.delete:
        from bounce_tui.cli.checkins import edit_or_delete

        return edit_or_delete(args)
    if args.mood is None:
        raise UsageError("the mood is missing: 1 awful, 2 low, 3 okay, 4 good, 5 great")
    mood, energy = validate_mood(args.mood), validate_energy(args.energy)
    at = past_moment(args.on, "a check-in")
    check_texts(note=(args.note, False, MAX_TEXT))
    clean_tags(args.tags)
    from bounce_tui.cli.checkins import save_checkin

    day, streak, same_day, prompt_due = save_checkin(args, mood, energy, at)
    say(f"checked in for {day.isoformat()}: {mood_label(mood)} ({mood}). "
         f"Streak: {streak} day{'s' if streak != 1 else ''}.")  # fmt: skip
    if len(same_day) > 1:
        mean = sum(same_day) / len(same_day)
        say(f"That makes {len(same_day)} check-ins for {day:%a %d %b}; the day counts as "
             f"their mean, {mean:.1f} ({mood_label(mean)}).")  # fmt: skip
    if prompt_due:
        say(HEAVY_DAYS_NOTE)
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    from bounce_tui.domain import mourning
    from bounce_tui.domain.dates import local_time
    from bounce_tui.domain.text import NAME_MAX_LEN, one_line

    stage = mourning.validate_stage(args.stage)
    mourning.validate_channel(args.channel)
    if args.mourn is not None:
        mourning.validate_days(args.mourn)
    else:  # the settings file's days for this stage win over the database's (cli/config.py)
        from bounce_tui.cli.config import file_mourning_days

        args.mourn = file_mourning_days(stage)
    check_texts(company=(args.company, True, NAME_MAX_LEN), role=(args.role, False, NAME_MAX_LEN),
                 contact=(args.contact, False, NAME_MAX_LEN),
                 notes=(args.notes, False, MAX_TEXT))  # fmt: skip
    when = past_moment(args.on, "a rejection")
    from bounce_tui.store import quick

    entry = dict(role=args.role, stage=args.stage, received_at=when, channel=args.channel,
                 contact=args.contact, notes=args.notes, mourn_days=args.mourn)  # fmt: skip
    logged = quick.log_rejection(database_path(args), args.company, **entry)
    timer: Logged | TimerView
    if logged is None:
        store = open_store(args)
        rejection_id = store.rejections.log_rejection(args.company, **entry)
        timer = store.read.mourning_for(rejection_id)
    else:
        rejection_id, timer = logged.rejection_id, logged
    end = local_time(timer.planned_end).strftime("%a %d %b %H:%M")
    say(f"logged {one_line(timer.company, 60)} ({timer.stage}), id {rejection_id[:8]}.")
    say(f"Mourning: {timer.days} day{'s' if timer.days != 1 else ''}, until {end}. "
         "It is fine to feel this; the regroup checklist is ready when you are.")  # fmt: skip
    return 0


def cmd_interview(args: argparse.Namespace) -> int:
    from bounce_tui.domain import mourning
    from bounce_tui.domain.dates import WrongSide, local_time, parse_moment
    from bounce_tui.domain.text import NAME_MAX_LEN, one_line

    mourning.validate_stage(args.stage)
    check_texts(company=(args.company, True, NAME_MAX_LEN), role=(args.role, False, NAME_MAX_LEN))
    try:
        at = parse_moment(args.on, utc_now(), direction="future")
    except WrongSide as error:
        raise UsageError(f"an interview date must be today or later ({error})") from None
    from bounce_tui.store import quick

    if (
        quick.add_interview(database_path(args), args.company, at, role=args.role, stage=args.stage)
        is None
    ):
        store = open_store(args)
        store.interviews.add_interview(args.company, at, role=args.role, stage=args.stage)
    when = local_time(at).strftime("%a %d %b %H:%M")
    say(f"interview at {one_line(args.company.strip(), 60)} on {when} noted. "
         "Its lessons will be offered for a drill the day before.")  # fmt: skip
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from bounce_tui.domain.status import summary_lines
    from bounce_tui.store import quick

    status = quick.read_status(reading_path(args))
    if status is None:
        status = open_store(args, reading=True).read.status()
    if args.json:
        say(json.dumps(status.as_dict(), ensure_ascii=False, indent=2))
    else:
        from bounce_tui.domain.text import one_line

        for line in summary_lines(status):
            say(one_line(line) if not line.startswith("  ") else "  " + one_line(line))
    return 0

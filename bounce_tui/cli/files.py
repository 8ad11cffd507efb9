"""The database as files: export, import, backup, and the doctor that checks and restores."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bounce_tui.cli.common import (
    EXIT_FAILED,
    UsageError,
    database_path,
    open_store,
    say,
    shown_path,
    utc_now,
    write_private,
)


def cmd_export(args: argparse.Namespace) -> int:
    since = None
    if args.since is not None:
        from bounce_tui.domain.dates import local_day, parse_day

        since = parse_day(args.since, local_day(utc_now()), "past")
    text = open_store(args, reading=True).files.export_text(args.format, since)
    if not args.output:
        from bounce_tui.store.read.export_text import terminal_safe

        sys.stdout.write(terminal_safe(text, args.format) if sys.stdout.isatty() else text)
        return 0
    write_private(Path(args.output), text, force=args.force)
    say(f"exported to {shown_path(args.output)}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    if args.output and not args.force and os.path.lexists(args.output):
        what = "is a symbolic link" if Path(args.output).is_symlink() else "already exists"
        raise UsageError(f"{args.output} {what}; add --force to replace it")
    output = Path(args.output) if args.output else None
    dest = open_store(args, reading=True).files.backup(output, force=args.force)
    say(f"backup written: {shown_path(dest)}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from bounce_tui.store.file import doctor

    path = database_path(args)
    report = doctor.diagnose(path)
    for line in report.lines:
        say(shown_path(line))
    for line in report.warnings:
        say(f"needs a look: {line}")
    if report.problem is None and report.warnings:
        say("the file is healthy, but the entries above hold impossible dates; the app shows "
             "them at 1900 or 2200 so you can correct or delete them")  # fmt: skip
        return EXIT_FAILED
    if report.problem is None:
        say("all good")
        return 0
    say(f"problem: {shown_path(report.problem)}")
    if report.restorable is None:
        say("no good backup was found to restore")
        return EXIT_FAILED
    if not args.restore:
        say(f"a good backup exists: {shown_path(report.restorable)}")
        say("run `bounce doctor --restore` to put it in place (the current file is kept aside)")
        return EXIT_FAILED
    aside = doctor.restore(path, report.restorable, utc_now())
    kept = f"; the old file is kept as {shown_path(aside)}" if aside else ""
    say(f"restored {shown_path(report.restorable.name)}{kept}")
    return 0

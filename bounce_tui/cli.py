"""The command line: quick entries without opening the TUI, and the TUI's entry point.

Nothing heavy is imported at module level: `bounce --version` loads only argparse,
and the entry commands never import Textual. Bad input gets one line on stderr and
exit status 2, with nothing written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from bounce_tui import __version__

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import LessonView, SimilarLesson, TimerView
    from bounce_tui.store.quick import FoundLesson, Logged
    from bounce_tui.store.repository import Store

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
EXIT_CRASHED = 70  # EX_SOFTWARE: the app stopped after an unexpected error
MAX_TEXT = 100_000


class UsageError(Exception):
    """Input the parser or a handler refuses: reported in one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=default, help="database file (also: BOUNCE_DB)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, as the README's command table lists it."""
    parser = _Parser(prog="bounce", description="Bounce back after a job rejection.")
    parser.add_argument("--version", action="version", version=f"bounce {__version__}")
    _db_option(parser, None)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _db_option(p, argparse.SUPPRESS)
        return p

    p = command("checkin", "record how you feel (1 awful … 5 great), or correct a check-in")
    p.add_argument("mood", nargs="?", help="1 awful, 2 low, 3 okay, 4 good, 5 great")
    p.add_argument("--edit", metavar="ID", help="correct a check-in (see `bounce checkins`)")
    p.add_argument("--delete", metavar="ID", help="delete a check-in")
    p.add_argument("-n", "--note", default="")
    p.add_argument("-t", "--tag", action="append", default=[], dest="tags")
    p.add_argument("-e", "--energy", default=None, help="1-5")
    p.add_argument("--on", metavar="DATE",
                   help="a forgotten day: yesterday, mon, 3d ago, YYYY-MM-DD [HH:MM]")  # fmt: skip

    p = command("checkins", "your check-ins, newest first, with ids to correct them by")
    p.add_argument("--since", metavar="DATE", help="from this day (default: the last 14 days)")

    p = command("skip", "mark a day as skipped (sick, a holiday, a break): the streak holds")
    p.add_argument("--on", metavar="DATE", help="the day (default today): yesterday, mon, …")
    p.add_argument("-n", "--note", default="", help="why, if you like")

    p = command("reject", "log a rejection and start its mourning timer")
    p.add_argument("company")
    p.add_argument("--role", default="")
    p.add_argument("--stage", default="interview", help="applied, screen, interview or final")
    p.add_argument("--on", metavar="DATE",
                   help="when it came (default now): yesterday 17:30, mon, YYYY-MM-DD")  # fmt: skip
    p.add_argument("--mourn", metavar="DAYS", help="mourning days (default by stage, max 14)")
    p.add_argument("--channel", default="email", help="email, call or silence")
    p.add_argument("--contact", default="")
    p.add_argument("--notes", default="")

    p = command("lesson", "keep a lesson to review before the next interview, or search them")
    p.add_argument("text", nargs="?", help="the back of the card: what to do next time")
    p.add_argument("--prompt", metavar="TEXT", default="",
                   help="the front: the situation or question it answers")  # fmt: skip
    p.add_argument("--search", metavar="TEXT",
                   help="ranked search; cat:X and at:COMPANY filter as in the app")  # fmt: skip
    p.add_argument("-c", "--category", default="interview")
    p.add_argument("-t", "--tag", action="append", default=[], dest="tags")
    p.add_argument("--rejection", metavar="ID", help="id (or its first characters) or 'last'")
    p.add_argument("--on", metavar="DATE",
                   help="when you learned it, for one kept late (default now)")  # fmt: skip
    p.add_argument("--same-as", metavar="ID",
                   help="keep it in the same theme as this earlier lesson")  # fmt: skip
    p.add_argument("--theme", nargs=2, metavar=("ID", "OTHER"),
                   help="put lesson ID in the same theme as lesson OTHER")  # fmt: skip
    p.add_argument("--leave-theme", metavar="ID", help="take a lesson out of its theme")

    p = command("interview", "note an upcoming interview (its lessons are offered the day before)")
    p.add_argument("company")
    p.add_argument("--on", metavar="DATE", required=True,
                   help="tomorrow 14:00, fri 9:30, +3d, YYYY-MM-DD [HH:MM]")  # fmt: skip
    p.add_argument("--role", default="")
    p.add_argument("--stage", default="interview", help="applied, screen, interview or final")

    command("review", "open the app on the lessons due for review")

    p = command("status", "timers, today's check-in, open items, lessons due, streak")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = command("export", "write everything out (json, csv timeline, md journal)")
    p.add_argument("--format", choices=("json", "csv", "md"), default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = command("import", "merge a bounce JSON export (re-importing adds nothing)")
    p.add_argument("file")

    p = command("sync", "sync with your other computers through a folder you already share")
    p.add_argument("action", nargs="?", choices=["init"], help="init: set up sync (once)")
    p.add_argument("folder", nargs="?", metavar="DIR", help="with init: the shared folder")
    p.add_argument("--name", metavar="NAME", help="with init: this computer's name")
    p.add_argument("--status", action="store_true", help="devices seen, changes not yet written")
    p.add_argument("--conflicts", action="store_true", help="versions that lost to another")

    p = command("backup", "a consistent, checked copy of the database")
    p.add_argument("-o", "--output", metavar="FILE", help="default: the backups folder")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = command("config", "the settings file (path, show, edit) or the regroup template")
    p.add_argument("what", nargs="?", choices=["path", "show", "edit", "regroup"],
                   help="path, show, edit: config.toml; regroup: the checklist")  # fmt: skip
    p.add_argument("--keys", action="store_true", help="with show: every key's id, for [keys]")

    p = command("doctor", "paths, schema version, integrity check; restore a backup")
    p.add_argument("--restore", action="store_true", help="restore the newest good backup")

    demo_help = (
        "open the app on a made-up job hunt in a temporary folder, removed afterwards; "
        "your own database is never opened (BOUNCE_DB is ignored)"
    )
    sub.add_parser("demo", help=demo_help, description=demo_help)
    return parser


def _db_path(args: argparse.Namespace) -> Path:
    """The database file: --db, else BOUNCE_DB, else the default data folder.

    A named file whose folder does not exist is refused before anything is created.
    """
    from bounce_tui import paths

    folder = paths.missing_chosen_folder(args.db)
    if folder is not None:
        raise UsageError(
            f"there is no folder {folder} for the database; create it first, or check the "
            "path (nothing was created)"
        )
    return paths.resolve_db_path(args.db)


def _open_store(args: argparse.Namespace, *, reading: bool = False) -> Store:
    """Open the database; a command that only reads never creates it (or its folder)."""
    from bounce_tui.store.repository import Store

    path = _reading_path(args) if reading else _db_path(args)
    return Store(path, writing=not reading)


def _reading_path(args: argparse.Namespace) -> Path:
    """The database file for a command that only reads: it must exist (nothing is created)."""
    path = _db_path(args)
    if not os.path.lexists(path):
        raise UsageError(f"there is no bounce database at {path} yet; nothing was created")
    return path


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _check_texts(**fields: tuple[str, bool, int]) -> None:
    """Validate free text (required?, longest) before anything opens the database."""
    from bounce_tui.domain.text import clean_text

    for name, (value, required, max_len) in fields.items():
        clean_text(value, name, required=required, max_len=max_len)


def _moment(text: str | None, what: str) -> datetime | None:
    """A typed moment (`--on`), never in the future; None when not given."""
    from bounce_tui.domain.dates import WrongSide, parse_moment

    if text is None:
        return None
    try:
        return parse_moment(text, _now(), direction="past")
    except WrongSide as error:
        raise UsageError(f"{what} cannot be in the future ({error})") from None


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def cmd_checkin(args: argparse.Namespace) -> int:
    from bounce_tui.domain.checkins import (
        HEAVY_DAYS_NOTE,
        mood_label,
        validate_energy,
        validate_mood,
    )
    from bounce_tui.domain.text import clean_tags

    if args.edit or args.delete:
        from bounce_tui.cli_checkins import edit_or_delete

        return edit_or_delete(args)
    if args.mood is None:
        raise UsageError("the mood is missing: 1 awful, 2 low, 3 okay, 4 good, 5 great")
    mood, energy = validate_mood(args.mood), validate_energy(args.energy)
    at = _moment(args.on, "a check-in")
    _check_texts(note=(args.note, False, MAX_TEXT))
    clean_tags(args.tags)
    from bounce_tui.cli_checkins import save_checkin

    day, streak, same_day, prompt_due = save_checkin(args, mood, energy, at)
    _out(f"checked in for {day.isoformat()}: {mood_label(mood)} ({mood}). "
         f"Streak: {streak} day{'s' if streak != 1 else ''}.")  # fmt: skip
    if len(same_day) > 1:
        mean = sum(same_day) / len(same_day)
        _out(f"That makes {len(same_day)} check-ins for {day:%a %d %b}; the day counts as "
             f"their mean, {mean:.1f} ({mood_label(mean)}).")  # fmt: skip
    if prompt_due:
        _out(HEAVY_DAYS_NOTE)
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    from bounce_tui.domain import mourning
    from bounce_tui.domain.dates import local_time
    from bounce_tui.domain.text import NAME_MAX_LEN, one_line

    stage = mourning.validate_stage(args.stage)
    mourning.validate_channel(args.channel)
    if args.mourn is not None:
        mourning.validate_days(args.mourn)
    else:  # the settings file's days for this stage win over the database's (cli_config.py)
        from bounce_tui.cli_config import file_mourning_days

        args.mourn = file_mourning_days(stage)
    _check_texts(company=(args.company, True, NAME_MAX_LEN), role=(args.role, False, NAME_MAX_LEN),
                 contact=(args.contact, False, NAME_MAX_LEN),
                 notes=(args.notes, False, MAX_TEXT))  # fmt: skip
    when = _moment(args.on, "a rejection")
    from bounce_tui.store import quick

    entry = dict(role=args.role, stage=args.stage, received_at=when, channel=args.channel,
                 contact=args.contact, notes=args.notes, mourn_days=args.mourn)  # fmt: skip
    logged = quick.log_rejection(_db_path(args), args.company, **entry)
    timer: Logged | TimerView
    if logged is None:
        store = _open_store(args)
        rejection_id = store.rejections.log_rejection(args.company, **entry)
        timer = store.read.mourning_for(rejection_id)
    else:
        rejection_id, timer = logged.rejection_id, logged
    end = local_time(timer.planned_end).strftime("%a %d %b %H:%M")
    _out(f"logged {one_line(timer.company, 60)} ({timer.stage}), id {rejection_id[:8]}.")
    _out(f"Mourning: {timer.days} day{'s' if timer.days != 1 else ''}, until {end}. "
         "It is fine to feel this; the regroup checklist is ready when you are.")  # fmt: skip
    return 0


def cmd_lesson(args: argparse.Namespace) -> int:
    from bounce_tui.domain.cards import MAX_PROMPT
    from bounce_tui.domain.lessons import validate_category
    from bounce_tui.domain.text import clean_id_ref, clean_tags

    others = [name for name, value in (("--search", args.search), ("--theme", args.theme),
              ("--leave-theme", args.leave_theme)) if value is not None]  # fmt: skip
    if len(others) > 1 or (others and (args.text is not None or args.same_as is not None)):
        raise UsageError("give one of: a lesson to keep, --search, --theme or --leave-theme")
    if args.search is not None:
        return _search_lessons(args)
    if args.theme is not None or args.leave_theme is not None:
        return _group_lessons(args)
    if args.text is None:
        raise UsageError("the lesson text is missing (or use --search TEXT)")
    category = validate_category(args.category)
    clean_tags(args.tags)
    _check_texts(lesson=(args.text, True, MAX_TEXT), front=(args.prompt, False, MAX_PROMPT))
    for ref in (args.rejection, args.same_as):
        if ref is not None:
            clean_id_ref(ref)
    learned = _moment(args.on, "a lesson")
    article = "an" if category[:1] in "aeiou" else "a"
    kept = f"kept {article} {category} lesson, id {{}}; it is due for review now."
    if args.same_as is None:  # joining a theme is the ORM's (see `LessonCases.join_theme`)
        from bounce_tui.store import quick

        path = _db_path(args)
        quick_id = quick.add_lesson(path, args.text, category=category, tags=args.tags,
                                    rejection=args.rejection, prompt=args.prompt,
                                    at=learned)  # fmt: skip
        if quick_id is not None:
            _out(kept.format(quick_id[:8]))
            found = quick.similar_lessons(path, args.prompt, args.text, exclude_id=quick_id)
            _offer_theme(quick_id, found)
            return 0
    store = _open_store(args)
    rejection_id = None
    if args.rejection is not None:
        rejection_id = store.rejections.resolve_rejection(args.rejection)
    same_as = store.lessons.resolve_lesson(args.same_as) if args.same_as is not None else None
    lesson_id = store.lessons.add_lesson(args.text, category=category, tags=args.tags,
                                         rejection_id=rejection_id, prompt=args.prompt,
                                         at=learned)  # fmt: skip
    _out(kept.format(lesson_id[:8]))
    if same_as is not None:
        store.lessons.join_theme(lesson_id, same_as)
        _out(
            f"It is in the same theme as {same_as[:8]} now; practise it before the next interview."
        )
        return 0
    _offer_theme(
        lesson_id, store.lessons.similar_lessons(args.prompt, args.text, exclude_id=lesson_id)
    )
    return 0


def _offer_theme(lesson_id: str, similar: list[SimilarLesson]) -> None:
    """The earlier lessons like the one just kept, and how to make them one theme."""
    if similar:
        _out("You noted something like this before:")
        for found in similar:
            _out(f"  {found.lesson_id[:8]}  {_similar_line(found)}")
        _out(f"Same theme? bounce lesson --theme {lesson_id[:8]} {similar[0].lesson_id[:8]}")


def _similar_line(found: SimilarLesson) -> str:
    """ "after Northwind (12 Nov 2026): Prepare two …" on one line."""
    from bounce_tui.domain.dates import local_day
    from bounce_tui.domain.text import one_line

    day = local_day(found.when).strftime("%d %b %Y")
    where = f"after {one_line(found.company, 30)} ({day})" if found.company else f"on {day}"
    return f"{where}: {one_line(found.text, 70)}"


def _group_lessons(args: argparse.Namespace) -> int:
    from bounce_tui.domain.text import clean_id_ref

    refs = list(args.theme) if args.theme is not None else [args.leave_theme]
    for ref in refs:
        clean_id_ref(ref)
    store = _open_store(args)
    ids = [store.lessons.resolve_lesson(ref) for ref in refs]
    if args.theme is not None:
        store.lessons.join_theme(ids[0], ids[1])
        _out(f"{ids[0][:8]} and {ids[1][:8]} are one theme now; "
             "the checklist has a practise item for it.")  # fmt: skip
    else:
        store.lessons.leave_theme(ids[0])
        _out(f"{ids[0][:8]} is on its own again.")
    return 0


def _search_lessons(args: argparse.Namespace) -> int:
    from bounce_tui.domain.text import clean_text, one_line

    clean_text(args.search, "search", max_len=1000)
    from bounce_tui.store import quick

    path = _reading_path(args)
    found: Sequence[FoundLesson | LessonView] | None = quick.search_lessons(
        path, args.search, limit=50
    )
    if found is None:
        found = _open_store(args, reading=True).read.search_lessons(args.search, limit=50)
    if not found:
        _out("no lesson matches")
        return 0
    for number, lesson in enumerate(found, start=1):
        where = f" ({one_line(lesson.company, 40)})" if lesson.company else ""
        front = f"{one_line(lesson.prompt, 40)} → " if lesson.prompt.strip() else ""
        _out(f"{number:>2}. [{lesson.category}] {front}{one_line(lesson.text, 90)}{where} "
             f"id {lesson.lesson_id[:8]}")  # fmt: skip
    return 0


def cmd_interview(args: argparse.Namespace) -> int:
    from bounce_tui.domain import mourning
    from bounce_tui.domain.dates import WrongSide, local_time, parse_moment
    from bounce_tui.domain.text import NAME_MAX_LEN, one_line

    mourning.validate_stage(args.stage)
    _check_texts(company=(args.company, True, NAME_MAX_LEN), role=(args.role, False, NAME_MAX_LEN))
    try:
        at = parse_moment(args.on, _now(), direction="future")
    except WrongSide as error:
        raise UsageError(f"an interview date must be today or later ({error})") from None
    from bounce_tui.store import quick

    if (
        quick.add_interview(_db_path(args), args.company, at, role=args.role, stage=args.stage)
        is None
    ):
        store = _open_store(args)
        store.interviews.add_interview(args.company, at, role=args.role, stage=args.stage)
    when = local_time(at).strftime("%a %d %b %H:%M")
    _out(f"interview at {one_line(args.company.strip(), 60)} on {when} noted. "
         "Its lessons will be offered for a drill the day before.")  # fmt: skip
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from bounce_tui.domain.status import summary_lines
    from bounce_tui.store import quick

    status = quick.read_status(_reading_path(args))
    if status is None:
        status = _open_store(args, reading=True).read.status()
    if args.json:
        _out(json.dumps(status.as_dict(), ensure_ascii=False, indent=2))
    else:
        from bounce_tui.domain.text import one_line

        for line in summary_lines(status):
            _out(one_line(line) if not line.startswith("  ") else "  " + one_line(line))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    text = _open_store(args, reading=True).files.export_text(args.format)
    if not args.output:
        from bounce_tui.store.read.export_text import terminal_safe

        sys.stdout.write(terminal_safe(text, args.format) if sys.stdout.isatty() else text)
        return 0
    _write_private(Path(args.output), text, force=args.force)
    _out(f"exported to {_shown(args.output)}")
    return 0


def _write_private(path: Path, text: str, *, force: bool) -> None:
    from bounce_tui import paths

    try:
        fd = paths.open_private_for_write(path, force=force)
    except FileExistsError:
        what = "is a symbolic link" if path.is_symlink() else "already exists"
        raise UsageError(f"{path} {what}; add --force to replace it") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        # A half-written export (disk full) is removed rather than left looking complete.
        path.unlink(missing_ok=True)
        from bounce_tui.store.errors import StoreError

        raise StoreError(f"could not write {path}: {exc.strerror or exc}; it was removed") from None


def cmd_import(args: argparse.Namespace) -> int:
    from bounce_tui.domain.text import one_line
    from bounce_tui.store.read.exchange import check_records, read_export_file

    shown = one_line(args.file)
    data = read_export_file(Path(args.file))
    checked = check_records(data, shown, _now())
    counts = _open_store(args).files.import_data(data, checked)
    _out(f"imported {shown}: {counts.total_added} added, {counts.total_updated} updated, "
         f"{counts.unchanged} already here.")  # fmt: skip
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    if args.output and not args.force and os.path.lexists(args.output):
        what = "is a symbolic link" if Path(args.output).is_symlink() else "already exists"
        raise UsageError(f"{args.output} {what}; add --force to replace it")
    output = Path(args.output) if args.output else None
    dest = _open_store(args, reading=True).files.backup(output, force=args.force)
    _out(f"backup written: {_shown(dest)}")
    return 0


def _shown(path: str | os.PathLike[str]) -> str:
    """A path as the terminal may show it: control characters made visible, one line."""
    from bounce_tui.domain.text import one_line

    return one_line(os.fspath(path))


def cmd_doctor(args: argparse.Namespace) -> int:
    from bounce_tui.store.file import doctor

    path = _db_path(args)
    report = doctor.diagnose(path)
    for line in report.lines:
        _out(_shown(line))
    for line in report.warnings:
        _out(f"needs a look: {line}")
    if report.problem is None and report.warnings:
        _out("the file is healthy, but the entries above hold impossible dates; the app shows "
             "them at 1900 or 2200 so you can correct or delete them")  # fmt: skip
        return EXIT_FAILED
    if report.problem is None:
        _out("all good")
        return 0
    _out(f"problem: {_shown(report.problem)}")
    if report.restorable is None:
        _out("no good backup was found to restore")
        return EXIT_FAILED
    if not args.restore:
        _out(f"a good backup exists: {_shown(report.restorable)}")
        _out("run `bounce doctor --restore` to put it in place (the current file is kept aside)")
        return EXIT_FAILED
    aside = doctor.restore(path, report.restorable, _now())
    kept = f"; the old file is kept as {_shown(aside)}" if aside else ""
    _out(f"restored {_shown(report.restorable.name)}{kept}")
    return 0


def open_tui(args: argparse.Namespace, start: str = "main") -> int:
    """Open the full-screen app (the only path that imports Textual)."""
    db_path = _db_path(args)  # a mistyped --db is refused before Textual is even imported
    from bounce_tui.stop_signals import keep_early_keys, restore_terminal

    terminal = keep_early_keys()
    try:
        from bounce_tui.app import BounceApp

        app = BounceApp(db_path=db_path, start=start)
        app.run()
    finally:
        restore_terminal(terminal)
    app.stop_signals.stopped_cleanly()
    if app.return_code:  # stopped by an unexpected error (the report is printed)
        return EXIT_CRASHED
    if app.stop_signals.received is not None:
        return 128 + app.stop_signals.received
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    return open_tui(args, start="review")


def cmd_checkins(args: argparse.Namespace) -> int:
    from bounce_tui.cli_checkins import cmd_checkins as list_checkins

    return list_checkins(args)


def cmd_skip(args: argparse.Namespace) -> int:
    from bounce_tui.cli_checkins import cmd_skip as skip

    return skip(args)


def cmd_demo(args: argparse.Namespace) -> int:
    from bounce_tui.cli_demo import cmd_demo as demo

    return demo(args)


def cmd_sync(args: argparse.Namespace) -> int:
    from bounce_tui.cli_sync import cmd_sync as sync

    return sync(args)


def cmd_config(args: argparse.Namespace) -> int:
    from bounce_tui.cli_config import cmd_config as config

    return config(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "config": cmd_config,
    "checkin": cmd_checkin,
    "checkins": cmd_checkins,
    "skip": cmd_skip,
    "reject": cmd_reject,
    "lesson": cmd_lesson,
    "interview": cmd_interview,
    "review": cmd_review,
    "status": cmd_status,
    "export": cmd_export,
    "import": cmd_import,
    "sync": cmd_sync,
    "backup": cmd_backup,
    "doctor": cmd_doctor,
    "demo": cmd_demo,
}


def run(argv: Sequence[str] | None = None) -> int:
    """Parse and run one command; errors become one line on stderr."""
    from bounce_tui.domain.errors import DomainError

    try:
        args = build_parser().parse_args(argv)
        handler = COMMANDS.get(args.command) if args.command else None
        return handler(args) if handler else open_tui(args)
    except (UsageError, DomainError) as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `bounce status | head -1`: the reader left; that is fine
        _silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - every error is shown as one line
        return _fail_store(exc)


def _fail_store(exc: Exception) -> int:
    from bounce_tui.store import errors

    bad_file = (errors.NotADatabase, errors.ForeignDatabase, errors.NewerSchema,
                errors.ImportFormatError, errors.NotFound)  # fmt: skip
    if isinstance(exc, errors.ImportRefused):
        return _fail_lines(exc.lines(), EXIT_BAD_INPUT)
    if isinstance(exc, bad_file):
        return _fail(str(exc), EXIT_BAD_INPUT)
    if isinstance(exc, errors.StoreError):
        return _fail(str(exc), EXIT_FAILED)
    # An unexpected error: name it, but print no user text (it may hold a private note).
    from bounce_tui.store.file.commits import writes_committed

    if writes_committed():
        return _fail(
            f"unexpected {type(exc).__name__} after your entry was saved; it is in the "
            "database (bounce checkins or bounce status shows it), so there is no need to "
            "enter it again",
            EXIT_FAILED,
        )
    return _fail(f"unexpected {type(exc).__name__}; nothing else was changed", EXIT_FAILED)


def _fail(message: str, code: int) -> int:
    from bounce_tui.domain.text import one_line

    sys.stderr.write(f"bounce: {one_line(message)}\n")
    return code


def _fail_lines(lines: list[str], code: int) -> int:
    """A refusal with details: its first line as `_fail` writes one, the rest indented."""
    from bounce_tui.domain.text import one_line

    _fail(lines[0], code)
    for line in lines[1:]:
        sys.stderr.write(f"  {one_line(line)}\n")
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


def main() -> None:
    """Console-script entry point."""
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(code)

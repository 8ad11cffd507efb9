"""The whole command line as argparse sees it: every command, its arguments and its help."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from bounce_tui import __version__
from bounce_tui.cli.common import UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


#: Said instead of argparse's own message when a command line holding a passphrase
#: option is wrong: that message would show the words, and one may be the passphrase.
SECRET_REFUSAL = (
    "that sync command line is not right (not shown: it may hold your passphrase); "
    "--passphrase takes no value: bounce asks for it, or reads BOUNCE_SYNC_PASSPHRASE"
)


def names_passphrase(argv: list[str]) -> bool:
    """True when an argument is --passphrase or --no-passphrase (or a prefix argparse takes)."""
    for arg in argv:
        option = arg.split("=", 1)[0]
        if len(option) > 3 and any(
            o.startswith(option) for o in ("--passphrase", "--no-passphrase")
        ):
            return True
    return False


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments as the parser reads them (`argv` None: the program's own)."""
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        return build_parser().parse_args(words)
    except UsageError:
        if names_passphrase(words):
            raise UsageError(SECRET_REFUSAL) from None
        raise


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
    p.add_argument("--since", metavar="DATE",
                   help="only entries from this day on: 2026-03-01, 2w ago, mon, …")  # fmt: skip

    p = command("import", "merge a bounce JSON export, a Daylio CSV or a jrnl JSON export "
                "(re-importing adds nothing)")  # fmt: skip
    p.add_argument("file", help="the kind of file is told by its content, not its name")
    p.add_argument("--dry-run", action="store_true",
                   help="say what would be imported; write nothing")  # fmt: skip
    mood_help = "Daylio moods as 1-5, e.g. ecstatic=5,fine=3 (rad … awful are known)"
    p.add_argument("--mood-map", metavar="NAME=N,…", help=mood_help)
    p.add_argument("--as", dest="as_", choices=("lessons", "notes"),
                   help="jrnl entries as lessons (title: front, body: back) or as check-in "
                   "notes (mood 3, okay, tagged jrnl); required for jrnl files")  # fmt: skip
    p.add_argument("-c", "--category", default=None,
                   help="with --as lessons: the lessons' category (default interview)")  # fmt: skip

    p = command("sync", "sync with your other computers through a folder you already share")
    p.add_argument("action", nargs="?", choices=["init"], help="init: set up sync (once)")
    p.add_argument("folder", nargs="?", metavar="DIR", help="with init: the shared folder")
    p.add_argument("--name", metavar="NAME", help="with init: this computer's name")
    p.add_argument("--passphrase", action="store_true",
                   help="with init: encrypt the sync files; asks for the passphrase (or reads "
                   "BOUNCE_SYNC_PASSPHRASE), never takes it on the command line")  # fmt: skip
    p.add_argument("--no-passphrase", action="store_true",
                   help="with init: forget the passphrase; this computer's file is written "
                   "unencrypted")  # fmt: skip
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

    p = command("serve", "open the app in a web browser, served from this computer")
    p.add_argument("--port", type=int, default=8000, help="default 8000; 0 picks a free one")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1, this computer only)")

    completion_help = "print the shell completion script for bash, zsh or fish (see the README)"
    p = sub.add_parser("completion", help=completion_help, description=completion_help)
    p.add_argument("shell", choices=("bash", "zsh", "fish"))

    from bounce_tui.cli.examples import examples_epilog  # a table of strings: stdlib only

    parser.epilog = examples_epilog()
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser

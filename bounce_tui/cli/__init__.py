"""The command line: quick entries without opening the TUI, and the TUI's entry point.

`run` parses the arguments (`parser.py`) and hands them to the command's module,
imported only then: `bounce --version` loads argparse alone, the entry commands
never import Textual, and `bounce` (or `bounce --db PATH`) opens the app without
building the parser at all (`common.app_only`). Bad input gets one line on stderr
and exit status 2, with nothing written; any other error is one line too, never a
traceback.

    common.py    exit codes, the database path, output, UsageError
    parser.py    every command and option; a wrong line naming --passphrase is not echoed
    entries.py   checkin, reject, interview, status
    checkins.py  checkins (the list) and skip
    lessons.py   lesson: keep, search, theme
    files.py     export, backup, doctor
    imports.py   import: bounce's own export, Daylio CSV, jrnl JSON
    config.py    config: the settings file and the regroup template
    demo.py      demo: the app on a made-up job hunt
    tui.py       the full-screen app (and review)
    sync.py      sync: through a folder the person already shares
                 (sync_passphrase.py: init --passphrase, which key is kept)
    serve.py     serve: the app in a browser tab (web_serve.py is the server)
    completion.py  completion: bash, zsh and fish scripts from the parser
    examples.py  one example per command, shown at the end of --help
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bounce_tui import collector_pause
from bounce_tui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_CRASHED,
    EXIT_FAILED,
    AppOnly,
    UsageError,
    app_only,
)

if TYPE_CHECKING:
    import argparse

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CRASHED",
    "EXIT_FAILED",
    "UsageError",
    "build_parser",
    "main",
    "run",
]

#: Each command and where its handler lives: (module in this package, function).
COMMANDS: dict[str, tuple[str, str]] = {
    "checkin": ("entries", "cmd_checkin"),
    "reject": ("entries", "cmd_reject"),
    "interview": ("entries", "cmd_interview"),
    "status": ("entries", "cmd_status"),
    "checkins": ("checkins", "cmd_checkins"),
    "skip": ("checkins", "cmd_skip"),
    "lesson": ("lessons", "cmd_lesson"),
    "review": ("tui", "cmd_review"),
    "export": ("files", "cmd_export"),
    "import": ("imports", "cmd_import"),
    "backup": ("files", "cmd_backup"),
    "doctor": ("files", "cmd_doctor"),
    "config": ("config", "cmd_config"),
    "demo": ("demo", "cmd_demo"),
    "sync": ("sync", "cmd_sync"),
    "serve": ("serve", "cmd_serve"),
    "completion": ("completion", "cmd_completion"),
}


#: Commands that end within a moment: the cycle collector stays off for them (it only
#: slows their imports down). The app turns it back on after its first frame; the
#: other commands (import, export, sync, ...) may build much more, so theirs runs.
BRIEF = frozenset({"checkin", "reject", "interview", "status", "checkins", "skip", "lesson"})


def build_parser() -> argparse.ArgumentParser:
    """The whole command line (`parser.py`; argparse is imported only when it is needed)."""
    from bounce_tui.cli.parser import build_parser as build

    return build()


def _handle(args: argparse.Namespace | AppOnly) -> int:
    """Run the command the arguments name (no command: open the app)."""
    module_name, function = COMMANDS.get(args.command or "", ("tui", "open_tui"))
    if args.command not in BRIEF and module_name != "tui":  # the app resumes it itself
        collector_pause.resume()
    module = importlib.import_module(f"{__name__}.{module_name}")
    code: int = getattr(module, function)(args)
    return code


def run(argv: Sequence[str] | None = None) -> int:
    """Parse and run one command; errors become one line on stderr."""
    from bounce_tui.domain.errors import DomainError

    collector_pause.pause()  # see BRIEF
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args: argparse.Namespace | AppOnly | None = app_only(words)
        if args is None:
            from bounce_tui.cli.parser import parse

            args = parse(words)
        return _handle(args)
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

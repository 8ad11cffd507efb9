"""What every command shares: exit codes, the database path, output, and the refusals.

Nothing heavy is imported here (not even argparse), so `bounce --version` stays
quick. Bad input is raised as `UsageError` and becomes one line, exit 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import argparse

    from bounce_tui.store.repository import Store

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
EXIT_CRASHED = 70  # EX_SOFTWARE: the app stopped after an unexpected error
MAX_TEXT = 100_000


class UsageError(Exception):
    """Input the parser or a handler refuses: reported in one line, exit 2."""


class AppOnly(NamedTuple):
    """The arguments of `bounce` or `bounce --db PATH`: open the app, nothing to parse."""

    db: str | None
    command: None = None


def app_only(words: Sequence[str]) -> AppOnly | None:
    """`bounce`, `bounce --db PATH` or `bounce --db=PATH`, read as the parser reads them
    but without building it (the app's start does not wait for argparse); None for
    any other command line, which the parser reads."""
    if not words:
        return AppOnly(None)
    if len(words) == 2 and words[0] == "--db" and not words[1].startswith("-"):
        return AppOnly(words[1])
    if len(words) == 1 and words[0].startswith("--db="):
        return AppOnly(words[0].removeprefix("--db="))
    return None


def database_path(args: argparse.Namespace | AppOnly) -> Path:
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


def open_store(args: argparse.Namespace, *, reading: bool = False) -> Store:
    """Open the database; a command that only reads never creates it (or its folder)."""
    from bounce_tui.store.repository import Store

    path = reading_path(args) if reading else database_path(args)
    return Store(path, writing=not reading)


def reading_path(args: argparse.Namespace) -> Path:
    """The database file for a command that only reads: it must exist (nothing is created)."""
    path = database_path(args)
    if not os.path.lexists(path):
        raise UsageError(f"there is no bounce database at {path} yet; nothing was created")
    return path


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def check_texts(**fields: tuple[str, bool, int]) -> None:
    """Validate free text (required?, longest) before anything opens the database."""
    from bounce_tui.domain.text import clean_text

    for name, (value, required, max_len) in fields.items():
        clean_text(value, name, required=required, max_len=max_len)


def past_moment(text: str | None, what: str) -> datetime | None:
    """A typed moment (`--on`), never in the future; None when not given."""
    from bounce_tui.domain.dates import WrongSide, parse_moment

    if text is None:
        return None
    try:
        return parse_moment(text, utc_now(), direction="past")
    except WrongSide as error:
        raise UsageError(f"{what} cannot be in the future ({error})") from None


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as the terminal may show it: control characters made visible, one line."""
    from bounce_tui.domain.text import one_line

    return one_line(os.fspath(path))


def write_private(path: Path, text: str, *, force: bool) -> None:
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

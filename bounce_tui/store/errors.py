"""Errors the store raises; each one's str() is one sentence a person can act on."""

from __future__ import annotations

import errno


class StoreError(Exception):
    """A problem with the database file or a write to it."""


class NotADatabase(StoreError):
    """The path is a directory, or a file that is not an SQLite database."""


class ForeignDatabase(StoreError):
    """An SQLite database that belongs to some other program."""


class NewerSchema(StoreError):
    """A bounce database written by a newer version of bounce."""


class DamagedDatabase(StoreError):
    """A bounce database that SQLite reports as malformed."""


class DatabaseBusy(StoreError):
    """Another process held the database longer than the busy timeout."""


class NotSaved(StoreError):
    """The disk or directory refused the write (full, read-only, no permission)."""


class NotFound(StoreError):
    """No row with the given id; `table` and `row_id` say which (when known)."""

    def __init__(self, message: str, *, table: str = "", row_id: str = "") -> None:
        super().__init__(message)
        self.table = table
        self.row_id = row_id


class ChangedElsewhere(StoreError):
    """An edit made on a version of a row that another window or program has since changed.

    Nothing was written; `current` is the row as it is stored now (a frozen view),
    so the person can compare it with what they typed and choose.
    """

    def __init__(self, what: str, current: object) -> None:
        super().__init__(f"this {what} was changed in another window; nothing was saved")
        self.current = current


class ImportFormatError(StoreError):
    """An import file that is missing, unreadable or not a bounce export."""


#: How many refused records a refusal lists before it says "and N more".
SHOWN_PROBLEMS = 10


class ImportRefused(ImportFormatError):
    """An export with records that break the entry rules: nothing was imported.

    `problems` holds one line per refused record (kind, place, id, field, why).
    """

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        if len(problems) == 1:
            message = f"nothing was imported from {where}: {problems[0]}"
        else:
            message = f"nothing was imported from {where}: {len(problems)} records break the rules"
        super().__init__(message)

    def lines(self) -> list[str]:
        """The refusal as lines to print: a heading, at most SHOWN_PROBLEMS records, a tail."""
        if len(self.problems) == 1:
            return [str(self)]
        shown = self.problems[:SHOWN_PROBLEMS]
        more = len(self.problems) - SHOWN_PROBLEMS
        return [str(self), *shown, *([f"and {more} more"] if more > 0 else [])]


def translate(exc: BaseException, path: object, *, reading: bool = False) -> StoreError:
    """Map an sqlite3 / SQLAlchemy / OS error to a human StoreError (no user text in it)."""
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, OSError):
        return _translate_os(original, path)
    message = str(original).lower()
    if "locked" in message or "busy" in message:
        outcome = "it could not be read just now" if reading else "nothing was saved"
        return DatabaseBusy(f"the database {path} is busy in another program; {outcome}, try again")
    if "full" in message:
        return NotSaved(f"the disk holding {path} is full; nothing was saved")
    if "readonly" in message or "read-only" in message or "permission" in message:
        return NotSaved(f"{path} cannot be written (read-only or no permission); nothing was saved")
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return DamagedDatabase(
            f"{path} is damaged ({original}); run `bounce doctor` to restore a backup"
        )
    if "unable to open" in message or "disk i/o" in message:
        return NotSaved(f"{path} cannot be opened or written ({original}); nothing was saved")
    return StoreError(f"database error on {path}: {original}")


def _translate_os(error: OSError, path: object) -> StoreError:
    """An OS error by its number (its text names a path, which may say "full" or "locked")."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return NotSaved(f"the disk holding {path} is full; nothing was saved")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        where = error.filename or path
        return NotSaved(f"{where} cannot be written ({error.strerror}); nothing was saved")
    return NotSaved(f"{path} cannot be written ({error.strerror or error}); nothing was saved")

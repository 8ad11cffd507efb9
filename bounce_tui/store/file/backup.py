"""Consistent copies of the database made with SQLite's backup API, and their rotation.

A backup is written under a temporary name, checked with `integrity_check`,
flushed to disk and only then renamed: a half-made backup never carries a final
name. Backups belong to their database: each is named
`bounce-<id>-<time>-<reason>.db` after the id kept inside the database
(`identity.py`), and rotation only ever removes a file whose content carries
that same id, so two databases in one folder keep their own backups.

Rotation counts the backups themselves, not the calendar: it keeps the newest
backup of each of the 7 newest days and of each of the 4 newest weeks that have
one. Backups the person asked for are kept forever; a backup stamped later than
the clock is neither removed nor counted; and when the newest backup is far
newer than the one before it (a clock set years ahead, or a long break),
nothing is removed that run.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bounce_tui import paths
from bounce_tui.store.errors import StoreError, translate
from bounce_tui.store.file import identity
from bounce_tui.store.file.engine import file_uri

NAME_PREFIX = "bounce-"
NAME_SUFFIX = ".db"
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
#: A newest backup this much newer than the one before it removes nothing.
JUMP = timedelta(weeks=KEEP_WEEKLY)
#: The reason of a backup the person asked for: rotation never removes these.
MANUAL = "manual"
#: A copy in progress is named ".<final name>.partial-<pid>" until it has been checked.
PARTIAL_MARK = ".partial-"


class BackupFailed(Exception):
    """The copy could not be made or did not pass its integrity check."""


def integrity(path: Path) -> str:
    """'ok' when SQLite's integrity_check passes on `path`, else its first complaint."""
    try:
        conn = sqlite3.connect(file_uri(path, "ro"), uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
        return str(row[0]) if row else "no answer"
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def copy_database(source: Path, dest: Path, *, force: bool = True) -> Path:
    """Copy `source` to `dest` (0600) through the backup API; atomic and checked.

    `dest` itself is replaced, never a file it links to: an existing name (a
    dangling symlink included) is refused unless `force`, and then the final
    rename puts the copy where the link was.
    """
    dest = Path(os.path.abspath(dest))
    if os.path.lexists(dest) and not force:
        raise FileExistsError(f"{dest} already exists; add --force to replace it")
    tmp = dest.with_name(f".{dest.name}{PARTIAL_MARK}{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.close(paths.create_exclusive(tmp))
    try:
        src = sqlite3.connect(file_uri(source, "ro"), uri=True, timeout=10)
        try:
            out = sqlite3.connect(str(tmp))
            try:
                src.backup(out)
            finally:
                out.close()
        finally:
            src.close()
        verdict = integrity(tmp)
        if verdict != "ok":
            raise BackupFailed(f"the copy of {source} failed its integrity check: {verdict}")
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def take_backup(db_path: Path, reason: str, now: datetime, *, keep: Iterable[Path] = ()) -> Path:
    """A new backup in the backups folder beside `db_path`, then rotate its backups.

    The database gets its id first if it has none. Rotation looks only at
    backups of this database and never removes a path in `keep` (a backup that
    is about to be restored) or the one just made.
    """
    database_id = identity.ensure_id(db_path, now)
    folder = paths.ensure_private_dir(paths.backup_dir(db_path))
    remove_stale_partials(folder)
    stamp = now.astimezone(timezone.utc).strftime(STAMP_FORMAT)
    tag = identity.name_tag(database_id)
    dest = folder / f"{NAME_PREFIX}{tag}-{stamp}-{reason}{NAME_SUFFIX}"
    copy_database(db_path, dest)
    spared = {Path(p).resolve() for p in keep} | {dest.resolve()}
    for old in expired(backups_of(db_path, database_id), now):
        if old.resolve() not in spared and identity.read_id(old) == database_id:
            old.unlink(missing_ok=True)
    return dest


def daily_backup(db_path: Path, now: datetime) -> Path | None:
    """The start-of-day backup: taken when none was taken today (UTC), else None.

    Errors are the store's (a one-line StoreError), never an OSError or sqlite3 error.
    """
    if latest_backup_on(db_path, now) is not None:
        return None
    try:
        return take_backup(db_path, "daily", now)
    except BackupFailed as exc:
        raise StoreError(str(exc)) from None
    except (OSError, sqlite3.Error) as exc:
        raise translate(exc, db_path) from None


def remove_stale_partials(folder: Path) -> list[Path]:
    """Delete half-made copies left by a process that was killed while copying."""
    removed = []
    for candidate in folder.glob(f".*{PARTIAL_MARK}*"):
        # ".<name>.partial-<pid>", or its SQLite journal ".<name>.partial-<pid>-journal"
        pid_text = candidate.name.rsplit(PARTIAL_MARK, 1)[-1].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        candidate.unlink(missing_ok=True)
        removed.append(candidate)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _parts(path: Path) -> tuple[str | None, datetime, str] | None:
    """(name tag, time, reason) of a backup's name; the tag is None in the older form.

    `bounce-<tag>-<time>-<reason>.db` (per database) or `bounce-<time>-<reason>.db`.
    """
    name = path.name
    if not (name.startswith(NAME_PREFIX) and name.endswith(NAME_SUFFIX)):
        return None
    fields = name[len(NAME_PREFIX) : -len(NAME_SUFFIX)].split("-")
    tag: str | None = None
    if len(fields) >= 3 and len(fields[0]) == identity.NAME_ID_LEN and "T" not in fields[0]:
        tag, fields = fields[0], fields[1:]
    if len(fields) < 2:
        return None
    try:
        taken = datetime.strptime(fields[0], STAMP_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return tag, taken, "-".join(fields[1:])


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken, read from its name."""
    parts = _parts(path)
    return parts[1] if parts else None


def backup_reason(path: Path) -> str:
    """Why a backup was taken, read from its name: "daily", "manual", "before-v5", …."""
    parts = _parts(path)
    return parts[2] if parts else ""


def backup_tag(path: Path) -> str | None:
    """The database id's first characters in a backup's name (None in the older form)."""
    parts = _parts(path)
    return parts[0] if parts else None


def list_backups(db_path: Path) -> list[Path]:
    """Every file named as a backup beside `db_path`, of any database, newest name first."""
    folder = paths.backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _is_plain_file(p) and backup_time(p) is not None]
    return sorted(found, key=lambda p: backup_time(p) or datetime.min, reverse=True)


def backups_of(db_path: Path, database_id: str) -> list[Path]:
    """Backups of the database with this id, newest name first.

    A name in the per-database form must carry the id; the file's content is
    checked by whoever acts on it. Older names (no id in them) count only when
    their content carries the id.
    """
    tag = identity.name_tag(database_id)
    found = []
    for path in list_backups(db_path):
        named = backup_tag(path)
        if named == tag or (named is None and identity.read_id(path) == database_id):
            found.append(path)
    return found


def latest_backup_on(db_path: Path, day: datetime) -> Path | None:
    """The newest automatic backup of this database taken on the UTC day of `day`, if any.

    A backup the person asked for does not count: it never stands in for the day's own.
    """
    database_id = identity.read_id(db_path)
    if database_id is None:
        return None
    for candidate in backups_of(db_path, database_id):
        if backup_reason(candidate) == MANUAL:
            continue
        taken = backup_time(candidate)
        if taken and taken.date() == day.astimezone(timezone.utc).date():
            return candidate
    return None


def _is_plain_file(path: Path) -> bool:
    """A regular file that is not a symlink: the only kind bounce writes as a backup."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def expired(backups: Iterable[Path], now: datetime) -> list[Path]:
    """Which automatic backups rotation removes (of one database's backups).

    Kept: every manual backup, every backup stamped later than `now`, the newest
    backup, and the newest of each of the 7 newest days and 4 newest weeks that
    have backups. Nothing at all is removed when the newest backup is more than
    four weeks newer than the one before it: the clock may be wrong, and an old
    backup is never removed on the word of a single new one.
    """
    dated = sorted(
        (
            (t, p)
            for p in backups
            if (t := backup_time(p)) is not None and backup_reason(p) != MANUAL and t <= now
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if len(dated) >= 2 and dated[0][0] - dated[1][0] > JUMP:
        return []
    keep: set[Path] = set()
    days_seen: list[object] = []
    weeks_seen: list[object] = []
    for taken, path in dated:
        day = taken.date()
        week = tuple(day.isocalendar())[:2]
        if day not in days_seen:
            days_seen.append(day)
            if len(days_seen) <= KEEP_DAILY:
                keep.add(path)
        if week not in weeks_seen:
            weeks_seen.append(week)
            if len(weeks_seen) <= KEEP_WEEKLY:
                keep.add(path)
    if dated:
        keep.add(dated[0][1])
    return [path for _, path in dated if path not in keep]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

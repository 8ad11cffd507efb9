"""Consistent copies of the database made with SQLite's backup API, and their rotation.

A backup is written under a temporary name, checked with `integrity_check`,
flushed to disk and only then renamed: a half-made backup never carries a final
name. Rotation keeps the newest backup of each of the last 7 days and of each of
the last 4 weeks; every other one is removed.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bounce_tui import paths
from bounce_tui.store.file.engine import file_uri

NAME_PREFIX = "bounce-"
NAME_SUFFIX = ".db"
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
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
    """Copy `source` to `dest` (0600) through the backup API; atomic and checked."""
    dest = dest.resolve()
    if dest.exists() and not force:
        raise FileExistsError(f"{dest} already exists; add --force to replace it")
    tmp = dest.with_name(f".{dest.name}{PARTIAL_MARK}{os.getpid()}")
    tmp.unlink(missing_ok=True)
    paths.create_private_file(tmp)
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
    """A new backup in the backups folder beside `db_path`, then rotate the folder.

    Rotation never removes a path in `keep` (a backup that is about to be restored).
    """
    folder = paths.ensure_private_dir(paths.backup_dir(db_path))
    remove_stale_partials(folder)
    stamp = now.astimezone(timezone.utc).strftime(STAMP_FORMAT)
    dest = folder / f"{NAME_PREFIX}{stamp}-{reason}{NAME_SUFFIX}"
    copy_database(db_path, dest)
    spared = {Path(p).resolve() for p in keep}
    for old in expired(list_backups(db_path), now):
        if old.resolve() not in spared:
            old.unlink(missing_ok=True)
    return dest


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


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken, read from its name."""
    name = path.name
    if not (name.startswith(NAME_PREFIX) and name.endswith(NAME_SUFFIX)):
        return None
    stamp = name[len(NAME_PREFIX) :].split("-", 1)[0]
    try:
        return datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def backup_reason(path: Path) -> str:
    """Why a backup was taken, read from its name: "daily", "manual", "before-v5", …."""
    return path.name.removesuffix(NAME_SUFFIX).split("-", 2)[-1] if backup_time(path) else ""


def list_backups(db_path: Path) -> list[Path]:
    """Backups beside `db_path`, newest first."""
    folder = paths.backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and backup_time(p) is not None]
    return sorted(found, key=lambda p: backup_time(p) or datetime.min, reverse=True)


def latest_backup_on(db_path: Path, day: datetime) -> Path | None:
    """The newest automatic backup taken on the same UTC day as `day`, if any.

    A backup the person asked for does not count: it never stands in for the day's own.
    """
    for candidate in list_backups(db_path):
        if backup_reason(candidate) == MANUAL:
            continue
        taken = backup_time(candidate)
        if taken and taken.date() == day.astimezone(timezone.utc).date():
            return candidate
    return None


def expired(backups: Iterable[Path], now: datetime) -> list[Path]:
    """Which automatic backups rotation removes: all but the newest per day (7 days) and
    per week (4 weeks), and never the newest of all. Backups the person asked for
    (`bounce backup`) are never removed.
    """
    dated = sorted(
        (
            (t, p)
            for p in backups
            if (t := backup_time(p)) is not None and backup_reason(p) != MANUAL
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    keep: set[Path] = set()
    days_seen: set[object] = set()
    weeks_seen: set[object] = set()
    day_cutoff = (now - timedelta(days=KEEP_DAILY)).date()
    week_cutoff = (now - timedelta(weeks=KEEP_WEEKLY)).date()
    for taken, path in dated:
        day = taken.date()
        week = tuple(day.isocalendar())[:2]
        if day > day_cutoff and day not in days_seen:
            days_seen.add(day)
            keep.add(path)
        if day > week_cutoff and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(path)
    if dated:
        keep.add(dated[0][1])  # the newest, whatever its date (a clock set back, say)
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

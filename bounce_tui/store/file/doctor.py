"""`bounce doctor`: what and where the database is, whether it is healthy, and restore.

Diagnosis only reads. Restoring never deletes the current file: it is renamed
aside (`bounce.db.set-aside-<time>`) and a checked backup is copied into place.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from bounce_tui import paths
from bounce_tui.store.errors import StoreError
from bounce_tui.store.file import backup, migrations, odd_rows
from bounce_tui.store.file.engine import APPLICATION_ID, journal_mode


@dataclass
class Diagnosis:
    """The doctor's findings; `problem` is None when the database is healthy."""

    path: Path
    lines: list[str] = field(default_factory=list)
    problem: str | None = None
    restorable: Path | None = None
    #: Entries a healthy file holds that need a look (dates outside 1970-2100).
    warnings: list[str] = field(default_factory=list)


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))[2:]


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that passes integrity_check and is a bounce database."""
    for candidate in backup.list_backups(db_path):
        if backup.integrity(candidate) != "ok":
            continue
        try:
            facts = migrations.inspect_file(candidate, check_pages=False)
            migrations.check_ours(candidate, facts)
        except StoreError:
            continue
        if facts.application_id == APPLICATION_ID:
            return candidate
    return None


def diagnose(path: Path) -> Diagnosis:
    """Inspect the database file without changing it."""
    report = Diagnosis(path)
    add = report.lines.append
    add(f"database: {path}")
    add(f"data folder: {path.parent}" + (f" (mode {_mode(path.parent)})" if path.parent.exists()
                                          else " (not created yet)"))  # fmt: skip
    add(f"config folder: {paths.config_dir()}")
    add(f"sqlite: {sqlite3.sqlite_version}, journal mode {journal_mode()}")
    try:
        # Pages are checked below by the fuller integrity_check.
        facts = migrations.inspect_file(path, check_pages=False)
        migrations.check_ours(path, facts)
    except StoreError as exc:
        report.problem = str(exc)
    else:
        if not facts.exists:
            add("state: no database yet; it is created on the first entry")
        else:
            add(f"file: {path.stat().st_size} bytes, mode {_mode(path)}")
            add(f"schema: version {facts.user_version} (this bounce: {migrations.SCHEMA_VERSION})")
            verdict = backup.integrity(path)
            add(f"integrity: {verdict}")
            if verdict != "ok":
                report.problem = f"{path} fails its integrity check: {verdict}"
            else:
                report.warnings.extend(odd_rows.dates_out_of_range(path))
    found = backup.list_backups(path)
    add(f"backups: {len(found)} in {paths.backup_dir(path)}")
    if found:
        add(f"newest backup: {found[0].name}")
    if report.problem:
        report.restorable = newest_good_backup(path)
    return report


def restore(path: Path, source: Path, now: datetime) -> Path | None:
    """Put `source` in place of `path`; the old file is kept beside it. Returns where."""
    if backup.integrity(source) != "ok":
        raise StoreError(f"{source} fails its integrity check; not restored")
    facts = migrations.inspect_file(source)
    migrations.check_ours(source, facts)
    aside = None
    if path.exists():
        try:
            current = migrations.inspect_file(path)
            migrations.check_ours(path, current)
            healthy = current.exists and backup.integrity(path) == "ok"
        except StoreError:
            healthy = False
        if healthy:
            backup.take_backup(path, "before-restore", now, keep=(source,))
        stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = path.with_name(f"{path.name}.set-aside-{stamp}")
        os.replace(path, aside)
        for suffix in ("-journal", "-wal", "-shm"):
            leftover = Path(f"{path}{suffix}")
            if leftover.exists():
                os.replace(leftover, Path(f"{aside}{suffix}"))
    paths.ensure_private_dir(path.parent, tighten=paths.is_default_location(path))
    backup.copy_database(source, path)
    return aside

"""`bounce doctor`: what and where the database is, whether it is healthy, and restore.

Diagnosis only reads. Restoring never deletes the current file: it is renamed
aside (`bounce.db.set-aside-<time>`) and a checked backup is copied into place.
Only backups of the same database (by the id inside them) are offered, and of
those the one whose content is newest (its latest entry), whatever its name says.
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
from bounce_tui.store.file import backup, identity, migrations, odd_rows
from bounce_tui.store.file.engine import APPLICATION_ID, journal_mode

#: How many backups a diagnosis lists.
MAX_LISTED = 10


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


@dataclass(frozen=True)
class Candidate:
    """A good backup of this database and the newest entry it holds."""

    path: Path
    newest_entry: str | None
    rows: int

    def order(self) -> tuple[str, int, datetime]:
        """Newest content first: latest entry, then more rows, then the name's time."""
        taken = backup.backup_time(self.path) or datetime.min.replace(tzinfo=timezone.utc)
        return (self.newest_entry or "", self.rows, taken)


def _good(path: Path) -> bool:
    if backup.integrity(path) != "ok":
        return False
    try:
        facts = migrations.inspect_file(path, check_pages=False)
        migrations.check_ours(path, facts)
    except StoreError:
        return False
    return facts.application_id == APPLICATION_ID


def restore_candidates(db_path: Path) -> tuple[list[Candidate], str | None]:
    """Good backups of the database at `db_path`, newest content first, and a note.

    A backup counts when the id inside it is the database's (and its name, if
    it names one, agrees). When the database is too damaged to say its id, the
    backups are used only if they all belong to one database; the note says
    why none are offered otherwise.
    """
    database_id = identity.read_id(db_path)
    found: dict[str, list[Candidate]] = {}
    for path in backup.list_backups(db_path):
        facts = identity.content(path)
        if facts is None or facts.database_id is None:
            continue
        if database_id is not None and facts.database_id != database_id:
            continue
        tag = backup.backup_tag(path)
        if tag is not None and tag != identity.name_tag(facts.database_id):
            continue
        if not _good(path):
            continue
        candidate = Candidate(path, facts.newest_entry, facts.rows)
        found.setdefault(facts.database_id, []).append(candidate)
    if len(found) > 1:
        folder = paths.backup_dir(db_path)
        return [], (
            f"{folder} holds backups of {len(found)} databases and {db_path.name} is too "
            "damaged to say which are its own, so none is restored automatically"
        )
    mine = [c for group in found.values() for c in group]
    return sorted(mine, key=Candidate.order, reverse=True), None


def newest_good_backup(db_path: Path) -> Path | None:
    """The good backup of this database whose content is newest."""
    found, _note = restore_candidates(db_path)
    return found[0].path if found else None


def _entry_time(value: str | None) -> str:
    if value is None:
        return "no entries"
    try:
        moment = datetime.fromisoformat(value).astimezone(timezone.utc)
    except ValueError:
        return "newest entry unreadable"
    return f"newest entry {moment:%Y-%m-%d %H:%M} UTC"


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
    database_id = identity.read_id(path)
    own = [
        p for p in backup.backups_of(path, database_id or "") if identity.read_id(p) == database_id
    ]
    add(f"backups: {len(found)} in {paths.backup_dir(path)}"
        + (f", {len(own)} of this database" if database_id else ""))  # fmt: skip
    if own:
        add(f"newest backup of this database: {own[0].name}")
    if report.problem:
        candidates, note = restore_candidates(path)
        for candidate in candidates[:MAX_LISTED]:
            add(f"can restore: {candidate.path.name} ({_entry_time(candidate.newest_entry)})")
        if note:
            add(note)
        report.restorable = candidates[0].path if candidates else None
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

"""Schema versions: PRAGMA user_version, ordered steps, refusal of files that are not ours.

Before anything writes, the file is checked: a directory, a non-SQLite file, an
SQLite file of another program (application_id) or of a newer bounce (user_version)
is refused and left byte-for-byte untouched. An existing database is backed up
before it is migrated; each step runs in its own IMMEDIATE transaction together
with its version bump, so a file is always at version N or N+1, never between.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from bounce_tui import paths
from bounce_tui.store.errors import (
    DamagedDatabase,
    DatabaseBusy,
    ForeignDatabase,
    NewerSchema,
    NotADatabase,
    StoreError,
    translate,
)
from bounce_tui.store.file import backup, health, identity
from bounce_tui.store.file.engine import APPLICATION_ID, connect_raw, file_uri, is_busy

SQLITE_MAGIC = health.SQLITE_MAGIC

_V1 = """
CREATE TABLE rejection (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    company TEXT NOT NULL CHECK (length(trim(company)) > 0),
    role TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL CHECK (stage IN ('applied', 'screen', 'interview', 'final')),
    received_at TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT 'email',
    contact TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_rejection_received_at ON rejection (received_at);
CREATE TABLE mourning_period (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rejection_id TEXT REFERENCES rejection (id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    planned_end TEXT NOT NULL,
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 14),
    extensions INTEGER NOT NULL DEFAULT 0 CHECK (extensions BETWEEN 0 AND 2),
    moved_on_at TEXT,
    close_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_mourning_period_rejection_id ON mourning_period (rejection_id);
CREATE INDEX ix_mourning_period_planned_end ON mourning_period (planned_end);
CREATE TABLE checklist_item (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rejection_id TEXT REFERENCES rejection (id) ON DELETE CASCADE,
    template_key TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    why TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'decision')),
    position INTEGER NOT NULL DEFAULT 0,
    done_at TEXT,
    due_on DATE,
    choice TEXT NOT NULL DEFAULT '',
    views JSON NOT NULL DEFAULT '[]',
    choices JSON NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_checklist_item_rejection_id ON checklist_item (rejection_id);
CREATE TABLE lesson (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    text TEXT NOT NULL,
    category TEXT NOT NULL,
    tags JSON NOT NULL DEFAULT '[]',
    rejection_id TEXT REFERENCES rejection (id) ON DELETE SET NULL,
    recurring BOOLEAN NOT NULL DEFAULT 0,
    due TEXT NOT NULL,
    stability FLOAT,
    difficulty FLOAT,
    card_state INTEGER NOT NULL DEFAULT 1,
    card_step INTEGER,
    last_review TEXT
);
CREATE INDEX ix_lesson_rejection_id ON lesson (rejection_id);
CREATE INDEX ix_lesson_due ON lesson (due);
CREATE TABLE lesson_review (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    lesson_id TEXT NOT NULL REFERENCES lesson (id) ON DELETE CASCADE,
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
    reviewed_at TEXT NOT NULL,
    drill BOOLEAN NOT NULL DEFAULT 0,
    card_before JSON NOT NULL DEFAULT '{}'
);
CREATE INDEX ix_lesson_review_lesson_id ON lesson_review (lesson_id);
CREATE TABLE checkin (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    energy INTEGER CHECK (energy IS NULL OR energy BETWEEN 1 AND 5),
    note TEXT NOT NULL DEFAULT '',
    tags JSON NOT NULL DEFAULT '[]',
    at TEXT NOT NULL,
    day DATE NOT NULL
);
CREATE INDEX ix_checkin_day ON checkin (day);
CREATE TABLE skip_day (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    day DATE NOT NULL UNIQUE,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE interview (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    company TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT 'interview',
    at TEXT NOT NULL
);
CREATE INDEX ix_interview_at ON interview (at);
CREATE TABLE urge (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    mourning_id TEXT REFERENCES mourning_period (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX ix_urge_mourning_id ON urge (mourning_id);
CREATE TABLE setting (
    "key" TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

# Step 2 exists to exercise the mechanism on real files: check-ins are listed by time.
_V2 = "CREATE INDEX ix_checkin_at ON checkin (at);"

# Step 3: full-text search over lessons. The index keeps its own copy of the text,
# its rowid mirrors the lesson's, and triggers keep it in step with every write.
# Lessons are also indexed by creation time, the order the log pages through them.
_V3 = """
CREATE INDEX ix_lesson_created_at ON lesson (created_at);
CREATE VIRTUAL TABLE lesson_fts USING fts5(
    lesson_id UNINDEXED, text, category, tags, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO lesson_fts (rowid, lesson_id, text, category, tags)
    SELECT rowid, id, text, category, tags FROM lesson;
CREATE TRIGGER lesson_fts_insert AFTER INSERT ON lesson BEGIN
    INSERT INTO lesson_fts (rowid, lesson_id, text, category, tags)
    VALUES (new.rowid, new.id, new.text, new.category, new.tags);
END;
CREATE TRIGGER lesson_fts_delete AFTER DELETE ON lesson BEGIN
    DELETE FROM lesson_fts WHERE rowid = old.rowid AND lesson_id = old.id;
END;
CREATE TRIGGER lesson_fts_update AFTER UPDATE OF text, category, tags ON lesson BEGIN
    DELETE FROM lesson_fts WHERE rowid = old.rowid AND lesson_id = old.id;
    INSERT INTO lesson_fts (rowid, lesson_id, text, category, tags)
    VALUES (new.rowid, new.id, new.text, new.category, new.tags);
END
"""


# Step 4: lessons become cards with a front (`prompt`: the situation or question) and
# a back (`text`: what to do next time), and lessons the person confirmed as the same
# recurring theme share a `theme_id`. Lessons the old automatic check had marked as
# recurring keep that mark as one theme per category.
_V4 = """
ALTER TABLE lesson ADD COLUMN prompt TEXT NOT NULL DEFAULT '';
ALTER TABLE lesson ADD COLUMN theme_id TEXT;
CREATE INDEX ix_lesson_theme_id ON lesson (theme_id);
UPDATE lesson SET theme_id = (
    SELECT first.id FROM lesson AS first
    WHERE first.recurring AND first.category = lesson.category
    ORDER BY first.created_at, first.id LIMIT 1
) WHERE recurring
"""

# Step 5: the search index is rebuilt to cover the front and to stem words
# ("stories" finds "story"), which the repeat check relies on too.
_V5 = """
DROP TRIGGER IF EXISTS lesson_fts_insert;
DROP TRIGGER IF EXISTS lesson_fts_delete;
DROP TRIGGER IF EXISTS lesson_fts_update;
DROP TABLE IF EXISTS lesson_fts;
CREATE VIRTUAL TABLE lesson_fts USING fts5(
    lesson_id UNINDEXED, prompt, text, category, tags,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO lesson_fts (rowid, lesson_id, prompt, text, category, tags)
    SELECT rowid, id, prompt, text, category, tags FROM lesson;
CREATE TRIGGER lesson_fts_insert AFTER INSERT ON lesson BEGIN
    INSERT INTO lesson_fts (rowid, lesson_id, prompt, text, category, tags)
    VALUES (new.rowid, new.id, new.prompt, new.text, new.category, new.tags);
END;
CREATE TRIGGER lesson_fts_delete AFTER DELETE ON lesson BEGIN
    DELETE FROM lesson_fts WHERE rowid = old.rowid AND lesson_id = old.id;
END;
CREATE TRIGGER lesson_fts_update AFTER UPDATE OF prompt, text, category, tags ON lesson BEGIN
    DELETE FROM lesson_fts WHERE rowid = old.rowid AND lesson_id = old.id;
    INSERT INTO lesson_fts (rowid, lesson_id, prompt, text, category, tags)
    VALUES (new.rowid, new.id, new.prompt, new.text, new.category, new.tags);
END
"""

# Step 6: a checklist item may carry a short reply the person can copy (a thank-you
# note, a follow-up), written with placeholders filled in when it is shown.
_V6 = "ALTER TABLE checklist_item ADD COLUMN reply TEXT NOT NULL DEFAULT ''"

# Step 7: a rejection keeps the local day it arrived, as a check-in does, so figures
# counted in days come out the same in every zone. Existing rows take the day in the
# zone of the machine that upgrades the file (almost always the person's own).
_V7 = """
ALTER TABLE rejection ADD COLUMN day DATE;
UPDATE rejection SET day = date(received_at, 'localtime')
"""

# Step 8: the search index also keeps the one- and two-letter beginnings of every
# word. Search as you type asks for the last word as a prefix, and a prefix that
# short otherwise reads the lists of every word it begins; over 100,000 lessons
# that halved the time of such a search.
_V8 = _V5.replace(
    "tokenize = 'porter unicode61 remove_diacritics 2'",
    "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2'",
)


class Step(NamedTuple):
    """One schema change: running `sql` takes a file from version-1 to `version`."""

    version: int
    description: str
    sql: str
    needs_fts5: bool = False


STEPS: tuple[Step, ...] = (
    Step(1, "create the tables", _V1),
    Step(2, "index check-ins by time", _V2),
    Step(3, "full-text search over lessons", _V3, needs_fts5=True),
    Step(4, "lessons get a front and recurring themes", _V4),
    Step(5, "search the front too, with stemming", _V5, needs_fts5=True),
    Step(6, "checklist items carry a reply to copy", _V6),
    Step(7, "rejections keep the local day they arrived", _V7),
    Step(8, "search short word beginnings quickly", _V8, needs_fts5=True),
)
SCHEMA_VERSION = STEPS[-1].version


class FileFacts(NamedTuple):
    """What a database file says about itself, read without changing it."""

    exists: bool
    application_id: int = 0
    user_version: int = 0
    has_tables: bool = False


class OpenResult(NamedTuple):
    """What opening a database did."""

    from_version: int
    to_version: int
    backup_path: Path | None


def inspect_file(path: Path, *, check_pages: bool = True) -> FileFacts:
    """Read a file's identity, refusing anything that is not a whole SQLite database.

    Only reads. The header is checked against the file format and the file's size;
    with `check_pages`, a file small enough for it gets `PRAGMA quick_check` too,
    so a damaged file is refused before a write could change it.
    """
    if path.is_dir():
        raise NotADatabase(f"{path} is a directory, not a database file")
    try:
        info = path.stat()
    except FileNotFoundError:
        return FileFacts(exists=False)
    except OSError as exc:
        raise NotADatabase(f"{path} cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise NotADatabase(
            f"{path} is not a regular file (a device, FIFO or socket); bounce left it untouched"
        )
    try:
        header, _size = _read_header(path)
    except OSError as exc:
        raise NotADatabase(f"{path} cannot be read: {exc.strerror or exc}") from None
    if not header:
        if backup.list_backups(path):
            raise DamagedDatabase(
                f"{path} is empty although backups of it exist; it was left untouched."
                + _restore_hint(path)
            )
        return FileFacts(exists=True)
    if not header.startswith(SQLITE_MAGIC):
        raise NotADatabase(
            f"{path} is not an SQLite database; it was left untouched." + _restore_hint(path)
        )
    # A leftover journal means an interrupted write: a read-write connection lets SQLite
    # roll it back on the first read, as any opener would.
    leftover = any(Path(f"{path}{suffix}").exists() for suffix in ("-journal", "-wal"))
    try:
        conn = sqlite3.connect(file_uri(path, "rw" if leftover else "ro"), uri=True, timeout=10)
        conn.isolation_level = None
        try:
            conn.execute("BEGIN")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            # Read under the shared lock just taken: no other process is writing the file.
            header, size = _read_header(path)
            problem = health.header_problem(header, size)
            if problem:
                raise DamagedDatabase(
                    f"{path} is damaged: {problem}; it was left untouched." + _restore_hint(path)
                )
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            verdict = "ok"
            if check_pages and health.worth_quick_check(path):
                verdict = health.quick_check(conn)
            conn.execute("COMMIT")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise DatabaseBusy(
                f"the database {path} is busy in another program; nothing was saved, try again"
            ) from None
        raise DamagedDatabase(
            f"{path} looks damaged ({exc}); it was left untouched." + _restore_hint(path)
        ) from None
    if verdict != "ok":
        raise DamagedDatabase(
            f"{path} is damaged ({verdict}); it was left untouched." + _restore_hint(path)
        )
    return FileFacts(True, app_id, version, tables > 0)


def _read_header(path: Path) -> tuple[bytes, int]:
    with open(path, "rb") as fh:
        return fh.read(health.HEADER_SIZE), os.fstat(fh.fileno()).st_size


def _restore_hint(path: Path) -> str:
    """Where to turn next: doctor, and whether backups exist to restore."""
    if backup.list_backups(path):
        return " `bounce doctor --restore` puts the newest good backup in place."
    return " `bounce doctor` says more."


def check_ours(path: Path, facts: FileFacts) -> None:
    """Refuse a foreign SQLite file or a file from a newer bounce."""
    if facts.application_id not in (0, APPLICATION_ID) or (
        facts.application_id == 0 and facts.has_tables
    ):
        raise ForeignDatabase(
            f"{path} is an SQLite database of another program; bounce left it untouched"
        )
    if facts.user_version > SCHEMA_VERSION:
        raise NewerSchema(
            f"{path} was written by a newer bounce (schema {facts.user_version}, "
            f"this one knows {SCHEMA_VERSION}); upgrade bounce to open it"
        )


def open_database(
    path: Path,
    now: Callable[[], datetime],
    steps: tuple[Step, ...] = STEPS,
    *,
    writing: bool = True,
) -> OpenResult:
    """Check, create (0600 in a 0700 dir) and migrate the database at `path`.

    With `writing` false (a command that only reads) an existing file's mode is
    left as it is, so a read-only file on a read-only medium can still be read.
    """
    facts = inspect_file(path)
    check_ours(path, facts)
    try:
        if not facts.exists:
            paths.ensure_private_dir(path.parent, tighten=paths.is_default_location(path))
            paths.create_private_file(path)
        elif writing:
            paths.tighten_file(path)
    except OSError as exc:
        raise translate(exc, path) from None
    target = steps[-1].version
    if facts.user_version >= target:
        if writing:
            _mark(path, now)
        return OpenResult(facts.user_version, facts.user_version, None)
    saved = None
    if facts.user_version > 0:
        try:
            saved = backup.take_backup(path, f"before-v{target}", now())
        except (OSError, sqlite3.Error, backup.BackupFailed) as exc:
            raise StoreError(f"could not back up {path} before upgrading it: {exc}") from None
    try:
        migrate(path, steps)
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    _mark(path, now)
    return OpenResult(facts.user_version, target, saved)


def _mark(path: Path, now: Callable[[], datetime]) -> None:
    """Give the database its id (once) while it is open for writing, so that taking a
    backup later never has to change the live file."""
    try:
        identity.ensure_id(path, now())
    except sqlite3.Error as exc:
        raise translate(exc, path) from None


def migrate(path: Path, steps: tuple[Step, ...] = STEPS) -> None:
    """Run each pending step in its own IMMEDIATE transaction with its version bump."""
    conn = connect_raw(path)
    try:
        for step in steps:
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current >= step.version:
                    conn.execute("ROLLBACK")
                    continue
                if current != step.version - 1:
                    raise StoreError(f"{path} is at schema {current}; cannot apply step {step}")
                if not step.needs_fts5 or has_fts5(conn):
                    for statement in _statements(step.sql):
                        conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {step.version}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    finally:
        conn.close()


def has_fts5(conn: sqlite3.Connection) -> bool:
    """True when this SQLite library was built with FTS5."""
    options = {row[0] for row in conn.execute("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def _statements(sql: str) -> list[str]:
    """Split a script into statements; trigger bodies (BEGIN … END) stay whole."""
    statements: list[str] = []
    current = ""
    for part in sql.split(";"):
        current = f"{current};{part}" if current else part
        if sqlite3.complete_statement(current + ";"):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements

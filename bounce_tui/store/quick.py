"""Quick entries straight through `sqlite3`, for commands that must not wait for the ORM.

The SQLModel tables stay the one definition of the schema; this module writes and
reads the same rows in the same text forms (`store/stamps.py`) with the same rules
as `Database`: the file is checked before the write (`migrations.inspect_file`:
header, application_id, user_version, quick_check), kept private, opened with the
engine's PRAGMAs and busy wait, and written in one BEGIN IMMEDIATE transaction.

Anything unusual (no file yet, an older schema) returns None, and the caller takes
the ORM path, which creates or migrates the file. tests/store/test_quick.py checks
every statement here against the SQLModel tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bounce_tui import paths
from bounce_tui.domain import checkins, mourning, progress
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.settings import DISMISSED_UNTIL_KEY
from bounce_tui.domain.text import clean_tags, clean_text
from bounce_tui.store import stamps
from bounce_tui.store.clock import Clock
from bounce_tui.store.errors import StoreError, translate
from bounce_tui.store.file import commits, migrations
from bounce_tui.store.file.engine import BusyPolicy, configure

#: The columns of each table this module writes, in the order of the SQLModel class.
CHECKIN_COLUMNS = ("id", "created_at", "updated_at", "mood", "energy", "note", "tags", "at", "day")
SKIP_DAY_COLUMNS = ("id", "created_at", "updated_at", "day", "reason")


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


INSERT_CHECKIN = _insert("checkin", CHECKIN_COLUMNS)
INSERT_SKIP_DAY = _insert("skip_day", SKIP_DAY_COLUMNS)
SELECT_SKIP_ID = "SELECT id FROM skip_day WHERE day = ?"
SELECT_DAYS = "SELECT DISTINCT day FROM checkin"
SELECT_SKIPPED = "SELECT day FROM skip_day"
SELECT_DAY_MOODS = "SELECT mood FROM checkin WHERE day = ? ORDER BY at"
SELECT_MEANS_SINCE = "SELECT day, avg(mood) FROM checkin WHERE day >= ? GROUP BY day"
SELECT_PERIODS = (
    "SELECT started_at, planned_end, days, extensions, moved_on_at FROM mourning_period"
)
SELECT_SETTING = "SELECT value FROM setting WHERE key = ?"

#: Every statement, for the test that prepares each one against the SQLModel tables.
STATEMENTS = (
    INSERT_CHECKIN,
    INSERT_SKIP_DAY,
    SELECT_SKIP_ID,
    SELECT_DAYS,
    SELECT_SKIPPED,
    SELECT_DAY_MOODS,
    SELECT_MEANS_SINCE,
    SELECT_PERIODS,
    SELECT_SETTING,
)


@dataclass(frozen=True)
class AfterCheckIn:
    """The figures `bounce checkin` prints after a new check-in."""

    streak: int
    day_moods: tuple[int, ...]
    prompt_due: bool


def check_in(
    path: Path,
    mood: int | str,
    *,
    energy: int | str | None = None,
    note: str = "",
    tags: Iterable[str] = (),
    at: datetime | None = None,
    clock: Clock | None = None,
    busy: BusyPolicy | None = None,
) -> date | None:
    """Record a check-in as `CheckInCases.check_in` does and return the day it counts for.

    None: nothing was written; the file needs the ORM path (no file yet, an older schema).
    """
    clock = clock or Clock()
    now = clock.now()
    moment = to_utc(at) if at is not None else now
    if moment > now:
        raise DomainError("a check-in cannot be in the future")
    day = local_day(moment, clock.tz)
    row = {
        "id": stamps.new_id(),
        "mood": checkins.validate_mood(mood),
        "energy": checkins.validate_energy(energy),
        "note": clean_text(note, "note", required=False),
        "tags": stamps.json_text(list(clean_tags(tags))),
        "at": stamps.utc_text(moment),
        "day": stamps.day_text(day),
    }
    stamped = clock.now()  # a second reading, as `Clock.stamp` makes for the ORM row
    row["created_at"] = row["updated_at"] = stamps.utc_text(stamped)
    policy = busy or BusyPolicy()
    with _opened(path, policy) as conn:
        if conn is None:
            return None
        _write(conn, path, policy, INSERT_CHECKIN, [row[c] for c in CHECKIN_COLUMNS])
    return day


def skip_day(
    path: Path,
    day: date,
    reason: str = "",
    *,
    clock: Clock | None = None,
    busy: BusyPolicy | None = None,
) -> str | None:
    """Mark a day as skipped as `CheckInCases.skip_day` does; the id of the day's mark.

    None: nothing was written; the file needs the ORM path (no file yet, an older schema).
    """
    clock = clock or Clock()
    if day > clock.today():
        raise DomainError("only today or an earlier day can be skipped")
    stamp = stamps.utc_text(clock.now())
    row = {
        "id": stamps.new_id(),
        "created_at": stamp,
        "updated_at": stamp,
        "day": stamps.day_text(day),
        "reason": clean_text(reason, "reason", required=False),
    }
    policy = busy or BusyPolicy()
    kept: list[str] = []

    def mark(db: sqlite3.Connection) -> None:
        found = db.execute(SELECT_SKIP_ID, (row["day"],)).fetchone()
        if found is not None:
            kept.append(found[0])
        else:
            db.execute(INSERT_SKIP_DAY, [row[c] for c in SKIP_DAY_COLUMNS])

    with _opened(path, policy) as conn:
        if conn is None:
            return None
        _transaction(conn, path, policy, lambda: mark(conn))
    return kept[0] if kept else str(row["id"])


def read_after_checkin(path: Path, day: date, clock: Clock) -> AfterCheckIn | None:
    """The streak, the moods of `day` and the gentle prompt, in one deferred transaction.

    None when a stored value is out of the ordinary: the caller then reads them
    through the ORM, which reports such values as it always has.
    """
    now = clock.now()
    today = local_day(now, clock.tz)
    try:
        with _reading(path) as conn:
            days = [stamps.day_from_text(d) for (d,) in conn.execute(SELECT_DAYS)]
            skipped = {stamps.day_from_text(d) for (d,) in conn.execute(SELECT_SKIPPED)}
            moods = tuple(m for (m,) in conn.execute(SELECT_DAY_MOODS, (stamps.day_text(day),)))
            prompt = _prompt_due(conn, today, clock)
    except (ValueError, TypeError, OverflowError):
        return None
    if not all(isinstance(m, int) for m in moods):
        return None
    return AfterCheckIn(checkins.streak(days, skipped, today), moods, prompt)


def _prompt_due(conn: sqlite3.Connection, today: date, clock: Clock) -> bool:
    """`progress.gentle_prompt_due` on plain rows (see store/read/progress.py)."""
    first = today - timedelta(days=progress.PROMPT_LOOKBACK_DAYS)
    rows = conn.execute(SELECT_MEANS_SINCE, (stamps.day_text(first),)).fetchall()
    means = {stamps.day_from_text(day): float(mean) for day, mean in rows}
    ends = []
    for started, planned, days, extensions, moved_on in conn.execute(SELECT_PERIODS):
        period = mourning.Mourning(
            started_at=stamps.utc_from_text(started),
            planned_end=stamps.utc_from_text(planned),
            days=days,
            extensions=extensions,
            moved_on_at=None if moved_on is None else stamps.utc_from_text(moved_on),
        )
        ends.append(local_day(mourning.ended_at(period), clock.tz))
    found = conn.execute(SELECT_SETTING, (DISMISSED_UNTIL_KEY,)).fetchone()
    dismissed = None
    if found is not None and found[0]:
        try:
            dismissed = date.fromisoformat(str(found[0]).strip())
        except ValueError:
            dismissed = None
    return progress.gentle_prompt_due(means, ends, today, dismissed)


@contextmanager
def _opened(path: Path, busy: BusyPolicy) -> Iterator[sqlite3.Connection | None]:
    """A configured connection to a checked, current, private bounce file; None otherwise.

    The checks are those `migrations.open_database` makes before the ORM opens the
    file, and they raise the same errors; only the cases that open_database would
    handle by creating or migrating the file yield None.
    """
    facts = migrations.inspect_file(path)
    migrations.check_ours(path, facts)
    if not facts.exists or facts.user_version != migrations.SCHEMA_VERSION:
        yield None
        return
    try:
        paths.tighten_file(path)
    except OSError as exc:
        raise translate(exc, path) from None
    conn = _connect(path, busy)
    try:
        yield conn
    finally:
        conn.close()


def _connect(path: Path, busy: BusyPolicy, *, reading: bool = False) -> sqlite3.Connection:
    """A connection set up as `engine.make_engine`'s creator sets one up."""
    try:
        conn = sqlite3.connect(str(path), timeout=busy.busy_ms / 1000)
    except sqlite3.Error as exc:
        raise translate(exc, path, reading=reading) from None
    try:
        busy.retry(lambda: configure(conn, busy.busy_ms))
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path, reading=reading) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _write(
    conn: sqlite3.Connection, path: Path, busy: BusyPolicy, statement: str, values: list[object]
) -> None:
    """One BEGIN IMMEDIATE transaction holding `statement`, committed, counted."""
    _transaction(conn, path, busy, lambda: conn.execute(statement, values))


def _transaction(
    conn: sqlite3.Connection, path: Path, busy: BusyPolicy, work: Callable[[], object]
) -> None:
    try:
        busy.run(conn, "BEGIN IMMEDIATE")
        try:
            work()
            busy.run(conn, "COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.IntegrityError as exc:
        raise StoreError(f"the entry breaks a rule of the database: {exc}") from None
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, path) from None
    commits.note_commit()


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """One deferred (read-only) transaction, errors translated as `Database.reading` does."""
    conn = _connect(path, BusyPolicy(), reading=True)
    try:
        conn.execute("BEGIN DEFERRED")
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise translate(exc, path, reading=True) from None
    finally:
        conn.close()

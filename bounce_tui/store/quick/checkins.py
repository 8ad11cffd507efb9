"""Check-ins and skipped days on the quick path: writing them, the figures after, the list."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import clean_tags, clean_text
from bounce_tui.store import stamps
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import (
    insert,
    is_current,
    opened,
    reading,
    transaction,
    write,
)

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import CheckInView

#: The columns of each table this module writes, in the order of the SQLModel class.
CHECKIN_COLUMNS = ("id", "created_at", "updated_at", "mood", "energy", "note", "tags", "at", "day")
SKIP_DAY_COLUMNS = ("id", "created_at", "updated_at", "day", "reason")


INSERT_CHECKIN = insert("checkin", CHECKIN_COLUMNS)
INSERT_SKIP_DAY = insert("skip_day", SKIP_DAY_COLUMNS)
SELECT_SKIP_ID = "SELECT id FROM skip_day WHERE day = ?"
SELECT_DAYS = "SELECT DISTINCT day FROM checkin"
SELECT_SKIPPED = "SELECT day FROM skip_day"
SELECT_DAY_MOODS = "SELECT mood FROM checkin WHERE day = ? ORDER BY at"
SELECT_CHECKINS_SINCE = (
    f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkin WHERE day >= ? ORDER BY at DESC"
)

#: Every statement, for the test that prepares each one against the SQLModel tables.
STATEMENTS = (
    SELECT_CHECKINS_SINCE,
    INSERT_CHECKIN,
    INSERT_SKIP_DAY,
    SELECT_SKIP_ID,
    SELECT_DAYS,
    SELECT_SKIPPED,
    SELECT_DAY_MOODS,
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
    with opened(path, policy) as conn:
        if conn is None:
            return None
        write(conn, path, policy, INSERT_CHECKIN, [row[c] for c in CHECKIN_COLUMNS])
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

    with opened(path, policy) as conn:
        if conn is None:
            return None
        transaction(conn, path, policy, lambda: mark(conn))
    return kept[0] if kept else str(row["id"])


def read_after_checkin(path: Path, day: date, clock: Clock) -> AfterCheckIn | None:
    """The streak, the moods of `day` and the gentle prompt, in one deferred transaction.

    None when a stored value is out of the ordinary: the caller then reads them
    through the ORM, which reports such values as it always has.
    """
    from bounce_tui.store.read.gentle_prompt import gentle_prompt_due

    now = clock.now()
    today = local_day(now, clock.tz)
    try:
        with reading(path) as conn:
            days = [stamps.day_from_text(d) for (d,) in conn.execute(SELECT_DAYS)]
            skipped = {stamps.day_from_text(d) for (d,) in conn.execute(SELECT_SKIPPED)}
            moods = tuple(m for (m,) in conn.execute(SELECT_DAY_MOODS, (stamps.day_text(day),)))
            prompt = gentle_prompt_due(conn, now, clock.tz)
    except (ValueError, TypeError, OverflowError):
        return None
    if not all(isinstance(m, int) for m in moods):
        return None
    return AfterCheckIn(checkins.streak(days, skipped, today), moods, prompt)


def since(path: Path, day: date) -> list[CheckInView] | None:
    """Every check-in from `day` on, newest first, as `CheckInCases.since` reads them.

    None: the file needs the ORM path (an older schema), or a stored value is out
    of the ordinary and the ORM reports it as it always has.
    """
    if not is_current(path):
        return None
    try:
        with reading(path) as conn:
            rows = conn.execute(SELECT_CHECKINS_SINCE, (stamps.day_text(day),)).fetchall()
        return [_checkin_view(row) for row in rows]
    except (ValueError, TypeError, OverflowError):
        return None


def _checkin_view(row: tuple[object, ...]) -> CheckInView:
    from bounce_tui.domain.snapshot import CheckInView

    values = dict(zip(CHECKIN_COLUMNS, row, strict=True))
    tags = json.loads(str(values["tags"])) if values["tags"] is not None else []
    if not isinstance(values["mood"], int) or not isinstance(tags, list):
        raise TypeError("an out-of-the-ordinary check-in")
    energy = values["energy"]
    if energy is not None and not isinstance(energy, int):
        raise TypeError("an out-of-the-ordinary energy")
    return CheckInView(
        checkin_id=str(values["id"]),
        mood=values["mood"],
        day=stamps.day_from_text(str(values["day"])),
        at=stamps.utc_from_text(str(values["at"])),
        energy=energy,
        note=str(values["note"]),
        tags=tuple(tags),
        updated_at=stamps.utc_from_text(str(values["updated_at"])),
    )

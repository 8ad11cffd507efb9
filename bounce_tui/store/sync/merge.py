"""Merging other devices' records into this database, inside the sync's one transaction.

Each remote version meets the local one under `domain.sync_merge.decide`. The
versions that win are then written: deletions first (children before parents),
then rows added or replaced (parents before children). A row whose parent is
gone here is treated as deleting the parent would treat it (`state.REFERENCES`):
a child that would be deleted is recorded as deleted by this device, a reference
that would be cleared is cleared and the row marked changed, so the next scan
sends it on. Two skipped days for one calendar day (the day is unique): the one
with the higher stamp stays, the other is deleted and noted as a conflict.
Lessons whose row or grades changed get their review card worked out again from
all their grades (`lessons.replay`), so both devices' grades count.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from bounce_tui.domain import lessons
from bounce_tui.domain.hlc import Stamp, encode, tick
from bounce_tui.domain.sync_merge import Outcome, Version, decide, is_conflict, joined_history
from bounce_tui.store.stamps import day_text, utc_from_text, utc_text
from bounce_tui.store.sync import rows_here
from bounce_tui.store.sync.files import Remote, live_rows
from bounce_tui.store.sync.rows_here import RowsHere
from bounce_tui.store.sync.state import REFERENCES, SYNCED, Known, KnownRecords

#: Fields that are not content when two versions are compared (the card follows the grades).
_NOT_CONTENT = frozenset(
    {"updated_at", "due", "stability", "difficulty", "card_state", "card_step", "last_review"}
)


@dataclass
class Merged:
    """What a merge did: the records' new sync state, and counts for the summary."""

    known: dict[tuple[str, str], Known] = field(default_factory=dict)
    applied: int = 0
    conflicts: int = 0


@dataclass
class _Plan:
    remote: Remote
    values: dict[str, Any] | None  # checked values; None for a deletion
    history: tuple[Stamp, ...]


def merge(
    conn: sqlite3.Connection,
    known: KnownRecords,
    remotes: list[tuple[Remote, dict[str, Any] | None]],
    now: datetime,
) -> tuple[dict[tuple[str, str], _Plan], Merged]:
    """Decide every remote version against the local one; nothing is written yet but conflicts."""
    plans: dict[tuple[str, str], _Plan] = {}
    merged = Merged()
    for remote, values in remotes:
        key = (remote.table, remote.record_id)
        was = merged.known.get(key) or known.get(key)
        local = was.version() if was is not None else None
        if key in plans:
            local = Version(plans[key].remote.version.stamp, plans[key].history,
                            plans[key].values is None)  # fmt: skip
        decision = decide(local, remote.version)
        if decision.outcome is Outcome.SAME:
            continue
        if decision.outcome is Outcome.KEEP:
            assert local is not None  # a record not known here is always applied
            if key in plans:
                plans[key].history = decision.history
            elif was is not None and decision.history != local.history:
                merged.known[key] = Known.of(
                    Version(local.stamp, decision.history, local.deleted), was.updated_at, was.since
                )
            if is_conflict(decision, _same(_local_values(conn, key, plans), remote.values)):
                _note(conn, remote.table, remote.record_id, remote.version, remote.values, now)
                merged.conflicts += 1
            continue
        if decision.concurrent and local is not None:
            mine = _local_values(conn, key, plans)
            if is_conflict(decision, _same(mine, remote.values)):
                _note(conn, remote.table, remote.record_id, local, mine, now)
                merged.conflicts += 1
        plans[key] = _Plan(remote, values, decision.history)
    return plans, merged


def apply(
    conn: sqlite3.Connection,
    known: KnownRecords,
    plans: dict[tuple[str, str], _Plan],
    merged: Merged,
    clock: Stamp,
    device: str,
    now: datetime,
) -> tuple[Stamp, set[str], set[str]]:
    """Write the winning versions.

    Returns the clock after, the lessons whose cards were worked out again, and
    the tables where the merge may have changed rows beyond the versions it
    wrote (a reference cleared, a child deleted with its parent): the caller
    scans those.
    """
    derived: set[str] = set()
    since = encode(clock)
    now_ms = int(now.timestamp() * 1000)
    lessons_touched: set[str] = set()
    order = {name: place for place, name in enumerate(SYNCED)}
    deletions = sorted(
        (k for k, p in plans.items() if p.values is None), key=lambda k: -order[k[0]]
    )
    for table, rid in deletions:
        if table == "lesson_review":
            found = conn.execute("SELECT lesson_id FROM lesson_review WHERE id = ?", (rid,))
            lessons_touched.update(row[0] for row in found)
        derived |= _children(table)  # deleting may take children, or clear references to it
        if table == "rejection":
            _clear_references(conn, rid, now)
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (rid,))  # noqa: S608
        plan = plans[(table, rid)]
        was = known.get((table, rid))
        merged.known[(table, rid)] = Known.of(
            Version(plan.remote.version.stamp, plan.history, True),
            was.updated_at if was is not None else None,
            since,
        )
        merged.applied += 1
    here = RowsHere(conn, whole=len(plans) > rows_here.MANY)
    for table in SYNCED:
        rows = [(k, p) for k, p in plans.items() if k[0] == table and p.values is not None]
        if not rows:
            continue
        days = _skip_days(conn) if table == "skip_day" else {}
        writes = _Writes(conn, table)
        for key, plan in rows:
            values = dict(plan.values or {})
            changed_text = utc_text(values["updated_at"])
            cascade = _fix_references(table, values, here, now)
            if changed_text != utc_text(values["updated_at"]):
                derived.add(table)
            if cascade is None and table == "skip_day":
                cascade = _day_clash(conn, plan, values, days, known, merged, now)
            if cascade:  # deleted here as deleting its parent (or a clash) would delete it
                derived |= _children(table)
                conn.execute(f"DELETE FROM {table} WHERE id = ?", (key[1],))  # noqa: S608
                here.note(table, key[1], here=False)
                clock = tick(clock, now_ms, device)
                history = joined_history([plan.remote.version.stamp], plan.history)
                merged.known[key] = Known.of(Version(clock, history, True), changed_text,
                                             encode(clock))  # fmt: skip
                continue
            writes.add(values, here.has(table, key[1]))
            if table == "skip_day":  # the next one may clash with this day: write it now
                writes.flush()
            here.note(table, key[1], here=True)
            merged.known[key] = Known.of(
                Version(plan.remote.version.stamp, plan.history), changed_text, since
            )
            merged.applied += 1
            if table == "lesson":
                lessons_touched.add(key[1])
            elif table == "lesson_review":
                lessons_touched.add(values["lesson_id"])
        writes.flush()
    for lesson_id in sorted(lessons_touched):
        replay_card(conn, lesson_id)
    return clock, lessons_touched, derived


def _children(table: str) -> set[str]:
    """The tables whose rows deleting a row of `table` may delete or change, at any depth."""
    found: set[str] = set()
    for child, _, parent, _ in REFERENCES:
        if parent == table and child not in found:
            found |= {child} | _children(child)
    return found


def _local_values(
    conn: sqlite3.Connection, key: tuple[str, str], plans: dict[tuple[str, str], _Plan]
) -> dict[str, Any] | None:
    if key in plans:
        plan = plans[key]
        return None if plan.values is None else plan.remote.values
    rows = live_rows(conn, key[0], key[1])
    return rows[0] if rows else None


def _same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return {k: v for k, v in a.items() if k not in _NOT_CONTENT} == {
        k: v for k, v in b.items() if k not in _NOT_CONTENT
    }


def _note(
    conn: sqlite3.Connection,
    table: str,
    record_id: str,
    version: Version,
    values: dict[str, Any] | None,
    now: datetime,
) -> None:
    """Keep a losing version in the conflict list (once per version)."""
    conn.execute(
        "INSERT OR IGNORE INTO sync_conflict "
        "(tbl, record_id, stamp, device, noted_at, deleted, row) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            table,
            record_id,
            encode(version.stamp),
            version.stamp.device,
            utc_text(now),
            int(values is None),
            json.dumps(values or {}, ensure_ascii=False),
        ),  # fmt: skip
    )


def _stored(value: Any) -> Any:
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date):
        return day_text(value)
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


class _Writes:
    """Rows to add or replace in one table, sent to SQLite in batches (`executemany`)."""

    def __init__(self, conn: sqlite3.Connection, table: str) -> None:
        self.conn = conn
        self.table = table
        self.inserts: dict[tuple[str, ...], list[list[Any]]] = {}
        self.updates: dict[tuple[str, ...], list[list[Any]]] = {}

    def add(self, values: dict[str, Any], exists: bool) -> None:
        """Add (or, when `exists`, replace every column of) the row with `values`."""
        names = tuple(values)
        if exists:
            rest = [_stored(values[name]) for name in names if name != "id"]
            self.updates.setdefault(names, []).append([*rest, values["id"]])
        else:
            self.inserts.setdefault(names, []).append([_stored(values[n]) for n in names])

    def flush(self) -> None:
        """Send what is held."""
        for names, rows in self.inserts.items():
            quoted = ", ".join(f'"{name}"' for name in names)
            marks = ", ".join("?" * len(names))
            sql = f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})"  # noqa: S608
            self.conn.executemany(sql, rows)
        for names, rows in self.updates.items():
            sets = ", ".join(f'"{name}" = ?' for name in names if name != "id")
            self.conn.executemany(f"UPDATE {self.table} SET {sets} WHERE id = ?", rows)  # noqa: S608
        self.inserts.clear()
        self.updates.clear()


def _bumped(text: str, now: datetime) -> str:
    """An `updated_at` just after `text` (or now): the row changed here."""
    previous = utc_from_text(text)
    return utc_text(now if now > previous else previous + timedelta(microseconds=1))


def _clear_references(conn: sqlite3.Connection, rejection_id: str, now: datetime) -> None:
    """Before a rejection goes: its lessons lose the reference and are marked changed."""
    found = conn.execute(
        "SELECT id, updated_at FROM lesson WHERE rejection_id = ?", (rejection_id,)
    )
    conn.executemany(
        "UPDATE lesson SET rejection_id = NULL, updated_at = ? WHERE id = ?",
        [(_bumped(updated_at, now), rid) for rid, updated_at in found.fetchall()],
    )


def _fix_references(
    table: str, values: dict[str, Any], here: RowsHere, now: datetime
) -> bool | None:
    """True when the row's parent is gone and deleting it would delete the row.

    A reference deleting would clear is cleared here, and the row marked changed.
    """
    for child, column, parent, action in REFERENCES:
        if child != table or values.get(column) is None:
            continue
        if here.has(parent, values[column]):
            continue
        if action == "CASCADE":
            return True
        values[column] = None
        values["updated_at"] = utc_from_text(_bumped(utc_text(values["updated_at"]), now))
    return None


def _skip_days(conn: sqlite3.Connection) -> dict[str, str]:
    return {day: rid for rid, day in conn.execute("SELECT id, day FROM skip_day")}


def _day_clash(
    conn: sqlite3.Connection,
    plan: _Plan,
    values: dict[str, Any],
    days: dict[str, str],
    known: KnownRecords,
    merged: Merged,
    now: datetime,
) -> bool:
    """A skipped day already held by another id: the higher stamp keeps the day."""
    day, rid = day_text(values["day"]), values["id"]
    other = days.get(day)
    if other is None or other == rid:
        days[day] = rid
        return False
    theirs = merged.known.get(("skip_day", other)) or known.get(("skip_day", other))
    if theirs is not None and theirs.version().stamp > plan.remote.version.stamp:
        _note(conn, "skip_day", rid, plan.remote.version, plan.remote.values, now)
        merged.conflicts += 1
        return True
    rows = live_rows(conn, "skip_day", other)
    if theirs is not None and rows:
        _note(conn, "skip_day", other, theirs.version(), rows[0], now)
        merged.conflicts += 1
    conn.execute("DELETE FROM skip_day WHERE id = ?", (other,))
    days[day] = rid
    return False


def replay_changed(conn: sqlite3.Connection, changed: list[tuple[str, str]]) -> set[str]:
    """Work out again the cards of the lessons changed or graded here (table, id).

    Every device replays a lesson's grades whenever they change anywhere, so each
    ends with the card all the grades give, whichever order they were made in.
    """
    lesson_ids = {rid for table, rid in changed if table == "lesson"}
    for table, rid in changed:
        if table == "lesson_review":
            found = conn.execute("SELECT lesson_id FROM lesson_review WHERE id = ?", (rid,))
            lesson_ids.update(row[0] for row in found)
    for lesson_id in sorted(lesson_ids):
        replay_card(conn, lesson_id)
    return lesson_ids


def replay_card(conn: sqlite3.Connection, lesson_id: str) -> None:
    """Work a lesson's card out again from every grade it has, in time order.

    From a new card at the lesson's `created_at` (as `add_lesson` makes it), each
    grade other than a drill's; a lesson with no grades keeps its card (an undone
    grade has put back the card it had).
    """
    found = conn.execute("SELECT created_at FROM lesson WHERE id = ?", (lesson_id,)).fetchone()
    reviews = conn.execute(
        "SELECT reviewed_at, grade FROM lesson_review WHERE lesson_id = ? AND NOT drill "
        "ORDER BY reviewed_at, id",
        (lesson_id,),
    ).fetchall()
    if found is None or not reviews:
        return
    start = lessons.new_card(utc_from_text(found[0]))
    card = lessons.replay(start, [(utc_from_text(at), grade) for at, grade in reviews])
    conn.execute(
        "UPDATE lesson SET due = ?, stability = ?, difficulty = ?, card_state = ?, "
        "card_step = ?, last_review = ? WHERE id = ?",
        (
            utc_text(card.due),
            card.stability,
            card.difficulty,
            card.state,
            card.step,
            utc_text(card.last_review) if card.last_review else None,
            lesson_id,
        ),  # fmt: skip
    )

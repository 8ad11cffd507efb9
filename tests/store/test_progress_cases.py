"""ProgressCases: the progress report from a real file, its cost, and the gentle prompt.

The store runs with a settable clock in Europe/Berlin. The SQL statements of a
report are counted with SQLAlchemy's `before_cursor_execute` event: their number
must not grow with the number of days. Ten years of check-ins are written with
stdlib sqlite3 (`executemany`) after the Store has created the schema.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.read.progress import DISMISSED_UNTIL_KEY
from bounce_tui.store.repository import Store
from tests.store.conftest import BERLIN, Clock

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)  # 10:30 in Berlin
TODAY = date(2026, 3, 10)


def at_utc(offset: int, hour: int) -> datetime:
    """Day TODAY+offset at hour:00 UTC (an hour later in Berlin, in winter)."""
    return datetime.combine(TODAY + timedelta(days=offset), datetime.min.time()).replace(
        hour=hour, tzinfo=timezone.utc
    )


def check_ins(store: Store, moods: dict[int, int | tuple[int, ...]]) -> None:
    for offset, value in sorted(moods.items()):
        for index, mood in enumerate(value if isinstance(value, tuple) else (value,)):
            store.checkins.check_in(mood, at=at_utc(offset, 6 + index))  # 07:00 in Berlin


@pytest.fixture
def seeded(store: Store, clock: Clock) -> dict[str, str]:
    """Three weeks at 4, a rejection 7 days ago with a dip, a review, an urge, items done."""
    moods: dict[int, int | tuple[int, ...]] = {k: 4 for k in range(-21, -7)}
    moods.update({-7: 1, -6: 2, -5: (3, 4), -4: 4, -3: 4, -2: 4})  # -1 and today: none yet
    clock.moment = at_utc(-7, 8)
    acme = store.rejections.log_rejection("Acme", stage="screen")  # 1 day of mourning
    store.mourning.log_urge(store.read.mourning_for(acme).period_id)
    store.mourning.log_urge(store.read.mourning_for(acme).period_id)
    clock.moment = at_utc(-3, 19)
    items = store.read.main_snapshot().items_for(acme)
    store.checklist.toggle_item(items[0].item_id)
    lesson = store.lessons.add_lesson("Sleep before interviews", category="mindset")
    store.reviews.grade_lesson(lesson, 3)
    store.reviews.grade_lesson(lesson, 3, drill=True)  # drills are not reviews
    clock.moment = at_utc(-9, 19)
    store.reviews.grade_lesson(lesson, 3)  # more than a week ago
    clock.moment = NOW
    check_ins(store, moods)
    store.checkins.skip_day(TODAY - timedelta(days=1))
    return {"acme": acme}


def test_report_figures_from_a_seeded_file(store: Store, seeded: dict[str, str]) -> None:
    report = store.read.progress_report(30)
    assert report.today == TODAY and report.window_days == 30
    assert len(report.series.points) == 30
    assert report.moods[TODAY - timedelta(days=5)] == 3.5  # mean of 3 and 4, by SQL
    assert report.streak == 20  # -21 .. -2 checked in, -1 skipped, today not over yet
    (back,) = report.bounce_backs
    assert back.rejection.company == "Acme" and back.rejection.day == TODAY - timedelta(days=7)
    assert str(back.result) == "4 days"  # window -5, -4, -3 -> (3.5 + 4 + 4) / 3 >= 3.75
    assert report.median_bounce_back == 4.0
    (period,) = report.periods
    assert (period.planned_days, period.actual_days, period.urges) == (1, 1.0, 2)
    assert report.checklist.done == 1 and report.checklist.total == len(
        store.read.main_snapshot().items_for(seeded["acme"])
    )
    assert report.reviews_this_week == 1
    assert report.pixels.pixel(TODAY - timedelta(days=1)) == "skipped"
    assert report.pixels.pixel(TODAY) is None
    assert not report.gentle_prompt and not report.is_empty


def test_report_of_an_empty_file(store: Store) -> None:
    report = store.read.progress_report()
    assert report.is_empty and report.window_days == 365 and report.streak == 0
    with pytest.raises(DomainError):
        store.read.progress_report(0)


def test_tags_and_your_days_from_the_file(store: Store, db_path: Path) -> None:
    """Two check-ins of a day count once; an imported capital and a hand-edited value."""
    for offset in range(-12, 0):
        walk = offset % 2 == 0
        store.checkins.check_in(
            5 if walk else 2, tags=["walk"] if walk else [], at=at_utc(offset, 6)
        )
    store.checkins.check_in(5, tags=["walk", "tea"], at=at_utc(-2, 8))  # day -2 again
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(
            "UPDATE checkin SET tags = '[\"Walk\"]' WHERE day = ?",
            ((TODAY - timedelta(days=4)).isoformat(),),
        )
        conn.execute(
            "UPDATE checkin SET tags = '{\"odd\": 1}' WHERE day = ?",
            ((TODAY - timedelta(days=3)).isoformat(),),
        )
        conn.commit()
    finally:
        conn.close()
    report = store.read.progress_report(30)
    tags = report.tags_for(30)
    assert tags.days == 12
    (walk,) = tags.tags
    assert (walk.tag, walk.with_days, walk.without_days) == ("walk", 6, 6)
    assert walk.with_mean == 5.0 and walk.without_mean == 2.0
    assert tags.nearest == ("tea", 1)


def test_days_are_the_ones_the_check_ins_carry(db_path: Path, clock: Clock) -> None:
    """A check-in at 23:30 in Berlin stays on its Berlin day when the zone later changes."""
    berlin = Store(db_path, now=clock, tz=BERLIN)
    late = datetime(2026, 3, 9, 22, 30, tzinfo=timezone.utc)  # 23:30 Berlin, 18:30 New York
    berlin.checkins.check_in(2, at=late)
    berlin.close()
    new_york = Store(db_path, now=clock, tz=ZoneInfo("America/New_York"))
    try:
        report = new_york.read.progress_report(7)
        assert report.moods == {date(2026, 3, 9): 2.0}
    finally:
        new_york.close()


# -- the gentle prompt ------------------------------------------------------------------------


def test_gentle_prompt_after_three_low_days_and_its_dismissal(store: Store, clock: Clock) -> None:
    clock.moment = at_utc(-10, 8)
    store.rejections.log_rejection("Acme", stage="screen")
    clock.moment = NOW
    check_ins(store, {-2: 1, -1: 1})
    assert not store.read.gentle_prompt_due()
    check_ins(store, {0: 1})
    assert store.read.gentle_prompt_due() and store.read.progress_report().gentle_prompt
    until = store.settings.dismiss_gentle_prompt(7)
    assert until == TODAY + timedelta(days=6)
    assert store.settings.settings("gentle_prompt.") == {DISMISSED_UNTIL_KEY: until.isoformat()}
    assert not store.read.gentle_prompt_due() and not store.read.progress_report().gentle_prompt
    clock.moment = NOW + timedelta(days=6)
    check_ins(store, {4: 1, 5: 1, 6: 1})
    clock.moment = NOW + timedelta(days=6)
    assert not store.read.gentle_prompt_due()  # the last hidden day
    clock.moment = NOW + timedelta(days=7)
    assert store.read.gentle_prompt_due()
    store.settings.dismiss_gentle_prompt(1)
    assert not store.read.gentle_prompt_due()
    for bad in (0, -1, 366, True):
        with pytest.raises(DomainError):
            store.settings.dismiss_gentle_prompt(bad)


def test_no_prompt_while_the_first_period_runs(store: Store, clock: Clock) -> None:
    clock.moment = at_utc(-3, 8)
    store.rejections.log_rejection("Acme", stage="final", mourn_days=5)
    clock.moment = NOW
    check_ins(store, {-2: 1, -1: 1, 0: 1})
    assert not store.read.gentle_prompt_due()


def test_an_unreadable_dismissal_does_not_hide_the_prompt(store: Store, clock: Clock) -> None:
    clock.moment = at_utc(-10, 8)
    store.rejections.log_rejection("Acme", stage="screen")
    clock.moment = NOW
    check_ins(store, {-2: 1, -1: 1, 0: 1})
    store.settings.set_setting(DISMISSED_UNTIL_KEY, "2026-01-01")
    with closing(sqlite3.connect(store.path)) as conn, conn:  # a value no rule lets in
        conn.execute("UPDATE setting SET value = 'someday' WHERE key = ?", (DISMISSED_UNTIL_KEY,))
    assert store.read.gentle_prompt_due()


# -- cost: statements per report, ten years of data --------------------------------------------


@contextmanager
def counting(store: Store) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(store.db._engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(store.db._engine, "before_cursor_execute", count)


def bulk_history(db: Path, days: int, *, rejections_every: int = 30) -> None:
    """`days` days of two check-ins each (ending yesterday), a rejection with a period,
    ten checklist items and two urges every `rejections_every` days, a skip every 50."""
    start = NOW - timedelta(days=days)
    checkin_rows: list[tuple[Any, ...]] = []
    rejection_rows: list[tuple[Any, ...]] = []
    period_rows: list[tuple[Any, ...]] = []
    item_rows: list[tuple[Any, ...]] = []
    urge_rows: list[tuple[Any, ...]] = []
    skip_rows: list[tuple[Any, ...]] = []
    for number in range(days):
        moment = start + timedelta(days=number)
        stamp = moment.isoformat(timespec="microseconds")
        day = (TODAY - timedelta(days=days - number)).isoformat()
        for extra in range(2):
            tags = '["walk"]' if number % 3 == 0 else '["work", "sleep"]' if extra else "[]"
            checkin_rows.append((str(uuid.uuid4()), stamp, stamp, 1 + (number + extra) % 5, tags,
                                 stamp, day))  # fmt: skip
        if number % 50 == 7:
            skip_rows.append((str(uuid.uuid4()), stamp, stamp, day))
        if number % rejections_every == 0:
            rejection_id, period_id = str(uuid.uuid4()), str(uuid.uuid4())
            end = (moment + timedelta(days=2)).isoformat(timespec="microseconds")
            rejection_rows.append((rejection_id, stamp, stamp, f"Co {number}", "interview", stamp))
            period_rows.append((period_id, stamp, stamp, rejection_id, stamp, end, 2))
            item_rows += [(str(uuid.uuid4()), stamp, stamp, rejection_id, f"step {k}", k,
                           stamp if k < 4 else None) for k in range(10)]  # fmt: skip
            urge_rows += [(str(uuid.uuid4()), stamp, stamp, period_id, stamp) for _ in range(2)]
    conn = sqlite3.connect(db)
    try:
        conn.executemany(
            "INSERT INTO checkin (id, created_at, updated_at, mood, tags, at, day)"
            " VALUES (?,?,?,?,?,?,?)",
            checkin_rows,
        )
        conn.executemany(
            "INSERT INTO skip_day (id, created_at, updated_at, day) VALUES (?,?,?,?)", skip_rows
        )
        conn.executemany(
            "INSERT INTO rejection (id, created_at, updated_at, company, stage, received_at)"
            " VALUES (?,?,?,?,?,?)",
            rejection_rows,
        )
        conn.executemany(
            "INSERT INTO mourning_period (id, created_at, updated_at, rejection_id, started_at,"
            " planned_end, days) VALUES (?,?,?,?,?,?,?)",
            period_rows,
        )
        conn.executemany(
            "INSERT INTO checklist_item (id, created_at, updated_at, rejection_id, title,"
            " position, done_at) VALUES (?,?,?,?,?,?,?)",
            item_rows,
        )
        conn.executemany(
            "INSERT INTO urge (id, created_at, updated_at, mourning_id, at) VALUES (?,?,?,?,?)",
            urge_rows,
        )
        conn.commit()
    finally:
        conn.close()


def fresh_store(db: Path) -> Store:
    return Store(db, now=lambda: NOW, tz=BERLIN)


def test_statements_per_report_do_not_grow_with_days(tmp_path: Path) -> None:
    counts = []
    for days in (10, 1000):
        db = tmp_path / f"{days}.db"
        fresh_store(db).close()  # the schema
        bulk_history(db, days)
        store = fresh_store(db)
        try:
            store.read.progress_report(30)  # warm up: the first read may set up the connection
            with counting(store) as statements:
                report = store.read.progress_report(30)
            assert len(report.moods) == days
            counts.append(len(statements))
            with counting(store) as statements:
                store.read.gentle_prompt_due()
            assert len(statements) <= 4
        finally:
            store.close()
    assert counts[0] == counts[1]
    assert counts[0] <= 10  # one per figure, and the transaction


def test_ten_years_of_daily_check_ins_report_every_figure(tmp_path: Path) -> None:
    # How long this report takes is printed by tests/stress/report_cost.py.
    db = tmp_path / "ten-years.db"
    fresh_store(db).close()
    bulk_history(db, 3652)
    store = fresh_store(db)
    try:
        report = store.read.progress_report(365)
    finally:
        store.close()
    assert len(report.moods) == 3652 and len(report.bounce_backs) == 122
    assert len(report.series.points) == 365
    walk, work, sleep = (next(t for t in report.tags_for(365).tags if t.tag == name)
                         for name in ("walk", "work", "sleep"))  # fmt: skip
    assert report.tags_for(365).days == 364  # up to yesterday
    assert walk.with_days == 122 and work.with_days == sleep.with_days == 364 - 122
    assert report.checklist.total == 1220 and report.checklist.done == 488


def test_a_setting_is_checked_by_its_rule_before_it_is_kept(store: Store) -> None:
    from bounce_tui.domain.errors import DomainError

    for key, value in (("mourning.final", "²"), ("reminder_hour", "25"), ("no.such", "1")):
        with pytest.raises(DomainError):
            store.settings.set_setting(key, value)
    kept = store.settings.settings()
    assert not {"mourning.final", "reminder_hour", "no.such"} & set(kept)

"""Figures counted in days come out the same whichever zone the person looks from."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from bounce_tui.store.file import migrations
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, Clock

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
#: 23:30 UTC: already the next day in Berlin and Tokyo, still the same day in New York.
RECEIVED = datetime(2026, 3, 5, 23, 30, tzinfo=timezone.utc)


def _history(db: Path) -> None:
    """Two weeks of good days, a rejection late in the evening (UTC), a dip, then recovery."""
    clock = Clock(RECEIVED + timedelta(days=12))
    store = Store(db, now=clock, tz=BERLIN)
    try:
        for n in range(14, 0, -1):
            store.checkins.check_in(4, at=RECEIVED - timedelta(days=n))
        store.rejections.log_rejection("Acme", stage="final", received_at=RECEIVED)
        for n, mood in enumerate([1, 1, 2, 2, 3, 4, 4, 4, 4, 4], start=1):
            store.checkins.check_in(mood, at=RECEIVED + timedelta(days=n))
    finally:
        store.close()


def _figures(db: Path, tz: ZoneInfo) -> list[object]:
    store = Store(db, now=Clock(RECEIVED + timedelta(days=12)), tz=tz)
    try:
        report = store.read.progress_report()
    finally:
        store.close()
    return [(b.rejection.day, b.result) for b in report.bounce_backs]


def test_bounce_back_is_the_same_in_every_zone(db_path: Path) -> None:
    _history(db_path)
    seen = {str(tz): _figures(db_path, tz) for tz in (BERLIN, NEW_YORK, TOKYO)}
    assert len({repr(figures) for figures in seen.values()}) == 1, seen
    ((day, result),) = seen[str(BERLIN)]
    assert day.isoformat() == "2026-03-06"  # the day it was in Berlin, where it was logged
    assert result.days is not None


def test_upgrading_gives_older_rejections_their_local_day(db_path: Path) -> None:
    _history(db_path)
    with closing(sqlite3.connect(db_path)) as conn, conn:
        assert conn.execute("SELECT day FROM rejection").fetchone()[0] == "2026-03-06"
    assert migrations.SCHEMA_VERSION >= 7

"""Impossible dates (a damaged or hand-edited file) never stop a read; doctor names them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bounce_tui.store.file import doctor
from bounce_tui.store.models import READ_EARLIEST, READ_LATEST
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, Clock

ZONES = ["Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Niue"]


def _damage(db: Path, clock: Clock) -> None:
    store = Store(db, now=clock, tz=BERLIN)
    try:
        store.rejections.log_rejection("Acme", stage="final")
        store.checkins.check_in(3)
        store.interviews.add_interview("Far", at=datetime(2026, 3, 12, 9, tzinfo=timezone.utc))
    finally:
        store.close()
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE interview SET at = '9999-12-31T23:00:00.000000+00:00'")
        conn.execute(
            "UPDATE rejection SET received_at = '0001-01-01T00:00:00.000000+00:00', "
            "day = '0001-01-01'"
        )
        conn.execute("UPDATE mourning_period SET started_at = '0001-01-01T00:00:00.000000+00:00'")
        conn.execute("UPDATE checkin SET day = '9999-12-31'")


@pytest.mark.parametrize("zone", ZONES)
def test_every_read_survives_them_in_every_zone(db_path: Path, clock: Clock, zone: str) -> None:
    _damage(db_path, clock)
    store = Store(db_path, now=clock, tz=ZoneInfo(zone))
    try:
        snapshot = store.read.main_snapshot()
        store.read.status()
        store.read.progress_report()
    finally:
        store.close()
    (rejection,) = snapshot.rejections
    assert rejection.received_at == READ_EARLIEST  # shown at the edge, to correct or delete
    assert all(i.at == READ_LATEST for i in snapshot.interviews)


def test_doctor_lists_them(db_path: Path, clock: Clock) -> None:
    _damage(db_path, clock)
    report = doctor.diagnose(db_path)
    assert report.problem is None
    joined = "\n".join(report.warnings)
    for needle in ("interview: 1 row with at", "rejection: 1 row with received_at",
                   "rejection: 1 row with day", "checkin: 1 row with day"):  # fmt: skip
        assert needle in joined


def test_a_healthy_file_has_nothing_to_look_at(db_path: Path, clock: Clock) -> None:
    store = Store(db_path, now=clock, tz=BERLIN)
    try:
        store.checkins.check_in(3)
    finally:
        store.close()
    assert doctor.diagnose(db_path).warnings == []


def test_the_doctor_command_says_they_need_a_look(
    db_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    from bounce_tui import cli

    _damage(db_path, clock)
    assert cli.run(["--db", str(db_path), "doctor"]) == cli.EXIT_FAILED
    out = capsys.readouterr().out
    assert "needs a look: interview: 1 row with at outside 1970-2100" in out
    assert "all good" not in out

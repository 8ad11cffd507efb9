"""Backups (checked, atomic, rotated) and JSON export/import at the store level."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bounce_tui.store.errors import ImportFormatError
from bounce_tui.store.file import backup
from bounce_tui.store.repository import Store

from .conftest import Clock


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_backup_is_checked_private_and_restorable(store: Store, clock: Clock) -> None:
    store.checkins.check_in(3, note="before")
    saved = store.files.backup()
    assert backup.integrity(saved) == "ok"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    copy = Store(saved, now=clock)
    try:
        assert copy.files.counts() == store.files.counts()
    finally:
        copy.close()


def test_backup_to_an_existing_file_needs_force(store: Store, tmp_path: Path) -> None:
    from bounce_tui.store.errors import StoreError

    dest = tmp_path / "copy.db"
    dest.write_text("keep me")
    with pytest.raises(StoreError):
        store.files.backup(dest)
    assert dest.read_text() == "keep me"
    store.files.backup(dest, force=True)
    assert backup.integrity(dest) == "ok"


def test_no_partial_backup_is_left_under_any_name(store: Store, monkeypatch) -> None:
    def broken(path: Path) -> str:
        return "row 3 missing from index"

    monkeypatch.setattr(backup, "integrity", broken)
    with pytest.raises(Exception):  # noqa: B017
        store.files.backup()
    folder = store.path.parent / "backups"
    assert not folder.exists() or _names(folder) == []


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    now = datetime(2026, 3, 31, 12, tzinfo=timezone.utc)
    files = []
    for hours in range(0, 24 * 60, 8):  # three backups a day for 60 days
        taken = now - timedelta(hours=hours)
        files.append(tmp_path / f"bounce-{taken.strftime(backup.STAMP_FORMAT)}-start.db")
    gone = set(backup.expired(files, now))
    kept = [f for f in files if f not in gone]
    kept_days = {backup.backup_time(f).date() for f in kept}
    assert len(kept) == len(kept_days)  # one per day at most
    assert files[0] in kept  # the newest survives
    recent = {(now - timedelta(days=d)).date() for d in range(7)}
    assert recent <= kept_days
    assert len(kept) <= 7 + 4
    assert all(backup.backup_time(f) > now - timedelta(weeks=5) for f in kept)


def test_export_import_round_trip(store: Store, tmp_path: Path, clock: Clock) -> None:
    hostile = "[/] [bold]x[/bold] \x1b[31mred\x1b[0m 👩‍👩‍👧 " + "long " * 2000
    rejection = store.rejections.log_rejection("Acme [b]", notes=hostile)
    store.lessons.add_lesson(hostile, category="mindset", tags=["a", "b"], rejection_id=rejection)
    store.checkins.check_in(2, energy=3, note=hostile, tags=["x"])
    store.settings.set_setting("theme", "nord")
    data = store.files.export_data()
    other = Store(tmp_path / "other.db", now=clock)
    try:
        counts = other.files.import_data(json.loads(json.dumps(data)))
        assert counts.total_added == sum(len(rows) for rows in data["records"].values())
        assert other.files.export_data()["records"] == data["records"]
        again = other.files.import_data(data)
        assert again.total_added == 0 and again.total_updated == 0
    finally:
        other.close()


def test_a_lessons_front_travels_and_older_exports_without_it_still_import(
    store: Store, tmp_path: Path, clock: Clock
) -> None:
    store.lessons.add_lesson("Lead with the outcome", prompt="Asked about a conflict")
    data = store.files.export_data()
    assert data["records"]["lesson"][0]["prompt"] == "Asked about a conflict"
    other = Store(tmp_path / "other.db", now=clock)
    try:
        other.files.import_data(json.loads(json.dumps(data)))
        assert [v.prompt for v in other.read.search_lessons("outcome")] == [
            "Asked about a conflict"
        ]
    finally:
        other.close()
    for row in data["records"]["lesson"]:  # as bounce wrote it before lessons had a front
        del row["prompt"], row["theme_id"]
    older = Store(tmp_path / "older.db", now=clock)
    try:
        assert older.files.import_data(data).total_added >= 1
        assert [v.prompt for v in older.read.search_lessons("outcome")] == [""]
    finally:
        older.close()


def test_newer_rows_win_on_import(store: Store, tmp_path: Path, clock: Clock) -> None:
    store.settings.set_setting("theme", "nord")
    data = store.files.export_data()
    row = data["records"]["setting"][0]
    row["value"] = "dracula"
    row["updated_at"] = (clock.moment + timedelta(minutes=1)).isoformat()
    counts = store.files.import_data(data)
    assert counts.total_updated == 1
    assert store.settings.settings()["theme"] == "dracula"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["records"]["checkin"][0].update(mood=9),
        lambda d: d["records"]["checkin"][0].update(at="2026-03-10T09:30:00"),
        lambda d: d["records"]["checkin"][0].update(note="\ud800"),
        lambda d: d["records"]["checkin"][0].update(surprise=1),
        lambda d: d["records"].update(nonsense=[]),
        lambda d: d.update(kind="something else"),
    ],
)
def test_bad_imports_write_nothing(store: Store, tmp_path: Path, clock: Clock, mutate) -> None:
    store.checkins.check_in(3)
    data = store.files.export_data()
    data["records"]["checkin"][0]["id"] = "00000000-0000-4000-8000-000000000000"
    data["records"]["rejection"] = [{**row, "id": "fresh"} for row in data["records"]["rejection"]]
    mutate(data)
    other = Store(tmp_path / "other.db", now=clock)
    try:
        with pytest.raises(ImportFormatError):
            other.files.import_data(data)
        assert sum(other.files.counts().values()) == 0
    finally:
        other.close()


def test_files_are_private_under_a_loose_umask(tmp_path: Path, clock: Clock) -> None:
    old = os.umask(0o002)
    try:
        path = tmp_path / "new" / "deeper" / "bounce.db"
        s = Store(path, now=clock)
        s.checkins.check_in(3)
        saved = s.files.backup()
        s.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_existing_loose_data_dir_is_tightened(tmp_path: Path, clock: Clock, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    from bounce_tui import paths

    folder = paths.default_data_dir()
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    Store(folder / "bounce.db", now=clock).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_chosen_for_db_is_left_alone(tmp_path: Path, clock: Clock) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    Store(shared / "bounce.db", now=clock).close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "bounce.db").stat().st_mode) == 0o600


def test_a_backup_asked_for_is_never_rotated_and_never_stands_in_for_the_days_own(
    store: Store, clock: Clock
) -> None:
    daily = store.files.daily_backup()
    assert daily is not None
    clock.advance(minutes=5)
    manual = store.files.backup()
    assert daily.exists() and manual.exists()  # "to be safe" kept the good restore point
    assert backup.backup_reason(manual) == "manual" and backup.backup_reason(daily) == "daily"
    for _ in range(40):  # weeks of daily backups later, the manual one is still there
        clock.advance(days=1)
        assert store.files.daily_backup() is not None
    assert manual.exists()
    assert len([p for p in backup.list_backups(store.path) if p != manual]) <= 7 + 4


def test_a_manual_backup_today_does_not_skip_the_daily_one(store: Store, clock: Clock) -> None:
    manual = store.files.backup()
    daily = store.files.daily_backup()
    assert daily is not None and daily != manual and manual.exists()


def test_rotation_keeps_the_newest_even_from_a_clock_set_back(tmp_path: Path) -> None:
    now = datetime(2026, 3, 31, 12, tzinfo=timezone.utc)
    future = tmp_path / f"bounce-{datetime(2099, 1, 1).strftime(backup.STAMP_FORMAT)}-daily.db"
    assert future not in backup.expired([future], now)


def test_daily_backup_is_taken_once_a_day(store: Store, clock: Clock) -> None:
    store.checkins.check_in(3)
    first = store.files.daily_backup()
    assert first is not None and backup.integrity(first) == "ok"
    clock.advance(hours=2)
    assert store.files.daily_backup() is None
    clock.advance(days=1)
    second = store.files.daily_backup()
    assert second is not None and second != first
    assert len(backup.list_backups(store.path)) == 2

"""Backups belong to their database: named and rotated per database, restored by content."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bounce_tui.store.errors import ImportRefused
from bounce_tui.store.file import backup, doctor, identity
from bounce_tui.store.repository import Store
from tests.conftest import Clock


def _damage(path: Path) -> None:
    """Random bytes over page 2: integrity_check fails, the id on page 1 may still read."""
    with open(path, "r+b") as fh:
        page = int.from_bytes(fh.read(100)[16:18], "big")
        fh.seek(page)
        fh.write(b"\xa5" * page)


@pytest.fixture
def two(tmp_path: Path, clock: Clock) -> tuple[Store, Store]:
    folder = tmp_path / "shared"
    folder.mkdir()
    work, private = Store(folder / "work.db", now=clock), Store(folder / "private.db", now=clock)
    yield work, private
    work.close()
    private.close()


def test_two_databases_in_one_folder_keep_and_rotate_their_own_backups(
    two: tuple[Store, Store], clock: Clock
) -> None:
    work, private = two
    work.checkins.check_in(2, note="work")
    private.checkins.check_in(4, note="private")
    work_manual = work.files.backup()
    for _ in range(40):
        clock.advance(days=1)
        assert work.files.daily_backup() is not None
        clock.advance(minutes=1)
        assert private.files.daily_backup() is not None
    work_id, private_id = identity.read_id(work.path), identity.read_id(private.path)
    assert work_id and private_id and work_id != private_id
    mine = backup.backups_of(work.path, work_id)
    theirs = backup.backups_of(private.path, private_id)
    assert set(mine).isdisjoint(theirs)
    assert set(mine) | set(theirs) == set(backup.list_backups(work.path))
    assert work_manual in mine
    assert all(identity.read_id(p) == work_id for p in mine)
    assert all(identity.read_id(p) == private_id for p in theirs)
    # each keeps 7 days and 4 weeks of its own (one backup may hold a day and a week)
    assert 7 <= len(theirs) <= 7 + 4
    assert 7 <= len([p for p in mine if p != work_manual]) <= 7 + 4
    # the private database's daily backup on each of the last 7 days is still there
    days = {t.date() for p in theirs if (t := backup.backup_time(p))}
    assert len(days) == len(theirs)


def test_an_old_style_name_counts_only_when_its_content_carries_the_id(
    two: tuple[Store, Store], clock: Clock
) -> None:
    work, _ = two
    first = work.files.daily_backup()
    assert first is not None
    work_id = identity.read_id(work.path) or ""

    def old_name(year: int) -> Path:
        stamp = datetime(year, 1, 1).strftime(backup.STAMP_FORMAT)
        return first.with_name(f"bounce-{stamp}-daily.db")

    without_id, with_id = old_name(2020), old_name(2021)
    shutil.copyfile(first, without_id)
    shutil.copyfile(first, with_id)
    with sqlite3.connect(without_id) as conn:  # a backup from before ids existed
        conn.execute("DELETE FROM setting WHERE key = ?", (identity.DATABASE_ID_KEY,))
    assert with_id in backup.backups_of(work.path, work_id)
    assert without_id not in backup.backups_of(work.path, work_id)
    for _ in range(40):
        clock.advance(days=1)
        work.files.daily_backup()
    assert without_id.exists()  # never bounce's to remove
    assert not with_id.exists()  # rotated as the database's own


def test_restore_offers_only_the_same_databases_backups(
    two: tuple[Store, Store], clock: Clock
) -> None:
    work, private = two
    work.checkins.check_in(2, note="work entry")
    own = work.files.backup()
    clock.advance(hours=1)
    private.checkins.check_in(5, note="private entry")
    newer_foreign = private.files.backup()  # newer in name and in content
    work.close()
    _damage(work.path)

    found, note = doctor.restore_candidates(work.path)
    assert note is None
    assert [c.path for c in found] == [own]
    report = doctor.diagnose(work.path)
    assert report.restorable == own and newer_foreign.exists()
    assert any(own.name in line and "newest entry" in line for line in report.lines)

    doctor.restore(work.path, own, clock())
    with sqlite3.connect(work.path) as conn:
        assert conn.execute("SELECT note FROM checkin").fetchall() == [("work entry",)]


def test_a_planted_backup_from_another_database_or_program_is_ignored(
    two: tuple[Store, Store], clock: Clock
) -> None:
    work, private = two
    work.checkins.check_in(3, note="mine")
    own = work.files.backup()
    tag = identity.name_tag(identity.read_id(work.path) or "")
    far = datetime(2999, 1, 1, tzinfo=timezone.utc).strftime(backup.STAMP_FORMAT)
    folder = own.parent
    stolen = private.files.backup()
    planted = [
        folder / f"bounce-{tag}-{far}-manual.db",  # another database's content, our name
        folder / f"bounce-{far}-manual.db",  # another database's content, old name form
        folder / f"bounce-{tag}-{far}-daily.db",  # our content under a foreign application id
    ]
    shutil.copyfile(stolen, planted[0])
    shutil.copyfile(stolen, planted[1])
    shutil.copyfile(own, planted[2])
    with sqlite3.connect(planted[2]) as conn:
        conn.execute("PRAGMA application_id = 1234")
    work.close()
    _damage(work.path)

    assert doctor.newest_good_backup(work.path) == own
    clock.advance(days=1)
    private.files.daily_backup()  # rotation of the other database removes nothing of these
    assert all(p.exists() for p in planted) and own.exists()


def test_a_clock_in_2099_deletes_nothing_and_restore_then_picks_by_content(
    store: Store, clock: Clock
) -> None:
    earlier = []
    for day in range(10):
        store.checkins.check_in(3, note=f"day {day}")
        earlier.append(store.files.daily_backup())
        clock.advance(days=1)
    kept_before = set(backup.list_backups(store.path))
    today = clock()

    clock.set(datetime(2099, 6, 1, tzinfo=timezone.utc))
    future = store.files.daily_backup()
    assert future is not None
    assert kept_before <= set(backup.list_backups(store.path))  # nothing earlier was deleted

    clock.set(today)
    store.checkins.check_in(5, note="today, after the clock was put right")
    good = store.files.daily_backup()
    assert good is not None
    # the normal rotation of today, as if the 2099 backup were not there, and that one kept
    usual = kept_before | {good}
    usual -= set(backup.expired(usual, today))
    assert set(backup.list_backups(store.path)) == usual | {future}
    store.close()
    _damage(store.path)

    found, _ = doctor.restore_candidates(store.path)
    assert found[0].path == good  # its content is newest although the 2099 name sorts first
    assert backup.list_backups(store.path)[0] == future


def test_rotation_ignores_a_future_stamp_and_a_single_far_newer_backup() -> None:
    now = datetime(2026, 3, 31, 12, tzinfo=timezone.utc)

    def name(moment: datetime) -> Path:
        return Path(f"bounce-abcdef12-{moment.strftime(backup.STAMP_FORMAT)}-daily.db")

    daily = [name(datetime(2026, 3, d, 8, tzinfo=timezone.utc)) for d in range(1, 31)]
    ahead = name(datetime(2099, 1, 1, tzinfo=timezone.utc))
    assert ahead not in backup.expired([*daily, ahead], now)
    # with the clock itself in 2099, one new backup far ahead of the rest removes nothing
    assert backup.expired([*daily, ahead], datetime(2099, 1, 2, tzinfo=timezone.utc)) == []
    gone = backup.expired(daily, now)
    assert daily[-1] not in gone and len(daily) - len(gone) <= 7 + 4


def test_the_id_is_neither_exported_nor_imported(store: Store, clock: Clock) -> None:
    store.files.backup()
    database_id = identity.read_id(store.path)
    assert database_id
    data = store.files.export_data()
    assert identity.DATABASE_ID_KEY not in {r["key"] for r in data["records"]["setting"]}
    stamp = clock().isoformat()
    data["records"]["setting"].append(
        {"key": identity.DATABASE_ID_KEY, "value": "f" * 32, "created_at": stamp,
         "updated_at": stamp}
    )  # fmt: skip
    with pytest.raises(ImportRefused):
        store.files.import_data(data)
    assert identity.read_id(store.path) == database_id

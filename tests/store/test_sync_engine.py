"""Sync between simulated devices: exchange, deletions, conflicts, grades, bad files, compaction."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bounce_tui.store.sync.files import file_name
from tests.conftest import NOW

from .sync_support import Device


def tombstones(path: Path) -> list[str]:
    return [r["id"] for r in json.loads(path.read_text())["records"] if r.get("_deleted")]


def everyone(*devices: Device) -> None:
    for _ in range(2):
        for device in devices:
            device.sync()


def test_a_checkin_reaches_the_other_device_and_a_second_sync_adds_nothing(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    a.store.checkins.check_in(4, note="from the laptop")
    first = a.sync()
    assert first.wrote and first.written == 1
    got = b.sync()
    assert got.merged == 1 and got.devices == 1
    assert [row["note"] for row in b.rows()["checkin"]] == ["from the laptop"]
    again = b.sync()
    assert (again.wrote, again.merged) == (False, 0)
    assert a.sync().merged == 0  # b's file holds the same version: nothing to merge
    assert a.rows() == b.rows()


def test_the_sync_file_is_private_and_names_its_device(pair: tuple[Device, Device]) -> None:
    a, _ = pair
    a.store.checkins.check_in(3)
    a.sync()
    path = a.folder / file_name(a.device)
    assert path.stat().st_mode & 0o777 == 0o600
    data = json.loads(path.read_text())
    assert data["kind"] == "bounce-sync" and data["device"] == a.device
    assert data["count"] == len(data["records"]) == 1
    assert {r["_table"] for r in data["records"]} == {"checkin"}  # settings stay here
    assert not [p for p in a.folder.iterdir() if p.name.startswith(".")]


def test_an_edit_and_a_deletion_travel(pair: tuple[Device, Device]) -> None:
    a, b = pair
    a.store.checkins.check_in(2, note="first")
    everyone(a, b)
    (row,) = b.rows()["checkin"]
    b.clock.advance(hours=1)
    b.store.checkins.edit_checkin(row["id"], mood=5, note="better")
    everyone(a, b)
    assert [r["note"] for r in a.rows()["checkin"]] == ["better"]
    a.clock.advance(hours=2)
    a.store.checkins.delete_checkin(row["id"])
    everyone(a, b)
    assert a.rows()["checkin"] == b.rows()["checkin"] == []
    assert a.conflicts() == [] and b.conflicts() == []


def test_concurrent_edits_keep_the_newer_and_list_the_other(pair: tuple[Device, Device]) -> None:
    a, b = pair
    a.store.checkins.check_in(3, note="base")
    everyone(a, b)
    (row,) = a.rows()["checkin"]
    a.clock.advance(minutes=5)
    a.store.checkins.edit_checkin(row["id"], note="laptop version")
    b.clock.advance(minutes=10)
    b.store.checkins.edit_checkin(row["id"], note="desk version")
    everyone(a, b)
    assert a.rows() == b.rows()
    assert [r["note"] for r in a.rows()["checkin"]] == ["desk version"]
    lost = a.conflicts() + b.conflicts()
    assert lost and {c.summary for c in lost} == {"laptop version"}
    assert {c.device for c in lost} == {a.device}


def test_an_edit_made_after_seeing_a_clock_far_ahead_still_wins(
    tmp_path: Path, folder: Path
) -> None:
    ahead = Device(tmp_path, "ahead", folder, NOW + timedelta(days=3))
    behind = Device(tmp_path, "behind", folder, NOW)
    ahead.store.checkins.check_in(3, note="from the future")
    everyone(ahead, behind)
    (row,) = behind.rows()["checkin"]
    behind.clock.advance(minutes=1)
    behind.store.checkins.edit_checkin(row["id"], note="corrected later")
    everyone(ahead, behind)
    assert [r["note"] for r in ahead.rows()["checkin"]] == ["corrected later"]
    assert ahead.conflicts() == [] and behind.conflicts() == []


def test_grades_on_both_devices_all_count(pair: tuple[Device, Device]) -> None:
    a, b = pair
    lesson_id = a.store.lessons.add_lesson("Ask about the team")
    everyone(a, b)
    a.clock.advance(days=1)
    a.store.reviews.grade_lesson(lesson_id, 3)
    b.clock.advance(days=2)
    b.store.reviews.grade_lesson(lesson_id, 1)
    everyone(a, b)
    assert a.rows() == b.rows()
    assert len(a.rows()["lesson_review"]) == 2
    (lesson,) = a.rows()["lesson"]
    assert lesson["last_review"] == max(r["reviewed_at"] for r in a.rows()["lesson_review"])
    assert a.conflicts() == [] and b.conflicts() == []  # only the card differed


def test_a_deleted_rejection_takes_its_children_and_frees_its_lessons(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    rejection_id = a.store.rejections.log_rejection("Acme")
    everyone(a, b)
    b.clock.advance(minutes=3)
    lesson_id = b.store.lessons.add_lesson("Follow up", rejection_id=rejection_id)
    a.clock.advance(minutes=5)
    a.store.rejections.delete_rejection(rejection_id)
    everyone(a, b)
    assert a.rows() == b.rows()
    assert a.rows()["rejection"] == [] and a.rows()["mourning_period"] == []
    (lesson,) = a.rows()["lesson"]
    assert lesson["id"] == lesson_id and lesson["rejection_id"] is None


def test_two_skips_of_one_day_end_as_one(pair: tuple[Device, Device]) -> None:
    a, b = pair
    day = NOW.date()
    a.store.checkins.skip_day(day, "ill")
    b.store.checkins.skip_day(day, "holiday")
    everyone(a, b)
    assert a.rows() == b.rows()
    assert len(a.rows()["skip_day"]) == 1
    assert a.conflicts() or b.conflicts()


def test_a_truncated_file_is_skipped_at_every_length(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    a, b = pair
    a.store.checkins.check_in(4, note="whole")
    a.sync()
    path = a.folder / file_name(a.device)
    whole = path.read_bytes()
    assert len(whole) < 4000
    before = b.rows()
    for end in range(len(whole)):
        path.write_bytes(whole[:end])
        os.utime(path, ns=(end, end))  # a new size and time: b reads it again
        report = b.sync()
        assert report.merged == 0 and len(report.skipped) == 1
        assert b.rows() == before
    path.write_bytes(whole)
    assert b.sync().merged == 1


def test_a_hostile_file_is_refused_whole(pair: tuple[Device, Device]) -> None:
    a, b = pair
    a.store.checkins.check_in(4, note="fine")
    a.store.checkins.check_in(2, note="also fine")
    a.sync()
    path = a.folder / file_name(a.device)
    good = json.loads(path.read_text())
    for change in (
        lambda rows: rows[1].update(mood=9),
        lambda rows: rows[1].update(note="x" * 200_000),
        lambda rows: rows[1].update(mood="4"),
        lambda rows: rows[1].update(_stamp="yesterday"),
        lambda rows: rows[1].update(id="../../etc"),
        lambda rows: rows[1].update(evil=1),
        lambda rows: rows[1].update(_table="setting"),
        lambda rows: rows[1].update(_deleted="yes"),
        lambda rows: rows[1].update(_history="none"),
        lambda rows: rows.append(rows[0]),
    ):
        data = json.loads(json.dumps(good))
        change(data["records"])
        path.write_text(json.dumps(data) + "\n")
        report = b.sync()
        assert report.merged == 0 and len(report.skipped) == 1, report
        assert b.rows()["checkin"] == []
    for header in ({"schema": 999}, {"format": 2}, {"kind": "bounce-export"}, {"device": "x"}):
        data = {**good, **header}
        path.write_text(json.dumps(data) + "\n")
        assert b.sync().skipped
        assert b.rows()["checkin"] == []


def test_tombstones_leave_the_file_once_every_device_saw_them(
    pair: tuple[Device, Device],
) -> None:
    a, b = pair
    checkin_id = a.store.checkins.check_in(4).checkin_id
    everyone(a, b)
    a.clock.advance(minutes=1)
    a.store.checkins.delete_checkin(checkin_id)
    a.sync()
    path = a.folder / file_name(a.device)
    assert tombstones(path) == [checkin_id]
    b.sync()  # b reads the deletion and says so in its file
    b.clock.advance(minutes=1)
    b.store.checkins.check_in(3)  # something new, so each writes again
    b.sync()
    a.clock.advance(minutes=1)
    a.store.checkins.check_in(5)
    a.sync()
    assert tombstones(path) == []
    everyone(a, b)
    assert a.rows() == b.rows()


def test_status_lists_the_devices_and_pending_changes(pair: tuple[Device, Device]) -> None:
    a, b = pair
    everyone(a, b)
    a.store.checkins.check_in(4)
    found = a.status()
    assert found.pending == 1
    assert [(p.device, p.name) for p in found.peers] == [(b.device, "desk")]
    a.sync()
    assert a.status().pending == 0


def test_a_database_put_back_from_a_backup_never_reuses_a_stamp(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    a, b = pair
    checkin_id = a.store.checkins.check_in(3, note="first").checkin_id
    a.sync()
    a.close()
    backup = tmp_path / "backup.db"
    shutil.copy(a.path, backup)
    a.reopen()
    a.clock.advance(minutes=30)
    a.store.checkins.edit_checkin(checkin_id, note="second")
    a.sync()
    b.sync()
    a.close()
    shutil.copy(backup, a.path)  # the backup is put back, and the clock runs an hour slow
    a.reopen()
    a.clock.advance(minutes=-30)
    a.store.checkins.edit_checkin(checkin_id, note="third")
    everyone(a, b)
    assert [r["note"] for r in b.rows()["checkin"]] == ["third"]
    assert a.rows() == b.rows()


def test_every_edit_is_a_change_even_when_the_clock_stands_still(
    pair: tuple[Device, Device],
) -> None:
    a, _ = pair
    rejection_id = a.store.rejections.log_rejection("Acme", stage="final")
    item = a.store.checklist.add_item(rejection_id, "Say thanks")
    lesson_id = a.store.lessons.add_lesson("Ask about the team")
    a.sync()
    (period,) = a.rows()["mourning_period"]
    edits = (
        lambda: a.store.checklist.toggle_item(item),
        lambda: a.store.checklist.toggle_item(item),
        lambda: a.store.mourning.extend_mourning(str(period["id"])),
        lambda: a.store.mourning.close_mourning(str(period["id"]), "done"),
        lambda: a.store.reviews.grade_lesson(lesson_id, 3, drill=True),
        lambda: a.store.reviews.grade_lesson(lesson_id, 3),
        lambda: a.store.reviews.undo_last_grade(lesson_id),
        lambda: a.store.rejections.answer_reframe(rejection_id, "Is it all of me?", "no"),
    )
    for edit in edits:  # the clock is not moved: each edit must still move updated_at
        edit()
        assert a.status().pending >= 1
        a.sync()
        assert a.status().pending == 0


def _first_version(a: Device, b: Device, path: Path) -> os.stat_result:
    """Device a writes a check-in and an edit of it; b merges that file."""
    a.store.checkins.check_in(3, note="n" * 150)
    a.sync()
    b.sync()
    a.sync()  # its header now names what it has seen of b
    (row,) = a.rows()["checkin"]
    a.store.checkins.edit_checkin(str(row["id"]), note="m" * 150)
    a.sync()
    first = path.stat()
    assert b.sync().merged == 1
    return first


def _second_version(a: Device, path: Path, first: os.stat_result) -> str:
    """Device a edits again, its note's length chosen so the file has the first one's
    size, and the file is put back to the first one's modification time: a second
    write in the same timestamp tick."""
    (row,) = a.rows()["checkin"]

    def edit(note: str) -> int:
        a.store.checkins.edit_checkin(str(row["id"]), note=note)
        a.sync()
        return path.stat().st_size

    once = edit("p" * 100)
    twice = edit("q" * 100)  # each edit adds one stamp to the record's history
    note = "k" * (100 + first.st_size - twice - (twice - once))
    edit(note)
    os.utime(path, ns=(first.st_atime_ns, first.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (first.st_size, first.st_mtime_ns)
    return note


def test_a_file_rewritten_at_once_with_the_same_size_and_time_is_read_again(
    pair: tuple[Device, Device], folder: Path
) -> None:
    a, b = pair
    path = folder / file_name(a.device)
    first = _first_version(a, b, path)
    note = _second_version(a, path, first)
    assert b.sync().merged == 1  # within the settling time: read again
    assert [row["note"] for row in b.rows()["checkin"]] == [note]


def test_a_settled_file_replaced_with_the_same_size_and_time_is_read_again(
    pair: tuple[Device, Device], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bounce_tui.store.sync import files

    monkeypatch.setattr(files, "SETTLE_NS", 0)  # every file counts as settled
    a, b = pair
    path = folder / file_name(a.device)
    first = _first_version(a, b, path)
    time.sleep(0.05)  # past the change time's tick
    note = _second_version(a, path, first)
    assert b.sync().merged == 1  # a new inode, a new change time: another file
    assert [row["note"] for row in b.rows()["checkin"]] == [note]
    assert b.sync().merged == 0  # the same file as merged: not read again

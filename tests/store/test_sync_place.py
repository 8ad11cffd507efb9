"""A database copied or moved takes a new device id; one put back at its path keeps its own."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from bounce_tui.domain.hlc import decode
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import opened
from bounce_tui.store.sync import place, setup, state
from bounce_tui.store.sync.files import file_name

from .sync_support import Device


def everyone(*devices: Device) -> None:
    for _ in range(2):
        for device in devices:
            device.sync()


def in_folder(folder: Path) -> set[str]:
    return {path.name for path in folder.glob("bounce-sync-*.json")}


def copied(device: Device, to: Path, name: str) -> Device:
    """A copy of `device`'s database file at `to/name.db`, opened with a clock of its own."""
    device.close()
    to.mkdir(exist_ok=True)
    shutil.copy(device.path, to / f"{name}.db")
    device.reopen()
    return Device(to, name, device.folder, device.clock() + timedelta(minutes=2), set_up=False)


def stamps(device: Device) -> dict[str, str]:
    records = json.loads((device.folder / file_name(device.device)).read_text())["records"]
    return {r.get("note", ""): r["_stamp"] for r in records if r["_table"] == "checkin"}


def test_a_copy_syncs_as_a_new_device_beside_the_original(
    pair: tuple[Device, Device], tmp_path: Path, folder: Path
) -> None:
    a, b = pair
    a.store.checkins.check_in(4, note="before the copy")
    everyone(a, b)
    old = a.device
    twin = copied(a, tmp_path / "elsewhere", "laptop")
    try:
        twin.store.checkins.check_in(2, note="on the copy")
        a.store.checkins.check_in(3, note="on the original")
        report = twin.sync()  # the copy first: the original's file stays
        assert report.new_device == twin.device != old
        assert in_folder(folder) == {file_name(d) for d in (old, b.device, twin.device)}
        assert a.sync().new_device is None and a.device == old
        everyone(a, b, twin)
        assert twin.sync().new_device is None  # noted where it is now
        assert in_folder(folder) == {file_name(d.device) for d in (a, b, twin)}
        assert not (a.conflicts() or b.conflicts() or twin.conflicts())
        assert a.rows() == b.rows() == twin.rows()
        notes = {row["note"] for row in a.rows()["checkin"]}
        assert notes == {"before the copy", "on the copy", "on the original"}
        assert twin.status().name == "laptop"  # the name stays
        mine = stamps(twin)
        assert mine["before the copy"] == stamps(a)["before the copy"]  # stamps stay
        assert decode(mine["on the copy"]).device == twin.device
    finally:
        twin.close()


def test_a_moved_database_leaves_one_file_and_tombstones_still_go(
    pair: tuple[Device, Device], tmp_path: Path, folder: Path
) -> None:
    a, b = pair
    gone = a.store.checkins.check_in(4, note="to be deleted").checkin_id
    everyone(a, b)
    old = a.device
    clock = a.clock()
    a.close()
    (tmp_path / "moved").mkdir()
    shutil.move(a.path, tmp_path / "moved" / "laptop.db")
    moved = Device(tmp_path / "moved", "laptop", folder, clock, set_up=False)
    try:
        with opened(moved.path, BusyPolicy()) as conn:
            assert conn is not None
            before = decode(state.get(conn, "clock") or "")
        report = moved.sync()
        assert report.new_device is not None and moved.device != old
        assert in_folder(folder) == {file_name(moved.device), file_name(b.device)}
        with opened(moved.path, BusyPolicy()) as conn:
            assert conn is not None
            after = decode(state.get(conn, "clock") or "")
        assert (after.wall_ms, after.counter) >= (before.wall_ms, before.counter)
        assert after.device == moved.device
        b.clock.advance(minutes=5)
        b.store.checkins.delete_checkin(gone)
        everyone(b, moved)
        moved.store.checkins.check_in(1)
        b.store.checkins.check_in(2)
        everyone(b, moved)  # no file of the old id holds the tombstones back
        tombstones = [
            r for r in json.loads((folder / file_name(b.device)).read_text())["records"]
            if r.get("_deleted")
        ]  # fmt: skip
        assert tombstones == []
        assert moved.rows() == b.rows()
    finally:
        moved.close()


def test_a_backup_put_back_at_the_same_path_keeps_its_id(
    pair: tuple[Device, Device], tmp_path: Path, folder: Path
) -> None:
    a, b = pair
    a.store.checkins.check_in(3)
    everyone(a, b)
    old = a.device
    a.close()
    shutil.copy(a.path, tmp_path / "backup.db")
    a.reopen()
    a.store.checkins.check_in(4)
    a.sync()
    a.close()
    shutil.copy(tmp_path / "backup.db", a.path)
    a.reopen()
    assert a.sync().new_device is None and a.device == old
    assert in_folder(folder) == {file_name(old), file_name(b.device)}


def test_a_database_taken_to_another_computer_takes_a_new_id(
    pair: tuple[Device, Device], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    a.store.checkins.check_in(3)
    everyone(a, b)
    old = a.device
    monkeypatch.setattr(place, "machine", lambda: "another computer")
    assert a.sync().new_device == a.device != old
    # On another computer it may be a copy of one that still syncs: the old file stays
    # (the README says to remove the file of a computer that is gone for good).
    assert in_folder(folder) == {file_name(a.device), file_name(old), file_name(b.device)}
    assert b.sync().merged == 0  # the same versions under the new id's file
    assert a.rows() == b.rows()


def test_the_original_keeps_its_file_when_the_copy_wrote_nothing_since(
    pair: tuple[Device, Device], tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    everyone(a, b)
    a.store.checkins.check_in(3)
    a.sync()  # the original wrote after the copy was taken: the file is no longer the copy's
    twin = copied(a, tmp_path / "other", "laptop")
    try:
        a.store.checkins.check_in(4)
        a.clock.advance(minutes=1)
        a.sync()
        monkeypatch.setattr(place, "machine", lambda: "another computer")
        twin.sync()
        assert file_name(a.device) in in_folder(folder)
    finally:
        twin.close()


def test_a_database_set_up_before_places_were_noted_keeps_its_id(
    pair: tuple[Device, Device],
) -> None:
    a, _ = pair
    old = a.device
    with opened(a.path, BusyPolicy()) as conn:
        assert conn is not None
        conn.execute("DELETE FROM sync_device WHERE key LIKE 'place_%'")
    assert a.sync().new_device is None and a.device == old
    with opened(a.path, BusyPolicy()) as conn:
        assert conn is not None
        assert place.noted(conn) == place.where(a.path)


def test_setting_up_a_copy_again_gives_it_an_id_of_its_own(
    pair: tuple[Device, Device], tmp_path: Path, folder: Path
) -> None:
    a, _ = pair
    twin = copied(a, tmp_path / "again", "laptop")
    try:
        with opened(twin.path, BusyPolicy()) as conn:
            assert conn is not None
            done = setup.init(conn, twin.path, BusyPolicy(), folder, "laptop copy")
        assert done.renewed is not None and done.device != a.device
        assert twin.sync().new_device is None
        assert twin.device == done.device
    finally:
        twin.close()

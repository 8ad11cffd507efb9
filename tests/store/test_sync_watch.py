"""The open app's sync: when a sync is due, what it reports, conflicts said once, on quit."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import opened
from bounce_tui.store.repository import Store
from bounce_tui.store.sync import setup
from bounce_tui.store.sync.files import file_name
from bounce_tui.store.sync.watch import SyncWatch, sync_on_quit
from tests.conftest import BERLIN, NOW

from .sync_support import Device


@pytest.fixture
def watch_b(pair: tuple[Device, Device]) -> Iterator[SyncWatch]:
    watch = SyncWatch(pair[1].path, every=300)
    yield watch
    watch.close()


def test_a_database_that_does_not_sync_is_never_due(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    Store(path, now=lambda: NOW, tz=BERLIN, template=list).close()
    watch = SyncWatch(path, every=0)
    assert watch.tick(NOW, 0.0, force=True) is None
    assert watch.tick(NOW, 1000.0) is None
    watch.close()


def test_a_missing_file_is_not_created(tmp_path: Path) -> None:
    watch = SyncWatch(tmp_path / "none.db")
    assert watch.tick(NOW, 0.0, force=True) is None
    assert not (tmp_path / "none.db").exists()


def test_the_first_look_syncs_and_a_quiet_second_look_does_not(
    pair: tuple[Device, Device], watch_b: SyncWatch, folder: Path
) -> None:
    first = watch_b.tick(NOW, 0.0)
    assert first is not None and first.set_up and first.problem is None
    assert first.last_sync == NOW
    assert (folder / file_name(pair[1].device)).exists()
    assert watch_b.tick(NOW, 10.0) is None  # its own sync's writes do not make it due


def test_a_write_by_another_program_makes_a_sync_due(
    pair: tuple[Device, Device], watch_b: SyncWatch, folder: Path
) -> None:
    b = pair[1]
    watch_b.tick(NOW, 0.0)
    b.store.checkins.check_in(2, note="written elsewhere")
    got = watch_b.tick(NOW + timedelta(seconds=10), 10.0)
    assert got is not None
    assert "written elsewhere" in (folder / file_name(b.device)).read_text()


def test_another_devices_new_file_is_merged_at_the_next_look(
    pair: tuple[Device, Device], watch_b: SyncWatch
) -> None:
    a, b = pair
    watch_b.tick(NOW, 0.0)
    a.store.checkins.check_in(5, note="from the laptop")
    a.sync()
    got = watch_b.tick(NOW + timedelta(seconds=10), 10.0)
    assert got is not None and got.merged == 1
    assert [row["note"] for row in b.rows()["checkin"]] == ["from the laptop"]
    assert watch_b.tick(NOW + timedelta(seconds=20), 20.0) is None


def test_a_sync_runs_after_the_interval_even_with_nothing_seen(
    pair: tuple[Device, Device], watch_b: SyncWatch
) -> None:
    watch_b.tick(NOW, 0.0)
    assert watch_b.tick(NOW, 299.0) is None
    later = NOW + timedelta(minutes=5)
    got = watch_b.tick(later, 300.0)
    assert got is not None and got.last_sync == later


def test_a_folder_that_went_away_is_said_in_one_line_and_tried_again(
    pair: tuple[Device, Device], watch_b: SyncWatch, folder: Path
) -> None:
    watch_b.tick(NOW, 0.0)
    shutil.rmtree(folder)
    got = watch_b.tick(NOW, 10.0)
    assert got is not None and got.problem is not None
    assert "\n" not in got.problem and "not there" in got.problem
    folder.mkdir()
    again = watch_b.tick(NOW, 20.0)
    assert again is not None and again.problem is None


def test_conflicts_are_new_once(pair: tuple[Device, Device], watch_b: SyncWatch) -> None:
    a, b = pair
    a.store.checkins.check_in(3, note="same day")
    a.sync()
    watch_b.tick(NOW, 0.0)
    checkin_id = b.rows()["checkin"][0]["id"]
    a.clock.advance(minutes=5)
    b.clock.advance(minutes=5)
    a.store.checkins.edit_checkin(checkin_id, mood=1, note="laptop's edit")
    b.store.checkins.edit_checkin(checkin_id, mood=5, note="desk's edit")
    a.sync()
    got = watch_b.tick(b.clock(), 10.0)
    assert got is not None and (got.conflicts, got.new_conflicts) == (1, 1)
    b.store.checkins.check_in(4)
    again = watch_b.tick(b.clock(), 20.0)
    assert again is not None and (again.conflicts, again.new_conflicts) == (1, 0)
    watch_b.close()
    fresh = SyncWatch(b.path)  # a new window: already mentioned
    later = fresh.tick(b.clock(), 0.0)
    assert later is not None and (later.conflicts, later.new_conflicts) == (1, 0)
    fresh.close()
    with opened(b.path, BusyPolicy()) as conn:  # `bounce sync --conflicts`: looked at
        assert conn is not None
        setup.mark_conflicts_seen(conn, b.path, BusyPolicy())
    third = SyncWatch(b.path)
    looked = third.tick(b.clock(), 0.0)
    third.close()
    assert looked is not None and (looked.conflicts, looked.new_conflicts) == (0, 0)


def test_the_sync_on_quit_writes_this_devices_changes(
    pair: tuple[Device, Device], folder: Path
) -> None:
    a = pair[0]
    a.store.checkins.check_in(4, note="just before closing")
    assert sync_on_quit(a.path, NOW) is None
    assert "just before closing" in (folder / file_name(a.device)).read_text()


def test_the_sync_on_quit_says_why_it_could_not_run(
    pair: tuple[Device, Device], folder: Path
) -> None:
    shutil.rmtree(folder)
    problem = sync_on_quit(pair[0].path, NOW)
    assert problem is not None and "not there" in problem


def test_a_closed_watch_does_nothing(pair: tuple[Device, Device]) -> None:
    watch = SyncWatch(pair[0].path)
    watch.close()
    assert watch.tick(NOW, 0.0, force=True) is None


def test_the_open_app_syncs_sealed_files_without_asking(
    pair: tuple[Device, Device], watch_b: SyncWatch, folder: Path
) -> None:
    a, b = pair
    for device in (a, b):
        device.use_passphrase("correct horse battery staple")
    a.store.checkins.check_in(5, note="sealed on the laptop")
    a.sync()
    got = watch_b.tick(b.clock(), 0.0)
    assert got is not None and got.problem is None and got.skipped == ()
    assert got.merged == 1
    assert [row["note"] for row in b.rows()["checkin"]] == ["sealed on the laptop"]
    assert "sealed on the laptop" not in (folder / file_name(b.device)).read_text("latin-1")


def test_a_write_or_a_file_that_comes_while_a_sync_runs_makes_the_next_look_due(
    pair: tuple[Device, Device], watch_b: SyncWatch, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bounce_tui.store.sync import engine

    a, b = pair
    watch_b.tick(NOW, 0.0)
    real_sync = engine.sync

    def sync_then_a_write(*args: object, **kwargs: object) -> object:
        report = real_sync(*args, **kwargs)  # type: ignore[arg-type]
        b.store.checkins.check_in(4, note="saved while the sync ran")  # after its scan
        return report

    monkeypatch.setattr(engine, "sync", sync_then_a_write)
    assert watch_b.tick(NOW, 300.0) is not None  # the interval: a sync runs
    monkeypatch.setattr(engine, "sync", real_sync)
    assert watch_b.tick(NOW, 310.0) is not None  # the write it did not cover: due
    assert "saved while the sync ran" in (folder / file_name(b.device)).read_text()

    def sync_then_a_file(*args: object, **kwargs: object) -> object:
        report = real_sync(*args, **kwargs)  # type: ignore[arg-type]
        monkeypatch.setattr(engine, "sync", real_sync)  # a's own sync is the real one
        a.store.checkins.check_in(2, note="arrived while the sync ran")
        a.sync()  # a's file replaced after b's sync read the folder
        return report

    monkeypatch.setattr(engine, "sync", sync_then_a_file)
    assert watch_b.tick(NOW, 620.0) is not None
    got = watch_b.tick(NOW, 630.0)  # the file it did not read: due
    assert got is not None and got.merged >= 1
    assert "arrived while the sync ran" in [row["note"] for row in b.rows()["checkin"]]

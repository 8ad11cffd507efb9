"""A day's sync works from what is already known: the own file patched, known lines passed over."""

from __future__ import annotations

import json
import random

import pytest

from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import opened
from bounce_tui.store.sync import known_lines
from bounce_tui.store.sync.files import body_lines, file_name
from bounce_tui.store.sync.known_lines import KnownLines

from .sync_support import Device


def a_day_of_changes(device: Device, day: int) -> None:
    """Entries added, edited and deleted: lines put in, replaced and taken out."""
    device.clock.advance(days=1)
    store = device.store
    rejection = store.rejections.log_rejection(f"Firm {day}", stage="final")
    store.checklist.add_item(rejection, f"Thank them {day}")
    lesson = store.lessons.add_lesson(f"Lesson of day {day}")
    store.reviews.grade_lesson(lesson, 3)
    checkins = [store.checkins.check_in(3, note=f"day {day} #{n}").checkin_id for n in range(3)]
    store.checkins.edit_checkin(checkins[0], note=f"day {day} edited")
    store.checkins.delete_checkin(checkins[1])
    if day % 3 == 2:  # a whole rejection goes, with its checklist and mourning period
        store.rejections.delete_rejection(rejection)


def test_each_file_written_is_the_file_made_whole(pair: tuple[Device, Device]) -> None:
    a, b = pair
    for day in range(6):
        a_day_of_changes(a if day % 2 else b, day)
        for device in (a, b, a):
            device.sync()
            assert device.file_is_made_whole()
    assert a.rows() == b.rows()


def test_an_own_file_out_of_order_is_made_whole_again(pair: tuple[Device, Device]) -> None:
    a, _ = pair
    first = [a.store.checkins.check_in(4, note=f"entry {n}").checkin_id for n in range(12)]
    a.sync()
    path = a.folder / file_name(a.device)
    text = path.read_text()
    lines = [line.removesuffix(",") for line in body_lines(text)]
    random.Random(4).shuffle(lines)  # the same lines, header and count: only the order differs
    path.write_text(text[: text.index("\n") + 1] + ",\n".join(lines) + "\n]}\n")
    a.clock.advance(minutes=5)
    a.store.checkins.check_in(2, note="one more")
    a.sync()  # a line put in: wherever it goes, the file holds each record once
    ids = [r["id"] for r in json.loads(path.read_text())["records"]]
    assert len(ids) == len(set(ids)) == 13
    for checkin_id in first:  # a line replaced that is not where the order puts it
        a.clock.advance(minutes=5)
        a.store.checkins.edit_checkin(checkin_id, note="edited")
        a.sync()
        ids = [r["id"] for r in json.loads(path.read_text())["records"]]
        assert len(ids) == len(set(ids)) == 13
    assert a.file_is_made_whole()


def test_a_failed_write_makes_the_next_file_whole(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = pair
    first = a.store.checkins.check_in(4, note="first").checkin_id
    a.sync()
    a.store.checkins.edit_checkin(first, note="changed while the folder was gone")

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bounce_tui.store.sync.files.write_file", refuse)
    with pytest.raises(Exception, match="could not write"):
        a.sync()
    monkeypatch.undo()
    a.sync()  # the same moment: only the database knows the file was not written
    assert a.file_is_made_whole()
    notes = [r["note"] for r in json.loads((a.folder / file_name(a.device)).read_text())["records"]]
    assert notes == ["changed while the folder was gone"]


def lines_of(device: Device) -> list[str]:
    return body_lines((device.folder / file_name(device.device)).read_text())


def test_only_lines_of_versions_not_here_are_read(pair: tuple[Device, Device]) -> None:
    a, b = pair
    for n in range(3):
        a.store.checkins.check_in(4, note=f"shared {n}")
    a.sync()
    b.sync()
    b.sync()  # b's file now holds the same versions
    mine = lines_of(a)
    theirs = lines_of(b)
    assert set(theirs) & set(mine)  # most lines are the same text on both devices
    changed = theirs[0].replace('"shared', '"other text, same version')
    b.clock.advance(minutes=1)
    b.store.checkins.check_in(1, note="new on b")
    b.sync()
    new = [line for line in lines_of(b) if "new on b" in line]
    with opened(a.path, BusyPolicy()) as conn:
        assert conn is not None
        for own in (mine, None):  # with the own file's lines, and without (keys looked up)
            found = KnownLines(conn, own).new_lines([*theirs, changed, *new])
            assert [line for _, line in found] == new
            assert [number for number, _ in found] == [len(theirs) + 2]


def test_many_unknown_lines_are_checked_against_every_key_at_once(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    for n in range(5):
        a.store.checkins.check_in(4, note=f"entry {n}")
    a.sync()
    b.store.checkins.check_in(2, note="b's own")
    b.sync()
    lines = [*lines_of(a), *lines_of(b)]
    with opened(a.path, BusyPolicy()) as conn:
        assert conn is not None
        few = KnownLines(conn).new_lines(lines)
        monkeypatch.setattr(known_lines, "_FEW", 0)
        many = KnownLines(conn)
        assert many.new_lines(lines) == few
        assert many.keys is not None  # read at once
    assert [line for _, line in few] == [line for line in lines_of(b) if "b's own" in line]

"""Entries from Daylio and jrnl merged by the store: the clock's zone, ids, one transaction."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from bounce_tui.domain.daylio import parse_daylio
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.jrnl_import import parse_jrnl
from bounce_tui.store.read.foreign_records import as_export
from bounce_tui.store.repository import Store
from tests.conftest import NOW

HEADER = "full_date,date,weekday,time,mood,activities,note\n"
ROWS = "2026-03-05,x,y,21:41,good,walk,one\n2026-03-05,x,y,08:00,bad,,two\n"


def test_local_times_are_read_in_the_stores_zone(store: Store) -> None:
    entries = parse_daylio(HEADER + ROWS, "f").checkins
    counts = store.files.import_entries(entries, where="f")
    assert counts.added == {"checkin": 2}
    found = sorted(store.checkins.since(datetime(2026, 3, 1).date()), key=lambda c: c.at)
    # Berlin is UTC+1 in March: 08:00 there is 07:00 UTC.
    assert found[0].at == datetime(2026, 3, 5, 7, 0, tzinfo=timezone.utc)
    assert [c.day.isoformat() for c in found] == ["2026-03-05", "2026-03-05"]
    again = store.files.import_entries(entries, where="f")
    assert (again.total_added, again.total_updated, again.unchanged) == (0, 0, 2)


def test_an_edit_made_in_bounce_survives_a_reimport(store: Store) -> None:
    entries = parse_daylio(HEADER + ROWS, "f").checkins
    store.files.import_entries(entries, where="f")
    store.checkins.edit_checkin(entries[0].record_id, mood=1)
    store.files.import_entries(entries, where="f")
    moods = {c.checkin_id: c.mood for c in store.checkins.since(datetime(2026, 3, 1).date())}
    assert moods[entries[0].record_id] == 1


def test_jrnl_lessons_are_due_from_when_they_were_written(store: Store) -> None:
    data = {"entries": [{"date": "2026-03-01", "time": "09:00", "title": "Front", "body": "Back",
                         "tags": ["@prep"]}]}  # fmt: skip
    lessons = parse_jrnl(data, "j", "lessons")
    store.files.import_entries(lessons, where="j", category="preparation")
    [lesson] = store.read.search_lessons("Back", limit=5)
    assert (lesson.prompt, lesson.text, lesson.category) == ("Front", "Back", "preparation")
    assert lesson.lesson_id == lessons[0].record_id


def test_a_refused_entry_writes_nothing(store: Store, db_path: Path) -> None:
    entries = parse_daylio(HEADER + ROWS + "2026-03-11,x,y,09:00,meh,,\n", "f").checkins
    with pytest.raises(DomainError, match=r"^f line 4: 2026-03-11 09:00 is later than now"):
        store.files.import_entries(entries, where="f")
    assert store.files.counts()["checkin"] == 0


def test_the_records_are_shaped_as_exports_write_them() -> None:
    entries = parse_daylio(HEADER + ROWS, "f").checkins
    data = as_export(entries, tz=timezone.utc, now=NOW, where="f")
    [first, _] = data["records"]["checkin"]
    assert first["at"] == "2026-03-05T21:41:00.000000+00:00"
    assert first["created_at"] == first["updated_at"] == first["at"]
    assert data["kind"] == "bounce-export" and "lesson" not in data["records"]

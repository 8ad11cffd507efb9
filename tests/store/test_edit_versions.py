"""Edits carry the version their form opened with: a row changed since is never overwritten.

A second Store on the same file plays the other window.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bounce_tui.domain.snapshot import LessonView
from bounce_tui.store.errors import ChangedElsewhere, NotFound
from bounce_tui.store.file.database import next_version
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock


@pytest.fixture
def other(db_path: Path, store: Store) -> Store:
    """The other window: a second Store on the same file, with the same fixed clock."""
    s = Store(db_path, now=lambda: NOW, tz=BERLIN)
    yield s
    s.close()


def lesson_now(store: Store, lesson_id: str) -> LessonView:
    found = [v for v in store.read.main_snapshot().lessons if v.lesson_id == lesson_id]
    assert found, "the lesson is not in the snapshot"
    return found[0]


def test_a_view_carries_its_version(store: Store) -> None:
    lesson_id = store.lessons.add_lesson("Ask about the team")
    assert lesson_now(store, lesson_id).updated_at == NOW


def test_an_edit_on_the_version_it_opened_saves(store: Store) -> None:
    lesson_id = store.lessons.add_lesson("Ask about the team")
    opened = lesson_now(store, lesson_id)
    saved = store.lessons.edit_lesson(
        lesson_id, text="Ask who I would work with", category="interview",
        expected_updated_at=opened.updated_at,
    )  # fmt: skip
    assert saved.text == "Ask who I would work with"
    assert saved.updated_at is not None and opened.updated_at is not None
    assert saved.updated_at > opened.updated_at  # a new version even on a fixed clock


def test_an_edit_on_a_changed_lesson_writes_nothing(store: Store, other: Store) -> None:
    lesson_id = store.lessons.add_lesson("Ask about the team")
    opened = lesson_now(store, lesson_id)
    other.lessons.edit_lesson(lesson_id, text="Theirs", category="interview")
    with pytest.raises(ChangedElsewhere) as caught:
        store.lessons.edit_lesson(
            lesson_id, text="Mine", category="fit", expected_updated_at=opened.updated_at
        )
    current = caught.value.current
    assert isinstance(current, LessonView) and current.text == "Theirs"
    stored = lesson_now(store, lesson_id)
    assert (stored.text, stored.category) == ("Theirs", "interview")
    # Saving again on the version now stored is what "keep mine" does.
    store.lessons.edit_lesson(
        lesson_id, text="Mine", category="fit", expected_updated_at=current.updated_at
    )
    assert lesson_now(store, lesson_id).text == "Mine"


def test_an_edit_of_a_deleted_lesson_says_which_row(store: Store, other: Store) -> None:
    lesson_id = store.lessons.add_lesson("Ask about the team")
    opened = lesson_now(store, lesson_id)
    other.lessons.delete_lesson(lesson_id)
    with pytest.raises(NotFound) as caught:
        store.lessons.edit_lesson(
            lesson_id, text="Mine", category="interview", expected_updated_at=opened.updated_at
        )
    assert caught.value.row_id == lesson_id and caught.value.table == "lesson"


def test_rejection_item_and_checkin_edits_check_the_version(store: Store, other: Store) -> None:
    rejection_id = store.rejections.log_rejection("Acme", stage="final", received_at=NOW)
    snapshot = store.read.main_snapshot()
    rejection = next(r for r in snapshot.rejections if r.rejection_id == rejection_id)
    item = next(i for i in snapshot.items if i.rejection_id == rejection_id)
    checkin = store.checkins.check_in(3, note="tired")
    checkin_id = checkin.checkin_id

    other.rejections.edit_rejection(
        rejection_id, company="Acme Ltd", stage="final", received_at=NOW
    )
    other.checklist.edit_item(item.item_id, title="Theirs", due_on=None)
    other.checkins.edit_checkin(checkin_id, note="theirs")

    with pytest.raises(ChangedElsewhere):
        store.rejections.edit_rejection(
            rejection_id, company="Mine", stage="final", received_at=NOW,
            expected_updated_at=rejection.updated_at,
        )  # fmt: skip
    with pytest.raises(ChangedElsewhere):
        store.checklist.edit_item(
            item.item_id, title="Mine", due_on=None, expected_updated_at=item.updated_at
        )
    with pytest.raises(ChangedElsewhere):
        store.checkins.edit_checkin(checkin_id, note="mine", expected_updated_at=checkin.updated_at)

    after = store.read.main_snapshot()
    assert next(r for r in after.rejections if r.rejection_id == rejection_id).company == "Acme Ltd"
    assert next(i for i in after.items if i.item_id == item.item_id).title == "Theirs"
    assert [c.note for c in store.checkins.day_of(checkin.day)] == ["theirs"]


def test_next_version_always_moves_on(clock: Clock) -> None:
    assert next_version(None, NOW) == NOW
    assert next_version(NOW, NOW) == NOW + timedelta(microseconds=1)
    assert next_version(NOW, NOW - timedelta(days=2)) == NOW + timedelta(microseconds=1)
    assert next_version(NOW, NOW + timedelta(seconds=1)) == NOW + timedelta(seconds=1)

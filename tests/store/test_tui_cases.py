"""Use cases the TUI needs: edits, deletions with undo, ordering, decisions, snapshot, watcher."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.errors import NotFound
from bounce_tui.store.repository import Store

from .conftest import Clock


def test_snapshot_gathers_what_the_main_screen_shows(store: Store, clock: Clock) -> None:
    assert store.read.main_snapshot().is_empty
    rejection = store.rejections.log_rejection("Acme", role="Analyst", stage="final")
    store.lessons.add_lesson("Bring questions", category="research", rejection_id=rejection)
    clock.advance(seconds=1)
    store.lessons.add_lesson("Sleep before", category="logistics")
    store.checkins.check_in(2, note="raw")
    store.checkins.check_in(3)
    period = store.read.mourning_for(rejection)
    store.mourning.log_urge(period.period_id)
    snap = store.read.main_snapshot()
    assert not snap.is_empty
    assert snap.today.moods == (2, 3) and snap.today.last_note == "raw"
    assert snap.today.streak == 1 and snap.today.lessons_due == 2
    (timer,) = snap.timers
    assert (timer.company, timer.role, timer.urges) == ("Acme", "Analyst", 1)
    assert [lesson.company for lesson in snap.lessons] == ["", "Acme"]  # newest first
    assert len(snap.items_for(rejection)) == 3
    assert snap.rejections[0].company == "Acme"


def test_delete_rejection_and_undo_restores_everything(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    lesson = store.lessons.add_lesson("Practise", rejection_id=rejection)
    store.mourning.log_urge(store.read.mourning_for(rejection).period_id)
    before = store.files.counts()
    deleted = store.rejections.delete_rejection(rejection)
    after = store.files.counts()
    assert after["rejection"] == 0 and after["mourning_period"] == 0
    assert after["checklist_item"] == 0 and after["urge"] == 0 and after["lesson"] == 1
    assert store.read.main_snapshot().lessons[0].rejection_id is None
    store.undo.restore(deleted)
    assert store.files.counts() == before
    snap = store.read.main_snapshot()
    assert snap.lessons[0].rejection_id == rejection
    assert snap.lessons[0].lesson_id == lesson


def test_delete_lesson_and_item_with_undo(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    lesson = store.lessons.add_lesson("Practise")
    store.reviews.grade_lesson(lesson, 3)
    deleted = store.lessons.delete_lesson(lesson)
    assert store.files.counts()["lesson"] == 0 and store.files.counts()["lesson_review"] == 0
    store.undo.restore(deleted)
    assert store.files.counts()["lesson"] == 1 and store.files.counts()["lesson_review"] == 1
    item = store.read.main_snapshot().items_for(rejection)[0]
    gone = store.checklist.delete_item(item.item_id)
    assert len(store.read.main_snapshot().items_for(rejection)) == 2
    store.undo.restore(gone)
    assert store.read.main_snapshot().items_for(rejection)[0].item_id == item.item_id
    with pytest.raises(NotFound):
        store.checklist.delete_item("missing")


def test_edit_rejection_and_lesson(store: Store, clock: Clock) -> None:
    rejection = store.rejections.log_rejection("Acme")
    store.rejections.edit_rejection(
        rejection,
        company="Acme Corp",
        role="Lead",
        stage="final",
        received_at=clock.moment - timedelta(days=1),
        notes="called",
    )
    view = store.read.main_snapshot().rejections[0]
    assert (view.company, view.role, view.stage, view.notes) == (
        "Acme Corp",
        "Lead",
        "final",
        "called",
    )
    with pytest.raises(DomainError):
        store.rejections.edit_rejection(
            rejection, company=" ", stage="final", received_at=clock.moment
        )
    with pytest.raises(DomainError):
        store.rejections.edit_rejection(
            rejection, company="A", stage="final", received_at=clock.moment + timedelta(days=1)
        )
    lesson = store.lessons.add_lesson("x")
    store.lessons.edit_lesson(lesson, text="Ask better questions", category="research", tags=["q"])
    edited = store.read.main_snapshot().lessons[0]
    assert (edited.text, edited.category, edited.tags) == (
        "Ask better questions",
        "research",
        ("q",),
    )


def test_items_add_edit_move_and_decide(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    added = store.checklist.add_item(
        rejection, "Call Sam", why="a referral", due_on=date(2026, 3, 20)
    )
    hunt = store.checklist.add_item(None, "Update LinkedIn")
    items = store.read.main_snapshot().items_for(rejection)
    assert [i.title for i in items][-2:] == ["Call Sam", "Update LinkedIn"]
    assert [i.item_id for i in items][-2:] == [added, hunt]
    assert items[-2].position == 3 and items[-1].position == 0
    store.checklist.move_item(added, -1)
    store.checklist.move_item(added, -1)
    titles = [i.title for i in store.read.main_snapshot().items_for(rejection)]
    assert titles.index("Call Sam") == 1
    store.checklist.move_item(added, -10)
    assert store.read.main_snapshot().items_for(rejection)[0].title == "Call Sam"
    store.checklist.edit_item(added, title="Call Sam back", why="", due_on=None)
    assert store.read.main_snapshot().items_for(rejection)[0].due_on is None
    decision = next(i for i in store.read.main_snapshot().items if i.kind == "decision")
    store.checklist.choose(decision.item_id, "DON'T ASK")
    chosen = next(i for i in store.read.main_snapshot().items if i.item_id == decision.item_id)
    assert chosen.choice == "don't ask" and chosen.done
    with pytest.raises(DomainError):
        store.checklist.choose(decision.item_id, "maybe")


def test_close_out_note(store: Store, clock: Clock) -> None:
    period = store.read.mourning_for(store.rejections.log_rejection("Acme", stage="applied"))
    clock.advance(days=2)
    store.mourning.close_mourning(period.period_id, "It was not the right team anyway")
    assert store.read.main_snapshot().timers[0].close_note == "It was not the right team anyway"


def test_the_snapshot_knows_when_another_connection_committed_since_it_was_read(
    store: Store,
) -> None:
    assert not store.read.changed_elsewhere()  # nothing read yet: nothing to be stale
    store.read.main_snapshot()
    assert not store.read.changed_elsewhere()
    other = sqlite3.connect(store.path)
    other.execute(
        "INSERT INTO setting VALUES ('k', 'v', '2026-01-01T00:00:00+00:00', "
        "'2026-01-01T00:00:00+00:00')"
    )
    other.commit()
    other.close()
    assert store.read.changed_elsewhere()
    assert store.read.changed_elsewhere()  # stale until the snapshot is read again
    assert store.read.main_snapshot().settings["k"] == "v"
    assert not store.read.changed_elsewhere()
    store.checkins.check_in(3)  # a write through the store is another connection's commit
    assert store.read.changed_elsewhere()
    store.read.main_snapshot()
    assert not store.read.changed_elsewhere()


def test_asking_whether_the_snapshot_is_stale_never_waits(store: Store) -> None:
    store.read.main_snapshot()
    locker = sqlite3.connect(store.path, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        locker.execute("INSERT INTO setting VALUES ('k', 'v', 'x', 'x')")
        answer = store.read.changed_elsewhere()
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert answer is False  # locked: decided at the next question
    with store.read._watched.reading():  # type: ignore[union-attr]  # a read in a worker
        assert store.read.changed_elsewhere() is False


def test_the_main_snapshot_is_read_in_one_transaction(store: Store, clock: Clock) -> None:
    acme = store.rejections.log_rejection("Acme", stage="final")
    store.lessons.add_lesson("Ask about the roadmap", category="research", rejection_id=acme)
    store.lessons.add_lesson("Tell the migration story", category="interview")
    store.checkins.check_in(2, note="tired")
    store.interviews.add_interview("Acme", clock.moment + timedelta(hours=20), stage="final")
    store.interviews.add_interview("Globex", clock.moment + timedelta(hours=22))
    store.read.main_snapshot()  # the first read opens the snapshot's connection
    statements: list[str] = []
    store.read._watched._conn.set_trace_callback(statements.append)  # type: ignore[union-attr]
    snap = store.read.main_snapshot()
    kinds = [s.split()[0].upper() for s in statements if not s.upper().startswith("PRAGMA BUSY")]
    assert kinds[0] == "BEGIN" and kinds[-1] == "COMMIT", statements
    assert kinds.count("BEGIN") == 1 and kinds.count("COMMIT") == 1, statements
    # the Acme lesson and the lesson not linked to any rejection
    assert len(snap.interviews) == 2 and snap.interviews[0].matching_lessons == 2
    assert snap.today.moods == (2,) and len(snap.lessons) == 2

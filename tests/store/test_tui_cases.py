"""Use cases the TUI needs: edits, deletions with undo, ordering, decisions, snapshot, watcher."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.errors import NotFound
from bounce_tui.store.repository import Store
from bounce_tui.store.watch import ChangeWatcher

from .conftest import Clock


def test_snapshot_gathers_what_the_main_screen_shows(store: Store, clock: Clock) -> None:
    assert store.main_snapshot().is_empty
    rejection = store.log_rejection("Acme", role="Analyst", stage="final")
    store.add_lesson("Bring questions", category="research", rejection_id=rejection.id)
    clock.advance(seconds=1)
    store.add_lesson("Sleep before", category="logistics")
    store.check_in(2, note="raw")
    store.check_in(3)
    period = store.mourning_for(rejection.id)
    store.log_urge(period.id)
    snap = store.main_snapshot()
    assert not snap.is_empty
    assert snap.today.moods == (2, 3) and snap.today.last_note == "raw"
    assert snap.today.streak == 1 and snap.today.lessons_due == 2
    (timer,) = snap.timers
    assert (timer.company, timer.role, timer.urges) == ("Acme", "Analyst", 1)
    assert [lesson.company for lesson in snap.lessons] == ["", "Acme"]  # newest first
    assert len(snap.items_for(rejection.id)) == 3
    assert snap.rejections[0].company == "Acme"


def test_delete_rejection_and_undo_restores_everything(store: Store) -> None:
    rejection = store.log_rejection("Acme")
    lesson = store.add_lesson("Practise", rejection_id=rejection.id)
    store.log_urge(store.mourning_for(rejection.id).id)
    before = store.counts()
    deleted = store.delete_rejection(rejection.id)
    after = store.counts()
    assert after["rejection"] == 0 and after["mourning_period"] == 0
    assert after["checklist_item"] == 0 and after["urge"] == 0 and after["lesson"] == 1
    assert store.main_snapshot().lessons[0].rejection_id is None
    store.restore(deleted)
    assert store.counts() == before
    snap = store.main_snapshot()
    assert snap.lessons[0].rejection_id == rejection.id
    assert snap.lessons[0].lesson_id == lesson.id


def test_delete_lesson_and_item_with_undo(store: Store) -> None:
    rejection = store.log_rejection("Acme")
    lesson = store.add_lesson("Practise")
    store.grade_lesson(lesson.id, 3)
    deleted = store.delete_lesson(lesson.id)
    assert store.counts()["lesson"] == 0 and store.counts()["lesson_review"] == 0
    store.restore(deleted)
    assert store.counts()["lesson"] == 1 and store.counts()["lesson_review"] == 1
    item = store.main_snapshot().items_for(rejection.id)[0]
    gone = store.delete_item(item.item_id)
    assert len(store.main_snapshot().items_for(rejection.id)) == 2
    store.restore(gone)
    assert store.main_snapshot().items_for(rejection.id)[0].item_id == item.item_id
    with pytest.raises(NotFound):
        store.delete_item("missing")


def test_edit_rejection_and_lesson(store: Store, clock: Clock) -> None:
    rejection = store.log_rejection("Acme")
    store.edit_rejection(
        rejection.id,
        company="Acme Corp",
        role="Lead",
        stage="final",
        received_at=clock.moment - timedelta(days=1),
        notes="called",
    )
    view = store.main_snapshot().rejections[0]
    assert (view.company, view.role, view.stage, view.notes) == (
        "Acme Corp",
        "Lead",
        "final",
        "called",
    )
    with pytest.raises(DomainError):
        store.edit_rejection(rejection.id, company=" ", stage="final", received_at=clock.moment)
    with pytest.raises(DomainError):
        store.edit_rejection(
            rejection.id, company="A", stage="final", received_at=clock.moment + timedelta(days=1)
        )
    lesson = store.add_lesson("x")
    store.edit_lesson(lesson.id, text="Ask better questions", category="research", tags=["q"])
    edited = store.main_snapshot().lessons[0]
    assert (edited.text, edited.category, edited.tags) == (
        "Ask better questions",
        "research",
        ("q",),
    )


def test_items_add_edit_move_and_decide(store: Store) -> None:
    rejection = store.log_rejection("Acme")
    added = store.add_item(rejection.id, "Call Sam", why="a referral", due_on=date(2026, 3, 20))
    hunt = store.add_item(None, "Update LinkedIn")
    items = store.main_snapshot().items_for(rejection.id)
    assert [i.title for i in items][-2:] == ["Call Sam", "Update LinkedIn"]
    assert items[-2].position == 3 and hunt.position == 0
    store.move_item(added.id, -1)
    store.move_item(added.id, -1)
    titles = [i.title for i in store.main_snapshot().items_for(rejection.id)]
    assert titles.index("Call Sam") == 1
    store.move_item(added.id, -10)
    assert store.main_snapshot().items_for(rejection.id)[0].title == "Call Sam"
    store.edit_item(added.id, title="Call Sam back", why="", due_on=None)
    assert store.main_snapshot().items_for(rejection.id)[0].due_on is None
    decision = next(i for i in store.main_snapshot().items if i.kind == "decision")
    store.choose(decision.item_id, "DON'T ASK")
    chosen = next(i for i in store.main_snapshot().items if i.item_id == decision.item_id)
    assert chosen.choice == "don't ask" and chosen.done
    with pytest.raises(DomainError):
        store.choose(decision.item_id, "maybe")


def test_close_out_note(store: Store, clock: Clock) -> None:
    period = store.mourning_for(store.log_rejection("Acme", stage="applied").id)
    clock.advance(days=2)
    store.close_mourning(period.id, "It was not the right team anyway")
    assert store.main_snapshot().timers[0].close_note == "It was not the right team anyway"


def test_watcher_sees_other_connections_commit(store: Store) -> None:
    watcher = ChangeWatcher(store.path)
    try:
        assert not watcher.changed()
        other = sqlite3.connect(store.path)
        other.execute("UPDATE setting SET value = value")  # a no-op write still commits
        other.execute(
            "INSERT INTO setting VALUES ('k', 'v', '2026-01-01T00:00:00+00:00', "
            "'2026-01-01T00:00:00+00:00')"
        )
        other.commit()
        other.close()
        assert watcher.changed()
        assert not watcher.changed()
        store.check_in(3)
        assert watcher.changed()
    finally:
        watcher.close()

"""The Store's use cases against a temp file, with an injected clock and zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.errors import NotFound
from bounce_tui.store.models import ChecklistItem, LessonReview, MourningPeriod, Rejection
from bounce_tui.store.repository import Store

from .conftest import BERLIN, Clock


def test_check_in_counts_for_the_local_day(store: Store, clock: Clock) -> None:
    clock.moment = datetime(2026, 3, 10, 23, 30, tzinfo=timezone.utc)  # 00:30 in Berlin
    row = store.checkins.check_in(
        "4", energy=2, note="  slept badly  ", tags=["Sleep", "sleep", ""]
    )
    assert row.day == date(2026, 3, 11)
    assert row.note == "slept badly"
    assert row.tags == ("sleep",)
    assert row.mood == 4 and row.energy == 2


def test_check_in_for_a_forgotten_day_and_never_the_future(store: Store, clock: Clock) -> None:
    row = store.checkins.check_in(2, at=clock.moment - timedelta(days=2))
    assert row.day == date(2026, 3, 8)
    with pytest.raises(DomainError):
        store.checkins.check_in(3, at=clock.moment + timedelta(hours=1))
    with pytest.raises(DomainError):
        store.checkins.check_in(6)
    assert store.files.counts()["checkin"] == 1


def test_log_rejection_starts_mourning_and_lays_out_the_checklist(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme", role="Data analyst", stage="final")
    period = store.read.mourning_for(rejection)
    assert period.days == 3
    assert period.planned_end - period.started_at == timedelta(days=3)
    with store.db.reading() as session:
        items = session.exec(
            select(ChecklistItem).where(ChecklistItem.rejection_id == rejection)
        ).all()
    items = sorted(items, key=lambda i: i.position)
    assert [i.template_key for i in items] == ["thank_you", "feedback", "contact"]
    assert items[0].due_on == date(2026, 3, 13)  # the day the mourning ends
    assert items[2].due_on == date(2026, 4, 12)
    assert items[1].kind == "decision" and items[1].choices == ["ask", "don't ask"]


def test_mourning_default_follows_stage_and_setting(store: Store) -> None:
    assert store.read.mourning_for(store.rejections.log_rejection("A", stage="applied")).days == 1
    store.settings.set_setting("mourning.applied", "4")
    assert store.read.mourning_for(store.rejections.log_rejection("B", stage="applied")).days == 4
    assert store.read.mourning_for(store.rejections.log_rejection("C", mourn_days=7)).days == 7
    with pytest.raises(DomainError):
        store.rejections.log_rejection("D", mourn_days=15)


def test_mourning_is_dst_safe_in_local_time(store: Store, clock: Clock) -> None:
    # Berlin moves its clocks forward on 2026-03-29 at 02:00.
    clock.moment = datetime(2026, 3, 28, 19, 0, tzinfo=timezone.utc)  # 20:00 local
    period = store.read.mourning_for(store.rejections.log_rejection("Acme", stage="applied"))
    assert period.planned_end.astimezone(BERLIN).hour == 20
    assert period.planned_end - period.started_at == timedelta(hours=23)


def test_extend_and_end_mourning(store: Store, clock: Clock) -> None:
    period = store.read.mourning_for(store.rejections.log_rejection("Acme", stage="screen"))
    first_end = period.planned_end
    store.mourning.extend_mourning(period.period_id)
    longer = store.mourning.extend_mourning(period.period_id)
    assert longer.extensions == 2 and longer.days == 3
    assert longer.planned_end - first_end == timedelta(days=2)
    with pytest.raises(DomainError):
        store.mourning.extend_mourning(period.period_id)
    clock.advance(hours=5)
    ended = store.mourning.end_mourning(period.period_id, "ready")
    assert ended.moved_on_at == clock.moment
    assert store.read.mourning_for(period.rejection_id).close_note == "ready"
    with pytest.raises(DomainError):
        store.mourning.end_mourning(period.period_id)
    with pytest.raises(NotFound):
        store.mourning.extend_mourning("missing")


def test_urges_are_counted(store: Store) -> None:
    period = store.read.mourning_for(store.rejections.log_rejection("Acme"))
    store.mourning.log_urge(period.period_id)
    store.mourning.log_urge(period.period_id, "replayed the interview")
    assert store.files.counts()["urge"] == 2


def test_grading_reschedules_and_drills_do_not(store: Store, clock: Clock) -> None:
    lesson = store.lessons.add_lesson("Research the team", category="research", tags=["prep"])
    (card,) = store.read.due_lessons()
    assert card.lesson_id == lesson and card.due == clock.moment
    graded = store.reviews.grade_lesson(lesson, 3)
    assert graded.due > clock.moment and graded.last_review == clock.moment
    drilled = store.reviews.grade_lesson(lesson, 1, drill=True)
    assert drilled.due == graded.due
    with store.db.reading() as session:
        reviews = session.exec(select(LessonReview)).all()
    assert sorted(r.drill for r in reviews) == [False, True]
    assert any(r.card_before["due"] == card.due.isoformat() for r in reviews)
    assert drilled.reviews == 2
    with pytest.raises(DomainError):
        store.lessons.add_lesson("x", category="astrology")


def test_toggle_item(store: Store, clock: Clock) -> None:
    rejection = store.rejections.log_rejection("Acme")
    with store.db.reading() as session:
        item = session.exec(
            select(ChecklistItem).where(ChecklistItem.rejection_id == rejection)
        ).first()
    assert store.checklist.toggle_item(item.id).done is True
    with store.db.reading() as session:
        assert session.get(ChecklistItem, item.id).done_at == clock.moment
    assert store.checklist.toggle_item(item.id).done is False


def test_resolve_rejection(store: Store, clock: Clock) -> None:
    first = store.rejections.log_rejection("First")
    clock.advance(hours=1)
    second = store.rejections.log_rejection("Second")
    assert store.rejections.resolve_rejection("last") == second
    assert store.rejections.resolve_rejection(first[:8].upper()) == first
    with pytest.raises(DomainError):
        store.rejections.resolve_rejection("ab")
    with pytest.raises(NotFound):
        store.rejections.resolve_rejection("zzzzzzzz")


def test_status_figures(store: Store, clock: Clock) -> None:
    for back in range(14, 0, -1):
        store.checkins.check_in(4, at=clock.moment - timedelta(days=back))
    store.checkins.check_in(2)
    store.checkins.check_in(3)
    store.rejections.log_rejection("Acme", stage="interview")
    store.lessons.add_lesson("Slow down when nervous", category="mindset")
    status = store.read.status()
    assert status.today_mood == 2.5
    assert status.streak == 15
    assert len(status.timers) == 1 and status.timers[0].company == "Acme"
    assert status.open_items == 3
    assert status.lessons_due == 1 and status.lessons_total == 1
    assert status.bounce_back_median is None
    clock.advance(days=3)
    assert store.read.status().timers == ()
    data = store.read.status().as_dict()
    assert data["streak"] == 0 and data["active_timers"] == []


def test_deleting_a_rejection_cascades(store: Store) -> None:
    rejection = store.rejections.log_rejection("Acme")
    with store.db.writing() as session:
        session.delete(session.get(Rejection, rejection))
    with store.db.reading() as session:
        assert session.exec(select(MourningPeriod)).all() == []
        assert session.exec(select(ChecklistItem)).all() == []

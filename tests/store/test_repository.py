"""The Store's use cases against a temp file, with an injected clock and zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.errors import NotFound
from bounce_tui.store.models import ChecklistItem, LessonReview, MourningPeriod
from bounce_tui.store.repository import Store

from .conftest import BERLIN, Clock


def test_check_in_counts_for_the_local_day(store: Store, clock: Clock) -> None:
    clock.moment = datetime(2026, 3, 10, 23, 30, tzinfo=timezone.utc)  # 00:30 in Berlin
    row = store.check_in("4", energy=2, note="  slept badly  ", tags=["Sleep", "sleep", ""])
    assert row.day == date(2026, 3, 11)
    assert row.note == "slept badly"
    assert row.tags == ["sleep"]
    assert row.mood == 4 and row.energy == 2


def test_check_in_for_a_forgotten_day_and_never_the_future(store: Store, clock: Clock) -> None:
    row = store.check_in(2, at=clock.moment - timedelta(days=2))
    assert row.day == date(2026, 3, 8)
    with pytest.raises(DomainError):
        store.check_in(3, at=clock.moment + timedelta(hours=1))
    with pytest.raises(DomainError):
        store.check_in(6)
    assert store.counts()["checkin"] == 1


def test_log_rejection_starts_mourning_and_lays_out_the_checklist(store: Store) -> None:
    rejection = store.log_rejection("Acme", role="Data analyst", stage="final")
    period = store.mourning_for(rejection.id)
    assert period.days == 3
    assert period.planned_end - period.started_at == timedelta(days=3)
    with store.reading() as session:
        items = session.exec(
            select(ChecklistItem).where(ChecklistItem.rejection_id == rejection.id)
        ).all()
    items = sorted(items, key=lambda i: i.position)
    assert [i.template_key for i in items] == ["thank_you", "feedback", "contact"]
    assert items[0].due_on == date(2026, 3, 13)  # the day the mourning ends
    assert items[2].due_on == date(2026, 4, 12)
    assert items[1].kind == "decision" and items[1].choices == ["ask", "don't ask"]


def test_mourning_default_follows_stage_and_setting(store: Store) -> None:
    assert store.mourning_for(store.log_rejection("A", stage="applied").id).days == 1
    store.set_setting("mourning.applied", "4")
    assert store.mourning_for(store.log_rejection("B", stage="applied").id).days == 4
    assert store.mourning_for(store.log_rejection("C", mourn_days=7).id).days == 7
    with pytest.raises(DomainError):
        store.log_rejection("D", mourn_days=15)


def test_mourning_is_dst_safe_in_local_time(store: Store, clock: Clock) -> None:
    # Berlin moves its clocks forward on 2026-03-29 at 02:00.
    clock.moment = datetime(2026, 3, 28, 19, 0, tzinfo=timezone.utc)  # 20:00 local
    period = store.mourning_for(store.log_rejection("Acme", stage="applied").id)
    assert period.planned_end.astimezone(BERLIN).hour == 20
    assert period.planned_end - period.started_at == timedelta(hours=23)


def test_extend_and_end_mourning(store: Store, clock: Clock) -> None:
    period = store.mourning_for(store.log_rejection("Acme", stage="screen").id)
    first_end = period.planned_end
    store.extend_mourning(period.id)
    longer = store.extend_mourning(period.id)
    assert longer.extensions == 2 and longer.days == 3
    assert longer.planned_end - first_end == timedelta(days=2)
    with pytest.raises(DomainError):
        store.extend_mourning(period.id)
    clock.advance(hours=5)
    ended = store.end_mourning(period.id, "ready")
    assert ended.moved_on_at == clock.moment and ended.close_note == "ready"
    with pytest.raises(DomainError):
        store.end_mourning(period.id)
    with pytest.raises(NotFound):
        store.extend_mourning("missing")


def test_urges_are_counted(store: Store) -> None:
    period = store.mourning_for(store.log_rejection("Acme").id)
    store.log_urge(period.id)
    store.log_urge(period.id, "replayed the interview")
    assert store.counts()["urge"] == 2


def test_grading_reschedules_and_drills_do_not(store: Store, clock: Clock) -> None:
    lesson = store.add_lesson("Research the team", category="research", tags=["prep"])
    assert lesson.due == clock.moment
    graded = store.grade_lesson(lesson.id, 3)
    assert graded.due > clock.moment and graded.last_review == clock.moment
    drilled = store.grade_lesson(lesson.id, 1, drill=True)
    assert drilled.due == graded.due
    with store.reading() as session:
        reviews = session.exec(select(LessonReview)).all()
    assert sorted(r.drill for r in reviews) == [False, True]
    assert any(r.card_before["due"] == lesson.due.isoformat() for r in reviews)
    with pytest.raises(DomainError):
        store.add_lesson("x", category="astrology")


def test_toggle_item(store: Store, clock: Clock) -> None:
    rejection = store.log_rejection("Acme")
    with store.reading() as session:
        item = session.exec(
            select(ChecklistItem).where(ChecklistItem.rejection_id == rejection.id)
        ).first()
    assert store.toggle_item(item.id).done_at == clock.moment
    assert store.toggle_item(item.id).done_at is None


def test_resolve_rejection(store: Store, clock: Clock) -> None:
    first = store.log_rejection("First")
    clock.advance(hours=1)
    second = store.log_rejection("Second")
    assert store.resolve_rejection("last") == second.id
    assert store.resolve_rejection(first.id[:8].upper()) == first.id
    with pytest.raises(DomainError):
        store.resolve_rejection("ab")
    with pytest.raises(NotFound):
        store.resolve_rejection("zzzzzzzz")


def test_status_figures(store: Store, clock: Clock) -> None:
    for back in range(14, 0, -1):
        store.check_in(4, at=clock.moment - timedelta(days=back))
    store.check_in(2)
    store.check_in(3)
    store.log_rejection("Acme", stage="interview")
    store.add_lesson("Slow down when nervous", category="mindset")
    status = store.status()
    assert status.today_mood == 2.5
    assert status.streak == 15
    assert len(status.timers) == 1 and status.timers[0].company == "Acme"
    assert status.open_items == 3
    assert status.lessons_due == 1 and status.lessons_total == 1
    assert status.bounce_back_median is None
    clock.advance(days=3)
    assert store.status().timers == ()
    data = store.status().as_dict()
    assert data["streak"] == 0 and data["active_timers"] == []


def test_deleting_a_rejection_cascades(store: Store) -> None:
    rejection = store.log_rejection("Acme")
    with store.writing() as session:
        session.delete(session.get(type(rejection), rejection.id))
    with store.reading() as session:
        assert session.exec(select(MourningPeriod)).all() == []
        assert session.exec(select(ChecklistItem)).all() == []

"""An interview's drill: the same company, confirmed themes, the same stage, then lessons
linked to no rejection; within each, the most failed and most overdue first."""

from __future__ import annotations

from datetime import timedelta

from bounce_tui.store.repository import Store
from tests.conftest import Clock


def test_general_lessons_are_drilled_for_an_interview(store: Store, clock: Clock) -> None:
    for text in ("Breathe before answering", "Ask about the team", "Bring water"):
        store.lessons.add_lesson(text)
    interview = store.interviews.add_interview("Acme", clock.moment + timedelta(hours=20))
    (view,) = store.read.upcoming_interviews()
    assert view.matching_lessons == 3
    assert len(store.read.drill_for_interview(interview)) == 3


def test_the_groups_come_in_order_and_failures_first(store: Store, clock: Clock) -> None:
    acme = store.rejections.log_rejection("Acme", stage="screen")
    globex = store.rejections.log_rejection("Globex", stage="final")
    initech = store.rejections.log_rejection("Initech", stage="screen")
    unlinked = store.lessons.add_lesson("Sleep well")
    clock.advance(minutes=1)
    same_stage = store.lessons.add_lesson("Final round stories", rejection_id=globex)
    theme_a = store.lessons.add_lesson("Prepare stakeholder stories", rejection_id=initech)
    theme_b = store.lessons.add_lesson("Prepare two stakeholder stories", rejection_id=initech)
    store.lessons.join_theme(theme_b, theme_a)
    other = store.lessons.add_lesson("Screen call: smile", rejection_id=initech)
    acme_easy = store.lessons.add_lesson("Research the product", rejection_id=acme)
    acme_hard = store.lessons.add_lesson("Know the pricing", rejection_id=acme)
    store.reviews.grade_lesson(acme_hard, 1)
    interview = store.interviews.add_interview(
        "ACME", clock.moment + timedelta(hours=20), stage="final"
    )
    cards = [c.lesson_id for c in store.read.drill_for_interview(interview)]
    assert cards[:2] == [acme_hard, acme_easy]  # failed once: first
    assert set(cards[2:4]) == {theme_a, theme_b}
    assert cards[4:] == [same_stage, unlinked]
    assert other not in cards  # another company, another stage, no theme
    (view,) = store.read.upcoming_interviews()
    assert view.matching_lessons == 6


def test_a_drill_by_words_uses_the_search(store: Store) -> None:
    from bounce_tui.domain.lessons import DrillFilter

    wanted = store.lessons.add_lesson("Negotiate the salary after the offer", category="fit")
    store.lessons.add_lesson("Salary talk: wait", category="mindset")
    store.lessons.add_lesson("Bring water", category="fit")
    found = store.read.drill_lessons(DrillFilter(words="salary", category="fit"))
    assert [c.lesson_id for c in found] == [wanted]
    assert len(store.read.drill_lessons(DrillFilter(words='"salary"* ('))) == 2

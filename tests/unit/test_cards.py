"""A lesson's card front: the person's own, or a question made from its context."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain import lessons
from bounce_tui.domain.cards import QUESTIONS, card_front, generated_front
from bounce_tui.domain.lessons import CATEGORIES, Grade

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=timezone.utc)


def test_every_category_has_its_own_question() -> None:
    assert set(QUESTIONS) == set(CATEGORIES)
    assert len(set(QUESTIONS.values())) == len(CATEGORIES)


def test_a_generated_front_names_where_the_lesson_came_from() -> None:
    front = generated_front(
        "preparation", company="Northwind", stage="final", day=date(2026, 11, 12)
    )
    assert front == "Northwind · final · 12 Nov — what would you prepare differently?"
    assert generated_front("mindset") == "What would you tell yourself next time?"
    assert (
        generated_front("fit", day=date(2026, 1, 3)) == "3 Jan — what did you learn about the fit?"
    )


def test_the_own_front_wins_over_a_generated_one() -> None:
    assert card_front("  Asked why I want to leave  ", "fit", company="X") == (
        "Asked why I want to leave"
    )
    assert card_front("   ", "fit", company="X").startswith("X — ")


@given(
    prompt=st.text(max_size=60),
    category=st.sampled_from(CATEGORIES),
    company=st.text(max_size=30),
    stage=st.text(max_size=10),
)
def test_the_front_is_the_prompt_or_the_categorys_question(
    prompt: str, category: str, company: str, stage: str
) -> None:
    front = card_front(prompt, category, company=company, stage=stage, day=date(2026, 5, 1))
    if prompt.strip():
        assert front == prompt.strip()
    else:
        assert front.endswith(QUESTIONS[category]) or front == (
            QUESTIONS[category][:1].upper() + QUESTIONS[category][1:]
        )
        assert "1 May" in front


def test_preview_gives_later_dates_for_better_grades() -> None:
    card = lessons.new_card(NOW)
    due = lessons.preview(card, NOW)
    assert set(due) == set(Grade)
    assert NOW < due[Grade.AGAIN] <= due[Grade.HARD] <= due[Grade.GOOD] <= due[Grade.EASY]
    # Previewing saves nothing: grading afterwards gives the same date.
    assert lessons.grade(card, Grade.GOOD, NOW).due == due[Grade.GOOD]
    assert due[Grade.AGAIN] - NOW <= timedelta(days=1)

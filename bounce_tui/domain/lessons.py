"""Lessons: categories, FSRS review scheduling, drill filters (repeats: `repeats.py`).

``fsrs`` is imported lazily, inside the functions that schedule, so importing
this module stays cheap for the CLI.
"""

from __future__ import annotations

import math
from datetime import datetime
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from bounce_tui.domain.dates import to_utc
from bounce_tui.domain.errors import DomainError

if TYPE_CHECKING:  # pragma: no cover
    import fsrs

__all__ = [
    "CATEGORIES",
    "validate_category",
    "Grade",
    "parse_grade",
    "CardState",
    "check_card",
    "card_from_dict",
    "new_card",
    "grade",
    "is_due",
    "preview",
    "LessonFacts",
    "DrillFilter",
    "matches",
]

#: The most cards one review round or drill holds.
ROUND_LIMIT = 500

CATEGORIES = (
    "resume",
    "preparation",
    "task",
    "interview",
    "research",
    "fit",
    "logistics",
    "mindset",
)


def validate_category(c: str) -> str:
    """Return the lesson category, lowercased; DomainError unless it is one of CATEGORIES."""
    if isinstance(c, str) and c.strip().lower() in CATEGORIES:
        return c.strip().lower()
    raise DomainError(f"category must be one of: {', '.join(CATEGORIES)}")


class Grade(IntEnum):
    """How well a lesson was remembered at review (FSRS ratings)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def parse_grade(value: Any) -> Grade:
    """Return a Grade from a Grade, an int or digit string 1-4, or a name ("good")."""
    message = "grade must be 1-4 or one of: again, hard, good, easy"
    if isinstance(value, bool):
        raise DomainError(message)
    if isinstance(value, int):
        if 1 <= value <= 4:
            return Grade(value)
        raise DomainError(message)
    if isinstance(value, str):
        word = value.strip()
        if word in ("1", "2", "3", "4"):
            return Grade(int(word))
        if word.upper() in Grade.__members__:
            return Grade[word.upper()]
    raise DomainError(message)


class CardState(NamedTuple):
    """A lesson's review schedule; the fields mean what they mean on ``fsrs.Card``.

    ``state`` is 1 learning, 2 review, 3 relearning; ``step`` is None in review.
    """

    due: datetime
    stability: float | None = None
    difficulty: float | None = None
    state: int = 1
    step: int | None = 0
    last_review: datetime | None = None


#: FSRS keeps stability (days) at or above this; far above it is no real card.
STABILITY_RANGE = (0.001, 1_000_000.0)
#: FSRS keeps difficulty within this range.
DIFFICULTY_RANGE = (1.0, 10.0)
MAX_STEP = 100


def _finite_in(value: object, bounds: tuple[float, float], field: str) -> None:
    low, high = bounds
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        raise DomainError(f"{field} must be a number from {low:g} to {high:g}")


def check_card(card: CardState) -> CardState:
    """Return ``card`` when FSRS can grade it; DomainError naming the first bad field.

    The state is 1, 2 or 3; the step None or a small whole number; stability and
    difficulty finite and in FSRS's ranges, and present once the card has left
    learning (a review card without them cannot be graded).
    """
    if isinstance(card.state, bool) or card.state not in (1, 2, 3):
        raise DomainError("card_state must be 1 (learning), 2 (review) or 3 (relearning)")
    if card.step is not None and (
        isinstance(card.step, bool)
        or not isinstance(card.step, int)
        or not 0 <= card.step <= MAX_STEP
    ):
        raise DomainError(f"card_step must be empty or a whole number from 0 to {MAX_STEP}")
    for value, bounds, field in (
        (card.stability, STABILITY_RANGE, "stability"),
        (card.difficulty, DIFFICULTY_RANGE, "difficulty"),
    ):
        if value is None:
            if card.state != 1:
                raise DomainError(f"{field} is missing on a card in review")
        else:
            _finite_in(value, bounds, field)
    if (card.stability is None) != (card.difficulty is None):
        raise DomainError("stability and difficulty must be given together")
    return card


def card_from_dict(values: object) -> CardState:
    """A card as kept with each grade (for undo), checked like :func:`check_card`."""
    if not isinstance(values, dict):
        raise DomainError("card_before must be an object")
    unknown = set(values) - {"due", "stability", "difficulty", "state", "step", "last_review"}
    if unknown:
        raise DomainError(f"card_before has unknown fields: {', '.join(sorted(map(str, unknown)))}")
    due = _aware(values.get("due"), "card_before due", required=True)
    assert due is not None
    card = CardState(
        due=due,
        stability=values.get("stability"),
        difficulty=values.get("difficulty"),
        state=values.get("state", 1),
        step=values.get("step"),
        last_review=_aware(values.get("last_review"), "card_before last_review", required=False),
    )
    return check_card(card)


def _aware(value: object, field: str, *, required: bool) -> datetime | None:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise DomainError(f"{field} must be a date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise DomainError(f"{field} must be a date and time") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DomainError(f"{field} has no time zone")
    return moment


def new_card(now: datetime) -> CardState:
    """Return the schedule of a new lesson: due right away."""
    return CardState(due=to_utc(now))


@lru_cache(maxsize=1)
def _scheduler() -> fsrs.Scheduler:
    import fsrs

    # Days-based: no intra-day learning steps, and no random fuzz so tests are exact.
    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def _to_fsrs(card: CardState) -> fsrs.Card:
    import fsrs

    return fsrs.Card(
        card_id=0,  # passing an id keeps fsrs from reading the clock
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=to_utc(card.due),
        last_review=None if card.last_review is None else to_utc(card.last_review),
    )


def _from_fsrs(card: fsrs.Card) -> CardState:
    return CardState(
        due=card.due,
        stability=card.stability,
        difficulty=card.difficulty,
        state=int(card.state),
        step=card.step,
        last_review=card.last_review,
    )


def grade(card: CardState, g: Grade, now: datetime) -> CardState:
    """Return the schedule after reviewing ``card`` at ``now`` with grade ``g`` (FSRS)."""
    import fsrs

    if card.state not in (1, 2, 3):
        raise DomainError("the card's review state must be 1, 2 or 3")
    reviewed, _log = _scheduler().review_card(
        _to_fsrs(card), fsrs.Rating(int(parse_grade(g))), review_datetime=to_utc(now)
    )
    return _from_fsrs(reviewed)


def replay(start: CardState, grades: list[tuple[datetime, int]]) -> CardState:
    """The card after every grade (moment, grade), in order, from `start`.

    What grading it one grade at a time gave; grades from several devices merge
    this way. A grade before the card's last review counts at that review's
    moment; one that cannot apply (a damaged value) is passed over.
    """
    card = start
    for moment, given in grades:
        if card.last_review is not None and moment < card.last_review:
            moment = card.last_review
        try:
            card = grade(card, parse_grade(given), moment)
        except DomainError:
            continue
    return card


def preview(card: CardState, now: datetime) -> dict[Grade, datetime]:
    """When the card would be due again after each grade at ``now`` (nothing is saved)."""
    return {g: grade(card, g, now).due for g in Grade}


def is_due(card: CardState, now: datetime) -> bool:
    """Return True when the lesson is due for review at ``now``."""
    return card.due <= now


class LessonFacts(NamedTuple):
    """What drill filters need to know about a lesson."""

    text: str
    category: str
    tags: tuple[str, ...] = ()
    company: str | None = None
    stage: str | None = None


def _given(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


class DrillFilter(NamedTuple):
    """Which lessons a drill reviews; a field left None (or blank) matches everything."""

    company: str | None = None
    stage: str | None = None
    category: str | None = None
    tag: str | None = None
    #: Free text: every word must appear in the lesson (searched in the index).
    words: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when no field is given, so every lesson matches."""
        return not any(
            _given(v) for v in (self.company, self.stage, self.category, self.tag, self.words)
        )


def matches(f: DrillFilter, lesson: LessonFacts) -> bool:
    """Return True when every given field of ``f`` matches ``lesson`` (case-insensitive)."""
    if _given(f.company) and not _same(f.company, lesson.company):
        return False
    if _given(f.stage) and not _same(f.stage, lesson.stage):
        return False
    if _given(f.category) and not _same(f.category, lesson.category):
        return False
    return not (_given(f.tag) and not any(_same(f.tag, tag) for tag in lesson.tags))

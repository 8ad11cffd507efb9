"""Plain records the store hands to the faces: what the main screen shows.

They are named tuples of plain values (no SQL, no Textual), so widgets can be
built and tested from them directly. Named tuples rather than frozen dataclasses:
they are as immutable, and defining them costs a tenth of the time at start-up,
when this module is among the first imported. A changed copy is
`view._replace(...)`. The module evaluates its annotations (there is no `from
__future__ import annotations`): a named tuple checks the type of each field, and
a type written as text is compiled first, which cost more than the classes.
"""

from datetime import date, datetime
from typing import NamedTuple

from bounce_tui.domain import mourning
from bounce_tui.domain.settings import WELCOME_CLOSED_KEY


class TimerView(NamedTuple):
    """A mourning period with the rejection it belongs to."""

    period_id: str
    rejection_id: str | None
    company: str
    role: str
    stage: str
    started_at: datetime
    planned_end: datetime
    days: int
    extensions: int = 0
    moved_on_at: datetime | None = None
    close_note: str = ""
    urges: int = 0

    @property
    def mourning(self) -> mourning.Mourning:
        """The domain value the timer rules work on."""
        return mourning.Mourning(
            started_at=self.started_at,
            planned_end=self.planned_end,
            days=self.days,
            extensions=self.extensions,
            moved_on_at=self.moved_on_at,
        )


class LessonView(NamedTuple):
    """A lesson as the log lists it."""

    lesson_id: str
    text: str
    category: str
    tags: tuple[str, ...]
    created_at: datetime
    due: datetime
    rejection_id: str | None = None
    company: str = ""
    recurring: bool = False
    prompt: str = ""
    theme_id: str | None = None
    #: How many lessons share its confirmed theme (0: not in a theme).
    theme_size: int = 0
    #: The stored version (`updated_at`): an edit form sends it back, so a save on a row
    #: another window changed meanwhile is caught instead of overwriting it.
    updated_at: datetime | None = None


class SimilarLesson(NamedTuple):
    """An earlier lesson that reads like one being written: offered, never assumed.

    `when` is the day its rejection arrived, else the day it was written.
    """

    lesson_id: str
    prompt: str
    text: str
    company: str
    when: datetime
    theme_id: str | None = None
    score: float = 0.0


class ReviewCard(NamedTuple):
    """A lesson as the review screen shows it: front (short) and back (the rest)."""

    lesson_id: str
    text: str
    category: str
    tags: tuple[str, ...]
    due: datetime
    last_review: datetime | None = None
    reviews: int = 0
    rejection_id: str | None = None
    company: str = ""
    role: str = ""
    stage: str = ""
    rejection_received_at: datetime | None = None
    recurring: bool = False
    prompt: str = ""
    created_at: datetime | None = None
    stability: float | None = None
    difficulty: float | None = None
    state: int = 1
    step: int | None = 0

    @property
    def has_own_front(self) -> bool:
        """True when the person wrote the front; False when it is made from the context."""
        return bool(self.prompt.strip())

    @property
    def front(self) -> str:
        """The question side: the lesson's own prompt, else one made from its context."""
        from bounce_tui.domain.cards import card_front

        when = self.rejection_received_at or self.created_at
        return card_front(
            self.prompt,
            self.category,
            company=self.company,
            stage=self.stage,
            day=when.astimezone().date() if when is not None else None,
        )


class InterviewView(NamedTuple):
    """An upcoming interview and how many lessons match it."""

    interview_id: str
    company: str
    role: str
    stage: str
    at: datetime
    matching_lessons: int = 0


class ItemView(NamedTuple):
    """A regroup checklist item; `rejection_id` None means hunt-wide."""

    item_id: str
    rejection_id: str | None
    title: str
    why: str = ""
    kind: str = "task"
    position: int = 0
    done: bool = False
    due_on: date | None = None
    choice: str = ""
    views: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    #: A short message to copy (a thank-you, a follow-up); empty for most items.
    reply: str = ""
    #: The stored version (`updated_at`): an edit form sends it back, so a save on a row
    #: another window changed meanwhile is caught instead of overwriting it.
    updated_at: datetime | None = None


class RejectionView(NamedTuple):
    """A rejection with its details, for the detail screen and forms."""

    rejection_id: str
    company: str
    role: str
    stage: str
    received_at: datetime
    channel: str = "email"
    contact: str = ""
    notes: str = ""
    #: The stored version (`updated_at`): an edit form sends it back, so a save on a row
    #: another window changed meanwhile is caught instead of overwriting it.
    updated_at: datetime | None = None


class TodayView(NamedTuple):
    """Today's check-ins (mood, note), the streak, and what is due."""

    day: date
    moods: tuple[int, ...] = ()
    last_note: str = ""
    streak: int = 0
    lessons_due: int = 0

    @property
    def mood(self) -> float | None:
        """The day's mood: the mean of its check-ins."""
        return sum(self.moods) / len(self.moods) if self.moods else None


class MainSnapshot(NamedTuple):
    """Everything the main screen shows, read in one transaction."""

    today: TodayView
    timers: tuple[TimerView, ...] = ()
    lessons: tuple[LessonView, ...] = ()
    items: tuple[ItemView, ...] = ()
    rejections: tuple[RejectionView, ...] = ()
    settings: dict[str, str] = {}  # noqa: RUF012 - never changed: a snapshot is read-only
    interviews: tuple[InterviewView, ...] = ()
    lessons_total: int = 0
    gentle_prompt: bool = False
    #: Whether anything was ever logged: a rejection, lesson, item, check-in, skipped day
    #: or interview (the lists above hold only what the main screen shows).
    has_entries: bool = True

    @property
    def welcome_due(self) -> bool:
        """A first run: nothing logged yet and the welcome was never closed."""
        return not self.has_entries and WELCOME_CLOSED_KEY not in self.settings

    @property
    def is_empty(self) -> bool:
        """A first-time user: nothing logged yet."""
        return not (self.timers or self.lessons or self.items or self.today.moods)

    def items_for(self, rejection_id: str | None) -> tuple[ItemView, ...]:
        """The checklist of one rejection followed by the hunt-wide items."""
        own = [i for i in self.items if rejection_id is not None and i.rejection_id == rejection_id]
        hunt = [i for i in self.items if i.rejection_id is None]
        return tuple(sorted(own, key=lambda i: i.position) + sorted(hunt, key=lambda i: i.position))


class CheckInView(NamedTuple):
    """A saved check-in: its mood and the local day it counts for."""

    checkin_id: str
    mood: int
    day: date
    at: datetime
    energy: int | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    #: The stored version (`updated_at`): an edit form sends it back, so a save on a row
    #: another window changed meanwhile is caught instead of overwriting it.
    updated_at: datetime | None = None

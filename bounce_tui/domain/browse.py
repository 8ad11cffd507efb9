"""The lessons browser and a lesson's own page, as plain values.

`BrowseQuery` is what the browser asks for (a filter in the `/` query language,
a sort column and direction, a page); the store answers with a `BrowsePage` of
`BrowseRow`s. `LessonDetail` is everything the lesson screen shows about one
lesson. No SQL and no Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from enum import Enum

from bounce_tui.domain.cards import card_front
from bounce_tui.domain.dates import local_day
from bounce_tui.domain.lesson_query import LessonFilter
from bounce_tui.domain.snapshot import LessonView, ReviewCard

__all__ = [
    "Sort",
    "SORT_ORDER",
    "BrowseQuery",
    "BrowseRow",
    "BrowsePage",
    "ReviewEntry",
    "LessonDetail",
    "GRADE_NAMES",
    "PAGE_SIZE",
]

#: Lessons on one page of the browser.
PAGE_SIZE = 100

#: A grade's word, as the review screen names it.
GRADE_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


class Sort(str, Enum):
    """A column the browser can sort by."""

    FRONT = "front"
    BACK = "back"
    CATEGORY = "category"
    COMPANY = "company"
    DUE = "due"
    REVIEWS = "reviews"
    LAST_GRADE = "last grade"
    ADDED = "added"


#: The order `s` steps through the sort columns.
SORT_ORDER: tuple[Sort, ...] = (
    Sort.DUE,
    Sort.ADDED,
    Sort.FRONT,
    Sort.BACK,
    Sort.CATEGORY,
    Sort.COMPANY,
    Sort.REVIEWS,
    Sort.LAST_GRADE,
)


#: Where a page starts: after or before a row's sort key, at the end, or at an offset.
Key = tuple[object, ...]


@dataclass(frozen=True)
class BrowseQuery:
    """One page of lessons: those matching `filter`, sorted, starting where it says.

    Pages are found by their neighbour's sort key (`after` the last row of the
    page before, `before` the first row of the page after, `at` a row included),
    so the database never counts its way through skipped rows; `from_end` asks
    for the last page. `offset` is the
    row number the page starts at, kept for "101–200 of 5,000".
    """

    filter: LessonFilter = LessonFilter()
    sort: Sort = Sort.DUE
    descending: bool = False
    offset: int = 0
    limit: int = PAGE_SIZE
    after: Key | None = None
    before: Key | None = None
    at: Key | None = None
    from_end: bool = False

    def first_page(self) -> BrowseQuery:
        """The first page of the same filter and order."""
        return replace(self, offset=0, after=None, before=None, at=None, from_end=False)

    def next_sort(self) -> BrowseQuery:
        """The next sort column (from the first page, ascending)."""
        index = (SORT_ORDER.index(self.sort) + 1) % len(SORT_ORDER)
        return replace(self.first_page(), sort=SORT_ORDER[index], descending=False)

    def flipped(self) -> BrowseQuery:
        """The same column the other way round (from the first page)."""
        return replace(self.first_page(), descending=not self.descending)

    def sorted_by(self, sort: Sort) -> BrowseQuery:
        """Sort by `sort`; asking again for the column sorted now flips its direction."""
        if sort == self.sort:
            return self.flipped()
        return replace(self.first_page(), sort=sort, descending=False)

    def filtered(self, query: LessonFilter) -> BrowseQuery:
        """A new filter, from the first page."""
        return replace(self.first_page(), filter=query)

    def last_page(self) -> BrowseQuery:
        """The last page of the same filter and order."""
        return replace(self.first_page(), from_end=True)


def _front(
    prompt: str,
    category: str,
    company: str,
    stage: str,
    when: datetime | None,
    tz: tzinfo | None,
) -> str:
    day: date | None = local_day(when, tz) if when is not None else None
    return card_front(prompt, category, company=company, stage=stage, day=day)


@dataclass(frozen=True)
class BrowseRow:
    """One lesson as the browser lists it."""

    lesson_id: str
    prompt: str
    text: str
    category: str
    company: str
    stage: str
    created_at: datetime
    due: datetime
    reviews: int = 0
    last_grade: int | None = None
    theme_id: str | None = None
    rejection_received_at: datetime | None = None

    @property
    def generated(self) -> bool:
        """True when the lesson has no front of its own (one is made from its context)."""
        return not self.prompt.strip()

    def front(self, tz: tzinfo | None = None) -> str:
        """The front: the lesson's own, else the question made from its context."""
        when = self.rejection_received_at or self.created_at
        return _front(self.prompt, self.category, self.company, self.stage, when, tz)


@dataclass(frozen=True)
class BrowsePage:
    """The rows of one page, how many lessons match in all, and where its neighbours start.

    `offset` is the number of rows before this page (for "101–200 of 5,000");
    `first_key` and `last_key` are the sort keys of its first and last rows.
    """

    query: BrowseQuery
    rows: tuple[BrowseRow, ...]
    total: int
    offset: int = 0
    first_key: Key | None = None
    last_key: Key | None = None
    more_after: bool = False

    @property
    def first(self) -> int:
        """The 1-based number of the page's first row (0 when empty)."""
        return self.offset + 1 if self.rows else 0

    @property
    def last(self) -> int:
        """The 1-based number of the page's last row."""
        return self.offset + len(self.rows)

    @property
    def has_next(self) -> bool:
        """More matching lessons after this page."""
        return self.more_after

    @property
    def has_previous(self) -> bool:
        """Matching lessons before this page."""
        return self.offset > 0 and bool(self.rows)

    def next_page(self) -> BrowseQuery:
        """The page after this one."""
        return replace(
            self.query.first_page(), after=self.last_key, offset=self.offset + len(self.rows)
        )

    def previous_page(self) -> BrowseQuery:
        """The page before this one."""
        offset = max(self.offset - self.query.limit, 0)
        return replace(self.query.first_page(), before=self.first_key, offset=offset)

    def again(self) -> BrowseQuery:
        """This page read again (after a change): from its first row on."""
        if not self.rows or self.offset == 0:
            return self.query.first_page()
        return replace(self.query.first_page(), at=self.first_key, offset=self.offset)


@dataclass(frozen=True)
class ReviewEntry:
    """One grade given to a lesson."""

    grade: int
    reviewed_at: datetime
    drill: bool = False

    @property
    def name(self) -> str:
        """The grade's word: again, hard, good, easy."""
        return GRADE_NAMES.get(self.grade, str(self.grade))


@dataclass(frozen=True)
class LessonDetail:
    """Everything the lesson screen shows about one lesson."""

    lesson: LessonView
    card: ReviewCard
    role: str = ""
    stage: str = ""
    rejection_received_at: datetime | None = None
    #: Every grade, the newest first.
    reviews: tuple[ReviewEntry, ...] = ()
    #: How many lessons share its recurring theme (itself included; 0 without a theme).
    theme_size: int = 0

    @property
    def generated(self) -> bool:
        """True when the front is made from the lesson's context."""
        return not self.lesson.prompt.strip()

    def front(self, tz: tzinfo | None = None) -> str:
        """The front as a review shows it."""
        when = self.rejection_received_at or self.lesson.created_at
        lesson = self.lesson
        return _front(lesson.prompt, lesson.category, lesson.company, self.stage, when, tz)

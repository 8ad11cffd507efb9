"""Derived progress figures; the headline one is bounce-back time (`domain/bounce_back.py`).

Pure functions on plain values (dates, floats, small frozen dataclasses): no SQL,
no Textual. The store gathers the inputs (one query per figure) and calls
:func:`build_report`; the progress screen only draws the :class:`ProgressReport`.
The bounce-back rule and its two baselines live in `bounce_back`, the recent
direction of the mood in `trend`; their names are re-exported here.

Edge cases, decided once here:

- Days come from each check-in's stored local ``day`` (fixed when it was made, in
  the zone of that moment); nothing here recomputes a day from a timestamp, so a
  change of time zone between check-ins never moves a mood to another day.
- Several check-ins on one day count once, as their mean (``checkins.day_moods``).
- No data: the series is all None, the streak 0, every bounce-back "undefined",
  the median None (shown "—" with what is missing), means None, the calendar empty.
- One check-in: one point, a streak of 1 (if today or yesterday), no baseline.
- Gaps (even of months) stay gaps: a day without a check-in is None, never
  interpolated; a skipped day is "skipped" in the calendar and keeps the streak.
- Ranges longer than :data:`FULL_RANGE_MAX_DAYS` (90 and 365 days) start at the
  first check-in when that is later than the range's first day: nothing is drawn
  before there is data.
- Bounce-back is "undefined" without a baseline (neither 3 days in the two weeks
  before, nor 7 days outside mourning) and "not yet" while the mood has not come
  back: never a number until the definition is met.
- A mourning period still running has no actual length (None), and is left out
  of the planned-vs-actual means so that they compare like with like.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from bounce_tui.domain import checkins, mourning
from bounce_tui.domain.bounce_back import (
    BASELINE_DAYS,
    BASELINE_MIN_DAYS,
    TOLERANCE,
    BounceBack,
    MedianSummary,
    RejectionBounce,
    RejectionFact,
    bounce_back,
    bounce_backs,
    median_bounce_back,
    summarise,
)
from bounce_tui.domain.gentle_prompt import (
    GENTLE_PROMPT,
    PROMPT_LOOKBACK_DAYS,
    PROMPT_RUN_DAYS,
    gentle_prompt_due,
)
from bounce_tui.domain.tag_moods import TagMoods, tag_moods
from bounce_tui.domain.trend import Trend, mood_trend

# fmt: off
__all__ = [
    "BASELINE_DAYS", "BASELINE_MIN_DAYS", "TOLERANCE", "WINDOWS", "WEEK_DAYS", "PROMPT_RUN_DAYS",
    "PROMPT_LOOKBACK_DAYS", "GENTLE_PROMPT", "SKIPPED", "BounceBack", "bounce_back",
    "median_bounce_back", "MoodSeries", "mood_series", "RejectionFact", "RejectionBounce",
    "bounce_backs", "PeriodFact", "actual_days", "mean_planned_days", "mean_actual_days",
    "mean_urges", "Completion", "overall_completion", "reviews_this_week", "Pixel", "PixelGrid",
    "mood_level", "year_in_pixels", "gentle_prompt_due", "ProgressReport", "build_report",
    "FULL_RANGE_MAX_DAYS", "MedianSummary", "Trend", "TagMoods", "window_start",
]
# fmt: on

#: The chart's ranges in days (keys 1, 2, 3 on the progress screen).
WINDOWS = (30, 90, 365)
#: Ranges up to this many days always show their every day; longer ones start at the
#: first check-in when it is later (nothing drawn before any data).
FULL_RANGE_MAX_DAYS = 31
#: "This week" is today and the six local days before it.
WEEK_DAYS = 7
_ONE_DAY = timedelta(days=1)


# -- the mood series ----------------------------------------------------------------------


@dataclass(frozen=True)
class MoodSeries:
    """One point per day from ``start`` to ``end``: the day's mood, or None (no check-in)."""

    start: date
    end: date
    points: tuple[float | None, ...]

    def day(self, index: int) -> date:
        """The day of point ``index``."""
        return self.start + index * _ONE_DAY

    @property
    def has_data(self) -> bool:
        """True when at least one day of the window has a check-in."""
        return any(point is not None for point in self.points)


def window_start(today: date, window: int) -> date:
    """The first day of the ``window`` days ending ``today``."""
    return today - (window - 1) * _ONE_DAY


def mood_series(
    moods: Mapping[date, float], today: date, window: int, *, from_first: bool | None = None
) -> MoodSeries:
    """The daily moods of the ``window`` days ending ``today``.

    With ``from_first`` (the default for ranges longer than
    :data:`FULL_RANGE_MAX_DAYS`) the series starts at the first check-in when that
    comes later than the range's first day, so it has fewer points; otherwise it
    has exactly ``window`` points.
    """
    if window < 1:
        raise ValueError("window must be at least one day")
    start = today - (window - 1) * _ONE_DAY
    if from_first is None:
        from_first = window > FULL_RANGE_MAX_DAYS
    if from_first:
        first = min((day for day in moods if start <= day <= today), default=None)
        if first is not None:
            start = first
    count = (today - start).days + 1
    points = tuple(moods.get(start + i * _ONE_DAY) for i in range(count))
    return MoodSeries(start, today, points)


# -- mourning periods, urges, checklist, reviews ---------------------------------------------


@dataclass(frozen=True)
class PeriodFact:
    """A mourning period: planned days vs actual days (None while it runs) and its urges.

    ``start_day`` and ``end_day`` are local days (``end_day``: when it ends or ended).
    """

    period_id: str
    rejection_id: str | None
    company: str
    start_day: date
    end_day: date
    planned_days: int
    actual_days: float | None = None
    urges: int = 0

    @property
    def running(self) -> bool:
        """Still running: no actual length yet."""
        return self.actual_days is None


def actual_days(period: mourning.Mourning, now: datetime) -> float | None:
    """How long a period really lasted (ended_at - started_at, in days); None while running."""
    if mourning.phase(period, now) is mourning.Phase.RUNNING:
        return None
    return (mourning.ended_at(period) - period.started_at) / timedelta(days=1)


def _mean_or_none(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def mean_planned_days(periods: Iterable[PeriodFact]) -> float | None:
    """Mean planned length of the periods that have ended (None: none has)."""
    return _mean_or_none([float(p.planned_days) for p in periods if not p.running])


def mean_actual_days(periods: Iterable[PeriodFact]) -> float | None:
    """Mean actual length (ended_at - started_at, in days) of the periods that have ended."""
    return _mean_or_none([p.actual_days for p in periods if p.actual_days is not None])


def mean_urges(periods: Iterable[PeriodFact]) -> float | None:
    """Mean urges per mourning period, running ones included (None: no periods)."""
    return _mean_or_none([float(p.urges) for p in periods])


@dataclass(frozen=True)
class Completion:
    """Checklist items done out of total, for one rejection (None: the whole hunt)."""

    rejection_id: str | None
    company: str
    done: int
    total: int

    @property
    def fraction(self) -> float | None:
        """done / total, or None for an empty checklist."""
        return self.done / self.total if self.total else None


def overall_completion(parts: Iterable[Completion]) -> Completion:
    """All checklists together."""
    items = list(parts)
    return Completion(None, "all", sum(c.done for c in items), sum(c.total for c in items))


def reviews_this_week(review_days: Iterable[date], today: date) -> int:
    """How many reviews fall on today or the six local days before (future ones ignored)."""
    first = today - (WEEK_DAYS - 1) * _ONE_DAY
    return sum(1 for day in review_days if first <= day <= today)


# -- year in pixels --------------------------------------------------------------------------

SKIPPED: Literal["skipped"] = "skipped"
#: A calendar cell: the day's mean mood, None (no check-in) or "skipped".
Pixel = float | Literal["skipped"] | None


def mood_level(mood: float) -> int:
    """The whole mood 1-5 a (mean) mood rounds to, half up (as ``checkins.mood_label``)."""
    label = checkins.mood_label(mood)
    return next(level for level, name in checkins.MOOD_LABELS.items() if name == label)


@dataclass(frozen=True)
class PixelGrid:
    """One cell per day from ``start`` to ``end``; days after ``today`` are the future."""

    start: date
    end: date
    today: date
    cells: tuple[Pixel, ...]

    def pixel(self, day: date) -> Pixel:
        """The cell of ``day`` (None outside the grid)."""
        index = (day - self.start).days
        return self.cells[index] if 0 <= index < len(self.cells) else None


def year_in_pixels(
    moods: Mapping[date, float],
    skipped: Iterable[date],
    today: date,
    year: int | None = None,
) -> PixelGrid:
    """The last 365 days ending ``today``, or the calendar ``year``, as day -> Pixel.

    A day with a check-in shows its mood even if it was also marked skipped;
    future days are None.
    """
    if year is None:
        start, end = today - 364 * _ONE_DAY, today
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
    skip = set(skipped)
    cells: list[Pixel] = []
    for offset in range((end - start).days + 1):
        day = start + offset * _ONE_DAY
        if day > today:
            cells.append(None)
        elif day in moods:
            cells.append(moods[day])
        else:
            cells.append(SKIPPED if day in skip else None)
    return PixelGrid(start, end, today, tuple(cells))


# -- the gentle prompt ------------------------------------------------------------------------


# -- the whole report --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressReport:
    """Everything the progress screen shows, as plain values.

    ``moods`` holds every day's mood (the whole history: bounce-back needs it);
    ``series`` is the chart for ``window_days``; :meth:`series_for` gives another range.
    """

    today: date
    window_days: int
    moods: Mapping[date, float]
    skipped: frozenset[date]
    series: MoodSeries
    streak: int
    bounce_backs: tuple[RejectionBounce, ...]
    median_bounce_back: float | None
    periods: tuple[PeriodFact, ...]
    checklists: tuple[Completion, ...]
    reviews_this_week: int
    pixels: PixelGrid
    gentle_prompt: bool = False
    trend: Trend | None = None
    median: MedianSummary | None = None
    #: Tags and your days, per chart range (:data:`WINDOWS`); see `domain/tag_moods.py`.
    tags: Mapping[int, TagMoods] | None = None

    def tags_for(self, window: int) -> TagMoods:
        """The tags of the ``window`` days ending today (the chart's range)."""
        if self.tags is not None and window in self.tags:
            return self.tags[window]
        return TagMoods((), 0)

    def series_for(self, window: int) -> MoodSeries:
        """The mood series of the ``window`` days ending today."""
        if window == self.window_days:
            return self.series
        return mood_series(self.moods, self.today, window)

    @property
    def is_empty(self) -> bool:
        """Nothing to show yet: no check-in, skipped day, rejection or period."""
        return not (self.moods or self.skipped or self.bounce_backs or self.periods)

    @property
    def checklist(self) -> Completion:
        """All checklist items together."""
        return overall_completion(self.checklists)


def build_report(
    *,
    today: date,
    window_days: int,
    moods: Mapping[date, float],
    skipped: Iterable[date] = (),
    rejections: Iterable[RejectionFact] = (),
    periods: Iterable[PeriodFact] = (),
    checklists: Iterable[Completion] = (),
    review_days: Iterable[date] = (),
    dismissed_until: date | None = None,
    day_tags: Mapping[date, Iterable[str]] | None = None,
) -> ProgressReport:
    """Compute every figure from the plain inputs the store gathered.

    ``day_tags`` (the tags of each day's check-ins) needs to reach back only
    ``max(WINDOWS)`` days: the tag figures follow the chart's ranges.
    """
    skip = frozenset(skipped)
    spans = tuple(sorted(periods, key=lambda p: (p.start_day, p.period_id)))
    backs = bounce_backs(moods, rejections, today, [(p.start_day, p.end_day) for p in spans])
    summary = summarise(b.result for b in backs)
    return ProgressReport(
        today=today,
        window_days=window_days,
        moods=dict(sorted(moods.items())),
        skipped=skip,
        series=mood_series(moods, today, window_days),
        streak=checkins.streak(moods.keys(), skip, today),
        bounce_backs=backs,
        median_bounce_back=summary.median,
        periods=spans,
        checklists=tuple(checklists),
        reviews_this_week=reviews_this_week(review_days, today),
        pixels=year_in_pixels(moods, skip, today),
        gentle_prompt=gentle_prompt_due(
            moods, (p.end_day for p in spans if not p.running), today, dismissed_until
        ),
        trend=mood_trend(moods, today),
        median=summary,
        tags={
            window: tag_moods(moods, day_tags or {}, first=window_start(today, window), last=today)
            for window in WINDOWS
        },
    )

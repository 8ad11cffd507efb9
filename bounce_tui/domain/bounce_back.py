"""Bounce-back time: how many days after a rejection the mood came back.

Pure functions on plain values (dates, floats, small frozen dataclasses): no SQL,
no Textual. ``moods`` always maps a local day to that day's mood (the mean of its
check-ins, 1 awful … 5 great).

**Back to what?** Each rejection is measured against one of two baselines:

- ``"before"`` — *the two weeks before*: the mean daily mood over R-14 .. R-1,
  when at least 3 of those days have check-ins. This is the first choice: it is
  the person's level just before this rejection.
- ``"usual"`` — *your usual*: the median daily mood over every day up to today
  that has a check-in and lies outside every mourning period (a period covers
  its start day to its end day, both included; a running one up to its planned
  end), once there are at least 7 such days. It is the fallback for someone who
  had no check-ins before the rejection — typically a person who installs bounce
  on the day of their first rejection. Mourning days are left out because they
  are the very dip being measured; the median, not the mean, so that a few
  unusually bad or good days do not move it; 7 days so that it rests on about a
  week of ordinary life rather than one or two moods. It is the same value for
  every rejection, and it settles as more ordinary days come in, so a figure
  measured against it can still move by a day or so in the first weeks.

With a baseline B, the person is back on the first day D with R < D <= today
where the mean of D-2, D-1 and D (at least 2 of them with check-ins) is at least
B - 0.25; the figure is D - R days. Until then it is "not yet". Without either
baseline it is "undefined", shown "—" with what is missing
(:attr:`BounceBack.needs`: the check-ins outside mourning still needed).

**The median across rejections** counts every figure, whichever baseline it
used: both answer "how long until I felt like myself again". Rejections that
are "not yet" or "undefined" have no figure and are left out of the median; the
faces say how many were left out and why, so a median of one small later
rejection never passes for the whole story.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

# fmt: off
__all__ = [
    "BASELINE_DAYS", "BASELINE_MIN_DAYS", "USUAL_MIN_DAYS", "TOLERANCE", "Baseline",
    "BASELINE_TEXT", "BounceBack", "Usual", "usual_mood", "bounce_back", "median_bounce_back",
    "RejectionFact", "RejectionBounce", "bounce_backs", "MedianSummary", "summarise",
]
# fmt: on

BASELINE_DAYS = 14  # the "before" baseline is the mean over R-14 .. R-1
BASELINE_MIN_DAYS = 3  # days with check-ins needed for it
USUAL_MIN_DAYS = 7  # days with check-ins outside mourning needed for "your usual"
WINDOW_DAYS = 3  # D-2, D-1 and D
WINDOW_MIN_DAYS = 2  # days with check-ins needed in the window
TOLERANCE = 0.25  # "back" means at least baseline - 0.25
_EPSILON = 1e-9  # float noise in means must not decide the day

Baseline = Literal["before", "usual"]
#: How each baseline is named to people (plain text, no markup).
BASELINE_TEXT: dict[str, str] = {
    "before": "compared with the two weeks before",
    "usual": "your usual: the days outside mourning",
}

_STATUSES = ("days", "not_yet", "undefined")
_BASELINES = ("before", "usual")
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class BounceBack:
    """Bounce-back time for one rejection.

    ``status`` is "days" (then ``days`` is set), "not_yet" or "undefined".
    ``baseline`` says what the mood was compared with ("before" or "usual"; None
    when undefined). ``needs`` is, when undefined, how many more check-ins outside
    a mourning period would give a baseline.
    """

    status: str
    days: int | None = None
    baseline: str | None = None
    needs: int | None = None

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise ValueError(f"status must be one of {_STATUSES}")
        if (self.status == "days") != (self.days is not None):
            raise ValueError("days is given exactly when status is 'days'")
        if self.baseline is not None and self.baseline not in _BASELINES:
            raise ValueError(f"baseline must be one of {_BASELINES}")

    def __str__(self) -> str:
        if self.status == "days":
            return "1 day" if self.days == 1 else f"{self.days} days"
        return "not yet" if self.status == "not_yet" else "—"

    @property
    def missing(self) -> str:
        """What an undefined figure is waiting for (empty for the others)."""
        if self.status != "undefined":
            return ""
        if self.needs is None:
            return "needs check-ins before or after the rejection"
        more = "1 more check-in" if self.needs == 1 else f"{self.needs} more check-ins"
        return f"needs {more} outside a mourning period"

    def describe(self) -> str:
        """One plain sentence: the figure with its baseline, or what is missing."""
        if self.status == "undefined":
            return f"— {self.missing}"
        where = "back to your usual" if self.baseline == "usual" else "back to where you were"
        note = BASELINE_TEXT.get(self.baseline or "before", "")
        if self.status == "not_yet":
            return f"not {where} yet ({note})"
        return f"{where} in {self} ({note})"


@dataclass(frozen=True)
class Usual:
    """The usual mood: the median outside mourning (None below 7 days) and its day count."""

    value: float | None
    days: int

    @property
    def needs(self) -> int:
        """Check-ins outside mourning still needed before there is a usual (0: there is)."""
        return max(0, USUAL_MIN_DAYS - self.days)


def usual_mood(
    moods: Mapping[date, float], spans: Iterable[tuple[date, date]], today: date
) -> Usual:
    """The median daily mood over the days up to ``today`` outside every span (start, end)."""
    ranges = list(spans)
    values = [
        mood
        for day, mood in moods.items()
        if day <= today and not any(start <= day <= end for start, end in ranges)
    ]
    if len(values) < USUAL_MIN_DAYS:
        return Usual(None, len(values))
    return Usual(float(statistics.median(values)), len(values))


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def bounce_back(
    moods: Mapping[date, float], rejection_day: date, today: date, usual: Usual | None = None
) -> BounceBack:
    """Return the bounce-back time for a rejection on ``rejection_day`` (R).

    The baseline is the mean over R-14 .. R-1 when at least 3 of those days have
    data ("before"), else ``usual.value`` when there is one ("usual"), else the
    result is "undefined" (with ``usual.needs``). The person is back on the first
    day D with R < D <= today where the mean of D-2, D-1 and D (at least 2 of them
    with data) is at least baseline - 0.25; the result is D - R days, or "not_yet".
    """
    return _bounce_back(moods, sorted(moods), rejection_day, today, usual)


def _bounce_back(
    moods: Mapping[date, float],
    days: list[date],
    rejection_day: date,
    today: date,
    usual: Usual | None,
) -> BounceBack:
    """:func:`bounce_back` with the days of ``moods`` already sorted (shared by many calls)."""
    before = [
        moods[day]
        for offset in range(BASELINE_DAYS, 0, -1)
        if (day := rejection_day - offset * _ONE_DAY) in moods
    ]
    baseline: Baseline
    if len(before) >= BASELINE_MIN_DAYS:
        baseline, level = "before", _mean(before)
    elif usual is not None and usual.value is not None:
        baseline, level = "usual", usual.value
    else:
        return BounceBack("undefined", needs=usual.needs if usual is not None else None)
    target = level - TOLERANCE - _EPSILON

    # Only D, D+1, D+2 of a day D with data can have a full enough window. Walk the days
    # with data from R-1 on, checking those candidates in increasing order, each once.
    checked = rejection_day
    for day in days[bisect.bisect_left(days, rejection_day - _ONE_DAY) :]:
        if day > today:
            break
        for offset in range(min(WINDOW_DAYS, (today - day).days + 1)):
            candidate = day + offset * _ONE_DAY  # never past today, so never overflows
            if candidate <= checked:
                continue
            checked = candidate
            window = [
                moods[d]
                for back in range(WINDOW_DAYS)
                if (d := candidate - back * _ONE_DAY) in moods
            ]
            if len(window) >= WINDOW_MIN_DAYS and _mean(window) >= target:
                return BounceBack("days", (candidate - rejection_day).days, baseline)
    return BounceBack("not_yet", baseline=baseline)


def median_bounce_back(results: Iterable[BounceBack]) -> float | None:
    """Return the median bounce-back time in days over the "days" results, or None.

    Figures from both baselines count alike; "not_yet" and "undefined" are left out.
    """
    days = [r.days for r in results if r.status == "days" and r.days is not None]
    if not days:
        return None
    return float(statistics.median(days))


@dataclass(frozen=True)
class MedianSummary:
    """How a median was made: figures per baseline, and the rejections left out."""

    median: float | None
    before: int
    usual: int
    not_yet: int
    undefined: int

    @property
    def counted(self) -> int:
        """Rejections with a figure."""
        return self.before + self.usual

    def detail(self) -> str:
        """E.g. "median of 3 rejections (1 against your usual) · 1 not yet"."""
        parts = []
        if self.counted:
            rejections = "1 rejection" if self.counted == 1 else f"{self.counted} rejections"
            text = f"median of {rejections}"
            if self.usual and self.before:
                text += f" ({self.usual} against your usual)"
            parts.append(text)
        if self.not_yet:
            parts.append(f"{self.not_yet} not yet")
        if self.undefined:
            parts.append(f"{self.undefined} waiting for check-ins")
        return " · ".join(parts)


def summarise(results: Iterable[BounceBack]) -> MedianSummary:
    """The median of ``results`` with what went into it."""
    items = list(results)
    days = [r for r in items if r.status == "days"]
    return MedianSummary(
        median=median_bounce_back(items),
        before=sum(1 for r in days if r.baseline != "usual"),
        usual=sum(1 for r in days if r.baseline == "usual"),
        not_yet=sum(1 for r in items if r.status == "not_yet"),
        undefined=sum(1 for r in items if r.status == "undefined"),
    )


@dataclass(frozen=True)
class RejectionFact:
    """A rejection as the figures need it: its id, company and local day."""

    rejection_id: str
    company: str
    day: date


@dataclass(frozen=True)
class RejectionBounce:
    """A rejection with its bounce-back result."""

    rejection: RejectionFact
    result: BounceBack


def bounce_backs(
    moods: Mapping[date, float],
    rejections: Iterable[RejectionFact],
    today: date,
    spans: Iterable[tuple[date, date]] = (),
) -> tuple[RejectionBounce, ...]:
    """Bounce-back for each rejection, oldest first; ``spans`` are the mourning periods."""
    ordered = sorted(rejections, key=lambda r: (r.day, r.company, r.rejection_id))
    days = sorted(moods)
    usual = usual_mood(moods, spans, today)
    return tuple(
        RejectionBounce(r, _bounce_back(moods, days, r.day, today, usual)) for r in ordered
    )

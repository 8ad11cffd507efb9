"""The status summary (`bounce status`, the exports' headline) as plain values and lines.

`store/read/status.py` builds it through the ORM and `store/quick/status.py`
through `sqlite3`; both hand back this `Status`, and `summary_lines` words it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bounce_tui.domain import bounce_back, checkins, mourning
from bounce_tui.domain.bounce_back import BASELINE_TEXT


@dataclass(frozen=True)
class ActiveTimer:
    """A running mourning period as the status shows it."""

    period_id: str
    company: str
    role: str
    remaining: timedelta
    progress: float


@dataclass(frozen=True)
class UpcomingInterview:
    """The next interview on the calendar."""

    company: str
    role: str
    at: datetime
    #: ``at`` in the local zone (what people read).
    local_at: datetime | None = None

    @property
    def when(self) -> str:
        """The local day and time, e.g. "Tue 12 Mar 14:30" (English names, any locale)."""
        moment = self.local_at or self.at
        day = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[moment.weekday()]
        month = MONTHS[moment.month - 1]
        return f"{day} {moment.day} {month} {moment:%H:%M}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Status:
    """The headline figures: today's check-in, streak, timers, open items, lessons due."""

    today: date
    today_moods: tuple[int, ...]
    streak: int
    timers: tuple[ActiveTimer, ...]
    open_items: int
    lessons_due: int
    lessons_total: int
    rejections: int
    bounce_back_median: float | None
    bounce_backs: tuple[tuple[str, bounce_back.BounceBack], ...] = field(default_factory=tuple)
    next_interview: UpcomingInterview | None = None

    @property
    def bounce_summary(self) -> bounce_back.MedianSummary:
        """The median with what went into it (figures per baseline, rejections left out)."""
        return bounce_back.summarise(b for _, b in self.bounce_backs)

    @property
    def today_mood(self) -> float | None:
        """Mean of today's check-ins, if any."""
        if not self.today_moods:
            return None
        return sum(self.today_moods) / len(self.today_moods)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (for `bounce status --json`)."""
        mood = self.today_mood
        return {
            "today": self.today.isoformat(),
            "checked_in_today": bool(self.today_moods),
            "today_mood": round(mood, 2) if mood is not None else None,
            "today_mood_label": checkins.mood_label(mood) if mood is not None else None,
            "streak": self.streak,
            "active_timers": [
                {
                    "id": t.period_id,
                    "company": t.company,
                    "role": t.role,
                    "remaining_seconds": int(t.remaining.total_seconds()),
                    "remaining": mourning.format_countdown(t.remaining),
                }
                for t in self.timers
            ],
            "open_items": self.open_items,
            "lessons_due": self.lessons_due,
            "lessons_total": self.lessons_total,
            "rejections": self.rejections,
            "bounce_back_median_days": self.bounce_back_median,
            "bounce_backs": [
                {
                    "company": company,
                    "status": result.status,
                    "days": result.days,
                    "baseline": result.baseline,
                    "needs_check_ins": result.needs,
                    "text": result.describe(),
                }
                for company, result in self.bounce_backs
            ],
            "next_interview": (
                {
                    "company": self.next_interview.company,
                    "role": self.next_interview.role,
                    "at": self.next_interview.at.isoformat(),
                    "local": (self.next_interview.local_at or self.next_interview.at).isoformat(),
                }
                if self.next_interview
                else None
            ),
        }


def summary_lines(status: Status) -> list[str]:
    """The headline figures as short plain lines (shared by status and exports)."""
    mood = status.today_mood
    today = (
        f"checked in today: {checkins.mood_label(mood)} ({mood:.1f})"
        if mood is not None
        else "no check-in yet today"
    )
    bounce = _bounce_lines(status)
    lines = [
        today,
        f"streak: {status.streak} day{'s' if status.streak != 1 else ''}",
        *bounce,
        f"mourning timers running: {len(status.timers)}",
    ]
    lines += [
        f"  {t.company}{' — ' + t.role if t.role else ''}: "
        f"{mourning.format_countdown(t.remaining)} left"
        for t in status.timers
    ]
    lines += [
        f"open checklist items: {status.open_items}",
        f"lessons due: {status.lessons_due} of {status.lessons_total}",
    ]
    if status.next_interview:
        upcoming = status.next_interview
        role = f" — {upcoming.role}" if upcoming.role else ""
        lines.append(f"next interview: {upcoming.company}{role}, {upcoming.when}")
    return lines


#: Rejections listed under the bounce-back line (the newest).
BOUNCE_LIST_LIMIT = 5


def _bounce_lines(status: Status) -> list[str]:
    """The bounce-back median with its baselines, then the newest rejections' figures."""
    summary = status.bounce_summary
    if summary.median is not None:
        median = summary.median
        head = f"bounce-back median: {median:g} day{'s' if median != 1 else ''}"
        if summary.counted == 1:
            only = next(b for _, b in status.bounce_backs if b.status == "days")
            head += f" ({BASELINE_TEXT[only.baseline or 'before']})"
        detail = summary.detail()
        if summary.counted > 1 or summary.not_yet or summary.undefined:
            head += f"; {detail}"
    elif status.bounce_backs:
        head = "bounce-back: " + status.bounce_backs[-1][1].describe()
    else:
        head = "bounce-back: no rejection logged"
    lines = [head]
    if len(status.bounce_backs) > 1:
        for company, result in status.bounce_backs[-BOUNCE_LIST_LIMIT:]:
            lines.append(f"  {company}: {result.describe()}")
    return lines

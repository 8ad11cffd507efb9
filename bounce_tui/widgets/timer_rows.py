"""The rows of the mourning timers pane: a running period, the "done" line, a finished one."""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from bounce_tui.domain import mourning
from bounce_tui.domain.dates import local_time
from bounce_tui.domain.snapshot import TimerView
from bounce_tui.domain.text import one_line
from bounce_tui.widgets.period_bar import PeriodBar

__all__ = ["TimerRow", "DoneHeader", "DoneRow", "is_running", "time_left"]

_STEPS = 1000  # progress bar resolution: redraw only when a thousandth has passed
_NAME_LIMIT = 40
_NOTE_LIMIT = 60


def is_running(timer: TimerView, now: datetime) -> bool:
    """Whether the timer's mourning period is still running at ``now``."""
    return mourning.phase(timer.mourning, now) is mourning.Phase.RUNNING


def time_left(timer: TimerView, now: datetime) -> tuple[float, float]:
    """Sort key for running periods: least time left first, then the newest."""
    remaining = mourning.remaining(timer.mourning, now).total_seconds()
    return remaining, -timer.started_at.timestamp()


def _company(timer: TimerView) -> str:
    return one_line(timer.company, _NAME_LIMIT) or "A mourning period"


def _title(timer: TimerView) -> Content:
    parts: list[str | tuple[str, str]] = [(_company(timer), "bold")]
    role = one_line(timer.role, _NAME_LIMIT)
    if role:
        parts.append(f" — {role}")
    stage = one_line(timer.stage, 20)
    if stage:
        parts.append((f" · {stage}", "dim"))
    return Content.assemble(*parts)


def _countdown(timer: TimerView, now: datetime) -> str:
    return f"{mourning.format_countdown(mourning.remaining(timer.mourning, now))} left"


def _steps(timer: TimerView, now: datetime) -> int:
    return round(mourning.progress(timer.mourning, now) * _STEPS)


def _meta(timer: TimerView) -> str:
    parts = []
    if timer.urges > 0:
        parts.append(f"urges: {timer.urges}")
    if timer.extensions > 0:
        parts.append(f"extended {timer.extensions}×")
    return " · ".join(parts)


def _short_day(moment: datetime, tz: tzinfo | None) -> str:
    local = local_time(moment, tz)
    return f"{local:%a} {local.day} {local:%b}"


def _done_line(timer: TimerView, now: datetime, tz: tzinfo | None) -> Content:
    m = timer.mourning
    day = _short_day(mourning.ended_at(m), tz)
    early = mourning.phase(m, now) is mourning.Phase.MOVED_ON
    what = f"moved on early, {day}" if early else f"ended {day}"
    parts: list[str | tuple[str, str]] = [_company(timer), (f" — {what}", "dim")]
    note = one_line(timer.close_note, _NOTE_LIMIT)
    if note:
        parts.append(" · ")
        parts.append((f"“{note}”", "italic"))
    return Content.assemble(*parts)


class TimerRow(Widget):
    """One running mourning period: title, countdown, urges and a progress bar."""

    def __init__(self, timer: TimerView, now: datetime, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.timer = timer
        self._text = _countdown(timer, now)
        self._step = _steps(timer, now)
        self._title = Static(_title(timer), classes="title")
        self._clock = Static(self._text, classes="countdown", markup=False)
        self._meta = Static(_meta(timer), classes="meta", markup=False)
        self._bar = PeriodBar(self._step / _STEPS)

    def compose(self) -> ComposeResult:
        yield self._title
        with Horizontal():
            yield self._clock
            yield self._meta
        yield self._bar

    def update_timer(self, timer: TimerView, now: datetime) -> None:
        """Show a fresh record of the same period."""
        if timer != self.timer:
            self.timer = timer
            self._title.update(_title(timer))
            self._meta.update(_meta(timer))
        self.tick(now)

    def tick(self, now: datetime) -> None:
        """Redraw the countdown and the bar, and only when they changed."""
        text = _countdown(self.timer, now)
        if text != self._text:
            self._clock.update(text, layout=len(text) != len(self._text))
            self._text = text
        step = _steps(self.timer, now)
        if step != self._step:
            self._step = step
            self._bar.show(step / _STEPS)


class DoneHeader(Static):
    """The line over the finished periods: ``▸ done · 7``, folded or open."""

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self.timer: TimerView | None = None  # a row of the cursor that is no timer

    def show(self, *, total: int, shown: int, folded: bool) -> None:
        """Say how many periods have finished and whether they are folded away."""
        mark = "▸" if folded else "▾"
        parts: list[str | tuple[str, str]] = [f"{mark} done · {total}"]
        if folded:
            parts.append(("  o shows them", "dim"))
        elif shown < total:
            parts.append((f"  the newest {shown} shown", "dim"))
        self.update(Content.assemble(*parts))


class DoneRow(Static):
    """One finished mourning period, on one line."""

    def __init__(self, timer: TimerView, now: datetime, tz: tzinfo | None) -> None:
        super().__init__(_done_line(timer, now, tz), markup=False)
        self.timer = timer

"""The mourning timers pane: running periods that tick, then the recently finished ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from bounce_tui.domain import mourning
from bounce_tui.domain.checklist import Reframe
from bounce_tui.domain.dates import local_time
from bounce_tui.domain.snapshot import TimerView
from bounce_tui.domain.text import one_line
from bounce_tui.keys import bindings

__all__ = ["MourningTimers", "TimerRow", "DoneRow", "is_running"]

DONE_LIMIT = 20
_STEPS = 1000  # progress bar resolution: redraw only when a thousandth has passed
_NAME_LIMIT = 40
_NOTE_LIMIT = 60
_EMPTY_HINT = (
    "Nothing logged yet.\nPress r to log a rejection — bounce gives the feeling a bounded time."
)


def is_running(timer: TimerView, now: datetime) -> bool:
    """Whether the timer's mourning period is still running at ``now``."""
    return mourning.phase(timer.mourning, now) is mourning.Phase.RUNNING


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

    def __init__(self, timer: TimerView, now: datetime) -> None:
        super().__init__()
        self.timer = timer
        self._text = _countdown(timer, now)
        self._step = _steps(timer, now)
        self._title = Static(_title(timer), classes="title")
        self._clock = Static(self._text, classes="countdown", markup=False)
        self._meta = Static(_meta(timer), classes="meta", markup=False)
        self._bar = ProgressBar(total=_STEPS, show_eta=False, show_percentage=False)
        self._bar.progress = self._step

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
            self._bar.update(progress=step)


class DoneRow(Static):
    """One finished mourning period, on one line."""

    def __init__(self, timer: TimerView, now: datetime, tz: tzinfo | None) -> None:
        super().__init__(_done_line(timer, now, tz), markup=False)
        self.timer = timer


class _PaneMessage(Message):
    def __init__(self, timers: MourningTimers) -> None:
        super().__init__()
        self.timers = timers

    @property
    def control(self) -> MourningTimers:
        """The pane that posted the message."""
        return self.timers


class _TimerMessage(_PaneMessage):
    def __init__(self, timers: MourningTimers, timer: TimerView) -> None:
        super().__init__(timers)
        self.timer = timer


def _request_action(
    message: str, doc: str, *, running: bool = False
) -> Callable[[MourningTimers], None]:
    """An action that posts ``MourningTimers.<message>`` for the highlighted entry."""

    def action(self: MourningTimers) -> None:
        timer = self._running_highlight() if running else self.highlighted
        if timer is not None:
            self.post_message(getattr(self, message)(self, timer))

    action.__doc__ = doc
    return action


EXTEND_LIMIT = (
    "This period has had its two extra days — that is the most it gets. "
    "It is still fine to feel this; when it ends, the checklist is ready."
)


class MourningTimers(Widget, can_focus=True):
    """The mourning timers pane: running periods first, then up to 20 finished ones.

    The screen calls :meth:`set_timers` with records, :meth:`tick` once a second and
    :meth:`set_reframe`; the pane posts its nested messages for every request.
    One cursor (j/k/up/down) moves across running and finished entries.
    """

    DEFAULT_CSS = """
    MourningTimers { height: 1fr; }
    MourningTimers > .reframe { height: auto; padding: 0 1; margin-bottom: 1; display: none; }
    MourningTimers > VerticalScroll { height: 1fr; }
    MourningTimers Vertical { height: auto; }
    MourningTimers .empty { padding: 0 1; color: $text-muted; }
    MourningTimers .done-heading { padding: 0 1; margin-top: 1; color: $text-muted; }
    MourningTimers .-cursor { background: $block-cursor-blurred-background; }
    MourningTimers:focus .-cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        & Bar > .bar--bar { color: $block-cursor-foreground; }
    }
    TimerRow { height: auto; padding: 0 1; }
    TimerRow > .title, TimerRow .meta { text-wrap: nowrap; text-overflow: ellipsis; }
    TimerRow > Horizontal { height: 1; }
    TimerRow .countdown { width: auto; }
    TimerRow .meta { width: 1fr; padding-left: 2; color: $text-muted; }
    TimerRow ProgressBar, TimerRow ProgressBar > Bar { width: 1fr; }
    DoneRow { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    KEY_SCOPES = ("timers",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("timers")

    class Highlighted(_PaneMessage):
        """The cursor moved to another entry (``timer`` None: nothing to highlight)."""

        def __init__(self, timers: MourningTimers, timer: TimerView | None) -> None:
            super().__init__(timers)
            self.timer = timer

    class ExtendRequested(_TimerMessage):
        """The user asked for one more day for the highlighted running period."""

    class MoveOnRequested(_TimerMessage):
        """The user is ready to move on: end the highlighted running period now."""

    class UrgeLogged(_TimerMessage):
        """The user checked the inbox again / replayed the interview (one urge)."""

    class OpenRequested(_TimerMessage):
        """Open the rejection of the highlighted entry."""

    class EditRequested(_TimerMessage):
        """Edit the rejection of the highlighted entry."""

    class LessonRequested(_TimerMessage):
        """Make a lesson from the highlighted entry's closing line or feedback."""

    class DeleteRequested(_TimerMessage):
        """Delete the highlighted entry."""

    class NextReframe(_PaneMessage):
        """Show the next reframing question."""

    def __init__(
        self,
        *,
        tz: tzinfo | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``tz`` is the zone that dates are shown in (None: the system's)."""
        super().__init__(name=name, id=id, classes=classes)
        self._tz = tz
        self._all: tuple[TimerView, ...] = ()
        self._given = False
        self._now: datetime | None = None
        self._live: list[TimerView] = []
        self._done: list[TimerView] = []
        self._entries: list[TimerView] = []
        self._rows: list[Widget] = []
        self._cursor: int | None = None
        self._reframe: Reframe | None = None
        self._reframe_static = Static("", classes="reframe")
        self._empty = Static(_EMPTY_HINT, classes="empty", markup=False)
        self._running_box = Vertical(classes="running")
        self._done_heading = Static("done", classes="done-heading", markup=False)
        self._done_box = Vertical(classes="done")

    def compose(self) -> ComposeResult:
        yield self._reframe_static
        with VerticalScroll(can_focus=False):
            yield self._empty
            yield self._running_box
            yield self._done_heading
            yield self._done_box

    def on_mount(self) -> None:
        self._build_rows(force=True)

    @property
    def highlighted(self) -> TimerView | None:
        """The entry under the cursor, if any."""
        return self._entries[self._cursor] if self._cursor is not None else None

    @property
    def timers(self) -> list[TimerView]:
        """The entries in display order: running first, then finished ones."""
        return list(self._entries)

    @property
    def running_rows(self) -> list[TimerRow]:
        """The widgets of the running periods, in display order."""
        return [row for row in self._rows if isinstance(row, TimerRow)]

    def set_timers(self, timers: Sequence[TimerView], now: datetime) -> None:
        """Show these periods as of ``now``, keeping the highlighted one by period_id."""
        running_ids = {t.period_id for t in timers if is_running(t, now)}
        unchanged = tuple(timers) == self._all and running_ids == {t.period_id for t in self._live}
        if self._given and unchanged:
            self.tick(now)  # a reload with nothing new here: only the clocks move
            return
        self._given = True
        before = self.highlighted
        self._all = tuple(timers)
        self._now = now
        running = [t for t in self._all if is_running(t, now)]
        running.sort(key=lambda t: t.started_at, reverse=True)
        done = [t for t in self._all if not is_running(t, now)]
        done.sort(key=lambda t: mourning.ended_at(t.mourning), reverse=True)
        self._live, self._done = running, done[:DONE_LIMIT]
        self._entries = self._live + self._done
        ids = [t.period_id for t in self._entries]
        if before is not None and before.period_id in ids:
            self._cursor = ids.index(before.period_id)
        else:
            self._cursor = min(self._cursor or 0, len(ids) - 1) if ids else None
        if self.is_mounted:
            self._build_rows(force=False)
        after = self.highlighted
        if (before and before.period_id) != (after and after.period_id):
            self.post_message(self.Highlighted(self, after))
        self.refresh_bindings()

    def tick(self, now: datetime) -> list[TimerView]:
        """Advance the running countdowns to ``now``; return the periods that just ended.

        Only the countdowns and bars of running rows are redrawn; an ended period
        moves to the finished entries.
        """
        self._now = now
        ended = [t for t in self._live if not is_running(t, now)]
        if ended:
            self.set_timers(self._all, now)
        else:
            for row in self.running_rows:
                row.tick(now)
        return ended

    def set_reframe(self, reframe: Reframe | None) -> None:
        """Show one reframing question while a period runs; None hides it."""
        if reframe == self._reframe and self._reframe_static.display == self.reframe_shown:
            return  # already shown as it is
        self._reframe = reframe
        if reframe is not None:
            trap, question = one_line(reframe.trap, 40), one_line(reframe.question, 400)
            self._reframe_static.update(
                Content.assemble(("Thinking trap — ", "dim"), (trap, "bold"), ": ", question)
            )
        self._reframe_static.display = self.reframe_shown
        self.refresh_bindings()

    @property
    def reframe_shown(self) -> bool:
        """Whether a reframing question is on screen."""
        return self._reframe is not None and bool(self._live)

    def _build_rows(self, *, force: bool) -> None:
        now, running = self._now, self.running_rows
        done = [row for row in self._rows if isinstance(row, DoneRow)]
        if now is not None:
            if force or [r.timer.period_id for r in running] != [t.period_id for t in self._live]:
                running = [TimerRow(t, now) for t in self._live]
                self._running_box.remove_children()
                self._running_box.mount_all(running)
            for row, timer in zip(running, self._live, strict=True):
                row.update_timer(timer, now)
            if force or [r.timer for r in done] != self._done:
                done = [DoneRow(t, now, self._tz) for t in self._done]
                self._done_box.remove_children()
                self._done_box.mount_all(done)
        self._rows = [*running, *done]
        self._empty.display = not self._entries
        self._done_heading.display = bool(self._done)
        self.set_reframe(self._reframe)
        self._paint_cursor()

    def _paint_cursor(self) -> None:
        for index, row in enumerate(self._rows):
            row.set_class(index == self._cursor, "-cursor")
        if self._cursor is not None and self._cursor < len(self._rows):
            row = self._rows[self._cursor]
            self.call_after_refresh(self._reveal, row)

    def _reveal(self, row: Widget) -> None:
        if row.is_attached:
            row.scroll_visible(animate=False)

    def select_rejection(self, rejection_id: str | None) -> bool:
        """Move the cursor to the (newest) timer of a rejection; False if it is not listed."""
        for index, entry in enumerate(self._entries):
            if entry.rejection_id == rejection_id and rejection_id is not None:
                self._move_to(index)
                return True
        return False

    def _move_to(self, index: int) -> None:
        if not self._entries:
            return
        index %= len(self._entries)  # wraps around, as in the other panes' lists
        if index == self._cursor:
            return
        self._cursor = index
        self._paint_cursor()
        self.refresh_bindings()
        self.post_message(self.Highlighted(self, self.highlighted))

    def action_cursor_down(self) -> None:
        """Move the cursor to the next entry."""
        self._move_to(0 if self._cursor is None else self._cursor + 1)

    def action_cursor_up(self) -> None:
        """Move the cursor to the previous entry."""
        self._move_to(0 if self._cursor is None else self._cursor - 1)

    def on_click(self, event: events.Click) -> None:
        """Clicking an entry moves the cursor there; a double click opens it."""
        clicked, _ = self.screen.get_widget_at(event.screen_x, event.screen_y)
        for index, row in enumerate(self._rows):
            if clicked is row or row in clicked.ancestors:
                self._move_to(index)
                if event.chain == 2:
                    self.action_open()
                return

    def _running_highlight(self) -> TimerView | None:
        timer = self.highlighted
        if timer is None or self._now is None or not is_running(timer, self._now):
            return None
        return timer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the actions that do not apply to the highlighted entry."""
        if action in ("extend", "extend_limit"):
            timer = self._running_highlight()
            if timer is None:
                return False
            can = timer.extensions < mourning.MAX_EXTENSIONS and timer.days < mourning.MAX_DAYS
            return can if action == "extend" else not can
        if action in ("move_on", "urge"):
            return self._running_highlight() is not None
        if action == "next_reframe":
            return self.reframe_shown
        if action in ("open", "edit", "delete"):
            return self.highlighted is not None
        return True

    action_extend = _request_action("ExtendRequested", "Ask for one more day.", running=True)
    action_move_on = _request_action("MoveOnRequested", "Ask to end the period now.", running=True)
    action_urge = _request_action("UrgeLogged", "Log one urge.", running=True)
    action_open = _request_action("OpenRequested", "Open the highlighted entry.")
    action_edit = _request_action("EditRequested", "Edit the highlighted entry.")
    action_lesson = _request_action("LessonRequested", "Make a lesson from the highlighted entry.")
    action_delete = _request_action("DeleteRequested", "Delete the highlighted entry.")

    def action_extend_limit(self) -> None:
        """`+` on a timer that has had its extra days: say so, kindly."""
        self.notify(EXTEND_LIMIT, markup=False, timeout=6)

    def action_next_reframe(self) -> None:
        """Ask for the next reframing question."""
        if self.reframe_shown:
            self.post_message(self.NextReframe(self))

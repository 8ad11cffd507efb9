"""The mourning timers pane: running periods first, then the finished ones in a "done" group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from bounce_tui.domain import mourning
from bounce_tui.domain.checklist import Reframe
from bounce_tui.domain.snapshot import TimerView
from bounce_tui.domain.text import one_line
from bounce_tui.keys import bindings
from bounce_tui.widgets.timer_rows import DoneHeader, DoneRow, TimerRow, is_running, time_left

__all__ = ["MourningTimers", "TimerRow", "DoneHeader", "DoneRow", "is_running"]

DONE_LIMIT = 20
_EMPTY_HINT = (
    "Nothing logged yet.\nPress r to log a rejection — bounce gives the feeling a bounded time."
)
#: The cursor's place on the "done" line (every other place is a period id).
_HEADER = "done"


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
    """The mourning timers pane: running periods by time left, then a "done" group.

    The screen calls :meth:`set_timers` with records, :meth:`tick` once a second and
    :meth:`set_reframe`; the pane posts its nested messages for every request.
    One cursor (j/k/up/down) moves across running entries, the "done" line and,
    when the group is open, the finished entries. The group starts folded while a
    period runs (open when none does); `o`, or enter on its line, folds and opens it.
    """

    DEFAULT_CSS = """
    MourningTimers { height: 1fr; }
    MourningTimers > .reframe { height: auto; padding: 0 1; margin-bottom: 1; display: none; }
    MourningTimers > VerticalScroll { height: 1fr; }
    MourningTimers Vertical { height: auto; }
    MourningTimers .empty { padding: 0 1; color: $text-muted; }
    MourningTimers .-cursor { background: $block-cursor-blurred-background; }
    MourningTimers:focus .-cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        & PeriodBar > .bar--bar { color: $block-cursor-foreground; }
    }
    TimerRow { height: auto; padding: 0 1; }
    TimerRow > .title, TimerRow .meta { text-wrap: nowrap; text-overflow: ellipsis; }
    TimerRow > Horizontal { height: 1; }
    TimerRow .countdown { width: auto; }
    TimerRow .meta { width: 1fr; padding-left: 2; color: $text-muted; }
    TimerRow PeriodBar { width: 1fr; }
    DoneHeader {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    MourningTimers .running.-some { margin-bottom: 1; }
    DoneRow { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    KEY_SCOPES = ("timers",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("timers")

    class Highlighted(_PaneMessage):
        """The cursor moved (``timer`` None: nothing, or the "done" line, is highlighted).

        ``reloaded`` is True when a reload moved it (a period another program logged).
        """

        def __init__(
            self, timers: MourningTimers, timer: TimerView | None, *, reloaded: bool = False
        ) -> None:
            super().__init__(timers)
            self.timer = timer
            self.reloaded = reloaded

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

    class AnswerRequested(_TimerMessage):
        """Answer the reframing question shown; keep it with ``timer``'s rejection."""

        def __init__(self, timers: MourningTimers, timer: TimerView, reframe: Reframe) -> None:
            super().__init__(timers, timer)
            self.reframe = reframe

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
        self._done_total = 0
        #: The person's choice with `o` (None: folded while a period runs), kept while open.
        self._fold_choice: bool | None = None
        self._slots: list[TimerView | None] = []  # what the cursor moves over; None: "done"
        self._rows: list[Widget] = []
        self._cursor: int | None = None
        self._reframe: Reframe | None = None
        self._reframe_static = Static("", classes="reframe")
        self._empty = Static(_EMPTY_HINT, classes="empty", markup=False)
        self._running_box = Vertical(classes="running")
        self._done_heading = DoneHeader()
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

    # -- what is shown ------------------------------------------------------------------

    @property
    def highlighted(self) -> TimerView | None:
        """The entry under the cursor, if any (None on the "done" line)."""
        return self._slots[self._cursor] if self._cursor is not None else None

    @property
    def on_done_line(self) -> bool:
        """Whether the cursor is on the "done" line."""
        return self._cursor is not None and self._slots[self._cursor] is None

    @property
    def timers(self) -> list[TimerView]:
        """The entries in display order: running first, then finished ones (folded or not)."""
        return self._live + self._done

    @property
    def folded(self) -> bool:
        """Whether the finished periods are folded away under their "done" line."""
        return self._fold_choice if self._fold_choice is not None else bool(self._live)

    @property
    def running_rows(self) -> list[TimerRow]:
        """The widgets of the running periods, in display order."""
        return [row for row in self._rows if isinstance(row, TimerRow)]

    def _key(self, index: int | None) -> str | None:
        if index is None:
            return None
        slot = self._slots[index]
        return _HEADER if slot is None else slot.period_id

    def _lay_out_slots(self) -> None:
        """The cursor's places: running, the "done" line, finished ones unless folded."""
        header: list[TimerView | None] = [None] if self._done else []
        shown_done: list[TimerView | None] = [] if self.folded else list(self._done)
        self._slots = [*self._live, *header, *shown_done]

    def set_timers(self, timers: Sequence[TimerView], now: datetime) -> None:
        """Show these periods as of ``now``, keeping the highlighted one by period_id.

        A running period that was not here before (another program logged it) is
        highlighted and scrolled into view; focus stays where it is.
        """
        running_ids = {t.period_id for t in timers if is_running(t, now)}
        known = {t.period_id for t in self._live}
        unchanged = tuple(timers) == self._all and running_ids == known
        if self._given and unchanged:
            self.tick(now)  # a reload with nothing new here: only the clocks move
            return
        new = [t for t in timers if t.period_id in running_ids - known and self._given]
        self._given = True
        before, before_key = self.highlighted, self._key(self._cursor)
        self._all = tuple(timers)
        self._now = now
        self._live = sorted((t for t in self._all if t.period_id in running_ids), key=_left(now))
        done = [t for t in self._all if t.period_id not in running_ids]
        done.sort(key=lambda t: mourning.ended_at(t.mourning), reverse=True)
        self._done, self._done_total = done[:DONE_LIMIT], len(done)
        self._lay_out_slots()
        keys = [self._key(i) for i in range(len(self._slots))]
        if new:
            newest = max(new, key=lambda t: t.started_at)
            self._cursor = keys.index(newest.period_id)
        elif before_key in keys:
            self._cursor = keys.index(before_key)
        elif before is not None and before.period_id in {t.period_id for t in self._done}:
            self._cursor = keys.index(_HEADER)  # a finished one folded away with its group
        elif before_key is None and keys:
            self._cursor = next((i for i, k in enumerate(keys) if k != _HEADER), 0)
        else:
            self._cursor = min(self._cursor or 0, len(keys) - 1) if keys else None
        if self.is_mounted:
            self._build_rows(force=False)
        after = self.highlighted
        if self._key(self._cursor) != before_key or (before and before.period_id) != (
            after and after.period_id
        ):
            self.post_message(self.Highlighted(self, after, reloaded=bool(new)))
        self.refresh_bindings()

    def tick(self, now: datetime, *, repaint: bool = True) -> list[TimerView]:
        """Advance the running countdowns to ``now``; return the periods that just ended.

        Only the countdowns and bars of running rows are redrawn, and none when
        ``repaint`` is False (the pane is covered); an ended period moves to the
        finished entries.
        """
        self._now = now
        ended = [t for t in self._live if not is_running(t, now)]
        if ended:
            self.set_timers(self._all, now)
        elif repaint:
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
                Content.assemble(
                    ("Thinking trap — ", "dim"),
                    (trap, "bold"),
                    ": ",
                    question,
                    ("  a answers · f next", "dim"),
                )
            )
        self._reframe_static.display = self.reframe_shown
        self.refresh_bindings()

    @property
    def reframe_shown(self) -> bool:
        """Whether a reframing question is on screen."""
        return self._reframe is not None and bool(self._live)

    def _build_rows(self, *, force: bool) -> None:
        now, running = self._now, self.running_rows
        done = [row for row in self._done_box.children if isinstance(row, DoneRow)]
        folded = self.folded
        if now is not None:
            if force or [r.timer.period_id for r in running] != [t.period_id for t in self._live]:
                # The cursor's row is made with its class, and the box is classed before
                # its rows are mounted: a class changed after the mount restyles the
                # widget and all it holds.
                running = [
                    TimerRow(t, now, classes="-cursor" if index == self._cursor else None)
                    for index, t in enumerate(self._live)
                ]
                self._running_box.set_class(bool(self._live), "-some")
                self._running_box.remove_children()
                self._running_box.mount_all(running)
            for row, timer in zip(running, self._live, strict=True):
                row.update_timer(timer, now)
            # Folded away, the finished periods are not made at all (up to DONE_LIMIT
            # widgets less for the first frame); `o` makes them.
            wanted = [] if folded else self._done
            if force or [r.timer for r in done] != wanted:
                done = [DoneRow(t, now, self._tz) for t in wanted]
                self._done_box.remove_children()
                self._done_box.mount_all(done)
        header: list[Widget] = [self._done_heading] if self._done else []
        self._rows = [*running, *header, *([] if folded else done)]
        self._empty.display = not self._slots
        self._done_heading.display = bool(self._done)
        self._done_heading.show(total=self._done_total, shown=len(self._done), folded=folded)
        self._done_box.display = bool(self._done) and not folded
        self.set_reframe(self._reframe)
        self._paint_cursor()

    def _paint_cursor(self) -> None:
        at = None
        if self._cursor is not None and self._cursor < len(self._rows):
            at = self._rows[self._cursor]
        # Each row's class is set once (the cursor's row is not unmarked and marked again:
        # every change restyles the row and all it holds).
        for row in (*self.running_rows, self._done_heading, *self._done_box.children):
            row.set_class(row is at, "-cursor")
        if at is not None:
            self.call_after_refresh(self._reveal, at)

    def _reveal(self, row: Widget) -> None:
        if row.is_attached and row.display:
            row.scroll_visible(animate=False, immediate=True)

    # -- the cursor -----------------------------------------------------------------------

    def select_rejection(self, rejection_id: str | None) -> bool:
        """Move the cursor to the (newest) timer of a rejection; False if it is not listed.

        A finished one folded away opens the "done" group.
        """
        found = [t for t in self.timers if t.rejection_id == rejection_id and rejection_id]
        if not found:
            return False
        if found[0] not in self._slots:
            self.action_toggle_done()
        self._move_to(self._slots.index(found[0]))
        return True

    def _move_to(self, index: int) -> None:
        if not self._slots:
            return
        index %= len(self._slots)  # wraps around, as in the other panes' lists
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

    def action_toggle_done(self) -> None:
        """Fold or open the finished periods; the choice holds while the app is open."""
        if not self._done:
            return
        key = self._key(self._cursor)
        self._fold_choice = not self.folded
        self._lay_out_slots()
        keys = [self._key(i) for i in range(len(self._slots))]
        self._cursor = keys.index(key) if key in keys else keys.index(_HEADER)
        self._build_rows(force=False)
        self.refresh_bindings()
        if key != self._key(self._cursor):
            self.post_message(self.Highlighted(self, self.highlighted))

    action_show_done = action_toggle_done

    def on_click(self, event: events.Click) -> None:
        """Clicking an entry moves the cursor there; a double click opens it."""
        clicked, _ = self.screen.get_widget_at(event.screen_x, event.screen_y)
        for index, row in enumerate(self._rows):
            if clicked is row or row in clicked.ancestors:
                self._move_to(index)
                if event.chain == 2 or row is self._done_heading:
                    self.action_open()
                return

    # -- requests -------------------------------------------------------------------------

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
        if action in ("next_reframe", "answer"):
            return self.reframe_shown
        if action == "toggle_done":
            return bool(self._done)
        if action == "show_done":  # the same key, shown in the footer when there is room
            return bool(self._done) and self._running_highlight() is None
        if action == "open":
            return self.highlighted is not None or self.on_done_line
        if action in ("edit", "delete"):
            return self.highlighted is not None
        return True

    action_extend = _request_action("ExtendRequested", "Ask for one more day.", running=True)
    action_move_on = _request_action("MoveOnRequested", "Ask to end the period now.", running=True)
    action_urge = _request_action("UrgeLogged", "Log one urge.", running=True)
    action_edit = _request_action("EditRequested", "Edit the highlighted entry.")
    action_lesson = _request_action("LessonRequested", "Make a lesson from the highlighted entry.")
    action_delete = _request_action("DeleteRequested", "Delete the highlighted entry.")

    def action_open(self) -> None:
        """Open the highlighted entry; on the "done" line, fold or open the group."""
        if self.on_done_line:
            self.action_toggle_done()
        elif self.highlighted is not None:
            self.post_message(self.OpenRequested(self, self.highlighted))

    def action_extend_limit(self) -> None:
        """`+` on a timer that has had its extra days: say so, kindly."""
        self.notify(EXTEND_LIMIT, markup=False, timeout=6)

    def action_next_reframe(self) -> None:
        """Ask for the next reframing question."""
        if self.reframe_shown:
            self.post_message(self.NextReframe(self))

    def action_answer(self) -> None:
        """Answer the question shown, for the highlighted running period (else the first)."""
        if self._reframe is None or not self.reframe_shown:
            return
        timer = self._running_highlight() or self._live[0]
        self.post_message(self.AnswerRequested(self, timer, self._reframe))


def _left(now: datetime) -> Callable[[TimerView], tuple[float, float]]:
    return lambda timer: time_left(timer, now)

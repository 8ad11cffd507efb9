"""MainScreen: today's strip over three panes — mourning timers, lessons, regroup checklist."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Static

from bounce_tui.domain.checkins import HEAVY_DAYS_NOTE
from bounce_tui.domain.sync_mark import sync_mark
from bounce_tui.keys import bindings, shown_keys
from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.main_lessons import LessonsOnMain, interview_notice
from bounce_tui.screens.pane_screen import heading_for
from bounce_tui.widgets.key_footer import KeyFooter
from bounce_tui.widgets.mood_strip import MoodStrip
from bounce_tui.widgets.welcome import Welcome, welcome_text

if TYPE_CHECKING:
    # The panes are imported when composed (see `_panes`).
    from textual.widget import Widget

    from bounce_tui.domain.checklist import Reframe
    from bounce_tui.domain.snapshot import CheckInView, MainSnapshot, TimerView
    from bounce_tui.store.sync.watch import SyncOutcome
    from bounce_tui.widgets.mourning_timer import MourningTimers
    from bounce_tui.widgets.regroup_checklist import RegroupChecklist

#: The calm line shown when the mood has stayed at its lowest after a mourning period.
GENTLE_NOTE = f"{HEAVY_DAYS_NOTE} (z hides this for a week)"


def _opening() -> Static:
    return Static("opening…", classes="opening")


class MainScreen(LessonsOnMain):
    """The window kept open for weeks: composed at once, filled when the store has loaded."""

    #: The scopes of the key table this screen answers in the palette (its panes add theirs).
    KEY_SCOPES = ("main",)
    #: From 150 columns the timers sit beside the lessons and the checklist (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(150, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = bindings("main")

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self._reframes: list[Reframe] | None = None
        self._reframe_index = 0
        self._pending: MainSnapshot | None = None
        #: Whether the gentle note and an interview drill were on offer at the last reload.
        self._offers: tuple[bool, bool] | None = None
        self.panes_ready = False
        #: The snapshot the panes show now (None until the first one is drawn).
        self.snapshot_shown: MainSnapshot | None = None
        self._welcome_closed = False
        self._resumed = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.ScreenResume) and not self._resumed:
            # The first resume follows the mount, which has just styled every widget:
            # styling them all again would cost the first frame a few dozen milliseconds.
            # Later resumes (after a screen on top closes) restyle as usual.
            self._resumed = True
            event.refresh_styles = False
        await super().on_event(event)

    def compose(self) -> ComposeResult:
        # With the snapshot already read (store/read/early.py) the first frame shows the
        # content; else it is a light frame, and the panes' widgets mount right after it.
        yield MoodStrip(id="strip")
        yield Welcome(id="welcome")
        panes = self._panes() if self.ctx.snapshot is not None else None
        with Container(id="panes"):
            yield Vertical(panes[0] if panes else _opening(), id="timers-pane")
            with Horizontal(id="lower"):
                yield Vertical(panes[1] if panes else _opening(), id="lessons-pane")
                yield Vertical(panes[2] if panes else _opening(), id="checklist-pane")
        yield KeyFooter(compact=True)

    def _panes(self) -> tuple[Widget, Widget, Widget]:
        from bounce_tui.widgets.lessons_log import LessonsLog
        from bounce_tui.widgets.mourning_timer import MourningTimers
        from bounce_tui.widgets.regroup_checklist import RegroupChecklist

        timers = MourningTimers(id="timers", tz=self.ctx.tz)
        return timers, LessonsLog(id="lessons"), RegroupChecklist(id="checklist")

    def on_mount(self) -> None:
        self.query_one("#timers-pane").border_title = "1 Mourning timers"
        self.query_one("#lessons-pane").border_title = "2 Lessons"
        self.query_one("#checklist-pane").border_title = "3 Regroup checklist"
        self.query_one(MoodStrip).update("Opening your data…")
        self.ctx.snapshot_changed.subscribe(self, self.show_snapshot)
        self.ctx.ticked.subscribe(self, self.tick)
        self.ctx.sync.changed.subscribe(self, self._show_sync)
        if self.query(".opening"):
            # Not after a refresh: a screen on top (the open failed) would hold it back.
            self.call_later(self._mount_panes)
        else:
            self._panes_mounted()

    async def _mount_panes(self) -> None:
        timers, lessons, checklist = self._panes()
        try:
            await self.query(".opening").remove()
            await self.query_one("#timers-pane").mount(timers)
            await self.query_one("#lessons-pane").mount(lessons)
            await self.query_one("#checklist-pane").mount(checklist)
        except NoMatches:  # the app closed while the panes were being mounted
            return
        self._panes_mounted()

    def _panes_mounted(self) -> None:
        self.panes_ready = True
        self.timers.focus()
        pending = self._pending or self.ctx.snapshot
        self._pending = None
        if pending is not None:
            self.show_snapshot(pending)
        self.refresh_bindings()

    @property
    def timers(self) -> MourningTimers:
        """The mourning timers pane."""
        return self.query_one("#timers")  # type: ignore[return-value]

    @property
    def checklist(self) -> RegroupChecklist:
        """The regroup checklist pane."""
        return self.query_one("#checklist")  # type: ignore[return-value]

    # -- showing data --------------------------------------------------------------------

    def show_snapshot(self, snapshot: MainSnapshot) -> None:
        """Fill every pane from a fresh snapshot."""
        if not self.panes_ready:
            self._pending = snapshot
            return
        try:
            self._fill_panes(snapshot)
        except NoMatches:  # a reload that lands while the app is closing: nothing to fill
            return
        self.snapshot_shown = snapshot

    def _show_sync(self, outcome: SyncOutcome | None = None) -> None:
        """The strip's sync mark from the latest sync (none: this database does not sync)."""
        found = self.ctx.sync.outcome
        mark = None
        if found is not None:
            mark = sync_mark(
                found.last_sync, found.conflicts, found.problem, self.ctx.now(), self.ctx.tz
            )
        self.query_one(MoodStrip).show_sync(mark)

    def _fill_panes(self, snapshot: MainSnapshot) -> None:
        now = self.ctx.now()
        strip = self.query_one(MoodStrip)
        strip.show(snapshot.today)
        strip.show_notice(
            [
                GENTLE_NOTE if snapshot.gentle_prompt else "",
                interview_notice(snapshot, now, self.ctx.tz) or "",
            ]
        )
        timers = self.timers
        timers.set_timers(snapshot.timers, now)
        if self.highlight_pending is not None:
            timers.select_rejection(self.highlight_pending)
            self.highlight_pending = None
        self.lessons.set_lessons(snapshot.lessons, total=snapshot.lessons_total)
        offers = (bool(snapshot.gentle_prompt), bool(snapshot.interviews))
        if offers != self._offers:  # the keys `z` and `D` come and go with these
            self._offers = offers
            self.refresh_bindings()
        known = {r.rejection_id for r in snapshot.rejections}
        if self.selected_rejection_id not in known:
            highlighted = timers.highlighted
            self.selected_rejection_id = (
                highlighted.rejection_id
                if highlighted is not None
                else (snapshot.rejections[0].rejection_id if snapshot.rejections else None)
            )
        self.show_checklist()
        self._show_reframe(snapshot, now)
        self._show_welcome(snapshot.welcome_due and not self._welcome_closed)
        self._show_sync()  # "synced 14:02" becomes "synced 3 Dec" once the day rolls over

    def _show_welcome(self, due: bool) -> None:
        """Show the first-run welcome with the keys as this person types them, or hide it."""
        welcome = self.query_one(Welcome)
        if due == welcome.has_class("-shown"):
            return
        if due:
            keymap = getattr(self.app, "remapped", {})
            reject, check_in, close = (
                shown_keys(f"main.{name}", keymap)
                for name in ("log_rejection", "check_in", "close_welcome")
            )
            welcome.update(welcome_text(reject, check_in, close))
        welcome.set_class(due, "-shown")
        self.refresh_bindings()

    def show_checklist(self) -> None:
        """Show the selected rejection's checklist with the hunt-wide items."""
        snapshot = self.ctx.snapshot
        if snapshot is None or not self.panes_ready:
            return
        view = self.rejection_view(self.selected_rejection_id)
        items = snapshot.items_for(self.selected_rejection_id)
        self.checklist.set_items(items, heading_for(view), self._today())

    def _show_reframe(self, snapshot: MainSnapshot, now: datetime) -> None:
        from bounce_tui.domain import mourning
        from bounce_tui.domain.checklist import pick_reframe

        running = any(
            mourning.phase(t.mourning, now) is mourning.Phase.RUNNING for t in snapshot.timers
        )
        if not running:
            self.timers.set_reframe(None)
            return
        if self._reframes is None:
            from bounce_tui.resources import reframes

            try:
                self._reframes = reframes()
            except Exception:  # noqa: BLE001 - a broken asset must not stop the app
                self._reframes = []
        if self._reframes:
            reframe = pick_reframe(self._reframes, self._reframe_index)
            self.timers.set_reframe(reframe)

    def tick(self, now: datetime) -> None:
        """Once a second: redraw countdowns, announce periods that just ended.

        Under a full screen the countdowns are not redrawn (a hidden change still
        repaints the screen on top); they catch up when this screen comes back.
        """
        if not self.panes_ready:
            return
        for timer in self.timers.tick(now, repaint=not self._covered()):
            self.period_ended(timer)

    def _covered(self) -> bool:
        """Whether a screen that is not a see-through dialog sits on top of this one."""
        stack = self.app.screen_stack
        if self not in stack:
            return True
        return any(not isinstance(s, ModalScreen) for s in stack[stack.index(self) + 1 :])

    def on_screen_resume(self) -> None:
        """Back on top: the countdowns catch up at once (StoreScreen's handler runs too)."""
        if self.panes_ready:
            self.timers.tick(self.ctx.now())

    # -- pane messages specific to this screen ----------------------------------------------

    def on_mourning_timers_highlighted(self, event: MourningTimers.Highlighted) -> None:
        timer: TimerView | None = event.timer
        focused = self.focused
        if event.reloaded and focused is not None and focused is not self.timers:
            return  # another program's timer: the checklist being worked on stays
        if timer is not None and timer.rejection_id != self.selected_rejection_id:
            self.selected_rejection_id = timer.rejection_id
            self.show_checklist()

    def on_mourning_timers_next_reframe(self, event: MourningTimers.NextReframe) -> None:
        self.action_next_reframe()

    def on_mourning_timers_open_requested(self, event: MourningTimers.OpenRequested) -> None:
        self.open_rejection(event.timer.rejection_id)

    # -- actions ---------------------------------------------------------------------------

    def action_check_in(self) -> None:
        """Open the check-in form and save it."""
        from bounce_tui.screens.checkin_form import CheckInForm, save_new

        today, tz = self._today(), self.ctx.tz

        def thanks(view: CheckInView) -> None:
            when = "" if view.day == today else f" for {view.day:%a %d %b}"
            self.notify(f"Checked in{when}. Thank you for noticing how you are.", markup=False)

        self.open_form(CheckInForm(today=today), lambda s, data: save_new(s, data, tz), thanks)

    def action_history(self) -> None:
        """Open the check-in history: every day, to correct, delete or skip."""
        from bounce_tui.screens.checkin_history import CheckInHistory

        self.app.push_screen(CheckInHistory(self.ctx))

    def action_progress(self) -> None:
        """Open the progress screen: pictures and figures of bouncing back."""
        from bounce_tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen(self.ctx))

    def action_browse(self) -> None:
        """Open the lessons browser: every lesson, sorted and filtered."""
        from bounce_tui.screens.lessons_browser import LessonsBrowser

        self.app.push_screen(LessonsBrowser(self.ctx))

    def action_hide_note(self) -> None:
        """Hide the gentle note for a week."""
        self.call_store(
            lambda store: store.settings.dismiss_gentle_prompt(7),
            lambda _: self.notify("Hidden for a week. Take care of yourself.", markup=False),
        )

    def action_search(self) -> None:
        """Jump to the lessons pane's search."""
        if not self.panes_ready:
            return
        lessons = self.lessons
        lessons.focus()
        lessons.action_search()

    def action_focus_pane(self, pane: str) -> None:
        """Move focus to one of the three panes."""
        if self.panes_ready:
            self.query_one(f"#{pane}").focus()

    def action_close_welcome(self) -> None:
        """Close the first-run welcome for good (a setting, so it stays closed)."""
        from bounce_tui.domain.settings import WELCOME_CLOSED_KEY

        self._welcome_closed = True
        self._show_welcome(False)
        self.call_store(
            lambda store: store.settings.set_setting(WELCOME_CLOSED_KEY, "yes"),
            lambda _: self.notify("Closed. ? lists every key whenever you need it.", markup=False),
        )

    def action_next_reframe(self) -> None:
        """Show the next reframing question."""
        self._reframe_index += 1
        if self.ctx.snapshot is not None:
            self._show_reframe(self.ctx.snapshot, self.ctx.now())

    def open_rejection(self, rejection_id: str | None) -> None:
        """Push the rejection's detail screen."""
        from bounce_tui.screens.rejection_detail import RejectionDetailScreen

        if self.rejection_view(rejection_id) is not None and rejection_id is not None:
            self.app.push_screen(RejectionDetailScreen(self.ctx, rejection_id))

    def action_new_rejection(self) -> None:
        """`n` in the timers pane: log a rejection."""
        self.action_log_rejection()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`n` means "new rejection" only while the timers pane has focus."""
        if action == "close_welcome":
            return self.query_one(Welcome).has_class("-shown")
        if action == "hide_note":
            snapshot = self.ctx.snapshot
            return bool(snapshot and snapshot.gentle_prompt)
        if action == "interview_drill":
            snapshot = self.ctx.snapshot
            return bool(snapshot and snapshot.interviews)
        if action == "new_rejection":
            focused = self.focused
            if not self.panes_ready or focused is None:
                return False
            return any(node.id == "timers" for node in (focused, *focused.ancestors))
        return True

"""RejectionDetailScreen: one rejection with its timer, its checklist and its lessons."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.widgets import Static

from bounce_tui.domain.dates import local_time
from bounce_tui.domain.snapshot import MainSnapshot
from bounce_tui.domain.text import one_line
from bounce_tui.keys import bindings
from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.pane_screen import PaneScreen, heading_for
from bounce_tui.widgets.key_footer import KeyFooter
from bounce_tui.widgets.lessons_log import LessonsLog
from bounce_tui.widgets.mourning_timer import MourningTimers
from bounce_tui.widgets.regroup_checklist import RegroupChecklist


class RejectionDetailScreen(PaneScreen):
    """Everything about one rejection; `E` edits it, `D` deletes it (undoable).

    Lower-case e and d act on the focused pane's entry, as on the main screen.
    """

    DEFAULT_CSS = """
    #detail-header {
        height: auto;
        max-height: 8;
        padding: 0 1;
        background: $boost;
    }
    #detail-panes {
        height: 1fr;
        layout: grid;
        grid-size: 2 2;
        grid-rows: 1fr 2fr;
    }
    #detail-timers {
        column-span: 2;
    }
    #detail-lessons, #detail-checklist {
        height: 1fr;
    }
    #detail-timers, #detail-lessons, #detail-checklist {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
    }
    #detail-timers:focus-within, #detail-lessons:focus-within, #detail-checklist:focus-within {
        border: round $accent;
        border-title-color: $accent;
    }
    """

    KEY_SCOPES = ("detail",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("detail")

    def __init__(self, ctx: ScreenContext, rejection_id: str) -> None:
        super().__init__(ctx)
        self.selected_rejection_id = rejection_id
        self.rejection_id = rejection_id

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header")
        with Container(id="detail-panes"):
            yield MourningTimers(id="detail-timers", tz=self.ctx.tz)
            yield RegroupChecklist(id="detail-checklist")
            yield LessonsLog(id="detail-lessons")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#detail-timers").border_title = "Mourning timer"
        self.query_one("#detail-checklist").border_title = "Regroup checklist"
        self.query_one("#detail-lessons").border_title = "Lessons from it"
        self.ctx.snapshot_changed.subscribe(self, self.show_snapshot)
        self.ctx.ticked.subscribe(self, self.tick)
        if self.ctx.snapshot is not None:
            self.show_snapshot(self.ctx.snapshot)
        self.query_one(RegroupChecklist).focus()

    def show_snapshot(self, snapshot: MainSnapshot) -> None:
        """Show this rejection's parts of a fresh snapshot (leave if it was deleted)."""
        if self.closing:
            return
        view = self.rejection_view(self.rejection_id)
        if view is None:
            self._gone()
            return
        when = local_time(view.received_at, self.ctx.tz).strftime("%a %d %b %Y %H:%M")
        header = Text()
        header.append(one_line(view.company, 60), style="bold")
        if view.role:
            header.append(f" — {one_line(view.role, 60)}")
        header.append(f"\n{view.stage} · {view.channel} · {when}")
        if view.contact:
            header.append(f" · contact: {one_line(view.contact, 40)}")
        if view.notes.strip():
            header.append("\n" + notes_lines(view.notes))
        self.query_one("#detail-header", Static).update(header)
        now = self.ctx.now()
        timers = [t for t in snapshot.timers if t.rejection_id == self.rejection_id]
        self.query_one(MourningTimers).set_timers(timers, now)
        rejection_id = self.rejection_id
        self.call_store(
            lambda store: store.read.lessons_for_rejection(rejection_id),
            self.query_one(LessonsLog).set_lessons,
            writes=False,
        )
        self.show_checklist()

    def _gone(self) -> None:
        """Deleted (here or elsewhere): stop showing a timer that no longer exists, then
        close this screen, not a form that may be open over it."""
        self.query_one("#detail-header", Static).update(Text("This rejection was deleted."))
        self.query_one(MourningTimers).set_timers([], self.ctx.now())
        self.close_self("rejection", self.rejection_id)

    def show_checklist(self) -> None:
        """This rejection's checklist."""
        snapshot = self.ctx.snapshot
        if snapshot is None:
            return
        view = self.rejection_view(self.rejection_id)
        items = [i for i in snapshot.items_for(self.rejection_id) if i.rejection_id is not None]
        self.query_one(RegroupChecklist).set_items(items, heading_for(view), self._today())

    def tick(self, now: datetime) -> None:
        """Keep the countdown live (the main screen announces endings)."""
        if self.is_current and not self.closing:
            self.query_one(MourningTimers).tick(now)

    def action_edit(self) -> None:
        """Edit this rejection."""
        self.edit_rejection(self.rejection_id)

    def action_delete(self) -> None:
        """Delete this rejection (asks; undo with u)."""
        self.delete_rejection(self.rejection_id)

    def action_lesson(self) -> None:
        """Turn this rejection's closing line or feedback into a lesson."""
        self.lesson_from_rejection(self.rejection_id)


def notes_lines(notes: str, *, most: int = 4, width: int = 200) -> str:
    """A rejection's notes for its header: the first line and the newest ones.

    Answers to reframing questions are added at the end, so the newest lines are
    the ones kept when there are more than ``most``; each line is cut to ``width``.
    """
    lines = [one_line(line, width) for line in notes.splitlines() if line.strip()]
    if len(lines) > most:
        hidden = len(lines) - most + 1
        lines = [lines[0], f"… {hidden} more line{'s' if hidden != 1 else ''} (E shows all)",
                 *lines[-(most - 2):]]  # fmt: skip
    return "\n".join(lines)

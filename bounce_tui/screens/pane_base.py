"""What every screen that shows the panes shares: the selected rejection, undo, today.

`PaneScreen` (pane_screen.py) answers the panes' requests; it builds on
`LessonFlows` (lesson_flows.py), which builds on this.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bounce_tui.domain.dates import local_day
from bounce_tui.screens.store_screen import StoreScreen

if TYPE_CHECKING:
    # Only for annotations: the pane widgets are imported after the first frame.
    from bounce_tui.domain.snapshot import (
        RejectionView,
    )
    from bounce_tui.store.cases.undo import Deleted


class PaneBase(StoreScreen):
    """The state and helpers the pane screens share."""

    #: The rejection whose checklist is shown and that new items and lessons belong to.
    selected_rejection_id: str | None = None
    #: A rejection just logged, whose timer the cursor moves to once it is loaded.
    highlight_pending: str | None = None

    # -- helpers ---------------------------------------------------------------------

    def rejection_view(self, rejection_id: str | None) -> RejectionView | None:
        """The loaded record of a rejection."""
        snapshot = self.ctx.snapshot
        if snapshot is None or rejection_id is None:
            return None
        return next((r for r in snapshot.rejections if r.rejection_id == rejection_id), None)

    def deleted(self, what: Deleted) -> None:
        """Remember a deletion for `u` and say how to undo it."""
        self.ctx.undo.append(what)
        self.notify(f"Deleted {what.label} — press u to undo.", markup=False)

    def action_undo(self) -> None:
        """Undo the most recent deletion."""
        if not self.ctx.undo:
            self.notify("Nothing to undo.", markup=False)
            return
        what = self.ctx.undo.pop()
        self.call_store(
            lambda store: store.undo.restore(what),
            lambda _: self.notify(f"Restored {what.label}.", markup=False),
            failed=lambda _error: self.ctx.undo.append(what),
        )

    def show_checklist(self) -> None:
        """Show the selected rejection's checklist (subclasses place it)."""

    def _today(self) -> date:
        return local_day(self.ctx.now(), self.ctx.tz)

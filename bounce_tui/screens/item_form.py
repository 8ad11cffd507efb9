"""The form that adds (or edits) a regroup checklist item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Select

from bounce_tui.domain.checklist import KINDS, validate_kind
from bounce_tui.domain.dates import DAY_FORMAT_HELP, parse_day
from bounce_tui.domain.snapshot import ItemView
from bounce_tui.domain.text import clean_text
from bounce_tui.screens.form_base import FormScreen, row

__all__ = ["ItemInput", "ItemForm"]


@dataclass(frozen=True)
class ItemInput:
    """A valid checklist item as typed in the form; `due_on` None means no date."""

    title: str
    why: str
    kind: str
    due_on: date | None


class ItemForm(FormScreen[ItemInput]):
    """Add a checklist item, or edit one (`initial`); returns an ItemInput or None."""

    def __init__(self, today: date, initial: ItemView | None = None) -> None:
        super().__init__()
        self.today = today
        self.initial = initial
        self.dialog_title = "Edit item" if initial else "New checklist item"

    def compose_fields(self) -> ComposeResult:
        start = self.initial
        title = self.prefill("title", start.title) if start else ""
        why = self.prefill("why", start.why) if start else ""
        kind = start.kind if start and start.kind in KINDS else "task"
        due = start.due_on.isoformat() if start and start.due_on else ""
        yield row(
            "Title", Input(title, placeholder="what to do (required)", id="title", compact=True)
        )
        yield row("Why", Input(why, placeholder="one line: why it helps", id="why", compact=True))
        yield row(
            "Kind",
            Select([(k, k) for k in KINDS], value=kind, allow_blank=False, id="kind", compact=True),
        )
        yield row(
            "Due",
            Input(
                due,
                placeholder="tomorrow, fri, +3d, YYYY-MM-DD, or empty",
                tooltip=DAY_FORMAT_HELP,
                id="due",
                compact=True,
            ),
        )

    def build_result(self) -> ItemInput:
        title = self.check("title", clean_text, self.text("title"), "title", max_len=500)
        why = self.check("why", clean_text, self.text("why"), "why", required=False, max_len=2000)
        kind = self.check("kind", validate_kind, str(self.query_one("#kind", Select).value))
        return ItemInput(title=title, why=why, kind=kind, due_on=self._due())

    def _due(self) -> date | None:
        """The typed due day: today or later, unless it is the stored one left as it was."""
        typed = self.query_one("#due", Input).value.strip()
        start = self.initial
        if start is not None and start.due_on is not None and typed == start.due_on.isoformat():
            return start.due_on  # an overdue item keeps its day when edited for something else
        if not typed:
            return None
        return self.check("due", parse_day, typed, self.today, "future")

"""The form that logs (or edits) a rejection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from bounce_tui.domain.dates import (
    MOMENT_FORMAT_HELP,
    WrongSide,
    local_time,
    parse_moment,
    to_utc,
)
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.mourning import (
    CHANNELS,
    STAGES,
    default_days,
    validate_channel,
    validate_days,
    validate_stage,
)
from bounce_tui.domain.snapshot import RejectionView
from bounce_tui.domain.text import clean_text
from bounce_tui.screens.form_base import FieldError, FormScreen, row
from bounce_tui.widgets.text_box import TextBox

__all__ = ["RejectionInput", "RejectionForm", "FUTURE_ERROR"]

FUTURE_ERROR = "a rejection cannot arrive in the future"
_SHORT = 200  # company, role and contact: the store's limit


@dataclass(frozen=True)
class RejectionInput:
    """A valid rejection as typed in the form; `received_at` is aware UTC."""

    company: str
    role: str
    stage: str
    received_at: datetime
    channel: str
    mourn_days: int
    contact: str
    notes: str


def _known(value: str, allowed: tuple[str, ...], fallback: str) -> str:
    return value if value in allowed else fallback


class RejectionForm(FormScreen[RejectionInput]):
    """Log a rejection, or edit one (`initial`); returns a RejectionInput or None.

    The mourning length follows the stage (`default_days` with `mourning_overrides`)
    until the user types their own; in edit mode it is hidden and the stage default
    is returned, since editing does not change a running timer.
    """

    DEFAULT_CSS = """
    RejectionForm #notes {
        height: 3;
        background: $surface;
    }
    """

    def __init__(
        self,
        now: datetime,
        tz: tzinfo | None = None,
        initial: RejectionView | None = None,
        mourning_overrides: Mapping[str, int] | None = None,
    ) -> None:
        super().__init__()
        self.now = now
        self.tz = tz
        self.initial = initial
        self.overrides = dict(mourning_overrides or {})
        self._auto_days = ""
        self.dialog_title = "Edit rejection" if initial else "Log a rejection"

    def _moment_text(self, moment: datetime) -> str:
        return local_time(moment, self.tz).strftime("%Y-%m-%d %H:%M")

    def compose_fields(self) -> ComposeResult:
        start = self.initial
        stage = _known(start.stage, STAGES, "interview") if start else "interview"
        channel = _known(start.channel, CHANNELS, "email") if start else "email"
        when = self._moment_text(start.received_at) if start else "today"
        self._auto_days = str(default_days(stage, self.overrides))
        yield row(
            "Company",
            Input(
                self.prefill("company", start.company) if start else "",
                placeholder="who turned you down (required)",
                id="company",
                compact=True,
            ),
        )
        yield row(
            "Role",
            Input(
                self.prefill("role", start.role) if start else "",
                placeholder="the job",
                id="role",
                compact=True,
            ),
        )
        yield row(
            "Stage",
            Select(
                [(s, s) for s in STAGES], value=stage, allow_blank=False, id="stage", compact=True
            ),
        )
        yield row(
            "Received",
            Input(
                when,
                placeholder="today, yesterday 17:30, mon, 2026-03-02 09:00",
                tooltip=MOMENT_FORMAT_HELP,
                id="received",
                compact=True,
            ),
        )
        yield row(
            "How",
            Select(
                [(c, c) for c in CHANNELS],
                value=channel,
                allow_blank=False,
                id="channel",
                compact=True,
            ),
        )
        days_row = row(
            "Mourning days",
            Input(self._auto_days, placeholder="1 to 14", id="days", compact=True),
            row_id="days-row",
        )
        days_row.display = start is None
        yield days_row
        yield row(
            "Contact",
            Input(
                self.prefill("contact", start.contact) if start else "",
                placeholder="name, to keep in touch",
                id="contact",
                compact=True,
            ),
        )
        notes = TextBox(
            self.prefill("notes", start.notes) if start else "",
            id="notes",
            soft_wrap=True,
            compact=True,
            tab_behavior="focus",
            highlight_cursor_line=False,
            placeholder="what they said (feedback), anything worth remembering",
        )
        yield row("Notes", notes)

    @on(Select.Changed, "#stage")
    def _stage_changed(self, event: Select.Changed) -> None:
        """Re-fill the mourning length from the new stage unless the user chose their own."""
        if event.value not in STAGES:
            return
        days = self.query_one("#days", Input)
        typed = days.value.strip()
        if typed and typed != self._auto_days:
            return
        self._auto_days = str(default_days(str(event.value), self.overrides))
        days.value = self._auto_days

    def _received(self) -> datetime:
        typed = self.query_one("#received", Input).value
        start = self.initial
        if start is not None and typed.strip() == self._moment_text(start.received_at):
            return to_utc(start.received_at)  # unchanged: keep the exact moment
        try:
            return parse_moment(typed, self.now, self.tz, "past")
        except WrongSide:
            raise FieldError("received", FUTURE_ERROR) from None
        except DomainError as error:
            raise FieldError("received", str(error)) from None

    def build_result(self) -> RejectionInput:
        company = self.check("company", clean_text, self.text("company"), "company", max_len=_SHORT)
        role = self.check(
            "role", clean_text, self.text("role"), "role", required=False, max_len=_SHORT
        )
        stage = self.check("stage", validate_stage, str(self.query_one("#stage", Select).value))
        received_at = self._received()
        channel = self.check(
            "channel", validate_channel, str(self.query_one("#channel", Select).value)
        )
        if self.initial is None:
            mourn_days = self.check("days", validate_days, self.query_one("#days", Input).value)
        else:
            mourn_days = default_days(stage, self.overrides)
        contact = self.check(
            "contact", clean_text, self.text("contact"), "contact", required=False, max_len=_SHORT
        )
        notes = self.check("notes", clean_text, self.text("notes"), "notes", required=False)
        return RejectionInput(
            company=company,
            role=role,
            stage=stage,
            received_at=received_at,
            channel=channel,
            mourn_days=mourn_days,
            contact=contact,
            notes=notes,
        )

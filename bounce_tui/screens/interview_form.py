"""The form that notes an upcoming interview: the moment the lessons exist for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.widgets import Input, Select

from bounce_tui.domain.dates import MOMENT_FORMAT_HELP, WrongSide, parse_moment
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.mourning import STAGES, validate_stage
from bounce_tui.domain.text import NAME_MAX_LEN, clean_text
from bounce_tui.screens.form_base import FieldError, FormScreen, row

__all__ = ["InterviewInput", "InterviewForm", "PAST_ERROR"]

PAST_ERROR = "an interview date must be today or later"


@dataclass(frozen=True)
class InterviewInput:
    """A valid upcoming interview as typed in the form; `at` is aware UTC."""

    company: str
    at: datetime
    role: str = ""
    stage: str = "interview"


class InterviewForm(FormScreen[InterviewInput]):
    """Note an upcoming interview; returns an InterviewInput or None.

    `now` (aware) and `tz` (None: the system zone) decide what "today" means; a
    moment on an earlier local day is refused. The day before, the app offers a
    drill of the lessons that match the interview.
    """

    def __init__(self, now: datetime, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.now = now
        self.tz = tz
        self.dialog_title = "Upcoming interview"

    def compose_fields(self) -> ComposeResult:
        yield row(
            "Company",
            Input(placeholder="who you interview with (required)", id="company", compact=True),
        )
        yield row("Role", Input(placeholder="the job", id="role", compact=True))
        yield row(
            "Stage",
            Select(
                [(s, s) for s in STAGES],
                value="interview",
                allow_blank=False,
                id="stage",
                compact=True,
            ),
        )
        yield row(
            "When",
            Input(
                placeholder="tomorrow 14:00, fri 9:30, 2026-03-12 10:00 (required)",
                tooltip=MOMENT_FORMAT_HELP,
                id="at",
                compact=True,
            ),
        )

    def _moment(self) -> datetime:
        typed = self.query_one("#at", Input).value
        try:
            return parse_moment(typed, self.now, self.tz, "future")
        except WrongSide:
            raise FieldError("at", PAST_ERROR) from None
        except DomainError as error:
            raise FieldError("at", str(error)) from None

    def build_result(self) -> InterviewInput:
        company = self.check(
            "company", clean_text, self.text("company"), "company", max_len=NAME_MAX_LEN
        )
        role = self.check(
            "role", clean_text, self.text("role"), "role", required=False, max_len=NAME_MAX_LEN
        )
        stage = self.check("stage", validate_stage, str(self.query_one("#stage", Select).value))
        return InterviewInput(company=company, at=self._moment(), role=role, stage=stage)

"""Snapshots of every form at 80×24, with a fixed clock and zone so they repeat."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from bounce_tui.domain.snapshot import ItemView, LessonView, RejectionView
from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.choice_form import ChoiceForm
from bounce_tui.screens.close_out_form import CloseOutForm
from bounce_tui.screens.confirm import ConfirmScreen
from bounce_tui.screens.elsewhere import GoneChoice, VersionChoice
from bounce_tui.screens.item_form import ItemForm
from bounce_tui.screens.lesson_form import LessonForm
from bounce_tui.screens.rejection_form import RejectionForm

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 10)
ACME = RejectionView(
    "r1", "Acme [bold]Corp[/]", "Backend engineer", "final", NOW, "call", "Dana", "kind\x1b[31m"
)
FEEDBACK = ItemView(
    "i1",
    "r1",
    "Decide whether to ask for feedback",
    "Advisers disagree on this one, so make it a deliberate choice.",
    "decision",
    views=(
        "For: if the interviewer seemed open, one polite question may teach you something real.",
        "Against: it can put them in an awkward or even legal spot, and replies are often vague.",
        "[/] literal text stays literal",
    ),
    choices=("ask", "don't ask"),
)
LESSON = LessonView(
    "l1",
    "Prepare two stories about conflict.\nPractise them out loud.",
    "preparation",
    ("stories", "star"),
    NOW,
    NOW,
    "r1",
    "Acme",
    prompt="Asked about a disagreement with a manager",
)


class FormHost(App[None]):
    """Pushes one form when it starts."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make

    def on_mount(self) -> None:
        self.push_screen(self.make())


async def _save(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


async def _pick_mood(pilot: Pilot[Any]) -> None:
    await pilot.press("4", "tab")
    await pilot.pause()


CASES: dict[str, tuple[Callable[[], Screen[Any]], Callable[[Pilot[Any]], Any] | None]] = {
    "rejection_new": (lambda: RejectionForm(NOW, BERLIN), None),
    "rejection_error": (lambda: RejectionForm(NOW, BERLIN), _save),
    "rejection_edit": (lambda: RejectionForm(NOW, BERLIN, initial=ACME), None),
    "checkin": (CheckInForm, _pick_mood),
    "checkin_error": (CheckInForm, _save),
    "lesson_edit": (lambda: LessonForm([ACME], initial=LESSON), None),
    "item_new": (lambda: ItemForm(TODAY), None),
    "confirm": (lambda: ConfirmScreen("Delete the lesson “[/] prepare more”?"), None),
    "close_out": (lambda: CloseOutForm("Acme"), None),
    "choice": (lambda: ChoiceForm(FEEDBACK), None),
    "versions": (
        lambda: VersionChoice(
            "lesson",
            [
                ("Situation", "Asked about [bold]a manager[/]", "Asked about a disagreement"),
                ("Tags", "stories", "stories, star\x1b[31m"),
            ],
        ),
        None,
    ),
    "gone": (lambda: GoneChoice("rejection"), None),
}


@pytest.mark.parametrize("name", list(CASES))
def test_form_snapshot(name: str, snap_compare: Any) -> None:
    make, run_before = CASES[name]
    assert snap_compare(FormHost(make), terminal_size=(80, 24), run_before=run_before)

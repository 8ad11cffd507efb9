"""The daily check-in form: the day, mood 1–5, optional energy, a note and tags.

A new check-in takes a day typed the way the command line takes it (`today`,
`yesterday`, `mon`, `3d ago`, `2026-03-02`; never a later day). A check-in being
corrected keeps its day: the form shows it but does not change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone, tzinfo
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Label, RadioButton, RadioSet, Select

from bounce_tui.domain.checkins import (
    ENERGY_LABELS,
    MOOD_LABELS,
    MOOD_MAX,
    MOOD_MIN,
    validate_energy,
)
from bounce_tui.domain.checkins import validate_mood as _validate_mood
from bounce_tui.domain.dates import from_local, local_day, parse_day
from bounce_tui.domain.text import clean_tags, clean_text
from bounce_tui.keys import bindings
from bounce_tui.screens.form_base import FieldError, FormScreen, row

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import CheckInView
    from bounce_tui.store.repository import Store

__all__ = [
    "CheckInInput",
    "CheckInForm",
    "MoodPicker",
    "split_tags",
    "save_new",
    "NO_MOOD_ERROR",
]

NO_MOOD_ERROR = "pick a mood from 1 to 5"
_TAG_SPLIT = re.compile(r"[,\s]+")


def split_tags(text: str) -> list[str]:
    """Split typed tags on commas and whitespace (cleaning is `clean_tags`' job)."""
    return [part for part in _TAG_SPLIT.split(text) if part]


@dataclass(frozen=True)
class CheckInInput:
    """A valid check-in as typed in the form; `day` is None for today."""

    mood: int
    energy: int | None
    note: str
    tags: tuple[str, ...]
    day: date | None = None


class MoodPicker(RadioSet):
    """The five moods in one row; the digit keys 1–5 pick a mood directly."""

    DEFAULT_CSS = """
    MoodPicker {
        layout: horizontal;
        height: 1;
        width: 1fr;
        background: $surface;
        overflow: hidden hidden;
    }
    MoodPicker > RadioButton {
        width: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("mood")

    def __init__(self, mood: int | None = None, *, id: str | None = None) -> None:
        buttons = [
            RadioButton(f"{n} {label}", value=n == mood, id=f"mood-{n}")
            for n, label in MOOD_LABELS.items()
        ]
        super().__init__(*buttons, id=id, compact=True)

    def on_mount(self) -> None:
        # RadioSet highlights its first button on mount; highlight the picked mood
        # instead (or none), so "1 awful" never looks chosen when it is not.
        self.call_after_refresh(self._highlight_pressed)

    def _highlight_pressed(self) -> None:
        index = self.pressed_index
        self._selected = index if index >= 0 else None

    @property
    def mood(self) -> int | None:
        """The picked mood, or None when none is picked yet.

        Read from the buttons themselves: the set's own `pressed_index` follows a
        message, and a save typed straight after a digit may come before it.
        """
        for n in range(MOOD_MIN, MOOD_MAX + 1):
            if self.query_one(f"#mood-{n}", RadioButton).value:
                return n
        return None

    def action_pick(self, mood: int) -> None:
        """Pick `mood` (1–5)."""
        if MOOD_MIN <= mood <= MOOD_MAX:
            self.query_one(f"#mood-{mood}", RadioButton).value = True

    def action_submit(self) -> None:
        """`enter`: pick the highlighted mood (if it is not the picked one), then save."""
        highlighted = self._selected
        if highlighted is not None and highlighted != self.pressed_index:
            button = self._nodes[highlighted]
            if isinstance(button, RadioButton):
                button.value = True
        # The pick reaches the set as a message; save once it has been handled.
        self.call_after_refresh(self.screen.run_action, "save")


class CheckInForm(FormScreen[CheckInInput]):
    """Check in: how are you today? Returns a CheckInInput or None."""

    keys_hint = "1-5 mood · enter save · esc cancel"

    def __init__(self, initial: CheckInInput | None = None, *, today: date | None = None) -> None:
        """`initial` fills the form to correct a check-in (its `day` is then shown, fixed);
        `today` is the local day typed days count from (the clock's, passed by the screen)."""
        super().__init__()
        self.initial = initial
        self.today = today or local_day(_now())
        self.dialog_title = "Edit check-in" if initial else "Check in"

    def compose_fields(self) -> ComposeResult:
        start = self.initial
        energy = start.energy if start and start.energy in ENERGY_LABELS else None
        yield row("Mood", MoodPicker(start.mood if start else None, id="mood"))
        yield row(
            "Energy",
            Select(
                [(f"{n} {label}", n) for n, label in ENERGY_LABELS.items()],
                prompt="(not given)",
                value=energy if energy is not None else Select.NULL,
                id="energy",
                compact=True,
            ),
        )
        note = self.prefill("note", start.note) if start else ""
        yield row("Note", Input(note, placeholder="a line about today", id="note", compact=True))
        tags = self.prefill("tags", ", ".join(start.tags)) if start else ""
        yield row(
            "Tags",
            Input(tags, placeholder="comma or space separated", id="tags", compact=True),
        )
        if start is None:
            yield row(
                "Day",
                Input(
                    "today",
                    placeholder="today, yesterday, mon, 3d ago, 2026-03-02",
                    id="day",
                    compact=True,
                ),
            )
        else:
            shown_day = start.day or self.today
            yield row("Day", Label(f"{shown_day:%a %d %b %Y} (a check-in keeps its day)"))

    def build_result(self) -> CheckInInput:
        start = self.initial
        mood = self.query_one("#mood", MoodPicker).mood
        if mood is None:
            raise FieldError("mood", NO_MOOD_ERROR)
        mood = self.check("mood", _validate_mood, mood)
        chosen = self.query_one("#energy", Select).value
        energy = self.check("energy", validate_energy, chosen if isinstance(chosen, int) else None)
        note = self.check("note", clean_text, self.text("note"), "note", required=False)
        typed_tags = (
            list(start.tags) if start and self.unchanged("tags") else split_tags(self.text("tags"))
        )
        tags = self.check("tags", clean_tags, typed_tags)
        if start is None:
            typed = self.query_one("#day", Input).value.strip() or "today"
            picked = self.check("day", parse_day, typed, self.today, "past")
            day = None if picked == self.today else picked
        else:
            day = start.day
        return CheckInInput(mood=mood, energy=energy, note=note, tags=tags, day=day)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def save_new(store: Store, data: CheckInInput, tz: tzinfo | None) -> CheckInView:
    """Record a new check-in from the form: now, or at noon of the earlier day typed."""
    at = None if data.day is None else from_local(datetime.combine(data.day, time(12)), tz)
    return store.checkins.check_in(
        data.mood, energy=data.energy, note=data.note, tags=data.tags, at=at
    )

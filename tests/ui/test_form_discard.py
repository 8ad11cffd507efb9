"""Forms do not lose a half-written entry to one escape, fit a short terminal and show focus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Button, Input, Label

from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.form_base import DISCARD_LINE
from bounce_tui.screens.item_form import ItemForm
from bounce_tui.screens.lesson_form import LessonForm
from bounce_tui.screens.rejection_form import RejectionForm
from tests.ui.conftest import wait_until
from tests.ui.test_forms import ACME, BERLIN, NOW, SIZE, TODAY, Host, error_text

FORMS: dict[str, Callable[[], Screen[Any]]] = {
    "rejection": lambda: RejectionForm(NOW, BERLIN),
    "checkin": CheckInForm,
    "lesson": lambda: LessonForm([ACME]),
    "item": lambda: ItemForm(TODAY),
}


async def test_escape_on_an_untouched_form_closes_at_once() -> None:
    for make in FORMS.values():
        app = Host(make)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.results == [None]


@pytest.mark.parametrize("name", ["rejection", "lesson", "item"])
async def test_escape_after_typing_asks_then_discards(name: str) -> None:
    app = Host(FORMS[name])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form, "one escape must not throw the entry away"
        assert DISCARD_LINE in error_text(app)
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_picking_a_mood_counts_as_a_change() -> None:
    app = Host(CheckInForm)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4", "escape")
        await pilot.pause()
        assert DISCARD_LINE in error_text(app)
        assert app.results == []


async def test_typing_after_the_question_asks_again() -> None:
    app = Host(FORMS["rejection"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen
        await pilot.press("A", "escape")
        await pilot.pause()
        assert DISCARD_LINE in error_text(app)
        await pilot.press("c", "m", "e")  # went on writing: the question is withdrawn
        await pilot.pause()
        assert DISCARD_LINE not in error_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and DISCARD_LINE in error_text(app)
        await pilot.press("ctrl+s")  # still saves after all that
        await pilot.pause()
        assert len(app.results) == 1 and app.results[0].company == "Acme"


async def test_setting_a_field_back_to_how_it_was_closes_at_once() -> None:
    app = Host(FORMS["rejection"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x", "backspace", "escape")
        await pilot.pause()
        assert app.results == [None]


@pytest.mark.parametrize("name", list(FORMS))
async def test_a_short_terminal_keeps_the_buttons_on_screen(name: str) -> None:
    app = Host(FORMS[name])
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen_region = app.screen.region
        for button_id in ("save", "cancel"):
            button = app.screen.query_one(f"#{button_id}", Button)
            assert screen_region.contains_region(button.region), button_id
            assert button.region.height >= 1
        # tabbing to the last field scrolls the fields, and the field is then on screen
        fields = app.screen.query_one("#fields")
        last = list(fields.query("Input, TextArea"))[-1]
        last.focus()
        await wait_until(
            pilot, lambda: fields.region.contains_region(last.region), "the last field in view"
        )


async def test_the_focused_field_is_marked_by_its_label() -> None:
    app = Host(FORMS["rejection"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen

        def label_of(field_id: str) -> Label:
            parent = form.query_one(f"#{field_id}", Input).parent
            assert parent is not None
            return parent.query_one(Label)

        assert app.focused is form.query_one("#company", Input)
        assert label_of("company").rich_style.bold
        assert not label_of("role").rich_style.bold
        await pilot.press("tab")
        await pilot.pause()
        assert label_of("role").rich_style.bold
        assert not label_of("company").rich_style.bold

"""The thank-you item shows a reply to send, and `y` copies it."""

from __future__ import annotations

from pathlib import Path

from bounce_tui.widgets.regroup_checklist import RegroupChecklist
from tests.conftest import Clock
from tests.ui.conftest import footer_showing, running, screen_text, seed, wait_until


def _highlight(pane: RegroupChecklist, start: str) -> None:
    titles = [item.title for item in pane.items]
    pane.option_list.highlighted = next(i for i, t in enumerate(titles) if t.startswith(start))


async def test_y_copies_the_thank_you_reply(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)  # Acme: a final-round rejection by email, no contact noted
    async with running(db_path, clock, size=(100, 40)) as (app, pilot, spy):
        await pilot.press("3")
        pane = app.screen.query_one(RegroupChecklist)
        _highlight(pane, "Reply with a short thank-you")
        await footer_showing(pilot, "Copy reply")
        assert "a reply you can send" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: spy.matching("reply is copied"), "the note")
        assert app.clipboard.startswith("Hello,")
        assert "Acme" in app.clipboard and "{" not in app.clipboard


async def test_y_does_nothing_on_an_item_without_a_reply(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock, size=(100, 40)) as (app, pilot, spy):
        await pilot.press("3")
        pane = app.screen.query_one(RegroupChecklist)
        _highlight(pane, "Write down what happened")
        await pilot.pause()
        assert pane.check_action("copy_reply", ()) is False
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "" and not spy.matching("copied")

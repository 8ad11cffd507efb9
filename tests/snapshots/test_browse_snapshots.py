"""Snapshots of the lessons browser and of a lesson's own screen, at 80x24 and 100x30."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bounce_tui.app import BounceApp
from bounce_tui.screens.lesson_detail import LessonScreen
from bounce_tui.screens.lessons_browser import LessonsBrowser
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock

BACK = (
    "Send the thank-you note the same evening, with one thing I learned from them; "
    "keep it short and warm, three lines at most, and do not ask about the decision again."
)


def seed(db: Path) -> None:
    """Four lessons from two rejections: one with a front, grades, one in a theme."""
    clock = Clock(NOW - timedelta(days=10))
    store = Store(db, now=clock, tz=BERLIN, template=list)
    try:
        acme = store.rejections.log_rejection("Acme", role="Data analyst", stage="final")
        first = store.lessons.add_lesson(
            "Prepare two stories about conflict", category="preparation", rejection_id=acme
        )
        store.reviews.grade_lesson(first, 1)
        clock.advance(days=2)
        store.reviews.grade_lesson(first, 3)
        globex = store.rejections.log_rejection("Globex", role="Engineer", stage="screen")
        clock.advance(days=1)
        store.lessons.add_lesson(
            BACK, category="logistics", tags=["follow-up"], rejection_id=globex,
            prompt="After a final round, what do I send, and when?",
        )  # fmt: skip
        clock.advance(days=1)
        store.reviews.grade_lesson(first, 4, drill=True)
        store.lessons.add_lesson("Ask what the team struggles with", category="interview")
        store.lessons.add_lesson("Sleep before the flight", category="logistics")
    finally:
        store.close()


def opened(lesson: bool) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Open the browser (`b`); with `lesson`, open its second lesson (`down`, `enter`)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, BounceApp)
        while app.ctx.snapshot is None:
            await pilot.pause(0.02)
        await pilot.press("b")
        for _ in range(1500):  # at least 30 s: only a limit for a very busy machine
            screen = app.screen
            if isinstance(screen, LessonsBrowser) and screen.page and not screen.busy:
                break
            await pilot.pause(0.02)
        if lesson:
            await pilot.press("down")  # the lesson from Acme: a made-up front, three grades
            await pilot.press("enter")
            for _ in range(1500):
                screen = app.screen
                if isinstance(screen, LessonScreen) and screen.detail is not None:
                    break
                await pilot.pause(0.02)
        await pilot.pause(0.1)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
@pytest.mark.parametrize("lesson", [False, True], ids=["browser", "lesson"])
def test_browse_snapshot(
    lesson: bool, size: tuple[int, int], tmp_path: Path, snap_compare: Any
) -> None:
    db = tmp_path / "data" / "bounce.db"
    seed(db)
    app = BounceApp(db, now=Clock(NOW), tz=BERLIN, tick_seconds=3600)
    assert snap_compare(app, terminal_size=size, run_before=opened(lesson))

"""Snapshots of the review screen (front, back, summary, nothing due) and its two forms."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from bounce_tui.app import BounceApp
from bounce_tui.screens.drill_form import DrillForm
from bounce_tui.screens.interview_form import InterviewForm
from bounce_tui.screens.review import ReviewScreen
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock

STORIES = (
    "Prepare two stories about conflict\n"
    "Use STAR: one about a missed deadline, one about a disagreement with a lead.\n"
    "Practise them out loud, twice, the evening before."
)


def seed(db: Path, *, all_done: bool = False) -> None:
    """Three lessons due now (the first reviewed once, ten days ago), or none due."""
    clock = Clock(NOW - timedelta(days=10))
    store = Store(db, now=clock, tz=BERLIN, template=list)
    try:
        acme = store.rejections.log_rejection("Acme", role="Data analyst", stage="final")
        first = store.lessons.add_lesson(
            STORIES, category="preparation", tags=["stories", "star"], rejection_id=acme
        )
        store.reviews.grade_lesson(first, 1)
        ids = [first]
        for n, text in enumerate(("Ask what the team struggles with", "Sleep before the flight")):
            clock.moment = NOW - timedelta(days=2, minutes=-n)
            ids.append(store.lessons.add_lesson(text, category="interview"))
        if all_done:
            clock.moment = NOW - timedelta(hours=1)
            for lesson_id in ids:
                store.reviews.grade_lesson(lesson_id, 3)
    finally:
        store.close()


def drawn(app: BounceApp) -> str:
    """The screen as drawn, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def opened(expect: str, *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the store, open the review screen, press `keys`, wait until `expect` is drawn."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, BounceApp)
        while app.ctx.snapshot is None:
            await pilot.pause(0.02)
        review = ReviewScreen(app.ctx)
        await app.push_screen(review)
        while review.showing == "loading" or review.busy:
            await pilot.pause(0.02)
        for key in keys:
            await pilot.press(key)
            while review.busy:
                await pilot.pause(0.02)
        for _ in range(1500):  # at least 30 s: only a limit for a very busy machine
            if expect in drawn(app):
                break
            await pilot.pause(0.02)
        await pilot.pause()

    return run_before


CASES: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "front": ("1 of 3", (), False),
    "back": ("last reviewed 10 days ago", ("space",), False),
    "summary": ("The next lesson is due", ("space", "1", "space", "3", "space", "4"), False),
    "nothing_due": ("The next lesson is due", (), True),
}


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
@pytest.mark.parametrize("name", list(CASES))
def test_review_snapshot(
    name: str, size: tuple[int, int], tmp_path: Path, snap_compare: Any
) -> None:
    expect, keys, all_done = CASES[name]
    db = tmp_path / "data" / "bounce.db"
    seed(db, all_done=all_done)
    app = BounceApp(db, now=Clock(NOW), tz=BERLIN, tick_seconds=3600)
    assert snap_compare(app, terminal_size=size, run_before=opened(expect, *keys))


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


FORMS: dict[str, tuple[Callable[[], Screen[Any]], Callable[[Pilot[Any]], Any] | None]] = {
    "drill": (lambda: DrillForm(["Acme", "Globex"]), None),
    "drill_error": (lambda: DrillForm(["Acme"]), _save),
    "interview": (lambda: InterviewForm(NOW, BERLIN), None),
    "interview_error": (lambda: InterviewForm(NOW, BERLIN), _save),
}


@pytest.mark.parametrize("name", list(FORMS))
def test_review_form_snapshot(name: str, snap_compare: Any) -> None:
    make, run_before = FORMS[name]
    assert snap_compare(FormHost(make), terminal_size=(80, 24), run_before=run_before)

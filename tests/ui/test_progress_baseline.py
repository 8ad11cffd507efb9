"""Pilot tests: the progress screen says which baseline a bounce-back figure uses,
and what a "—" is waiting for.

A person installs bounce on the day of their first rejection (a week of mourning)
and checks in every day after; the store and the app run on a fixed clock.
"""

from __future__ import annotations

from pathlib import Path

from bounce_tui.widgets.figures_panel import FiguresPanel
from tests.ui.conftest import Clock, open_store, running, screen_text
from tests.ui.test_progress_screen import at_local, headline_text, open_progress

#: Moods from the rejection day on: a hard first week, then ordinary days.
FIRST_WEEKS = [1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 3, 4, 4, 4, 4, 4]


def seed_first_rejection(db: Path, clock: Clock, days_ago: int) -> None:
    """The first rejection ``days_ago`` days before today, then one check-in a day."""
    start = clock()
    store = open_store(db, clock)
    try:
        clock.set(at_local(-days_ago, 9))
        store.rejections.log_rejection("Acme", stage="final", mourn_days=7)
        for day in range(days_ago + 1):
            clock.set(at_local(day - days_ago, 9, 30))
            store.checkins.check_in(FIRST_WEEKS[day])
    finally:
        clock.set(start)
        store.close()


async def test_a_first_rejection_is_measured_against_the_usual(db_path: Path, clock: Clock) -> None:
    seed_first_rejection(db_path, clock, days_ago=14)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        assert screen.report is not None and screen.report.median_bounce_back == 7.0
        headline = " ".join(headline_text(screen).split())
        assert "back to your usual in 7 days (your usual: the days outside mourning)" in headline
        panel = str(screen.query_one(FiguresPanel).render())
        assert "7 days*" in panel and "* your usual: the days outside mourning" in panel


async def test_a_dash_says_what_is_missing(db_path: Path, clock: Clock) -> None:
    seed_first_rejection(db_path, clock, days_ago=10)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        headline = " ".join(headline_text(screen).split())
        assert "Bounce-back: —" in headline
        assert "needs 4 more check-ins outside a mourning period" in headline
        assert "needs 4 more check-ins" in " ".join(screen_text(app).split())

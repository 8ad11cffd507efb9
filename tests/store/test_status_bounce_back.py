"""`bounce status`'s read: the bounce-back figure with its baseline, the next interview's time.

Someone installs bounce on the day of their first rejection and checks in daily;
the clock is fixed (Berlin), so every line repeats.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bounce_tui.domain.status import summary_lines
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock

FIRST_WEEKS = [1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 3, 4, 4, 4, 4, 4]


def first_rejection(store: Store, clock: Clock, days_ago: int) -> None:
    """A rejection ``days_ago`` days before NOW (a week of mourning), then a check-in a day."""
    start = clock()
    clock.set(start - timedelta(days=days_ago, minutes=30))
    store.rejections.log_rejection("Acme", stage="final", mourn_days=7)
    for day in range(days_ago + 1):
        clock.set(start - timedelta(days=days_ago - day))
        store.checkins.check_in(FIRST_WEEKS[day])
    clock.set(start)


def test_status_says_what_a_missing_figure_waits_for(store: Store, clock: Clock) -> None:
    first_rejection(store, clock, days_ago=10)
    status = store.read.status()
    assert status.bounce_back_median is None
    assert "bounce-back: — needs 4 more check-ins outside a mourning period" in summary_lines(
        status
    )
    [entry] = status.as_dict()["bounce_backs"]  # type: ignore[misc]
    assert entry["status"] == "undefined" and entry["needs_check_ins"] == 4


def test_status_shows_the_figure_with_its_baseline(store: Store, clock: Clock) -> None:
    first_rejection(store, clock, days_ago=14)
    status = store.read.status()
    assert status.bounce_back_median == 7.0
    lines = summary_lines(status)
    assert "bounce-back median: 7 days (your usual: the days outside mourning)" in lines
    [entry] = status.as_dict()["bounce_backs"]  # type: ignore[misc]
    assert (entry["days"], entry["baseline"]) == (7, "usual")


def test_status_shows_the_next_interviews_day_and_time(store: Store, clock: Clock) -> None:
    assert store.read.status().next_interview is None
    at = datetime(2026, 3, 12, 14, 30, tzinfo=BERLIN)
    store.interviews.add_interview("Globex", at, role="Data analyst")
    status = store.read.status()
    assert "next interview: Globex — Data analyst, Thu 12 Mar 14:30" in summary_lines(status)
    upcoming = status.as_dict()["next_interview"]
    assert upcoming == {
        "company": "Globex",
        "role": "Data analyst",
        "at": "2026-03-12T13:30:00+00:00",
        "local": "2026-03-12T14:30:00+01:00",
    }
    assert at > NOW

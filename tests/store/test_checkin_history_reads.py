"""The read the check-in history needs beside `since`: skipped days with their reasons."""

from __future__ import annotations

from datetime import timedelta

from bounce_tui.store.repository import Store
from tests.store.conftest import Clock


def test_skipped_since_gives_days_newest_first_with_reasons(store: Store, clock: Clock) -> None:
    today = store.clock.today()
    store.checkins.skip_day(today - timedelta(days=1), "sick")
    store.checkins.skip_day(today - timedelta(days=5))
    store.checkins.skip_day(today - timedelta(days=40), "holiday")
    found = store.checkins.skipped_since(today - timedelta(days=10))
    assert list(found.items()) == [
        (today - timedelta(days=1), "sick"),
        (today - timedelta(days=5), ""),
    ]

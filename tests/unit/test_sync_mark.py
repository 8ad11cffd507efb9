"""The strip's sync mark: when it last synced, a failed sync, conflicts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bounce_tui.domain.sync_mark import SyncMark, sync_mark
from tests.conftest import BERLIN

NOW = datetime(2026, 3, 28, 21, 30, tzinfo=timezone.utc)  # 22:30 in Berlin


def test_a_sync_today_shows_the_local_time() -> None:
    mark = sync_mark(NOW - timedelta(minutes=5), 0, None, NOW, BERLIN)
    assert mark == SyncMark("synced 22:25", warn=False)


def test_a_sync_on_an_earlier_day_shows_the_day() -> None:
    assert sync_mark(NOW - timedelta(days=2), 0, None, NOW, BERLIN).text == "synced 26 Mar"


def test_the_local_day_decides_not_the_utc_day() -> None:
    # 23:10 UTC on the 28th is 00:10 on the 29th in Berlin (summer time from the 29th).
    late = datetime(2026, 3, 28, 23, 10, tzinfo=timezone.utc)
    later = late + timedelta(minutes=20)
    assert sync_mark(late, 0, None, later, BERLIN).text == "synced 00:10"
    assert sync_mark(late, 0, None, later, timezone.utc).text == "synced 23:10"


def test_never_synced_and_a_failed_sync() -> None:
    assert sync_mark(None, 0, None, NOW) == SyncMark("not synced yet", warn=False)
    assert sync_mark(NOW, 0, "the folder is gone", NOW) == SyncMark("not synced", warn=True)


def test_conflicts_are_counted_and_ask_for_a_look() -> None:
    one = sync_mark(NOW, 1, None, NOW, BERLIN)
    assert one == SyncMark("synced 22:30 · 1 conflict", warn=True)
    assert sync_mark(NOW, 3, None, NOW, BERLIN).text.endswith("· 3 conflicts")

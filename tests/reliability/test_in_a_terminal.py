"""Quick versions of items 3, 4, 9 (crash, network) and 10, with the app in tmux.

The long versions: tests/stress/concurrent_writers.py, lock_hold.py, privacy.py, signals.py.
"""

from __future__ import annotations

import pytest

from tests.stress import concurrent_writers, lock_hold, privacy, signals
from tests.stress.terminal import HAVE_TMUX

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def test_the_app_and_two_checkin_loops_lose_nothing_and_stay_responsive() -> None:
    figures = concurrent_writers.run(each=6, key_every=0.5)
    assert figures["rows present"] == figures["rows acknowledged"] == 12, figures.values
    assert figures["commands failed"] == 0, figures.values
    assert figures["commands that printed an error or 'locked'/'busy'"] == 0, figures["_problems"]
    assert figures["screens that showed 'locked' or 'busy'"] == 0, figures.values
    assert max(figures["_shows"]) <= 2.0, figures.values
    latencies = sorted(figures["_latencies"])
    # On a loaded two-core machine single presses can be slow; most must be quick.
    assert latencies[len(latencies) // 2] <= 0.1, latencies
    assert latencies[-1] <= 1.0, latencies


def test_a_held_lock_the_cli_gives_up_in_one_line_and_the_app_retries() -> None:
    figures = lock_hold.run_mode("IMMEDIATE", hold=12.0)
    result = figures["_result"]
    assert result.code == 1 and result.one_clean_line(), result
    assert "busy" in result.stderr and "nothing was saved" in result.stderr, result
    assert 9.5 <= result.seconds <= 20.0, result  # its 10 s timeout, plus start-up
    assert figures["cli: its row saved (must be False)"] is False
    assert figures["app: said it is retrying after (s)"] <= 3.0, figures.values
    assert figures["app: the form said it is saving"] is True, figures.values
    assert figures["app: its row saved"] is True, figures.values
    assert figures["app: entry saved after the lock was released (s)"] <= 3.0, figures.values
    latencies = sorted(figures["_latencies"])
    assert latencies and latencies[len(latencies) // 2] <= 0.1, latencies


def test_a_crash_prints_no_note_and_a_session_makes_no_connection() -> None:
    crash = privacy.crash_reports()
    assert all(crash.values()), crash
    network = privacy.no_network()
    assert network["Python socket connections (audit hook)"] == 0, network
    assert network["connect() system calls (strace -f)"] in (0, "strace missing"), network


def test_sigterm_and_sighup_exit_quickly_restore_the_terminal_and_keep_entries() -> None:
    figures = signals.run(runs=1)
    assert figures["_bad"] == 0, figures.values

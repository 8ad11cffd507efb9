"""Quick versions of items 3, 4, 9 (crash, network) and 10, with the app in tmux.

The long versions: tests/stress/concurrent_writers.py, lock_hold.py, privacy.py, signals.py.
"""

from __future__ import annotations

import pytest

from tests.stress import concurrent_writers, lock_hold, privacy, signals
from tests.stress.terminal import HAVE_TMUX

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def test_the_app_and_two_checkin_loops_lose_nothing_and_stay_responsive() -> None:
    # How quickly rows and key presses reach the screen is printed by
    # tests/stress/concurrent_writers.py; here every one must get there.
    figures = concurrent_writers.run(each=6, key_every=0.5, key_timeout=30)
    assert figures["rows present"] == figures["rows acknowledged"] == 12, figures.values
    assert figures["commands failed"] == 0, figures.values
    assert figures["commands that printed an error or 'locked'/'busy'"] == 0, figures["_problems"]
    assert figures["screens that showed 'locked' or 'busy'"] == 0, figures.values
    assert figures["rows never shown"] == 0, figures.values
    assert figures["key presses timed"] > 0, figures.values
    assert figures["_keys_lost"] == 0, figures.values
    assert figures["app still running at the end"] is True, figures.values


def test_a_held_lock_the_cli_gives_up_in_one_line_and_the_app_retries() -> None:
    # The lock is held until the CLI has given up (its 10 s wait); how long it waited,
    # how soon the app said it is retrying and saved, and its key latencies are printed
    # by tests/stress/lock_hold.py.
    figures = lock_hold.run_mode("IMMEDIATE", hold=120.0, until_cli_gives_up=True, key_timeout=30)
    result = figures["_result"]
    assert result.code == 1 and result.one_clean_line(), result
    assert "busy" in result.stderr and "nothing was saved" in result.stderr, result
    assert figures["cli: its row saved (must be False)"] is False
    assert "retrying" in figures["app: notice"], figures.values
    assert figures["app: the form said it is saving"] is True, figures.values
    assert figures["app: its row saved"] is True, figures.values
    assert figures["app: key presses while waiting"] > 0, figures.values
    assert figures["_keys_lost"] == 0, figures.values


def test_a_crash_prints_no_note_and_a_session_makes_no_connection() -> None:
    crash = privacy.crash_reports()
    assert all(crash.values()), crash
    network = privacy.no_network()
    assert network["Python socket connections (audit hook)"] == 0, network
    assert network["connect() system calls (strace -f)"] in (0, "strace missing"), network


def test_sigterm_and_sighup_exit_quickly_restore_the_terminal_and_keep_entries() -> None:
    figures = signals.run(runs=1)
    assert figures["_bad"] == 0, figures.values

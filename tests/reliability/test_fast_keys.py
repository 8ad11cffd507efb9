"""Quick version of tests/stress/palette_race.py: fast palette keys, then a stop signal."""

from __future__ import annotations

import pytest

from tests.stress import palette_race
from tests.stress.terminal import HAVE_TMUX

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


@pytest.mark.parametrize(("signal_name", "hold_lock"), [("SIGTERM", True), ("SIGHUP", False)])
def test_the_palette_race_leaves_the_app_running_and_a_signal_ends_it(
    signal_name: str, hold_lock: bool
) -> None:
    figures = palette_race.run(30, signal_name, hold_lock=hold_lock)
    assert figures["app still running after the cycles"] is True, figures.values
    assert figures["app still answering keys (c opens the form, 4 is picked)"] is True
    # The watchdog ends the process 0.7 s after the signal whatever it is doing; allow
    # for a loaded machine (the stress script prints the measured time).
    assert figures["process gone"] is True, figures.values
    assert figures["exit time (s)"] < 3.0, figures.values
    assert figures["terminal back to the main screen"] is True, figures.values
    assert figures["integrity_check"] == "ok", figures.values


# Keys sent before bounce's own process has taken the terminal (Python's own start-up, about
# 50 ms here, longer on a loaded machine) meet it in its line mode: letters wait there and
# reach bounce, but ctrl+s pauses output and never reaches any program. bounce takes the
# terminal before its slow imports; from then on every key is kept, whatever the app is
# still doing.
@pytest.mark.parametrize(("delay", "letters_at_launch"), [(0.0, False), (0.2, False), (0.0, True)])
def test_keys_typed_while_the_app_starts_save_a_check_in(
    delay: float, letters_at_launch: bool
) -> None:
    import time

    from tests.stress.harness import BOUNCE, isolated_env, new_db, query, workdir
    from tests.stress.terminal import tmux_session

    with workdir("early-keys") as root:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=0, lessons=2)
        with tmux_session("early", env) as tmux:
            tmux.start(f"sh -c '{BOUNCE} --db {db}; echo EXITED-$?; sleep 60'")
            if letters_at_launch:
                tmux.keys("c", "4")  # most likely before bounce's process exists
            tmux.wait_for_raw_keys()
            time.sleep(delay)  # the moment the keys are typed, not a wait for an outcome
            tmux.keys(*(() if letters_at_launch else ("c", "4")), "C-s")
            deadline = time.monotonic() + 60
            while query(db, "SELECT mood FROM checkin") != [(4,)]:
                assert time.monotonic() < deadline, tmux.screen()
                time.sleep(0.1)

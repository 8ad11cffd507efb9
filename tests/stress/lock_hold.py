"""4. Another program holds the database locked for 30 s while the CLI and the app write.

    python tests/stress/lock_hold.py [--hold 30] [--modes IMMEDIATE,EXCLUSIVE]

For each lock mode (IMMEDIATE: other writers wait; EXCLUSIVE: readers wait too) a
child takes the lock and holds it. Meanwhile `bounce checkin` runs (it must wait
up to its 10 s timeout, then exit non-zero with one human line and no traceback,
having saved nothing) and, in a terminal, the app is asked to save a check-in
(it must say it is retrying within a few seconds; the form, hidden with esc while
it waits, saves the entry once the lock is gone; meanwhile the main screen
answers keys).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.concurrent_writers import lessons_view  # noqa: E402
from tests.stress.harness import (  # noqa: E402
    BOUNCE,
    Figures,
    Lines,
    Result,
    child,
    cli,
    isolated_env,
    new_db,
    percentile,
    query,
    workdir,
)
from tests.stress.terminal import tmux_session  # noqa: E402

RETRYING = "retrying"


def run_mode(
    mode: str, hold: float, *, until_cli_gives_up: bool = False, key_timeout: float = 5.0
) -> Figures:
    """Hold the lock for `hold` s, or with `until_cli_gives_up`, only until the CLI has
    given up and some keys were timed (then `hold` is just the longest it is held)."""
    figures = Figures(
        f"a {mode} lock held "
        + ("until the CLI gives up" if until_cli_gives_up else f"for {hold:g} s")
    )
    with workdir("lock") as root, tmux_session(f"lock-{mode}", isolated_env(root)) as tmux:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=0, lessons=10)
        tmux.start(f"{BOUNCE} --db {db}")
        tmux.wait_for("No check-in yet")
        tmux.open_check_in(3)
        release = root / "release"
        holder = Lines(child("hold", str(db), mode, str(hold), str(release), env=env))
        locked_at = holder.wait_for("LOCKED")
        outcome: list[Result] = []
        command = threading.Thread(
            target=lambda: outcome.append(cli(env, db, "checkin", "4", "-n", "from the cli"))
        )
        command.start()
        tmux.keys("C-s")
        saved_from = time.monotonic()
        retry_screen = tmux.wait_for(RETRYING, timeout=hold)
        said_retrying = time.monotonic() - saved_from
        form_locked = "esc hides this form" in retry_screen
        tmux.keys("Escape")  # hide the waiting form; its save goes on
        tmux.wait_for(lambda screen: "esc hides this form" not in screen, timeout=5)
        tmux.keys("2")
        tmux.wait_for("n New lesson")  # the lessons pane's keys: it has focus
        latencies = []
        while time.monotonic() - locked_at < hold - 1.5:
            if until_cli_gives_up and not command.is_alive() and len(latencies) >= 4:
                release.touch()
                break
            latencies.append(tmux.key_latency("j", lessons_view, key_timeout))
            latencies.append(tmux.key_latency("k", lessons_view, key_timeout))
            time.sleep(0.5)
        released_at = holder.wait_for("RELEASED", timeout=hold + 30)
        tmux.wait_for("Today: okay", timeout=30)
        saved_after_release = time.monotonic() - released_at
        holder.finish()
        command.join()
        result = outcome[0]
        moods = [mood for (mood,) in query(db, "SELECT mood FROM checkin")]
    figures["cli: exit status"] = result.code
    figures["cli: waited (s)"] = round(result.seconds, 1)
    figures["cli: one human line, no traceback"] = result.one_clean_line()
    figures["cli: its message"] = result.stderr.strip()
    figures["cli: its row saved (must be False)"] = 4 in moods
    figures["app: said it is retrying after (s)"] = round(said_retrying, 2)
    figures["app: notice"] = " ".join(
        line.strip(" │▌▐") for line in retry_screen.splitlines() if RETRYING in line
    )
    figures["app: the form said it is saving"] = form_locked
    figures["app: key presses while waiting"] = len(latencies)
    figures["app: key to screen median (ms)"] = round(percentile(latencies, 0.5) * 1000, 1)
    figures["app: key to screen slowest (ms)"] = round(max(latencies, default=0) * 1000, 1)
    figures["app: keys answered within 100 ms"] = (
        f"{sum(x <= 0.1 for x in latencies)}/{len(latencies)}"
    )
    figures[f"app: key presses that changed nothing within {key_timeout:g} s"] = sum(
        x == float("inf") for x in latencies
    )
    figures["app: entry saved after the lock was released (s)"] = round(saved_after_release, 2)
    figures["app: its row saved"] = moods.count(3) == 1
    figures["_result"] = result
    figures["_latencies"] = latencies
    figures["_keys_lost"] = sum(x == float("inf") for x in latencies)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", type=float, default=30.0)
    parser.add_argument("--modes", default="IMMEDIATE,EXCLUSIVE")
    args = parser.parse_args()
    for mode in args.modes.split(","):
        run_mode(mode, args.hold).print()


if __name__ == "__main__":
    main()

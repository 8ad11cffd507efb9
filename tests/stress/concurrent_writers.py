"""3. The app open in a terminal while two `bounce checkin` loops write beside it.

    python tests/stress/concurrent_writers.py [--each 1000]

Two threads each run `bounce checkin 3 -n wK-N` EACH times, one after another,
while the app runs in tmux. A poller reads the screen every 100 ms: the strip at
the top shows the newest check-in's note, so the delay from a command's return
to the screen showing that row (or a newer one) is measured for every row.
Meanwhile `j` and `k` move the lessons pane's highlight about once a second,
each timed from the key to the highlight moving on screen. At the end: every row is in the file, no
command printed anything on stderr, and neither a command nor the screen ever
said "locked" or "busy".
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    BOUNCE,
    Figures,
    cli,
    integrity,
    isolated_env,
    new_db,
    percentile,
    query,
    workdir,
)
from tests.stress.terminal import tmux_session  # noqa: E402

NOTE = re.compile(r"“(w\d-\d+)”")


def lessons_view(screen: str) -> str:
    """The screen without the strip that shows the newest check-in (it changes on its own)."""
    return "\n".join(
        line for line in screen.splitlines() if "Today" not in line and "check-in" not in line
    )


def _prefill_today(db: Path, rows: int) -> None:
    """Check-ins made earlier today (to start where a long run ends)."""
    import sqlite3
    from datetime import datetime, timedelta, timezone

    start = datetime.now(timezone.utc) - timedelta(seconds=rows)
    conn = sqlite3.connect(db)
    with conn:
        for n in range(rows):
            at = start + timedelta(seconds=n)
            stamp = at.isoformat(timespec="microseconds")
            conn.execute("INSERT INTO checkin VALUES (?,?,?,?,?,?,?,?,?)",
                         (f"p-{n}", stamp, stamp, 3, None, f"p-{n}", "[]", stamp,
                          at.date().isoformat()))  # fmt: skip
    conn.close()


def run(
    each: int, *, key_every: float = 1.0, prefill: int = 0, key_timeout: float = 5.0
) -> Figures:
    """Measure; a key press the screen has not answered after `key_timeout` s counts as lost."""
    figures = Figures(f"the app plus two checkin loops of {each} each")
    with workdir("concurrent") as root, tmux_session("concurrent", isolated_env(root)) as tmux:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=0, lessons=10)
        _prefill_today(db, prefill)
        tmux.start(f"{BOUNCE} --db {db}")
        tmux.wait_for(lambda screen: "No check-in yet" in screen or "Today:" in screen)
        tmux.keys("2")  # the lessons pane: j and k move its highlight
        tmux.wait_for("n New lesson")  # its keys in the footer: the pane has focus
        acked: dict[str, float] = {}
        problems: list[str] = []
        failed = 0
        lock = threading.Lock()

        def loop(writer: int) -> None:
            nonlocal failed
            for number in range(each):
                note = f"w{writer}-{number}"
                result = cli(env, db, "checkin", "3", "-n", note)
                with lock:
                    if result.code == 0:
                        acked[note] = time.monotonic()
                    else:
                        failed += 1
                    if result.stderr or re.search("locked|busy", result.stdout):
                        problems.append(result.stderr.strip() or result.stdout.strip())

        seen: list[tuple[float, str]] = []
        screen_said_locked = 0
        writers = [threading.Thread(target=loop, args=(k,)) for k in (1, 2)]
        stop = threading.Event()

        def poll() -> None:
            nonlocal screen_said_locked
            while not stop.is_set():
                screen = tmux.screen()
                moment = time.monotonic()
                screen_said_locked += bool(re.search(r"locked|is busy", screen))
                found = NOTE.search(screen)
                if found:
                    seen.append((moment, found[1]))
                time.sleep(0.1)

        poller = threading.Thread(target=poll)
        started = time.monotonic()
        poller.start()
        for thread in writers:
            thread.start()
        latencies: list[float] = []
        while any(thread.is_alive() for thread in writers):
            time.sleep(key_every)
            for key in "jk":
                latencies.append(tmux.key_latency(key, lessons_view, key_timeout))
                if latencies[-1] == float("inf") and "_stuck_screen" not in figures.values:
                    figures["_stuck_screen"] = tmux.screen()
                    figures["_stuck_at"] = time.monotonic() - started
        for thread in writers:
            thread.join()
        loops_took = time.monotonic() - started
        # Let the screen catch up: wait until it shows the newest row (or give up after
        # 60 s), and a little longer so the poller sees it too.
        newest = query(db, "SELECT note FROM checkin ORDER BY at DESC LIMIT 1")
        deadline = time.monotonic() + 60
        while newest and newest[0][0] not in tmux.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        stop.set()
        poller.join()
        figures["app still running at the end"] = not tmux.dead()
        if tmux.dead():
            figures["_final_screen"] = tmux.screen()
        at = dict(query(db, "SELECT note, at FROM checkin"))
        shows = _show_delays(acked, at, seen)
        stored = set(at)
        figures["rows acknowledged"] = len(acked)
        figures["rows present"] = len(stored & set(acked))
        figures["commands failed"] = failed
        figures["commands that printed an error or 'locked'/'busy'"] = len(problems)
        figures["screens that showed 'locked' or 'busy'"] = screen_said_locked
        figures["loops took (s)"] = round(loops_took, 1)
        figures["row to screen: median (s)"] = percentile(shows, 0.5)
        figures["row to screen: 99th percentile (s)"] = percentile(shows, 0.99)
        figures["row to screen: slowest (s)"] = max(shows, default=float("nan"))
        figures["rows shown within 2 s"] = f"{sum(d <= 2.0 for d in shows)}/{len(shows)}"
        figures["key presses timed"] = len(latencies)
        figures["key to screen: median (ms)"] = round(percentile(latencies, 0.5) * 1000, 1)
        figures["key to screen: 95th percentile (ms)"] = round(
            percentile(latencies, 0.95) * 1000, 1
        )
        figures["key to screen: slowest (ms)"] = round(max(latencies, default=0) * 1000, 1)
        figures["key presses answered within 100 ms"] = (
            f"{sum(lat <= 0.1 for lat in latencies)}/{len(latencies)}"
        )
        figures[f"key presses that changed nothing within {key_timeout:g} s"] = sum(
            lat == float("inf") for lat in latencies
        )
        figures["_keys_lost"] = sum(lat == float("inf") for lat in latencies)
        figures["rows never shown"] = sum(d == float("inf") for d in shows)
        figures["integrity_check"] = integrity(db)
        figures["_problems"] = problems[:5]
        figures["_shows"] = shows
        figures["_latencies"] = latencies
    return figures


def _show_delays(
    acked: dict[str, float], at: dict[str, str], seen: list[tuple[float, str]]
) -> list[float]:
    """For each acknowledged row: time until the screen showed it or a newer row.

    The strip shows the newest check-in (by its time); a row is on screen once the
    strip shows a row whose time is the same or later.
    """
    moments = [moment for moment, _ in seen]
    delays = []
    for note, acked_at in acked.items():
        start = bisect.bisect_left(moments, acked_at)
        shown = next(
            (moment for moment, seen_note in seen[start:] if at.get(seen_note, "") >= at[note]),
            None,
        )
        delays.append(shown - acked_at if shown is not None else float("inf"))
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", type=int, default=1000)
    parser.add_argument("--prefill", type=int, default=0, help="check-ins already made today")
    args = parser.parse_args()
    figures = run(args.each, prefill=args.prefill)
    figures.print()
    for key in ("_final_screen", "_stuck_at", "_stuck_screen"):
        if key in figures.values:
            print(f"{key}:\n{figures[key]}")


if __name__ == "__main__":
    main()

"""Time to the first frame of the installed `bounce`, beside a minimal Textual app.

Each command runs in a fresh tmux session (100x30); the clock stops when the
screen first shows the footer (first frame) and, for bounce, when a company name
appears (content loaded). Runs alternate between the commands, and the medians
are reported with the ratios to the minimal app measured in the same run.

    python tests/benchmarks/first_frame.py [--runs 15] [--years 1]

Needs tmux and an installed `bounce` next to this Python. Prints figures only;
it passes or fails nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield Static("minimal app")
        yield Footer()

Minimal().run()
"""


#: A private tmux server for this run only (never the user's, nor a parallel run's).
SOCKET = f"bounce-bench-{os.getpid()}"


def make_data(db: Path, years: int) -> None:
    """A database with `years` of daily check-ins, a rejection a fortnight, lessons."""
    from bounce_tui.store.repository import Store

    end = datetime.now(timezone.utc)
    start = end - timedelta(days=365 * years)
    clock = {"now": start}
    store = Store(db, now=lambda: clock["now"])
    day = 0
    while clock["now"] < end - timedelta(hours=1):
        store.checkins.check_in(1 + day % 5, note=f"day {day}")
        if day % 14 == 0:
            rejection = store.rejections.log_rejection(f"Company {day // 14}", role="Analyst")
            store.lessons.add_lesson(f"Lesson from day {day}", rejection_id=rejection)
        day += 1
        clock["now"] = start + timedelta(days=day)
    store.close()


def time_to(command: list[str], markers: list[str], env: dict[str, str]) -> list[float]:
    """Seconds from start until each marker is first on screen."""
    name = f"bench{os.getpid()}{time.monotonic_ns()}"
    shell_cmd = " ".join(f"'{part}'" for part in command)
    found: list[float | None] = [None] * len(markers)
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-s", name, "-x", "100", "-y", "30",
         shell_cmd],
        check=True, env=env,
    )  # fmt: skip
    try:
        deadline = start + 20
        while time.perf_counter() < deadline and None in found:
            screen = subprocess.run(
                ["tmux", "-L", SOCKET, "capture-pane", "-p", "-t", name],
                capture_output=True,
                text=True,
            ).stdout
            now = time.perf_counter() - start
            for index, marker in enumerate(markers):
                if found[index] is None and marker in screen:
                    found[index] = now
            time.sleep(0.005)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name],
                       capture_output=True)  # fmt: skip
    return [f if f is not None else float("nan") for f in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, default=1)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed")
    bounce = str(Path(sys.executable).parent / "bounce")
    work = Path(tempfile.mkdtemp(prefix="bounce-bench-"))
    minimal = work / "minimal.py"
    minimal.write_text(MINIMAL_APP)
    empty_db, data_db = work / "empty.db", work / "data.db"
    make_data(data_db, args.years)
    env = {**os.environ, "HOME": str(work)}
    subprocess.run([bounce, "--db", str(empty_db), "status"], check=True, capture_output=True,
                   env=env)  # fmt: skip
    # A session that outlives the measured ones keeps the tmux server up between runs.
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keepalive",
                    "sleep 3600"], check=True, env=env)  # fmt: skip
    results: dict[str, list[list[float]]] = {"minimal": [], "empty": [], "data": []}
    for _ in range(args.runs):
        results["minimal"].append(time_to([sys.executable, str(minimal)], ["palette"], env))
        results["empty"].append(
            time_to([bounce, "--db", str(empty_db)], ["palette", "No check-in"], env)
        )
        results["data"].append(
            time_to([bounce, "--db", str(data_db)], ["palette", "Company "], env)
        )
    base = statistics.median(r[0] for r in results["minimal"])
    print(f"runs: {args.runs}, data: {args.years} year(s) of daily check-ins")
    print(f"minimal Textual app, first frame: {base * 1000:.0f} ms (median)")
    for key, label in (("empty", "empty database"), ("data", f"{args.years}y of data")):
        first = statistics.median(r[0] for r in results[key])
        content = statistics.median(r[1] for r in results[key])
        print(f"bounce, {label}: first frame {first * 1000:.0f} ms ({first / base:.2f}x), "
              f"content {content * 1000:.0f} ms ({content / base:.2f}x)")  # fmt: skip
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    # tmux leaves its socket file behind; this one was ours.
    Path(os.environ.get("TMUX_TMPDIR") or "/tmp", f"tmux-{os.getuid()}", SOCKET).unlink(
        missing_ok=True
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

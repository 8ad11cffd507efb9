"""Time until the installed `bounce` shows its content, beside a minimal Textual app.

Each command runs in a fresh tmux session (120x40): the minimal app, and bounce
on an empty database, on one rejection with its running timer, on a year of data
and on 100,000 lessons. The clock stops when the screen shows the content a
person waits for: for bounce, the company name of a running mourning timer (on
an empty database, the timers pane's "Nothing logged yet"); for the minimal app
(a Static and a Footer), its footer. Runs alternate between the commands. After
the content is shown and 2 s of idling, the process's resident memory (VmRSS in
/proc/PID/status) is read too.

    python tests/benchmarks/first_frame.py [--runs 15] [--years 1] [--lessons 100000]

Needs tmux and an installed `bounce` next to this Python. Prints figures only;
it passes or fails nothing. Every database lives in a temp folder.
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

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_env import child_env  # noqa: E402
from tests.benchmarks.scale_data import build_lessons_db  # noqa: E402

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

WIDTH, HEIGHT = 120, 40
IDLE_SECONDS = 2.0
#: A private tmux server for this run only (never the user's, nor a parallel run's).
SOCKET = f"bounce-bench-{os.getpid()}"
RUNNING = "Initech"  # the company of the running timer in every database with data


def empty_db(db: Path) -> None:
    """A new, empty bounce database (the CLI no longer creates one by just looking)."""
    from bounce_tui.store.repository import Store

    Store(db).close()


def year_db(db: Path, years: int) -> None:
    """`years` of daily check-ins, a rejection a fortnight with a lesson, one running timer."""
    from bounce_tui.store.repository import Store

    end = datetime.now(timezone.utc)
    start = end - timedelta(days=365 * years)
    clock = {"now": start}
    store = Store(db, now=lambda: clock["now"])
    day = 0
    while clock["now"] < end - timedelta(days=1):
        store.checkins.check_in(1 + day % 5, note=f"day {day}")
        if day % 14 == 0:
            rejection = store.rejections.log_rejection(f"Company {day // 14}", role="Analyst")
            store.lessons.add_lesson(f"Lesson from day {day}", rejection_id=rejection)
        day += 1
        clock["now"] = start + timedelta(days=day)
    store.close()
    running_timer(db)


def lessons_db(db: Path, lessons: int) -> None:
    """`lessons` lessons (tests/benchmarks/scale_data.py) and one running timer."""
    build_lessons_db(db, lessons)
    running_timer(db)


def running_timer(db: Path) -> None:
    from bounce_tui.store.repository import Store

    store = Store(db)
    store.rejections.log_rejection(RUNNING, role="Platform engineer", stage="final")
    store.close()


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def app_pid(session: str) -> int | None:
    """The process the pane runs (the shell tmux started may have exec'd it, or not)."""
    pane = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip()
    if not pane:
        return None
    children = subprocess.run(["pgrep", "-P", pane], capture_output=True, text=True).stdout
    return int(children.split()[-1]) if children.split() else int(pane)


def rss_mib(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def measure(command: list[str], marker: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds until `marker` is on screen, and MiB resident after 2 s of idling."""
    name = f"bench{time.monotonic_ns()}"
    shell_cmd = " ".join(f"'{part}'" for part in command)
    shown = float("nan")
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-s", name, "-x", str(WIDTH),
         "-y", str(HEIGHT), shell_cmd],
        check=True, env=env,
    )  # fmt: skip
    try:
        deadline = start + 30
        while time.perf_counter() < deadline:
            if marker in tmux("capture-pane", "-p", "-t", name):
                shown = time.perf_counter() - start
                break
            time.sleep(0.005)
        time.sleep(IDLE_SECONDS)
        rss = rss_mib(app_pid(name))
    finally:
        tmux("kill-session", "-t", name)
    return shown, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--lessons", type=int, default=100_000)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed")
    bounce = str(Path(sys.executable).parent / "bounce")
    work = Path(tempfile.mkdtemp(prefix="bounce-bench-"))
    minimal = work / "minimal.py"
    minimal.write_text(MINIMAL_APP)
    dbs = {name: work / f"{name}.db" for name in ("empty", "one", "year", "lessons")}
    empty_db(dbs["empty"])
    empty_db(dbs["one"])
    running_timer(dbs["one"])
    year_db(dbs["year"], args.years)
    lessons_db(dbs["lessons"], args.lessons)
    env = child_env(work)
    # A session that outlives the measured ones keeps the tmux server up between runs.
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keepalive",
                    "sleep 3600"], check=True, env=env)  # fmt: skip
    commands = {
        "minimal": ([sys.executable, str(minimal)], "Quit"),
        "empty": ([bounce, "--db", str(dbs["empty"])], "Nothing logged yet"),
        "one": ([bounce, "--db", str(dbs["one"])], RUNNING),
        "year": ([bounce, "--db", str(dbs["year"])], RUNNING),
        "lessons": ([bounce, "--db", str(dbs["lessons"])], RUNNING),
    }
    results: dict[str, list[tuple[float, float]]] = {key: [] for key in commands}
    try:
        for command, marker in commands.values():  # untimed: writes each one's bytecode
            measure(command, marker, env)
        for _ in range(args.runs):
            for key, (command, marker) in commands.items():
                results[key].append(measure(command, marker, env))
    finally:
        tmux("kill-server")
        # tmux leaves its socket file behind; this one was ours.
        Path(os.environ.get("TMUX_TMPDIR") or "/tmp", f"tmux-{os.getuid()}", SOCKET).unlink(
            missing_ok=True
        )
        shutil.rmtree(work, ignore_errors=True)
    report(results, args)


def report(results: dict[str, list[tuple[float, float]]], args: argparse.Namespace) -> None:
    def median(key: str, index: int) -> float:
        values = [r[index] for r in results[key] if r[index] == r[index]]  # not NaN
        return statistics.median(values) if values else float("nan")

    base_time, base_rss = median("minimal", 0), median("minimal", 1)
    labels = {
        "minimal": "minimal Textual app (M)",
        "empty": "bounce, empty database",
        "one": "bounce, one rejection",
        "year": f"bounce, {args.years} year(s) of data",
        "lessons": f"bounce, {args.lessons:,} lessons",
    }
    print(f"{args.runs} interleaved runs, tmux {WIDTH}x{HEIGHT}; medians; "
          f"RSS {IDLE_SECONDS:.0f} s after the content is shown")  # fmt: skip
    print(f"{'':32} {'content shown':>14} {'× M':>6} {'idle RSS':>10} {'× M':>6}")
    for key, label in labels.items():
        shown, rss = median(key, 0), median(key, 1)
        missed = sum(1 for r in results[key] if r[0] != r[0])
        note = f"  ({missed} run(s) never showed it)" if missed else ""
        print(f"{label:32} {shown * 1000:11.0f} ms {shown / base_time:5.2f}x "
              f"{rss:6.1f} MiB {rss / base_rss:5.2f}x{note}")  # fmt: skip


if __name__ == "__main__":
    main()

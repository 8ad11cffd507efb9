"""Key-to-repaint latency of the installed `bounce` over 100,000 lessons, in tmux.

Opens bounce on a database of 100,000 lessons, focuses the lessons pane, then
presses `j` and times until the terminal shows the change (the highlighted row
moves); then types a search and times until the first result is on screen.

    python tests/benchmarks/key_latency.py [--lessons 100000] [--presses 30]

Prints medians and the slowest press; it passes or fails nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.scale_data import build_lessons_db  # noqa: E402

#: A private tmux server for this run only (never the user's, nor a parallel run's).
SOCKET = f"bounce-keys-{os.getpid()}"


def tmux(*args: str) -> str:
    out = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    return out.stdout


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-e", "-t", name)


def wait_change(name: str, before: str, timeout: float = 10.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if screen(name) != before:
            return time.perf_counter() - start
        time.sleep(0.002)
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bounce-keys-"))
    db = work / "bounce.db"
    started = time.perf_counter()
    build_lessons_db(db, args.lessons)
    print(f"built {args.lessons} lessons in {time.perf_counter() - started:.1f} s")
    bounce = Path(sys.executable).parent / "bounce"
    name = "keys"
    env = {**os.environ, "HOME": str(work)}
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", name, "-x", "120", "-y",
                    "40", f"{bounce} --db {db}"], check=True, env=env)  # fmt: skip
    try:
        deadline = time.perf_counter() + 30
        while "Company" not in screen(name) and time.perf_counter() < deadline:
            time.sleep(0.05)
        tmux("send-keys", "-t", name, "2")
        time.sleep(0.5)
        moves = []
        for _ in range(args.presses):
            before = screen(name)
            tmux("send-keys", "-t", name, "j")
            moves.append(wait_change(name, before))
            time.sleep(0.05)
        before = screen(name)
        tmux("send-keys", "-t", name, "/")
        time.sleep(0.3)
        before = screen(name)
        start = time.perf_counter()
        tmux("send-keys", "-t", name, "-l", "roadmap")
        deadline = start + 10
        search = float("nan")
        while time.perf_counter() < deadline:
            now = screen(name)
            if now != before and "roadmap" in now.split("\n", 12)[-1]:
                search = time.perf_counter() - start
                break
            time.sleep(0.002)
    finally:
        tmux("kill-server")
        # tmux leaves its socket file behind; this one was ours.
        Path(os.environ.get("TMUX_TMPDIR") or "/tmp", f"tmux-{os.getuid()}", SOCKET).unlink(
            missing_ok=True
        )
    moves_ms = sorted(m * 1000 for m in moves)
    print(f"j in the lessons list: median {statistics.median(moves_ms):.0f} ms, "
          f"slowest {moves_ms[-1]:.0f} ms over {len(moves_ms)} presses")  # fmt: skip
    print(f"typing 'roadmap' to results on screen: {search * 1000:.0f} ms")


if __name__ == "__main__":
    main()

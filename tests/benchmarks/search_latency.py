"""Last key to search results on screen, in the installed `bounce` over 100,000 lessons.

Builds a database of 100,000 realistic lessons (sentences over a few hundred
words; `--small-vocabulary` for the 31-word worst case), opens bounce in a
private tmux server (120x40), presses `/` and types each query a key at a time
(`--gap` ms between keys, a quick typist). The clock starts when the last key is
sent and stops when the lessons pane shows the first rows of the database's
ranked results for the whole query, in order (read from the same file through
the store, so this measures the app, not a guess). Only queries whose last key
changes those first rows are used, so results for an earlier prefix cannot stop
the clock.

    python tests/benchmarks/search_latency.py [--lessons 100000] [--queries 20]
        [--gap 60] [--db PATH (reuse a database built before)]

Prints the median, the 90th percentile and the slowest; it passes or fails nothing.
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
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.scale_data import build_lessons_db  # noqa: E402

#: A private tmux server for this run only (never the user's, nor a parallel run's).
SOCKET = f"bounce-search-{os.getpid()}"
#: Candidate queries (realistic and small vocabularies); those whose last key does
#: not change the first rows are skipped.
CANDIDATES = (
    "salary", "roadmap", "team culture", "on-call", "remote w", "growth m", "system design",
    "coding", "testing d", "deployment", "security", "privacy", "budget", "customers",
    "slow down", "pause before", "numbers on m", "founder", "recruiter", "take-home",
    "final round", "cat:task salary", "cat:interview roadmap", "at:company 1 team",
    "team sal", "roadmap t", "sleep nerves p", "python sql", "culture fit", "salary story",
    "design feedback c", "impact metrics", "conflict failure l", "deadline p", "manager n",
    "questions s", "research offer", "relocation notice", "example numbers", "coding task s",
    "burnout", "equity", "visa", "mentoring g", "latency", "budget s", "priorities",
    "incidents", "onboarding", "clarifying q", "trade-off", "hiring manager", "portfolio",
    "reference check", "caching", "kubernetes", "star format", "think aloud", "on-call r",
)  # fmt: skip
ROWS = 3


def tmux(*args: str) -> str:
    out = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    return out.stdout


def screen(name: str) -> list[str]:
    return tmux("capture-pane", "-p", "-t", name).splitlines()


def expected_rows(store: object, query: str) -> list[str]:
    """The start of the first ROWS lines the pane should show for `query` (drawn by the
    pane's own line maker, so a lesson of a theme starts with its ↻ mark)."""
    from bounce_tui.widgets.lesson_line import lesson_prompt

    found = store.read.search_lessons(query)  # type: ignore[attr-defined]
    return [lesson_prompt(lesson).plain[:36] for lesson in found[:ROWS]]


def shows(lines: list[str], query: str, rows: list[str]) -> bool:
    """Whether the search box holds all of `query` and `rows` follow on consecutive lines."""
    if not any(f"│{query}  " in line for line in lines):
        return False
    if not rows:
        return any("No lesson matches" in line for line in lines)
    for index, line in enumerate(lines):
        if rows[0] in line:
            following = lines[index + 1 : index + len(rows)]
            if all(row in other for row, other in zip(rows[1:], following, strict=False)):
                return len(following) == len(rows) - 1
    return False


def pick_queries(store: object, count: int) -> list[tuple[str, list[str]]]:
    chosen = []
    for query in CANDIDATES:
        final = expected_rows(store, query)
        if final and final != expected_rows(store, query[:-1]):
            chosen.append((query, final))
        if len(chosen) == count:
            break
    return chosen


def run(db: Path, queries: list[tuple[str, list[str]]], gap: float, home: Path) -> list[float]:
    bounce = Path(sys.executable).parent / "bounce"
    name = "search"
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(["tmux", "-L", SOCKET, "new-session", "-d", "-s", name, "-x", "120", "-y",
                    "40", f"{bounce} --db {db}"], check=True, env=env)  # fmt: skip
    times = []
    try:
        deadline = time.perf_counter() + 60
        while "Lessons" not in "\n".join(screen(name)) and time.perf_counter() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # let the start-up reads settle
        for query, rows in queries:
            tmux("send-keys", "-t", name, "/")
            time.sleep(0.3)
            for key in query[:-1]:
                tmux("send-keys", "-t", name, "-l", key)
                time.sleep(gap / 1000)
            tmux("send-keys", "-t", name, "-l", query[-1])
            start = time.perf_counter()
            took = float("nan")
            while time.perf_counter() - start < 10:
                lines = screen(name)
                if shows(lines, query, rows):
                    took = time.perf_counter() - start
                    break
                time.sleep(0.001)
            else:
                print(f"{query!r} not shown; expected {rows}; the screen:", *lines, sep="\n")
            times.append(took)
            tmux("send-keys", "-t", name, "Escape")  # clears and closes the search
            time.sleep(0.5)
    finally:
        tmux("kill-server")
        # tmux leaves its socket file behind; this one was ours.
        Path(os.environ.get("TMUX_TMPDIR") or "/tmp", f"tmux-{os.getuid()}", SOCKET).unlink(
            missing_ok=True
        )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--gap", type=float, default=60.0, help="ms between keys")
    parser.add_argument("--db", type=Path, help="a database built before (copied, not changed)")
    parser.add_argument("--small-vocabulary", action="store_true")
    args = parser.parse_args()
    from bounce_tui.store.repository import Store

    work = Path(tempfile.mkdtemp(prefix="bounce-search-"))
    db = work / "bounce.db"
    if args.db is not None:
        shutil.copyfile(args.db, db)
    else:
        started = time.perf_counter()
        build_lessons_db(db, args.lessons, realistic=not args.small_vocabulary)
        print(f"built {args.lessons} lessons in {time.perf_counter() - started:.1f} s")
    store = Store(db)
    queries = pick_queries(store, args.queries)
    store.close()
    times = run(db, queries, args.gap, work)
    shutil.rmtree(work, ignore_errors=True)
    for (query, _), took in zip(queries, times, strict=True):
        print(f"  {query!r:26} {took * 1000:6.0f} ms")
    done = sorted(t * 1000 for t in times if t == t)
    missed = len(times) - len(done)
    if not done:
        print("no query showed its results within 10 s")
        return
    p90 = done[min(len(done) - 1, round(0.9 * (len(done) - 1)))]
    print(f"last key to results on screen over {len(done)} queries (gap {args.gap:.0f} ms): "
          f"median {statistics.median(done):.0f} ms, p90 {p90:.0f} ms, "
          f"slowest {done[-1]:.0f} ms" + (f"; {missed} never shown" if missed else ""))  # fmt: skip


if __name__ == "__main__":
    main()

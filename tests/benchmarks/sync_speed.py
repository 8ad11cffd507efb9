"""Seconds to sync: ten years of data to an empty second device, then a day's changes.

    python tests/benchmarks/sync_speed.py [--records 15000] [--runs 3]

Device A gets `--records` records of every kind (the import benchmark's export:
about 4,500 daily check-ins, 3,000 lessons, 2,000 grades, rejections with their
timers and checklists), imported, then synced once (writing its sync file).
Reported, each the median of `--runs` fresh runs, wall time with CPU time beside:

- first: an empty device B's first `sync` (reads, checks and merges A's whole
  file, works out every graded card, writes its own file);
- A reads B: A's next `sync`, reading B's new file (every record already here);
- day, A: after a day's changes on A (a check-in, two grades, a lesson edited, a
  check-in deleted), A's `sync` (stamps them, writes its file);
- day, B: B's `sync` after that (merges the changes, writes its file);
- nothing: a sync with nothing new.

The targets (issue 16) are <= 2 s for the first and <= 100 ms for a day's
changes. Not collected by pytest; prints figures only.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bounce_tui.store.file.engine import BusyPolicy  # noqa: E402
from bounce_tui.store.quick.connection import opened  # noqa: E402
from bounce_tui.store.repository import Store  # noqa: E402
from bounce_tui.store.sync import engine, setup  # noqa: E402
from tests.benchmarks.import_speed import NOW, build_export  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall, cpu) seconds of one call."""
    wall, cpu = time.perf_counter(), _cpu()
    work()
    return time.perf_counter() - wall, _cpu() - cpu


def sync(path: Path, moment: object) -> engine.SyncReport:
    with opened(path, BusyPolicy()) as conn:
        assert conn is not None
        return engine.sync(conn, path, moment, BusyPolicy())  # type: ignore[arg-type]


def init(path: Path, folder: Path, name: str) -> None:
    Store(path).close()
    with opened(path, BusyPolicy()) as conn:
        assert conn is not None
        setup.init(conn, path, BusyPolicy(), folder, name)


def one_run(root: Path, records: int) -> dict[str, tuple[float, float]]:
    folder = root / "shared"
    folder.mkdir()
    a, b = root / "a.db", root / "b.db"
    later = NOW + timedelta(days=1)
    store = Store(a, now=lambda: NOW)
    store.files.import_data(build_export(records))
    store.close()
    init(a, folder, "a")
    init(b, folder, "b")
    sync(a, NOW)
    figures = {"first": timed(lambda: sync(b, NOW))}
    figures["A reads B"] = timed(lambda: sync(a, NOW))  # B's first file: nothing new in it
    day = Store(a, now=lambda: later)
    day.checkins.check_in(4, note="a new day")
    lessons = [row.lesson_id for row in day.read.search_lessons("team", limit=3)]
    for lesson_id in lessons[:2]:
        day.reviews.grade_lesson(lesson_id, 3)
    day.lessons.edit_lesson(lessons[-1], text="edited on the day", category="interview")
    gone = day.checkins.since((later - timedelta(days=400)).date())[-1]
    day.checkins.delete_checkin(gone.checkin_id)
    day.close()
    figures["day, A"] = timed(lambda: sync(a, later))
    figures["day, B"] = timed(lambda: sync(b, later))
    figures["nothing"] = timed(lambda: sync(b, later))
    return figures


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=15_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as root:
            runs.append(one_run(Path(root), args.records))
    print(f"sync of {args.records:,} records, median of {args.runs} runs (wall / cpu):")
    for name in runs[0]:
        wall = statistics.median(r[name][0] for r in runs)
        cpu = statistics.median(r[name][1] for r in runs)
        print(f"  {name:<10} {wall * 1000:8.0f} ms  / {cpu * 1000:6.0f} ms cpu")


if __name__ == "__main__":
    main()

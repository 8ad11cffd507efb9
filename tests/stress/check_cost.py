"""The cost of the check made before a write (header check + quick_check), by file size.

    python tests/stress/check_cost.py [--sizes 1000,10000,50000,100000] [--runs 5]

Builds bounce databases with that many lessons and times `inspect_file` (what
every open does before anything writes) with and without its page check, and
`bounce checkin` end to end on the largest file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.scale_data import build_lessons_db  # noqa: E402
from tests.stress.harness import Figures, cli, isolated_env, workdir  # noqa: E402


def _median_ms(runs: int, call: object) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def run(sizes: list[int], runs: int) -> Figures:
    from bounce_tui.store.file import health, migrations

    figures = Figures("the check before writing")
    figures["quick_check limit (MiB)"] = health.QUICK_CHECK_MAX_BYTES // 2**20
    with workdir("check-cost") as root:
        db = root / "bounce.db"
        for lessons in sizes:
            if db.exists():
                db.unlink()
            build_lessons_db(db, lessons)
            mb = db.stat().st_size / 1e6
            full = _median_ms(runs, lambda: migrations.inspect_file(db))
            header = _median_ms(runs, lambda: migrations.inspect_file(db, check_pages=False))
            figures[
                f"{lessons} lessons, {mb:.1f} MB: open check with / without quick_check (ms)"
            ] = f"{full} / {header}"
        env = isolated_env(root)
        took = [cli(env, db, "checkin", "3").seconds for _ in range(runs)]
        figures[f"`bounce checkin` on the {sizes[-1]}-lesson file, median (s)"] = round(
            statistics.median(took), 3
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000,100000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run([int(s) for s in args.sizes.split(",")], args.runs).print()


if __name__ == "__main__":
    main()

"""The cost of the progress report over years of daily check-ins.

    python tests/stress/report_cost.py [--years 10] [--runs 5]

Builds a history of two check-ins a day (a rejection with its mourning period,
ten checklist items and two urges every 30 days, a skipped day every 50) and
times `Store.read.progress_report(365)`, what the progress screen asks for. The
default test run checks the same report's figures, untimed
(tests/store/test_progress_cases.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.store.test_progress_cases import bulk_history, fresh_store  # noqa: E402
from tests.stress.harness import Figures, workdir  # noqa: E402


def run(years: int, runs: int) -> Figures:
    days = round(years * 365.25)
    figures = Figures(f"the progress report over {years} years ({days} days)")
    with workdir("report-cost") as root:
        db = root / "bounce.db"
        fresh_store(db).close()
        bulk_history(db, days)
        store = fresh_store(db)
        try:
            started = time.perf_counter()
            store.read.progress_report(365)
            figures["first report, cold (s)"] = time.perf_counter() - started
            took = []
            for _ in range(runs):
                started = time.perf_counter()
                report = store.read.progress_report(365)
                took.append(time.perf_counter() - started)
        finally:
            store.close()
        figures["days with a mood"] = len(report.moods)
        figures[f"report of the last 365 days: median of {runs} (s)"] = statistics.median(took)
        figures["slowest (s)"] = max(took)
        figures["within 2 s (the aim)"] = f"{sum(t < 2.0 for t in took)}/{runs}"
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run(args.years, args.runs).print()


if __name__ == "__main__":
    main()

"""Seconds to import a large JSON export: into an empty database, and merged again.

    python tests/benchmarks/import_speed.py [--records 100000] [--runs 3] [--no-cli]

Builds an export of `--records` records of every kind the export writes
(rejections with their timers, checklist items, urges and interviews; lessons
and their reviews; check-ins and skipped days; settings), all valid, and reports
the median of `--runs` runs of:

- store: `Store.files.import_data` into an empty database, then into a database
  that already holds the same records (nothing added, nothing changed);
- cli: `bounce import FILE` as a process (reading the file, checking it, opening
  the database, importing), for the same two cases.

Each figure is the median wall time, with the CPU time of the process doing the
work beside it (on a machine shared with other work, the CPU time is the steadier
of the two). Not collected by pytest (pyproject's addopts ignore tests/benchmarks).
Prints figures only; it passes or fails nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)
#: Share of each kind in the export (the rest of `--records` after settings).
MIX = {
    "checkin": 0.30,
    "skip_day": 0.02,
    "rejection": 0.05,
    "mourning_period": 0.05,
    "checklist_item": 0.20,
    "lesson": 0.20,
    "lesson_review": 0.15,
    "interview": 0.015,
    "urge": 0.015,
}
WORDS = [
    "team",
    "roadmap",
    "salary",
    "questions",
    "story",
    "coding",
    "task",
    "system",
    "design",
    "feedback",
    "research",
    "culture",
    "manager",
    "notice",
    "offer",
    "preparation",
    "sleep",
    "nerves",
    "example",
    "impact",
]
CATEGORIES = ("resume", "preparation", "interview", "research", "fit", "mindset")
STAGES = ("applied", "screen", "interview", "final")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def build_export(records: int, seed: int = 14) -> dict[str, Any]:
    """A valid bounce export of about `records` records, oldest first, ending before NOW."""
    rng = random.Random(seed)
    want = {name: max(1, int(records * share)) for name, share in MIX.items()}
    settings = [("theme", "nord"), ("mourning.final", "5"), ("reminder_hour", "20")]
    want["checkin"] += records - sum(want.values()) - len(settings)
    start = NOW - timedelta(days=9000)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in MIX}

    def stamped(moment: datetime) -> dict[str, Any]:
        return {"id": _uid(rng), "created_at": _iso(moment), "updated_at": _iso(moment)}

    step = timedelta(days=8900) / want["rejection"]
    periods: list[str] = []
    for n in range(want["rejection"]):
        moment = start + step * n
        rejection = {
            **stamped(moment),
            "company": f"Company {n}",
            "role": "Analyst",
            "stage": rng.choice(STAGES),
            "received_at": _iso(moment),
            "channel": "email",
            "contact": "",
            "notes": _words(rng, 0, 30),
            "day": moment.date().isoformat(),
        }
        out["rejection"].append(rejection)
        if len(out["mourning_period"]) < want["mourning_period"]:
            days = rng.randint(1, 7)
            period = {
                **stamped(moment),
                "rejection_id": rejection["id"],
                "started_at": _iso(moment),
                "planned_end": _iso(moment + timedelta(days=days)),
                "days": days,
                "extensions": 0,
                "moved_on_at": _iso(moment + timedelta(days=1)),
                "close_note": "",
            }
            out["mourning_period"].append(period)
            periods.append(period["id"])
    rejections = [r["id"] for r in out["rejection"]]
    for n in range(want["checklist_item"]):
        moment = start + timedelta(minutes=61 * n)
        decision = n % 5 == 0
        out["checklist_item"].append(
            {
                **stamped(moment),
                "rejection_id": rejections[n % len(rejections)],
                "template_key": "",
                "title": _words(rng, 2, 6),
                "why": "",
                "kind": "decision" if decision else "task",
                "position": n % 7,
                "done_at": _iso(moment) if n % 2 else None,
                "due_on": None,
                "choice": "",
                "views": [],
                "choices": ["yes", "no"] if decision else [],
                "reply": "",
            }
        )
    lessons: list[tuple[str, datetime]] = []
    for n in range(want["lesson"]):
        moment = start + timedelta(minutes=31 * n)
        reviewed = n % 2 == 0
        lesson = {
            **stamped(moment),
            "text": _words(rng, 4, 14),
            "prompt": _words(rng, 3, 6) if n % 5 == 0 else "",
            "theme_id": None,
            "category": rng.choice(CATEGORIES),
            "tags": [rng.choice(WORDS)],
            "rejection_id": rejections[n % len(rejections)],
            "recurring": False,
            "due": _iso(moment + timedelta(days=2)),
            "stability": 2.3065 if reviewed else None,
            "difficulty": 2.118 if reviewed else None,
            "card_state": 2 if reviewed else 1,
            "card_step": None if reviewed else 0,
            "last_review": _iso(moment) if reviewed else None,
        }
        out["lesson"].append(lesson)
        lessons.append((lesson["id"], moment))
    for n in range(want["lesson_review"]):
        lesson_id, moment = lessons[n % len(lessons)]
        out["lesson_review"].append(
            {
                **stamped(moment),
                "lesson_id": lesson_id,
                "grade": rng.randint(1, 4),
                "reviewed_at": _iso(moment),
                "drill": False,
                "card_before": {
                    "due": _iso(moment),
                    "stability": None,
                    "difficulty": None,
                    "state": 1,
                    "step": 0,
                    "last_review": None,
                },
            }
        )
    for n in range(want["checkin"]):
        moment = start + timedelta(hours=2, minutes=(9000 * 24 * 60 - 600) * n // want["checkin"])
        out["checkin"].append(
            {
                **stamped(moment),
                "mood": rng.randint(1, 5),
                "energy": rng.choice([None, 1, 2, 3, 4, 5]),
                "note": _words(rng, 0, 12),
                "tags": [rng.choice(WORDS)],
                "at": _iso(moment),
                "day": moment.date().isoformat(),
            }
        )
    for n in range(want["skip_day"]):
        moment = start + timedelta(days=n)
        out["skip_day"].append(
            {**stamped(moment), "day": moment.date().isoformat(), "reason": "sick"}
        )
    for n in range(want["interview"]):
        moment = start + timedelta(hours=5 * n)
        out["interview"].append(
            {
                **stamped(moment),
                "company": f"Company {n}",
                "role": "",
                "stage": "interview",
                "at": _iso(moment),
            }
        )
    for n in range(want["urge"]):
        moment = start + timedelta(hours=5 * n)
        out["urge"].append(
            {
                **stamped(moment),
                "mourning_id": periods[n % len(periods)],
                "kind": "checked the inbox again",
                "at": _iso(moment),
            }
        )
    setting_rows = [
        {"key": key, "value": value, "created_at": _iso(NOW), "updated_at": _iso(NOW)}
        for key, value in settings
    ]
    return {
        "kind": "bounce-export",
        "format": 1,
        "schema": 0,
        "app_version": "benchmark",
        "exported_at": _iso(NOW),
        "records": {**out, "setting": setting_rows},
    }


#: One timing: (wall seconds, CPU seconds of the process doing the work).
Timing = tuple[float, float]


def _median(samples: list[Timing]) -> str:
    wall = [w for w, _ in samples]
    cpu = [c for _, c in samples]
    runs = ", ".join(f"{w:.2f}" for w in wall)
    return (
        f"{statistics.median(wall):6.2f} s wall, {statistics.median(cpu):6.2f} s CPU"
        f"  (wall of each run: {runs})"
    )


def store_runs(export: dict[str, Any], runs: int, root: Path) -> tuple[list[Timing], list[Timing]]:
    """Seconds for import_data into an empty database, then again into the same one."""
    from bounce_tui.store.repository import Store

    empty, again = [], []
    for run in range(runs):
        store = Store(root / f"store-{run}.db", now=lambda: NOW, template=lambda: [])
        try:
            data = json.loads(json.dumps(export))
            started, cpu = time.perf_counter(), time.process_time()
            first = store.files.import_data(data)
            empty.append((time.perf_counter() - started, time.process_time() - cpu))
            data = json.loads(json.dumps(export))
            started, cpu = time.perf_counter(), time.process_time()
            second = store.files.import_data(data)
            again.append((time.perf_counter() - started, time.process_time() - cpu))
        finally:
            store.close()
        total = sum(len(rows) for rows in export["records"].values())
        assert first.total_added == total, (first, total)
        assert second.total_added == 0 and second.total_updated == 0, second
    return empty, again


def cli_runs(path: Path, runs: int, root: Path) -> tuple[list[Timing], list[Timing]]:
    """Seconds for `bounce import FILE` as a process, into an empty database and again."""
    env = {**os.environ, "XDG_DATA_HOME": str(root / "xdg"), "XDG_CONFIG_HOME": str(root / "cfg")}

    def timed(db: Path) -> Timing:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bounce_tui", "--db", str(db), "import", str(path)],
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"bounce import failed: {done.stdout}{done.stderr}")
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return seconds, cpu

    empty, again = [], []
    for run in range(runs):
        db = root / f"cli-{run}" / "bounce.db"
        db.parent.mkdir(mode=0o700)
        empty.append(timed(db))
        again.append(timed(db))
    return empty, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-cli", action="store_true", help="time only the store's import")
    args = parser.parse_args()
    export = build_export(args.records)
    total = sum(len(rows) for rows in export["records"].values())
    kinds = ", ".join(f"{name} {len(rows)}" for name, rows in export["records"].items())
    print(f"export: {total} records ({kinds})")
    root = Path(tempfile.mkdtemp(prefix="bounce-import-speed-"))
    try:
        path = root / "export.json"
        path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"file: {path.stat().st_size / 1e6:.1f} MB; median of {args.runs}")
        sections: list[tuple[str, Callable[[], tuple[list[Timing], list[Timing]]]]] = [
            ("store import_data", lambda: store_runs(export, args.runs, root))
        ]
        if not args.no_cli:
            sections.append(("cli `bounce import`", lambda: cli_runs(path, args.runs, root)))
        for label, run in sections:
            empty, again = run()
            print(f"{label}: into an empty database     {_median(empty)}")
            print(f"{label}: into one already holding it {_median(again)}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

"""2. SIGKILL during a migration step and during a backup, at random moments.

    python tests/stress/kill_migrate_backup.py [--runs 50] [--seed 2] [--lessons 20000]

Migration: a schema-1 database with many lessons (step 3 builds the search index
over them) is opened by a child that is killed at a random moment between the
start of the work and a little after its measured duration. Then: the schema
version is 1, 2 or 3 and the schema objects are exactly those of that version
(never between), integrity_check is ok, every row is unchanged, every backup
under its final name is good, and the next open completes the migration.

Backup: a child takes a backup of a large database and is killed at random.
Then: the live file is byte-identical (sha256), every backup under its final
name passes integrity_check with the live file's row counts, and the next backup
removes the killed one's partial copy.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    Figures,
    Lines,
    child,
    content_digest,
    counts,
    integrity,
    isolated_env,
    new_db,
    query,
    schema_objects,
    sha256,
    v1_db,
    workdir,
)

#: Objects each schema version adds (see bounce_tui/store/file/migrations.py).
ADDED_BY = {
    2: {"ix_checkin_at"},
    3: {"ix_lesson_created_at", "lesson_fts", "lesson_fts_insert"},
    4: {"ix_lesson_theme_id"},
}


def _timed(env: dict[str, str], name: str, db: Path) -> float:
    lines = Lines(child(name, str(db), env=env))
    lines.wait_for("DONE", timeout=300)
    done = [line for line in lines.finish() if line.startswith("DONE")]
    return float(done[0].split()[1])


def _kill_at_random(env: dict[str, str], name: str, db: Path, delay: float) -> bool:
    """Start the child, kill it `delay` s after READY; True when it finished first."""
    proc = child(name, str(db), env=env)
    lines = Lines(proc)
    lines.wait_for("READY")
    time.sleep(delay)
    finished = proc.poll() is not None
    if not finished:
        os.kill(proc.pid, signal.SIGKILL)
    said = lines.finish()
    return any(line.startswith("DONE") for line in said)


def _final_backups(db: Path) -> list[Path]:
    from bounce_tui.store.file import backup

    return backup.list_backups(db)


def _partials(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    return list(folder.glob(".*.partial-*")) if folder.is_dir() else []


def migration_runs(runs: int, rng: random.Random, lessons: int) -> Figures:
    from bounce_tui.store.file import migrations

    figures = Figures(f"kill during a migration ({runs} runs, {lessons} lessons)")
    versions: dict[int, int] = {}
    between = bad_integrity = changed_rows = bad_backups = good_backups = reopened = 0
    completed = 0
    with workdir("kill-migrate") as root:
        env = isolated_env(root)
        template = v1_db(root / "template" / "bounce.db", checkins=2000, lessons=lessons)
        expected = content_digest(template)
        expected_counts = counts(template)
        calibrate = root / "calibrate" / "bounce.db"
        calibrate.parent.mkdir()
        shutil.copy(template, calibrate)
        duration = _timed(env, "migrate", calibrate)
        figures["migration duration (s)"] = duration
        for number in range(runs):
            db = root / f"run{number}" / "bounce.db"
            db.parent.mkdir(mode=0o700)
            shutil.copy(template, db)
            completed += _kill_at_random(env, "migrate", db, rng.uniform(0, duration * 1.1))
            if os.path.exists(f"{db}-journal"):
                _rollback(db)  # what any reader sees: SQLite rolls a hot journal back first
            version = query(db, "PRAGMA user_version")[0][0]
            versions[version] = versions.get(version, 0) + 1
            objects = schema_objects(db)
            want_present = set().union(*(ADDED_BY[v] for v in ADDED_BY if v <= version))
            want_absent = set().union(*(ADDED_BY[v] for v in ADDED_BY if v > version))
            between += not (want_present <= objects and not (want_absent & objects))
            bad_integrity += integrity(db) != "ok"
            changed_rows += content_digest(db, like=template) != expected
            for saved in _final_backups(db):
                good = integrity(saved) == "ok" and counts(saved) == expected_counts
                good_backups += good
                bad_backups += not good
            migrations.open_database(db, lambda: datetime.now(timezone.utc))
            reopened += (
                query(db, "PRAGMA user_version")[0][0] == migrations.SCHEMA_VERSION
                and integrity(db) == "ok"
                and counts(db) == expected_counts
            )
    figures["runs"] = runs
    figures["runs killed before the migration finished"] = runs - completed
    figures["schema versions seen after the kill"] = dict(sorted(versions.items()))
    figures["runs with a schema between versions"] = between
    figures["runs failing integrity_check"] = bad_integrity
    figures["runs whose rows changed"] = changed_rows
    figures["backups under a final name: good / bad"] = f"{good_backups} / {bad_backups}"
    figures["next open migrated to the newest version, rows intact"] = f"{reopened}/{runs}"
    figures["_bad"] = between + bad_integrity + changed_rows + bad_backups + (runs - reopened)
    return figures


def _rollback(db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def backup_runs(runs: int, rng: random.Random, lessons: int) -> Figures:
    from bounce_tui.store.file import backup

    figures = Figures(f"kill during a backup ({runs} runs, {lessons // 2} lessons)")
    live_changed = bad = good = partial_left = partial_removed = completed = 0
    with workdir("kill-backup") as root:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=2000, lessons=lessons // 2)
        figures["database size (MB)"] = round(db.stat().st_size / 1e6, 1)
        before, before_counts = sha256(db), counts(db)
        duration = _timed(env, "backup", db)
        for old in _final_backups(db):
            old.unlink()
        figures["backup duration (s)"] = duration
        for _ in range(runs):
            completed += _kill_at_random(env, "backup", db, rng.uniform(0, duration * 1.5))
            live_changed += sha256(db) != before
            for saved in _final_backups(db):
                ok = integrity(saved) == "ok" and counts(saved) == before_counts
                good += ok
                bad += not ok
                saved.unlink()
            leftovers = _partials(db)
            partial_left += bool(leftovers)
            if leftovers:
                backup.remove_stale_partials(db.parent / "backups")
                partial_removed += not _partials(db)
    figures["runs"] = runs
    figures["runs killed before the backup finished"] = runs - completed
    figures["live file changed (sha256)"] = live_changed
    figures["backups under a final name: good / bad"] = f"{good} / {bad}"
    figures["runs that left a partial copy (never under a final name)"] = partial_left
    figures["partial copies removed by the next backup"] = f"{partial_removed}/{partial_left}"
    figures["_bad"] = live_changed + bad + (partial_left - partial_removed)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--lessons", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    migration_runs(args.runs, rng, args.lessons).print()
    backup_runs(args.runs, rng, args.lessons).print()


if __name__ == "__main__":
    main()

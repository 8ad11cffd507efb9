"""6. Backups: when they are taken, how they rotate, and that every one restores.

    python tests/stress/backups.py [--days 90] [--concurrent 50]

Simulated calendar (an injected clock): every day the database gets new rows and
the start-of-day backup runs three times (only the first may make a backup), plus
a manual backup; rotation must keep every manual backup and, of the automatic
ones, exactly the newest of each of the 7 newest days and of the 4 newest weeks
that have one. Every kept backup must pass integrity_check and restore (`doctor.restore`)
to the row counts the database had when it was taken. A schema-1 file must be
backed up before its migration, and a healthy file before a restore.

Then, for real: `bounce backup -o` runs CONCURRENT times while a `bounce checkin`
loop writes; every copy must pass integrity_check, be 0600 and restore exactly.
"""

from __future__ import annotations

import argparse
import shutil
import stat
import sys
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    Figures,
    cli,
    counts,
    fill,
    integrity,
    isolated_env,
    new_db,
    query,
    v1_db,
    workdir,
)


def expected_kept(taken: list[datetime], now: datetime) -> set[datetime]:
    """The rotation rule for automatic backups, written out independently: the newest of
    each of the 7 newest days and of the 4 newest weeks that have a backup, and the
    newest of all (`now` only hides backups stamped after it)."""
    moments = sorted((m for m in taken if m <= now), reverse=True)
    kept: set[datetime] = set(moments[:1])
    newest_per_day: dict[date, datetime] = {}
    newest_per_week: dict[tuple[int, ...], datetime] = {}
    for moment in moments:  # newest first: the first seen of a day or week is its newest
        newest_per_day.setdefault(moment.date(), moment)
        newest_per_week.setdefault(tuple(moment.date().isocalendar())[:2], moment)
    kept.update(list(newest_per_day.values())[:7])
    kept.update(list(newest_per_week.values())[:4])
    return kept


def _restores_to(backup_file: Path, want: dict[str, int], scratch: Path) -> bool:
    from bounce_tui.store.file import doctor

    target = scratch / "restored" / "bounce.db"
    shutil.rmtree(target.parent, ignore_errors=True)
    doctor.restore(target, backup_file, datetime.now(timezone.utc))
    return integrity(target) == "ok" and counts(target) == want


def calendar(days: int) -> Figures:
    from bounce_tui.store.file import backup, doctor, migrations
    from bounce_tui.store.repository import Store

    figures = Figures(f"backups over {days} simulated days")
    with workdir("backups-calendar") as root:
        db = new_db(root / "data" / "bounce.db", checkins=5, lessons=5)
        now = datetime(2026, 1, 1, 8, tzinfo=timezone.utc)
        taken_counts: dict[str, dict[str, int]] = {}
        daily_made = rotation_wrong = 0
        for day in range(days):
            moment = now + timedelta(days=day)
            fill(db, checkins=3, lessons=1, seed=1000 + day)
            store = Store(db, now=lambda m=moment: m)  # type: ignore[misc]
            for hour in (0, 3, 9):
                store.now = lambda m=moment + timedelta(hours=hour): m  # type: ignore[misc]
                made = store.files.daily_backup()
                daily_made += made is not None
                if made is not None:
                    taken_counts[made.name] = counts(db)
            store.now = lambda m=moment + timedelta(hours=10): m  # type: ignore[misc]
            manual = store.files.backup()
            taken_counts[manual.name] = counts(db)
            store.close()
            kept = backup.list_backups(db)
            times = [backup.backup_time(p) for p in kept]
            folder = root / "data" / "backups"
            auto = [backup.backup_time(folder / n) for n in taken_counts if "-manual" not in n]
            manual_times = {backup.backup_time(folder / n) for n in taken_counts if "-manual" in n}
            want = expected_kept([t for t in auto if t], moment + timedelta(hours=10))
            want |= {t for t in manual_times if t}
            rotation_wrong += set(times) != want
        kept = backup.list_backups(db)
        good = sum(
            integrity(p) == "ok" and _restores_to(p, taken_counts[p.name], root) for p in kept
        )
        figures["daily backups made (one per day expected)"] = f"{daily_made}/{days}"
        figures["days whose kept set differed from 7 daily + 4 weekly"] = rotation_wrong
        figures["backups kept at the end"] = len(kept)
        figures["automatic backups kept at the end"] = len(
            [p for p in kept if backup.backup_reason(p) != backup.MANUAL]
        )
        figures["kept backups that pass integrity_check and restore exactly"] = (
            f"{good}/{len(kept)}"
        )
        old = v1_db(root / "old" / "bounce.db", checkins=20, lessons=20)
        before = counts(old)
        opened = migrations.open_database(old, lambda: now)
        saved = opened.backup_path
        figures["backup before a migration"] = bool(
            saved
            and "before-v" in saved.name
            and integrity(saved) == "ok"
            and query(saved, "PRAGMA user_version")[0][0] == 1
            and counts(saved) == before
        )
        live_counts = counts(db)
        newest = backup.list_backups(db)[0]
        doctor.restore(db, newest, now + timedelta(days=days + 1))
        before_restore = [p for p in backup.list_backups(db) if "before-restore" in p.name]
        figures["backup before a restore"] = bool(
            before_restore
            and integrity(before_restore[0]) == "ok"
            and counts(before_restore[0]) == live_counts
        )
        figures["_bad"] = (
            (days - daily_made) + rotation_wrong + (len(kept) - good)
            + (not figures["backup before a migration"]) + (not figures["backup before a restore"])
        )  # fmt: skip
    return figures


def concurrent(copies: int) -> Figures:
    figures = Figures(f"{copies} backups taken while `bounce checkin` writes")
    with workdir("backups-concurrent") as root:
        env = isolated_env(root)
        db = new_db(root / "data" / "bounce.db", checkins=200, lessons=200)
        out = root / "copies"
        out.mkdir(mode=0o700)
        stop = threading.Event()
        written = [0]

        def writer() -> None:
            while not stop.is_set():
                written[0] += cli(env, db, "checkin", "3", "-n", f"w{written[0]}").code == 0

        thread = threading.Thread(target=writer)
        thread.start()
        results = [cli(env, db, "backup", "-o", str(out / f"b{n:03}.db")) for n in range(copies)]
        stop.set()
        thread.join()
        files = sorted(out.glob("b*.db"))
        good = private = exact = 0
        for copy in files:
            good += integrity(copy) == "ok"
            private += stat.S_IMODE(copy.stat().st_mode) == 0o600
            exact += _restores_to(copy, counts(copy), root)
        made_counts = [counts(p)["checkin"] for p in files]
        figures["backup commands that succeeded"] = f"{sum(r.code == 0 for r in results)}/{copies}"
        figures["check-ins written meanwhile"] = written[0]
        figures["copies passing integrity_check"] = f"{good}/{copies}"
        figures["copies with mode 0600"] = f"{private}/{copies}"
        figures["copies restoring to identical row counts"] = f"{exact}/{copies}"
        figures["distinct check-in counts among the copies"] = len(set(made_counts))
        figures["_bad"] = 3 * copies - good - private - exact + sum(r.code != 0 for r in results)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--concurrent", type=int, default=50)
    args = parser.parse_args()
    calendar(args.days).print()
    concurrent(args.concurrent).print()


if __name__ == "__main__":
    main()

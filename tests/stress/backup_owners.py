"""Two databases in one folder: each keeps its own backups, whatever the clock does.

    python tests/stress/backup_owners.py [--days 120] [--seed 1]

Simulated calendar (an injected clock): `work.db` and `private.db` share one folder.
Every day each gets entries and runs its start-of-day backup one to three times (in
a random order); now and then one takes a manual backup, runs once with its clock
in 2099, or someone plants a file in the backups folder (another database's backup
renamed with this one's id and a far-future stamp, a copy under a foreign
application id, a file that is not a database at all). After every run the script
checks which files went away and why; every ten days it asks doctor which backups
it would restore. At the end each database is damaged and restored.

Expected: no run removes a file of the other database, a manual backup, a planted
file or (during a 2099 run) any earlier backup; doctor offers only a database's own
backups, picks the one whose content is newest, and the restore brings back that
database's own entries.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import Figures, integrity, query, workdir  # noqa: E402

FAR = datetime(2999, 1, 1, tzinfo=timezone.utc)
AHEAD = datetime(2099, 6, 1, 8, tzinfo=timezone.utc)


class Clock:
    """The injected clock both stores read."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def _damage(path: Path) -> None:
    with open(path, "r+b") as fh:
        page = int.from_bytes(fh.read(100)[16:18], "big")
        fh.seek(page)
        fh.write(b"\xa5" * page)


def run(days: int = 120, seed: int = 1) -> Figures:
    from bounce_tui.store.file import backup, doctor, identity
    from bounce_tui.store.repository import Store

    rng = random.Random(seed)
    figures = Figures(f"two databases in one folder over {days} simulated days (seed {seed})")
    started = time.monotonic()
    with workdir("backup-owners") as root:
        folder = root / "shared"
        folder.mkdir()
        clock = Clock(datetime(2026, 1, 1, 7, tzinfo=timezone.utc))
        names = ("work", "private")
        stores = {n: Store(folder / f"{n}.db", now=clock) for n in names}
        owner: dict[Path, str] = {}  # every backup a database made, and whose it is
        planted: set[Path] = set()
        ahead_made: set[Path] = set()
        tally = dict.fromkeys(
            ("runs", "backups made", "manual backups", "2099 runs", "planted files",
             "cross deletions", "manual deleted", "planted deleted",
             "deleted during a 2099 run", "future-stamped deleted", "doctor checks",
             "other database offered", "pick not newest by content"), 0,
        )  # fmt: skip

        def seen() -> set[Path]:
            return set(backup.list_backups(stores["work"].path)) | {
                p for p in (folder / "backups").glob("*") if p.is_file()
            }

        def one_run(name: str, action: str) -> None:
            before = seen()
            store = stores[name]
            if action == "ahead":
                today, clock.moment = clock.moment, AHEAD
                made = store.files.daily_backup()
                clock.moment = today
                if made is not None:
                    ahead_made.add(made)
            elif action == "manual":
                made = store.files.backup()
                tally["manual backups"] += 1
            else:
                made = store.files.daily_backup()
            tally["runs"] += 1
            if made is not None:
                owner[made] = name
                tally["backups made"] += 1
            for gone in before - seen():
                if gone in planted:
                    tally["planted deleted"] += 1
                elif owner.get(gone) != name:
                    tally["cross deletions"] += 1
                elif backup.backup_reason(gone) == backup.MANUAL:
                    tally["manual deleted"] += 1
                if action == "ahead":
                    tally["deleted during a 2099 run"] += 1
                if gone in ahead_made:
                    tally["future-stamped deleted"] += 1

        def plant(name: str) -> None:
            victim = stores[name].path
            tag = identity.name_tag(identity.read_id(victim) or "0" * 8)
            theirs = [p for p, o in owner.items() if o != name and p.exists()]
            mine = [p for p, o in owner.items() if o == name and p.exists()]
            stamp = (FAR + timedelta(seconds=len(planted))).strftime(backup.STAMP_FORMAT)
            kind = rng.choice(("renamed", "foreign-app", "junk"))
            target = folder / "backups" / f"bounce-{tag}-{stamp}-manual.db"
            if kind == "renamed" and theirs:
                shutil.copyfile(rng.choice(theirs), target)
            elif kind == "foreign-app" and mine:
                shutil.copyfile(rng.choice(mine), target)
                with sqlite3.connect(target) as conn:
                    conn.execute("PRAGMA application_id = 7")
            else:
                target.write_bytes(b"not a database at all\n" * 10)
            planted.add(target)
            tally["planted files"] += 1

        def doctor_check(name: str) -> None:
            db = stores[name].path
            mine = identity.read_id(db)
            found, _ = doctor.restore_candidates(db)
            tally["doctor checks"] += 1
            tally["other database offered"] += sum(
                identity.read_id(c.path) != mine or c.path in planted for c in found
            )
            own = [c for c in (identity.content(p) for p in backup.backups_of(db, mine or ""))
                   if c and c.database_id == mine]  # fmt: skip
            best = max((c.newest_entry or "" for c in own), default="")
            if found and (found[0].newest_entry or "") != best:
                tally["pick not newest by content"] += 1

        for day in range(days):
            clock.moment = datetime(2026, 1, 1, 7, tzinfo=timezone.utc) + timedelta(days=day)
            order = list(names)
            rng.shuffle(order)
            for name in order:
                stores[name].checkins.check_in(rng.randint(1, 5), note=f"{name} day {day}")
                for _ in range(rng.randint(1, 3)):
                    clock.moment += timedelta(minutes=rng.randint(1, 90))
                    one_run(name, "daily")
                roll = rng.random()
                if roll < 0.08:
                    one_run(name, "manual")
                elif roll < 0.12:
                    tally["2099 runs"] += 1
                    one_run(name, "ahead")
                elif roll < 0.18:
                    plant(name)
            if day % 10 == 9:
                for name in names:
                    doctor_check(name)

        for key, value in tally.items():
            figures[key] = value
        for name in names:
            db = stores[name].path
            mine = identity.read_id(db) or ""
            kept = [p for p in backup.backups_of(db, mine) if identity.read_id(p) == mine]
            auto = [p for p in kept if backup.backup_reason(p) != backup.MANUAL]
            figures[f"{name}: automatic backups kept at the end (own content)"] = len(
                [p for p in auto if p not in ahead_made]
            )
            figures[f"{name}: 2099 and manual backups kept"] = (
                len(kept) - len(auto) + len([p for p in auto if p in ahead_made])
            )
        restored_right = 0
        for name in names:
            db = stores[name].path
            mine = identity.read_id(db)
            stores[name].close()
            _damage(db)
            pick = doctor.newest_good_backup(db)
            if pick is not None:
                doctor.restore(db, pick, clock())
                notes = {n for (n,) in query(db, "SELECT note FROM checkin")}
                restored_right += (
                    integrity(db) == "ok"
                    and identity.read_id(db) == mine
                    and all(n.startswith(f"{name} ") for n in notes)
                )
        figures["damaged databases restored from their own backup"] = f"{restored_right}/2"
        figures["seconds"] = round(time.monotonic() - started, 1)
        bad_keys = ("cross deletions", "manual deleted", "planted deleted",
                    "deleted during a 2099 run", "future-stamped deleted",
                    "other database offered", "pick not newest by content")  # fmt: skip
        figures["_bad"] = sum(tally[k] for k in bad_keys) + (2 - restored_right)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    figures = run(args.days, args.seed)
    figures.print()
    sys.exit(1 if figures["_bad"] else 0)


if __name__ == "__main__":
    main()

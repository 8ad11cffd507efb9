"""5. Damaged and foreign files: refused untouched, explained, and restorable from a backup.

    python tests/stress/corrupt_files.py [--seeds 20] [--no-tui]

For each kind of damage and each seed: a bounce database with rows and one good
backup is damaged, then the CLI is asked to write and read (checkin, lesson,
reject, status, export) and the app is opened on it. Each must fail with one
human line (the app: its "could not open" screen), print no traceback, and leave
the file byte-identical (sha256). Then `bounce doctor` must offer the newest good
backup and `bounce doctor --restore` must put it in place (row counts as in the
backup; the damaged file kept aside, byte-identical).

A random overwrite of header bytes can land on bytes SQLite ignores (the change
counter, for one). Such a file is whole; it is counted as "harmless" when bounce
accepts it, integrity_check passes and every row reads back unchanged.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import struct
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.stress.harness import (  # noqa: E402
    Figures,
    cli,
    content_digest,
    counts,
    integrity,
    isolated_env,
    new_db,
    sha256,
    workdir,
)

WRITES = (("checkin", "3", "-n", "after the damage"), ("lesson", "a lesson"), ("reject", "Acme"))
READS = (("status",), ("export",))


def _pages(db: Path) -> tuple[int, int]:
    page_size = struct.unpack(">H", db.read_bytes()[16:18])[0]
    return page_size, db.stat().st_size // page_size


def truncated(db: Path, rng: random.Random) -> None:
    page_size, pages = _pages(db)
    size = db.stat().st_size
    length = rng.randrange(1, pages) * page_size if rng.random() < 0.5 else rng.randrange(1, size)
    with open(db, "r+b") as fh:
        fh.truncate(length)


def zeroed_page(db: Path, rng: random.Random) -> None:
    page_size, pages = _pages(db)
    data = db.read_bytes()
    used = [n for n in range(2, pages + 1) if any(data[(n - 1) * page_size : n * page_size])]
    page = rng.choice(used)
    with open(db, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(bytes(page_size))


def header_bytes(db: Path, rng: random.Random) -> None:
    data = bytearray(db.read_bytes())
    start = rng.randrange(0, 100)
    length = rng.randint(1, min(16, 100 - start))
    while True:
        noise = rng.randbytes(length)
        if noise != bytes(data[start : start + length]):
            break
    data[start : start + length] = noise
    db.write_bytes(bytes(data))


def not_sqlite(db: Path, rng: random.Random) -> None:
    if rng.random() < 0.5:
        db.write_bytes(rng.randbytes(rng.randint(1, 65536)))
    else:
        db.write_text("my notes\n" * rng.randint(1, 500))


def foreign_app_id(db: Path, rng: random.Random) -> None:
    from bounce_tui.store.file.engine import APPLICATION_ID

    conn = sqlite3.connect(db)
    if rng.random() < 0.5:
        value = rng.randint(1, 2**31 - 1)
        value += value == APPLICATION_ID
        conn.execute(f"PRAGMA application_id = {value}")
    else:  # another program's database: its own tables, no application_id
        db.unlink()
        conn.close()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
    conn.commit()
    conn.close()


def newer_schema(db: Path, rng: random.Random) -> None:
    from bounce_tui.store.file.migrations import SCHEMA_VERSION

    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + rng.randint(1, 40)}")
    conn.commit()
    conn.close()


KINDS: dict[str, Callable[[Path, random.Random], None]] = {
    "truncated": truncated,
    "zeroed page": zeroed_page,
    "random bytes over the header": header_bytes,
    "not an SQLite file": not_sqlite,
    "foreign application_id": foreign_app_id,
    "newer schema": newer_schema,
}


def _harmless(db: Path, digest: str) -> bool:
    from bounce_tui.store.errors import StoreError
    from bounce_tui.store.file import migrations

    try:
        migrations.check_ours(db, migrations.inspect_file(db))
    except StoreError:
        return False
    return integrity(db) == "ok" and content_digest(db) == digest


def tui_refuses(db: Path) -> bool:
    """Open the app on `db`: True when it shows its 'could not open' screen, no crash."""
    from bounce_tui.app import BounceApp
    from bounce_tui.screens.open_failed import OpenFailedScreen

    async def go() -> bool:
        app = BounceApp(db, tick_seconds=3600)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(1500):  # at least 30 s: a limit only for a very busy machine
                await pilot.pause(0.02)
                if isinstance(app.screen, OpenFailedScreen):
                    # Stop only once the main screen below has mounted its panes: stopping
                    # while they mount raises NoMatches in MainScreen._mount_panes.
                    main = app.screen_stack[0]
                    for _ in range(1500):
                        if getattr(main, "panes_ready", True):
                            break
                        await pilot.pause(0.02)
                    return bool(app.ctx.open_error)
                if app.ctx.snapshot is not None:
                    return False
        return False

    return asyncio.run(go())


def one_case(root: Path, kind: str, seed: int, tui: bool, commands: int) -> dict[str, int]:
    """Damage one database; return counts of what went right (1) or wrong (0)."""
    rng = random.Random(f"{kind}-{seed}")
    env = isolated_env(root)
    db = new_db(root / "data" / "bounce.db", checkins=30, lessons=30, seed=seed)
    backup_made = cli(env, db, "backup")
    backup_counts = counts(db)
    digest = content_digest(db)
    KINDS[kind](db, rng)
    damaged = sha256(db)
    if _harmless(db, digest):
        return {"harmless": 1}
    outcome = {"cases": 1, "backup made": int(backup_made.code == 0)}
    results = [cli(env, db, *args) for args in (WRITES + READS)[:commands]]
    outcome["commands refused with one line"] = sum(
        r.code != 0 and r.one_clean_line() and r.stdout == "" for r in results
    )
    outcome["commands run"] = len(results)
    outcome["byte-identical after the commands"] = int(sha256(db) == damaged)
    if tui:
        outcome["app showed its could-not-open screen"] = int(tui_refuses(db))
        outcome["byte-identical after the app"] = int(sha256(db) == damaged)
    doctor = cli(env, db, "doctor")
    outcome["doctor offered the backup"] = int(
        doctor.code == 1 and "a good backup exists" in doctor.stdout and doctor.stderr == ""
    )
    restored = cli(env, db, "doctor", "--restore")
    aside = sorted(db.parent.glob("bounce.db.set-aside-*"))
    outcome["restore worked"] = int(
        restored.code == 0
        and integrity(db) == "ok"
        and counts(db) == backup_counts
        and len(aside) == 1
        and sha256(aside[0]) == damaged
    )
    return outcome


def run(seeds: int, *, tui: bool = True, commands: int = 5, workers: int = 2) -> Figures:
    figures = Figures(f"damaged and foreign files ({seeds} seeds per kind)")
    with workdir("corrupt") as root:
        jobs = [(kind, seed) for kind in KINDS for seed in range(seeds)]

        def case(job: tuple[str, int]) -> tuple[str, dict[str, int]]:
            kind, seed = job
            return kind, one_case(root / f"{kind}-{seed}".replace(" ", "_"), kind, seed, tui,
                                  commands)  # fmt: skip

        with ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(case, jobs))
    failures = 0
    for kind in KINDS:
        total: dict[str, int] = {}
        for name, outcome in results:
            if name == kind:
                for key, value in outcome.items():
                    total[key] = total.get(key, 0) + value
        cases = total.get("cases", 0)
        parts = [f"{total.get('harmless', 0)} harmless"] if total.get("harmless") else []
        for key, value in total.items():
            if key in ("cases", "harmless", "commands run"):
                continue
            whole = total["commands run"] if key.startswith("commands") else cases
            parts.append(f"{key} {value}/{whole}")
            failures += whole - value
        figures[f"{kind} ({cases} damaged)"] = "; ".join(parts)
    figures["failures"] = failures
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--no-tui", action="store_true")
    args = parser.parse_args()
    run(args.seeds, tui=not args.no_tui).print()


if __name__ == "__main__":
    main()

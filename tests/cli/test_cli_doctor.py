"""`bounce doctor`: reports a healthy file, names a good backup for a damaged one, restores it."""

from __future__ import annotations

import random
import re
from functools import partial
from pathlib import Path

from ._support import Bounce, parallel, private_folder, query, sha256, tree


def _damage_page_two(db: Path) -> None:
    """Overwrite page 2 (the page after the header page) with random bytes."""
    with open(db, "r+b") as fh:
        header = fh.read(100)
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        assert db.stat().st_size >= 3 * page_size
        fh.seek(page_size)
        fh.write(random.Random(7).randbytes(page_size))


def test_doctor_on_a_healthy_database(bounce: Bounce, existing_db: Path) -> None:
    before = sha256(existing_db)
    healthy, not_yet = parallel(
        partial(bounce.ok, "doctor"),
        partial(bounce.ok, "doctor", db=private_folder(bounce.root / "later") / "bounce.db"),
    )
    lines = healthy.stdout.splitlines()
    assert "integrity: ok" in lines, healthy
    assert lines[-1] == "all good", healthy
    assert f"database: {existing_db}" in lines, healthy
    assert re.search(r"^schema: version \d+ \(this bounce: \d+\)$", healthy.stdout, re.M)
    config = Path(bounce.env["XDG_CONFIG_HOME"]) / "bounce"
    assert f"config folder: {config}" in lines, healthy
    assert sha256(existing_db) == before  # diagnosis only reads

    assert "no database yet" in not_yet.stdout, not_yet
    assert tree(bounce.root / "later") == {}


def test_doctor_names_a_good_backup_and_restores_it(bounce: Bounce, existing_db: Path) -> None:
    made = bounce.ok("backup")
    match = re.fullmatch(r"backup written: (.+)\n", made.stdout)
    assert match, made
    backup = Path(match[1])
    bounce.ok("checkin", "1", "-n", "written after the backup")
    _damage_page_two(existing_db)
    damaged = sha256(existing_db)

    report = bounce.run("doctor")
    assert report.returncode != 0, report
    assert "Traceback" not in report.output, report
    assert "integrity: ok" not in report.stdout, report
    assert re.search(r"^problem: .*integrity", report.stdout, re.M), report
    assert re.search(rf"^a good backup exists: .*{re.escape(backup.name)}$", report.stdout, re.M)
    assert "bounce doctor --restore" in report.stdout, report
    assert sha256(existing_db) == damaged  # diagnosis only reads

    restored = bounce.ok("doctor", "--restore")
    assert f"restored {backup.name}" in restored.stdout, restored

    # The backed-up rows are back, in a healthy file bounce opens again.
    assert query(existing_db, "PRAGMA integrity_check") == [("ok",)]
    assert query(existing_db, "SELECT note FROM checkin") == [("template note",)]
    assert query(existing_db, "SELECT company FROM rejection") == [("Acme",)]
    status, again = parallel(partial(bounce.ok, "status", "--json"), partial(bounce.ok, "doctor"))
    assert '"lessons_total": 1' in status.stdout
    assert "integrity: ok" in again.stdout.splitlines()

    # The damaged file was kept, renamed beside the database.
    aside = sorted(existing_db.parent.glob(f"{existing_db.name}.set-aside-*"))
    assert len(aside) == 1, aside
    assert sha256(aside[0]) == damaged
    assert aside[0].name in restored.stdout
    assert backup.exists()


def test_doctor_without_a_good_backup_says_so_and_changes_nothing(
    bounce: Bounce, existing_db: Path
) -> None:
    _damage_page_two(existing_db)
    damaged = sha256(existing_db)
    report, restore = parallel(
        partial(bounce.run, "doctor"), partial(bounce.run, "doctor", "--restore")
    )
    for result in (report, restore):
        assert result.returncode == 1, result
        assert "Traceback" not in result.output, result
        assert "no good backup was found" in result.stdout, result
    assert sha256(existing_db) == damaged
    assert sorted(p.name for p in existing_db.parent.iterdir()) == [existing_db.name]

"""Private files whatever the umask: folders 0700, database, backups and exports 0600."""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path

from ._support import Bounce, mode, parallel

UMASKS = (0o022, 0o002)


def test_new_files_are_private_under_umask_022_and_002(bounce: Bounce) -> None:
    """Both umasks run side by side, each in its own folder (subprocesses are slow).

    Each umask gets its own data home, so bounce creates its default data folder
    (and the missing parents) itself.
    """
    base = {umask: bounce.root / f"umask{umask:03o}" for umask in UMASKS}
    envs = {umask: {"XDG_DATA_HOME": str(base[umask] / "newdir" / "sub")} for umask in UMASKS}
    dbs = {umask: base[umask] / "newdir" / "sub" / "bounce" / "bounce.db" for umask in UMASKS}
    parallel(
        *(partial(bounce.ok, "checkin", "3", use_db=False, env=envs[u], umask=u) for u in UMASKS)
    )
    for umask in UMASKS:
        for folder in (dbs[umask].parent, dbs[umask].parent.parent, base[umask] / "newdir"):
            assert mode(folder) == 0o700, (oct(umask), folder)
        assert mode(dbs[umask]) == 0o600, oct(umask)

    calls = []
    for umask in UMASKS:
        db, folder = dbs[umask], base[umask]
        journal = folder / "journal.md"
        journal.write_text("an older journal\n", encoding="utf-8")
        journal.chmod(0o644)
        calls += [
            partial(bounce.ok, "backup", db=db, umask=umask),
            partial(bounce.ok, "backup", "-o", folder / "copy.db", db=db, umask=umask),
            partial(bounce.ok, "export", "-o", folder / "out.json", db=db, umask=umask),
            partial(bounce.ok, "export", "--format", "md", "-o", journal, "--force", db=db,
                    umask=umask),
        ]  # fmt: skip
    results = parallel(*calls)

    for index, umask in enumerate(UMASKS):
        db, folder = dbs[umask], base[umask]
        backup = results[4 * index]
        match = re.fullmatch(r"backup written: (.+)\n", backup.stdout)
        assert match, backup
        made = Path(match[1])
        assert made.parent.resolve() == (db.parent / "backups").resolve()
        assert mode(made.parent) == 0o700, oct(umask)
        assert mode(made) == 0o600, oct(umask)
        assert mode(folder / "copy.db") == 0o600, oct(umask)
        assert mode(folder / "out.json") == 0o600, oct(umask)
        journal = folder / "journal.md"
        assert journal.read_text(encoding="utf-8").startswith("# bounce journal")
        assert mode(journal) == 0o600, oct(umask)  # replaced with --force, and tightened
    assert [p.name for p in bounce.root.rglob("*partial*")] == []


def test_existing_data_dir_is_tightened_on_first_use(bounce: Bounce) -> None:
    data_dir = Path(bounce.env["XDG_DATA_HOME"]) / "bounce"
    data_dir.mkdir(parents=True)
    data_dir.chmod(0o755)
    bounce.ok("checkin", "4", use_db=False, umask=0o022)
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "bounce.db") == 0o600
    assert bounce.count("checkin", db=data_dir / "bounce.db") == 1


def test_existing_loose_database_is_tightened_by_a_write(bounce: Bounce, existing_db: Path) -> None:
    existing_db.chmod(0o644)
    bounce.ok("status", umask=0o022)
    assert mode(existing_db) == 0o644  # a read changes no mode
    bounce.ok("checkin", "3", umask=0o022)
    assert mode(existing_db) == 0o600


def test_a_stricter_mode_is_never_loosened(bounce: Bounce, existing_db: Path) -> None:
    existing_db.chmod(0o400)
    for args in (("status",), ("export",), ("doctor",), ("checkins",)):
        bounce.ok(*args)
        assert mode(existing_db) == 0o400, args
    if os.geteuid() == 0:  # only root can write a 0400 file; the mode still stays
        bounce.ok("checkin", "3")
        assert mode(existing_db) == 0o400


def test_database_in_a_shared_sticky_directory_leaves_the_directory_alone(
    bounce: Bounce,
) -> None:
    """`bounce --db /tmp/scratch.db ...` must not chmod /tmp.

    A world-writable sticky directory (like /tmp) is not bounce's data folder:
    turning it into 0700 locks every other user out of it (and, for a user who
    does not own it, the chmod fails so the entry is refused).
    """
    shared = bounce.root / "shared-tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    bounce.ok("checkin", "3", db=shared / "scratch.db", umask=0o022)
    assert mode(shared) == 0o1777
    assert mode(shared / "scratch.db") == 0o600

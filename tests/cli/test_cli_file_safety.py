"""Files bounce did not make are left alone: read-only media, devices, FIFOs, symlinks at -o."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._support import Bounce, mode, query, sha256, tree


def _chattr(flag: str, *targets: Path) -> bool:
    tool = shutil.which("chattr")
    if tool is None:
        return False
    done = subprocess.run([tool, flag, *map(str, targets)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def read_only_medium(bounce: Bounce, existing_db: Path) -> Iterator[Path]:
    """A bounce database (mode 0444) in a folder (0555) that cannot be written.

    Root is not held back by modes, so as root both are also made immutable
    (`chattr +i`), which holds root back too; without that the test is skipped.
    """
    medium = bounce.root / "medium"
    medium.mkdir()
    db = medium / "bounce.db"
    shutil.copyfile(existing_db, db)
    db.chmod(0o444)
    medium.chmod(0o555)
    if os.geteuid() == 0 and not _chattr("+i", db, medium):
        medium.chmod(0o755)
        pytest.skip("running as root and chattr +i is not available: nothing is read-only")
    try:
        yield db
    finally:
        if os.geteuid() == 0:
            _chattr("-i", medium, db)
        medium.chmod(0o755)


def test_reads_work_on_a_read_only_file_in_a_read_only_folder(
    bounce: Bounce, read_only_medium: Path
) -> None:
    db, medium = read_only_medium, read_only_medium.parent
    with pytest.raises(OSError):  # the medium really is read-only
        (medium / "probe").write_text("x")
    before, listing = sha256(db), sorted(os.listdir(medium))
    for args in (("status",), ("export",), ("doctor",), ("checkins",),
                 ("lesson", "--search", "team")):  # fmt: skip
        result = bounce.ok(*args, db=db)
        assert mode(db) == 0o444 and mode(medium) == 0o555, args
        if args == ("status",):
            assert "Acme" in result.stdout, result
    assert sha256(db) == before and sorted(os.listdir(medium)) == listing
    refused = bounce.run("checkin", "3", db=db)  # a write says so in one line
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused
    assert "Traceback" not in refused.output and sha256(db) == before


def test_dev_null_as_the_database_is_refused_untouched(bounce: Bounce) -> None:
    before = os.stat("/dev/null")
    for args in (("status",), ("checkin", "3"), ("export",)):
        result = bounce.run(*args, use_db=False, env={"BOUNCE_DB": "/dev/null"})
        assert result.returncode == 2, result
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1, result
        assert "not a regular file" in result.stderr, result
    after = os.stat("/dev/null")
    assert (after.st_mode, after.st_uid, after.st_gid) == (
        before.st_mode, before.st_uid, before.st_gid,
    )  # fmt: skip
    assert not os.path.lexists("/dev/null-journal")


def test_a_fifo_as_the_database_is_refused_without_waiting(bounce: Bounce) -> None:
    fifo = bounce.root / "data" / "pipe.db"
    os.mkfifo(fifo, 0o644)
    for args in (("status",), ("checkin", "3"), ("doctor",), ("backup",)):
        result = bounce.run(*args, db=fifo, timeout=30)
        assert result.returncode in (1, 2), result
        assert "Traceback" not in result.output, result
        assert "not a regular file" in result.output, result
        assert stat.S_ISFIFO(fifo.lstat().st_mode) and mode(fifo) == 0o644
    assert sorted(os.listdir(fifo.parent)) == ["pipe.db"]


@pytest.mark.parametrize("command", ["export", "backup"])
def test_output_onto_a_symlink_replaces_the_link_never_its_target(
    bounce: Bounce, existing_db: Path, command: str
) -> None:
    target = bounce.root / "someone-elses.txt"
    target.write_bytes(b"not yours\n")
    link = bounce.root / "out.link"
    link.symlink_to(target)
    refused = bounce.run(command, "-o", link)
    assert refused.returncode == 2, refused
    assert "symbolic link" in refused.stderr and "--force" in refused.stderr, refused
    assert link.is_symlink() and target.read_bytes() == b"not yours\n"

    bounce.ok(command, "-o", link, "--force")
    assert not link.is_symlink() and link.is_file() and mode(link) == 0o600
    assert target.read_bytes() == b"not yours\n"
    if command == "backup":
        assert query(link, "SELECT company FROM rejection") == [("Acme",)]


@pytest.mark.parametrize("command", ["export", "backup"])
def test_output_onto_a_dangling_symlink_is_refused_without_force(
    bounce: Bounce, existing_db: Path, command: str
) -> None:
    target = bounce.root / "shared" / "planted-target"
    target.parent.mkdir()
    link = bounce.root / "out.link"
    link.symlink_to(target)
    refused = bounce.run(command, "-o", link)
    assert refused.returncode == 2, refused
    assert "--force" in refused.stderr, refused
    assert link.is_symlink() and not os.path.lexists(target)
    assert tree(target.parent) == {}

    bounce.ok(command, "-o", link, "--force")
    assert not link.is_symlink() and link.is_file() and mode(link) == 0o600
    assert not os.path.lexists(target)


def test_paths_printed_have_their_control_characters_made_visible(
    bounce: Bounce, existing_db: Path
) -> None:
    odd = "out\x1b[31m\x07red"
    exported = bounce.ok("export", "-o", bounce.root / f"{odd}.json")
    backed_up = bounce.ok("backup", "-o", bounce.root / f"{odd}.db")
    moved = bounce.root / f"data{odd}"
    moved.mkdir()
    db = moved / "bounce.db"
    shutil.copyfile(existing_db, db)
    diagnosed = bounce.ok("doctor", db=db)
    for result in (exported, backed_up, diagnosed):
        assert "\x1b" not in result.output and "\x07" not in result.output, result
        assert "␛[31m␇red" in result.stdout, result

"""`bounce sync init DIR --passphrase`: encrypted sync files, one-line refusals, no echo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._support import Bounce, assert_refused, mode, run_many

SECRET = "tulip-orbit-47-kettle"
WRONG = "bounce: that passphrase does not open the sync folder's files\n"


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def device(tmp_path: Path, name: str) -> Bounce:
    who = Bounce(tmp_path / name)
    who.root.mkdir(exist_ok=True)
    return who


def secret(value: str = SECRET) -> dict[str, str]:
    return {"BOUNCE_SYNC_PASSPHRASE": value}


def keys(who: Bounce) -> list[tuple[str]]:
    return who.query("SELECT value FROM sync_device WHERE key = 'key'")


def test_two_computers_sync_through_encrypted_files(tmp_path: Path, shared: Path) -> None:
    laptop, desk = device(tmp_path, "laptop"), device(tmp_path, "desk")
    laptop.ok("checkin", "4", "-n", "a note for my eyes only")
    made = laptop.ok("sync", "init", shared, "--name", "laptop", "--passphrase", env=secret())
    assert "encrypted" in made.stdout and "bounce-sync-key.json" in made.stdout
    key_file = shared / "bounce-sync-key.json"
    assert mode(key_file) == 0o600 and json.loads(key_file.read_text())["kdf"]["name"] == "scrypt"
    first = key_file.read_bytes()
    joined = desk.ok("sync", "init", shared, "--name", "desk", "--passphrase", env=secret())
    assert "opens the folder's files" in joined.stdout
    outputs = [made, joined, laptop.ok("sync"), desk.ok("sync")]
    assert "merged 1 from 1 device" in outputs[-1].stdout
    assert "a note for my eyes only" in desk.ok("checkins").stdout
    for path in shared.iterdir():
        assert mode(path) == 0o600
        assert b"eyes only" not in path.read_bytes()
    assert key_file.read_bytes() == first  # the second computer opened it, left it as it was
    status = desk.ok("sync", "--status").stdout
    assert "files: encrypted with the passphrase" in status
    outputs.append(desk.ok("sync", "--status"))
    for result in outputs:
        assert SECRET not in result.output
    ((stored,),) = keys(desk)
    assert SECRET not in stored and keys(desk) == keys(laptop)


def test_a_wrong_passphrase_is_one_line_and_sets_nothing_up(tmp_path: Path, shared: Path) -> None:
    laptop, desk = device(tmp_path, "laptop"), device(tmp_path, "desk")
    laptop.ok("sync", "init", shared, "--passphrase", env=secret())
    result = desk.run("sync", "init", shared, "--passphrase", env=secret("not it"))
    assert result.returncode == 2 and result.stderr == WRONG and result.stdout == ""
    assert not desk.db.exists()  # nothing created, nothing stored
    desk.ok("checkin", "3")
    result = desk.run("sync", "init", shared, "--passphrase", env=secret("not it"))
    assert result.stderr == WRONG
    assert desk.query("SELECT count(*) FROM sqlite_master WHERE name = 'sync_device'") == [(0,)]


def test_the_passphrase_is_never_taken_from_the_command_line(bounce: Bounce, shared: Path) -> None:
    lines = [
        ("sync", "init", str(shared), f"--passphrase={SECRET}"),
        ("sync", "init", str(shared), f"--pass={SECRET}"),
        ("sync", "init", str(shared), "--passphrase", SECRET),
        ("sync", "init", str(shared), f"--no-passphrase={SECRET}"),
    ]
    # run_many gives every run a pipe for stdin: not a terminal to ask on.
    no_terminal = [("sync", "init", str(shared), "--passphrase")]
    results = run_many([(bounce, args) for args in [*lines, *no_terminal]])
    for result in results:
        assert_refused(result)
        assert SECRET not in result.output
        assert result.stderr.count("\n") == 1
    assert "takes no value" in results[0].stderr
    assert "BOUNCE_SYNC_PASSPHRASE" in results[-1].stderr and "terminal" in results[-1].stderr
    assert not bounce.db.exists() and list(shared.iterdir()) == []


def test_refusals_around_the_passphrase(bounce: Bounce, tmp_path: Path, shared: Path) -> None:
    result = bounce.run("sync", "init", shared, "--passphrase", env=secret(""))
    assert_refused(result)
    assert "empty" in result.stderr
    both = bounce.run("sync", "init", shared, "--passphrase", "--no-passphrase", env=secret())
    assert_refused(both)
    assert list(shared.iterdir()) == []
    bounce.ok("sync", "init", shared, "--passphrase", env=secret())
    assert_refused(bounce.run("sync", "--passphrase", env=secret()))
    other = tmp_path / "other"
    other.mkdir()
    moved = bounce.run("sync", "init", other)  # a keyed computer moving without saying
    assert_refused(moved)
    assert "--passphrase" in moved.stderr and list(other.iterdir()) == []
    newcomer = device(tmp_path, "newcomer")
    plain = newcomer.run("sync", "init", shared)  # a fresh computer, an encrypted folder
    assert_refused(plain)
    assert "encrypted" in plain.stderr and not newcomer.db.exists()
    (shared / "bounce-sync-key.json").write_text('{"kind": "bounce-sync-key", "format": 7}')
    bad = newcomer.run("sync", "init", shared, "--passphrase", env=secret())
    assert_refused(bad)
    assert "bounce-sync-key.json" in bad.stderr and "format 7" in bad.stderr


def test_dropping_the_passphrase_and_the_lines_for_files_in_the_wrong_form(
    tmp_path: Path, shared: Path
) -> None:
    laptop, desk = device(tmp_path, "laptop"), device(tmp_path, "desk")
    laptop.ok("sync", "init", shared, "--passphrase", env=secret())
    desk.ok("sync", "init", shared, "--passphrase", env=secret())
    laptop.ok("checkin", "4")
    desk.ok("checkin", "2")
    laptop.ok("sync")
    desk.ok("sync")
    dropped = desk.ok("sync", "init", shared, "--no-passphrase").stdout
    assert "forgot the passphrase" in dropped and "skipped" in dropped
    status = desk.ok("sync", "--status").stdout
    assert "not encrypted here, but the folder has a passphrase" in status
    laptop.ok("checkin", "5")
    laptop.ok("sync")
    result = desk.run("sync")  # writes its file plain; cannot read the laptop's new one
    assert result.returncode == 0, result
    (line,) = result.stderr.splitlines()
    assert line.startswith("bounce: skipped bounce-sync-") and "--passphrase" in line
    assert "skipped 1 file" in result.stdout
    result = laptop.run("sync")  # the desk's file is plain now: skipped, nothing merged
    (line,) = result.stderr.splitlines()
    assert "is not encrypted" in line and "merged 0" in result.stdout
    assert laptop.count("checkin") == 3 and desk.count("checkin") == 2  # the third not merged


class _Terminal:
    """A stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_passphrase_is_asked_twice_for_a_new_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import getpass

    from bounce_tui.cli import UsageError
    from bounce_tui.cli.sync_passphrase import ask_passphrase

    monkeypatch.delenv("BOUNCE_SYNC_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", _Terminal())
    asked: list[str] = []

    def answers(*replies: str) -> None:
        queue = list(replies)
        asked.clear()

        def fake(prompt: str = "") -> str:
            asked.append(prompt)
            if not queue:
                raise EOFError
            return queue.pop(0)

        monkeypatch.setattr(getpass, "getpass", fake)

    answers(SECRET, SECRET)
    assert ask_passphrase(twice=True) == SECRET and len(asked) == 2
    answers(SECRET)
    assert ask_passphrase(twice=False) == SECRET and len(asked) == 1
    answers(SECRET, SECRET + "!")
    with pytest.raises(UsageError, match="differ"):
        ask_passphrase(twice=True)
    answers()
    with pytest.raises(UsageError, match="no passphrase"):
        ask_passphrase(twice=False)
    answers("")
    with pytest.raises(UsageError, match="empty"):
        ask_passphrase(twice=True)
    assert len(asked) == 1  # an empty one is refused before asking again

"""`bounce checkins`, `bounce checkin --edit/--delete` and `bounce skip`."""

from __future__ import annotations

import pytest

from ._support import Bounce


def _ids(bounce: Bounce) -> list[str]:
    return [line.rsplit(" ", 1)[-1] for line in bounce.ok("checkins").stdout.splitlines()]


def test_a_mistyped_check_in_is_corrected_then_deleted(bounce: Bounce) -> None:
    bounce.ok("checkin", "1", "-n", "typo, meant 4", "-e", "2")
    listed = bounce.ok("checkins").stdout
    assert "awful (1)" in listed and "energy: tired" in listed and "“typo, meant 4”" in listed
    (short,) = _ids(bounce)
    said = bounce.ok("checkin", "--edit", short, "4", "-n", "better").stdout
    assert "corrected the check-in" in said and "good (4)" in said
    bounce.ok("checkin", "--edit", short, "-e", "5", "-t", "walk")
    rows = bounce.query("SELECT mood, energy, note, tags, day FROM checkin")
    assert rows[0][:4] == (4, 5, "better", '["walk"]')
    assert "deleted the check-in" in bounce.ok("checkin", "--delete", "last").stdout
    assert bounce.count("checkin") == 0
    assert bounce.ok("checkins").stdout.startswith("no check-ins since")


def test_a_second_check_in_says_the_day_is_their_mean(bounce: Bounce) -> None:
    bounce.ok("checkin", "2")
    said = bounce.ok("checkin", "5").stdout
    assert "That makes 2 check-ins for" in said and "their mean, 3.5 (good)" in said


def test_skip_marks_a_day_and_the_streak_holds(bounce: Bounce) -> None:
    bounce.ok("checkin", "3", "--on", "2d ago")
    said = bounce.ok("skip", "--on", "yesterday", "-n", "sick").stdout
    assert "marked as skipped" in said
    bounce.ok("skip", "--on", "yesterday")  # twice is the same mark
    assert bounce.query("SELECT reason FROM skip_day") == [("sick",)]
    # The skipped day keeps the run unbroken (it does not count as a check-in day).
    assert "Streak: 2 days" in bounce.ok("checkin", "4").stdout


@pytest.mark.parametrize(
    "args",
    [
        ["checkin"],
        ["checkin", "--edit", "zz"],
        ["checkin", "--edit", "last"],
        ["checkin", "--edit", "last", "9"],
        ["checkin", "--delete", "last", "3"],
        ["checkin", "--edit", "last", "--delete", "last"],
        ["checkin", "--edit", "last", "3", "--on", "yesterday"],
        ["skip", "--on", "tomorrow"],
        ["checkins", "--since", "next week"],
    ],
)
def test_bad_corrections_write_nothing(bounce: Bounce, args: list[str]) -> None:
    bounce.ok("checkin", "3", "-n", "keep me")
    before = bounce.query("SELECT id, mood, note, updated_at FROM checkin")
    result = bounce.run(*args)
    assert result.returncode == 2, result
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert bounce.query("SELECT id, mood, note, updated_at FROM checkin") == before
    assert bounce.count("skip_day") == 0


def test_correcting_a_check_in_that_is_gone_says_so(bounce: Bounce) -> None:
    bounce.ok("checkin", "3")
    (short,) = _ids(bounce)
    bounce.ok("checkin", "--delete", short)
    result = bounce.run("checkin", "--edit", short, "4")
    assert result.returncode == 2 and "no check-in with id" in result.stderr


def test_config_regroup_writes_the_template_once_and_it_is_used(bounce: Bounce) -> None:
    said = bounce.ok("config", "regroup").stdout
    target = bounce.root / said.split("wrote ", 1)[1].split(";", 1)[0]
    assert target.is_file() and (target.stat().st_mode & 0o777) == 0o600
    again = bounce.run("config", "regroup")
    assert again.returncode == 2 and "already exists" in again.stderr
    target.write_text('[[item]]\nkey = "breathe"\ntitle = "Take a walk"\n', encoding="utf-8")
    bounce.ok("reject", "Acme", "--stage", "final")
    assert bounce.query("SELECT template_key FROM checklist_item") == [("breathe",)]
    target.write_text('[[item]]\nkey = "x"\ntitle = "X"\nstages = ["boss"]\n', encoding="utf-8")
    bad = bounce.run("reject", "Globex")
    assert bad.returncode != 0 and "unknown stage 'boss'" in bad.stderr
    assert len(bad.stderr.splitlines()) == 1 and bounce.count("rejection") == 1

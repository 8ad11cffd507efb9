"""`bounce interview`, `bounce lesson --search` and `bounce review`: behaviour and bad input."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ._support import Bounce, sha256


def _future(days: int) -> str:
    return (datetime.now() + timedelta(days=days)).strftime("%Y-%m-%d 14:00")


def test_interview_is_noted(bounce: Bounce) -> None:
    result = bounce.ok("interview", "Acme", "--on", _future(1), "--role", "Analyst",
                       "--stage", "final")  # fmt: skip
    assert "interview at Acme" in result.stdout
    rows = bounce.query("SELECT company, role, stage FROM interview")
    assert rows == [("Acme", "Analyst", "final")]
    bounce.ok("interview", "Globex", "--on", "today")
    assert bounce.count("interview") == 2


@pytest.mark.parametrize(
    "args",
    [
        ["interview", "Acme", "--on", "2020-01-01"],
        ["interview", "Acme", "--on", "yesterday"],
        ["interview", "Acme", "--on", "soon"],
        ["interview", "Acme", "--on", "2026-13-40"],
        ["interview", "Acme"],
        ["interview", "", "--on", "today"],
        ["interview", "Acme", "--on", "today", "--stage", "boss"],
        ["lesson", "keep this", "--search", "both"],
        ["lesson"],
        ["lesson", "--search", ""],
        ["lesson", "keep this", "--prompt", "p" * 501],
        ["lesson", "   ", "--prompt", "a front but no lesson"],
        ["interview", "Acme", "--on", "fri 25:00"],
        ["checkin", "3", "--on", "someday"],
    ],
)
def test_bad_input_writes_nothing(bounce: Bounce, args: list[str]) -> None:
    result = bounce.run(*args)
    assert result.returncode == 2, result
    assert len(result.stderr.strip().splitlines()) == 1, result
    assert "Traceback" not in result.output
    assert not bounce.db.exists()


def test_search_is_ranked_and_literal(bounce: Bounce) -> None:
    bounce.ok("lesson", "Ask the team about the roadmap", "-c", "research")
    bounce.ok("lesson", 'He said "NEAR" - a * b', "-c", "interview")
    bounce.ok("lesson", "Sleep well before the final", "-c", "logistics")
    found = bounce.ok("lesson", "--search", "roadmap team")
    assert found.stdout.startswith(" 1. [research] Ask the team about the roadmap")
    before = sha256(bounce.db)
    for query in ['"', "*", "NEAR", "-", "a OR b", '"unterminated']:
        result = bounce.ok("lesson", "--search", query)
        assert result.returncode == 0
    assert "He said" in bounce.ok("lesson", "--search", "NEAR").stdout
    assert bounce.ok("lesson", "--search", '"*').stdout == "no lesson matches\n"
    assert sha256(bounce.db) == before  # searching writes nothing


def test_review_is_a_command(bounce: Bounce) -> None:
    result = bounce.ok("review", "--help", use_db=False)
    assert "review" in result.stdout


def test_dates_people_type_for_an_interview_and_a_check_in(bounce: Bounce) -> None:
    bounce.ok("interview", "Acme", "--on", "tomorrow 14:00")
    bounce.ok("interview", "Globex", "--on", "+2w")
    bounce.ok("interview", "Initech", "--on", "fri 9:30")
    assert bounce.count("interview") == 3
    bounce.ok("checkin", "3", "--on", "yesterday")
    bounce.ok("checkin", "2", "--on", "3d ago")
    bounce.ok("checkin", "4", "--on", "last mon")
    assert bounce.count("checkin") == 3
    for args in (
        ["checkin", "3", "--on", "tomorrow"],
        ["interview", "Acme", "--on", "last mon"],
        ["reject", "Acme", "--on", "+1d"],
    ):
        result = bounce.run(*args)
        assert result.returncode == 2, result
        line = result.stderr.strip()
        assert len(line.splitlines()) == 1 and ("future" in line or "today or later" in line)
    assert bounce.count("interview") == 3 and bounce.count("checkin") == 3


def test_search_understands_cat_and_at_like_the_app(bounce: Bounce) -> None:
    bounce.ok("reject", "Northwind", "--stage", "final")
    bounce.ok("lesson", "Time-box the take-home task", "-c", "task", "--rejection", "last")
    bounce.ok("lesson", "Prepare two stakeholder stories", "-c", "preparation",
              "--rejection", "last", "--prompt", "Asked about pushback")  # fmt: skip
    bounce.ok("lesson", "Ask about the task's scope first", "-c", "interview")
    tasks = bounce.ok("lesson", "--search", "cat:task").stdout
    assert "Time-box" in tasks and "scope" not in tasks and "stakeholder" not in tasks
    at = bounce.ok("lesson", "--search", "at:north").stdout
    assert "Time-box" in at and "stakeholder" in at and "scope" not in at
    assert "Asked about pushback → Prepare two stakeholder stories" in at
    both = bounce.ok("lesson", "--search", "task at:NORTH").stdout
    assert both.count("\n") == 1 and "Time-box" in both
    stemmed = bounce.ok("lesson", "--search", "story").stdout
    assert "stakeholder stories" in stemmed
    assert bounce.ok("lesson", "--search", "cat:mindset").stdout == "no lesson matches\n"


def test_checkin_says_the_gentle_note_when_the_app_would(bounce: Bounce) -> None:
    bounce.ok("reject", "Acme", "--stage", "screen", "--on", "6d ago")  # its day ended long ago
    bounce.ok("checkin", "1", "--on", "2d ago")
    quiet = bounce.ok("checkin", "1", "--on", "yesterday").stdout
    assert "Talking to someone" not in quiet  # two heavy days are not yet a run
    heavy = bounce.ok("checkin", "1").stdout
    assert "The last days have been heavy. Talking to someone you trust can help" in heavy
    assert "Talking to someone" not in bounce.ok("checkin", "4").stdout

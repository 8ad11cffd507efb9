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

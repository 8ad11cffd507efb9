"""`bounce lesson` says which earlier lessons read alike, and groups them on request."""

from __future__ import annotations

import re

from ._support import Bounce

STORY = "Prepare a crisp story about influencing a senior stakeholder, with the outcome"
STORIES = "Prepare two concrete stakeholder-management stories (conflict, pushback) with outcomes"


def test_a_repeat_is_named_and_grouped_when_asked(bounce: Bounce) -> None:
    bounce.ok("reject", "Northwind", "--on", "2026-01-12")
    bounce.ok("lesson", STORY, "--rejection", "last")
    [(old,)] = bounce.query("SELECT id FROM lesson")
    kept = bounce.ok("lesson", STORIES)
    lines = kept.stdout.splitlines()
    assert lines[1] == "You noted something like this before:", kept
    assert re.fullmatch(
        rf"  {old[:8]}  after Northwind \(12 Jan 2026\): Prepare a crisp .*", lines[2]
    )
    [(new,)] = bounce.query("SELECT id FROM lesson WHERE id != ?", (old,))
    assert lines[3] == f"Same theme? bounce lesson --theme {new[:8]} {old[:8]}"
    assert bounce.query("SELECT count(*) FROM lesson WHERE recurring") == [(0,)]

    grouped = bounce.ok("lesson", "--theme", new[:8], old[:6])
    assert "one theme now" in grouped.stdout
    assert bounce.query("SELECT DISTINCT theme_id FROM lesson") == [(old,)]
    assert bounce.query(
        "SELECT count(*) FROM checklist_item WHERE template_key = ?", (f"theme:{old}",)
    ) == [(1,)]
    bounce.ok("lesson", "--leave-theme", new)
    assert bounce.query("SELECT count(*) FROM lesson WHERE theme_id IS NOT NULL") == [(0,)]

    same = bounce.ok("lesson", "Prepare stakeholder stories with outcomes", "--same-as", old[:8])
    assert "same theme" in same.stdout and "noted something like" not in same.stdout
    assert bounce.query("SELECT count(*) FROM lesson WHERE theme_id = ?", (old,)) == [(2,)]


def test_nothing_alike_prints_only_the_keeping_line(bounce: Bounce) -> None:
    bounce.ok("lesson", STORY)
    kept = bounce.ok("lesson", "Sleep properly before a final round")
    assert len(kept.stdout.splitlines()) == 1


def test_bad_grouping_is_one_line_and_exit_2(bounce: Bounce) -> None:
    bounce.ok("lesson", STORY)
    [(old,)] = bounce.query("SELECT id FROM lesson")
    for args in (
        ("lesson", "--theme", old, old),
        ("lesson", "--theme", "zzzz", old),
        ("lesson", "--theme", old),
        ("lesson", "text", "--theme", old, old),
        ("lesson", "--leave-theme", "ab"),
        ("lesson", "new text", "--same-as", "nope"),
    ):
        result = bounce.run(*args)
        assert result.returncode == 2, result
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1, result
        assert "Traceback" not in result.output
    assert bounce.query("SELECT count(*) FROM lesson") == [(1,)]

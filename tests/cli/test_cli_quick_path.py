"""The quick entries (`checkin`, `skip`, `reject`, `lesson`, `lesson --search`, `interview`,
`status`, `checkins`) on a current database never import SQLAlchemy or SQLModel, and print
what the ORM path prints."""

from __future__ import annotations

import json
import subprocess
import sys

from ._support import Bounce

PROBE = """
import json, sys
from bounce_tui.cli import run
from bounce_tui.store import quick

args = sys.argv[1:]
if "--orm-only" in args:  # every quick function hands over to the ORM path
    args.remove("--orm-only")
    for name in ("check_in", "skip_day", "log_rejection", "add_lesson", "add_interview",
                 "read_status", "search_lessons", "since"):
        setattr(quick, name, lambda *a, **k: None)
code = run(args)
orm = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel"))
print(json.dumps({"code": code, "orm": orm[:5]}))
"""


def _probe(bounce: Bounce, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(bounce.db), *args],
        cwd=bounce.root,
        env=bounce.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc
    assert proc.stderr == "", proc.stderr
    lines = proc.stdout.strip().splitlines()
    return {"printed": lines[:-1], **json.loads(lines[-1])}


def test_a_new_check_in_does_not_load_the_orm(bounce: Bounce) -> None:
    # A control: with no file yet the ORM creates it, and the probe sees it loaded.
    first = _probe(bounce, "checkin", "4", "-t", "seed")
    assert first["code"] == 0 and "sqlalchemy" in first["orm"], first
    found = _probe(bounce, "checkin", "2", "-e", "3", "-n", "quick <b>note</b>", "-t", "seed")
    assert found["code"] == 0 and found["orm"] == [], found
    assert found["printed"][0].endswith("low (2). Streak: 1 day."), found
    assert found["printed"][1].startswith("That makes 2 check-ins for "), found
    assert found["printed"][1].endswith("their mean, 3.0 (okay)."), found
    assert bounce.count("checkin") == 2
    skipped = _probe(bounce, "skip", "--on", "yesterday", "-n", "a rest")
    assert skipped["code"] == 0 and skipped["orm"] == [], skipped
    assert skipped["printed"][0].endswith(
        "is marked as skipped; your streak holds. Rest counts too."
    )
    assert bounce.count("skip_day") == 1


def _seeded(bounce: Bounce) -> None:
    """A current database with an ended rejection, lessons and check-ins (made by the ORM)."""
    bounce.ok("reject", "Northwind", "--stage", "final", "--on", "30d ago")
    bounce.ok("lesson", "Prepare two stakeholder stories", "--rejection", "last")
    bounce.ok("lesson", "Test the camera early", "-c", "logistics")
    bounce.ok("checkin", "2", "--on", "yesterday", "-n", "tired")


def test_each_quick_entry_runs_without_the_orm(bounce: Bounce) -> None:
    _seeded(bounce)
    before = bounce.counts()
    runs = {
        "reject": ("reject", "Acme", "--stage", "screen", "--channel", "call", "--on", "2d ago"),
        "lesson": ("lesson", "Prepare three stakeholder stories", "--rejection", "last"),
        "lesson --on": ("lesson", "Breathe before answering", "-c", "mindset", "--on", "1d ago"),
        "interview": ("interview", "Globex", "--on", "+3d", "--role", "Analyst"),
        "status": ("status",),
        "status --json": ("status", "--json"),
        "search": ("lesson", "--search", "stakeholder"),
        "checkins": ("checkins",),
    }
    for name, args in runs.items():
        found = _probe(bounce, *args)
        assert found["code"] == 0 and found["orm"] == [], (name, found)
    after = bounce.counts()
    assert after["rejection"] == before["rejection"] + 1
    assert after["mourning_period"] == before["mourning_period"] + 1
    assert after["checklist_item"] > before["checklist_item"]
    assert after["lesson"] == before["lesson"] + 2
    assert after["interview"] == before["interview"] + 1
    linked = bounce.query("SELECT count(*) FROM lesson WHERE rejection_id IS NOT NULL")
    assert linked[0][0] == 2


def test_a_similar_lesson_is_offered_on_the_quick_path(bounce: Bounce) -> None:
    _seeded(bounce)
    found = _probe(bounce, "lesson", "Prepare two stakeholder stories again")
    assert found["orm"] == [], found
    assert found["printed"][1] == "You noted something like this before:", found
    assert "after Northwind (" in found["printed"][2], found
    assert found["printed"][3].startswith("Same theme? bounce lesson --theme "), found


def test_the_read_commands_print_the_same_on_both_paths(bounce: Bounce) -> None:
    _seeded(bounce)
    _probe(bounce, "interview", "Globex", "--on", "+3d", "--role", "Analyst")
    _probe(bounce, "checkin", "4", "-t", "walk", "-n", "a good walk")
    for args in (
        ("status",),
        ("status", "--json"),
        ("checkins",),
        ("checkins", "--since", "40d ago"),
        ("lesson", "--search", "stakeholder"),
        ("lesson", "--search", "cat:log"),
        ("lesson", "--search", "at:north stories"),
        ("lesson", "--search", "nothing-like-this"),
    ):
        quick_run, orm_run = _probe(bounce, *args), _probe(bounce, "--orm-only", *args)
        assert quick_run["orm"] == [] and orm_run["orm"] != [], args
        assert quick_run["printed"] == orm_run["printed"], args
        assert quick_run["printed"], args


def test_a_rejection_prints_the_same_on_both_paths(bounce: Bounce) -> None:
    _seeded(bounce)
    args = ("reject", "Initech", "--stage", "interview", "--mourn", "3", "--on", "1d ago")
    quick_run, orm_run = _probe(bounce, *args), _probe(bounce, "--orm-only", *args)
    assert quick_run["orm"] == [] and orm_run["orm"] != []
    ids = [run["printed"][0].rsplit("id ", 1)[1].rstrip(".") for run in (quick_run, orm_run)]
    assert [line.replace(i, "ID") for line, i in zip(
        (quick_run["printed"][0], orm_run["printed"][0]), ids, strict=True
    )] == ["logged Initech (interview), id ID."] * 2  # fmt: skip
    assert quick_run["printed"][1:] == orm_run["printed"][1:]

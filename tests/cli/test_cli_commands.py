"""Every CLI command does what the README says, checked in the database with sqlite3."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import bounce_tui

from ._support import (
    TABLES,
    Bounce,
    days_around_now,
    mode,
    parallel,
    private_folder,
    query,
    sha256,
)


def _yesterdays() -> set[str]:
    return {(datetime.fromisoformat(d) - timedelta(days=1)).date().isoformat() for d in
            days_around_now()}  # fmt: skip


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_checkin_today_yesterday_and_a_date(bounce: Bounce) -> None:
    first = bounce.ok(
        "checkin", "4", "-n", "first note", "-t", "Work", "-t", "calm", "-t", "work", "-e", "2"
    )
    match = re.fullmatch(
        r"checked in for (\d{4}-\d\d-\d\d): good \(4\)\. Streak: 1 day\.\n", first.stdout
    )
    assert match, first
    assert match[1] in days_around_now()
    second, *_ = parallel(
        partial(bounce.ok, "checkin", "2", "--on", "yesterday"),
        partial(bounce.ok, "checkin", "5", "--on", "2024-02-29", "-n", "leap day"),
        partial(bounce.ok, "checkin", " 3 ", "--on", "today"),
    )
    assert "low (2)" in second.stdout and "Streak: 2 days." in second.stdout, second

    rows = {
        row[0]: row[1:]
        for row in bounce.query("SELECT mood, energy, note, tags, day, at FROM checkin")
    }
    assert sorted(rows) == [2, 3, 4, 5]
    energy, note, tags, day, _at = rows[4]
    assert (energy, note) == (2, "first note")
    assert json.loads(tags) == ["work", "calm"]  # lower-cased, duplicates dropped
    assert day in days_around_now()
    energy, _note, _tags, day, at = rows[2]
    assert energy is None
    assert day in _yesterdays()
    assert _dt(at) == datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc)
    assert rows[5][1] == "leap day" and rows[5][3] == "2024-02-29"
    assert _dt(rows[5][4]) == datetime(2024, 2, 29, 12, tzinfo=timezone.utc)
    assert rows[3][3] in days_around_now()
    # Nothing else was written by a check-in.
    assert bounce.count("rejection") == 0 and bounce.count("lesson") == 0


def test_reject_with_every_option(bounce: Bounce) -> None:
    result = bounce.ok(
        "reject", "Acme Corp", "--role", "Data Engineer", "--stage", "screen", "--on",
        "yesterday", "--mourn", "5", "--channel", "call", "--contact", "Dana Doe",
        "--notes", "said the role was cancelled",
    )  # fmt: skip
    rejections = bounce.query(
        "SELECT id, company, role, stage, received_at, channel, contact, notes FROM rejection"
    )
    assert len(rejections) == 1
    rid, company, role, stage, received_at, channel, contact, notes = rejections[0]
    assert (company, role, stage, channel, contact, notes) == (
        "Acme Corp", "Data Engineer", "screen", "call", "Dana Doe", "said the role was cancelled"
    )  # fmt: skip
    received = _dt(received_at)
    assert received.date().isoformat() in _yesterdays() and received.hour == 12
    assert f"logged Acme Corp (screen), id {rid[:8]}." in result.stdout, result
    assert "Mourning: 5 days" in result.stdout, result

    periods = bounce.query(
        "SELECT rejection_id, started_at, planned_end, days, extensions, moved_on_at "
        "FROM mourning_period"
    )
    assert len(periods) == 1
    period_rid, started, planned_end, days, extensions, moved_on = periods[0]
    assert (period_rid, days, extensions, moved_on) == (rid, 5, 0, None)
    assert _dt(started) == received
    assert _dt(planned_end) - _dt(started) == timedelta(days=5)  # TZ=UTC: no DST shift
    items = bounce.query("SELECT rejection_id, done_at FROM checklist_item")
    own = [item for item in items if item[0] is not None]
    assert len(own) >= 2 and all(item == (rid, None) for item in own)
    hunt_wide = [item for item in items if item[0] is None]  # about the person: once
    assert len(hunt_wide) >= 4 and all(done is None for _, done in hunt_wide)


def test_reject_defaults_follow_the_stage(bounce: Bounce) -> None:
    # One database per stage, so the three runs can go at once.
    stages = {"Beta": None, "Gamma": "final", "Delta": "applied"}
    dbs = {company: private_folder(bounce.root / company) / "b.db" for company in stages}
    parallel(
        *(
            partial(
                bounce.ok,
                "reject",
                company,
                *(["--stage", stage] if stage else []),
                db=dbs[company],
            )  # fmt: skip
            for company, stage in stages.items()
        )
    )
    found = {}
    now = datetime.now(timezone.utc)
    for _company, db in dbs.items():
        [(name, stage, channel, days, received_at)] = bounce.query(
            "SELECT r.company, r.stage, r.channel, m.days, r.received_at FROM rejection r "
            "JOIN mourning_period m ON m.rejection_id = r.id",
            db=db,
        )
        found[name] = (stage, channel, days)
        assert abs(now - _dt(received_at)) < timedelta(minutes=5)
    assert found == {
        "Beta": ("interview", "email", 2),
        "Gamma": ("final", "email", 3),
        "Delta": ("applied", "email", 1),
    }


def test_lesson_links_to_a_rejection_by_id_prefix_and_last(
    bounce: Bounce, existing_db: Path
) -> None:
    [(acme_id,)] = bounce.query("SELECT id FROM rejection")
    bounce.ok("reject", "Beta", "--on", "today")
    [(beta_id,)] = bounce.query("SELECT id FROM rejection WHERE company = 'Beta'")

    full, *_ = parallel(
        partial(bounce.ok, "lesson", "Research the team", "-c", "preparation", "-t", "Prep",
                "-t", "prep", "-t", "team", "--rejection", acme_id),
        partial(bounce.ok, "lesson", "Sleep before a flight", "--category", "logistics",
                "--rejection", acme_id[:6].upper()),
        partial(bounce.ok, "lesson", "Mind the clock", "--rejection", "last"),
        partial(bounce.ok, "lesson", "It is rarely personal", "-c", "mindset"),
    )  # fmt: skip
    rows = {
        text: (category, json.loads(tags), rejection_id, due is not None)
        for text, category, tags, rejection_id, due in bounce.query(
            "SELECT text, category, tags, rejection_id, due FROM lesson"
        )
    }
    assert rows["Research the team"] == ("preparation", ["prep", "team"], acme_id, True)
    assert rows["Sleep before a flight"] == ("logistics", [], acme_id, True)
    assert rows["Mind the clock"] == ("interview", [], beta_id, True)
    assert rows["It is rarely personal"] == ("mindset", [], None, True)
    [(lesson_id,)] = bounce.query("SELECT id FROM lesson WHERE text = 'Research the team'")
    assert f"kept a preparation lesson, id {lesson_id[:8]}" in full.stdout, full


def test_status_text_and_json(bounce: Bounce, existing_db: Path) -> None:
    # The template holds a check-in today, rejection Acme (timer running) and one lesson.
    parallel(
        partial(bounce.ok, "checkin", "2", "--on", "yesterday"),
        partial(bounce.ok, "reject", "\x1b[31mEvil\u202eCorp", "--role", "[/]", "--stage", "final"),
    )
    result, plain = parallel(partial(bounce.ok, "status", "--json"), partial(bounce.ok, "status"))
    status = json.loads(result.stdout)
    assert status["streak"] == 2
    assert status["checked_in_today"] is True
    assert status["today"] in days_around_now()
    timers = {timer["company"]: timer for timer in status["active_timers"]}
    assert set(timers) == {"Acme", "\x1b[31mEvil\u202eCorp"}  # JSON keeps the text exactly
    evil = timers["\x1b[31mEvil\u202eCorp"]
    assert 3 * 86400 - 600 < evil["remaining_seconds"] <= 3 * 86400  # final: 3 days
    assert 0 < timers["Acme"]["remaining_seconds"] <= 2 * 86400  # interview: 2 days
    [(period_id,)] = bounce.query(
        "SELECT m.id FROM mourning_period m JOIN rejection r ON r.id = m.rejection_id "
        "WHERE r.stage = 'final'"
    )
    assert evil["id"] == period_id
    [(open_items,)] = bounce.query("SELECT count(*) FROM checklist_item WHERE done_at IS NULL")
    assert open_items > 0
    assert status["open_items"] == open_items
    assert status["lessons_due"] == 1 == status["lessons_total"]
    assert status["rejections"] == 2

    text = plain.stdout
    assert "streak: 2 days" in text
    assert f"open checklist items: {open_items}" in text
    assert "lessons due: 1 of 1" in text
    assert "mourning timers running: 2" in text
    # Plain text when piped: the company's escape and bidi characters are made visible.
    assert "\x1b" not in text and "\u202e" not in text
    assert "\u241b[31mEvil" in text, text


def test_export_formats_to_stdout_and_to_files(bounce: Bounce, existing_db: Path) -> None:
    out = bounce.root / "out.json"
    as_json, as_csv, as_md, written = parallel(
        partial(bounce.ok, "export"),  # json is the default format
        partial(bounce.ok, "export", "--format", "csv"),
        partial(bounce.ok, "export", "--format", "md"),
        partial(bounce.ok, "export", "--format", "json", "-o", out),
    )
    data = json.loads(as_json.stdout)
    assert data["kind"] == "bounce-export"
    assert sorted(data["records"]) == sorted(TABLES)
    assert {name: len(rows) for name, rows in data["records"].items()} == bounce.counts()
    [(note,)] = bounce.query("SELECT note FROM checkin")
    assert [row["note"] for row in data["records"]["checkin"]] == [note]

    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert table[0][:3] == ["kind", "id", "when"]
    kinds = sorted(row[0] for row in table[1:])
    assert kinds == ["checkin", "lesson", "rejection"]

    journal = as_md.stdout
    assert journal.startswith("# bounce journal")
    assert "### Acme" in journal and "Ask about the team" in journal

    assert written.stdout.strip() == f"exported to {out}"
    assert mode(out) == 0o600
    from_file = json.loads(out.read_text(encoding="utf-8"))
    assert from_file["records"] == data["records"]

    before = sha256(out)
    refused = bounce.run("export", "--format", "csv", "-o", out)
    assert refused.returncode == 2, refused
    assert "--force" in refused.stderr and len(refused.stderr.splitlines()) == 1, refused
    assert sha256(out) == before

    bounce.ok("export", "--format", "csv", "-o", out, "--force")
    assert out.read_text(encoding="utf-8").startswith("kind,id,when,")
    assert mode(out) == 0o600


def test_backup_default_folder_and_output_file(bounce: Bounce, existing_db: Path) -> None:
    mine = bounce.root / "mine.db"
    result, _ = parallel(partial(bounce.ok, "backup"), partial(bounce.ok, "backup", "-o", mine))
    match = re.fullmatch(r"backup written: (.+)\n", result.stdout)
    assert match, result
    made = Path(match[1])
    if not made.is_absolute():
        made = bounce.root / made
    assert made.parent.resolve() == (existing_db.parent / "backups").resolve()
    assert re.fullmatch(r"bounce-[0-9a-f]{8}-\d{8}T\d+Z-manual\.db", made.name), made.name
    [(database_id,)] = query(existing_db, "SELECT value FROM setting WHERE key = 'database.id'")
    assert made.name.startswith(f"bounce-{database_id[:8]}-")  # named after its database
    assert query(made, "PRAGMA integrity_check") == [("ok",)]
    assert query(made, "SELECT note FROM checkin") == [("template note",)]
    assert mode(made) == 0o600

    assert query(mine, "SELECT count(*) FROM rejection") == [(1,)]
    before = sha256(mine)
    _, again = parallel(
        partial(bounce.ok, "checkin", "5", "-n", "after the backup"),
        partial(bounce.run, "backup", "-o", mine),
    )
    assert again.returncode != 0, again
    assert "--force" in again.stderr and "Traceback" not in again.output, again
    assert sha256(mine) == before
    bounce.ok("backup", "-o", mine, "--force")
    assert query(mine, "SELECT count(*) FROM checkin") == [(2,)]
    assert mode(mine) == 0o600


def test_version(bounce: Bounce) -> None:
    expected = f"bounce {bounce_tui.__version__}\n"
    assert bounce.ok("--version", use_db=False).stdout == expected
    assert bounce.ok("--version", use_db=False, script=True).stdout == expected


def test_db_option_env_var_and_default_location(bounce: Bounce) -> None:
    env_db = private_folder(bounce.root / "from-env") / "env.db"
    option_db = private_folder(bounce.root / "from-option") / "option.db"
    parallel(
        partial(bounce.ok, "checkin", "3", "-n", "via env", use_db=False,
                env={"BOUNCE_DB": str(env_db)}),
        # --db wins over BOUNCE_DB, before or after the command name.
        partial(bounce.ok, "--db", option_db, "checkin", "4", "-n", "before", use_db=False,
                env={"BOUNCE_DB": str(env_db)}),
        # Neither: the per-user data dir, which here is under this test's XDG_DATA_HOME.
        partial(bounce.ok, "checkin", "2", "-n", "default place", use_db=False),
    )  # fmt: skip
    bounce.ok("checkin", "5", "-n", "after", "--db", option_db, use_db=False, script=True,
              env={"BOUNCE_DB": str(env_db)})  # fmt: skip
    assert query(env_db, "SELECT note FROM checkin") == [("via env",)]
    assert sorted(query(option_db, "SELECT note FROM checkin")) == [("after",), ("before",)]

    default_db = Path(bounce.env["XDG_DATA_HOME"]) / "bounce" / "bounce.db"
    assert query(default_db, "SELECT note FROM checkin") == [("default place",)]
    assert not (Path(bounce.env["HOME"]) / ".local").exists()


def test_module_and_script_behave_the_same(bounce: Bounce) -> None:
    module_db = private_folder(bounce.root / "m") / "b.db"
    script_db = private_folder(bounce.root / "s") / "b.db"
    commands = (["checkin", "3", "-n", "same"], ["checkin", "0"], ["lesson", "   "],
                ["reject", "Acme", "--stage", "boss"], ["frobnicate"])  # fmt: skip
    results = parallel(
        *(partial(bounce.run, *args, db=module_db) for args in commands),
        *(partial(bounce.run, *args, db=script_db, script=True) for args in commands),
        partial(bounce.run, "--help", use_db=False),
        partial(bounce.run, "--help", use_db=False, script=True),
    )
    n = len(commands)
    for via_module, via_script in zip(results[:n], results[n : 2 * n], strict=False):
        assert via_module.returncode == via_script.returncode, (via_module, via_script)
        assert via_module.stdout == via_script.stdout, (via_module, via_script)
        assert via_module.stderr == via_script.stderr, (via_module, via_script)
    assert results[0].returncode == 0 and results[1].returncode == 2
    help_module, help_script = results[-2:]
    assert query(module_db, "SELECT mood, note FROM checkin") == [(3, "same")]
    assert query(script_db, "SELECT mood, note FROM checkin") == [(3, "same")]
    assert help_module.returncode == help_script.returncode == 0
    assert help_module.stdout == help_script.stdout
    for command in ("checkin", "reject", "lesson", "status", "export", "import", "backup"):
        assert command in help_module.stdout


def test_reading_a_missing_database_says_so_and_creates_nothing(bounce: Bounce) -> None:
    for args in (["status"], ["status", "--json"], ["export"], ["lesson", "--search", "x"]):
        result = bounce.run(*args)
        assert result.returncode == 2, result
        assert "no bounce database" in result.stderr and "Traceback" not in result.output
    assert not bounce.db.exists()
    bounce.ok("checkin", "3")  # a write makes it
    assert bounce.db.exists()


def test_status_into_a_pipe_that_closes_early_prints_no_error(bounce: Bounce) -> None:
    import subprocess
    import sys

    bounce.ok("checkin", "3", "-n", "fine")
    cmd = f"{sys.executable} -m bounce_tui --db {bounce.db} status | head -1"
    done = subprocess.run(["sh", "-c", cmd], env=bounce.env, capture_output=True, text=True)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1
    assert done.stderr == "", done.stderr

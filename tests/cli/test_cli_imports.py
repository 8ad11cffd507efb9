"""`bounce import` of Daylio CSV and jrnl JSON exports: idempotent, dry runs, refusals."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from functools import partial
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounce_tui.cli import run

from ._support import Bounce, assert_refused, parallel, run_many, sha256

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
DAYLIO = FIXTURES / "daylio_title_12h.csv"
RENAMED = FIXTURES / "daylio_renamed_spaces.csv"
JRNL = FIXTURES / "jrnl_export.json"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


def test_daylio_import_twice_adds_nothing_and_reads_times_in_the_local_zone(
    bounce: Bounce,
) -> None:
    berlin = {"TZ": "Europe/Berlin"}
    first = bounce.ok("import", DAYLIO, env=berlin)
    assert "4 added, 0 updated, 0 already here" in first.stdout
    before = bounce.query("SELECT id, updated_at, note FROM checkin ORDER BY id")
    second = bounce.ok("import", DAYLIO, env=berlin)
    assert "0 added, 0 updated, 4 already here" in second.stdout
    assert bounce.query("SELECT id, updated_at, note FROM checkin ORDER BY id") == before
    rows = bounce.query("SELECT at, day, mood, tags, note FROM checkin ORDER BY at")
    at, day, mood, tags, note = rows[-1]
    assert at.startswith("2026-03-05T20:41")  # 9:41 pm in Berlin (UTC+1)
    assert (day, mood, json.loads(tags)) == ("2026-03-05", 4, ["friends", "walk", "cooking"])
    assert note == "Dinner with Sam\n\nTalked about the Northwind rejection.\nFelt lighter after."
    # Two entries on one day stay two check-ins.
    assert [r[1] for r in rows].count("2026-03-05") == 2


def test_dry_run_writes_nothing(bounce: Bounce, existing_db: Path) -> None:
    before = sha256(existing_db)
    fresh = bounce.root / "fresh" / "new.db"
    fresh.parent.mkdir()
    daylio, jrnl, fresh_run = parallel(
        partial(bounce.ok, "import", DAYLIO, "--dry-run"),
        partial(bounce.ok, "import", JRNL, "--as", "notes", "--dry-run"),
        partial(bounce.ok, "import", DAYLIO, "--dry-run", db=fresh),
    )
    assert sha256(existing_db) == before
    assert not fresh.exists()
    assert "4 check-ins from 2026-03-03 to 2026-03-05" in daylio.stdout
    assert "Moods: good=4, meh=3, awful=1, rad=5." in daylio.stdout
    assert "Nothing was written" in daylio.stdout and "Nothing was written" in fresh_run.stdout
    assert "3 entries from 2026-02-02 to 2026-02-12" in jrnl.stdout
    assert "mood 3" in jrnl.stdout


def test_mood_map_and_the_unknown_mood_message(bounce: Bounce) -> None:
    refused = bounce.run("import", RENAMED)
    assert_refused(refused)
    assert 'unknown moods "ecstatic", "fine"' in refused.stderr
    assert '--mood-map "ecstatic=3,fine=3"' in refused.stderr
    assert not bounce.db.exists()
    bounce.ok("import", RENAMED, "--mood-map", "Ecstatic=5, fine=3")
    assert bounce.query("SELECT mood FROM checkin ORDER BY at") == [(5,), (3,), (3,)]
    again = bounce.ok("import", RENAMED, "--mood-map", "ecstatic=5,fine=3")
    assert "0 added" in again.stdout


def test_jrnl_as_lessons_and_as_notes(bounce: Bounce) -> None:
    lessons = bounce.ok("import", JRNL, "--as", "lessons", "-c", "mindset")
    assert "3 added" in lessons.stdout
    rows = bounce.query("SELECT prompt, text, tags, category FROM lesson ORDER BY created_at")
    assert rows[0][0] == "Ask about the team before the salary."
    assert rows[0][1].startswith("At Northwind")
    assert json.loads(rows[1][2]) == ["mindset", "interview"]
    assert {row[3] for row in rows} == {"mindset"}
    notes = bounce.ok("import", JRNL, "--as", "notes")
    assert "3 added" in notes.stdout
    checkins = bounce.query("SELECT mood, tags FROM checkin")
    assert len(checkins) == 3 and {m for m, _ in checkins} == {3}
    assert all(json.loads(tags)[0] == "jrnl" for _, tags in checkins)
    twice = parallel(
        partial(bounce.ok, "import", JRNL, "--as", "lessons"),
        partial(bounce.ok, "import", JRNL, "--as", "notes"),
    )
    assert all("0 added, 0 updated, 3 already here" in r.stdout for r in twice)


def test_bad_input_is_one_line_naming_the_file_and_nothing_is_written(bounce: Bounce) -> None:
    folder = bounce.root / "in"
    folder.mkdir()
    files = {
        "other.csv": b"name,amount\nrent,900\n",
        "latin1.csv": HEADER.encode() + "2026-03-05,5. M\xe4rz,x,21:41,good,,,\n".encode("latin-1"),
        "empty.csv": b"",
        "blank.csv": b"\xef\xbb\xbf \r\n",
        "header.csv": HEADER.encode(),
        "shape.json": json.dumps({"entries": [{"date": "5 March", "time": "09:41"}]}).encode(),
        "other.json": b'{"notes": []}',
        "future.csv": (HEADER + "2099-03-05,x,y,21:41,good,,,\n").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    cases = [
        (["import", folder / "other.csv"], "other.csv line 1: not a Daylio export"),
        (["import", folder / "latin1.csv"], "latin1.csv line 2: not UTF-8 text"),
        (["import", folder / "empty.csv"], "empty.csv is empty"),
        (["import", folder / "blank.csv"], "blank.csv is empty"),
        (["import", folder / "header.csv"], "header.csv: the Daylio export has a header but no"),
        (["import", folder / "shape.json", "--as", "notes"], 'shape.json entry 1: date "5 March"'),
        (["import", folder / "other.json"], "neither a bounce export nor a jrnl export"),
        (["import", folder / "future.csv"], "future.csv line 2: 2099-03-05 21:41 is later than"),
        (["import", DAYLIO, "--mood-map", "fine=7"], '--mood-map: "fine=7": the mood must be'),
        (["import", DAYLIO, "--mood-map", "fine"], "needs name=number"),
        (["import", DAYLIO, "--mood-map", "=3"], "no mood name"),
        (["import", JRNL], "is a jrnl export: add --as lessons"),
        (["import", DAYLIO, "--as", "notes"], "--as is for jrnl files"),
        (["import", JRNL, "--as", "notes", "--mood-map", "a=1"], "--mood-map is for Daylio"),
        (["import", JRNL, "--as", "notes", "-c", "mindset"], "--category is for jrnl entries"),
    ]
    results = run_many([(bounce, args) for args, _ in cases])
    for (_, why), result in zip(cases, results, strict=True):
        assert_refused(result)
        assert why in result.stderr, result
    assert not bounce.db.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda text: (HEADER + text).encode("utf-8", "surrogatepass")),
    )
)
def test_any_bytes_as_a_csv_are_imported_or_refused_never_a_traceback(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "input.csv"
        source.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(["--db", str(Path(folder) / "b.db"), "import", str(source)])
    assert code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert len(err.getvalue().splitlines()) == 1 and err.getvalue().startswith("bounce: ")
    else:
        assert "added" in out.getvalue()


def test_export_since_in_every_format(bounce: Bounce) -> None:
    bounce.ok("reject", "OldCo", "--on", "20d ago 09:00", "--stage", "applied")
    bounce.ok("checkin", "2", "-n", "old low", "-t", "winter", "--on", "19d ago")
    bounce.ok("reject", "Northwind", "--contact", "Dana")
    parallel(
        partial(bounce.ok, "checkin", "4", "-n", "new high", "-t", "walk"),
        partial(bounce.ok, "lesson", "Ask about the team", "--rejection", "last"),
    )
    as_json, as_csv, as_md = parallel(
        *(partial(bounce.ok, "export", "--format", fmt, "--since", "7d ago")
          for fmt in ("json", "csv", "md"))
    )  # fmt: skip
    records = json.loads(as_json.stdout)["records"]
    assert [r["company"] for r in records["rejection"]] == ["Northwind"]
    assert [c["note"] for c in records["checkin"]] == ["new high"]
    assert "OldCo" not in as_csv.stdout and "old low" not in as_csv.stdout
    assert "lesson" in as_csv.stdout and "Northwind" in as_csv.stdout
    assert "### Northwind" in as_md.stdout and "### OldCo" not in as_md.stdout
    assert "contact: Dana" in as_md.stdout and "| walk | new high |" in as_md.stdout
    everything = bounce.ok("export", "--format", "csv").stdout
    assert "OldCo" in everything and "old low" in everything
    # The cut JSON still imports on its own.
    cut = bounce.root / "cut.json"
    cut.write_text(as_json.stdout, encoding="utf-8")
    other = bounce.root / "other" / "b.db"
    other.parent.mkdir()
    bounce.ok("import", cut, db=other)
    refused = run_many([(bounce, ["export", "--since", "tomorrow"]),
                        (bounce, ["export", "--since", "someday"])])  # fmt: skip
    for result in refused:
        assert_refused(result)

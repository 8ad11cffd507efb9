"""Bad input: exit 2, one line on stderr, no traceback, and nothing written.

"Nothing written" means: a database that did not exist still does not exist, and
an existing file (a bounce database, or a file bounce must refuse) keeps its
sha256, with nothing new beside it. All the runs are independent, so a session
fixture starts them together and each test checks one outcome.
"""

from __future__ import annotations

import copy
import json
import os
import random
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from ._support import Bounce, Result, assert_refused, parallel, run_many, sha256, tree

FUTURE = (datetime.now(timezone.utc) + timedelta(days=2)).date().isoformat()

# -- bad arguments ---------------------------------------------------------------------

ARG_CASES: dict[str, tuple[str, ...]] = {
    "mood-0": ("checkin", "0"),
    "mood-6": ("checkin", "6"),
    "mood-abc": ("checkin", "abc"),
    "mood-3.5": ("checkin", "3.5"),
    "mood-empty": ("checkin", ""),
    "energy-9": ("checkin", "3", "-e", "9"),
    "energy-0": ("checkin", "3", "--energy", "0"),
    "stage-unknown": ("reject", "Acme", "--stage", "ceo"),
    "category-unknown": ("lesson", "Practise", "-c", "astrology"),
    "channel-unknown": ("reject", "Acme", "--channel", "pigeon"),
    "mourn-15": ("reject", "Acme", "--mourn", "15"),
    "mourn-0": ("reject", "Acme", "--mourn", "0"),
    "mourn-x": ("reject", "Acme", "--mourn", "x"),
    "company-empty": ("reject", ""),
    "company-whitespace": ("reject", "  \t "),
    "lesson-empty": ("lesson", ""),
    "lesson-whitespace": ("lesson", " \n  "),
    "unknown-option": ("checkin", "3", "--bogus"),
    "unknown-global-option": ("--bogus", "status"),
    "unknown-command": ("frobnicate",),
    "export-format-unknown": ("export", "--format", "xml"),
    "missing-mood": ("checkin",),
    "missing-company": ("reject",),
    "missing-lesson-text": ("lesson",),
    "missing-import-file": ("import",),
    "missing-option-value": ("checkin", "3", "-e"),
    "checkin-future": ("checkin", "3", "--on", FUTURE),
    "reject-future": ("reject", "Acme", "--on", FUTURE),
    "checkin-year-9999": ("checkin", "3", "--on", "9999-12-31"),
    "checkin-year-1": ("checkin", "3", "--on", "0001-01-01"),
    "checkin-time-25h": ("checkin", "3", "--on", "2024-01-01 25:00"),
    # An empty --on is not a date: it must not silently mean "now".
    "checkin-empty-date": ("checkin", "3", "--on", ""),
    # Checked by the store only after the database was opened (and created).
    "tag-too-long": ("checkin", "3", "-t", "x" * 41),
    "company-too-long": ("reject", "x" * 201),
    "rejection-ref-too-short": ("lesson", "Practise", "--rejection", "ab"),
    "rejection-ref-too-long": ("lesson", "Practise", "--rejection", "a" * 60_000),
}
for _command in (("checkin", "3"), ("reject", "Acme")):
    for _date in ("2026-13-01", "2025-02-30", "tomorrowish", "31/12/2026"):
        ARG_CASES[f"{_command[0]}-date-{_date}"] = (*_command, "--on", _date)

STATES = ("fresh", "existing")


# -- import files -----------------------------------------------------------------------


def _export_with_rows(export: dict[str, Any], *rows: dict[str, Any]) -> dict[str, Any]:
    """The template export with extra check-in rows appended (new ids)."""
    data = copy.deepcopy(export)
    data["records"]["checkin"].extend(rows)
    return data


def _good_and_bad(export: dict[str, Any], **bad: Any) -> dict[str, Any]:
    base = export["records"]["checkin"][0]
    good = {**base, "id": "00000000-0000-4000-8000-000000000001", "note": "good row"}
    wrong = {**base, "id": "00000000-0000-4000-8000-000000000002", "note": "bad row", **bad}
    return _export_with_rows(export, good, wrong)


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _naive(export: dict[str, Any]) -> dict[str, Any]:
    at = export["records"]["checkin"][0]["at"]
    naive = datetime.fromisoformat(at).replace(tzinfo=None).isoformat()
    return _good_and_bad(export, at=naive)


ImportMaker = Callable[[Path, dict[str, Any]], Path]

IMPORT_CASES: dict[str, tuple[ImportMaker, tuple[str, ...]]] = {
    "missing-file": (lambda root, _e: root / "nope.json", ("fresh",)),
    "directory": (lambda root, _e: _mkdir(root / "a-folder.json"), ("fresh",)),
    "not-json": (
        lambda root, _e: _write_text(root / "x.json", "kind: bounce-export\n"),
        ("fresh",),
    ),  # fmt: skip
    "not-utf8": (lambda root, _e: _write_bytes(root / "x.json", b"\xff\xfe{\x00}"), ("fresh",)),
    "json-not-export": (
        lambda root, _e: _write_json(root / "x.json", {"hello": "world"}),
        ("fresh",),
    ),  # fmt: skip
    "row-mood-9": (
        lambda root, e: _write_json(root / "x.json", _good_and_bad(e, mood=9)),
        STATES,
    ),  # fmt: skip
    "row-naive-timestamp": (lambda root, e: _write_json(root / "x.json", _naive(e)), STATES),
}


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- files bounce must refuse as its database ---------------------------------------------


def _random_file(path: Path, _template: Path) -> None:
    path.write_bytes(random.Random(20240229).randbytes(8192))


def _foreign_app_id(path: Path, _template: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("CREATE TABLE t(x)")
        conn.commit()


def _tables_app_id_zero(path: Path, _template: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes(body) VALUES ('someone else''s data')")
        conn.commit()


def _newer_schema(path: Path, template: Path) -> None:
    path.write_bytes(template.read_bytes())
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.commit()


def _directory(path: Path, _template: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("keep me", encoding="utf-8")


DB_FILE_CASES: dict[str, Callable[[Path, Path], None]] = {
    "directory": _directory,
    "random-bytes": _random_file,
    "foreign-application-id": _foreign_app_id,
    "tables-with-application-id-0": _tables_app_id_zero,
    "bounce-db-with-user-version-99": _newer_schema,
}
DB_FILE_COMMANDS: dict[str, tuple[str, ...]] = {
    "checkin": ("checkin", "3", "-n", "must not land"),
}


# -- running everything at once -------------------------------------------------------------


@dataclass
class Outcome:
    """One bad-input run and what the disk looked like before it."""

    bounce: Bounce
    db: Path
    args: tuple[str, ...]
    before: dict[str, str] = field(default_factory=dict)
    existed: bool = False
    result: Result | None = None

    def __repr__(self) -> str:
        return f"Outcome({self.db})"


def _prepare(root: Path, args: tuple[str, ...], state: str, template: Path) -> Outcome:
    bounce = Bounce(root)
    if state == "existing":
        bounce.install(template)
    outcome = Outcome(bounce, bounce.db, args, existed=bounce.db.exists())
    outcome.before = tree(bounce.db.parent) if bounce.db.parent.exists() else {}
    return outcome


Outcomes = dict[tuple[str, ...], Outcome]


@pytest.fixture(scope="session")
def outcomes(
    tmp_path_factory: pytest.TempPathFactory, template_db: Path, template_export: dict[str, Any]
) -> Outcomes:
    found: Outcomes = {}
    for name, args in ARG_CASES.items():
        for state in STATES:
            root = tmp_path_factory.mktemp(f"bad-arg-{state}")
            found["arg", name, state] = _prepare(root, args, state, template_db)
    for name, (make, states) in IMPORT_CASES.items():
        for state in states:
            root = tmp_path_factory.mktemp(f"bad-import-{state}")
            source = make(root, template_export)
            found["import", name, state] = _prepare(root, ("import", str(source)), state,
                                                    template_db)  # fmt: skip
    for name, make in DB_FILE_CASES.items():
        for command, args in (*DB_FILE_COMMANDS.items(), ("doctor", ("doctor",))):
            root = tmp_path_factory.mktemp("bad-file")
            outcome = _prepare(root, args, "fresh", template_db)  # its folder exists
            make(outcome.db, template_db)
            outcome.existed = True
            outcome.before = tree(outcome.db.parent)
            found["file", name, command] = outcome

    # Every run must refuse and write nothing, so none needs a process of its own: a
    # child per core runs a share of them (test_a_separate_process_answers_the_same).
    todo, children = list(found.values()), os.cpu_count() or 2
    shares = [todo[n::children] for n in range(children)]
    answers = parallel(*(partial(run_many, [(o.bounce, o.args) for o in s]) for s in shares))
    for share, results in zip(shares, answers, strict=True):
        for outcome, result in zip(share, results, strict=True):
            outcome.result = result
    return found


def _assert_nothing_written(outcome: Outcome) -> None:
    if not outcome.existed:
        assert not outcome.db.exists(), f"{outcome.result}\n{outcome.db} was created"
        for suffix in ("-journal", "-wal"):
            assert not Path(f"{outcome.db}{suffix}").exists()
    after = tree(outcome.db.parent)
    assert after == outcome.before, f"{outcome.result}\nfiles changed beside the database"
    if outcome.existed and outcome.db.is_file():
        assert sha256(outcome.db) == outcome.before[outcome.db.name]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("name", sorted(ARG_CASES))
def test_bad_argument_is_refused(outcomes: Outcomes, name: str, state: str) -> None:
    outcome = outcomes["arg", name, state]
    assert outcome.result is not None
    assert_refused(outcome.result)
    _assert_nothing_written(outcome)


@pytest.mark.parametrize(
    ("name", "state"), [(n, s) for n, (_m, states) in IMPORT_CASES.items() for s in states]
)
def test_bad_import_file_is_refused(outcomes: Outcomes, name: str, state: str) -> None:
    outcome = outcomes["import", name, state]
    assert outcome.result is not None
    assert_refused(outcome.result)
    _assert_nothing_written(outcome)
    if state == "existing":  # all or nothing: the good row before the bad one is not kept
        assert outcome.bounce.count("checkin") == 1


@pytest.mark.parametrize("command", sorted(DB_FILE_COMMANDS))
@pytest.mark.parametrize("name", sorted(DB_FILE_CASES))
def test_file_that_is_not_a_bounce_database_is_refused(
    outcomes: Outcomes, name: str, command: str
) -> None:
    outcome = outcomes["file", name, command]
    assert outcome.result is not None
    assert_refused(outcome.result)
    assert str(outcome.db.name) in outcome.result.stderr
    _assert_nothing_written(outcome)


@pytest.mark.parametrize("name", sorted(DB_FILE_CASES))
def test_doctor_reports_a_refused_file_and_leaves_it_alone(outcomes: Outcomes, name: str) -> None:
    outcome = outcomes["file", name, "doctor"]
    result = outcome.result
    assert result is not None
    assert result.returncode == 1, result
    assert "Traceback" not in result.output, result
    assert "problem: " in result.stdout, result
    assert "no good backup was found" in result.stdout, result
    _assert_nothing_written(outcome)


SAMPLE = [
    ("arg", "mood-0", "fresh"),
    ("arg", "unknown-command", "existing"),
    ("arg", "tag-too-long", "existing"),
    ("arg", "checkin-date-2025-02-30", "fresh"),
    ("import", "not-json", "fresh"),
    ("import", "row-mood-9", "existing"),
    ("file", "random-bytes", "checkin"),
    ("file", "bounce-db-with-user-version-99", "doctor"),
]


def test_a_separate_process_answers_the_same(outcomes: Outcomes) -> None:
    """The shared child above answers as `python -m bounce_tui`, one process per run, does."""
    found = parallel(*(partial(_rerun, outcomes[key]) for key in SAMPLE))
    for key, (alone, shared) in zip(SAMPLE, found, strict=True):
        assert (alone.returncode, alone.stdout, alone.stderr) == (
            shared.returncode, shared.stdout, shared.stderr
        ), key  # fmt: skip
        _assert_nothing_written(outcomes[key])


def _rerun(outcome: Outcome) -> tuple[Result, Result]:
    assert outcome.result is not None
    return outcome.bounce.run(*outcome.args, db=outcome.db), outcome.result

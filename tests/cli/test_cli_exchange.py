"""Export and import: JSON round-trips exactly, re-import adds nothing, CSV and MD are safe."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import partial
from pathlib import Path

import pytest

from ._support import Bounce, parallel, query

LONG_NOTE = "=" + "long " * 1999 + "end!"  # 10,000 characters, and starts like a formula

CHECKIN_NOTES = {
    "markup": "[/] [bold]x[/bold] [link=https://example.com]y \u202etxt.exe",
    "escape": "\x1b[31mred\x1b[0m and \x07bell",
    "emoji": "👩‍👩‍👧‍👦 family 🏳️‍🌈 flag\nsecond line\n\n\tfourth line",
    "long": LONG_NOTE,
    "plus": "+1 555 0100",
    "at": "@SUM(A1:A9)",
    "html": "<script>alert(1)</script> & <b>bold</b>",
}


@pytest.fixture(scope="module")
def populated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database filled through the CLI with hostile text in every free-text field."""
    maker = Bounce(tmp_path_factory.mktemp("populated"))
    # Beta is logged first (it creates the database) and is the newest rejection, so
    # `--rejection last` below means Beta whatever order the other runs finish in.
    maker.ok("reject", "Beta\u200dCorp", "--stage", "applied")
    moods = iter("1234512345")
    parallel(
        *(
            partial(maker.ok, "checkin", next(moods), "-n", note, "-t", key, "-t", "Émoji👍",
                    "--on", day)  # fmt: skip
            for (key, note), day in zip(
                CHECKIN_NOTES.items(), ["today", "yesterday", "2024-02-29"] * 4, strict=False
            )
        ),
        partial(maker.ok, "checkin", "3", "-n", "first, plain", "-t", "Start"),
        partial(
            maker.ok, "reject", "Acme <b>&</b>", "--role", "=cmd|' /C calc'!A0", "--stage",
            "final", "--on", "2025-06-01 09:30", "--channel", "call", "--contact", "Dana ☕",
            "--notes", "[/] they said\nno", "--mourn", "4",
        ),  # fmt: skip
        partial(maker.ok, "lesson", "[bold]prepare stories[/]\nand practise", "-c",
                "preparation", "-t", "star", "-t", "x y", "--rejection", "last"),
        partial(maker.ok, "lesson", "-not a formula? <i>yes</i>", "-c", "mindset"),
    )  # fmt: skip
    return maker.db


def test_json_round_trip_is_exact_and_reimport_adds_nothing(
    bounce: Bounce, populated_db: Path
) -> None:
    source = bounce.install(populated_db, bounce.root / "source" / "bounce.db")
    first, second = bounce.root / "a.json", bounce.root / "b.json"
    bounce.ok("export", "--format", "json", "-o", first, db=source)

    imported = bounce.ok("import", first)  # into this test's fresh database
    exported = json.loads(first.read_text(encoding="utf-8"))
    total = sum(len(rows) for rows in exported["records"].values())
    assert total > 20
    assert re.search(rf"\b{total} added, 0 updated, 0 already here", imported.stdout), imported

    bounce.ok("export", "--format", "json", "-o", second)
    again = json.loads(second.read_text(encoding="utf-8"))
    assert again["records"] == exported["records"]
    assert bounce.counts() == bounce.counts(source)

    # Stored verbatim (only outer whitespace is trimmed on entry).
    notes = {n for (n,) in bounce.query("SELECT note FROM checkin")}
    assert set(CHECKIN_NOTES.values()) <= notes
    assert LONG_NOTE in notes
    [(role,)] = bounce.query("SELECT role FROM rejection WHERE company = 'Acme <b>&</b>'")
    assert role == "=cmd|' /C calc'!A0"
    [(linked,)] = bounce.query("SELECT rejection_id FROM lesson WHERE category = 'preparation'")
    assert bounce.query("SELECT company FROM rejection WHERE id = ?", [linked]) == [
        ("Beta\u200dCorp",)
    ]

    counts = bounce.counts()
    reimport = bounce.ok("import", first)
    assert re.search(rf"\b0 added, 0 updated, {total} already here", reimport.stdout), reimport
    assert bounce.counts() == counts


def test_csv_export_neutralises_formula_cells(bounce: Bounce, populated_db: Path) -> None:
    bounce.install(populated_db)
    table = list(csv.reader(io.StringIO(bounce.ok("export", "--format", "csv").stdout)))
    header, rows = table[0], table[1:]
    text = header.index("text")
    by_id = {row[header.index("id")]: row for row in rows}

    checkins = bounce.query("SELECT id, note FROM checkin")
    assert len(checkins) == len(CHECKIN_NOTES) + 1
    prefixed = 0
    for row_id, note in checkins:
        cell = by_id[row_id][text]
        if note[:1] in ("=", "+", "-", "@"):
            assert cell == "'" + note
            prefixed += 1
        else:
            assert cell == note
    assert prefixed == 3  # long ("="), plus, at; "-" is the mindset lesson below

    [(rejection_id,)] = bounce.query("SELECT id FROM rejection WHERE stage = 'final'")
    assert by_id[rejection_id][header.index("role")] == "'=cmd|' /C calc'!A0"
    [(lesson_id,)] = bounce.query("SELECT id FROM lesson WHERE category = 'mindset'")
    assert by_id[lesson_id][text] == "'-not a formula? <i>yes</i>"
    for row in rows:  # no cell anywhere starts like a formula
        assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row), row


def test_markdown_export_escapes_html(bounce: Bounce, populated_db: Path) -> None:
    bounce.install(populated_db)
    journal = bounce.ok("export", "--format", "md").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in journal
    assert "<script>" not in journal
    assert "<b>" not in journal and "<i>" not in journal
    assert "Acme &lt;b&gt;&amp;&lt;/b&gt;" in journal
    assert journal.startswith("# bounce journal")
    # Every check-in has a row in the journal's table, one line each.
    table_rows = [line for line in journal.splitlines() if re.match(r"\| \d{4}-\d\d-\d\d", line)]
    assert len(table_rows) == len(CHECKIN_NOTES) + 1
    assert query(bounce.db, "SELECT count(*) FROM checkin") == [(len(CHECKIN_NOTES) + 1,)]

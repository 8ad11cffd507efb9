"""Merging a large import: what is added, updated and left alone, and what the file holds after.

The import reads each table's keys and versions once and writes in batches; these
tests hold it to the merge rules of a record-by-record import: a new key is added,
a newer `updated_at` replaces the stored row, anything else is left alone, a day
skipped twice stays skipped once, and a refused write leaves nothing behind.
"""

from __future__ import annotations

import copy
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bounce_tui.store.errors import ImportFormatError
from bounce_tui.store.file.identity import DATABASE_ID_KEY
from bounce_tui.store.models import TABLES, table_name
from bounce_tui.store.repository import Store
from tests.benchmarks.import_speed import build_export
from tests.conftest import NOW, Clock
from tests.fixtures.hostile_exports import rich_export

TABLE_NAMES = [table_name(model) for model in TABLES]


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    """A valid export of 3,000 records of every kind."""
    return build_export(3000)


def _open(path: Path, clock: Clock) -> Store:
    return Store(path, now=clock, template=lambda: [])


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row of every table (and the search index), as SQLite holds them."""
    with closing(sqlite3.connect(path)) as conn:
        found = {}
        for name in [*TABLE_NAMES, "lesson_fts"]:
            where = f" WHERE key != '{DATABASE_ID_KEY}'" if name == "setting" else ""
            query = f"SELECT rowid, * FROM {name}{where} ORDER BY rowid"  # noqa: S608
            found[name] = conn.execute(query).fetchall()
        return found


def _by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: row.get("id") or row["key"])


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def test_an_import_into_an_empty_file_adds_every_record_as_it_was(
    export: dict[str, Any], tmp_path: Path, clock: Clock
) -> None:
    store = _open(tmp_path / "b.db", clock)
    try:
        counts = store.files.import_data(copy.deepcopy(export))
        assert counts.added == {name: len(rows) for name, rows in export["records"].items()}
        assert counts.updated == {} and counts.unchanged == 0
        again = store.files.export_data()["records"]
        for name, rows in export["records"].items():
            assert _by_id(again[name]) == _by_id(rows), name
        assert store.read.search_lessons(export["records"]["lesson"][7]["text"].split()[0])
    finally:
        store.close()


def test_merging_the_same_file_again_adds_nothing_and_changes_nothing(
    export: dict[str, Any], tmp_path: Path, clock: Clock
) -> None:
    store = _open(tmp_path / "b.db", clock)
    try:
        store.files.import_data(copy.deepcopy(export))
        before = _rows(store.path)
        counts = store.files.import_data(copy.deepcopy(export))
        assert counts.total_added == 0 and counts.total_updated == 0
        assert counts.unchanged == sum(len(rows) for rows in export["records"].values())
        assert _rows(store.path) == before
    finally:
        store.close()


def test_a_mixed_file_adds_the_new_updates_the_newer_and_keeps_the_rest(
    export: dict[str, Any], tmp_path: Path, clock: Clock
) -> None:
    store = _open(tmp_path / "b.db", clock)
    try:
        store.files.import_data(copy.deepcopy(export))
        data = copy.deepcopy(export)
        lessons, checkins = data["records"]["lesson"], data["records"]["checkin"]
        later = _iso(NOW - timedelta(hours=1))
        lessons[3].update(text="Bring the portfolio printed", updated_at=later)  # newer: wins
        lessons[4].update(text="Never stored", updated_at=lessons[4]["created_at"])  # same version
        checkins[5].update(note="older", updated_at=_iso(NOW - timedelta(days=20000)))  # older
        new = {**checkins[6], "id": "00000000-0000-4000-8000-000000000001"}
        checkins.insert(10, new)
        counts = store.files.import_data(data)
        assert counts.added == {"checkin": 1}
        assert counts.updated == {"lesson": 1}
        assert counts.unchanged == sum(len(rows) for rows in export["records"].values()) - 1
        stored = {row["id"]: row for row in store.files.export_data()["records"]["lesson"]}
        assert stored[lessons[3]["id"]]["text"] == "Bring the portfolio printed"
        assert stored[lessons[3]["id"]]["updated_at"] == later
        assert stored[lessons[4]["id"]]["text"] == export["records"]["lesson"][4]["text"]
        found = [v.lesson_id for v in store.read.search_lessons("portfolio printed")]
        assert found == [lessons[3]["id"]]
        note = {r["id"]: r["note"] for r in store.files.export_data()["records"]["checkin"]}
        assert note[checkins[5]["id"]] == export["records"]["checkin"][5]["note"]
        assert new["id"] in note
    finally:
        store.close()


def test_stored_text_is_what_the_entry_commands_store(tmp_path: Path, clock: Clock) -> None:
    made = tmp_path / "made.db"
    data = rich_export(made, clock)
    store = _open(tmp_path / "b.db", clock)
    try:
        store.files.import_data(data)
    finally:
        store.close()
    ours, theirs = _rows(made), _rows(tmp_path / "b.db")
    for name in TABLE_NAMES:
        assert sorted(row[1:] for row in theirs[name]) == sorted(row[1:] for row in ours[name])


def test_a_day_skipped_under_another_id_stays_skipped_once(
    export: dict[str, Any], tmp_path: Path, clock: Clock
) -> None:
    store = _open(tmp_path / "b.db", clock)
    try:
        store.files.import_data(copy.deepcopy(export))
        first, second = copy.deepcopy(export["records"]["skip_day"][:2])
        twin = {**first, "id": "00000000-0000-4000-8000-000000000002"}
        # The second day moves to a free day; then a new record takes the day it left.
        moved = {**second, "day": "2025-01-01", "updated_at": _iso(NOW)}
        taker = {**second, "id": "00000000-0000-4000-8000-000000000003"}
        counts = store.files.import_data(
            {**export, "records": {"skip_day": [twin, moved, taker, twin | {"id": first["id"]}]}}
        )
        assert counts.added == {"skip_day": 1} and counts.updated == {"skip_day": 1}
        assert counts.unchanged == 2
        days = {r["id"]: r["day"] for r in store.files.export_data()["records"]["skip_day"]}
        assert days[second["id"]] == "2025-01-01" and days[taker["id"]] == second["day"]
        assert twin["id"] not in days
    finally:
        store.close()


def test_a_write_the_database_refuses_leaves_nothing(
    export: dict[str, Any], tmp_path: Path, clock: Clock
) -> None:
    store = _open(tmp_path / "b.db", clock)
    try:
        data = copy.deepcopy(export)
        data["records"]["lesson_review"][-1]["lesson_id"] = "00000000-0000-4000-8000-00000000dead"
        with pytest.raises(ImportFormatError, match="FOREIGN KEY constraint failed"):
            store.files.import_data(data)
        assert sum(store.files.counts().values()) == 0
    finally:
        store.close()

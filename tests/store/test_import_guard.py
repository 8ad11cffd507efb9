"""Imports hold every record to the entry rules: one bad record refuses the whole file.

Each hostile case mutates one field of a valid export (tests/fixtures/hostile_exports.py)
and must be refused in one line naming the record and the field, with the database
unchanged. A hypothesis test throws random JSON-ish values at random fields.
"""

from __future__ import annotations

import copy
import json
import math
import os
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounce_tui.domain.errors import DomainError
from bounce_tui.store.errors import ImportFormatError, ImportRefused, StoreError
from bounce_tui.store.read import exchange
from bounce_tui.store.read.exchange import check_records
from bounce_tui.store.repository import Store
from tests.conftest import NOW, Clock
from tests.fixtures.hostile_exports import HOSTILE, hostile, rich_export


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid export with a row in every table, made at NOW."""
    return rich_export(tmp_path_factory.mktemp("rich") / "rich.db", Clock(NOW))


@pytest.fixture
def target(tmp_path: Path, clock: Clock, valid: dict[str, Any]) -> Store:
    """A database that already holds the valid export."""
    store = Store(tmp_path / "target.db", now=clock, template=lambda: [])
    store.files.import_data(copy.deepcopy(valid))
    yield store
    store.close()


def _state(store: Store) -> tuple[dict[str, int], str, bytes]:
    data = store.files.export_data()
    return store.files.counts(), json.dumps(data["records"]), store.path.read_bytes()


def test_every_table_is_in_the_valid_export(valid: dict[str, Any]) -> None:
    assert all(valid["records"][name] for name in valid["records"]), valid["records"].keys()
    check_records(valid, "the valid export", NOW)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_record_refuses_the_whole_import(
    name: str, target: Store, valid: dict[str, Any], tmp_path: Path, clock: Clock
) -> None:
    _, table, field = HOSTILE[name]
    data = hostile(valid, name, NOW)
    # A good new record rides along: it must not be written either.
    extra = copy.deepcopy(valid["records"]["urge"][0])
    extra["id"] = "00000000-0000-4000-8000-00000000abcd"
    data["records"]["urge"].append(extra)
    before = _state(target)
    with pytest.raises(ImportRefused) as refused:
        target.files.import_data(data)
    assert refused.value.problems, name
    line = refused.value.problems[0]
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 300, str(refused.value)
    assert line.startswith(f"{table} #"), line
    assert field in line.split(":", 1)[1], line
    assert _state(target) == before
    empty = Store(tmp_path / "empty.db", now=clock, template=lambda: [])
    try:
        with pytest.raises(ImportRefused):
            empty.files.import_data(copy.deepcopy(data))
        assert sum(empty.files.counts().values()) == 0
    finally:
        empty.close()


def test_many_bad_records_are_listed_ten_then_counted(target: Store, valid: dict[str, Any]) -> None:
    data = copy.deepcopy(valid)
    row = data["records"]["checkin"][0]
    data["records"]["checkin"] = [
        {**row, "id": f"00000000-0000-4000-8000-{n:012d}", "mood": 9} for n in range(25)
    ]
    with pytest.raises(ImportRefused) as refused:
        target.files.import_data(data)
    lines = refused.value.lines()
    assert len(refused.value.problems) == 25
    assert lines[0].endswith("25 records break the rules")
    assert len(lines) == 12 and lines[-1] == "and 15 more"


def test_importing_twice_adds_nothing(target: Store, valid: dict[str, Any]) -> None:
    before = target.files.counts()
    counts = target.files.import_data(copy.deepcopy(valid))
    assert counts.total_added == 0 and counts.total_updated == 0
    assert target.files.counts() == before


def test_an_accepted_import_passes_the_same_rules_again(
    target: Store, clock: Clock, valid: dict[str, Any]
) -> None:
    clock.advance(days=30)
    check_records(target.files.export_data(), "the export", clock.moment)
    assert target.files.counts() == {name: len(rows) for name, rows in valid["records"].items()}


def test_a_record_a_little_ahead_of_this_clock_is_accepted(
    target: Store, valid: dict[str, Any]
) -> None:
    data = copy.deepcopy(valid)
    data["records"]["checkin"][0]["updated_at"] = (NOW + timedelta(hours=3)).isoformat()
    assert target.files.import_data(data).total_updated == 1


def _lesson_id(store: Store) -> str:
    return store.files.export_data()["records"]["lesson"][0]["id"]


def test_export_names_the_record_holding_infinity(target: Store) -> None:
    lesson = _lesson_id(target)
    with closing(sqlite3.connect(target.path)) as conn:
        conn.execute("UPDATE lesson SET stability = 9e999 WHERE id = ?", (lesson,))
        conn.commit()
    with pytest.raises(StoreError) as refused:
        target.files.export_text("json")
    assert f"lesson #1 (id {lesson}): stability" in str(refused.value)


def test_undo_of_a_grade_with_a_broken_card_is_refused_not_a_crash(target: Store) -> None:
    lesson = _lesson_id(target)
    with closing(sqlite3.connect(target.path)) as conn:
        conn.execute("UPDATE lesson_review SET card_before = '{\"due\": 5}'")
        conn.commit()
    with pytest.raises(DomainError, match="card_before due"):
        target.reviews.undo_last_grade(lesson)


# -- random mutations ---------------------------------------------------------------------

_TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "\x00", "\ud800", "x" * 3000, "²", "Infinity", "NaN"]),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-03-10", "2026-02-30"]),
    st.sampled_from(["9999-12-31T23:59:59+00:00", "2026-03-10T09:00:00", "1969-01-01T00:00Z"]),
)
_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    _TEXT,
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, min_size=1, max_size=4),
    ),
    max_leaves=8,
)


@st.composite
def _mutations(draw: st.DrawFn, valid: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(valid)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        table = draw(st.sampled_from(sorted(data["records"])))
        rows = data["records"][table]
        if not rows:
            continue
        row = rows[draw(st.integers(min_value=0, max_value=len(rows) - 1))]
        action = draw(st.sampled_from(["set", "set", "set", "drop", "copy", "unknown"]))
        field = draw(st.sampled_from(sorted(row)))
        if action == "set":
            row[field] = draw(_VALUE)
        elif action == "drop":
            del row[field]
        elif action == "copy":
            rows.append(copy.deepcopy(row))
        else:
            row[draw(st.text(min_size=1, max_size=8))] = draw(_SCALAR)
    return data


def _has_nan(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, dict):
        return any(_has_nan(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nan(v) for v in value)
    return False


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_mutations_import_fully_or_change_nothing(
    data: st.DataObject, target: Store, valid: dict[str, Any]
) -> None:
    mutated = data.draw(_mutations(valid))
    before = _state(target)
    try:
        target.files.import_data(mutated)
    except ImportFormatError as exc:
        assert "\n" not in str(exc)
        assert _state(target) == before
        return
    # Accepted: what is stored passes the entry rules, and exports as plain JSON.
    exported = target.files.export_data()
    check_records(exported, "the export", NOW)
    json.dumps(exported, allow_nan=False)
    assert not _has_nan(exported)
    assert target.path.exists()


# -- reading the file ---------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_text(" " * 101, encoding="utf-8")
    with pytest.raises(ImportFormatError, match="too large"):
        exchange.read_export_file(big)


def test_the_read_is_bounded_when_the_size_says_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc/self/maps is a regular file whose st_size is 0 but which holds more than 100 bytes."""
    maps = Path("/proc/self/maps")
    if not maps.is_file() or maps.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    read: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 100)
    monkeypatch.setattr(exchange.os, "read", counting_read)
    with pytest.raises(ImportFormatError, match="too large"):
        exchange.read_export_file(maps)
    assert sum(read) == 101

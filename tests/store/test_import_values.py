"""The quick way of checking an imported record gives what the full way gives, always.

`exchange._validated` reads a record as exports write it without the table's
validator (`import_values.plain_values`) and fills a plain object instead of an
ORM instance. `_reference` below is how a record was checked before (the ORM
model's `model_validate`, then the same checks): for the valid export, every
hostile case and random mutations, both must accept the same records with the
same values (same types, same offsets) or refuse them naming the same field
with the same words.
"""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlmodel import SQLModel

from bounce_tui.domain.text import one_line
from bounce_tui.store.models import TABLES, Lesson, Setting, table_name
from bounce_tui.store.read import exchange
from bounce_tui.store.read import import_rules as rules
from bounce_tui.store.read.import_values import plain_values
from tests.benchmarks.import_speed import build_export
from tests.conftest import NOW, Clock
from tests.fixtures.hostile_exports import HOSTILE, hostile, rich_export

MODELS = {table_name(model): model for model in TABLES}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, dict):
        return [v for v in [*value.keys(), *value.values()] if isinstance(v, str)]
    return []


def _reference(model: type[SQLModel], raw: dict[str, Any], now: datetime) -> SQLModel:
    """How a record was checked before the quick way: through an ORM instance."""
    columns = {c.name for c in model.__table__.columns}  # type: ignore[attr-defined]
    unknown = set(raw) - columns
    if unknown:
        shown = one_line(", ".join(sorted(str(u) for u in unknown)), 60)
        raise rules.Problem("row", f"unknown fields: {shown}")
    key = "key" if model is Setting else "id"
    if key not in raw:
        raise rules.Problem(key, f"{key} is missing")
    if model is not Setting:
        rules.check_id(raw["id"])
    rules.check_types(model, raw)
    try:
        row = model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first.get("loc", ()))
        raise rules.Problem(place or "row", str(first.get("msg"))) from None
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        value = getattr(row, column.name)
        for text in _strings(value):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise rules.Problem(
                    column.name, f"{column.name} holds characters that cannot be stored"
                ) from None
        if isinstance(value, datetime) and value.tzinfo is None:
            raise rules.Problem(column.name, f"{column.name} has no time zone")
        if value is None and not column.nullable:
            raise rules.Problem(column.name, f"{column.name} is missing")
    rules.check_row(row, now)
    return row


def _outcome(check: Any) -> tuple[Any, ...]:
    try:
        found = check()
    except rules.Problem as problem:
        return ("refused", problem.field, problem.why)
    if isinstance(found, SQLModel):
        found = {c.name: getattr(found, c.name) for c in found.__table__.columns}  # type: ignore[attr-defined]
    shown = []
    for name, value in found.items():
        offset = value.utcoffset() if isinstance(value, datetime) else None
        shown.append((name, type(value), value, offset))
    return ("accepted", *shown)


def assert_same(name: str, raw: dict[str, Any], now: datetime = NOW) -> tuple[Any, ...]:
    model = MODELS[name]
    expected = _outcome(lambda: _reference(model, copy.deepcopy(raw), now))
    before = copy.deepcopy(raw)
    found = _outcome(lambda: exchange._validated(model, raw, now))
    assert found == expected, (name, raw)
    assert raw == before  # the file's data is read, never changed
    return found


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return rich_export(tmp_path_factory.mktemp("rich") / "rich.db", Clock(NOW))


def test_records_as_exports_write_them_take_the_quick_way_with_the_same_values(
    valid: dict[str, Any],
) -> None:
    big = build_export(400)
    for data in (valid, big):
        for name, rows in data["records"].items():
            for raw in rows:
                assert plain_values(MODELS[name], raw) is not None, (name, raw)
                assert assert_same(name, raw)[0] == "accepted"


def test_a_whole_number_where_a_float_goes_takes_the_full_way_and_reads_as_a_float(
    valid: dict[str, Any],
) -> None:
    raw = {**valid["records"]["lesson"][0], "stability": 3, "difficulty": 5}
    assert plain_values(Lesson, raw) is None
    found = dict((n, (t, v)) for n, t, v, _ in assert_same("lesson", raw)[1:])
    assert found["stability"] == (float, 3.0)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_every_hostile_record_is_refused_in_the_same_words(
    case: str, valid: dict[str, Any]
) -> None:
    data = hostile(valid, case, NOW)
    outcomes = [assert_same(name, raw)[0] for name, rows in data["records"].items() for raw in rows]
    if case != "id-twice-in-one-file":  # refused by the file-wide check, not per record
        assert "refused" in outcomes, case


_MOMENTS = st.builds(
    "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:06d}{}".format,
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 61),
    st.integers(0, 61),
    st.integers(0, 999_999),
    st.sampled_from(["+00:00", "+01:00", "Z", "", "-00:00", "+00:00 "]),
)
_DAYS = st.builds(
    "{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)
)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", " ", "\x00", "\ud800", "x" * 300, "²", "٣", "NaN", "2026-03-10"]),
    _MOMENTS,
    _DAYS,
    st.lists(st.one_of(st.text(max_size=6), st.integers(), st.just("\udfff")), max_size=3),
    st.dictionaries(
        st.one_of(st.text(max_size=6), st.sampled_from(["due", "state", "\ud800"])),
        st.one_of(st.none(), st.integers(0, 4), _MOMENTS, st.floats()),
        max_size=4,
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_records_get_the_same_outcome_both_ways(data: st.DataObject) -> None:
    export = build_export(40)
    name = data.draw(st.sampled_from(sorted(export["records"])))
    raw = copy.deepcopy(data.draw(st.sampled_from(export["records"][name])))
    for _ in range(data.draw(st.integers(1, 3))):
        field = data.draw(st.sampled_from(sorted(raw) or ["id"]))
        action = data.draw(st.sampled_from(["set", "set", "set", "drop", "add"]))
        if action == "set":
            raw[field] = data.draw(_VALUES)
        elif action == "drop":
            raw.pop(field, None)
        else:
            raw[data.draw(st.text(min_size=1, max_size=6))] = data.draw(_VALUES)
    assert_same(name, raw)


@settings(max_examples=300, deadline=None)
@given(moment=_MOMENTS, day=_DAYS)
def test_moments_and_days_written_any_way_read_the_same_both_ways(moment: str, day: str) -> None:
    export = build_export(40)
    checkin = {**export["records"]["checkin"][0], "at": moment, "updated_at": moment}
    assert_same("checkin", checkin)
    assert_same("checkin", {**export["records"]["checkin"][0], "day": day})
    assert_same("skip_day", {**export["records"]["skip_day"][0], "day": day})


def test_a_file_checked_twice_is_not_changed(tmp_path: Path, valid: dict[str, Any]) -> None:
    data = copy.deepcopy(valid)
    checked = exchange.check_records(data, "x", NOW)
    assert data == valid
    assert len(checked.records) == sum(len(rows) for rows in valid["records"].values())

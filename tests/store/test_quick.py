"""The quick path (`store/quick/`) writes and reads what the ORM path does.

Its statements are checked against the SQLModel tables (a renamed column fails),
and random check-ins run through both paths on two copies of one database must
leave the same rows and print the same figures.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from bounce_tui.domain.errors import DomainError
from bounce_tui.store import quick
from bounce_tui.store.clock import Clock as StoreClock
from bounce_tui.store.models import (
    CheckIn,
    ChecklistItem,
    Interview,
    Lesson,
    MourningPeriod,
    Rejection,
    SkipDay,
)
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock


def _model_schema(path: Path) -> sqlite3.Connection:
    """A database holding exactly the tables the SQLModel classes declare."""
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    return sqlite3.connect(path)


def _statement_problems(
    conn: sqlite3.Connection, statements: tuple[str, ...] = quick.STATEMENTS
) -> list[str]:
    problems = []
    for statement in statements:
        try:
            conn.execute(f"EXPLAIN {statement}", [None] * statement.count("?"))
        except sqlite3.Error as exc:
            problems.append(f"{statement}: {exc}")
    return problems


@pytest.mark.parametrize(
    ("model", "columns"),
    [
        (CheckIn, quick.CHECKIN_COLUMNS),
        (SkipDay, quick.SKIP_DAY_COLUMNS),
        (Rejection, quick.REJECTION_COLUMNS),
        (MourningPeriod, quick.MOURNING_COLUMNS),
        (ChecklistItem, quick.ITEM_COLUMNS),
        (Lesson, quick.LESSON_COLUMNS),
        (Interview, quick.INTERVIEW_COLUMNS),
    ],
)
def test_the_written_columns_are_the_models_columns_in_order(
    model: type, columns: tuple[str, ...]
) -> None:
    assert tuple(c.name for c in model.__table__.columns) == columns  # type: ignore[attr-defined]


def test_every_statement_prepares_against_the_sqlmodel_tables(tmp_path: Path) -> None:
    conn = _model_schema(tmp_path / "models.db")
    assert _statement_problems(conn) == []


def test_the_search_index_statements_prepare_against_the_migrated_index(tmp_path: Path) -> None:
    Store(tmp_path / "migrated.db").close()
    conn = sqlite3.connect(tmp_path / "migrated.db")
    assert _statement_problems(conn, quick.FTS_STATEMENTS) == []
    conn.execute("ALTER TABLE lesson_fts RENAME TO lesson_words")
    assert len(_statement_problems(conn, quick.FTS_STATEMENTS)) == len(quick.FTS_STATEMENTS)


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("checkin", "mood"),
        ("checkin", "day"),
        ("checkin", "at"),
        ("skip_day", "day"),
        ("mourning_period", "days"),
        ("mourning_period", "planned_end"),
        ("mourning_period", "moved_on_at"),
        ("setting", "value"),
        ("setting", "key"),
        ("rejection", "company"),
        ("rejection", "role"),
        ("rejection", "received_at"),
        ("checklist_item", "template_key"),
        ("checklist_item", "done_at"),
        ("checklist_item", "position"),
        ("lesson", "due"),
        ("lesson", "theme_id"),
        ("lesson", "category"),
        ("lesson", "created_at"),
        ("interview", "at"),
        ("interview", "company"),
    ],  # fmt: skip
)
def test_a_renamed_column_fails_the_check(tmp_path: Path, table: str, column: str) -> None:
    conn = _model_schema(tmp_path / "models.db")
    conn.execute(f"ALTER TABLE {table} RENAME COLUMN {column} TO {column}_renamed")
    assert _statement_problems(conn) != []


def test_no_file_or_an_old_schema_takes_the_orm_path(tmp_path: Path) -> None:
    clock = StoreClock(Clock(NOW), BERLIN)
    missing = tmp_path / "none.db"
    assert quick.check_in(missing, 3, clock=clock) is None
    assert not missing.exists()
    old = tmp_path / "old.db"
    sqlite3.connect(old).execute("PRAGMA user_version = 1")
    assert quick.check_in(old, 3, clock=clock) is None


def test_a_future_check_in_is_refused(template: Path) -> None:
    clock = StoreClock(Clock(NOW), BERLIN)
    with pytest.raises(DomainError, match="future"):
        quick.check_in(template, 3, at=NOW + timedelta(minutes=1), clock=clock)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with a mourning period (ended) and a skipped day."""
    path = tmp_path_factory.mktemp("quick") / "template.db"
    moving = Clock(NOW - timedelta(days=20))
    store = Store(path, now=moving, tz=BERLIN)
    store.rejections.log_rejection("Acme", stage="final")
    moving.set(NOW)
    store.checkins.skip_day((NOW - timedelta(days=3)).date())
    store.close()
    return path


def _rows(
    path: Path, query: str = "SELECT * FROM checkin ORDER BY at, created_at, mood, note"
) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


HOSTILE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
) | st.sampled_from(
    ["'); DROP TABLE checkin; --", "\x1b[31mred", "a\u202eb", "  padded  ", "ä\n\tb"]
)
TAGS = st.lists(st.text("abcXYZ -ü", max_size=8), max_size=4)
ENTRY = st.fixed_dictionaries(
    {
        "mood": st.integers(1, 5) | st.sampled_from(["3", " 4 ", "0", "6", "x"]),
        "energy": st.none() | st.integers(1, 5) | st.sampled_from(["2", "9"]),
        "note": HOSTILE,
        "tags": TAGS,
        "back": st.none() | st.integers(0, 60 * 24 * 40),  # minutes before now
    }
)


def _apply(run: object, entry: dict) -> object:
    at = None if entry["back"] is None else NOW - timedelta(minutes=entry["back"])
    kwargs = {"energy": entry["energy"], "note": entry["note"], "tags": entry["tags"], "at": at}
    try:
        return run(entry["mood"], **kwargs)  # type: ignore[operator]
    except DomainError as exc:
        return f"refused: {exc}"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(ENTRY, min_size=1, max_size=4), step=st.integers(1, 300))
def test_both_paths_leave_the_same_rows(
    template: Path, tmp_path: Path, entries: list[dict], step: int
) -> None:
    orm_path, quick_path = _copies(template, tmp_path)
    orm_clock, quick_clock = Clock(NOW), Clock(NOW)
    store = Store(orm_path, now=orm_clock, tz=BERLIN)
    zone_clock = StoreClock(quick_clock, BERLIN)
    try:
        for entry in entries:
            by_orm = _apply(store.checkins.check_in, entry)
            by_quick = _apply(
                lambda m, **kw: quick.check_in(quick_path, m, clock=zone_clock, **kw), entry
            )
            if isinstance(by_orm, str):
                assert by_quick == by_orm
            else:
                assert by_quick == by_orm.day  # type: ignore[attr-defined]
                after = quick.read_after_checkin(quick_path, by_orm.day, zone_clock)  # type: ignore[attr-defined]
                assert after == quick.AfterCheckIn(
                    store.read.status().streak,
                    tuple(c.mood for c in store.checkins.day_of(by_orm.day)),  # type: ignore[attr-defined]
                    store.read.gentle_prompt_due(),
                )
            orm_clock.advance(seconds=step)
            quick_clock.advance(seconds=step)
    finally:
        store.close()
    orm_rows, quick_rows = _rows(orm_path), _rows(quick_path)
    assert [row[1:] for row in quick_rows] == [row[1:] for row in orm_rows]  # all but the id
    assert all(len(str(row[0])) == 36 for row in quick_rows)


def _copies(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    folder = Path(tmp_path / f"run-{datetime.now(timezone.utc).timestamp()}")
    folder.mkdir()
    orm_path, quick_path = folder / "orm.db", folder / "quick.db"
    shutil.copy(template, orm_path)
    shutil.copy(template, quick_path)
    return orm_path, quick_path


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(marks=st.lists(st.tuples(st.integers(-2, 30), HOSTILE), min_size=1, max_size=4))
def test_both_paths_skip_the_same_days(
    template: Path, tmp_path: Path, marks: list[tuple[int, str]]
) -> None:
    orm_path, quick_path = _copies(template, tmp_path)
    clock = Clock(NOW)
    store = Store(orm_path, now=clock, tz=BERLIN)
    zone_clock = StoreClock(clock, BERLIN)
    ids: dict[object, str] = {}
    try:
        for back, reason in marks:
            day = (NOW - timedelta(days=back)).date()
            try:
                by_orm: object = store.checkins.skip_day(day, reason)
            except DomainError as exc:
                by_orm = f"refused: {exc}"
            try:
                by_quick: object = quick.skip_day(quick_path, day, reason, clock=zone_clock)
            except DomainError as exc:
                by_quick = f"refused: {exc}"
            if isinstance(by_orm, str) and by_orm.startswith("refused"):
                assert by_quick == by_orm
                continue
            assert isinstance(by_quick, str) and len(by_quick) == 36
            if day in ids:  # the mark already there is kept, on both paths
                assert ids[day] == (by_orm, by_quick)
            ids[day] = (by_orm, by_quick)  # type: ignore[assignment]
            clock.advance(minutes=7)
    finally:
        store.close()
    query = "SELECT created_at, updated_at, day, reason FROM skip_day ORDER BY day"
    assert _rows(quick_path, query) == _rows(orm_path, query)

"""Schema versions: creation, migration from old fixtures, refusal of foreign files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from bounce_tui.store.errors import ForeignDatabase, NewerSchema, NotADatabase
from bounce_tui.store.file import backup, migrations
from bounce_tui.store.file.engine import APPLICATION_ID
from bounce_tui.store.models import TABLES
from bounce_tui.store.repository import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pragma(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_new_database_is_at_the_newest_schema(store: Store) -> None:
    assert _pragma(store.path, "user_version") == migrations.SCHEMA_VERSION
    assert _pragma(store.path, "application_id") == APPLICATION_ID
    assert store.db.opened.backup_path is None


def test_migrated_schema_has_every_model_column(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    try:
        for model in TABLES:
            table = model.__tablename__
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            want = {c.name for c in model.__table__.columns}
            assert have == want, table
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "ix_checkin_at" in indexes
    finally:
        conn.close()


def test_schema_1_fixture_migrates_with_a_backup_first(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    shutil.copy(FIXTURES / "schema_v1.db", path)
    assert _pragma(path, "user_version") == 1
    store = Store(path, now=clock)
    try:
        assert store.db.opened.from_version == 1
        assert store.db.opened.to_version == migrations.SCHEMA_VERSION
        assert _pragma(path, "user_version") == migrations.SCHEMA_VERSION
        counts = store.files.counts()
        assert counts["rejection"] == 1 and counts["checkin"] == 1 and counts["lesson"] == 1
        saved = store.db.opened.backup_path
        assert saved is not None and saved.exists()
        assert backup.integrity(saved) == "ok"
        assert _pragma(saved, "user_version") == 1
        status = store.read.status()
        assert status.lessons_total == 1
    finally:
        store.close()


def test_a_failing_step_leaves_the_previous_version(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    shutil.copy(FIXTURES / "schema_v1.db", path)
    broken = (
        *migrations.STEPS[:1],
        migrations.Step(2, "half done", "CREATE TABLE half (x); CREATE TABLE broken ("),
    )
    with pytest.raises(Exception):  # noqa: B017 - any failure will do
        migrations.open_database(path, clock, broken)
    assert _pragma(path, "user_version") == 1
    conn = sqlite3.connect(path)
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "half" not in names


def test_newer_schema_is_refused_untouched(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    Store(path, now=clock).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = _sha(path)
    with pytest.raises(NewerSchema):
        Store(path, now=clock)
    assert _sha(path) == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path, clock) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _sha(path)
    with pytest.raises(ForeignDatabase):
        Store(path, now=clock)
    assert _sha(path) == before


def test_sqlite_file_without_our_id_but_with_tables_is_refused(tmp_path: Path, clock) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = _sha(path)
    with pytest.raises(ForeignDatabase):
        Store(path, now=clock)
    assert _sha(path) == before


def test_non_sqlite_file_and_directory_are_refused(tmp_path: Path, clock) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"my diary, not a database\n" * 100)
    before = _sha(path)
    with pytest.raises(NotADatabase):
        Store(path, now=clock)
    assert _sha(path) == before
    with pytest.raises(NotADatabase):
        Store(tmp_path, now=clock)


def test_empty_file_is_adopted(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    path.touch()
    Store(path, now=clock).close()
    assert _pragma(path, "user_version") == migrations.SCHEMA_VERSION


def test_two_openers_of_a_fresh_file_both_succeed(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    first = Store(path, now=clock)
    second = Store(path, now=clock)
    first.checkins.check_in(3)
    second.checkins.check_in(4)
    assert first.files.counts()["checkin"] == 2
    first.close()
    second.close()


def _schema_3_file(path: Path) -> None:
    """A file as bounce wrote it at schema 3: two lessons the old check marked recurring."""
    conn = sqlite3.connect(path)
    try:
        for step in migrations.STEPS[:3]:
            for statement in migrations._statements(step.sql):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 3")
        rows = [
            ("a", "2026-11-01", "Prepare two stakeholder stories", "preparation", 1),
            (
                "b",
                "2026-11-09",
                "Prepare a story about influencing a senior stakeholder",
                "preparation",
                1,
            ),
            ("c", "2026-11-10", "Ask about the team's on-call load", "research", 0),
        ]
        for lesson_id, created, text, category, recurring in rows:
            conn.execute(
                "INSERT INTO lesson (id, created_at, updated_at, text, category, recurring, due)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (lesson_id, created, created, text, category, recurring, created),
            )
        conn.commit()
    finally:
        conn.close()


def test_schema_3_lessons_get_an_empty_front_and_keep_their_recurring_theme(
    tmp_path: Path, clock
) -> None:
    path = tmp_path / "bounce.db"
    _schema_3_file(path)
    store = Store(path, now=clock)
    try:
        assert store.db.opened.from_version == 3
        conn = sqlite3.connect(path)
        try:
            got = {
                row[0]: (row[1], row[2])
                for row in conn.execute("SELECT id, prompt, theme_id FROM lesson")
            }
        finally:
            conn.close()
        assert got == {"a": ("", "a"), "b": ("", "a"), "c": ("", None)}
    finally:
        store.close()


def test_after_schema_5_search_finds_the_front_and_stems_words(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    _schema_3_file(path)
    store = Store(path, now=clock)
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("UPDATE lesson SET prompt = 'Asked why I want to leave' WHERE id = 'c'")
            conn.commit()
            found = {
                row[0]
                for row in conn.execute(
                    "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH ?", ("story",)
                )
            }
            fronts = [
                row[0]
                for row in conn.execute(
                    "SELECT lesson_id FROM lesson_fts WHERE lesson_fts MATCH ?", ("leaving",)
                )
            ]
        finally:
            conn.close()
        assert found == {"a", "b"}  # "stories" and "story" share a stem
        assert fronts == ["c"]
    finally:
        store.close()


def test_schema_8_indexes_short_word_beginnings_and_finds_the_same(tmp_path: Path, clock) -> None:
    path = tmp_path / "bounce.db"
    store = Store(path, now=clock)
    texts = ["Slow down on system design", "Salary talk comes last", "Ask about the team"]
    for text in texts:
        store.lessons.add_lesson(text, prompt="Screen went quiet")
    before = [v.lesson_id for v in store.read.search_lessons("s")]
    store.close()
    conn = sqlite3.connect(path)  # back to schema 7: the index without prefixes
    conn.executescript(migrations._V5 + ";\nPRAGMA user_version = 7;")
    conn.close()
    assert "prefix" not in _fts_declaration(path)

    store = Store(path, now=clock)
    try:
        assert store.db.opened.from_version == 7
        assert "prefix = '1 2'" in _fts_declaration(path)
        assert [v.lesson_id for v in store.read.search_lessons("s")] == before
        assert len(before) == 3  # "Screen", "Slow", "Salary"...: every lesson
        added = store.lessons.add_lesson("Bring two questions", prompt="Offer stage")
        assert [v.lesson_id for v in store.read.search_lessons("br")] == [added]
        assert [v.lesson_id for v in store.read.search_lessons("of")] == [added]
    finally:
        store.close()


def _fts_declaration(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'lesson_fts'").fetchone()
        return str(sql)
    finally:
        conn.close()

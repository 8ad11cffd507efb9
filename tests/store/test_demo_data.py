"""The demo's sample job hunt: what `bounce demo` and the README's screenshots show."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from bounce_tui.demo_data import build_demo
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW


def _rows(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


def _built(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    build_demo(db, NOW, BERLIN)
    return db


def test_three_rejections_over_three_months_at_different_stages(tmp_path: Path) -> None:
    db = _built(tmp_path)
    found = _rows(db, "SELECT stage, received_at FROM rejection ORDER BY received_at")
    assert [stage for stage, _ in found] == ["screen", "interview", "final"]
    first, last = (date.fromisoformat(at[:10]) for at in (found[0][1], found[-1][1]))
    assert (last - first).days >= 70
    assert last >= NOW.date() - timedelta(days=2)


def test_daily_checkins_dip_after_each_rejection_and_recover(tmp_path: Path) -> None:
    db = _built(tmp_path)
    moods = {
        date.fromisoformat(day): mean
        for day, mean in _rows(db, "SELECT day, avg(mood) FROM checkin GROUP BY day")
    }
    assert len(moods) >= 75  # nearly every day of three months
    received = [
        date.fromisoformat(at[:10]) for (at,) in _rows(db, "SELECT received_at FROM rejection")
    ]
    for day in received:
        before = [moods[d] for d in moods if day - timedelta(days=14) <= d < day]
        assert max(moods[day], moods.get(day + timedelta(days=1), 5)) < sum(before) / len(before)
    store = Store(db, now=lambda: NOW, tz=BERLIN)
    try:
        report = store.read.progress_report()
    finally:
        store.close()
    results = [found.result for found in report.bounce_backs]
    assert [r.status for r in results] == ["days", "days", "not_yet"]
    assert report.median_bounce_back is not None


def test_lessons_have_fronts_and_one_recurring_theme(tmp_path: Path) -> None:
    db = _built(tmp_path)
    lessons = _rows(db, "SELECT prompt, theme_id, rejection_id FROM lesson")
    assert len(lessons) >= 6
    assert sum(1 for prompt, _, _ in lessons if prompt) >= len(lessons) - 1
    themes = [theme for _, theme, _ in lessons if theme]
    assert len(themes) >= 2 and len(set(themes)) == 1
    assert all(rejection for _, _, rejection in lessons)


def test_ticked_items_reviews_and_an_interview_tomorrow(tmp_path: Path) -> None:
    db = _built(tmp_path)
    ((ticked,),) = _rows(db, "SELECT count(*) FROM checklist_item WHERE done_at IS NOT NULL")
    ((open_items,),) = _rows(db, "SELECT count(*) FROM checklist_item WHERE done_at IS NULL")
    assert ticked >= 5 and open_items >= 3
    ((reviews,),) = _rows(db, "SELECT count(*) FROM lesson_review")
    assert reviews >= 3
    store = Store(db, now=lambda: NOW, tz=BERLIN)
    try:
        due = store.read.due_lessons()
    finally:
        store.close()
    assert 1 <= len(due) < len(_rows(db, "SELECT id FROM lesson"))  # some reviewed, some due
    ((at,),) = _rows(db, "SELECT at FROM interview")
    assert date.fromisoformat(at[:10]) == NOW.date() + timedelta(days=1)


def test_the_same_clock_gives_the_same_sample(tmp_path: Path) -> None:
    one, two = tmp_path / "a", tmp_path / "b"
    one.mkdir()
    two.mkdir()
    sql = "SELECT day, mood, note, tags FROM checkin ORDER BY at"
    build_demo(one / "demo.db", NOW, BERLIN)
    build_demo(two / "demo.db", NOW, BERLIN)
    assert _rows(one / "demo.db", sql) == _rows(two / "demo.db", sql)

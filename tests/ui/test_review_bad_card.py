"""A card whose stored schedule cannot be graded is skipped with a notice; the round goes on."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import Clock
from tests.ui.conftest import running, wait_until
from tests.ui.test_review import SIZE, open_review, press, reviews, seed_lessons, until_shown


def _damage(db: Path, lesson_id: str, column: str, value: object) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(f"UPDATE lesson SET {column} = ? WHERE id = ?", (value, lesson_id))


@pytest.mark.parametrize(
    ("column", "value"), [("card_state", 7), ("stability", -5.0), ("difficulty", 1e308)]
)
async def test_a_card_that_cannot_be_graded_is_skipped(
    db_path: Path, clock: Clock, column: str, value: object
) -> None:
    ids = seed_lessons(db_path, clock)
    _damage(db_path, ids[0], column, value)
    async with running(db_path, clock, size=SIZE) as (app, pilot, spy):
        review = await open_review(app, pilot)
        await press(pilot, review, "space", "3")
        await wait_until(pilot, lambda: review.position == 1, "the next card")
        assert app.is_running
        await until_shown(pilot, "2 of 3")
        await press(pilot, review, "space", "3")
        await wait_until(pilot, lambda: len(reviews(db_path)) == 1, "the second card's grade")
        assert [r[0] for r in reviews(db_path)] == [ids[1]]
        assert spy.matching("could not be graded")

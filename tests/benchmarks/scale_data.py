"""Build large bounce databases for the benchmarks (not a test module)."""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

WORDS = [
    "team",
    "roadmap",
    "salary",
    "questions",
    "story",
    "coding",
    "task",
    "system",
    "design",
    "feedback",
    "research",
    "interviewer",
    "culture",
    "manager",
    "notice",
    "offer",
    "relocation",
    "preparation",
    "sleep",
    "nerves",
    "pause",
    "example",
    "numbers",
    "impact",
    "conflict",
    "failure",
    "leadership",
    "deadline",
    "python",
    "sql",
    "metrics",
]
CATEGORIES = (
    "resume",
    "preparation",
    "task",
    "interview",
    "research",
    "fit",
    "logistics",
    "mindset",
)


def build_lessons_db(path: Path, lessons: int, seed: int = 7) -> None:
    """A bounce database holding `lessons` lessons and a rejection for every 50 of them."""
    from bounce_tui.store.repository import Store

    Store(path).close()  # creates the schema, FTS index and triggers
    rng = random.Random(seed)
    start = datetime(2016, 1, 1, tzinfo=timezone.utc)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    rejections = []
    lesson_rows = []
    for number in range(lessons):
        moment = (start + timedelta(minutes=50 * number)).isoformat(timespec="microseconds")
        if number % 50 == 0:
            rejection_id = str(uuid.uuid4())
            rejections.append((rejection_id, moment, moment, f"Company {number // 50}",
                               "Analyst", "interview", moment, "email", "", ""))  # fmt: skip
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        lesson_rows.append((str(uuid.uuid4()), moment, moment, text, rng.choice(CATEGORIES),
                            "[]", rejection_id, 0, moment, None, None, 1, 0, None))  # fmt: skip
    conn.executemany("INSERT INTO rejection VALUES (?,?,?,?,?,?,?,?,?,?)", rejections)
    conn.executemany(
        "INSERT INTO lesson (id, created_at, updated_at, text, category, tags, rejection_id,"
        " recurring, due, stability, difficulty, card_state, card_step, last_review)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        lesson_rows,
    )
    conn.commit()
    conn.close()

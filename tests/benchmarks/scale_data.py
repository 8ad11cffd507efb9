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
    """A bounce database holding `lessons` lessons and a rejection for every 50 of them.

    Every fifth lesson has its own front, every third has been reviewed one to
    three times, and every hundredth belongs to a recurring theme.
    """
    from bounce_tui.store.repository import Store

    Store(path).close()  # creates the schema, FTS index and triggers
    rng = random.Random(seed)
    start = datetime(2016, 1, 1, tzinfo=timezone.utc)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    rejections = []
    lesson_rows = []
    review_rows = []
    theme = None
    for number in range(lessons):
        moment = (start + timedelta(minutes=50 * number)).isoformat(timespec="microseconds")
        if number % 50 == 0:
            rejection_id = str(uuid.uuid4())
            company = f"Company {number // 50}"
            rejections.append((rejection_id, moment, moment, company, "Analyst", "interview",
                               moment, "email", "", "", moment[:10]))  # fmt: skip
        lesson_id = str(uuid.uuid4())
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        prompt = "When " + " ".join(rng.choice(WORDS) for _ in range(5)) if number % 5 == 0 else ""
        if number % 100 == 0:
            theme = theme or lesson_id
        due = (start + timedelta(minutes=50 * number + rng.randint(0, 10**6))).isoformat(
            timespec="microseconds"
        )
        lesson_rows.append((lesson_id, moment, moment, text, rng.choice(CATEGORIES), "[]",
                            rejection_id, 0, due, None, None, 1, 0, None, prompt,
                            theme if number % 100 == 0 else None))  # fmt: skip
        if number % 3 == 0:
            for step in range(rng.randint(1, 3)):
                reviewed = (start + timedelta(minutes=50 * number + step)).isoformat(
                    timespec="microseconds"
                )
                review_rows.append((str(uuid.uuid4()), reviewed, reviewed, lesson_id,
                                    rng.randint(1, 4), reviewed, 0, "{}"))  # fmt: skip
    conn.executemany(
        "INSERT INTO rejection (id, created_at, updated_at, company, role, stage, received_at, "
        "channel, contact, notes, day) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rejections,
    )
    conn.executemany(
        "INSERT INTO lesson (id, created_at, updated_at, text, category, tags, rejection_id, "
        "recurring, due, stability, difficulty, card_state, card_step, last_review, prompt, "
        "theme_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        lesson_rows,
    )
    conn.executemany(
        "INSERT INTO lesson_review (id, created_at, updated_at, lesson_id, grade, reviewed_at, "
        "drill, card_before) VALUES (?,?,?,?,?,?,?,?)",
        review_rows,
    )
    conn.commit()
    conn.close()

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
#: Realistic lessons: sentence frames filled from a few hundred words, the common
#: ones far more often than the rare ones (a Zipf-like 1/rank weight), as in
#: what people actually write.
FRAMES = (
    "Ask the {who} about {topic} before the {stage}",
    "Prepare {topic} and {topic} stories for the {stage}",
    "Practise {skill} out loud the day before",
    "I rushed the {topic} answer; slow down and {skill}",
    "Research the {topic} of the company, not only the {topic}",
    "Say what I would do differently about {topic}",
    "Write down {topic} questions for the {who}",
    "{skill} first, then talk about {topic}",
    "Next time bring numbers on {topic} and {topic}",
    "The {who} cared about {topic} more than {topic}",
)
WHO = ("manager", "recruiter", "interviewer", "team lead", "founder", "panel", "engineer",
       "director", "hiring manager", "peer", "designer", "analyst", "CTO")  # fmt: skip
STAGES = ("phone screen", "onsite", "take-home", "final round", "technical round",
          "culture interview", "case study", "portfolio review", "reference check")  # fmt: skip
TOPICS = (
    "salary", "roadmap", "team culture", "on-call", "remote work", "growth", "mentoring",
    "deadlines", "metrics", "impact", "conflict", "failure", "leadership", "ownership",
    "system design", "coding", "testing", "deployment", "security", "privacy", "budget",
    "customers", "stakeholders", "priorities", "trade-offs", "architecture", "scaling",
    "databases", "caching", "latency", "hiring", "onboarding", "documentation", "code review",
    "product sense", "strategy", "competitors", "funding", "runway", "equity", "benefits",
    "relocation", "visa", "notice period", "references", "portfolio", "accessibility",
    "analytics", "experiments", "incidents", "postmortems", "burnout", "work-life balance",
    "career ladder", "promotion", "feedback", "mistakes", "negotiation", "contract",
    "open source", "Python", "Rust", "Kubernetes", "SQL", "TypeScript", "machine learning",
    "data pipelines", "migrations", "legacy code", "technical debt", "estimates", "agile",
    "roadmaps", "OKRs", "quarterly goals", "customer support", "sales", "marketing",
    "partnerships", "compliance", "audits", "resilience", "monitoring", "observability",
)  # fmt: skip
SKILLS = ("pause before answering", "use the STAR format", "ask a clarifying question",
          "draw the system first", "state my assumptions", "think aloud", "summarise",
          "breathe", "admit what I do not know", "give one concrete example",
          "check the time", "write tests first", "name the trade-off")  # fmt: skip


def _zipf(rng: random.Random, items: tuple[str, ...]) -> str:
    weights = [1 / (rank + 1) for rank in range(len(items))]
    return rng.choices(items, weights)[0]


def realistic_text(rng: random.Random) -> str:
    """One lesson as a person might write it: a frame filled with Zipf-weighted words."""
    frame = rng.choice(FRAMES)
    while "{" in frame:
        head, _, rest = frame.partition("{")
        slot, _, tail = rest.partition("}")
        pool = {"who": WHO, "stage": STAGES, "topic": TOPICS, "skill": SKILLS}[slot]
        frame = head + _zipf(rng, pool) + tail
    return frame


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


def build_lessons_db(path: Path, lessons: int, seed: int = 7, *, realistic: bool = False) -> None:
    """A bounce database holding `lessons` lessons and a rejection for every 50 of them.

    Every fifth lesson has its own front, every third has been reviewed one to
    three times, and every hundredth belongs to a recurring theme. `realistic`
    writes sentences over a few hundred words (see `realistic_text`) instead of
    strings of the 31 WORDS (the worst case for search: every word in a quarter
    of the lessons).
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
            rejections.append((rejection_id, moment, moment, f"Company {number // 50}",
                               "Analyst", "interview", moment, "email", "", "",
                               moment[:10]))  # fmt: skip
        lesson_id = str(uuid.uuid4())
        if realistic:
            text = realistic_text(rng)
        else:
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

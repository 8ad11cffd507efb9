"""Quick entries straight through `sqlite3`, for commands that must not wait for the ORM.

The SQLModel tables stay the one definition of the schema; this package writes and
reads the same rows in the same text forms (`store/stamps.py`) with the same rules
as `Database` (`connection.py`: the pre-write check, private modes, the engine's
PRAGMAs and busy wait, one BEGIN IMMEDIATE transaction per write).

Anything unusual (no file yet, an older schema, a stored value out of the
ordinary, no search index) returns None, and the caller takes the ORM path.
tests/store/test_quick.py checks every statement here against the SQLModel tables.

    from bounce_tui.store import quick
    quick.check_in(path, 3)
"""

from __future__ import annotations

from bounce_tui.store.quick import checkins, interviews, lessons, rejections, status
from bounce_tui.store.quick.checkins import (
    CHECKIN_COLUMNS,
    SKIP_DAY_COLUMNS,
    AfterCheckIn,
    check_in,
    read_after_checkin,
    since,
    skip_day,
)
from bounce_tui.store.quick.interviews import INTERVIEW_COLUMNS, add_interview
from bounce_tui.store.quick.lessons import (
    FTS_STATEMENTS,
    LESSON_COLUMNS,
    FoundLesson,
    add_lesson,
    search_lessons,
    similar_lessons,
)
from bounce_tui.store.quick.rejections import (
    ITEM_COLUMNS,
    MOURNING_COLUMNS,
    REJECTION_COLUMNS,
    Logged,
    log_rejection,
)
from bounce_tui.store.quick.status import status as read_status

__all__ = [
    "CHECKIN_COLUMNS",
    "FTS_STATEMENTS",
    "INTERVIEW_COLUMNS",
    "ITEM_COLUMNS",
    "LESSON_COLUMNS",
    "MOURNING_COLUMNS",
    "REJECTION_COLUMNS",
    "SKIP_DAY_COLUMNS",
    "STATEMENTS",
    "AfterCheckIn",
    "FoundLesson",
    "Logged",
    "add_interview",
    "add_lesson",
    "check_in",
    "log_rejection",
    "read_after_checkin",
    "read_status",
    "search_lessons",
    "similar_lessons",
    "since",
    "skip_day",
]

#: Every statement on the SQLModel tables, for the test that prepares each one against
#: them (the search index's statements, on the migrations' table, are FTS_STATEMENTS).
STATEMENTS = (
    checkins.STATEMENTS
    + rejections.STATEMENTS
    + lessons.STATEMENTS
    + interviews.STATEMENTS
    + status.STATEMENTS
)

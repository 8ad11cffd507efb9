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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    "checkins",
    "interviews",
    "lessons",
    "rejections",
    "status",
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

#: Where each name lives; a module is imported when one of its names is first used, so
#: `bounce checkin` does not load the lesson search or the status summary.
_HOME = {
    "CHECKIN_COLUMNS": "checkins",
    "SKIP_DAY_COLUMNS": "checkins",
    "AfterCheckIn": "checkins",
    "check_in": "checkins",
    "read_after_checkin": "checkins",
    "since": "checkins",
    "skip_day": "checkins",
    "INTERVIEW_COLUMNS": "interviews",
    "add_interview": "interviews",
    "FTS_STATEMENTS": "lessons",
    "LESSON_COLUMNS": "lessons",
    "FoundLesson": "lessons",
    "add_lesson": "lessons",
    "search_lessons": "lessons",
    "similar_lessons": "lessons",
    "ITEM_COLUMNS": "rejections",
    "MOURNING_COLUMNS": "rejections",
    "REJECTION_COLUMNS": "rejections",
    "Logged": "rejections",
    "log_rejection": "rejections",
    "read_status": "status",
}
_MODULES = ("checkins", "interviews", "lessons", "rejections", "status")


def __getattr__(name: str) -> Any:
    """A name of one of the modules (or the module itself), imported on first use."""
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name == "STATEMENTS":
        value: Any = _statements()
    elif name in _HOME:
        module = importlib.import_module(f"{__name__}.{_HOME[name]}")
        value = getattr(module, "status" if name == "read_status" else name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _statements() -> tuple[str, ...]:
    """Every statement on the SQLModel tables, for the test that prepares each one against
    them (the search index's statements, on the migrations' table, are FTS_STATEMENTS)."""
    found: tuple[str, ...] = ()
    for name in _MODULES:
        found += importlib.import_module(f"{__name__}.{name}").STATEMENTS
    return found

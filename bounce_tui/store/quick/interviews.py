"""`bounce interview` on the quick path: the row `InterviewCases.add_interview` writes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bounce_tui.domain import mourning
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import NAME_MAX_LEN, clean_text
from bounce_tui.store import stamps
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import insert, opened, write

INTERVIEW_COLUMNS = ("id", "created_at", "updated_at", "company", "role", "stage", "at")
INSERT_INTERVIEW = insert("interview", INTERVIEW_COLUMNS)
STATEMENTS = (INSERT_INTERVIEW,)


def add_interview(
    path: Path,
    company: str,
    at: datetime,
    *,
    role: str = "",
    stage: str = "interview",
    clock: Clock | None = None,
    busy: BusyPolicy | None = None,
) -> str | None:
    """Note an upcoming interview (today or later) as `InterviewCases.add_interview` does.

    None: nothing was written; the file needs the ORM path (no file yet, an older schema).
    """
    clock = clock or Clock()
    if local_day(at, clock.tz) < clock.today():
        raise DomainError("an interview date must be today or later")
    row = {
        "company": clean_text(company, "company", max_len=NAME_MAX_LEN),
        "role": clean_text(role, "role", required=False, max_len=NAME_MAX_LEN),
        "stage": mourning.validate_stage(stage),
        "at": stamps.utc_text(to_utc(at)),
        "id": stamps.new_id(),
    }
    row["created_at"] = row["updated_at"] = stamps.utc_text(clock.now())
    policy = busy or BusyPolicy()
    with opened(path, policy) as conn:
        if conn is None:
            return None
        write(conn, path, policy, INSERT_INTERVIEW, [row[c] for c in INTERVIEW_COLUMNS])
    return str(row["id"])

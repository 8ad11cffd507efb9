"""The `Store`: bounce's use cases, and the only place that opens database sessions.

Its methods are named after intents (log_rejection, add_lesson, toggle_item,
grade_lesson) and grouped by area, one module each:

    base.py              opening the file, the clock, units of work (writing/reading)
    checkin_cases.py     check_in, skip_day
    rejection_cases.py   log_rejection, extend_mourning, end_mourning, log_urge, add_interview
    lesson_cases.py      add_lesson (marks recurring lessons), edit_lesson, grade_lesson
    review_cases.py      due_lessons, drill_lessons, undo_last_grade, search_lessons, interviews
    checklist_cases.py   toggle_item
    file_cases.py        settings, status, export, import, backup
    progress_cases.py    progress_report, gentle_prompt_due, dismiss_gentle_prompt
"""

from __future__ import annotations

from bounce_tui.store.base import StoreBase, utc_now
from bounce_tui.store.checkin_cases import CheckInCases
from bounce_tui.store.checklist_cases import ChecklistCases
from bounce_tui.store.file_cases import FileCases
from bounce_tui.store.lesson_cases import LessonCases
from bounce_tui.store.progress_cases import ProgressCases
from bounce_tui.store.rejection_cases import RejectionCases
from bounce_tui.store.review_cases import ReviewCases

__all__ = ["Store", "StoreBase", "utc_now"]


class Store(
    CheckInCases,
    RejectionCases,
    LessonCases,
    ReviewCases,
    ChecklistCases,
    FileCases,
    ProgressCases,
):
    """bounce's use cases over one database file.

    `now` is the injected clock (aware datetimes); `tz` the local zone that decides
    which calendar day a moment belongs to (None: the system zone); `template`
    supplies the regroup checklist for new rejections (None: the packaged one,
    or the user's `regroup.toml`).
    """

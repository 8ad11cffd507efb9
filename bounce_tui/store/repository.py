"""The `Store`: one database file with bounce's use cases and read models wired to it.

    store = Store(path, now=clock, tz=zone)
    rejection_id = store.rejections.log_rejection("Acme", stage="final")
    snapshot = store.read.main_snapshot()

Each attribute is a small class that names what it stands on (the `Database`,
the `Clock`, and for rejections the mourning settings and the checklist
template); its methods are named after intents and each is one transaction:

    checkins     check_in, skip_day
    rejections   log_rejection, edit_rejection, delete_rejection, resolve_rejection
    mourning     extend_mourning, end_mourning, close_mourning, log_urge
    interviews   add_interview
    lessons      add_lesson, edit_lesson, delete_lesson, similar_lessons, join_theme,
                 leave_theme
    reviews      grade_lesson, undo_last_grade
    checklist    toggle_item, choose, add_item, edit_item, move_item, delete_item
    settings     settings, set_setting, mourning_overrides, dismiss_gentle_prompt
    undo         restore (what a delete_* handed back)
    files        export_data, export_text, import_data, backup, daily_backup, counts
    read         main_snapshot, changed_elsewhere, status, progress_report, due_lessons,
                 drill_lessons, search_lessons, lessons_page, … (see read/reads.py)

Writes hand back an id or a frozen view (domain/snapshot.py), never a table row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path

from bounce_tui.domain import checklist
from bounce_tui.store.cases.checkins import CheckInCases
from bounce_tui.store.cases.checklist import ChecklistCases
from bounce_tui.store.cases.files import FileCases
from bounce_tui.store.cases.interviews import InterviewCases
from bounce_tui.store.cases.lessons import LessonCases
from bounce_tui.store.cases.mourning import MourningCases
from bounce_tui.store.cases.rejections import RejectionCases, packaged_template
from bounce_tui.store.cases.reviews import ReviewCases
from bounce_tui.store.cases.settings import SettingsCases
from bounce_tui.store.cases.undo import UndoCases
from bounce_tui.store.clock import Clock, utc_now
from bounce_tui.store.file.database import Database
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.read.reads import Reads

__all__ = ["Store", "utc_now"]


class Store:
    """bounce's use cases and read models over one database file.

    `now` is the injected clock (aware datetimes); `tz` the local zone that decides
    which calendar day a moment belongs to (None: the system zone); `template`
    supplies the regroup checklist for new rejections (None: the packaged one, or
    the user's `regroup.toml`); `busy` says how long a write waits for a lock;
    `writing` false (a command that only reads) leaves the file's mode alone.
    Opening checks and migrates the file (see `file/database.py`).
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = utc_now,
        tz: tzinfo | None = None,
        template: Callable[[], list[checklist.TemplateItem]] | None = None,
        busy: BusyPolicy | None = None,
        writing: bool = True,
    ) -> None:
        self.clock = Clock(now, tz)
        self.db = Database(path, now=now, busy=busy, writing=writing)
        self.settings = SettingsCases(self.db, self.clock)
        self.checkins = CheckInCases(self.db, self.clock)
        self.rejections = RejectionCases(
            self.db,
            self.clock,
            mourning_lengths=self.settings.mourning_overrides,
            template=template or packaged_template,
        )
        self.mourning = MourningCases(self.db, self.clock)
        self.interviews = InterviewCases(self.db, self.clock)
        self.lessons = LessonCases(self.db, self.clock)
        self.reviews = ReviewCases(self.db, self.clock)
        self.checklist = ChecklistCases(self.db, self.clock)
        self.undo = UndoCases(self.db)
        self.files = FileCases(self.db, self.clock)
        self.read = Reads(self.db, self.clock)

    @property
    def path(self) -> Path:
        """The database file."""
        return self.db.path

    @property
    def tz(self) -> tzinfo | None:
        """The local zone that decides calendar days (None: the system's)."""
        return self.clock.tz

    def close(self) -> None:
        """Release every connection."""
        self.read.close()
        self.db.close()

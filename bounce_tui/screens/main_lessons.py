"""The main screen's lessons work: the search as you type, older lessons, drills, interviews.

`MainScreen` (screens/main.py) builds on this: it lays the panes out and fills
them; this class answers the lessons pane's search and paging, the review and
drill keys, and notes an upcoming interview (with the strip's notice for it).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.pane_screen import PaneScreen

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.read.lesson_match import SearchCancel
    from bounce_tui.store.repository import Store
    from bounce_tui.widgets.lessons_log import LessonsLog


class LessonsOnMain(PaneScreen):
    """The lessons pane's search and paging, review, drills and interviews on the main screen."""

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        #: A search typed while the store was opening.
        self._pending_search: str | None = None
        #: Stops the lessons search running now (a newer key replaced its query).
        self._search_cancel: SearchCancel | None = None

    @property
    def lessons(self) -> LessonsLog:
        """The lessons pane."""
        return self.query_one("#lessons")  # type: ignore[return-value]

    # -- the lessons pane's search and paging ---------------------------------------------

    def on_lessons_log_search_changed(self, event: LessonsLog.SearchChanged) -> None:
        from bounce_tui.domain.lesson_query import parse_query

        self._pending_search = None
        # A newer key makes the running search stale: stop it now (its statement is
        # interrupted), so the search for the last key starts at once and alone.
        if self._search_cancel is not None:
            self._search_cancel.cancel()
            self._search_cancel = None
        wanted = parse_query(event.query)
        if wanted.is_empty or (not wanted.words and not self.lessons.partial):
            return  # every lesson is loaded: cat:/at: alone filter them in the pane
        if self.ctx.store is None:  # the store is opening: search once it has
            self._pending_search = event.query
            self.when_store_ready(self._search_pending)
            return
        self._start_search(event.query)

    def _search_pending(self) -> None:
        pending, self._pending_search = self._pending_search, None
        if pending is not None:
            self._start_search(pending)

    def _start_search(self, query: str) -> None:
        from bounce_tui.store.read.lesson_match import SearchCancel

        self._search_cancel = SearchCancel()
        self._search(query, self._search_cancel)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, cancel: SearchCancel) -> None:
        store = self.ctx.store
        if store is None:
            return
        try:
            # The whole query: its cat:/at: parts go to the database too, so a match
            # ranked below the first 200 by its words alone is still found.
            found = store.read.search_lessons(query, cancel=cancel)
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Textual
            if not cancel.cancelled:
                self.app.call_from_thread(self.ctx.report_error, exc)
            return
        if not cancel.cancelled and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.lessons.set_results, query, found)

    def on_lessons_log_more_requested(self, event: LessonsLog.MoreRequested) -> None:
        before = event.before.created_at
        self.call_store(
            lambda store: store.read.lessons_page(before=before),
            self.lessons.add_older,
            writes=False,
        )

    # -- review, drills and interviews -------------------------------------------------------

    def action_review(self) -> None:
        """Review the lessons that are due."""
        from bounce_tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.ctx))

    @work
    async def action_drill(self) -> None:
        """Choose a drill (company, stage, category, tag) and run it."""
        from bounce_tui.screens.drill_form import DrillForm
        from bounce_tui.screens.review import ReviewScreen

        snapshot = self.ctx.snapshot
        companies = sorted({r.company for r in snapshot.rejections}) if snapshot else []
        request = await self.app.push_screen_wait(DrillForm(companies))
        if request is None:
            return
        drill, reschedule = request.filter, request.reschedule
        self.call_store(
            lambda store: store.read.drill_lessons(drill),
            lambda cards: self.app.push_screen(
                ReviewScreen(self.ctx, cards, title="Drill", drill=True, reschedule=reschedule)
            ),
            writes=False,
        )

    def action_interview_drill(self) -> None:
        """Drill the lessons that match the next interview."""
        from bounce_tui.domain.text import one_line
        from bounce_tui.screens.review import ReviewScreen

        snapshot = self.ctx.snapshot
        if snapshot is None or not snapshot.interviews:
            self.notify("No interview in the next day. Add one with i.", markup=False)
            return
        interview = snapshot.interviews[0]
        title = f"Drill: {one_line(interview.company, 40)}"
        self.call_store(
            lambda store: store.read.drill_for_interview(interview.interview_id),
            lambda cards: self.app.push_screen(
                ReviewScreen(self.ctx, cards, title=title, drill=True)
            ),
            writes=False,
        )

    def action_new_interview(self) -> None:
        """Note an upcoming interview."""
        from bounce_tui.screens.interview_form import InterviewForm, InterviewInput

        def save(store: Store, data: InterviewInput) -> object:
            return store.interviews.add_interview(
                data.company, data.at, role=data.role, stage=data.stage
            )

        self.open_form(
            InterviewForm(self.ctx.now(), self.ctx.tz),
            save,
            lambda _: self.notify(
                "Interview noted. Its lessons come back for a drill the day before.", markup=False
            ),
        )


def interview_notice(snapshot: MainSnapshot, now: datetime, tz: tzinfo | None) -> str | None:
    """ "Interview at X tomorrow — drill N lessons (D)" from the day before until it passed."""
    from bounce_tui.domain.dates import local_day, local_time
    from bounce_tui.domain.text import one_line

    if not snapshot.interviews:
        return None
    interview = snapshot.interviews[0]
    days = (local_day(interview.at, tz) - local_day(now, tz)).days
    when = "today" if days <= 0 else "tomorrow"
    clock = local_time(interview.at, tz).strftime("%H:%M")
    count = interview.matching_lessons
    if count:
        drill = f"drill {count} lesson{'s' if count != 1 else ''} (D)"
    else:
        drill = "none of your lessons fit it yet" if snapshot.lessons_total else "no lessons yet"
    return f"Interview at {one_line(interview.company, 40)} {when} {clock} — {drill}"

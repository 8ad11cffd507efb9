"""Lessons from the panes: new, edit, delete, open, and the repeat check before saving.

A lesson form is shown by `open_lesson_form`; before it saves, earlier lessons
that read alike are looked up and the person says whether this is the same theme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work

from bounce_tui.screens.pane_base import PaneBase

if TYPE_CHECKING:
    # Only for annotations: the pane widgets are imported after the first frame.
    from bounce_tui.domain.snapshot import LessonView, SimilarLesson
    from bounce_tui.screens.edit_guard import EditGuard
    from bounce_tui.screens.form_base import FormScreen
    from bounce_tui.screens.lesson_form import LessonInput
    from bounce_tui.store.repository import Store
    from bounce_tui.widgets.lessons_log import LessonsLog
    from bounce_tui.widgets.mourning_timer import MourningTimers


def add_lesson(store: Store, data: LessonInput) -> str:
    """Keep a new lesson as the form gave it; returns its id."""
    return store.lessons.add_lesson(
        data.text,
        category=data.category,
        tags=data.tags,
        rejection_id=data.rejection_id,
        prompt=data.prompt,
    )


def add_lesson_as_new(store: Store, data: LessonInput) -> str:
    """Keep an edited lesson whose row was deleted elsewhere as a new one; when its
    rejection was deleted too, the new lesson is not tied to one."""
    from bounce_tui.store.errors import NotFound

    try:
        return add_lesson(store, data)
    except NotFound:
        if data.rejection_id is None:
            raise
        return add_lesson(store, replace(data, rejection_id=None))


class LessonFlows(PaneBase):
    """Answers the lessons pane (and a timer's `L`) with forms and Store calls."""

    def on_mourning_timers_lesson_requested(self, event: MourningTimers.LessonRequested) -> None:
        self.lesson_from_rejection(event.timer.rejection_id)

    def lesson_from_rejection(self, rejection_id: str | None) -> None:
        """Open the lesson form filled from a rejection's closing line and feedback notes."""
        from bounce_tui.domain.cards import lesson_draft
        from bounce_tui.screens.lesson_form import LessonForm

        snapshot = self.ctx.snapshot
        view = self.rejection_view(rejection_id)
        if snapshot is None or view is None:
            return
        closing = next(
            (t.close_note for t in snapshot.timers if t.rejection_id == rejection_id), ""
        )
        draft = lesson_draft(view.company, view.stage, closing_line=closing, feedback=view.notes)
        if draft is None:
            self.notify(
                "Nothing to start from yet: end the timer with a closing line (m), "
                "or note what they said in the rejection's notes (e).",
                markup=False,
            )
            return

        self.open_lesson_form(
            LessonForm(snapshot.rejections, default_rejection_id=rejection_id, draft=draft),
            add_lesson,
            self._kept,
        )

    def _kept(self, _lesson_id: str) -> None:
        self.notify("Lesson kept; it is due for review now.", markup=False)

    def on_lessons_log_new_requested(self) -> None:
        """`n` in the lessons pane."""
        self.action_new_lesson()

    def action_new_lesson(self) -> None:
        """Open the lesson form; keep the lesson (asking first if it repeats an earlier one)."""
        from bounce_tui.screens.lesson_form import LessonForm

        snapshot = self.ctx.snapshot
        rejections = snapshot.rejections if snapshot else ()

        self.open_lesson_form(
            LessonForm(rejections, default_rejection_id=self.selected_rejection_id),
            add_lesson,
            self._kept,
        )

    def on_lessons_log_edit_requested(self, event: LessonsLog.EditRequested) -> None:
        self.edit_lesson(event.lesson)

    def edit_lesson(self, lesson: LessonView) -> None:
        """Open the lesson form on `lesson`; save the changes."""
        from bounce_tui.screens.edit_fields import lesson_entry_fields, lesson_view_fields
        from bounce_tui.screens.edit_guard import EditGuard
        from bounce_tui.screens.lesson_form import LessonForm

        snapshot = self.ctx.snapshot

        def company_of(rejection_id: str) -> str:
            view = self.rejection_view(rejection_id)
            if view is not None:
                return view.company
            return lesson.company if rejection_id == lesson.rejection_id else "(deleted)"

        guard: EditGuard[LessonInput] = EditGuard(
            "lesson",
            lesson.lesson_id,
            lesson,
            fields_of_view=lesson_view_fields,
            fields_of_entry=lambda data: lesson_entry_fields(data, company_of),
            add=add_lesson_as_new,
        )

        def save(store: Store, data: LessonInput) -> str:
            store.lessons.edit_lesson(
                lesson.lesson_id,
                text=data.text,
                category=data.category,
                tags=data.tags,
                rejection_id=data.rejection_id,
                prompt=data.prompt,
                expected_updated_at=guard.version,
            )
            return lesson.lesson_id

        self.open_lesson_form(
            LessonForm(snapshot.rejections if snapshot else (), initial=lesson),
            save,
            editing=lesson,
            guard=guard,
        )

    def open_lesson_form(
        self,
        form: FormScreen[LessonInput],
        save: Callable[[Store, LessonInput], str],
        done: Callable[[str], Any] | None = None,
        *,
        editing: LessonView | None = None,
        guard: EditGuard[LessonInput] | None = None,
    ) -> None:
        """Show a lesson form; before saving, look for earlier lessons that read alike.

        When there are some, the person says whether it is the same theme (then the
        lesson is saved and joins it) or something different (saved on its own);
        escape goes back to the form with nothing saved. An edit that leaves the
        words as they were is saved without asking.
        """
        from bounce_tui.screens.error_text import describe_error

        exclude_id = editing.lesson_id if editing is not None else None

        def keep(entry: LessonInput, same_as: str | None) -> None:
            def job(store: Store) -> str:
                lesson_id = save(store, entry)
                if same_as:
                    store.lessons.join_theme(lesson_id, same_as)
                return lesson_id

            def saved(lesson_id: str) -> None:
                form.saved(entry)
                if same_as:
                    self.notify(
                        "Kept as the same theme; your checklist has an item to practise it.",
                        markup=False,
                    )
                elif done is not None:
                    done(lesson_id)

            def failed(error: BaseException) -> None:
                if guard is not None and guard.handle(
                    self, form, entry, error, lambda: keep(entry, same_as)
                ):
                    return
                form.not_saved(describe_error(error))

            self.call_store(job, saved, failed=failed)

        def submit(entry: LessonInput) -> None:
            if editing is not None and (entry.prompt, entry.text) == (editing.prompt, editing.text):
                keep(entry, None)
                return
            self.call_store(
                lambda store: store.lessons.similar_lessons(
                    entry.prompt, entry.text, exclude_id=exclude_id
                ),
                lambda similar: self._ask_about_repeats(form, entry, similar, keep),
                failed=lambda error: form.not_saved(describe_error(error)),
                writes=False,
            )

        form.submit = submit
        self.app.push_screen(form)

    @work
    async def _ask_about_repeats(
        self,
        form: FormScreen[LessonInput],
        entry: LessonInput,
        similar: list[SimilarLesson],
        keep: Callable[[LessonInput, str | None], None],
    ) -> None:
        from bounce_tui.screens.repeat_choice import RepeatChoice

        if not similar:
            keep(entry, None)
            return
        if not form.is_attached:  # the form was hidden while the check ran: save as typed
            keep(entry, None)
            return
        answer = await self.app.push_screen_wait(RepeatChoice(similar, self.ctx.tz))
        if answer is None:
            form.resume()
        else:
            keep(entry, answer or None)

    def on_lessons_log_delete_requested(self, event: LessonsLog.DeleteRequested) -> None:
        lesson_id = event.lesson.lesson_id
        self.call_store(lambda store: store.lessons.delete_lesson(lesson_id), self.deleted)

    def on_lessons_log_open_requested(self, event: LessonsLog.OpenRequested) -> None:
        self.open_lesson(event.lesson.lesson_id)

    def open_lesson(self, lesson_id: str) -> None:
        """Show one lesson in full on its own screen."""
        from bounce_tui.screens.lesson_detail import LessonScreen

        self.app.push_screen(LessonScreen(self.ctx, lesson_id))

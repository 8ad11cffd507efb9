"""The requests the panes post, answered the same way wherever the panes are shown.

The main screen and the rejection detail screen both show timers, lessons and a
checklist; this base class turns each pane's messages into forms and Store calls.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import work

from bounce_tui.domain.dates import local_day
from bounce_tui.domain.text import one_line
from bounce_tui.screens.store_screen import StoreScreen

if TYPE_CHECKING:
    # Only for annotations: the pane widgets are imported after the first frame.
    from bounce_tui.domain.snapshot import (
        ItemView,
        LessonView,
        RejectionView,
        SimilarLesson,
        TimerView,
    )
    from bounce_tui.screens.form_base import FormScreen
    from bounce_tui.screens.item_form import ItemInput
    from bounce_tui.screens.lesson_form import LessonInput
    from bounce_tui.screens.rejection_form import RejectionInput
    from bounce_tui.store.cases.undo import Deleted
    from bounce_tui.store.repository import Store
    from bounce_tui.widgets.lessons_log import LessonsLog
    from bounce_tui.widgets.mourning_timer import MourningTimers
    from bounce_tui.widgets.regroup_checklist import RegroupChecklist


class PaneScreen(StoreScreen):
    """Answers the panes' requests with forms and Store calls."""

    #: The rejection whose checklist is shown and that new items and lessons belong to.
    selected_rejection_id: str | None = None
    #: A rejection just logged, whose timer the cursor moves to once it is loaded.
    highlight_pending: str | None = None

    # -- helpers ---------------------------------------------------------------------

    def rejection_view(self, rejection_id: str | None) -> RejectionView | None:
        """The loaded record of a rejection."""
        snapshot = self.ctx.snapshot
        if snapshot is None or rejection_id is None:
            return None
        return next((r for r in snapshot.rejections if r.rejection_id == rejection_id), None)

    def deleted(self, what: Deleted) -> None:
        """Remember a deletion for `u` and say how to undo it."""
        self.ctx.undo.append(what)
        self.notify(f"Deleted {what.label} — press u to undo.", markup=False)

    def action_undo(self) -> None:
        """Undo the most recent deletion."""
        if not self.ctx.undo:
            self.notify("Nothing to undo.", markup=False)
            return
        what = self.ctx.undo.pop()
        self.call_store(
            lambda store: store.undo.restore(what),
            lambda _: self.notify(f"Restored {what.label}.", markup=False),
            failed=lambda _error: self.ctx.undo.append(what),
        )

    # -- rejections ----------------------------------------------------------------------

    def action_log_rejection(self) -> None:
        """Open the rejection form; save it and start the timer."""
        from bounce_tui.screens.rejection_form import RejectionForm

        def save(store: Store, data: RejectionInput) -> tuple[str, str]:
            fields = rejection_fields(data)
            rejection_id = store.rejections.log_rejection(**fields, mourn_days=data.mourn_days)
            return rejection_id, data.company

        overrides = self._mourning_overrides()
        self.open_form(
            RejectionForm(self.ctx.now(), self.ctx.tz, mourning_overrides=overrides),
            save,
            lambda logged: self._rejection_logged(*logged),
        )

    def _rejection_logged(self, rejection_id: str, company: str) -> None:
        self.selected_rejection_id = rejection_id
        self.highlight_pending = rejection_id
        self.notify(
            f"Logged {one_line(company, 40)}. It is fine to feel this; the timer keeps it bounded.",
            markup=False,
        )

    def _mourning_overrides(self) -> dict[str, int]:
        snapshot = self.ctx.snapshot
        found: dict[str, int] = {}
        for key, value in (snapshot.settings if snapshot else {}).items():
            if key.startswith("mourning.") and value.isdigit():
                found[key.removeprefix("mourning.")] = int(value)
        return found

    def edit_rejection(self, rejection_id: str | None) -> None:
        """Open the rejection form on an existing rejection."""
        from bounce_tui.screens.rejection_form import RejectionForm

        view = self.rejection_view(rejection_id)
        if view is None:
            return

        self.open_form(
            RejectionForm(self.ctx.now(), self.ctx.tz, initial=view),
            lambda store, data: store.rejections.edit_rejection(
                view.rejection_id, **rejection_fields(data)
            ),
        )

    @work
    async def delete_rejection(self, rejection_id: str | None) -> None:
        """Ask, then delete a rejection with its timer and checklist (undoable)."""
        from bounce_tui.screens.confirm import ConfirmScreen

        view = self.rejection_view(rejection_id)
        if view is None:
            return
        question = (
            f"Delete the rejection from {one_line(view.company, 40)} with its timer and "
            "checklist? Its lessons stay. You can undo with u."
        )
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            self.call_store(
                lambda store: store.rejections.delete_rejection(view.rejection_id), self.deleted
            )

    # -- timers --------------------------------------------------------------------------

    def on_mourning_timers_extend_requested(self, event: MourningTimers.ExtendRequested) -> None:
        timer = event.timer
        self.call_store(
            lambda store: store.mourning.extend_mourning(timer.period_id),
            lambda _: self.notify(
                f"One more day for {one_line(timer.company, 40)}. Be kind to yourself.",
                markup=False,
            ),
        )

    def on_mourning_timers_move_on_requested(self, event: MourningTimers.MoveOnRequested) -> None:
        from bounce_tui.screens.close_out_form import CloseOutForm

        timer = event.timer

        def end(store: Store, note: str) -> str:
            store.mourning.end_mourning(timer.period_id, note)
            return note

        self.open_form(
            CloseOutForm(timer.company),
            end,
            lambda note: self._period_closed(timer, note),
        )

    def _period_closed(self, timer: TimerView, note: str) -> None:
        self._bring_checklist_forward(timer)
        if note.strip():
            self.notify(
                "Closed. When you are ready, L on that timer turns your line into a lesson.",
                markup=False,
            )

    def on_mourning_timers_urge_logged(self, event: MourningTimers.UrgeLogged) -> None:
        timer = event.timer
        self.call_store(
            lambda store: store.mourning.log_urge(timer.period_id),
            lambda _: self.notify(
                "Noted. Urges pass; counting them helps you see them shrink.", markup=False
            ),
        )

    def on_mourning_timers_edit_requested(self, event: MourningTimers.EditRequested) -> None:
        self.edit_rejection(event.timer.rejection_id)

    def on_mourning_timers_delete_requested(self, event: MourningTimers.DeleteRequested) -> None:
        self.delete_rejection(event.timer.rejection_id)

    def period_ended(self, timer: TimerView) -> None:
        """A mourning period ran out while the app was open: say so, ask for a closing line."""
        from bounce_tui.screens.close_out_form import CloseOutForm

        self.notify(
            f"Your mourning time for {one_line(timer.company, 40)} is over. "
            "The regroup checklist is ready.",
            title="Time to regroup",
            timeout=12,
            markup=False,
        )

        def save(store: Store, note: str) -> None:
            if note:  # the period is over either way; a closing line is optional
                store.mourning.close_mourning(timer.period_id, note)

        self.open_form(CloseOutForm(timer.company), save)
        self._bring_checklist_forward(timer)

    def _bring_checklist_forward(self, timer: TimerView) -> None:
        self.selected_rejection_id = timer.rejection_id
        self.show_checklist()
        from bounce_tui.widgets.regroup_checklist import RegroupChecklist

        for checklist in self.query(RegroupChecklist):
            checklist.focus()

    def show_checklist(self) -> None:
        """Show the selected rejection's checklist (subclasses place it)."""

    # -- lessons -----------------------------------------------------------------------

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

        def save(store: Store, data: LessonInput) -> str:
            return store.lessons.add_lesson(
                data.text,
                category=data.category,
                tags=data.tags,
                rejection_id=data.rejection_id,
                prompt=data.prompt,
            )

        self.open_lesson_form(
            LessonForm(snapshot.rejections, default_rejection_id=rejection_id, draft=draft),
            save,
            lambda _: self.notify("Lesson kept; it is due for review now.", markup=False),
        )

    def on_lessons_log_new_requested(self) -> None:
        """`n` in the lessons pane."""
        self.action_new_lesson()

    def action_new_lesson(self) -> None:
        """Open the lesson form; keep the lesson (asking first if it repeats an earlier one)."""
        from bounce_tui.screens.lesson_form import LessonForm

        snapshot = self.ctx.snapshot
        rejections = snapshot.rejections if snapshot else ()

        def save(store: Store, data: LessonInput) -> str:
            return store.lessons.add_lesson(
                data.text,
                category=data.category,
                tags=data.tags,
                rejection_id=data.rejection_id,
                prompt=data.prompt,
            )

        self.open_lesson_form(
            LessonForm(rejections, default_rejection_id=self.selected_rejection_id),
            save,
            lambda _: self.notify("Lesson kept; it is due for review now.", markup=False),
        )

    def on_lessons_log_edit_requested(self, event: LessonsLog.EditRequested) -> None:
        self.edit_lesson(event.lesson)

    def edit_lesson(self, lesson: LessonView) -> None:
        """Open the lesson form on `lesson`; save the changes."""
        from bounce_tui.screens.lesson_form import LessonForm

        snapshot = self.ctx.snapshot

        def save(store: Store, data: LessonInput) -> str:
            store.lessons.edit_lesson(
                lesson.lesson_id,
                text=data.text,
                category=data.category,
                tags=data.tags,
                rejection_id=data.rejection_id,
                prompt=data.prompt,
            )
            return lesson.lesson_id

        self.open_lesson_form(
            LessonForm(snapshot.rejections if snapshot else (), initial=lesson),
            save,
            editing=lesson,
        )

    def open_lesson_form(
        self,
        form: FormScreen[LessonInput],
        save: Callable[[Store, LessonInput], str],
        done: Callable[[str], Any] | None = None,
        *,
        editing: LessonView | None = None,
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

            self.call_store(job, saved, failed=lambda error: form.not_saved(describe_error(error)))

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

    # -- checklist -------------------------------------------------------------------------

    def on_regroup_checklist_toggle_requested(
        self, event: RegroupChecklist.ToggleRequested
    ) -> None:
        item_id = event.item.item_id
        self.call_store(lambda store: store.checklist.toggle_item(item_id))

    @work
    async def on_regroup_checklist_choice_requested(
        self, event: RegroupChecklist.ChoiceRequested
    ) -> None:
        from bounce_tui.screens.choice_form import ChoiceForm

        item: ItemView = event.item
        choice = await self.app.push_screen_wait(ChoiceForm(item))
        if choice is not None:
            self.call_store(lambda store: store.checklist.choose(item.item_id, choice))

    def on_regroup_checklist_new_requested(self) -> None:
        from bounce_tui.screens.item_form import ItemForm

        rejection_id = self.selected_rejection_id

        def save(store: Store, data: ItemInput) -> str:
            return store.checklist.add_item(
                rejection_id, data.title, why=data.why, kind=data.kind, due_on=data.due_on
            )

        self.open_form(ItemForm(self._today()), save)

    def on_regroup_checklist_edit_requested(self, event: RegroupChecklist.EditRequested) -> None:
        from bounce_tui.screens.item_form import ItemForm

        item: ItemView = event.item

        def save(store: Store, data: ItemInput) -> ItemView:
            return store.checklist.edit_item(
                item.item_id, title=data.title, why=data.why, kind=data.kind, due_on=data.due_on
            )

        self.open_form(ItemForm(self._today(), initial=item), save)

    def on_regroup_checklist_delete_requested(
        self, event: RegroupChecklist.DeleteRequested
    ) -> None:
        item_id = event.item.item_id
        self.call_store(lambda store: store.checklist.delete_item(item_id), self.deleted)

    def on_regroup_checklist_move_requested(self, event: RegroupChecklist.MoveRequested) -> None:
        item_id, delta = event.item.item_id, event.delta
        self.call_store(lambda store: store.checklist.move_item(item_id, delta))

    def _today(self) -> date:
        return local_day(self.ctx.now(), self.ctx.tz)


def rejection_fields(data: RejectionInput) -> dict[str, Any]:
    """The rejection form's answers as the Store's keyword arguments."""
    return {
        "company": data.company,
        "role": data.role,
        "stage": data.stage,
        "received_at": data.received_at,
        "channel": data.channel,
        "contact": data.contact,
        "notes": data.notes,
    }


def heading_for(view: RejectionView | None) -> str:
    """'for Company — role', with user text made visible and kept to one line."""
    if view is None:
        return "hunt-wide items"
    role = f" — {one_line(view.role, 30)}" if view.role else ""
    return f"for {one_line(view.company, 40)}{role}"

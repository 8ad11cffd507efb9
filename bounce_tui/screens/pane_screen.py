"""The requests the panes post, answered the same way wherever the panes are shown.

The main screen and the rejection detail screen both show timers, lessons and a
checklist; this base class turns each pane's messages into forms and Store calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from bounce_tui.domain import mourning
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import one_line
from bounce_tui.screens.lesson_flows import LessonFlows

if TYPE_CHECKING:
    # Only for annotations: the pane widgets are imported after the first frame.
    from bounce_tui.domain.snapshot import (
        ItemView,
        RejectionView,
        TimerView,
    )
    from bounce_tui.screens.item_form import ItemInput
    from bounce_tui.screens.rejection_form import RejectionInput
    from bounce_tui.store.repository import Store
    from bounce_tui.widgets.mourning_timer import MourningTimers
    from bounce_tui.widgets.regroup_checklist import RegroupChecklist


class PaneScreen(LessonFlows):
    """Answers the panes' requests with forms and Store calls."""

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
            if key.startswith("mourning."):
                try:  # "²".isdigit() holds, but int("²") fails: the rule decides
                    found[key.removeprefix("mourning.")] = mourning.validate_days(value)
                except DomainError:
                    continue
        return found

    def edit_rejection(self, rejection_id: str | None) -> None:
        """Open the rejection form on an existing rejection."""
        from bounce_tui.screens.edit_fields import rejection_entry_fields, rejection_view_fields
        from bounce_tui.screens.edit_guard import EditGuard
        from bounce_tui.screens.rejection_form import RejectionForm

        view = self.rejection_view(rejection_id)
        if view is None:
            return
        tz = self.ctx.tz

        def add(store: Store, data: RejectionInput) -> str:
            return store.rejections.log_rejection(
                **rejection_fields(data), mourn_days=data.mourn_days
            )

        guard: EditGuard[RejectionInput] = EditGuard(
            "rejection",
            view.rejection_id,
            view,
            fields_of_view=lambda current: rejection_view_fields(current, tz),
            fields_of_entry=lambda data: rejection_entry_fields(data, tz),
            add=add,
        )
        self.open_form(
            RejectionForm(self.ctx.now(), tz, initial=view),
            lambda store, data: store.rejections.edit_rejection(
                view.rejection_id, **rejection_fields(data), expected_updated_at=guard.version
            ),
            guard=guard,
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

    def on_mourning_timers_answer_requested(self, event: MourningTimers.AnswerRequested) -> None:
        from bounce_tui.screens.reframe_form import ReframeAnswerForm

        timer, question = event.timer, event.reframe.question
        rejection_id = timer.rejection_id
        if rejection_id is None:
            return

        self.open_form(
            ReframeAnswerForm(event.reframe, timer.company),
            lambda store, answer: store.rejections.answer_reframe(rejection_id, question, answer),
            lambda _: self.notify(
                f"Kept in the notes of {one_line(timer.company, 40)} (enter on its timer "
                "shows them).",
                markup=False,
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
        from bounce_tui.screens.edit_fields import item_entry_fields, item_view_fields
        from bounce_tui.screens.edit_guard import EditGuard
        from bounce_tui.screens.item_form import ItemForm

        item: ItemView = event.item

        def add(store: Store, data: ItemInput) -> str:
            rejection_id = item.rejection_id
            if self.rejection_view(rejection_id) is None:
                rejection_id = None  # its rejection is gone too: the item goes hunt-wide
            return store.checklist.add_item(
                rejection_id, data.title, why=data.why, kind=data.kind, due_on=data.due_on
            )

        guard: EditGuard[ItemInput] = EditGuard(
            "checklist item",
            item.item_id,
            item,
            fields_of_view=item_view_fields,
            fields_of_entry=item_entry_fields,
            add=add,
        )

        def save(store: Store, data: ItemInput) -> ItemView:
            return store.checklist.edit_item(
                item.item_id, title=data.title, why=data.why, kind=data.kind,
                due_on=data.due_on, expected_updated_at=guard.version,
            )  # fmt: skip

        self.open_form(ItemForm(self._today(), initial=item), save, guard=guard)

    def on_regroup_checklist_delete_requested(
        self, event: RegroupChecklist.DeleteRequested
    ) -> None:
        item_id = event.item.item_id
        self.call_store(lambda store: store.checklist.delete_item(item_id), self.deleted)

    def on_regroup_checklist_move_requested(self, event: RegroupChecklist.MoveRequested) -> None:
        item_id, delta = event.item.item_id, event.delta
        self.call_store(lambda store: store.checklist.move_item(item_id, delta))


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

"""Use cases of the regroup checklist."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import col, func, select

from bounce_tui.domain import checklist
from bounce_tui.domain.dates import to_utc
from bounce_tui.domain.text import LINE_MAX_LEN, TITLE_MAX_LEN, clean_text, one_line
from bounce_tui.store.base import StoreBase
from bounce_tui.store.models import ChecklistItem, Rejection
from bounce_tui.store.undo import Deleted, capture, restore_rows


class ChecklistCases(StoreBase):
    """Use cases of the regroup checklist."""

    # -- checklist -----------------------------------------------------------------

    def toggle_item(self, item_id: str) -> ChecklistItem:
        """Mark a checklist item done, or not done again."""
        with self.writing() as session:
            item = self._get(session, ChecklistItem, item_id)
            item.done_at = None if item.done_at else to_utc(self.now())
            item.updated_at = to_utc(self.now())
        return item

    def add_item(
        self,
        rejection_id: str | None,
        title: str,
        *,
        why: str = "",
        kind: str = "task",
        due_on: date | None = None,
        choices: Iterable[str] = (),
        views: Iterable[str] = (),
    ) -> ChecklistItem:
        """Add an item at the end of a rejection's checklist (or the hunt-wide one)."""
        item = ChecklistItem(
            rejection_id=rejection_id,
            title=clean_text(title, "title", max_len=TITLE_MAX_LEN),
            why=clean_text(why, "why", required=False, max_len=LINE_MAX_LEN),
            kind=checklist.validate_kind(kind),
            due_on=due_on,
            choices=[clean_text(c, "choice", max_len=100) for c in choices],
            views=[clean_text(v, "view", max_len=TITLE_MAX_LEN) for v in views],
            **self._stamp(),
        )
        if item.kind == "decision" and len(item.choices) < 2:
            item.choices = ["yes", "no"]
        with self.writing() as session:
            if rejection_id is not None:
                self._get(session, Rejection, rejection_id)
            last = session.exec(
                select(func.max(ChecklistItem.position)).where(
                    ChecklistItem.rejection_id == rejection_id
                    if rejection_id is not None
                    else col(ChecklistItem.rejection_id).is_(None)
                )
            ).one()
            item.position = (last if last is not None else -1) + 1
            session.add(item)
        return item

    def edit_item(
        self, item_id: str, *, title: str, why: str = "", kind: str = "task", due_on: date | None
    ) -> ChecklistItem:
        """Change an item's words, kind or due date."""
        with self.writing() as session:
            item = self._get(session, ChecklistItem, item_id)
            item.title = clean_text(title, "title", max_len=TITLE_MAX_LEN)
            item.why = clean_text(why, "why", required=False, max_len=LINE_MAX_LEN)
            item.kind = checklist.validate_kind(kind)
            if item.kind == "decision" and len(item.choices) < 2:
                item.choices = ["yes", "no"]
            item.due_on = due_on
            item.updated_at = to_utc(self.now())
        return item

    def choose(self, item_id: str, choice: str) -> ChecklistItem:
        """Record the choice made on a decision item; that settles (completes) it."""
        with self.writing() as session:
            item = self._get(session, ChecklistItem, item_id)
            item.choice = checklist.validate_choice(item.choices, choice)
            item.done_at = to_utc(self.now())
            item.updated_at = to_utc(self.now())
        return item

    def move_item(self, item_id: str, delta: int) -> None:
        """Move an item up (-1) or down (+1) among its siblings."""
        with self.writing() as session:
            item = self._get(session, ChecklistItem, item_id)
            siblings = list(
                session.exec(
                    select(ChecklistItem)
                    .where(
                        ChecklistItem.rejection_id == item.rejection_id
                        if item.rejection_id is not None
                        else col(ChecklistItem.rejection_id).is_(None)
                    )
                    .order_by(col(ChecklistItem.position), col(ChecklistItem.created_at))
                )
            )
            index = next(i for i, s in enumerate(siblings) if s.id == item.id)
            target = max(0, min(len(siblings) - 1, index + delta))
            if target == index:
                return
            siblings.insert(target, siblings.pop(index))
            moment = to_utc(self.now())
            for position, sibling in enumerate(siblings):
                if sibling.position != position:
                    sibling.position = position
                    sibling.updated_at = moment

    def delete_item(self, item_id: str) -> Deleted:
        """Delete an item; the returned record restores it with `restore`."""
        with self.writing() as session:
            item = self._get(session, ChecklistItem, item_id)
            deleted = Deleted(label=f"item “{one_line(item.title, 40)}”", rows=capture([item]))
            session.delete(item)
        return deleted

    def restore(self, deleted: Deleted) -> None:
        """Undo a deletion: put its rows back exactly as they were."""
        with self.writing() as session:
            restore_rows(session, deleted)

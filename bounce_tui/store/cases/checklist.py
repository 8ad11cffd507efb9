"""The regroup checklist: ticking, choosing, adding, editing, moving and deleting items."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from bounce_tui.domain import checklist
from bounce_tui.domain.snapshot import ItemView
from bounce_tui.domain.text import LINE_MAX_LEN, TITLE_MAX_LEN, clean_text, one_line
from bounce_tui.store.cases.undo import Deleted, capture
from bounce_tui.store.clock import Clock
from bounce_tui.store.file.database import Database, check_version, get_row, next_version
from bounce_tui.store.models import ChecklistItem, Rejection
from bounce_tui.store.read.views import item_view


def _siblings_of(rejection_id: str | None) -> ColumnElement[bool]:
    """The condition selecting one checklist: a rejection's, or the hunt-wide one."""
    if rejection_id is None:
        return col(ChecklistItem.rejection_id).is_(None)
    return col(ChecklistItem.rejection_id) == rejection_id


def _rejection_of(session: Session, item: ChecklistItem) -> Rejection | None:
    """The rejection an item belongs to (None for a hunt-wide item), to fill its placeholders."""
    return session.get(Rejection, item.rejection_id) if item.rejection_id else None


class ChecklistCases:
    """Changing the regroup checklist of a rejection or of the whole hunt."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def toggle_item(self, item_id: str) -> ItemView:
        """Mark a checklist item done, or not done again."""
        now = self.clock.now()
        with self.db.writing() as session:
            item = get_row(session, ChecklistItem, item_id)
            item.done_at = None if item.done_at else now
            item.updated_at = next_version(item.updated_at, now)
            return item_view(item, _rejection_of(session, item))

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
    ) -> str:
        """Add an item at the end of a rejection's checklist (or the hunt-wide one); its id."""
        item = ChecklistItem(
            rejection_id=rejection_id,
            title=clean_text(title, "title", max_len=TITLE_MAX_LEN),
            why=clean_text(why, "why", required=False, max_len=LINE_MAX_LEN),
            kind=checklist.validate_kind(kind),
            due_on=due_on,
            choices=[clean_text(c, "choice", max_len=100) for c in choices],
            views=[clean_text(v, "view", max_len=TITLE_MAX_LEN) for v in views],
            **self.clock.stamp(),
        )
        if item.kind == "decision" and len(item.choices) < 2:
            item.choices = ["yes", "no"]
        with self.db.writing() as session:
            if rejection_id is not None:
                get_row(session, Rejection, rejection_id)
            last = session.exec(
                select(func.max(ChecklistItem.position)).where(_siblings_of(rejection_id))
            ).one()
            item.position = (last if last is not None else -1) + 1
            session.add(item)
        return item.id

    def edit_item(
        self,
        item_id: str,
        *,
        title: str,
        why: str = "",
        kind: str = "task",
        due_on: date | None,
        expected_updated_at: datetime | None = None,
    ) -> ItemView:
        """Change an item's words, kind or due date.

        `expected_updated_at` (the version the form opened with) refuses, with
        ChangedElsewhere and nothing written, an edit of an item changed since.
        """
        with self.db.writing() as session:
            item = get_row(session, ChecklistItem, item_id)
            check_version(
                item,
                expected_updated_at,
                "checklist item",
                lambda: item_view(item, _rejection_of(session, item)),
            )
            item.title = clean_text(title, "title", max_len=TITLE_MAX_LEN)
            item.why = clean_text(why, "why", required=False, max_len=LINE_MAX_LEN)
            item.kind = checklist.validate_kind(kind)
            if item.kind == "decision" and len(item.choices) < 2:
                item.choices = ["yes", "no"]
            item.due_on = due_on
            item.updated_at = next_version(item.updated_at, self.clock.now())
            return item_view(item, _rejection_of(session, item))

    def choose(self, item_id: str, choice: str) -> ItemView:
        """Record the choice made on a decision item; that settles (completes) it."""
        now = self.clock.now()
        with self.db.writing() as session:
            item = get_row(session, ChecklistItem, item_id)
            item.choice = checklist.validate_choice(item.choices, choice)
            item.done_at = now
            item.updated_at = next_version(item.updated_at, now)
            return item_view(item, _rejection_of(session, item))

    def move_item(self, item_id: str, delta: int) -> None:
        """Move an item up (-1) or down (+1) among its siblings."""
        with self.db.writing() as session:
            item = get_row(session, ChecklistItem, item_id)
            siblings = list(
                session.exec(
                    select(ChecklistItem)
                    .where(_siblings_of(item.rejection_id))
                    .order_by(col(ChecklistItem.position), col(ChecklistItem.created_at))
                )
            )
            index = next(i for i, s in enumerate(siblings) if s.id == item.id)
            target = max(0, min(len(siblings) - 1, index + delta))
            if target == index:
                return
            siblings.insert(target, siblings.pop(index))
            moment = self.clock.now()
            for position, sibling in enumerate(siblings):
                if sibling.position != position:
                    sibling.position = position
                    sibling.updated_at = next_version(sibling.updated_at, moment)

    def delete_item(self, item_id: str) -> Deleted:
        """Delete an item; `UndoCases.restore` puts it back."""
        with self.db.writing() as session:
            item = get_row(session, ChecklistItem, item_id)
            deleted = Deleted(label=f"item “{one_line(item.title, 40)}”", rows=capture([item]))
            session.delete(item)
        return deleted

"""The fields an edit form changes, as labelled text: to compare a stored version with
what the person typed, and to show the ones that differ (see `edit_guard`).

Labels are the forms' own; values are raw text (the dialog makes them one line).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from bounce_tui.domain.dates import local_time

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import CheckInView, ItemView, LessonView, RejectionView
    from bounce_tui.screens.checkin_form import CheckInInput
    from bounce_tui.screens.item_form import ItemInput
    from bounce_tui.screens.lesson_form import LessonInput
    from bounce_tui.screens.rejection_form import RejectionInput

__all__ = [
    "checkin_view_fields",
    "checkin_entry_fields",
    "item_view_fields",
    "item_entry_fields",
    "lesson_view_fields",
    "lesson_entry_fields",
    "rejection_view_fields",
    "rejection_entry_fields",
]

Fields = dict[str, str]


def lesson_view_fields(view: LessonView) -> Fields:
    """A stored lesson's editable fields."""
    return {
        "Situation": view.prompt,
        "Next time": view.text,
        "Category": view.category,
        "Tags": ", ".join(view.tags),
        "From": view.company if view.rejection_id else "(none)",
    }


def lesson_entry_fields(entry: LessonInput, company_of: Callable[[str], str]) -> Fields:
    """The lesson form's entry; `company_of` names its rejection."""
    return {
        "Situation": entry.prompt,
        "Next time": entry.text,
        "Category": entry.category,
        "Tags": ", ".join(entry.tags),
        "From": company_of(entry.rejection_id) if entry.rejection_id else "(none)",
    }


def _moment(moment: datetime, tz: tzinfo | None) -> str:
    return local_time(moment, tz).strftime("%Y-%m-%d %H:%M")


def rejection_view_fields(view: RejectionView, tz: tzinfo | None) -> Fields:
    """A stored rejection's editable fields (its time in the local zone, to the minute)."""
    return {
        "Company": view.company,
        "Role": view.role,
        "Stage": view.stage,
        "Received": _moment(view.received_at, tz),
        "Channel": view.channel,
        "Contact": view.contact,
        "Notes": view.notes,
    }


def rejection_entry_fields(entry: RejectionInput, tz: tzinfo | None) -> Fields:
    """The rejection form's entry."""
    return {
        "Company": entry.company,
        "Role": entry.role,
        "Stage": entry.stage,
        "Received": _moment(entry.received_at, tz),
        "Channel": entry.channel,
        "Contact": entry.contact,
        "Notes": entry.notes,
    }


def item_view_fields(view: ItemView) -> Fields:
    """A stored checklist item's editable fields."""
    return {
        "Title": view.title,
        "Why": view.why,
        "Kind": view.kind,
        "Due": view.due_on.isoformat() if view.due_on else "",
    }


def item_entry_fields(entry: ItemInput) -> Fields:
    """The item form's entry."""
    return {
        "Title": entry.title,
        "Why": entry.why,
        "Kind": entry.kind,
        "Due": entry.due_on.isoformat() if entry.due_on else "",
    }


def _energy(energy: int | None) -> str:
    return "" if energy is None else str(energy)


def checkin_view_fields(view: CheckInView) -> Fields:
    """A stored check-in's editable fields."""
    return {
        "Mood": str(view.mood),
        "Energy": _energy(view.energy),
        "Note": view.note,
        "Tags": ", ".join(view.tags),
    }


def checkin_entry_fields(entry: CheckInInput) -> Fields:
    """The check-in form's entry."""
    return {
        "Mood": str(entry.mood),
        "Energy": _energy(entry.energy),
        "Note": entry.note,
        "Tags": ", ".join(entry.tags),
    }

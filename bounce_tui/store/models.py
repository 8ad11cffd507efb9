"""The SQLModel tables: one class per entity of the domain.

Every row has a UUID (stable across export/import and machines) and UTC
`created_at`/`updated_at`. The tables' DDL lives in `migrations.py`; a test keeps
these classes and the migrated schema in step.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from bounce_tui.store.stamps import READ_EARLIEST as READ_EARLIEST
from bounce_tui.store.stamps import READ_LATEST as READ_LATEST
from bounce_tui.store.stamps import clamp_day, utc_from_text, utc_text
from bounce_tui.store.stamps import new_id as new_id


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as ISO-8601 text in UTC (sorts as time sorts)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        return None if value is None else utc_from_text(value)


class SafeDate(TypeDecorator[date]):
    """A calendar day, read within READ_EARLIEST..READ_LATEST (see there)."""

    impl = Date
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> date | None:
        return None if value is None else clamp_day(value)


class Stamped(SQLModel):
    """Columns every entity shares."""

    id: str = Field(default_factory=new_id, primary_key=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Rejection(Stamped, table=True):
    """A 'no' from an employer: who, for what, how far it got, when and how."""

    __tablename__ = "rejection"

    company: str
    role: str = ""
    stage: str
    received_at: datetime = Field(sa_type=UTCDateTime, index=True)
    channel: str = "email"
    contact: str = ""
    notes: str = ""
    #: The local calendar day it arrived, in the zone of whoever logged it, so every
    #: zone counts days from the same day (None in rows from before schema 7's backfill).
    day: date | None = Field(default=None, sa_type=SafeDate)


class MourningPeriod(Stamped, table=True):
    """A bounded time to feel bad about a rejection, derived from the wall clock."""

    __tablename__ = "mourning_period"

    rejection_id: str | None = Field(
        default=None, foreign_key="rejection.id", ondelete="CASCADE", index=True
    )
    started_at: datetime = Field(sa_type=UTCDateTime)
    planned_end: datetime = Field(sa_type=UTCDateTime, index=True)
    days: int
    extensions: int = 0
    moved_on_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    close_note: str = ""


class ChecklistItem(Stamped, table=True):
    """One regroup step, for a rejection or (rejection_id None) for the whole hunt."""

    __tablename__ = "checklist_item"

    rejection_id: str | None = Field(
        default=None, foreign_key="rejection.id", ondelete="CASCADE", index=True
    )
    template_key: str = ""
    title: str
    why: str = ""
    kind: str = "task"
    position: int = 0
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    due_on: date | None = Field(default=None, sa_type=SafeDate)
    choice: str = ""
    views: list[str] = Field(default_factory=list, sa_type=JSON)
    choices: list[str] = Field(default_factory=list, sa_type=JSON)
    reply: str = ""


class Lesson(Stamped, table=True):
    """Something learned from a rejection, scheduled for review as an FSRS card.

    `prompt` is the card's front (the situation or question, may be empty) and
    `text` its back (what to do next time). Lessons the person confirmed as one
    recurring theme share `theme_id` (the id of the theme's first lesson).
    """

    __tablename__ = "lesson"

    text: str
    prompt: str = ""
    theme_id: str | None = Field(default=None, index=True)
    category: str
    tags: list[str] = Field(default_factory=list, sa_type=JSON)
    rejection_id: str | None = Field(
        default=None, foreign_key="rejection.id", ondelete="SET NULL", index=True
    )
    recurring: bool = False
    due: datetime = Field(sa_type=UTCDateTime, index=True)
    stability: float | None = None
    difficulty: float | None = None
    card_state: int = 1
    card_step: int | None = 0
    last_review: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LessonReview(Stamped, table=True):
    """One grade given to a lesson, with the card as it was before (for undo)."""

    __tablename__ = "lesson_review"

    lesson_id: str = Field(foreign_key="lesson.id", ondelete="CASCADE", index=True)
    grade: int
    reviewed_at: datetime = Field(sa_type=UTCDateTime)
    drill: bool = False
    card_before: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class CheckIn(Stamped, table=True):
    """A mood check-in; `day` is the local calendar day it counts for."""

    __tablename__ = "checkin"

    mood: int
    energy: int | None = None
    note: str = ""
    tags: list[str] = Field(default_factory=list, sa_type=JSON)
    at: datetime = Field(sa_type=UTCDateTime)
    day: date = Field(index=True, sa_type=SafeDate)


class SkipDay(Stamped, table=True):
    """A day the person chose not to check in; it keeps the streak alive."""

    __tablename__ = "skip_day"

    day: date = Field(unique=True, sa_type=SafeDate)
    reason: str = ""


class Interview(Stamped, table=True):
    """An upcoming interview, the moment the lessons exist for."""

    __tablename__ = "interview"

    company: str
    role: str = ""
    stage: str = "interview"
    at: datetime = Field(sa_type=UTCDateTime, index=True)


class Urge(Stamped, table=True):
    """One logged urge (checked the inbox again) during a mourning period."""

    __tablename__ = "urge"

    mourning_id: str | None = Field(
        default=None, foreign_key="mourning_period.id", ondelete="CASCADE", index=True
    )
    kind: str = "checked the inbox again"
    at: datetime = Field(sa_type=UTCDateTime)


class Setting(SQLModel, table=True):
    """A key/value preference (theme, mourning defaults, reminder hour, runway)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


def table_name(model: type[SQLModel]) -> str:
    """The name of a table class's table."""
    return str(model.__tablename__)


#: Tables in an order that satisfies foreign keys (parents first).
TABLES: tuple[type[SQLModel], ...] = (
    Rejection,
    MourningPeriod,
    ChecklistItem,
    Lesson,
    LessonReview,
    CheckIn,
    SkipDay,
    Interview,
    Urge,
    Setting,
)

"""The rules every imported record must pass: the same ones the entry commands apply.

An import is a way in like `bounce checkin` or the app's forms, so each record is
held to their rules (the domain's): texts and tags within their limits, moods,
stages and categories from their lists, dates from 1970 to 2100 and never more
than a day ahead of this machine's clock, a check-in's day one its time falls on
somewhere in the world, a timer that ends after it starts, an FSRS card that can
be graded, known settings with valid values, and ids in the form the app makes.
"""

from __future__ import annotations

import functools
import math
import re
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import SQLModel

from bounce_tui.domain import checkins, checklist, lessons, mourning, settings
from bounce_tui.domain.cards import MAX_PROMPT
from bounce_tui.domain.dates import check_day_in_range, check_moment_in_range, days_of_moment
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import (
    LINE_MAX_LEN,
    NAME_MAX_LEN,
    TITLE_MAX_LEN,
    clean_tags,
    clean_text,
    one_line,
)
from bounce_tui.store.models import table_name

#: Ids are what `models.new_id` makes: a UUID, as lowercase text with dashes.
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: The most choices or views one checklist item may hold.
MAX_ITEM_LIST = 100
MAX_POSITION = 1_000_000
#: How far a timer's length may stray from its days (a DST change moves it by an hour).
_DST_SLACK = timedelta(hours=2)


class Problem(Exception):
    """One refused record: which field, and why (one line)."""

    def __init__(self, field: str, why: str) -> None:
        super().__init__(why)
        self.field = field
        self.why = why

    def line(self, where: str) -> str:
        """`where: field: why`, or `where: why` when the reason already names the field."""
        if self.why.startswith(f"{self.field} ") or self.field == "row":
            return f"{where}: {self.why}"
        return f"{where}: {self.field}: {self.why}"


def record_label(name: str, number: int, raw: dict[str, Any]) -> str:
    """How a record is named in a refusal: its table, place in the file and id (cleaned)."""
    key = "key" if name == "setting" else "id"
    if key not in raw:
        return f"{name} #{number} (no {key})"
    value = raw[key]
    shown = one_line(value, 40) if isinstance(value, str) else one_line(repr(value), 40)
    return f"{name} #{number} ({key} {shown or '“”'})"


def check_id(value: object, field: str = "id", *, required: bool = True) -> None:
    """An id (or a reference to one) must be a UUID as the app writes it."""
    if value is None and not required:
        return
    if not isinstance(value, str) or not _UUID_RE.fullmatch(value):
        raise Problem(field, f"{field} must be an id as bounce makes them (a UUID)")


def check_types(model: type[SQLModel], raw: dict[str, Any]) -> None:
    """Each value has the JSON type of its column (no `true` for a mood, no text for a number)."""
    for name, wanted, nullable, plain in _field_types(model):
        if name not in raw:
            continue
        value = raw[name]
        if type(value) in plain:  # exactly a type that needs no closer look
            continue
        if value is None and nullable:
            continue
        ok = isinstance(value, wanted) and not (isinstance(value, bool) and bool not in wanted)
        if ok and isinstance(value, float) and not math.isfinite(value):
            raise Problem(name, f"{name} must be a finite number")
        if ok and isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise Problem(name, f"{name} must be a list of texts")
        if not ok:
            raise Problem(name, f"{name} must be {_TYPE_WORDS[wanted]}")


_TYPE_WORDS: dict[tuple[type, ...], str] = {
    (str,): "text",
    (int,): "a whole number",
    (int, float): "a number",
    (bool,): "true or false",
    (list,): "a list of texts",
    (dict,): "an object",
}


@functools.cache
def _field_types(
    model: type[SQLModel],
) -> tuple[tuple[str, tuple[type, ...], bool, frozenset[type]], ...]:
    """Each field of `model`: the JSON types it takes, whether it may be null, and the
    exact types whose values `check_types` accepts without a closer look."""
    found = []
    for name, info in model.model_fields.items():
        wanted, nullable = _json_type(info.annotation)
        # bool is an int but no number here; a float must be finite; a list must hold texts.
        plain = {kind for kind in wanted if kind not in (float, list)}
        if bool not in wanted:
            plain.discard(bool)
        if nullable:
            plain.add(type(None))
        found.append((name, wanted, nullable, frozenset(plain)))
    return tuple(found)


def _json_type(annotation: Any) -> tuple[tuple[type, ...], bool]:
    args = typing.get_args(annotation)
    nullable = typing.get_origin(annotation) in (typing.Union, types.UnionType) and (
        type(None) in args
    )
    if nullable:
        annotation = next(a for a in args if a is not type(None))
    origin = typing.get_origin(annotation) or annotation
    if origin in (str, datetime, date):
        return (str,), nullable
    if origin is float:
        return (int, float), nullable
    for kind in (bool, int, list, dict):
        if origin is kind:
            return (kind,), nullable
    return (object,), nullable  # pragma: no cover - every column is one of the above


def _rule(field: str, check: Callable[[], object]) -> None:
    try:
        check()
    except DomainError as exc:
        raise Problem(field, str(exc)) from None


def _text(row: Any, field: str, max_len: int, *, required: bool = False) -> None:
    try:
        clean_text(getattr(row, field), field, required=required, max_len=max_len)
    except DomainError as exc:
        raise Problem(field, str(exc)) from None


def _moment(row: Any, field: str, now: datetime | None, *, optional: bool = False) -> None:
    value = getattr(row, field)
    if value is None and optional:
        return
    try:
        check_moment_in_range(value, field, now=now)
    except DomainError as exc:
        raise Problem(field, str(exc)) from None


def _stamps(row: Any, now: datetime) -> None:
    _moment(row, "created_at", now)
    _moment(row, "updated_at", now)


def _rejection(row: Any, now: datetime) -> None:
    _text(row, "company", NAME_MAX_LEN, required=True)
    if row.company.lstrip(" ").startswith("\x00"):
        raise Problem("company", "company must not begin with a NUL character")
    for field in ("role", "contact"):
        _text(row, field, NAME_MAX_LEN)
    _text(row, "notes", 100_000)
    _rule("stage", lambda: mourning.validate_stage(row.stage))
    _rule("channel", lambda: mourning.validate_channel(row.channel))
    _moment(row, "received_at", now)
    if row.day is not None:  # older exports have none; the day is then read in the local zone
        first, last = days_of_moment(row.received_at)
        if not first <= row.day <= last:
            raise Problem("day", f"day {row.day.isoformat()} is not the day of its time")


def _mourning(row: Any, now: datetime) -> None:
    check_id(row.rejection_id, "rejection_id", required=False)
    _rule("days", lambda: mourning.validate_days(row.days))
    if not 0 <= row.extensions <= min(mourning.MAX_EXTENSIONS, row.days - 1):
        raise Problem("extensions", f"extensions must be from 0 to {mourning.MAX_EXTENSIONS}")
    _moment(row, "started_at", now)
    _moment(row, "planned_end", None)
    length = row.planned_end - row.started_at
    if length <= timedelta(0):
        raise Problem("planned_end", "the timer ends before it starts")
    if abs(length - timedelta(days=row.days)) > _DST_SLACK:
        raise Problem("planned_end", f"planned_end is not {row.days} days after started_at")
    _moment(row, "moved_on_at", now, optional=True)
    if row.moved_on_at is not None and row.moved_on_at < row.started_at:
        raise Problem("moved_on_at", "moved_on_at is before the timer started")
    _text(row, "close_note", 100_000)


def _checklist_item(row: Any, now: datetime) -> None:
    check_id(row.rejection_id, "rejection_id", required=False)
    _text(row, "template_key", NAME_MAX_LEN)
    _text(row, "title", TITLE_MAX_LEN, required=True)
    _text(row, "why", LINE_MAX_LEN)
    _rule("kind", lambda: checklist.validate_kind(row.kind))
    if not 0 <= row.position <= MAX_POSITION:
        raise Problem("position", f"position must be from 0 to {MAX_POSITION:,}")
    _moment(row, "done_at", now, optional=True)
    if row.due_on is not None:
        _rule("due_on", lambda: check_day_in_range(row.due_on, "due_on"))
    for field in ("choices", "views"):
        values = getattr(row, field)
        if len(values) > MAX_ITEM_LIST:
            raise Problem(field, f"at most {MAX_ITEM_LIST} {field} fit on one item")
        try:
            for value in values:
                clean_text(value, field, max_len=TITLE_MAX_LEN)
        except DomainError as exc:
            raise Problem(field, str(exc)) from None
    _text(row, "choice", TITLE_MAX_LEN)
    if row.choice and row.choices:
        _rule("choice", lambda: checklist.validate_choice(row.choices, row.choice))


def _lesson(row: Any, now: datetime) -> None:
    _text(row, "text", 100_000, required=True)
    _text(row, "prompt", MAX_PROMPT)
    check_id(row.theme_id, "theme_id", required=False)
    check_id(row.rejection_id, "rejection_id", required=False)
    _rule("category", lambda: lessons.validate_category(row.category))
    _rule("tags", lambda: clean_tags(row.tags))
    _moment(row, "due", None)
    _moment(row, "last_review", now, optional=True)
    card = lessons.CardState(
        due=row.due,
        stability=row.stability,
        difficulty=row.difficulty,
        state=row.card_state,
        step=row.card_step,
        last_review=row.last_review,
    )
    try:
        lessons.check_card(card)
    except DomainError as exc:
        raise Problem(str(exc).split(" ", 1)[0], str(exc)) from None


def _lesson_review(row: Any, now: datetime) -> None:
    check_id(row.lesson_id, "lesson_id")
    _rule("grade", lambda: lessons.parse_grade(row.grade))
    _moment(row, "reviewed_at", now)
    _rule("card_before", lambda: _card_before(row.card_before))


def _card_before(values: object) -> None:
    card = lessons.card_from_dict(values)
    check_moment_in_range(card.due, "card_before due")
    if card.last_review is not None:
        check_moment_in_range(card.last_review, "card_before last_review")


def _checkin(row: Any, now: datetime) -> None:
    _rule("mood", lambda: checkins.validate_mood(row.mood))
    _rule("energy", lambda: checkins.validate_energy(row.energy))
    _text(row, "note", 100_000)
    _rule("tags", lambda: clean_tags(row.tags))
    _moment(row, "at", now)
    first, last = days_of_moment(row.at)
    if not first <= row.day <= last:
        raise Problem("day", f"day {row.day.isoformat()} is not the day of its time")


def _skip_day(row: Any, now: datetime) -> None:
    _rule("day", lambda: check_day_in_range(row.day, "day"))
    if row.day > days_of_moment(now)[1]:
        raise Problem("day", "day is in the future")
    _text(row, "reason", 100_000)


def _interview(row: Any, now: datetime) -> None:
    _text(row, "company", NAME_MAX_LEN, required=True)
    _text(row, "role", NAME_MAX_LEN)
    _rule("stage", lambda: mourning.validate_stage(row.stage))
    _moment(row, "at", None)


def _urge(row: Any, now: datetime) -> None:
    check_id(row.mourning_id, "mourning_id", required=False)
    _text(row, "kind", NAME_MAX_LEN, required=True)
    _moment(row, "at", now)


def _setting(row: Any, now: datetime) -> None:
    try:
        settings.check_setting(row.key, row.value)
    except DomainError as exc:
        field = "key" if row.key not in settings.KEYS else "value"
        raise Problem(field, str(exc)) from None


_CHECKS: dict[str, Callable[[Any, datetime], None]] = {
    "rejection": _rejection,
    "mourning_period": _mourning,
    "checklist_item": _checklist_item,
    "lesson": _lesson,
    "lesson_review": _lesson_review,
    "checkin": _checkin,
    "skip_day": _skip_day,
    "interview": _interview,
    "urge": _urge,
    "setting": _setting,
}


def check_row(row: SQLModel, now: datetime) -> None:
    """Raise Problem when a validated row breaks a rule the entry commands hold."""
    check_values(table_name(type(row)), row, now)


def check_values(name: str, row: Any, now: datetime) -> None:
    """`check_row` for the validated values of a record of table `name`, read as attributes."""
    if name != "setting":
        check_id(row.id)
    _stamps(row, now)
    _CHECKS[name](row, now)

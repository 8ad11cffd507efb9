"""`bounce reject` on the quick path: the rejection, its mourning period and its checklist.

The rows are those `RejectionCases.log_rejection` writes, in the same order (so
ids drawn in turn match): the rejection, its mourning period, its own regroup
items in the template's order, then the hunt-wide items, each reused while open
(due earlier when the new one is due sooner) or added at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bounce_tui.domain import checklist, mourning
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.text import NAME_MAX_LEN, clean_id_ref, clean_text
from bounce_tui.store import stamps
from bounce_tui.store.clock import Clock
from bounce_tui.store.errors import NotFound
from bounce_tui.store.file.engine import BusyPolicy
from bounce_tui.store.quick.connection import insert, opened, transaction

Template = Callable[[], list[checklist.TemplateItem]]

REJECTION_COLUMNS = (
    "id", "created_at", "updated_at", "company", "role", "stage", "received_at", "channel",
    "contact", "notes", "day",
)  # fmt: skip
MOURNING_COLUMNS = (
    "id", "created_at", "updated_at", "rejection_id", "started_at", "planned_end", "days",
    "extensions", "moved_on_at", "close_note",
)  # fmt: skip
ITEM_COLUMNS = (
    "id", "created_at", "updated_at", "rejection_id", "template_key", "title", "why", "kind",
    "position", "done_at", "due_on", "choice", "views", "choices", "reply",
)  # fmt: skip

INSERT_REJECTION = insert("rejection", REJECTION_COLUMNS)
INSERT_MOURNING = insert("mourning_period", MOURNING_COLUMNS)
INSERT_ITEM = insert("checklist_item", ITEM_COLUMNS)
SELECT_MOURNING_SETTINGS = "SELECT key, value FROM setting WHERE key LIKE 'mourning.' || '%'"
SELECT_HUNT_LAST = "SELECT max(position) FROM checklist_item WHERE rejection_id IS NULL"
SELECT_OPEN_HUNT_ITEM = (
    "SELECT id, due_on FROM checklist_item "
    "WHERE rejection_id IS NULL AND template_key = ? AND done_at IS NULL"
)
UPDATE_ITEM_DUE = "UPDATE checklist_item SET due_on = ?, updated_at = ? WHERE id = ?"
SELECT_LAST_REJECTION = "SELECT id FROM rejection ORDER BY received_at DESC LIMIT 1"
SELECT_REJECTION_PREFIX = "SELECT id FROM rejection WHERE id LIKE ? || '%' ESCAPE '/' LIMIT 2"

STATEMENTS = (
    INSERT_REJECTION,
    INSERT_MOURNING,
    INSERT_ITEM,
    SELECT_MOURNING_SETTINGS,
    SELECT_HUNT_LAST,
    SELECT_OPEN_HUNT_ITEM,
    UPDATE_ITEM_DUE,
    SELECT_LAST_REJECTION,
    SELECT_REJECTION_PREFIX,
)


@dataclass(frozen=True)
class Logged:
    """What `bounce reject` prints about the rejection just logged."""

    rejection_id: str
    company: str
    stage: str
    days: int
    planned_end: datetime


def packaged_template() -> list[checklist.TemplateItem]:
    """The regroup template, as `cases.rejections.packaged_template` reads it."""
    from bounce_tui import paths, resources

    return resources.regroup_template(paths.config_dir())


def log_rejection(
    path: Path,
    company: str,
    *,
    role: str = "",
    stage: str = "interview",
    received_at: datetime | None = None,
    channel: str = "email",
    contact: str = "",
    notes: str = "",
    mourn_days: int | str | None = None,
    clock: Clock | None = None,
    template: Template = packaged_template,
    busy: BusyPolicy | None = None,
) -> Logged | None:
    """Log a rejection as `RejectionCases.log_rejection` does.

    None: nothing was written; the file needs the ORM path (no file yet, an older schema).
    """
    clock = clock or Clock()
    stage = mourning.validate_stage(stage)
    chosen = None if mourn_days is None else mourning.validate_days(mourn_days)
    policy = busy or BusyPolicy()
    with opened(path, policy) as conn:
        if conn is None:
            return None
        return transaction(
            conn,
            path,
            policy,
            lambda: _log(
                conn,
                clock,
                template,
                company,
                role,
                stage,
                received_at,
                channel,
                contact,
                notes,
                chosen,
            ),  # fmt: skip
        )


def _log(
    conn: sqlite3.Connection,
    clock: Clock,
    template: Template,
    company: str,
    role: str,
    stage: str,
    received_at: datetime | None,
    channel: str,
    contact: str,
    notes: str,
    chosen: int | None,
) -> Logged:
    days = chosen if chosen is not None else mourning.default_days(stage, _overrides(conn))
    now = clock.now()
    when = to_utc(received_at) if received_at is not None else now
    if when > now:
        raise DomainError("a rejection cannot arrive in the future")
    stamp = stamps.utc_text(clock.now())
    rejection = {
        "company": clean_company(company),
        "role": clean_text(role, "role", required=False, max_len=NAME_MAX_LEN),
        "stage": stage,
        "received_at": stamps.utc_text(when),
        "day": stamps.day_text(local_day(when, clock.tz)),
        "channel": mourning.validate_channel(channel),
        "contact": clean_text(contact, "contact", required=False, max_len=NAME_MAX_LEN),
        "notes": clean_text(notes, "notes", required=False),
        "id": stamps.new_id(),
        "created_at": stamp,
        "updated_at": stamp,
    }
    end = mourning.planned_end(when, days, clock.tz)
    period = {
        "id": stamps.new_id(), "created_at": stamp, "updated_at": stamp,
        "rejection_id": rejection["id"], "started_at": rejection["received_at"],
        "planned_end": stamps.utc_text(end), "days": days, "extensions": 0,
        "moved_on_at": None, "close_note": "",
    }  # fmt: skip
    start = max(local_day(end, clock.tz), clock.today())
    items = [i for i in template() if i.applies_to(stage, str(rejection["channel"]))]
    own = [
        _item(item, rejection["id"], index, checklist.due_on(item, start), stamp)
        for index, item in enumerate(i for i in items if not i.hunt_wide)
    ]
    conn.execute(INSERT_REJECTION, [rejection[c] for c in REJECTION_COLUMNS])
    conn.execute(INSERT_MOURNING, [period[c] for c in MOURNING_COLUMNS])
    for row in own:
        conn.execute(INSERT_ITEM, [row[c] for c in ITEM_COLUMNS])
    _hunt_items(conn, items, start, stamp)
    return Logged(str(rejection["id"]), str(rejection["company"]), stage, days, end)


def _overrides(conn: sqlite3.Connection) -> dict[str, int]:
    """`SettingsCases.mourning_overrides`: per-stage lengths, unreadable ones left out."""
    found: dict[str, int] = {}
    for key, value in conn.execute(SELECT_MOURNING_SETTINGS):
        try:
            found[str(key).removeprefix("mourning.")] = mourning.validate_days(value)
        except DomainError:
            continue
    return found


def _hunt_items(
    conn: sqlite3.Connection, items: list[checklist.TemplateItem], start: date, stamp: str
) -> None:
    """Items about the person exist once while open: reuse (due earlier if needed) or add."""
    (last,) = conn.execute(SELECT_HUNT_LAST).fetchone()
    position = (last if last is not None else -1) + 1
    for item in (i for i in items if i.hunt_wide):
        due = checklist.due_on(item, start)
        open_one = conn.execute(SELECT_OPEN_HUNT_ITEM, (item.key,)).fetchone()
        if open_one is None:
            row = _item(item, None, position, due, stamp)
            conn.execute(INSERT_ITEM, [row[c] for c in ITEM_COLUMNS])
            position += 1
        elif due is not None and (
            open_one[1] is None or due < stamps.day_from_text(str(open_one[1]))
        ):
            conn.execute(UPDATE_ITEM_DUE, (stamps.day_text(due), stamp, open_one[0]))


def _item(
    item: checklist.TemplateItem,
    rejection_id: object,
    position: int,
    due: date | None,
    stamp: str,
) -> dict[str, object]:
    return {
        "id": stamps.new_id(), "created_at": stamp, "updated_at": stamp,
        "rejection_id": rejection_id, "template_key": item.key, "title": item.title,
        "why": item.why, "kind": item.kind, "position": position, "done_at": None,
        "due_on": None if due is None else stamps.day_text(due), "choice": "",
        "views": stamps.json_text(list(item.views)),
        "choices": stamps.json_text(list(item.choices)), "reply": item.reply,
    }  # fmt: skip


def clean_company(text: str) -> str:
    """A rejection's company, checked as `cases.rejections.clean_company` checks it."""
    company = clean_text(text, "company", max_len=NAME_MAX_LEN)
    if company.lstrip(" ").startswith("\x00"):
        raise DomainError("company must not begin with a NUL character")
    return company


def like_prefix(ref: str) -> str:
    """`ref` for `LIKE ? || '%' ESCAPE '/'`, escaped as SQLAlchemy's autoescape does."""
    return ref.replace("/", "//").replace("%", "/%").replace("_", "/_")


def resolve_rejection(conn: sqlite3.Connection, ref: str) -> str:
    """`RejectionCases.resolve_rejection` inside an open transaction."""
    ref = clean_id_ref(ref)
    if ref == "last":
        found = conn.execute(SELECT_LAST_REJECTION).fetchall()
        if not found:
            raise NotFound("there is no rejection yet")
        return str(found[0][0])
    found = conn.execute(SELECT_REJECTION_PREFIX, (like_prefix(ref),)).fetchall()
    if not found:
        raise NotFound(f"no rejection with id {ref}")
    if len(found) > 1:
        raise DomainError(f"more than one rejection id starts with {ref}; give more of it")
    return str(found[0][0])

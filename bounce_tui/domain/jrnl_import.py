"""jrnl's JSON export (`jrnl --export json`), read into lessons or check-in notes.

The export is `{"tags": {...}, "entries": [{"date": "2026-03-05", "time": "09:41",
"title": "…", "body": "…", "tags": ["@work"], "starred": false}, …]}`; older
versions leave out `tags`, some add `uuid` or `creator`. It is recognised by that
shape. As lessons the title is the card's front and the body its back (a body-less
entry is a card with only a back); as notes each entry is a check-in of mood
NOTE_MOOD tagged `jrnl`, its note the title and the body. Tags lose their @ (or #).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any, Literal

from bounce_tui.domain.cards import MAX_PROMPT
from bounce_tui.domain.dates import check_day_in_range
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.import_entries import (
    ImportedCheckin,
    ImportedLesson,
    StableIds,
    joined_note,
    tags_at,
    text_at,
)

__all__ = ["NOTE_MOOD", "NOTE_TAG", "JrnlMode", "looks_like_jrnl", "parse_jrnl"]

#: The mood of a check-in made from a jrnl entry (jrnl keeps none): 3, okay.
NOTE_MOOD = 3
#: The tag every check-in made from a jrnl entry carries.
NOTE_TAG = "jrnl"
JrnlMode = Literal["lessons", "notes"]

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})")


def looks_like_jrnl(data: Any) -> bool:
    """True for a JSON value shaped like jrnl's export: an object with an `entries` list
    and nothing that marks it as a bounce export."""
    return isinstance(data, dict) and "entries" in data and "kind" not in data


def _field(entry: dict[str, Any], name: str, where: str, *, required: bool = True) -> str:
    value = entry.get(name, None if required else "")
    if not isinstance(value, str):
        missing = name not in entry
        raise DomainError(f"{where}: {name} is {'missing' if missing else 'not text'}")
    return value


def _moment(entry: dict[str, Any], where: str) -> datetime:
    day_text, time_text = _field(entry, "date", where), _field(entry, "time", where)
    if not _DAY.fullmatch(day_text):
        raise DomainError(f'{where}: date "{day_text[:40]}" is not a day like 2026-03-05')
    try:
        day = check_day_in_range(date.fromisoformat(day_text), "date")
    except ValueError as exc:  # a DomainError too (out of range)
        raise DomainError(f'{where}: date "{day_text}": {exc}') from None
    clock = _TIME.fullmatch(time_text)
    if clock is None or int(clock[1]) > 23 or int(clock[2]) > 59:
        raise DomainError(f'{where}: time "{time_text[:40]}" is not a time like 09:41')
    return datetime.combine(day, time(int(clock[1]), int(clock[2])))


def _tags(entry: dict[str, Any], where: str) -> tuple[str, ...]:
    raw = entry.get("tags", [])
    if not isinstance(raw, list) or not all(isinstance(tag, str) for tag in raw):
        raise DomainError(f"{where}: tags must be a list of texts")
    return tags_at((tag.strip().lstrip("@#") for tag in raw), where)


def parse_jrnl(
    data: Any, where: str, mode: JrnlMode
) -> list[ImportedLesson] | list[ImportedCheckin]:
    """Every entry of a jrnl export as lessons or as check-ins; DomainError naming the entry."""
    if not looks_like_jrnl(data):
        raise DomainError(f"{where} is not a jrnl JSON export (no entries list)")
    entries = data["entries"]
    if not isinstance(entries, list):
        raise DomainError(f"{where}: entries must be a list")
    if not entries:
        raise DomainError(f"{where}: the jrnl export has no entries")
    if "tags" in data and not isinstance(data["tags"], dict):
        raise DomainError(f"{where}: tags must be an object of tag counts")
    ids = StableIds(f"jrnl-{mode}")
    lessons: list[ImportedLesson] = []
    checkins: list[ImportedCheckin] = []
    for number, entry in enumerate(entries, start=1):
        at = f"{where} entry {number}"
        if not isinstance(entry, dict):
            raise DomainError(f"{at}: an entry must be an object")
        wall = _moment(entry, at)
        title = _field(entry, "title", at).strip()
        body = _field(entry, "body", at, required=False).strip()
        tags = _tags(entry, at)
        parts = [wall.isoformat(), title, body, "|".join(tags)]
        if mode == "notes":
            note = text_at(joined_note(title, body), "note", at)
            tags = tags_at((NOTE_TAG, *tags), at)
            checkins.append(ImportedCheckin(f"entry {number}", wall, NOTE_MOOD, tags, note,
                                            ids.next_id(parts)))  # fmt: skip
            continue
        prompt, text = (title, body) if body else ("", title)
        text = text_at(text, "lesson", at, required=True)
        if len(prompt) > MAX_PROMPT:
            raise DomainError(f"{at}: the title (the card's front) is longer than {MAX_PROMPT}")
        prompt = text_at(prompt, "front", at)
        lessons.append(ImportedLesson(f"entry {number}", wall, prompt, text, tags,
                                      ids.next_id(parts)))  # fmt: skip
    return lessons if mode == "lessons" else checkins

"""Daylio's CSV export, read into check-ins (plain values; nothing here touches a file).

Daylio has written a few layouts over the years; all share the header
`full_date,date,weekday,time,mood,activities,…,note`, some with `note_title`
before the note. The file is recognised by that header, never by its name.
`full_date` must be an ISO day (2026-03-05): the `date` column is localised
("March 5", "5. März") and has no year. Times are 24-hour (21:41) or 12-hour
(9:41 pm). Activities become tags; the note title and note become the note.
Mood names map to 1-5 (rad 5 … awful 1 unless `--mood-map` says otherwise).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from bounce_tui.domain.dates import check_day_in_range
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.import_entries import (
    ImportedCheckin,
    StableIds,
    html_to_text,
    joined_note,
    tags_at,
    text_at,
)

__all__ = [
    "DEFAULT_MOODS",
    "DaylioImport",
    "is_daylio_header",
    "parse_daylio",
    "parse_mood_map",
]

#: Daylio's own mood names and the bounce moods they mean.
DEFAULT_MOODS: dict[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
#: The columns every Daylio layout has (besides full_date, which bounce needs).
_CORE = ("date", "weekday", "time", "mood", "activities", "note")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})(?::[0-9]{2})?\s*(?:([ap])\.?\s*m\.?)?", re.I)


@dataclass(frozen=True)
class DaylioImport:
    """The check-ins of a Daylio export, and the mood names it used with their values."""

    checkins: list[ImportedCheckin]
    moods_used: dict[str, int]


def _names(header: Sequence[str]) -> list[str]:
    names = [name.strip().lower() for name in header]
    if names and names[0].startswith("\ufeff"):
        names[0] = names[0].lstrip("\ufeff").strip()
    return names


def is_daylio_header(header: Sequence[str]) -> bool:
    """True when a CSV header row is Daylio's (its core columns, in any order)."""
    names = set(_names(header))
    return all(name in names for name in _CORE)


def parse_mood_map(text: str) -> dict[str, int]:
    """`ecstatic=5,fine=3` as {"ecstatic": 5, "fine": 3}; DomainError (one line) when wrong."""
    found: dict[str, int] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        name, sep, value = item.rpartition("=")
        name = name.strip().casefold()
        shown = item.strip()[:60]
        if not sep:
            raise DomainError(f'--mood-map: "{shown}" needs name=number (e.g. fine=3)')
        if not name:
            raise DomainError(f'--mood-map: "{shown}" has no mood name before "="')
        value = value.strip()
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 5):
            raise DomainError(f'--mood-map: "{shown}": the mood must be a whole number 1 to 5')
        found[name] = int(value)
    if not found:
        raise DomainError("--mood-map is empty; give name=number pairs, e.g. fine=3,meh=2")
    return found


def _rows(text: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on; csv.Error becomes one line naming it."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DomainError(f"{where} line {start}: not valid CSV ({exc})") from None
        yield start, row
        start = reader.line_num + 1


def _day(value: str, where: str) -> date:
    value = value.strip()
    if not value:
        raise DomainError(f"{where}: full_date is empty; bounce needs its YYYY-MM-DD day")
    if not _ISO_DAY.fullmatch(value):
        raise DomainError(
            f'{where}: full_date "{value[:40]}" is not a day like 2026-03-05 '
            "(export again from Daylio with full dates)"
        )
    try:
        return check_day_in_range(date.fromisoformat(value), "full_date")
    except ValueError as exc:
        raise DomainError(f'{where}: full_date "{value}": {exc}') from None


def _time(value: str, where: str) -> time:
    value = value.strip()
    match = _TIME.fullmatch(value)
    hour = int(match[1]) if match else -1
    minute = int(match[2]) if match else -1
    if match and match[3]:  # 12-hour: 12 am is midnight, 12 pm is noon
        hour = -1 if not 1 <= hour <= 12 else hour % 12 + (12 if match[3].lower() == "p" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DomainError(f'{where}: time "{value[:40]}" is not a time like 21:41 or 9:41 pm')
    return time(hour, minute)


def _activities(cell: str) -> list[str]:
    parts = cell.split("|") if "|" in cell else cell.split(",")
    return [part.strip() for part in parts if part.strip()]


def _unknown_moods(unknown: dict[str, int], where: str) -> DomainError:
    names = sorted(unknown, key=lambda name: unknown[name])
    shown = ", ".join(f'"{name[:30]}"' for name in names[:10])
    example = ",".join(f"{name[:30]}=3" for name in names[:10])
    return DomainError(
        f"{where}: unknown moods {shown} (first on line {min(unknown.values())}); say what each "
        f'is from 1 awful to 5 great, e.g. --mood-map "{example}"'
    )


def parse_daylio(text: str, where: str, mood_map: dict[str, int] | None = None) -> DaylioImport:
    """Every entry of a Daylio CSV export, or DomainError naming the file and line.

    `text` is the whole file (a leading BOM and CRLF line ends are fine); `mood_map`
    adds to or replaces Daylio's default mood names. Identical rows stay separate.
    """
    moods = {**DEFAULT_MOODS, **(mood_map or {})}
    rows = _rows(text.removeprefix("\ufeff"), where)
    first = next(rows, None)
    if first is None or not is_daylio_header(first[1]):
        raise DomainError(
            f"{where} line 1: not a Daylio export (its header must name full_date, date, "
            "time, mood, activities and note)"
        )
    names = _names(first[1])
    if "full_date" not in names:
        raise DomainError(
            f"{where} line 1: this Daylio export has no full_date column, and its dates have "
            "no year; export again from a recent Daylio"
        )
    column = {name: names.index(name) for name in reversed(names)}
    ids = StableIds("daylio")
    found: list[ImportedCheckin] = []
    used: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        at = f"{where} line {line}"
        if len(row) != len(names):
            raise DomainError(f"{at}: {len(row)} cells, but the header names {len(names)}")
        cell = {name: row[place].strip() for name, place in column.items()}
        mood_name = cell["mood"].casefold()
        if not mood_name:
            raise DomainError(f"{at}: the mood is empty")
        mood = moods.get(mood_name)
        if mood is None:
            unknown.setdefault(mood_name, line)
            continue
        used.setdefault(mood_name, mood)
        day, clock = _day(cell["full_date"], at), _time(cell["time"], at)
        tags = tags_at(_activities(cell["activities"]), at)
        title = html_to_text(cell.get("note_title", ""))
        note = text_at(joined_note(title, html_to_text(cell["note"])), "note", at)
        parts = [day.isoformat(), f"{clock:%H:%M}", mood_name, "|".join(tags), note]
        found.append(ImportedCheckin(f"line {line}", datetime.combine(day, clock), mood,
                                     tags, note, ids.next_id(parts)))  # fmt: skip
    if unknown:
        raise _unknown_moods(unknown, where)
    if not found:
        raise DomainError(f"{where}: the Daylio export has a header but no entries")
    return DaylioImport(found, used)

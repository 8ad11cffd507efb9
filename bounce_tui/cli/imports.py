"""`bounce import FILE`: a bounce JSON export, a Daylio CSV export or a jrnl JSON export.

The kind of file is told by its content (a JSON export's shape, Daylio's header
row), never by its name. Entries from other tools become the same records a
bounce export holds (`store/read/foreign_records.py`), checked by the entry rules
before the database is opened and merged by id in one transaction, so importing
the same file twice adds nothing. `--dry-run` says what would come in and writes
nothing. A wrong file or flag is one line on stderr, exit 2, nothing written.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bounce_tui.cli.common import UsageError, open_store, say, utc_now

__all__ = ["cmd_import"]

_KINDS = "a bounce JSON export, a Daylio CSV export or a jrnl JSON export"


def _sniff(raw: bytes, shown: str) -> tuple[str, Any]:
    """("bounce" | "jrnl", the JSON value) or ("daylio", the text), by the file's content."""
    from bounce_tui.domain.jrnl_import import looks_like_jrnl
    from bounce_tui.store.read.exchange import check_export_shape, load_json_text

    body = raw.removeprefix(b"\xef\xbb\xbf")
    if not body or body.isspace():  # no copy of a large file
        raise UsageError(f"{shown} is empty; expected {_KINDS}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise UsageError(f"{shown} line {line}: not UTF-8 text; expected {_KINDS}") from None
    first = re.search(r"\S", text)  # the first character that is not a space (no copy)
    if first is None or first.group() not in ("{", "["):
        return "daylio", text
    data = load_json_text(text, shown)
    if looks_like_jrnl(data):
        return "jrnl", data
    if not isinstance(data, dict) or "kind" not in data:
        raise UsageError(f"{shown} is JSON, but neither a bounce export nor a jrnl export")
    check_export_shape(data, shown)
    return "bounce", data


def _refuse_flags(args: argparse.Namespace, kind: str, shown: str) -> None:
    """Flags that do not fit the kind of file found are refused, not ignored."""
    names = {"bounce": "a bounce export", "jrnl": "a jrnl export", "daylio": "a Daylio export"}
    if args.mood_map is not None and kind != "daylio":
        raise UsageError(f"--mood-map is for Daylio CSV files; {shown} is {names[kind]}")
    if args.as_ is not None and kind != "jrnl":
        raise UsageError(f"--as is for jrnl files; {shown} is {names[kind]}")
    if args.as_ is None and kind == "jrnl":
        raise UsageError(
            f"{shown} is a jrnl export: add --as lessons (review cards) or --as notes "
            "(check-in notes)"
        )
    if args.category is not None and args.as_ != "lessons":
        raise UsageError("--category is for jrnl entries imported with --as lessons")


def cmd_import(args: argparse.Namespace) -> int:
    """Merge a bounce, Daylio or jrnl export; with --dry-run only say what it holds."""
    from bounce_tui.domain.daylio import parse_daylio, parse_mood_map
    from bounce_tui.domain.jrnl_import import parse_jrnl
    from bounce_tui.domain.lessons import validate_category
    from bounce_tui.domain.text import one_line, visible
    from bounce_tui.store.read.exchange import check_records, read_bounded

    shown = one_line(args.file)
    mood_map = parse_mood_map(args.mood_map) if args.mood_map is not None else None
    category = validate_category(args.category or "interview")
    kind, found = _sniff(read_bounded(Path(args.file), visible(args.file)), shown)
    _refuse_flags(args, kind, shown)
    now = utc_now()
    if kind == "bounce":
        data: dict[str, Any] = found
        checked = check_records(data, shown, now)
        if args.dry_run:
            return _dry_run_export(shown, data)
        counts = open_store(args).files.import_data(data, checked)
    else:
        from bounce_tui.store.read.foreign_records import as_export

        moods: dict[str, int] = {}
        if kind == "daylio":
            parsed = parse_daylio(found, shown, mood_map)
            entries: Sequence[Any] = parsed.checkins
            moods = parsed.moods_used
        else:
            entries = parse_jrnl(found, shown, args.as_)
        # Checked before the database is opened: a refused file creates nothing.
        data = as_export(entries, tz=None, now=now, where=shown, category=category)
        check_records(data, shown, now)
        if args.dry_run:
            return _dry_run_entries(shown, kind, args, entries, moods)
        counts = open_store(args).files.import_entries(entries, where=shown, category=category)
    say(f"imported {shown}: {counts.total_added} added, {counts.total_updated} updated, "
         f"{counts.unchanged} already here.")  # fmt: skip
    return 0


def _dry_run_export(shown: str, data: dict[str, Any]) -> int:
    records = {name: len(rows) for name, rows in data["records"].items() if rows}
    total = sum(records.values())
    listed = ", ".join(f"{name} {count}" for name, count in records.items())
    say(f"dry run: {shown} is a bounce export with {total} entries ({listed or 'none'}).")
    say("Nothing was written.")
    return 0


def _dry_run_entries(
    shown: str, kind: str, args: argparse.Namespace, entries: Sequence[Any], moods: dict[str, int]
) -> int:
    from bounce_tui.domain.text import one_line

    days = sorted(entry.wall.date() for entry in entries)
    span = f"from {days[0].isoformat()} to {days[-1].isoformat()}"
    count = len(entries)
    if kind == "daylio":
        say(f"dry run: {shown} is a Daylio export: {count} check-in"
             f"{'s' if count != 1 else ''} {span}.")  # fmt: skip
        mapping = ", ".join(f"{one_line(name, 30)}={mood}" for name, mood in moods.items())
        say(f"Moods: {mapping}.")
    else:
        made = "lesson" if args.as_ == "lessons" else "check-in note"
        say(f"dry run: {shown} is a jrnl export: {count} entr{'ies' if count != 1 else 'y'} "
             f"{span}, each kept as a {made}.")  # fmt: skip
        if args.as_ == "notes":
            say("Each becomes a check-in of mood 3 (okay), tagged jrnl.")
    tagged = sum(1 for entry in entries if entry.tags)
    say(f"{tagged} of them carry tags. Nothing was written.")
    return 0

"""Reading jrnl's JSON export as lessons or as check-in notes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.import_entries import ImportedCheckin, ImportedLesson
from bounce_tui.domain.jrnl_import import NOTE_MOOD, looks_like_jrnl, parse_jrnl

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "jrnl_export.json"


def export() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def test_as_lessons_title_is_the_front_and_body_the_back() -> None:
    lessons = parse_jrnl(export(), "j.json", "lessons")
    assert all(isinstance(lesson, ImportedLesson) for lesson in lessons)
    first, second, third = lessons
    assert isinstance(first, ImportedLesson) and isinstance(second, ImportedLesson)
    assert first.prompt == "Ask about the team before the salary."
    assert first.text.startswith("At Northwind I asked about pay first")
    assert first.tags == ("interview",)  # "@interview" without the @
    assert first.wall == datetime(2026, 2, 2, 9, 41)
    # No body: the title is the back of the card, and the front stays empty.
    assert (second.prompt, second.text) == ("", "Sleep before a final round.")
    assert second.tags == ("mindset", "interview")
    assert third.where == "entry 3"


def test_as_notes_each_entry_is_a_check_in_of_mood_3_tagged_jrnl() -> None:
    notes = parse_jrnl(export(), "j.json", "notes")
    first = notes[0]
    assert isinstance(first, ImportedCheckin)
    assert first.mood == NOTE_MOOD == 3
    assert first.tags == ("jrnl", "interview")
    assert first.note == (
        "Ask about the team before the salary.\n\n"
        "At Northwind I asked about pay first and the mood of the call changed."
    )
    assert notes[1].note == "Sleep before a final round."


def test_ids_are_stable_and_differ_between_modes() -> None:
    once = [e.record_id for e in parse_jrnl(export(), "a", "lessons")]
    again = [e.record_id for e in parse_jrnl(export(), "b", "lessons")]
    notes = [e.record_id for e in parse_jrnl(export(), "a", "notes")]
    assert once == again and len(set(once)) == 3
    assert not set(once) & set(notes)


def test_older_exports_without_tags_are_read() -> None:
    data = {"entries": [{"date": "2026-02-02", "time": "09:41", "title": "T", "body": "B",
                         "starred": False}]}  # fmt: skip
    [lesson] = parse_jrnl(data, "j", "lessons")
    assert isinstance(lesson, ImportedLesson) and lesson.tags == ()


def entry(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"date": "2026-02-02", "time": "09:41", "title": "T", "body": "B",
                            "tags": ["@a"], "starred": False}  # fmt: skip
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ({"entries": []}, "has no entries"),
        ({"entries": {}}, "entries must be a list"),
        ({"entries": [1]}, "entry 1: an entry must be an object"),
        ({"entries": [entry(date="02/02/2026")]}, 'entry 1: date "02/02/2026"'),
        ({"entries": [entry(date="2026-02-30")]}, "entry 1: date"),
        ({"entries": [entry(), entry(time="9am")]}, 'entry 2: time "9am"'),
        ({"entries": [entry(time="25:00")]}, "entry 1: time"),
        ({"entries": [entry(title=...)]}, "entry 1: title is missing"),
        ({"entries": [entry(title=5)]}, "entry 1: title is not text"),
        ({"entries": [entry(tags="@a")]}, "entry 1: tags must be a list"),
        ({"entries": [entry(title="", body="")]}, "entry 1: lesson must not be empty"),
        ({"entries": [entry(title="x" * 501)]}, "entry 1: the title"),
        ({"tags": [], "entries": [entry()]}, "tags must be an object"),
        ([entry()], "not a jrnl JSON export"),
    ],
)
def test_wrong_shapes_are_refused_naming_the_entry(data: Any, why: str) -> None:
    with pytest.raises(DomainError, match=why):
        parse_jrnl(data, "j", "lessons")


def test_shape_detection() -> None:
    assert looks_like_jrnl(export())
    assert not looks_like_jrnl({"kind": "bounce-export", "entries": []})
    assert not looks_like_jrnl([])

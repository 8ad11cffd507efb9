"""Reading Daylio's CSV export: every layout, time format, separator and refusal."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounce_tui.domain.daylio import (
    DaylioImport,
    is_daylio_header,
    parse_daylio,
    parse_mood_map,
)
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.import_entries import html_to_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
OLD_HEADER = "full_date,date,weekday,time,mood,activities,note\n"


def read(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def test_layout_with_note_title_bom_crlf_and_12_hour_times() -> None:
    found = parse_daylio(read("daylio_title_12h.csv"), "f.csv")
    first, second, third, fourth = found.checkins
    assert first.wall == datetime(2026, 3, 5, 21, 41)
    assert (first.mood, first.tags) == (4, ("friends", "walk", "cooking"))
    assert first.note == (
        "Dinner with Sam\n\nTalked about the Northwind rejection.\nFelt lighter after."
    )
    assert (second.wall, second.mood, second.tags, second.note) == (
        datetime(2026, 3, 5, 8, 15), 3, (), ""
    )  # fmt: skip
    assert third.wall == datetime(2026, 3, 4, 23, 2)  # "11:02 PM"
    assert third.note == "Bad night\n\nKept replaying the call & the silence."
    assert (fourth.wall, fourth.mood) == (datetime(2026, 3, 3, 12, 30), 5)  # "Rad " -> rad
    assert [c.where for c in found.checkins] == ["line 2", "line 3", "line 4", "line 5"]
    assert found.moods_used == {"good": 4, "meh": 3, "awful": 1, "rad": 5}


def test_old_layout_without_note_title_24_hour_and_comma_activities() -> None:
    found = parse_daylio(read("daylio_old_24h.csv"), "f.csv")
    assert [c.wall for c in found.checkins] == [
        datetime(2026, 2, 10, 21, 41), datetime(2026, 2, 11, 7, 5), datetime(2026, 2, 11, 19, 30)
    ]  # fmt: skip
    assert found.checkins[0].tags == ("sport", "lesen")
    assert found.checkins[2].note == "Besser.\nMorgen Bewerbung."
    assert found.checkins[1].note == "" and found.checkins[1].tags == ()


def test_trailing_spaces_in_cells_and_header_and_a_renamed_mood_map() -> None:
    with pytest.raises(DomainError, match=r'unknown moods "ecstatic", "fine".*--mood-map'):
        parse_daylio(read("daylio_renamed_spaces.csv"), "f.csv")
    found = parse_daylio(read("daylio_renamed_spaces.csv"), "f.csv", {"ecstatic": 5, "fine": 3})
    first, second, third = found.checkins
    assert (first.wall, first.mood, first.tags) == (
        datetime(2026, 1, 20, 18, 5), 5, ("family", "music")
    )  # fmt: skip
    assert first.note == "Finally\n\nOffer call went well."
    # Two identical rows stay two check-ins, with ids of their own.
    assert (second.wall, second.mood) == (third.wall, third.mood)
    assert second.record_id != third.record_id


def test_localised_date_without_iso_full_date_is_refused_naming_the_line() -> None:
    with pytest.raises(DomainError, match=r'^f\.csv line 2: full_date "5\. März" is not a day'):
        parse_daylio(read("daylio_localised_only.csv"), "f.csv")


def test_ids_are_stable_across_bom_line_endings_and_spaces() -> None:
    plain = HEADER + "2026-03-05,March 5,Thursday,21:41,good,walk | friends,Hi,there\n"
    messy = "\ufeff" + plain.replace(",", " , ").replace("\n", "\r\n").replace("21:41", "9:41 PM")
    first = parse_daylio(plain, "a").checkins[0]
    again = parse_daylio(messy, "b").checkins[0]
    assert first.record_id == again.record_id
    other = parse_daylio(plain.replace("Hi", "Hello"), "a").checkins[0]
    assert other.record_id != first.record_id


@pytest.mark.parametrize(
    ("clock", "expected"),
    [("9:41 pm", (21, 41)), ("9:41 PM", (21, 41)), ("12:05 am", (0, 5)), ("12:05 pm", (12, 5)),
     ("21:41", (21, 41)), ("07:00", (7, 0)), ("9:41 p.m.", (21, 41))],
)  # fmt: skip
def test_times(clock: str, expected: tuple[int, int]) -> None:
    found = parse_daylio(OLD_HEADER + f"2026-03-05,x,y,{clock},meh,,\n", "f")
    assert (found.checkins[0].wall.hour, found.checkins[0].wall.minute) == expected


@pytest.mark.parametrize("clock", ["13:10 pm", "0:10 am", "24:00", "9.5", "", "noon"])
def test_bad_times_are_refused_with_the_line(clock: str) -> None:
    with pytest.raises(DomainError, match=r"^f line 2: time "):
        parse_daylio(OLD_HEADER + f"2026-03-05,x,y,{clock},meh,,\n", "f")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "line 1: not a Daylio export"),
        ("a,b,c\n1,2,3\n", "line 1: not a Daylio export"),
        (HEADER, "header but no entries"),
        ("date,weekday,time,mood,activities,note\nMarch 5,Thu,21:41,good,,\n", "no full_date"),
        (OLD_HEADER + "2026-03-05,x,y,21:41,good,,\n2026-13-01,x,y,21:41,good,,\n", "line 3"),
        (OLD_HEADER + "2026-03-05,x,y,21:41,,,\n", "line 2: the mood is empty"),
        (OLD_HEADER + "2026-03-05,x,y,21:41,good,,,extra\n", "line 2: 8 cells"),
        (OLD_HEADER + "2026-03-05,x,y,21:41,good,,\n1969-03-05,x,y,21:41,good,,\n", "line 3"),
        (OLD_HEADER + '2026-03-05,x,y,21:41,good,,"open\n', "line 2: not valid CSV"),
        (OLD_HEADER + "2026-03-05,x,y,21:41,good," + "a" * 41 + ",\n", "line 2: tag must be"),
    ],
)
def test_refusals_name_what_is_wrong(text: str, why: str) -> None:
    with pytest.raises(DomainError, match=why):
        parse_daylio(text, "f")


def test_mood_map_extends_and_overrides_the_defaults() -> None:
    assert parse_mood_map(" Ecstatic = 5, fine=3 ,,") == {"ecstatic": 5, "fine": 3}
    found = parse_daylio(OLD_HEADER + "2026-03-05,x,y,21:41,good,,\n", "f", {"good": 5})
    assert found.checkins[0].mood == 5


@pytest.mark.parametrize(
    ("text", "why"),
    [("fine", "needs name=number"), ("=3", "no mood name"), ("fine=6", "1 to 5"),
     ("fine=0", "1 to 5"), ("fine=x", "1 to 5"), ("fine=", "1 to 5"), ("", "is empty"),
     ("fine=٣", "1 to 5")],
)  # fmt: skip
def test_bad_mood_maps(text: str, why: str) -> None:
    with pytest.raises(DomainError, match=why):
        parse_mood_map(text)


def test_header_detection_ignores_case_spaces_and_extra_columns() -> None:
    assert is_daylio_header([" Full_Date", "DATE ", "weekday", "time", "mood", "activities",
                             "note", "scales"])  # fmt: skip
    assert not is_daylio_header(["date", "time", "mood"])


def test_html_in_notes_becomes_plain_text() -> None:
    assert html_to_text("a<br>b<BR/>c<br />d") == "a\nb\nc\nd"
    assert html_to_text("<p>one</p><p>two &lt;3</p>") == "one\ntwo <3\n"
    assert html_to_text("[bold]not markup[/bold]") == "[bold]not markup[/bold]"


@given(st.text(max_size=300))
def test_any_text_is_read_or_refused_naming_the_file(text: str) -> None:
    _read_or_refused(text)


@given(st.lists(st.lists(st.text(max_size=20), min_size=0, max_size=9), max_size=6))
def test_any_rows_under_a_daylio_header_are_read_or_refused(rows: list[list[str]]) -> None:
    body = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows)
    _read_or_refused(HEADER + body)


def _read_or_refused(text: str) -> None:
    try:
        found = parse_daylio(text, "f")
    except DomainError as exc:
        assert str(exc).startswith("f")
        return
    assert isinstance(found, DaylioImport) and found.checkins

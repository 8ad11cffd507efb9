"""Pilot tests of the main-screen panes, each hosted alone in a tiny App."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta, timezone

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from bounce_tui.domain.checklist import Reframe
from bounce_tui.domain.snapshot import ItemView, LessonView, TimerView, TodayView
from bounce_tui.widgets.lessons_log import LessonsLog
from bounce_tui.widgets.mood_strip import MoodStrip
from bounce_tui.widgets.mourning_timer import DoneRow, MourningTimers, TimerRow
from bounce_tui.widgets.period_bar import PeriodBar
from bounce_tui.widgets.regroup_checklist import RegroupChecklist

UTC = timezone.utc
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
TODAY = date(2026, 3, 10)
CLICK = "[@click=app.quit]x[/]"
HOSTILE = (
    "[/]",
    "[bold]x",
    CLICK,
    "\x1b[31mred",
    "nul\x00here",
    "csi\x9bhere",
    "bidi\u202eevil",
    "👩‍👩‍👧 family",
    "w" * 10_000,
)
EMPTY_CHECKLIST = "Nothing here yet: r logs a rejection, n adds an item."
PANES = {"MoodStrip", "MourningTimers", "LessonsLog", "RegroupChecklist"}


class Host(App[None]):
    """Hosts one widget and records the messages the panes post."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def record(self, message: Message) -> None:
        """Message hook: keep each pane message once (it is seen again as it bubbles)."""
        if type(message).__qualname__.split(".")[0] in PANES and not any(
            message is seen for seen in self.posted
        ):
            self.posted.append(message)

    def names(self) -> list[str]:
        """The posted messages' class names, in order."""
        return [type(m).__name__ for m in self.posted]


@asynccontextmanager
async def hosted(widget: Widget, size: tuple[int, int] = (100, 30)) -> AsyncIterator[Pilot]:
    app = Host(widget)
    async with app.run_test(size=size, message_hook=app.record) as pilot:
        await pilot.pause()
        widget.focus()
        await pilot.pause()
        yield pilot


def lines(app: App) -> list[str]:
    """The screen as plain text lines."""
    return ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]


def segments(app: App) -> list[str]:
    return [s.text for strip in app.screen._compositor.render_strips() for s in strip]


def shown_actions(app: App) -> set[str]:
    """Actions whose bindings are active (check_action did not hide them)."""
    bindings = app.screen.active_bindings.values()
    return {b.binding.action.split("(")[0] for b in bindings if b.enabled}


def text_of(static: Static) -> str:
    return str(static.render())


def assert_safe(app: App, *tags: str) -> None:
    """No markup was interpreted and no control character reached the terminal.

    ``tags`` are field-specific literals such as "co:[/]" that must show verbatim.
    """
    screen = "\n".join(lines(app))
    for literal in ("[/]", CLICK, *tags):
        assert literal in screen, literal
    for bad in ("\x1b", "\x00", "\x9b", "\u202e"):
        assert all(bad not in text for text in segments(app)), repr(bad)
    assert app.is_running and app.return_code is None


async def click_text(pilot: Pilot, needle: str) -> None:
    """Click the first cell of ``needle`` on screen."""
    for y, line in enumerate(lines(pilot.app)):
        if needle in line:
            await pilot.click(offset=(line.index(needle) + 1, y))
            await pilot.pause()
            return
    raise AssertionError(f"{needle!r} is not on screen")


# -- records ---------------------------------------------------------------------------


def timer(pid: str, started: timedelta, length: timedelta, **kw: object) -> TimerView:
    """A period that started ``started`` before NOW and is planned to last ``length``."""
    start = NOW - started
    view = TimerView(pid, f"r-{pid}", f"Co {pid}", "Analyst", "interview", start, start + length, 2)
    return view._replace(**kw)


def lesson(lid: str, text: str, category: str, days_ago: int, **kw: object) -> LessonView:
    return LessonView(lid, text, category, (), NOW - timedelta(days=days_ago), NOW)._replace(**kw)


HOUR, DAY = timedelta(hours=1), timedelta(days=1)
RUNNING_A = timer("a", 3 * HOUR, 2 * DAY + 6 * HOUR + timedelta(seconds=9), urges=3)
RUNNING_B = timer("b", 5 * HOUR, DAY, extensions=2)
ENDED_C = timer("c", 3 * DAY, DAY, close_note="onwards")
MOVED_D = timer("d", 2 * DAY, 3 * DAY, moved_on_at=NOW - DAY)
TIMERS = [ENDED_C, RUNNING_B, MOVED_D, RUNNING_A]
LESSONS = [
    lesson("l1", "Practise the take-home under time pressure", "task", 3, company="Acme"),
    lesson("l2", "Research the team before the call", "research", 1, recurring=True),
    lesson("l3", "Sleep well before travel interviews", "logistics", 9, company="Globex"),
    lesson("l4", "Tell the story of the outage calmly", "interview", 5, tags=("Story",)),
]
ITEMS = [
    ItemView("t1", "r-a", "Reply with a short thank-you", done=True, due_on=TODAY),
    ItemView(
        "t2",
        "r-a",
        "Decide whether to ask for feedback",
        kind="decision",
        views=("For: they seemed open", "Against: awkward for them"),
        choices=("ask", "don't ask"),
        choice="don't ask",
    ),
    ItemView("t3", "r-a", "Write down what happened", due_on=date(2026, 3, 8)),
    ItemView("t4", None, "Do a mock interview", due_on=date(2026, 3, 17)),
]


# -- MoodStrip -------------------------------------------------------------------------


async def test_mood_strip_without_and_with_checkin() -> None:
    strip = MoodStrip()
    async with hosted(strip) as pilot:
        strip.show(TodayView(TODAY))
        assert text_of(strip) == "No check-in yet today — press c"
        note = "slept badly\nreally " + "z" * 80
        strip.show(TodayView(TODAY, moods=(4, 4), last_note=note, streak=5, lessons_due=3))
        shown = text_of(strip)
        assert shown.startswith("Today: good (4.0) · “slept badly really zz")
        assert shown.endswith("…” · streak 5 days · 3 lessons due")
        strip.show_notice("Interview with Acme tomorrow")
        await pilot.pause()
        assert text_of(strip).splitlines()[1] == "Interview with Acme tomorrow"
        strip.show_notice(None)
        assert "\n" not in text_of(strip)


async def test_mood_strip_hostile_text() -> None:
    strip = MoodStrip()
    async with hosted(strip, size=(120, 30)) as pilot:
        for bad in HOSTILE:
            strip.show(TodayView(TODAY, moods=(1,), last_note=bad, streak=1))
            strip.show_notice(bad)
            await pilot.pause()
            assert pilot.app.is_running
        strip.show(TodayView(TODAY, moods=(1,), last_note=f"no:{CLICK}"))
        strip.show_notice("ni:[/]")
        await pilot.pause()
        assert_safe(pilot.app, f"no:{CLICK}", "ni:[/]")
        await click_text(pilot, CLICK)
        assert_safe(pilot.app)


# -- MourningTimers ----------------------------------------------------------------------


async def test_timers_layout_running_first_then_done() -> None:
    timers = MourningTimers(tz=UTC)
    done = [timer(f"old{i}", (40 - i) * DAY, DAY) for i in range(25)]
    async with hosted(timers) as pilot:
        timers.set_timers([*TIMERS, *done], NOW)
        await pilot.pause()
        ids = [t.period_id for t in timers.timers]
        assert ids[:4] == ["b", "a", "d", "c"]  # least time left first; then the newest ended
        assert ids[4:6] == ["old24", "old23"] and len(ids) == 2 + 20
        assert timers.folded  # a period runs: the finished ones wait under their line
        assert len(timers.query(DoneRow)) == 0  # folded away, their rows are not even made
        screen = "\n".join(lines(pilot.app))
        assert "▸ done · 27  o shows them" in screen and "Co c" not in screen
        await pilot.press("o")
        await pilot.pause()
        assert len(timers.query(DoneRow)) == 20
        row_a = timers.running_rows[1]
        assert text_of(row_a.query_one(".countdown", Static)) == "2d 03:00:09 left"
        assert text_of(row_a.query_one(".meta", Static)) == "urges: 3"
        screen = "\n".join(lines(pilot.app))
        assert "▾ done · 27  the newest 20 shown" in screen
        assert "Co a — Analyst · interview" in screen
        assert "Co c — ended Sun 8 Mar · “onwards”" in screen
        assert "Co d — moved on early, Mon 9 Mar" in screen
        assert timers.highlighted == RUNNING_B


async def test_timers_empty_state_and_reframe() -> None:
    timers = MourningTimers()
    async with hosted(timers) as pilot:
        timers.set_timers([], NOW)
        await pilot.pause()
        screen = "\n".join(lines(pilot.app))
        assert "Nothing logged yet." in screen and "Press r to log a rejection" in screen
        assert timers.highlighted is None and "open" not in shown_actions(pilot.app)
        timers.set_reframe(Reframe("personalising", "What else could have decided this?"))
        timers.set_timers([ENDED_C], NOW)
        await pilot.pause()
        assert "Thinking trap" not in "\n".join(lines(pilot.app))
        timers.set_timers(TIMERS, NOW)
        await pilot.pause()
        screen = "\n".join(lines(pilot.app))
        assert "Thinking trap — personalising: What else could have decided this?" in screen
        assert "Nothing logged yet." not in screen
        await pilot.press("f")
        timers.set_reframe(None)
        await pilot.pause()
        assert "Thinking trap" not in "\n".join(lines(pilot.app))
        await pilot.press("f")
        await pilot.pause()
        assert pilot.app.names().count("NextReframe") == 1


@pytest.mark.parametrize(
    ("key", "message", "moves", "expected"),
    [
        ("plus", MourningTimers.ExtendRequested, 1, "a"),
        ("m", MourningTimers.MoveOnRequested, 0, "b"),
        ("x", MourningTimers.UrgeLogged, 1, "a"),
        ("enter", MourningTimers.OpenRequested, 3, "d"),  # 2 is the "done" line
        ("e", MourningTimers.EditRequested, 4, "c"),
        ("d", MourningTimers.DeleteRequested, 3, "d"),
    ],
)
async def test_timer_bindings_post_the_highlighted_record(
    key: str, message: type[Message], moves: int, expected: str
) -> None:
    timers = MourningTimers()
    async with hosted(timers) as pilot:
        timers.set_timers(TIMERS, NOW)
        await pilot.pause()
        await pilot.press("o", *["j"] * moves, key)
        await pilot.pause()
        posted = [m for m in pilot.app.posted if isinstance(m, message)]
        assert len(posted) == 1
        assert posted[0].timer.period_id == expected  # type: ignore[attr-defined]
        assert posted[0].control is timers  # type: ignore[attr-defined]


async def test_check_action_hides_what_does_not_apply() -> None:
    timers = MourningTimers()
    async with hosted(timers) as pilot:
        timers.set_timers(TIMERS, NOW)
        await pilot.pause()
        await pilot.press("o")
        assert "extend" not in shown_actions(pilot.app)  # b: extended twice already
        assert {"move_on", "urge", "open", "edit"} <= shown_actions(pilot.app)
        await pilot.press("plus", "j")  # a
        assert {"extend", "move_on", "urge", "open", "edit"} <= shown_actions(pilot.app)
        assert "show_done" not in shown_actions(pilot.app)  # its keys fill the footer
        await pilot.press("j")  # the "done" line: enter folds it; nothing to edit there
        assert {"open", "show_done"} <= shown_actions(pilot.app)  # `o` in the footer here
        assert not {"extend", "move_on", "urge", "edit", "delete"} & shown_actions(pilot.app)
        await pilot.press("j")  # d: moved on early
        assert not {"extend", "move_on", "urge"} & shown_actions(pilot.app)
        assert {"open", "edit", "delete"} <= shown_actions(pilot.app)
        await pilot.press("plus", "m", "x")
        await pilot.pause()
        assert not {"ExtendRequested", "MoveOnRequested", "UrgeLogged"} & set(pilot.app.names())
        once = RUNNING_B._replace(extensions=1)
        timers.set_timers([once], NOW)
        await pilot.pause()
        assert "extend" in shown_actions(pilot.app)


async def test_cursor_moves_with_j_k_and_arrows() -> None:
    timers = MourningTimers()
    async with hosted(timers) as pilot:
        timers.set_timers(TIMERS, NOW)
        await pilot.pause()
        await pilot.press("o")
        pilot.app.posted.clear()
        seen: list[str] = []
        for key in ("j", "down", "down", "down", "k", "up", "up", "up", "up"):
            await pilot.press(key)
            seen.append(timers.highlighted.period_id if timers.highlighted else "done")
        # wraps around at the ends; the "done" line is a stop of its own
        assert seen == ["a", "done", "d", "c", "d", "done", "a", "b", "c"]
        await pilot.pause()
        moved = [m.timer for m in pilot.app.posted if isinstance(m, MourningTimers.Highlighted)]
        assert [t.period_id if t else "done" for t in moved] == seen
        rows = "TimerRow, DoneHeader, DoneRow"
        cursor = [row for row in timers.query(rows) if row.has_class("-cursor")]
        assert [row.timer for row in cursor] == [ENDED_C]  # type: ignore[attr-defined]


async def test_highlight_kept_across_updates_and_clicks() -> None:
    timers = MourningTimers()
    async with hosted(timers) as pilot:
        newer = timer("new", timedelta(minutes=5), DAY)
        timers.set_timers([newer, *TIMERS], NOW)
        await pilot.pause()
        await pilot.press("o", "j", "j", "j", "j")
        assert timers.highlighted == MOVED_D
        timers.set_timers([newer, RUNNING_A, ENDED_C, MOVED_D._replace(close_note="fine")], NOW)
        await pilot.pause()
        assert timers.highlighted is not None and timers.highlighted.period_id == "d"
        assert timers.highlighted.close_note == "fine"
        pilot.app.posted.clear()
        timers.set_timers([newer, RUNNING_A], NOW)  # d is gone: the cursor stays in range
        await pilot.pause()
        assert timers.highlighted == RUNNING_A
        assert pilot.app.names() == ["Highlighted"]
        await click_text(pilot, "Co new")
        assert timers.highlighted == newer


async def test_tick_updates_countdown_and_reports_ended() -> None:
    timers = MourningTimers()
    soon = timer("soon", timedelta(seconds=10), timedelta(seconds=15))
    async with hosted(timers) as pilot:
        timers.set_timers([soon, RUNNING_A], NOW)
        await pilot.pause()
        row = next(r for r in timers.running_rows if r.timer == soon)
        countdown = row.query_one(".countdown", Static)
        assert text_of(countdown) == "00:00:05 left"
        assert timers.tick(NOW + timedelta(seconds=1)) == []
        assert text_of(countdown) == "00:00:04 left"
        bar_before = row.query_one(PeriodBar).fraction
        assert timers.tick(NOW + timedelta(seconds=3)) == []
        assert row.query_one(PeriodBar).fraction > bar_before
        assert timers.tick(NOW + timedelta(seconds=6)) == [soon]
        await pilot.pause()
        assert [r.timer.period_id for r in timers.running_rows] == ["a"]
        assert [t.period_id for t in timers.timers] == ["a", "soon"]  # folded under "done"
        await pilot.press("o")
        await pilot.pause()
        assert [r.timer.period_id for r in timers.query(DoneRow)] == ["soon"]
        assert timers.tick(NOW + timedelta(seconds=7)) == []
        assert len(timers.query(TimerRow)) == 1


async def test_timers_hostile_text() -> None:
    timers = MourningTimers(tz=UTC)
    tagged = {"company": "co:[/]", "role": "ro:[/]", "stage": "st:[/]", "close_note": "no:[/]"}
    records = [timer("tag", timedelta(0), DAY, **tagged), timer("tag2", DAY, HOUR, **tagged)]
    for n, bad in enumerate(reversed(HOSTILE)):
        fields = {"company": bad, "role": bad, "stage": bad, "close_note": bad}
        records.append(timer(f"run{n}", (9 - n) * HOUR, DAY, **fields))
        records.append(timer(f"end{n}", (9 - n) * DAY, DAY, **fields))
    async with hosted(timers, size=(100, 70)) as pilot:
        timers.set_timers(records, NOW)
        timers.set_reframe(Reframe("tr:[/]", "qu:[/] \x1b[31m\x00\x9b\u202e" + "q" * 10_000))
        await pilot.press("o")
        assert_safe(pilot.app, *tagged.values(), "tr:[/]", "qu:[/]")
        await click_text(pilot, CLICK)
        await pilot.press("j", "x", "m", "plus", "e", "enter")
        await pilot.pause()
        assert_safe(pilot.app)


# -- LessonsLog --------------------------------------------------------------------------


async def test_lessons_newest_first_with_markers() -> None:
    log = LessonsLog()
    long = lesson("l5", "x" * 200, "mindset", 20, company="A" * 100)
    async with hosted(log) as pilot:
        log.set_lessons([*LESSONS, long])
        await pilot.pause()
        assert [le.lesson_id for le in log.shown] == ["l2", "l1", "l4", "l3", "l5"]
        prompts = [str(option.prompt) for option in log.option_list.options]
        assert prompts[0] == "↻ [research] Research the team before the call"
        assert prompts[1] == "[task] Practise the take-home under time pressure · Acme"
        assert prompts[4] == f"[mindset] {'x' * 69}… · {'A' * 29}…"
        assert log.highlighted == LESSONS[1]


async def test_lessons_bindings_and_highlight_kept() -> None:
    log = LessonsLog()
    async with hosted(log) as pilot:
        log.set_lessons(LESSONS)
        await pilot.pause()
        await pilot.press("j", "down", "k", "j", "e", "d", "n")
        await pilot.pause()
        assert pilot.app.names() == ["EditRequested", "DeleteRequested", "NewRequested"]
        assert [m.lesson for m in pilot.app.posted[:2]] == [LESSONS[3]] * 2  # type: ignore[attr-defined]
        assert pilot.app.posted[0].control is log  # type: ignore[attr-defined]
        newer = lesson("l0", "Ask about the team's roadmap", "research", 0)
        log.set_lessons([newer, *LESSONS])
        await pilot.pause()
        assert log.highlighted == LESSONS[3]
        log.set_lessons([])
        await pilot.pause()
        assert log.highlighted is None
        assert "No lessons yet — press n to keep one" in "\n".join(lines(pilot.app))
        assert not {"edit", "delete"} & shown_actions(pilot.app)


async def test_a_reload_with_the_same_lessons_keeps_older_pages() -> None:
    log = LessonsLog()
    async with hosted(log) as pilot:
        first_page = LESSONS[:2]
        log.set_lessons(first_page, total=len(LESSONS))
        log.add_older(LESSONS[2:])
        await pilot.pause()
        assert log.option_list.option_count == len(LESSONS)
        log.set_lessons(first_page, total=len(LESSONS))  # a reload: nothing changed
        await pilot.pause()
        assert log.option_list.option_count == len(LESSONS)
        newer = lesson("l0", "Ask about the team's roadmap", "research", 0)
        log.set_lessons([newer, *first_page], total=len(LESSONS) + 1)  # something changed
        await pilot.pause()
        assert log.option_list.option_count == 3


async def test_lessons_search_filters_incrementally() -> None:
    log = LessonsLog()
    async with hosted(log) as pilot:
        log.set_lessons(LESSONS)
        await pilot.pause()
        assert not log.search_input.display
        await pilot.press("slash")
        await pilot.pause()
        assert log.search_input.display and log.search_input.has_focus
        counts = []
        for key in "team":
            await pilot.press(key)
            counts.append([le.lesson_id for le in log.shown])
        assert counts == [["l2", "l1", "l4", "l3"], ["l2", "l4", "l3"], ["l2"], ["l2"]]
        queries = [m.query for m in pilot.app.posted if isinstance(m, LessonsLog.SearchChanged)]
        assert queries == ["t", "te", "tea", "team"]
        await pilot.press("space", "n", "e", "d")
        assert log.search_input.value == "team ned" and log.shown == []
        assert "NewRequested" not in pilot.app.names()  # typing n/e/d goes to the search box
        log.search_input.value = "story"  # tags count
        await pilot.pause()
        assert [le.lesson_id for le in log.shown] == ["l4"]
        log.search_input.value = "cat:LOG"
        await pilot.pause()
        assert [le.lesson_id for le in log.shown] == ["l3"]
        log.search_input.value = "at:cme the"
        await pilot.pause()
        assert [le.lesson_id for le in log.shown] == ["l1"]
        log.search_input.value = "cat:task at:globex"
        await pilot.pause()
        assert log.shown == [] and log.highlighted is None
        assert "No lesson matches “cat:task at:globex”" in "\n".join(lines(pilot.app))
        await pilot.press("escape")
        await pilot.pause()
        assert log.search_input.value == "" and not log.search_input.display
        assert log.option_list.has_focus and len(log.shown) == 4
        await pilot.press("slash", "s", "l", "e", "e", "p", "enter")
        await pilot.pause()
        assert log.option_list.has_focus and [le.lesson_id for le in log.shown] == ["l3"]
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.posted[-1].lesson == LESSONS[2]  # type: ignore[attr-defined]


async def test_a_new_search_starts_at_its_best_match_not_where_the_cursor_was() -> None:
    """The database's ranked results for a new query show from their first row, with the
    cursor on it, even when the lesson the cursor was on is further down in them."""
    many = [lesson(f"m{i:02}", f"Roadmap question number {i}", "research", i) for i in range(40)]
    log = LessonsLog()
    async with hosted(log, size=(100, 16)) as pilot:
        log.set_lessons(many[:20], total=len(many))  # a partial list: the database ranks
        await pilot.pause()
        await pilot.press("slash", "r")
        log.set_results("r", many[:30])
        await pilot.pause()
        log.focus()
        for _ in range(20):
            await pilot.press("down")
        await pilot.pause()
        was_on = log.highlighted
        assert was_on is not None and was_on.lesson_id == "m20"
        assert log.option_list.scroll_offset.y > 0
        await pilot.press("slash", "r", "o")
        ranked = [many[35], many[36], *many[:30]]  # m20 is 23rd in the new ranking
        assert log.search_text == "ro"
        log.set_results("ro", ranked)
        await pilot.pause()
        assert [le.lesson_id for le in log.shown[:2]] == ["m35", "m36"]
        assert log.highlighted == many[35]
        assert log.option_list.scroll_offset.y == 0
        log.set_lessons(many[:20], total=len(many) + 1)  # a reload of the same search
        log.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        assert log.highlighted == many[0]
        log.set_lessons(many[:21], total=len(many) + 2)
        await pilot.pause()
        assert log.highlighted == many[0]  # the same search: the cursor stays on its lesson


async def test_lessons_hostile_text() -> None:
    log = LessonsLog()
    records = [
        LessonView(f"h{n}", bad, bad, (bad,), NOW - timedelta(minutes=n), NOW, company=bad)
        for n, bad in enumerate(HOSTILE)
    ]
    tagged = LessonView("tag", "te:[/]", "ca:[/]", ("ta:[/]",), NOW, NOW, company="co:[/]")
    async with hosted(log) as pilot:
        log.set_lessons([tagged, *records])
        await pilot.pause()
        assert_safe(pilot.app, "te:[/]", "ca:[/]", "co:[/]")
        await click_text(pilot, CLICK)
        await pilot.press("e", "d", "slash", *"[/]")
        await pilot.pause()
        assert [le.lesson_id for le in log.shown] == ["tag", "h0", "h2"]
        log.search_input.value = "\x1b[31m\x00 [/] nothing"
        await pilot.pause()
        assert "No lesson matches “␛[31m␀ [/] nothing”" in "\n".join(lines(pilot.app))
        assert "␛[31m␀ [/] nothing" in lines(pilot.app)[0]  # the box shows it harmlessly too
        log.search_input.value = ""
        log.search_input.post_message(events.Paste("[/]\x1b[2J\u202e"))  # refused as a whole
        await pilot.pause()
        assert log.search_input.value == ""
        log.search_input.post_message(events.Paste("[/]"))
        await pilot.pause()
        assert log.search_input.value == "[/]" and log.search_text == "[/]"
        await pilot.press("escape")
        await pilot.pause()
        assert log.search_text == "" and len(log.shown) == len(HOSTILE) + 1
        assert_safe(pilot.app)


# -- RegroupChecklist --------------------------------------------------------------------


async def test_checklist_marks_due_dates_and_decisions() -> None:
    checklist = RegroupChecklist()
    async with hosted(checklist) as pilot:
        checklist.set_items(ITEMS, "for Acme — Data analyst", TODAY)
        await pilot.pause()
        prompts = [str(option.prompt) for option in checklist.option_list.options]
        assert prompts[0] == "☑ Reply with a short thank-you · due Tue 10 Mar"
        assert prompts[1].splitlines() == [
            "◆ Decide whether to ask for feedback",
            "  + For: they seemed open",
            "  − Against: awkward for them",
            "  → chosen: don't ask",
        ]
        assert prompts[2] == "☐ Write down what happened · due Sun 8 Mar · overdue"
        assert prompts[3] == "☐ Do a mock interview · due Tue 17 Mar"
        screen = "\n".join(lines(pilot.app))
        assert "for Acme — Data analyst" in screen and "  + For: they seemed open" in screen
        overdue = checklist.option_list.options[2].prompt
        spans = [s for s in overdue.spans if overdue.plain[s.start : s.end] == " · overdue"]  # type: ignore[attr-defined]
        assert spans and "bold" in str(spans[0].style)


@pytest.mark.parametrize(
    ("keys", "name", "index", "delta"),
    [
        (["space"], "ToggleRequested", 0, None),
        (["j", "space"], "ChoiceRequested", 1, None),
        (["j", "e"], "EditRequested", 1, None),
        (["j", "j", "d"], "DeleteRequested", 2, None),
        (["j", "shift+up"], "MoveRequested", 1, -1),
        (["j", "K"], "MoveRequested", 1, -1),
        (["shift+down"], "MoveRequested", 0, 1),
        (["j", "J"], "MoveRequested", 1, 1),
    ],
)
async def test_checklist_bindings(
    keys: list[str], name: str, index: int, delta: int | None
) -> None:
    checklist = RegroupChecklist()
    async with hosted(checklist) as pilot:
        checklist.set_items(ITEMS, "for Acme", TODAY)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert pilot.app.names() == [name]
        assert pilot.app.posted[0].item == ITEMS[index]  # type: ignore[attr-defined]
        if delta is not None:
            assert pilot.app.posted[0].delta == delta  # type: ignore[attr-defined]


async def test_checklist_actions_follow_the_item_and_highlight_is_kept() -> None:
    checklist = RegroupChecklist()
    async with hosted(checklist) as pilot:
        checklist.set_items(ITEMS, "for Acme", TODAY)
        await pilot.pause()
        actions = shown_actions(pilot.app)
        assert "toggle_item" in actions and "choose" not in actions and "move" in actions
        await pilot.press("K", "shift+up")  # at the top: nothing to move up
        await pilot.press("k", "J", "shift+down", "j")  # k wraps to the bottom
        await pilot.pause()
        assert pilot.app.names() == []
        await pilot.press("j")
        actions = shown_actions(pilot.app)
        assert "choose" in actions and "toggle_item" not in actions
        await pilot.press("j", "n")
        await pilot.pause()
        assert pilot.app.names() == ["NewRequested"]
        undone = ITEMS[0]._replace(done=False)
        checklist.set_items([ITEMS[3], ITEMS[2], undone, ITEMS[1]], "for Acme", TODAY)
        await pilot.pause()
        assert checklist.highlighted == ITEMS[2]
        assert str(checklist.option_list.options[2].prompt).startswith("☐ Reply")
        checklist.set_items([], "", TODAY)
        await pilot.pause()
        assert checklist.highlighted is None
        assert EMPTY_CHECKLIST in "\n".join(lines(pilot.app))
        assert not {"toggle_item", "choose", "edit", "delete", "move"} & shown_actions(pilot.app)
        await pilot.press("space", "e", "d", "J")
        await pilot.pause()
        assert pilot.app.names() == ["NewRequested"]


async def test_checklist_hostile_text() -> None:
    checklist = RegroupChecklist()
    items = [
        ItemView("tt", None, "ti:[/]", due_on=TODAY),
        ItemView("td", None, "de:[/]", kind="decision", views=("vi:[/]",), choice="ch:[/]"),
    ]
    for n, bad in enumerate(HOSTILE):
        items.append(ItemView(f"t{n}", None, bad, why=bad, due_on=TODAY))
        views = (bad, f"For: {bad}")
        items.append(ItemView(f"d{n}", None, bad, "", "decision", views=views, choice=bad))
    async with hosted(checklist, size=(100, 80)) as pilot:
        checklist.set_items(items, f"he:{CLICK}", TODAY)
        await pilot.pause()
        assert_safe(pilot.app, f"he:{CLICK}", "ti:[/]", "de:[/]", "vi:[/]", "ch:[/]")
        await click_text(pilot, CLICK)
        await pilot.press("j", "space", "e", "d", "J", "K", "n")
        await pilot.pause()
        assert_safe(pilot.app)

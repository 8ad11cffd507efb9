"""A long lessons list reaches the screen in two steps: what fits first, the rest after.

So does a new search's list of results; the pane keeps options only for what it lists."""

from __future__ import annotations

from datetime import timedelta

from bounce_tui.domain.snapshot import LessonView
from bounce_tui.widgets.lessons_log import LessonsLog
from tests.ui.test_widgets import NOW, hosted


def many(count: int) -> list[LessonView]:
    return [
        LessonView(f"l{n}", f"Lesson number {n}", "interview", (), NOW - timedelta(hours=n), NOW)
        for n in range(count)
    ]


async def test_into_an_empty_list_what_fits_comes_first_and_the_rest_after_the_frame() -> None:
    log = LessonsLog()
    async with hosted(log, size=(100, 30)) as pilot:
        lessons = many(200)
        log.set_lessons(lessons, total=500)
        assert log.option_list.option_count == 30  # the terminal's height, for the first frame
        assert [v.lesson_id for v in log.shown] == [v.lesson_id for v in lessons[:30]]
        await pilot.pause()
        await pilot.pause()
        assert log.option_list.option_count == 200
        assert log.highlighted is not None and log.highlighted.lesson_id == "l0"


async def test_a_short_list_and_a_refill_are_listed_whole_at_once() -> None:
    log = LessonsLog()
    async with hosted(log, size=(100, 30)) as pilot:
        log.set_lessons(many(20), total=20)
        assert log.option_list.option_count == 20
        await pilot.pause()
        log.option_list.highlighted = 5
        log.set_lessons(many(120), total=120)  # not empty any more: listed whole
        assert log.option_list.option_count == 120
        assert log.highlighted is not None and log.highlighted.lesson_id == "l5"


def found(prefix: str, count: int) -> list[LessonView]:
    return [
        LessonView(
            f"{prefix}{n}", f"Salary story {prefix} {n}", "fit", (), NOW - timedelta(days=n), NOW
        )
        for n in range(count)
    ]


async def test_a_new_search_lists_what_fits_first_at_its_best_match() -> None:
    log = LessonsLog()
    async with hosted(log, size=(100, 30)) as pilot:
        log.set_lessons(many(300), total=100_000)
        await pilot.pause()
        await pilot.pause()
        log.search_input.value = "salary"
        await pilot.pause()
        results = found("r", 200)
        log.set_results("salary", results)
        assert log.option_list.option_count == 30
        assert log.highlighted is not None and log.highlighted.lesson_id == "r0"
        await pilot.pause()
        await pilot.pause()
        assert [v.lesson_id for v in log.shown] == [v.lesson_id for v in results]
        assert log.highlighted is not None and log.highlighted.lesson_id == "r0"


async def test_a_held_back_rest_never_joins_a_newer_list() -> None:
    log = LessonsLog()
    async with hosted(log, size=(100, 30)) as pilot:
        log.set_lessons(many(300), total=100_000)
        await pilot.pause()
        log.search_input.value = "salary"
        await pilot.pause()
        log.set_results("salary", found("a", 200))
        newer = found("b", 120)  # the same search read again (after a write), same frame
        log.set_results("salary", newer)
        for _ in range(4):
            await pilot.pause()
        assert log.option_list.option_count == len(newer)
        assert [v.lesson_id for v in log.shown] == [v.lesson_id for v in newer]


async def test_searches_do_not_pile_up_options_for_lessons_no_longer_listed() -> None:
    log = LessonsLog()
    async with hosted(log, size=(100, 30)) as pilot:
        given = many(300)
        log.set_lessons(given, total=100_000)
        for round_ in range(6):
            query = f"salary {round_}"
            log.search_input.value = query
            await pilot.pause()
            log.set_results(query, found(f"q{round_}-", 200))
            await pilot.pause()
            await pilot.pause()
        # The options kept: at most the lessons given and the 200 listed now (the
        # pane's cache, read here because nothing else shows its size).
        assert len(log._options) <= len(given) + 200
        log.search_input.value = ""
        await pilot.pause()
        assert [v.lesson_id for v in log.shown][:3] == ["l0", "l1", "l2"]

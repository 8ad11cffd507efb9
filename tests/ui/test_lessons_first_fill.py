"""A long lessons list reaches the screen in two steps: what fits first, the rest after."""

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

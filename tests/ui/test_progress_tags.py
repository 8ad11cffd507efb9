"""Pilot tests of "Tags and your days" on the progress screen, and of its use of a large terminal.

The history is `seed_history` (tests/ui/test_progress_screen.py): a walk on most
good days, `work` (in either case) every fifth day.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bounce_tui.domain.tag_moods import TagMood, TagMoods
from bounce_tui.widgets.mood_chart import MoodChart
from bounce_tui.widgets.tag_moods_panel import (
    NO_TAGS,
    NOTE,
    ROW_LIMIT,
    TagMoodsPanel,
    missing_line,
    tag_lines,
)
from tests.ui.conftest import Clock, open_store, running, wait_until
from tests.ui.test_progress_screen import at_local, open_progress, seed_history


def panel_text(panel: TagMoodsPanel) -> str:
    return " ".join(str(panel.visual).split())


async def test_the_tags_of_better_days_show_first(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        panel = screen.query_one(TagMoodsPanel)
        await wait_until(pilot, lambda: "walk" in panel_text(panel), "the tags")
        text = panel_text(panel)
        assert text.index("walk") < text.index("work")  # better days first
        assert "Work" not in text  # one tag, whatever its case
        assert " ".join(NOTE.split()) in text and "last 30 days" in text
        await pilot.press("3")
        await wait_until(pilot, lambda: "last 365 days" in panel_text(panel), "the year's tags")


async def test_without_enough_tagged_days_one_line_says_what_is_missing(
    db_path: Path, clock: Clock
) -> None:
    start = clock()
    store = open_store(db_path, clock)
    try:
        for offset in range(-10, 0):
            clock.set(at_local(offset))
            store.checkins.check_in(3, tags=["work"] if offset % 3 == 0 else [])
    finally:
        clock.set(start)
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        panel = screen.query_one(TagMoodsPanel)
        await wait_until(pilot, lambda: panel_text(panel), "the tags line")
        assert panel_text(panel) == (
            "Tags show here once one is used on 5 days; work is on 3 days of the last 30."
        )


async def test_no_tags_at_all_says_how_to_add_them(db_path: Path, clock: Clock) -> None:
    start = clock()
    store = open_store(db_path, clock)
    try:
        clock.set(start - timedelta(hours=1))
        store.checkins.check_in(3)
    finally:
        clock.set(start)
        store.close()
    async with running(db_path, clock) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        panel = screen.query_one(TagMoodsPanel)
        await wait_until(pilot, lambda: panel_text(panel), "the tags line")
        assert panel_text(panel) == " ".join(NO_TAGS.split())


async def test_a_hostile_tag_is_shown_as_text(db_path: Path, clock: Clock) -> None:
    seed_history(db_path, clock, hostile=True)
    async with running(db_path, clock, size=(100, 30)) as (app, pilot, _spy):
        screen = await open_progress(app, pilot)
        panel = screen.query_one(TagMoodsPanel)
        await pilot.press("3")
        await wait_until(pilot, lambda: "␛" in panel_text(panel), "the hostile tag")
        assert "[b]x␛" in panel_text(panel)


async def test_a_large_terminal_gets_a_larger_chart_with_the_tags_beside_it(
    db_path: Path, clock: Clock
) -> None:
    seed_history(db_path, clock)
    regions = {}
    for size in ((100, 30), (200, 60)):
        async with running(db_path, clock, size=size) as (app, pilot, _spy):
            screen = await open_progress(app, pilot)
            chart = screen.query_one(MoodChart)
            if size == (200, 60):
                await wait_until(pilot, lambda c=chart: c.region.height > 12, "the chart to grow")
            await pilot.pause()
            drawn = regions[size] = chart.region
            tags = screen.query_one("#progress-tags").region
            if size == (200, 60):
                assert screen.has_class("-wider")
                assert tags.x >= drawn.right and tags.y < drawn.bottom  # beside the chart
                assert tags.bottom <= 60  # on screen without scrolling
    small, large = regions[(100, 30)], regions[(200, 60)]
    assert large.width > small.width and large.height > small.height
    assert small.height == 12


def test_a_long_list_keeps_both_ends_and_a_common_tag_says_why_it_is_missing() -> None:
    tags = tuple(TagMood(f"tag{n:02}", 5.0 - n / 10, 5, 3.0, 10) for n in range(ROW_LIMIT + 4))
    lines = [str(line) for line in tag_lines(TagMoods(tags, 15), 30, width=40)]
    assert lines[1].startswith("tag00") and lines[-2].startswith(f"tag{ROW_LIMIT + 3}")
    assert "… 4 more in between" in lines
    common = TagMoods((), 20, nearest=("coffee", 18), too_common=True)
    assert str(missing_line(common, 30)) == (
        "coffee is on 18 of the 20 days you checked in, so fewer than 3 days without it"
        " are left to compare with."
    )

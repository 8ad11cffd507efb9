"""The lessons browser and a lesson's own screen: every key, with Pilot."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from bounce_tui.app import BounceApp
from bounce_tui.domain.browse import BrowseQuery, Sort
from bounce_tui.screens.confirm import ConfirmScreen
from bounce_tui.screens.lesson_detail import LessonScreen
from bounce_tui.screens.lesson_form import LessonForm
from bounce_tui.screens.lessons_browser import LessonsBrowser, due_words
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.rejection_detail import RejectionDetailScreen
from bounce_tui.screens.review import ReviewScreen

from .conftest import (
    NOW,
    Clock,
    one,
    open_store,
    running,
    screen_text,
    seed,
    settled,
    wait_until,
)

STORIES = "Prepare two stories about conflict"
TEAM = "Ask what the team struggles with"


def _seed_more(db: Path, clock: Clock, count: int) -> None:
    start = clock()
    store = open_store(db, clock)
    try:
        for n in range(count):
            clock.set(start - timedelta(minutes=50 - n))
            store.lessons.add_lesson(f"Extra lesson number {n}", category="mindset")
    finally:
        clock.set(start)
        store.close()


async def _browser(pilot: Pilot[Any], query: BrowseQuery | None = None) -> LessonsBrowser:
    app = pilot.app
    assert isinstance(app, BounceApp)
    if query is None:
        await pilot.press("b")
    else:
        await app.push_screen(LessonsBrowser(app.ctx, query))
    browser = await wait_until(
        pilot,
        lambda: isinstance(app.screen, LessonsBrowser) and app.screen.page and app.screen,
        "the browser's first page",
    )
    await settled(pilot)
    return browser  # type: ignore[no-any-return]


def _texts(browser: LessonsBrowser) -> list[str]:
    assert browser.page is not None
    return [row.text for row in browser.page.rows]


async def test_b_opens_the_browser_and_escape_goes_back(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        browser = await _browser(pilot)
        assert sorted(_texts(browser)) == sorted([STORIES, TEAM])
        drawn = await wait_until(
            pilot, lambda: "preparat" in screen_text(app) and screen_text(app), "the rows"
        )
        assert "1–2 of 2" in drawn and "sorted by due" in drawn
        assert "Front" in drawn and "Category" in drawn
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")


async def test_the_palette_command_opens_the_browser(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        await pilot.press("ctrl+p")
        await pilot.press(*"lesson: browse")
        await wait_until(pilot, lambda: "lesson: browse" in screen_text(app), "the command")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonsBrowser), "the browser")


async def test_filter_with_words_category_and_company(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        browser = await _browser(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"stor")
        await wait_until(pilot, lambda: _texts(browser) == [STORIES], "the filtered page")
        await pilot.press(*" at:glob")
        await wait_until(pilot, lambda: _texts(browser) == [], "no match")
        await wait_until(pilot, lambda: "No lesson matches" in screen_text(app), "the hint")
        browser.query_one("#browse-filter", Input).value = "cat:interview"
        await wait_until(pilot, lambda: _texts(browser) == [TEAM], "the category")
        await pilot.press("enter")  # back to the table
        assert app.focused is browser.table


async def test_s_and_S_sort_and_a_header_click_too(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        browser = await _browser(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: browser.page and browser.page.query.sort is Sort.ADDED)
        assert _texts(browser) == [STORIES, TEAM]
        await pilot.press("S")
        await wait_until(pilot, lambda: browser.page and browser.page.query.descending)
        assert _texts(browser) == [TEAM, STORIES]
        await wait_until(pilot, lambda: "sorted by added ↓" in screen_text(app), "the status")
        await pilot.click("#browse-table", offset=(30, 0))  # the "Back" heading
        await wait_until(pilot, lambda: browser.page and browser.page.query.sort is Sort.BACK)
        assert _texts(browser) == [TEAM, STORIES]


async def test_pages_with_brackets_and_g_G(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    _seed_more(db_path, clock, 5)  # 7 lessons
    async with running(db_path, clock) as (app, pilot, _):
        browser = await _browser(pilot, BrowseQuery(sort=Sort.ADDED, limit=3))

        async def showing(first: int, last: int) -> None:
            await wait_until(
                pilot,
                lambda: browser.page and (browser.page.first, browser.page.last) == (first, last),
                f"rows {first}-{last}",
            )
            await settled(pilot)

        await pilot.press("right_square_bracket")
        await showing(4, 6)
        await wait_until(pilot, lambda: "4–6 of 7" in screen_text(app), "the status")
        await pilot.press("right_square_bracket")
        await showing(7, 7)
        await pilot.press("left_square_bracket")
        await showing(4, 6)
        await pilot.press("g")
        await showing(1, 3)
        await pilot.press("G")
        await showing(5, 7)
        assert browser.table.cursor_row == 2  # the last lesson


async def test_enter_opens_the_lesson_in_full(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    long_back = "Say the number first, then why. " * 20
    store = open_store(db_path, clock)
    lesson = store.lessons.add_lesson(long_back, category="interview", rejection_id=seeded.acme)
    store.reviews.grade_lesson(lesson, 3)
    store.close()
    async with running(db_path, clock, size=(100, 40)) as (app, pilot, _):
        browser = await _browser(pilot, BrowseQuery(sort=Sort.ADDED, descending=True))
        assert browser.highlighted is not None and browser.highlighted.lesson_id == lesson
        await pilot.press("enter")
        screen = await wait_until(
            pilot,
            lambda: isinstance(app.screen, LessonScreen) and app.screen.detail and app.screen,
            "the lesson",
        )
        assert screen.lesson_id == lesson
        drawn = screen_text(app)
        assert drawn.count("Say the number first") >= 15  # the back in full, wrapped
        assert "made from its context" in drawn  # no front of its own
        assert "From Acme — Backend engineer, final" in drawn
        assert "Reviews (1)" in drawn and "good" in drawn
        assert "Due tomorrow" in drawn or "Due " in drawn
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is browser, "the browser again")


async def test_enter_in_the_lessons_pane_opens_the_lesson(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        await pilot.press("2")
        await pilot.press("enter")
        screen = await wait_until(
            pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen, "the lesson"
        )
        assert screen.lesson_id == seeded.lessons[TEAM]  # the newest is highlighted
        await wait_until(pilot, lambda: TEAM in screen_text(app), "its back")
        assert "Not tied to a rejection." in screen_text(app)
        assert "Not reviewed yet." in screen_text(app)


async def _lesson_screen(pilot: Pilot[Any], lesson_id: str) -> LessonScreen:
    app = pilot.app
    assert isinstance(app, BounceApp)
    screen = LessonScreen(app.ctx, lesson_id)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.detail is not None, "the lesson")
    await settled(pilot)
    return screen


async def test_e_edits_and_the_screen_shows_the_change(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        screen = await _lesson_screen(pilot, seeded.lessons[STORIES])
        await pilot.press("e")
        form = await wait_until(
            pilot, lambda: isinstance(app.screen, LessonForm) and app.screen, "the form"
        )
        assert isinstance(form, LessonForm)
        form.query_one("#prompt", Input).value = "They asked about a disagreement"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen, "back on the lesson")
        await wait_until(
            pilot,
            lambda: "They asked about a disagreement" in screen_text(app),
            "the new front",
        )
        assert "made from its context" not in screen_text(app)


async def test_d_asks_deletes_and_u_brings_it_back(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    lesson = seeded.lessons[STORIES]
    async with running(db_path, clock) as (app, pilot, spy):
        browser = await _browser(pilot)
        await _lesson_screen(pilot, lesson)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("n")
        await settled(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert one(db_path, "SELECT count(*) FROM lesson WHERE id = ?", lesson) == 1
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is browser, "back in the browser")
        await wait_until(pilot, lambda: _texts(browser) == [TEAM], "the browser without it")
        assert spy.matching("press u to undo")
        await pilot.press("u")
        await wait_until(pilot, lambda: len(_texts(browser)) == 2, "the lesson back")
        assert one(db_path, "SELECT count(*) FROM lesson WHERE id = ?", lesson) == 1


async def test_v_reviews_this_card_now(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    lesson = seeded.lessons[TEAM]
    async with running(db_path, clock) as (app, pilot, _):
        await _lesson_screen(pilot, lesson)
        await pilot.press("v")
        review = await wait_until(
            pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the review"
        )
        assert [card.lesson_id for card in review.cards] == [lesson]
        assert not review.drill  # it is due: a real review
        await pilot.press("space", "3")
        await wait_until(pilot, lambda: review.showing == "summary", "the summary")
        await settled(pilot)
        assert one(db_path, "SELECT count(*) FROM lesson_review WHERE lesson_id = ?", lesson) == 1
        await pilot.press("escape")
        screen = await wait_until(
            pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen, "the lesson"
        )
        await wait_until(pilot, lambda: "Reviews (1)" in screen_text(app), "its new grade")
        # not due any more: v now drills it, and the schedule stays
        await pilot.press("v")
        drill = await wait_until(
            pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen, "the drill"
        )
        assert drill.drill and not drill.reschedule
        assert screen.detail is not None


async def test_o_opens_its_rejection_only_when_it_has_one(db_path: Path, clock: Clock) -> None:
    seeded = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _):
        screen = await _lesson_screen(pilot, seeded.lessons[TEAM])
        assert screen.check_action("open_rejection", ()) is False
        await pilot.press("o")
        await settled(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await _lesson_screen(pilot, seeded.lessons[STORIES])
        await pilot.press("o")
        detail = await wait_until(
            pilot,
            lambda: isinstance(app.screen, RejectionDetailScreen) and app.screen,
            "the rejection",
        )
        assert detail.rejection_id == seeded.acme


async def test_user_text_is_never_markup(db_path: Path, clock: Clock) -> None:
    clock.set(NOW)
    store = open_store(db_path, clock)
    rejection = store.rejections.log_rejection("[/] Acme [b]", stage="final")
    lesson = store.lessons.add_lesson(
        "[/] close [red]this\x1b[31m", category="interview", tags=["[/]"],
        rejection_id=rejection, prompt="[bold]front[/bold] [/]",
    )  # fmt: skip
    store.close()
    async with running(db_path, clock) as (app, pilot, _):
        await _browser(pilot)
        await wait_until(pilot, lambda: "[/] close [red]this␛[31m" in screen_text(app), "row")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LessonScreen), "the lesson")
        await wait_until(pilot, lambda: "[bold]front[/bold] [/]" in screen_text(app), "front")
        assert "From [/] Acme [b]" in screen_text(app)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == lesson


def test_due_words() -> None:
    assert due_words(NOW - timedelta(days=3), NOW) == "now"
    assert due_words(NOW + timedelta(minutes=20), NOW) == "in 20 min"
    assert due_words(NOW + timedelta(days=1), NOW) == "tomorrow"
    assert due_words(NOW + timedelta(days=12), NOW) == "in 12 d"
    assert due_words(NOW + timedelta(days=400), NOW) == "Apr 2027"

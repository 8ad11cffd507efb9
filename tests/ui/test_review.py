"""Pilot tests of the review screen, the drill form and the interview form.

The real BounceApp runs on a temp database seeded through the Store with a
settable clock; each key press is followed by polling the file (read-only, like
another process) and the screen's `busy` flag until the worker has finished.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, Static

from bounce_tui.app import BounceApp
from bounce_tui.domain.dates import MOMENT_FORMAT_HELP
from bounce_tui.domain.lessons import DrillFilter
from bounce_tui.screens.drill_form import EMPTY_DRILL_ERROR, DrillForm, DrillRequest
from bounce_tui.screens.interview_form import PAST_ERROR, InterviewForm, InterviewInput
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.review import TOO_EARLY, ReviewScreen
from tests.ui.conftest import (
    BERLIN,
    NOW,
    Clock,
    one,
    open_store,
    rows,
    running,
    screen_text,
    settled,
    wait_until,
)

STORIES_FRONT = "Asked about a disagreement with a manager"
STORIES = "Prepare two stories about conflict\nUse STAR: one deadline, one disagreement."
TEAM = "Ask what the team struggles with"
SLEEP = "Sleep well before the flight"
SIZE = (80, 24)


def seed_lessons(
    db: Path,
    clock: Clock,
    texts: tuple[str, ...] = (STORIES, TEAM, SLEEP),
    fronts: tuple[str, ...] = (STORIES_FRONT,),
) -> list[str]:
    """A rejection from Acme 3 days ago and lessons due one minute apart (in this order).

    The first lesson has a front of its own; the others get one made from their context.
    """
    start = clock()
    store = open_store(db, clock)
    try:
        clock.set(start - timedelta(days=3))
        acme = store.rejections.log_rejection("Acme", role="Data analyst", stage="final")
        ids = []
        for n, text in enumerate(texts):
            clock.set(start - timedelta(days=3) + timedelta(minutes=n))
            first = n == 0
            ids.append(
                store.lessons.add_lesson(
                    text,
                    category="preparation" if first else "interview",
                    tags=["stories"] if first else [],
                    rejection_id=acme if first else None,
                    prompt=fronts[n] if n < len(fronts) else "",
                )
            )
    finally:
        clock.set(start)
        store.close()
    return ids


def due_of(db: Path, lesson_id: str) -> str:
    return one(db, "SELECT due FROM lesson WHERE id = ?", lesson_id)


def reviews(db: Path) -> list[tuple[Any, ...]]:
    return rows(db, "SELECT lesson_id, grade, drill FROM lesson_review ORDER BY reviewed_at")


def flat(text: str) -> str:
    for border in "│╭╮╰╯─▔▁":
        text = text.replace(border, " ")
    return " ".join(text.split())


async def open_review(
    app: BounceApp, pilot: Pilot[Any], screen: ReviewScreen | None = None
) -> ReviewScreen:
    """Push the review screen and wait until its first view is loaded and drawn."""
    review = screen or ReviewScreen(app.ctx)
    await app.push_screen(review)

    def drawn() -> bool:
        if review.showing == "loading" or review.busy or app.screen is not review:
            return False
        if review.showing == "card":
            return f"1 of {len(review.cards)}" in shown(app)
        # Every line of the message: its first line can be drawn before the rest.
        lines = [flat(line) for line in review._last_message.split("\n") if line.strip()]
        return all(line in shown(app) for line in lines)

    await wait_until(pilot, drawn, "the first view")
    return review


async def press(pilot: Pilot[Any], review: ReviewScreen, *keys: str) -> None:
    """Press keys one at a time, letting each store call finish."""
    for key in keys:
        await pilot.press(key)
        await wait_until(pilot, lambda: not review.busy, f"after {key}")
    await pilot.pause()


def shown(app: BounceApp) -> str:
    return flat(screen_text(app))


async def until_shown(pilot: Pilot[Any], *needles: str) -> str:
    """Wait until the screen shows every needle (the state may be set before it is drawn)."""
    app = pilot.app
    assert isinstance(app, BounceApp)
    return await wait_until(
        pilot, lambda: all(n in shown(app) for n in needles) and shown(app), repr(needles)
    )


# -- a round of review -------------------------------------------------------------------


async def test_front_first_then_space_shows_the_back(db_path: Path, clock: Clock) -> None:
    seed_lessons(db_path, clock)
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        text = shown(app)
        assert STORIES_FRONT in text
        assert "1 of 3" in text
        assert "Prepare two stories" not in text and "never reviewed" not in text
        await press(pilot, review, "space")
        text = shown(app)
        assert "Prepare two stories about conflict" in text
        assert "Use STAR: one deadline, one disagreement." in text
        assert "preparation · #stories" in text
        assert "from Acme — Data analyst, final, 7 Mar" in text
        assert "never reviewed" in text
        # Each grade says when the card would come back, before it is pressed.
        for label in ("1 again · ", "2 hard · ", "3 good · ", "4 easy · "):
            assert label in text
        assert "1 again · 1 day" in text


@pytest.mark.parametrize("grade", [1, 2, 3, 4])
async def test_each_grade_is_written_and_moves_due_forward(
    db_path: Path, clock: Clock, grade: int
) -> None:
    ids = seed_lessons(db_path, clock)
    before = due_of(db_path, ids[0])
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        await press(pilot, review, "space", str(grade))
        await wait_until(pilot, lambda: reviews(db_path), "the grade row")
        assert reviews(db_path) == [(ids[0], grade, 0)]
        assert due_of(db_path, ids[0]) > before
        assert datetime.fromisoformat(due_of(db_path, ids[0])) > NOW
        await until_shown(pilot, "2 of 3", "what would you answer differently?")
        assert not review.revealed and "Ask what the team" not in shown(app)


async def test_s_leaves_a_card_for_later_without_a_grade(db_path: Path, clock: Clock) -> None:
    ids = seed_lessons(db_path, clock)
    before = due_of(db_path, ids[0])
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        await press(pilot, review, "s")
        await until_shown(pilot, "2 of 3", "Left for later — it stays due.")
        await press(pilot, review, "space", "s", "space", "3")
        text = await until_shown(pilot, "Done — 1 lesson reviewed, 2 left for later (still due).")
        assert "2 lessons due now — press r to review them." in text
        assert [r[0] for r in reviews(db_path)] == [ids[2]]
        assert due_of(db_path, ids[0]) == before


async def test_grade_keys_before_the_back_write_nothing(db_path: Path, clock: Clock) -> None:
    ids = seed_lessons(db_path, clock)
    async with running(db_path, clock, size=SIZE) as (app, pilot, spy):
        review = await open_review(app, pilot)
        await press(pilot, review, "3", "1")
        assert spy.matching(TOO_EARLY)
        assert "1 of 3" in shown(app)
        # The next real grade is the only row: the early keys started no write.
        await press(pilot, review, "space", "2")
        await wait_until(pilot, lambda: reviews(db_path), "the grade row")
        assert reviews(db_path) == [(ids[0], 2, 0)]


async def test_u_takes_the_grade_back_and_shows_that_card_again(
    db_path: Path, clock: Clock
) -> None:
    ids = seed_lessons(db_path, clock)
    before = due_of(db_path, ids[0])
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        assert review.check_action("undo", ()) is False
        await press(pilot, review, "space", "4")
        await wait_until(pilot, lambda: reviews(db_path), "the grade row")
        assert due_of(db_path, ids[0]) != before
        assert review.check_action("undo", ()) is True
        await press(pilot, review, "u")
        await wait_until(pilot, lambda: not reviews(db_path), "the row to go")
        assert due_of(db_path, ids[0]) == before
        text = shown(app)
        assert "1 of 3" in text and "Use STAR" in text and review.revealed
        assert review.check_action("undo", ()) is False
        await press(pilot, review, "3")
        await wait_until(pilot, lambda: reviews(db_path), "the new grade")
        assert reviews(db_path) == [(ids[0], 3, 0)]


async def test_the_end_shows_counts_and_the_next_due_date(db_path: Path, clock: Clock) -> None:
    seed_lessons(db_path, clock)
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        await press(pilot, review, "space", "3", "space", "1", "space", "4")
        text = await until_shown(pilot, "Done — 3 lessons reviewed.", "The next lesson is due")
        assert review.showing == "summary" and review.due_now == 0
        assert len(reviews(db_path)) == 3
        next_due = min(
            datetime.fromisoformat(d) for (d,) in rows(db_path, "SELECT due FROM lesson")
        )
        assert next_due == NOW + timedelta(days=1)  # "again" brings it back tomorrow
        assert "again 1 · hard 0 · good 1 · easy 1" in text
        assert "The next lesson is due Wed 11 Mar, 10:30 (tomorrow)." in text
        assert review.check_action("review_due", ()) is False
        assert review.check_action("drill", ()) is True
        # Undo from the summary goes back to the last card.
        await press(pilot, review, "u")
        await wait_until(pilot, lambda: len(reviews(db_path)) == 2)
        await until_shown(pilot, "3 of 3", "Sleep well before the flight")
        assert review.showing == "card" and review.revealed


async def test_bindings_follow_what_is_shown(db_path: Path, clock: Clock) -> None:
    seed_lessons(db_path, clock)
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)

        def footer_keys() -> set[str]:
            return {k for k, b in review.active_bindings.items() if b.binding.show}

        assert {"space", "escape"} <= footer_keys()
        assert not {"1", "2", "3", "4", "u", "d", "r"} & footer_keys()
        await press(pilot, review, "space")
        assert {"1", "2", "3", "4", "escape"} <= footer_keys()
        assert not {"space", "u", "d"} & footer_keys()
        await press(pilot, review, "2")
        assert "u" in footer_keys()


async def test_the_mouse_can_reveal_and_grade(db_path: Path, clock: Clock) -> None:
    ids = seed_lessons(db_path, clock)
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        await pilot.click("#reveal")
        await wait_until(pilot, lambda: review.revealed, "the back")
        await pilot.click("#grade-2")
        await wait_until(pilot, lambda: reviews(db_path), "the grade row")
        assert reviews(db_path) == [(ids[0], 2, 0)]


async def test_escape_and_q_go_back_to_the_main_screen(db_path: Path, clock: Clock) -> None:
    seed_lessons(db_path, clock)
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        for key in ("escape", "q"):
            await open_review(app, pilot)
            await pilot.press(key)
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        assert app.is_running


# -- nothing due, and drills -------------------------------------------------------------------


def grade_all_good(db: Path, clock: Clock, ids: list[str]) -> None:
    store = open_store(db, clock)
    try:
        for lesson_id in ids:
            store.reviews.grade_lesson(lesson_id, 3)
    finally:
        store.close()


async def test_no_lessons_yet_says_so_and_offers_no_drill(db_path: Path, clock: Clock) -> None:
    open_store(db_path, clock).close()
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        assert review.showing == "empty"
        assert "No lessons yet — keep one with n on the main screen." in shown(app)
        assert review.check_action("drill", ()) is False
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is review


@pytest.mark.parametrize("reschedule", [False, True])
async def test_nothing_due_then_a_drill(db_path: Path, clock: Clock, reschedule: bool) -> None:
    ids = seed_lessons(db_path, clock)
    grade_all_good(db_path, clock, ids)
    dues = {i: due_of(db_path, i) for i in ids}
    next_due = min(datetime.fromisoformat(d) for d in dues.values())
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        assert review.showing == "empty"
        text = shown(app)
        assert "Nothing is due right now." in text
        local = next_due.astimezone(BERLIN)
        assert f"The next lesson is due {local:%a} {local.day} {local:%b}, {local:%H:%M}" in text
        assert review.check_action("drill", ()) is True
        await pilot.press("d")
        form = await wait_until(pilot, lambda: isinstance(app.screen, DrillForm) and app.screen)
        form.query_one("#company", Input).value = "acme"
        form.query_one("#reschedule", Checkbox).value = reschedule
        await pilot.press("ctrl+s")
        await until_shown(pilot, "Drill: acme", "1 of 1", STORIES_FRONT)
        assert app.screen is review and review.showing == "card" and not review.busy
        await press(pilot, review, "space", "1")
        await wait_until(pilot, lambda: reviews(db_path)[3:], "the drill grade")
        assert reviews(db_path)[3:] == [(ids[0], 1, 0 if reschedule else 1)]
        assert (due_of(db_path, ids[0]) != dues[ids[0]]) is reschedule
        assert all(due_of(db_path, i) == dues[i] for i in ids[1:])
        text = await until_shown(pilot, "Done — 1 lesson reviewed.", "The next lesson is due")
        kept = "Drill grades are kept in the history; the schedule is unchanged."
        assert (kept in text) is not reschedule
        assert ("Wed 11 Mar, 10:30 (tomorrow)" in text) is reschedule


async def test_a_drill_that_matches_nothing_stays_put(db_path: Path, clock: Clock) -> None:
    ids = seed_lessons(db_path, clock)
    grade_all_good(db_path, clock, ids)
    async with running(db_path, clock, size=SIZE) as (app, pilot, spy):
        review = await open_review(app, pilot)
        review.start_drill(DrillRequest(DrillFilter(company="Globex")))
        await wait_until(pilot, lambda: spy.matching("No lessons match this drill"))
        assert review.showing == "empty"


async def test_cards_handed_in_are_drilled_without_rescheduling(
    db_path: Path, clock: Clock
) -> None:
    ids = seed_lessons(db_path, clock)
    before = due_of(db_path, ids[1])
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        assert app.ctx.store is not None
        cards = app.ctx.store.read.drill_lessons(DrillFilter(category="interview"))
        review = await open_review(
            app, pilot, ReviewScreen(app.ctx, cards, title="Drill: interview", drill=True)
        )
        assert "Drill: interview" in shown(app) and "1 of 2" in shown(app)
        await press(pilot, review, "space", "3", "space", "3")
        await wait_until(pilot, lambda: len(reviews(db_path)) == 2)
        assert {r[2] for r in reviews(db_path)} == {1}
        assert due_of(db_path, ids[1]) == before
        await until_shown(pilot, "3 lessons due now — press r to review them.")
        await press(pilot, review, "r")
        await until_shown(pilot, "Review", "1 of 3")
        assert review.showing == "card" and not review.drill


# -- hostile text ----------------------------------------------------------------------------

HOSTILE_FRONT = "[/] [@click=app.quit]x[/] \x1b[31mred nul\x00byte"
HOSTILE_BACK = "[bold]back[/] \x1b[31mansi \x00nul [@click=app.quit]y[/]"
LONG = "z" * 10_000


def exported(app: App[Any]) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def test_hostile_text_is_shown_literally(db_path: Path, clock: Clock) -> None:
    texts = (HOSTILE_BACK, LONG, f"front\n{LONG}")
    seed_lessons(db_path, clock, texts, fronts=(HOSTILE_FRONT,))
    store = open_store(db_path, clock)
    try:
        bad = store.rejections.log_rejection("[b]Evil[/b] \x1b[2J", role="[/]", stage="screen")
        store.lessons.add_lesson("[/]\n[/]", category="mindset", tags=["[@click=app.quit]t"],
                         rejection_id=bad)  # fmt: skip
    finally:
        store.close()
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        front = exported(app)
        assert "[/] [@click=app.quit]x[/] ␛[31mred nul␀byte" in front
        await press(pilot, review, "space")
        back = exported(app)
        assert "[bold]back[/] ␛[31mansi ␀nul [@click=app.quit]y[/]" in back
        await press(pilot, review, "3", "space")
        assert "z" * 60 in exported(app)
        await press(pilot, review, "3", "space")
        assert "z" * 60 in exported(app) and "front" in exported(app)
        await press(pilot, review, "3", "space")
        last = exported(app)
        assert "#[@click=app.quit]t" in last
        assert "from [b]Evil[/b] ␛[2J — [/], screen" in last
        await press(pilot, review, "3")
        await wait_until(pilot, lambda: review.showing == "summary")
        assert app.is_running and len(reviews(db_path)) == 4


async def test_opened_before_the_store_is_ready(db_path: Path, clock: Clock) -> None:
    seed_lessons(db_path, clock)
    app = BounceApp(db_path, now=clock, tz=BERLIN, tick_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        review = ReviewScreen(app.ctx)
        await app.push_screen(review)
        await wait_until(pilot, lambda: "1 of 3" in shown(app), "the first card")
        assert review.showing == "card" and STORIES_FRONT in shown(app)
        await settled(pilot)  # the main screen's first load too, before the app stops


async def test_nothing_due_turns_into_r_when_a_lesson_falls_due(
    db_path: Path, clock: Clock
) -> None:
    ids = seed_lessons(db_path, clock)
    grade_all_good(db_path, clock, ids)
    async with running(db_path, clock, size=SIZE) as (app, pilot, _):
        review = await open_review(app, pilot)
        assert review.check_action("review_due", ()) is False
        clock.advance(days=30)
        app.ctx.every_second()
        await until_shown(pilot, "A lesson is due now — press r to review it.")
        assert review.check_action("review_due", ()) is True
        await press(pilot, review, "r")
        await until_shown(pilot, "1 of 3")


# -- the forms -------------------------------------------------------------------------------


class Host(App[None]):
    """Pushes one form on mount and records what it returns."""

    def __init__(self, make: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make = make
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)


def error_text(app: App[Any]) -> str:
    return str(app.screen.query_one("#error", Static).content)


async def test_drill_form_refuses_an_empty_filter() -> None:
    app = Host(lambda: DrillForm(["Acme", "Globex"]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(app) == EMPTY_DRILL_ERROR
        assert app.results == [] and isinstance(app.screen, DrillForm)
        app.screen.query_one("#category", Select).value = "logistics"
        app.screen.query_one("#tag", Input).value = " Travel "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [
            DrillRequest(DrillFilter(category="logistics", tag="travel"), reschedule=False)
        ]


async def test_drill_form_starts_from_initial_and_suggests_companies() -> None:
    initial = DrillFilter(company="Acme", stage="final")
    app = Host(lambda: DrillForm(["Acme", "Globex"], initial=initial))
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#stage", Select).value == "final"
        company = app.screen.query_one("#company", Input)
        company.value = ""
        company.focus()
        await pilot.press("g", "l", "right")
        await pilot.pause()
        assert company.value == "Globex"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [DrillRequest(DrillFilter(company="Globex", stage="final"))]
        assert app.results[0].title == "Drill: Globex · final"


def interview_app() -> Host:
    return Host(lambda: InterviewForm(NOW, BERLIN))


async def fill_and_save(app: Host, pilot: Pilot[Any], **values: str) -> None:
    for field_id, value in values.items():
        app.screen.query_one(f"#{field_id}", Input).value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_interview_form_returns_an_aware_utc_moment() -> None:
    app = interview_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#stage", Select).value == "interview"
        await fill_and_save(app, pilot, company=" Acme ", role="Analyst", at="2026-03-12 14:00")
        assert app.results == [
            InterviewInput(
                "Acme", datetime(2026, 3, 12, 13, 0, tzinfo=timezone.utc), "Analyst", "interview"
            )
        ]


async def test_interview_form_accepts_today() -> None:
    app = interview_app()
    async with app.run_test(size=SIZE) as pilot:
        await fill_and_save(app, pilot, company="Acme", at="today")
        assert [r.at for r in app.results] == [NOW]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"company": "Acme", "at": "2026-03-09"}, PAST_ERROR),
        ({"company": "Acme", "at": "yesterday"}, PAST_ERROR),
        ({"company": "Acme", "at": "next week"}, MOMENT_FORMAT_HELP),
        ({"company": "Acme", "at": ""}, MOMENT_FORMAT_HELP),
        ({"company": "   ", "at": "today"}, "company must not be empty"),
    ],
)
async def test_interview_form_refuses_bad_input(values: dict[str, str], message: str) -> None:
    app = interview_app()
    async with app.run_test(size=SIZE) as pilot:
        await fill_and_save(app, pilot, **values)
        assert error_text(app) == message
        assert app.results == [] and isinstance(app.screen, InterviewForm)


def test_the_summary_says_it_for_one_lesson_due_and_them_for_more() -> None:
    from bounce_tui.screens.review_summary import Tally, summary_text

    one_due = summary_text(Tally(), None, 1, NOW).plain
    assert "1 lesson due now — press r to review it." in one_due
    assert "review them" in summary_text(Tally(), None, 2, NOW).plain

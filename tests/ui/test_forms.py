"""Pilot tests of the modal forms: valid input returns a result, bad input never does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

from bounce_tui.domain.dates import DAY_FORMAT_HELP, MOMENT_FORMAT_HELP
from bounce_tui.domain.snapshot import ItemView, LessonView, RejectionView
from bounce_tui.screens.checkin_form import NO_MOOD_ERROR, CheckInForm, CheckInInput, MoodPicker
from bounce_tui.screens.choice_form import ChoiceForm
from bounce_tui.screens.close_out_form import CloseOutForm
from bounce_tui.screens.confirm import ConfirmScreen
from bounce_tui.screens.form_base import FormScreen
from bounce_tui.screens.item_form import ItemForm, ItemInput
from bounce_tui.screens.lesson_form import LessonForm, LessonInput
from bounce_tui.screens.rejection_form import FUTURE_ERROR, RejectionForm, RejectionInput

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 10)
SIZE = (80, 24)
HOSTILE = (
    "[/]",
    "[bold]x",
    "[@click=app.quit]x[/]",
    "\x1b[31mred",
    "nul\x00byte",
    "emoji 🧑‍💻🎉",
    "x" * 10_000,
)
ACME = RejectionView("r-acme", "Acme", "Backend engineer", "interview", NOW)


class Host(App[None]):
    """Pushes one form on mount and records what it returns; `q` quits, as in BounceApp."""

    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, make: Callable[[], Screen[Any]] | None) -> None:
        super().__init__()
        self.make = make
        self.results: list[Any] = []

    def on_mount(self) -> None:
        if self.make is not None:
            self.push_screen(self.make(), self.results.append)


def error_text(app: App[Any]) -> str:
    return str(app.screen.query_one("#error", Static).content)


def rendered(widget: Any) -> str:
    """The text a widget and its descendants actually draw, line by line."""
    leaves = [widget, *widget.query("*")]
    return "\n".join(
        leaf.render_line(y).text for leaf in leaves if leaf.display for y in range(leaf.size.height)
    )


def fill(app: App[Any], **values: Any) -> None:
    """Set fields directly (Input value, TextArea text, Select value, mood)."""
    for field_id, value in values.items():
        widget = app.screen.query_one(f"#{field_id}")
        if isinstance(widget, MoodPicker):
            widget.action_pick(value)
        elif isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value


async def type_into(pilot: Any, field_id: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field_id}").focus()
    await pilot.press(*text)


async def run_form(make: Callable[[], Screen[Any]], *keys: str, **values: Any) -> list[Any]:
    """Open a form, set `values`, press `keys`; return what the form returned."""
    app = Host(make)
    async with app.run_test(size=SIZE) as pilot:
        fill(app, **values)
        await pilot.press(*keys)
    return app.results


async def assert_refused(app: App[Any], form_type: type, message: str, field_id: str) -> None:
    assert message in error_text(app)
    assert isinstance(app.screen, form_type), "the form must stay open"
    assert app.results == []
    assert app.focused is app.screen.query_one(f"#{field_id}")


# -- rejection ---------------------------------------------------------------------


def rejection(**kwargs: Any) -> Callable[[], RejectionForm]:
    return lambda: RejectionForm(NOW, BERLIN, **kwargs)


async def test_rejection_valid_submission_returns_every_field() -> None:
    app = Host(rejection())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Acme")  # the company field has focus first
        await pilot.press("tab", *"Dev", "tab", "enter", "down", "enter")  # stage: final
        assert app.screen.query_one("#stage", Select).value == "final"
        fill(app, received="2026-03-08 14:05", channel="call", contact="Dana")
        await type_into(pilot, "notes", "[b]x")
        await pilot.press("enter", *"y")  # the notes take more than one line
        await pilot.press("ctrl+s")
    (result,) = app.results
    assert result == RejectionInput(
        company="Acme",
        role="Dev",
        stage="final",
        received_at=datetime(2026, 3, 8, 13, 5, tzinfo=timezone.utc),  # 14:05 in Berlin
        channel="call",
        mourn_days=3,
        contact="Dana",
        notes="[b]x\ny",
    )
    assert result.received_at.utcoffset() == timedelta(0)


async def test_rejection_defaults_and_ctrl_s() -> None:
    (result,) = await run_form(rejection(), *"  Acme  ", "ctrl+s")
    assert result == RejectionInput("Acme", "", "interview", NOW, "email", 2, "", "")


async def test_mourning_days_follow_stage_until_edited() -> None:
    app = Host(rejection(mourning_overrides={"applied": 2}))
    async with app.run_test(size=SIZE) as pilot:
        stage = app.screen.query_one("#stage", Select)
        days = app.screen.query_one("#days", Input)
        shown = [days.value]
        for pick in ("final", "applied"):
            stage.value = pick
            await pilot.pause()
            shown.append(days.value)
        days.value = ""
        await type_into(pilot, "days", "5")
        stage.value = "screen"
        await pilot.pause()
        shown.append(days.value)
        await type_into(pilot, "company", "Acme")
        await pilot.press("enter")
    assert shown == ["2", "3", "2", "5"]  # "applied" uses the override; typed 5 stays
    assert [(r.stage, r.mourn_days) for r in app.results] == [("screen", 5)]


async def test_rejection_edit_mode_prefills_and_hides_days() -> None:
    received = datetime(2026, 3, 8, 13, 5, 42, tzinfo=timezone.utc)
    view = RejectionView("r1", "Acme", "Dev", "final", received, "call", "Dana", "notes")
    make = rejection(initial=view, mourning_overrides={"screen": 4})
    app = Host(make)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one("#received", Input).value == "2026-03-08 14:05"  # Berlin
        assert screen.query_one("#company", Input).value == "Acme"
        assert screen.query_one("#stage", Select).value == "final"
        assert not screen.query_one("#days-row").display
        await pilot.press("ctrl+s")
    # unchanged: the exact moment (seconds included) and the stage's default length
    assert app.results == [
        RejectionInput("Acme", "Dev", "final", received, "call", 3, "Dana", "notes")
    ]
    (edited,) = await run_form(make, "ctrl+s", stage="screen", received="yesterday")
    assert (edited.stage, edited.mourn_days) == ("screen", 4)
    assert edited.received_at == datetime(2026, 3, 9, 11, 0, tzinfo=timezone.utc)


# -- check-in ----------------------------------------------------------------------


async def test_checkin_valid_submission() -> None:
    app = Host(CheckInForm)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "4")  # the mood control has focus; the last digit wins
        fill(app, energy=3, note="slept well")
        await type_into(pilot, "tags", "A,b  a")
        await pilot.press("enter")
    assert app.results == [CheckInInput(mood=4, energy=3, note="slept well", tags=("a", "b"))]


async def test_checkin_mood_by_arrow_keys_and_no_energy() -> None:
    results = await run_form(CheckInForm, "right", "right", "right", "space", "ctrl+s")
    assert results == [CheckInInput(mood=3, energy=None, note="", tags=())]  # none, 1, 2, 3


async def test_checkin_digits_type_into_the_note_not_the_mood() -> None:
    app = Host(CheckInForm)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await type_into(pilot, "note", "3 h")
        await pilot.press("enter")
    assert [(r.mood, r.note) for r in app.results] == [(5, "3 h")]


async def test_checkin_without_mood_is_refused_until_picked() -> None:
    app = Host(CheckInForm)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "note", "meh")
        await pilot.press("enter")
        await assert_refused(app, CheckInForm, NO_MOOD_ERROR, "mood")
        await pilot.press("1", "ctrl+s")
    assert [r.mood for r in app.results] == [1]


async def test_checkin_edit_round_trip() -> None:
    start = CheckInInput(mood=2, energy=5, note="[/] tired\x00", tags=("work", "[b]"))
    assert await run_form(lambda: CheckInForm(start), "ctrl+s") == [start]


# -- lesson and checklist item -----------------------------------------------------


OTHER = RejectionView("r-other", "Globex", "", "final", NOW)


async def test_lesson_valid_submission() -> None:
    app = Host(lambda: LessonForm([ACME, OTHER]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Why leave", "enter")  # the situation line: enter goes on
        await pilot.press(*"Be", "enter", *"on")  # a TextArea: enter is a newline
        fill(app, category="preparation", tags="star, Stories")
        app.screen.query_one("#rejection", Select).focus()
        await pilot.press("enter", "down", "down", "enter")  # (none) -> Acme -> Globex
        await pilot.press("ctrl+s")
    assert app.results == [
        LessonInput("Be\non", "preparation", ("star", "stories"), "r-other", "Why leave")
    ]


async def test_ctrl_a_in_the_lesson_text_selects_all_so_typing_replaces_it() -> None:
    lesson = LessonView("l1", "old words here", "fit", (), NOW, NOW)
    kept = await run_form(
        lambda: LessonForm([ACME], initial=lesson), "tab", "ctrl+a", *"new", "ctrl+s"
    )
    assert kept[0].text == "new"


async def test_lesson_defaults_and_links() -> None:
    preselected = await run_form(
        lambda: LessonForm([ACME], default_rejection_id="r-acme"), "tab", *"x", "ctrl+s"
    )
    assert preselected == [LessonInput("x", "interview", (), "r-acme")]
    unlinked = await run_form(lambda: LessonForm([ACME]), "tab", *"x", "ctrl+s")
    assert unlinked[0].rejection_id is None
    # editing keeps a link to a rejection that was not passed in, and the front
    lesson = LessonView(
        "l1", "Ask", "fit", ("team",), NOW, NOW, "r-gone", "Initech", prompt="Asked [b]why[/b]"
    )
    kept = await run_form(lambda: LessonForm([ACME], initial=lesson), "ctrl+s")
    assert kept == [LessonInput("Ask", "fit", ("team",), "r-gone", "Asked [b]why[/b]")]


async def test_item_valid_submission_and_edit_round_trip() -> None:
    app = Host(lambda: ItemForm(TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Mock")
        fill(app, why="practice out loud", kind="decision", due="2026-03-12")
        await pilot.press("tab", "tab", "tab", "enter")  # enter in the due field saves
    assert app.results == [ItemInput("Mock", "practice out loud", "decision", date(2026, 3, 12))]
    view = ItemView("i1", None, "Résumé pass", "tidy it", "task", due_on=date(2026, 3, 20))
    edited = await run_form(lambda: ItemForm(TODAY, initial=view), "ctrl+s")
    assert edited == [ItemInput("Résumé pass", "tidy it", "task", date(2026, 3, 20))]


async def test_an_overdue_item_keeps_its_day_when_edited_for_something_else() -> None:
    view = ItemView("i1", None, "Résumé pass", "", "task", due_on=date(2026, 3, 1))
    edited = await run_form(lambda: ItemForm(TODAY, initial=view), "ctrl+s", title="Résumé")
    assert edited == [ItemInput("Résumé", "", "task", date(2026, 3, 1))]


@pytest.mark.parametrize(
    ("typed", "due"),
    [("", None), ("today", TODAY), ("Tomorrow", date(2026, 3, 11)), ("+1w", date(2026, 3, 17))],
)
async def test_item_due_words(typed: str, due: date | None) -> None:
    results = await run_form(lambda: ItemForm(TODAY), "ctrl+s", title="T", due=typed)
    assert results == [ItemInput("T", "", "task", due)]


# -- confirm, close-out, choice ----------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "answer"),
    [(("y",), True), (("enter",), True), (("n",), False), (("escape",), False)]
    + [(("tab", "enter"), False), (("right", "enter"), False)],
)
async def test_confirm_keys(keys: tuple[str, ...], answer: bool) -> None:
    assert await run_form(lambda: ConfirmScreen("Delete the lesson?"), "q", *keys) == [answer]


async def test_confirm_click_and_literal_question() -> None:
    question = "Delete “[@click=app.quit]x[/]” [bold]now?"
    app = Host(lambda: ConfirmScreen(question, confirm_label="Remove"))
    async with app.run_test(size=SIZE) as pilot:
        assert question in rendered(app.screen.query_one(".message"))
        assert "Remove" in rendered(app.screen.query_one("#confirm"))
        await pilot.click("#confirm")
    assert app.results == [True]


@pytest.mark.parametrize(
    ("keys", "result"), [((*"Keep", "enter"), "Keep"), (("enter",), ""), (("escape",), None)]
)
async def test_close_out(keys: tuple[str, ...], result: str | None) -> None:
    app = Host(lambda: CloseOutForm("[bold]Acme[/]"))
    async with app.run_test(size=SIZE) as pilot:
        text = rendered(app.screen.query_one("#fields"))
        assert "Your mourning time for [bold]Acme[/] is over." in text
        assert "what do you take with you?" in text
        await pilot.press(*keys)
    assert app.results == [result]


FEEDBACK = ItemView(
    "i1",
    "r1",
    "Decide whether to ask for feedback",
    kind="decision",
    views=("For: they seemed open.", "Against: replies tend to be vague."),
    choices=("ask", "don't ask"),
)


@pytest.mark.parametrize(
    ("keys", "result"), [(("enter",), "ask"), (("down", "enter"), "don't ask")]
)
async def test_choice_keys(keys: tuple[str, ...], result: str) -> None:
    app = Host(lambda: ChoiceForm(FEEDBACK))
    async with app.run_test(size=SIZE) as pilot:
        text = rendered(app.screen.query_one("#dialog"))
        assert "ask for feedback" in text and "they seemed open" in text
        await pilot.press(*keys)
    assert app.results == [result]


async def test_choice_highlights_current_choice_and_clicks() -> None:
    current = await run_form(lambda: ChoiceForm(FEEDBACK._replace(choice="don't ask")), "enter")
    assert current == ["don't ask"]
    app = Host(lambda: ChoiceForm(FEEDBACK))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#cancel")
    assert app.results == [None]


# -- invalid input and cancel, for every form ----------------------------------------


def lesson() -> LessonForm:
    return LessonForm([ACME])


def item() -> ItemForm:
    return ItemForm(TODAY)


DAYS_ERROR = "days must be a whole number from 1 to 14"
CANNOT = "contains characters that cannot be stored"
REFUSALS: list[tuple[Callable[[], Screen[Any]], dict[str, Any], str, str]] = [
    (rejection(), {"company": ""}, "company must not be empty", "company"),
    (rejection(), {"company": "\ud800"}, f"company {CANNOT}", "company"),
    (rejection(), {"company": "A", "notes": "\ud800"}, f"notes {CANNOT}", "notes"),
    (rejection(), {"company": "A", "received": "2026-13-01"}, MOMENT_FORMAT_HELP, "received"),
    (rejection(), {"company": "A", "received": "2026-03-11"}, FUTURE_ERROR, "received"),
    (rejection(), {"company": "A", "received": "2026-03-10 11:00"}, FUTURE_ERROR, "received"),
    (rejection(), {"company": "A", "days": "15"}, DAYS_ERROR, "days"),
    (rejection(), {"company": "A", "days": "0"}, DAYS_ERROR, "days"),
    (CheckInForm, {"note": "meh"}, NO_MOOD_ERROR, "mood"),
    (CheckInForm, {"mood": 3, "note": "\ud800"}, f"note {CANNOT}", "note"),
    (lesson, {"text": "   "}, "lesson must not be empty", "text"),
    (lesson, {"text": "\ud800"}, f"lesson {CANNOT}", "text"),
    (lesson, {"text": "x", "tags": "a" * 41}, "tag must be at most 40 characters", "tags"),
    (item, {"title": "T", "due": "someday"}, DAY_FORMAT_HELP, "due"),
    (
        item,
        {"title": "T", "due": "yesterday"},
        "Mon 09 Mar 2026 has passed; give today or a later day",
        "due",
    ),
    (item, {"title": "T", "due": "2026-02-30"}, DAY_FORMAT_HELP, "due"),
    (item, {"title": " "}, "title must not be empty", "title"),
    (item, {"title": "T", "why": "\ud800"}, f"why {CANNOT}", "why"),
    (lambda: CloseOutForm("Acme"), {"note": "\ud800"}, f"note {CANNOT}", "note"),
]


@pytest.mark.parametrize(("make", "values", "message", "field_id"), REFUSALS)
async def test_invalid_input_is_shown_and_never_returned(
    make: Callable[[], Screen[Any]], values: dict[str, Any], message: str, field_id: str
) -> None:
    app = Host(make)
    async with app.run_test(size=SIZE) as pilot:
        fill(app, **values)
        app.screen.focus_next()  # away from the field: the error must bring focus back
        await pilot.press("ctrl+s")
        await assert_refused(app, type(app.screen), message, field_id)
        await pilot.press("escape")
        if app.results == []:  # the fields hold changes: the first escape asked
            assert "Discard" in error_text(app)
            await pilot.press("escape")
    assert app.results == [None]


@pytest.mark.parametrize(
    "make",
    [
        rejection(),
        CheckInForm,
        lesson,
        item,
        lambda: CloseOutForm("A"),
        lambda: ChoiceForm(FEEDBACK),
    ],
)
async def test_escape_returns_none(make: Callable[[], Screen[Any]]) -> None:
    # typed (or picked a mood), pressed the app's quit key, then cancelled
    assert await run_form(make, "4", "q", "escape", "escape") == [None]


# -- hostile text ------------------------------------------------------------------


def hostile_forms(s: str) -> list[Callable[[], Screen[Any]]]:
    rejection = RejectionView("r-h", s, s, "final", NOW, "email", s, s)
    lesson = LessonView("l-h", s, "fit", (s,), NOW, NOW, "r-h", s)
    item = ItemView("i-h", "r-h", s, s, "decision", views=(s, s), choices=(s, "other"))
    return [
        lambda: RejectionForm(NOW, BERLIN, initial=rejection),
        lambda: LessonForm([rejection], initial=lesson),
        lambda: ItemForm(TODAY, initial=item),
        lambda: ConfirmScreen(f"Delete {s}?"),
        lambda: CloseOutForm(s),
        lambda: ChoiceForm(item),
    ]


@pytest.mark.parametrize("s", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_text_opens_in_every_form(s: str) -> None:
    app = Host(None)
    refusals: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        for make in hostile_forms(s):
            app.push_screen(make(), app.results.append)
            await pilot.pause()
            form = app.screen
            if isinstance(form, LessonForm):
                form.query_one("#rejection", Select).focus()
                await pilot.press("enter")  # draw the options, then close them
                await pilot.pause()
                await pilot.press("escape")
            assert app.is_running and app.screen is form
            drawn = rendered(form)
            assert "\x1b" not in drawn and "\x00" not in drawn
            await pilot.press("ctrl+s")  # fields left as they were: saved verbatim or refused
            await pilot.pause()
            if app.screen is form:
                refusals.append(error_text(app) if isinstance(form, FormScreen) else "")
                await pilot.press("escape")
                await pilot.pause()
            assert app.screen is not form
        assert app.is_running
    rejection, lesson, item, confirmed, note, choice = app.results
    if len(s) <= 40:
        assert (rejection.company, rejection.notes, lesson.text, item.why) == (s, s, s, s)
        assert lesson.tags == (s.lower(),) and item.title == s
    else:  # too long for a company, a title and a tag: refused with a reason
        assert (rejection, lesson, item) == (None, None, None)
        assert [m.split(" must ")[0] for m in refusals] == ["company", "tag", "title", "", ""]
    assert (confirmed, note, choice) == (False, "", None)


async def test_choice_form_renders_hostile_views_literally() -> None:
    views = ("[/]", "[bold]x", "[@click=app.quit]x[/]", "\x1b[31mred\x00")
    item = ItemView("i-h", None, "[b]Decide[/b]", kind="decision", views=views,
                    choices=("[/]", "[@click=app.quit]x[/]"))  # fmt: skip
    app = Host(lambda: ChoiceForm(item))
    async with app.run_test(size=SIZE) as pilot:
        text = rendered(app.screen.query_one("#dialog"))
        literals = ("[b]Decide[/b]", "• [/]", "• [bold]x", "[@click=app.quit]x[/]", "␛[31mred␀")
        assert all(literal in text for literal in literals)
        assert "\x1b" not in text and "\x00" not in text
        await pilot.press("down", "enter")
    assert app.results == ["[@click=app.quit]x[/]"]

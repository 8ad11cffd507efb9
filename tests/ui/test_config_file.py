"""config.toml in the app: the theme, remapped keys, reminder hour, mourning days and week
start apply; a wrong file shows one notice and the person's data still opens."""

from __future__ import annotations

import string
from pathlib import Path

from textual.keys import _character_to_key

from bounce_tui import keys
from bounce_tui.domain.config import normalise_key, parse_config
from bounce_tui.screens.checkin_form import CheckInForm
from bounce_tui.screens.help import HelpScreen
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.progress import ProgressScreen
from bounce_tui.widgets.year_in_pixels import YearInPixels

from .conftest import Clock, running, screen_text, seed, wait_until

REMINDER = "No check-in yet today"


def _config(private_dirs: Path, text: str) -> Path:
    folder = private_dirs / ".config" / "bounce"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_key_names_are_normalised_as_textual_does() -> None:
    for char in string.ascii_letters + string.digits + string.punctuation:
        assert normalise_key(char) == _character_to_key(char), char


def test_every_default_key_may_be_written_into_the_file_as_it_is() -> None:
    # The table's own shared keys (extend / extend_limit on +) are not clashes.
    slots = keys.key_slots()
    table = "\n".join(
        f'"{bid}" = "{slot.keys}"' for bid, slot in slots.items() if slot.keys and not slot.fixed
    )
    config = parse_config(f"[keys]\n{table}\n", key_slots=slots)
    assert len(config.keys) > 100


async def test_the_files_theme_keys_and_reminder_hour_apply(
    db_path: Path, clock: Clock, private_dirs: Path
) -> None:
    _config(private_dirs, 'theme = "nord"\nreminder_hour = 6\n[keys]\n"main.check_in" = "C"\n'
            '[mourning]\nfinal = 5\n')  # fmt: skip
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        assert app.theme == "nord"
        assert app.ctx.snapshot is not None and app.ctx.snapshot.settings["mourning.final"] == "5"
        main = app.screen
        assert isinstance(main, MainScreen) and main._mourning_overrides()["final"] == 5
        app.ctx.every_second()  # 10:30 in Berlin: past the file's 6 (the default is 19)
        await wait_until(pilot, lambda: spy.matching(REMINDER), "the check-in reminder")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("C")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInForm), "the check-in form")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.pause()
        rows = [line.split() for line in screen_text(app).splitlines()]
        assert any(row[1:3] == ["C", "check"] for row in rows if len(row) > 2), rows


async def test_a_theme_picked_in_the_app_lasts_until_quit_when_the_file_sets_one(
    db_path: Path, clock: Clock, private_dirs: Path
) -> None:
    _config(private_dirs, 'theme = "nord"\n')
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        app.theme = "gruvbox"
        await wait_until(pilot, lambda: spy.matching("lasts until you quit"), "the theme notice")
    async with running(db_path, clock) as (app, _pilot, _spy):
        assert app.theme == "nord"  # the file wins at the next start


async def test_a_wrong_file_shows_one_notice_and_the_data_still_opens(
    db_path: Path, clock: Clock, private_dirs: Path
) -> None:
    _config(private_dirs, 'theme = "nord"\n\nreminder_hour = "7pm"\n')
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        notes = [note for note in spy.notes if note[1] == "config.toml"]
        assert len(notes) == 1, spy.notes
        assert 'line 3: reminder_hour = "7pm"' in notes[0][0]
        assert app.theme != "nord"  # nothing of a wrong file is used
        await wait_until(pilot, lambda: "Acme" in screen_text(app), "the person's data")
        app.ctx.every_second()  # 10:30: before the default reminder hour (19)
        await pilot.pause()
        assert spy.matching(REMINDER) == []


async def test_weeks_in_the_calendar_start_on_the_files_day(
    db_path: Path, clock: Clock, private_dirs: Path
) -> None:
    _config(private_dirs, 'week_start = "sunday"\n')
    seed(db_path, clock, checkin=True)
    async with running(db_path, clock, size=(120, 50)) as (app, pilot, _spy):
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")
        grid = app.screen.query_one(YearInPixels)
        await wait_until(pilot, lambda: grid.grid is not None, "the calendar")
        labels = [line[:2] for line in str(grid.render()).splitlines()[1:8]]
        assert labels == ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"], labels

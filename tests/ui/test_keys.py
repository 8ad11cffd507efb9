"""The key table: it is the only source of bindings, help, palette and the README's table."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.screen import Screen

import bounce_tui.screens
import bounce_tui.widgets
from bounce_tui import keys
from bounce_tui.app import BounceApp, palette_targets
from bounce_tui.screens.checkin_form import CheckInForm, MoodPicker
from bounce_tui.screens.checkin_history import CheckInHistory
from bounce_tui.screens.confirm import ConfirmScreen
from bounce_tui.screens.elsewhere import GoneChoice, VersionChoice
from bounce_tui.screens.form_base import DialogScreen, FormScreen
from bounce_tui.screens.help import HelpScreen, key_table
from bounce_tui.screens.lesson_detail import LessonScreen
from bounce_tui.screens.lessons_browser import LessonsBrowser
from bounce_tui.screens.main import MainScreen
from bounce_tui.screens.open_failed import OpenFailedScreen
from bounce_tui.screens.progress import ProgressScreen
from bounce_tui.screens.rejection_detail import RejectionDetailScreen
from bounce_tui.screens.repeat_choice import RepeatChoice
from bounce_tui.screens.review import ReviewScreen
from bounce_tui.widgets.lessons_log import LessonsLog
from bounce_tui.widgets.mourning_timer import MourningTimers
from bounce_tui.widgets.regroup_checklist import RegroupChecklist
from bounce_tui.widgets.text_box import TextBox

from .conftest import Clock, running, screen_text, seed, wait_until

README = Path(__file__).resolve().parents[2] / "README.md"

#: Which class answers each scope's actions.
OWNERS: dict[str, type] = {
    "app": BounceApp,
    "main": MainScreen,
    "timers": MourningTimers,
    "lessons": LessonsLog,
    "checklist": RegroupChecklist,
    "detail": RejectionDetailScreen,
    "browse": LessonsBrowser,
    "lesson": LessonScreen,
    "review": ReviewScreen,
    "progress": ProgressScreen,
    "history": CheckInHistory,
    "form": FormScreen,
    "dialog": DialogScreen,
    "mood": MoodPicker,
    "confirm": ConfirmScreen,
    "repeat": RepeatChoice,
    "versions": VersionChoice,
    "gone": GoneChoice,
    "help": HelpScreen,
    "open_failed": OpenFailedScreen,
    "text_box": TextBox,
}


def _classes_with_bindings() -> list[type]:
    found = [BounceApp]
    for package in (bounce_tui.screens, bounce_tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                    found.append(cls)
    return found


def test_the_readme_table_is_the_generated_one() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- keys: generated")
    start = text.index("\n", start) + 1
    end = text.index("<!-- keys: end -->")
    assert text[start:end] == keys.readme_table(), (
        "README's key table differs from bounce_tui/keys.py: "
        "replace it with the output of `python -m bounce_tui.keys`"
    )


def test_every_binding_in_the_code_comes_from_the_table() -> None:
    ids = {key.id for key in keys.KEYS}
    for cls in _classes_with_bindings():
        for binding in vars(cls)["BINDINGS"]:
            assert isinstance(binding, Binding), cls
            assert binding.id in ids, f"{cls.__name__} binds {binding.key!r} outside the key table"


def test_every_scope_is_bound_by_its_owner_and_every_action_exists() -> None:
    for scope, owner in OWNERS.items():
        assert [b.id for b in vars(owner).get("BINDINGS", [])] == [
            b.id for b in keys.bindings(scope)
        ], scope
    for key in keys.KEYS:
        if key.builtin or "." in key.action.split("(")[0]:
            continue  # Textual's own, or an action of the app (app.pop_screen)
        name = key.action.split("(")[0]
        assert hasattr(OWNERS[key.scope], f"action_{name}"), key.id


def test_ids_are_unique_and_every_command_has_a_name() -> None:
    ids = [key.id for key in keys.KEYS]
    assert len(ids) == len(set(ids))
    names = [key.palette for key in keys.palette_entries()]
    assert all(":" in name or name == "undo" for name in names), names


def _help_text(columns: int, keymap: dict[str, str] | None = None) -> str:
    console = Console(width=140 if columns == 2 else 90, record=True)
    console.print(key_table(columns, keymap))
    return console.export_text()


@pytest.mark.parametrize("columns", [1, 2])
def test_help_lists_every_explained_key_and_the_readme_too(columns: int) -> None:
    shown = _help_text(columns)
    readme = README.read_text(encoding="utf-8")
    for section, rows in keys.help_sections():
        assert section in shown
        for key_text, meaning in rows:
            assert key_text in shown and meaning.split()[0] in shown, (section, key_text)
            assert f"| {' '.join(f'`{part}`' for part in key_text.split())} | {meaning} |" in readme
    for needed in ("hide the gentle note for a week", "progress: mood over time"):
        assert needed in shown
    assert sum(1 for key in keys.KEYS if key.keys == "z") == 2  # one key hides the note everywhere
    assert all(key.action != "urge" or key.keys == "x" for key in keys.KEYS)


def test_a_keymap_keeps_known_ids_and_says_what_it_ignored(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").write_text(
        '"main.check_in" = "C"\n"timers.urge" = "x, u"\n"main.nothing" = "y"\n'
        '"main.review" = 3\n"main.progress" = "p; rm"\n',
        encoding="utf-8",
    )
    keymap, ignored = keys.load_keymap(tmp_path)
    assert keymap == {"main.check_in": "C", "timers.urge": "x,u"}
    assert len(ignored) == 3 and any("main.nothing" in line for line in ignored)
    assert keys.load_keymap(tmp_path / "missing") == ({}, [])
    (tmp_path / "keys.toml").write_text("not = [toml", encoding="utf-8")
    keymap, ignored = keys.load_keymap(tmp_path)
    assert keymap == {} and "not valid TOML" in ignored[0]
    shown = _help_text(1, {"main.check_in": "C"})
    assert "C" in shown.split() and "check in: how are you" in shown


async def test_a_remapped_key_works_and_help_shows_it(
    db_path: Path, clock: Clock, private_dirs: Path
) -> None:
    config = private_dirs / ".config" / "bounce"
    config.mkdir(parents=True)
    (config / "keys.toml").write_text('"main.check_in" = "C"\n"main.zzz" = "k"\n')
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        assert spy.matching("main.zzz"), spy.notes  # the ignored entry is named once
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


def _commands(screen: Screen[object]) -> dict[str, object]:
    return {key.palette: target for key, target in palette_targets(screen)}


async def test_the_palette_offers_what_the_screen_shows(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, _spy):
        main = _commands(app.screen)
        assert {"check-in: add", "timer: move on", "lesson: add", "item: add"} <= set(main)
        assert isinstance(main["timer: move on"], MourningTimers)
        assert "review: grade good" not in main
        review = ReviewScreen(app.ctx)
        await app.push_screen(review)
        await pilot.pause()
        offered = _commands(review)
        assert "review: grade good" in offered and "lesson: drill" in offered
        assert not any(name.startswith(("timer:", "check-in:")) for name in offered)


async def test_a_timer_command_on_a_finished_timer_says_why(db_path: Path, clock: Clock) -> None:
    ids = seed(db_path, clock)
    async with running(db_path, clock) as (app, pilot, spy):
        pane = app.screen.query_one(MourningTimers)
        await wait_until(pilot, lambda: len(pane.timers) == 2, "both timers")
        pane.select_rejection(ids.globex)  # its mourning period has ended
        await pilot.pause()
        key, target = next(kt for kt in palette_targets(app.screen) if kt[0].id == "timers.move_on")
        app._run_command(key, target)
        await pilot.pause()
        assert spy.matching(key.unavailable), spy.notes
        assert isinstance(app.screen, MainScreen)  # nothing was opened
        pane.select_rejection(ids.acme)  # running: the same command opens the close-out form
        await pilot.pause()
        app._run_command(key, target)
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CloseOutForm", "close-out")


def test_a_command_names_its_key_as_the_person_has_it() -> None:
    check_in = next(key for key in keys.KEYS if key.id == "main.check_in")
    assert keys.palette_help(check_in).endswith("(key: c)")
    assert keys.palette_help(check_in, {"main.check_in": "C"}).endswith("(key: C)")
    drill = next(key for key in keys.KEYS if key.id == "main.drill")
    assert "key" not in keys.palette_help(drill)  # a command with no key of its own
    assert all(keys.palette_help(key) for key in keys.palette_entries())

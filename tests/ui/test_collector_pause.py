"""The cycle collector is off while bounce starts, on again after the first frame, and
settles (collects once, sets the live objects aside) after the start and the store's opening."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from bounce_tui import collector_pause
from bounce_tui.app import BounceApp
from tests.ui.conftest import Clock

pytestmark = pytest.mark.usefixtures("collector_as_found")


def test_pause_turns_it_off_and_resume_on_once() -> None:
    gc.enable()
    collector_pause.pause()
    assert not gc.isenabled() and collector_pause.is_paused()
    collector_pause.resume()
    assert gc.isenabled() and not collector_pause.is_paused()
    collector_pause.resume()
    assert gc.isenabled()


def test_resume_leaves_alone_a_collector_it_did_not_turn_off() -> None:
    gc.disable()  # turned off by someone else
    collector_pause.pause()
    collector_pause.resume()
    assert not gc.isenabled()


async def test_the_app_turns_it_back_on_after_its_first_frame(db_path: Path, clock: Clock) -> None:
    gc.enable()
    collector_pause.pause()
    app = BounceApp(db_path, now=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.isenabled() and not collector_pause.is_paused()


def test_settle_collects_and_sets_the_live_objects_aside_after_a_pause_it_ended() -> None:
    gc.enable()
    collector_pause.pause()
    assert collector_pause.resume()
    before = gc.get_freeze_count()
    collector_pause.settle()
    assert gc.get_freeze_count() > before


def test_settle_does_nothing_in_a_process_bounce_did_not_start() -> None:
    gc.enable()
    assert not collector_pause.resume()  # nothing paused: a host process such as pytest
    before = gc.get_freeze_count()
    collector_pause.settle()
    assert gc.get_freeze_count() == before


@pytest.fixture
def settles(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each call of `collector_pause.settle` (recorded, not run), soon after it is due;
    the collector paused as the command line leaves it for the app."""
    from bounce_tui import app as app_module

    settled: list[bool] = []
    monkeypatch.setattr(collector_pause, "settle", lambda: settled.append(True))
    monkeypatch.setattr(app_module, "COLLECTOR_SETTLE_DELAY", 0.01)
    gc.enable()
    collector_pause.pause()
    return settled


async def test_the_app_settles_after_its_start_and_after_the_store_opened(
    db_path: Path, clock: Clock, settles: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As started from the command line, where the collector is the app's own.
    monkeypatch.setattr(BounceApp, "_settles_collector", lambda self: True)
    app = BounceApp(db_path, now=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert settles  # after the first frame
        app.ctx.want_store()  # the store may have opened already; then this does nothing
        for _ in range(100):
            await pilot.pause(0.02)
            if app.ctx.store is not None and len(settles) == 2:
                break
        await pilot.pause(0.1)
        assert settles == [True, True]  # and once more after the store opened


async def test_a_headless_app_never_settles(
    db_path: Path, clock: Clock, settles: list[bool]
) -> None:
    app = BounceApp(db_path, now=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        app.ctx.want_store()
        await pilot.pause(0.3)
        assert settles == []

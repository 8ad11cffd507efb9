"""The cycle collector is off while bounce starts and on again after the first frame."""

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

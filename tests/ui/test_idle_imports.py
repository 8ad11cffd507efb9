"""What an idle main screen keeps in memory: not the chart library, not the scheduler.

The chart library (textual_plotext, plotext) loads when the progress screen opens,
FSRS when a lesson is scheduled. A fresh interpreter runs the app until the main
screen shows its timers, then lists what it has imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.ui.conftest import Clock, seed

SCRIPT = """
import asyncio, json, sys
from datetime import datetime, timezone
from pathlib import Path
from bounce_tui.app import BounceApp

NOW = datetime.fromisoformat(sys.argv[2])

async def main():
    app = BounceApp(Path(sys.argv[1]), now=lambda: NOW, tick_seconds=3600.0)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if getattr(app.screen, "snapshot_shown", None) is not None:
                break
        shown = "Acme" in "\\n".join(
            strip.text for strip in app.screen._compositor.render_strips()
        )
        print(json.dumps({"shown": shown, "modules": sorted(sys.modules)}))

asyncio.run(main())
"""

HEAVY_AT_IDLE = ("plotext", "textual_plotext", "fsrs")


def test_the_main_screen_loads_no_chart_library(db_path: Path, clock: Clock) -> None:
    seed(db_path, clock)  # a running timer for Acme, lessons, a checklist
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db_path), clock().isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["shown"], "the main screen showed its timers"
    loaded = {name.split(".")[0] for name in found["modules"]}
    assert "bounce_tui" in loaded
    assert [name for name in HEAVY_AT_IDLE if name in loaded] == []
    # Without a settings file the settings checker is not loaded (the test HOME has none).
    assert "bounce_tui.domain.config" not in found["modules"]
    # Nor the sync's modules: the app syncs only when asked, here.
    assert not [name for name in found["modules"] if name.startswith("bounce_tui.store.sync")]


def test_the_settings_file_has_one_name() -> None:
    from bounce_tui import config_file, configured

    assert configured.CONFIG_FILENAME == config_file.CONFIG_FILENAME


LOOKING = """
import asyncio, json, sys
from datetime import datetime, timezone
from pathlib import Path
from bounce_tui.app import BounceApp

NOW = datetime.fromisoformat(sys.argv[2])

async def main():
    app = BounceApp(Path(sys.argv[1]), now=lambda: NOW, tick_seconds=3600.0, sync_seconds=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if app.ctx.sync.looks >= 3:
                break
        print(json.dumps({"looks": app.ctx.sync.looks, "modules": sorted(sys.modules)}))

asyncio.run(main())
"""


def test_an_app_that_looks_for_sync_loads_no_sync_module_when_the_database_does_not_sync(
    db_path: Path, clock: Clock
) -> None:
    seed(db_path, clock)
    out = subprocess.run(
        [sys.executable, "-c", LOOKING, str(db_path), clock().isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["looks"] >= 3
    assert [m for m in found["modules"] if m.startswith("bounce_tui.store.sync.")] == []

"""Write the README's screenshots: the main, review and progress screens of `bounce demo`.

    python scripts/screenshots.py [--out assets/screenshots]

The demo's sample (bounce_tui/demo_data.py) is built at a fixed moment and zone,
and the app runs headless at 100x30 on it, so the same code gives the same SVGs.
tests/snapshots/test_readme_screenshots.py regenerates them and fails when the
committed files differ: run this script after changing how a screen looks.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

#: A Tuesday late morning in Berlin: the sample ends here.
MOMENT = datetime(2026, 3, 10, 10, 40, tzinfo=timezone.utc)
ZONE = ZoneInfo("Europe/Berlin")
SIZE = (100, 30)
FOLDER = Path(__file__).resolve().parent.parent / "assets" / "screenshots"
NAMES = ("main", "review", "progress")


async def _until(condition: Callable[[], bool], pilot: Any, what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within a minute")
        await pilot.pause(0.05)


async def _take(db: Path, name: str, out: Path) -> Path:
    from bounce_tui.app import BounceApp
    from bounce_tui.screens.progress import ProgressScreen
    from bounce_tui.screens.review import ReviewScreen

    app = BounceApp(db, now=lambda: MOMENT, tz=ZONE, tick_seconds=3600)
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        await _until(
            lambda: (
                getattr(main, "snapshot_shown", None) is not None
                and main.snapshot_shown is app.ctx.snapshot
            ),
            pilot,
            "the main screen's first content",
        )
        if name == "review":
            review = ReviewScreen(app.ctx)
            await app.push_screen(review)
            await _until(lambda: review.showing != "loading" and not review.busy, pilot, "review")
            await pilot.press("space")  # the back of the card: the whole lesson
            await _until(lambda: not review.busy, pilot, "the card's back")
        elif name == "progress":
            progress = ProgressScreen(app.ctx)
            await app.push_screen(progress)
            await _until(
                lambda: progress.report is not None and progress.chart_settled, pilot, "progress"
            )
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        target = out / f"{name}.svg"
        target.write_text(app.export_screenshot(title=f"bounce — {name}"), encoding="utf-8")
    return target


async def write_screenshots(out: Path) -> list[Path]:
    """Build the sample in a temporary folder and write one SVG per screen into `out`."""
    from bounce_tui.demo_data import build_demo

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bounce-shots-") as folder:
        written = []
        for name in NAMES:  # a fresh sample for each: nothing one screen does shows in another
            db = Path(folder) / name / "bounce.db"
            db.parent.mkdir()
            build_demo(db, MOMENT, ZONE)
            written.append(await _take(db, name, out))
    return written


def main() -> None:
    """Command-line entry: write the screenshots (default: assets/screenshots)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FOLDER, help="folder to write into")
    args = parser.parse_args()
    # Your own keys.toml and config must not change the pictures.
    with tempfile.TemporaryDirectory(prefix="bounce-shots-home-") as home:
        os.environ["XDG_CONFIG_HOME"] = str(Path(home) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(home) / "data")
        os.environ.pop("BOUNCE_DB", None)
        for path in asyncio.run(write_screenshots(args.out)):
            print(f"wrote {path}")


if __name__ == "__main__":
    main()

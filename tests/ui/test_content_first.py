"""The person's content is on screen before SQLAlchemy is imported; a key opens the store.

Run in a fresh interpreter: the test process itself has imported the ORM long ago.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime, timezone
    from bounce_tui.app import BounceApp

    async def main():
        app = BounceApp(sys.argv[1], tick_seconds=3600)
        async with app.run_test(size=(100, 30)) as pilot:
            while app.ctx.snapshot is None or not getattr(app.screen, "panes_ready", False):
                await pilot.pause(0.02)
            companies = [t.company for t in app.ctx.snapshot.timers]
            before = "sqlalchemy" in sys.modules
            await pilot.press("j")
            while app.ctx.store is None and app.ctx.open_error is None:
                await pilot.pause(0.02)
            print(companies, before, app.ctx.store is not None)

    asyncio.run(main())
    """
)


def test_content_shows_without_the_orm_and_a_key_opens_the_store(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    store = Store(db, now=Clock(NOW), tz=BERLIN)
    store.rejections.log_rejection("Acme", stage="final")
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "['Acme'] False True"

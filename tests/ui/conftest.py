"""Helpers for Pilot tests of the whole app: a seeded db, running the app, reading the screen.

The clock, `db_path` and the private HOME and XDG dirs come from tests/conftest.py.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from bounce_tui.app import BounceApp
from tests.conftest import BERLIN, NOW, Clock  # noqa: F401 (tests import NOW and Clock from here)

SIZE = (100, 30)
NO_TICK = 3600.0  # the real interval never fires during a test; tests call every_second()


# -- seeding ---------------------------------------------------------------------------


@dataclass
class Seeded:
    """Ids of what `seed` wrote."""

    acme: str = ""  # running mourning period (final, 3 days, started 3 h ago)
    globex: str = ""  # finished mourning period (screen, 1 day, started 30 h ago)
    lessons: dict[str, str] = field(default_factory=dict)  # text -> id


def open_store(db: Path, clock: Clock) -> Any:
    from bounce_tui.store.repository import Store

    return Store(db, now=clock, tz=BERLIN)


def seed(db: Path, clock: Clock, *, checkin: bool = False) -> Seeded:
    """Two rejections (one running, one finished), two lessons; the clock ends at NOW."""
    start = clock()
    done = Seeded()
    store = open_store(db, clock)
    try:
        clock.set(start - timedelta(hours=30))
        done.globex = store.rejections.log_rejection("Globex", role="Data analyst", stage="screen")
        clock.set(start - timedelta(hours=3))
        done.acme = store.rejections.log_rejection(
            "Acme", role="Backend engineer", stage="final", notes="They liked the take-home."
        )
        clock.set(start - timedelta(hours=2))
        text = "Prepare two stories about conflict"
        done.lessons[text] = store.lessons.add_lesson(
            text, category="preparation", tags=["stories"], rejection_id=done.acme
        )
        clock.set(start - timedelta(hours=1))
        text = "Ask what the team struggles with"
        done.lessons[text] = store.lessons.add_lesson(text, category="interview")
        if checkin:
            clock.set(start - timedelta(minutes=10))
            store.checkins.check_in(3, note="tired but okay")
    finally:
        clock.set(start)
        store.close()
    return done


# -- reading the database directly ---------------------------------------------------------


def rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Run a read-only query on the file (a separate connection, like another process)."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as conn:
        return conn.execute(sql, params).fetchall()


def one(db: Path, sql: str, *params: object) -> Any:
    found = rows(db, sql, *params)
    assert len(found) == 1, found
    return found[0][0] if len(found[0]) == 1 else found[0]


TABLES = (
    "rejection",
    "mourning_period",
    "checklist_item",
    "lesson",
    "lesson_review",
    "checkin",
    "skip_day",
    "interview",
    "urge",
    "setting",
)


def counts(db: Path) -> dict[str, int]:
    """Rows per table; the database's own id (a setting, not an entry) is not counted."""
    where = {"setting": " WHERE key != 'database.id'"}
    return {
        table: one(db, f"SELECT count(*) FROM {table}{where.get(table, '')}")  # noqa: S608
        for table in TABLES
    }


# -- running the app -------------------------------------------------------------------------


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], Any], what: str = "", timeout: float = 20.0
) -> Any:
    """Poll `condition` (letting the app run) until it is truthy; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)


async def settled(pilot: Pilot[Any], timeout: float = 20.0) -> None:
    """Let the app finish what the last key started: its messages, every store worker
    (and the reload a write starts), then the messages they posted.

    For checks that something does NOT happen: once this returns, a write the key
    wrongly started would be in the file and on screen.
    """
    app = pilot.app
    await pilot.pause()
    await wait_until(
        pilot, lambda: all(w.is_finished for w in app.workers), "the app's work to end", timeout
    )
    await pilot.pause()


async def wait_loaded(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, BounceApp)
    # The content comes first through plain sqlite3; the ORM store opens at the first key
    # or job. These tests drive the app as a person would after it has fully opened.
    await wait_until(pilot, lambda: app.ctx.snapshot is not None, "the first snapshot")
    app.ctx.want_store()
    await wait_until(
        pilot,
        lambda: (
            app.ctx.store is not None
            and app.ctx.snapshot is not None
            and getattr(app.screen, "panes_ready", True)
            # the main screen has drawn the latest snapshot (it arrives by a signal)
            and getattr(app.screen, "snapshot_shown", app.ctx.snapshot) is app.ctx.snapshot
        ),
        "the store to load",
    )
    await pilot.pause()


class NoteSpy:
    """Records every notification (message, title, severity); they never expire here."""

    def __init__(self, app: BounceApp) -> None:
        self.notes: list[tuple[str, str, str]] = []
        original = app.notify

        def notify(message: str, *, title: str = "", severity: str = "information",
                   **kwargs: Any) -> None:  # fmt: skip
            self.notes.append((str(message), title, severity))
            original(message, title=title, severity=severity, **kwargs)

        app.notify = notify  # type: ignore[method-assign]

    def matching(self, text: str) -> list[tuple[str, str, str]]:
        return [note for note in self.notes if text in note[0]]


@asynccontextmanager
async def running(
    db: Path,
    clock: Callable[[], datetime],
    *,
    size: tuple[int, int] = SIZE,
    tz: Any = BERLIN,
    tick_seconds: float = NO_TICK,
    sync_seconds: float | None = None,
) -> AsyncIterator[tuple[BounceApp, Pilot[Any], NoteSpy]]:
    """Start BounceApp on `db`, wait for the store to load, and hand back app, pilot, spy.

    On the way out it lets the store work the test started finish first: a reload
    that lands while the app is shutting down raises NoMatches in
    MainScreen.show_snapshot (the app's own bug, not what these tests check).
    """
    app = BounceApp(db, now=clock, tz=tz, tick_seconds=tick_seconds, sync_seconds=sync_seconds)
    spy = NoteSpy(app)
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        yield app, pilot, spy
        if app.is_running and not app._exit:
            await settled(pilot)


async def changed_snapshot(pilot: Pilot[Any], before: Any, what: str = "a reload") -> Any:
    """Wait until the app holds a snapshot other than `before`."""
    app = pilot.app
    return await wait_until(
        pilot, lambda: app.ctx.snapshot is not before and app.ctx.snapshot, what
    )


# -- what is on screen ---------------------------------------------------------------------------


def screen_text(app: BounceApp) -> str:
    """The text of the current screen as drawn, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def footer_showing(pilot: Pilot[Any], *needles: str) -> str:
    """Wait until the bottom line (the footer) shows every needle; return that line.

    The footer is rebuilt a frame or more after the keys that apply change.
    """
    app = pilot.app

    def footer() -> str:
        return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]

    return await wait_until(
        pilot, lambda: all(n in footer() for n in needles) and footer(), f"the footer: {needles}"
    )


def widget_text(widget: Any) -> str:
    """The text a widget and its visible descendants draw, line by line."""
    leaves = [widget, *widget.walk_children(with_self=False)]
    return "\n".join(
        leaf.render_line(y).text for leaf in leaves if leaf.display for y in range(leaf.size.height)
    )

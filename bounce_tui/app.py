"""BounceApp: the full-screen face of bounce.

The first frame is painted before the database is touched: the main screen is
composed at once with "opening…" placeholders, then a thread worker imports the
store (SQLModel is slow to import), opens the file and loads what the screen
shows. Once a second the app ticks the timers, notices writes from other
processes (`PRAGMA data_version`), rolls "today" over at local midnight and, once
a day, gently reminds about a missing check-in.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable
from datetime import date, datetime, timezone, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from bounce_tui.domain.dates import local_time
from bounce_tui.domain.errors import DomainError

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.repository import Store
    from bounce_tui.store.undo import Deleted
    from bounce_tui.store.watch import ChangeWatcher

DEFAULT_REMINDER_HOUR = 19
#: Seconds left for the first frame to reach the terminal before heavier work starts.
FIRST_FRAME_GRACE = 0.1
#: While another program holds the database: each wait (ms), how long to keep retrying (s),
#: and how often to repeat the "retrying" notice (s).
BUSY_STEP_MS = 1000
BUSY_RETRY_SECONDS = 120.0
BUSY_NOTICE_EVERY = 10.0


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class BounceApp(App[None]):
    """The terminal app: main screen, forms, help; one Store opened in a worker."""

    TITLE = "bounce"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        db_path: Path,
        *,
        now: Callable[[], datetime] = _utc_now,
        tz: tzinfo | None = None,
        tick_seconds: float = 1.0,
        start: str = "main",
    ) -> None:
        super().__init__()
        self.start = start
        self.db_path = Path(db_path)
        self.now = now
        self.tz = tz
        self.tick_seconds = tick_seconds
        self.store: Store | None = None
        self.snapshot: MainSnapshot | None = None
        self.undo_stack: list[Deleted] = []
        self.open_error: str | None = None
        self._watcher: ChangeWatcher | None = None
        self._reminded_on: date | None = None
        self._theme_restored = False
        self._busy_said_at = -1.0

    # -- start and stop ------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the first screen: no empty default screen is drawn first."""
        from bounce_tui.screens.main import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        # Paint first. Textual writes frames from a thread; importing SQLModel right after
        # the first refresh held the GIL and delayed that frame by ~150 ms (measured with
        # tests/benchmarks/first_frame.py), so the store opens a moment later.
        self.set_timer(FIRST_FRAME_GRACE + 0.05, self._open_store)
        self.set_interval(self.tick_seconds, self.every_second)
        self._install_signal_handlers()
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self.exit)
            except (NotImplementedError, RuntimeError, ValueError):
                continue

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                continue
        if self._watcher is not None:
            self._watcher.close()
        if self.store is not None:
            self.store.close()

    @work(thread=True, exclusive=True, group="open")
    def _open_store(self) -> None:
        try:
            from bounce_tui.store.repository import Store
            from bounce_tui.store.watch import ChangeWatcher

            store = self._open_with_retry(Store)
            snapshot = store.main_snapshot()
            watcher = ChangeWatcher(self.db_path)
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a crash
            self.call_from_thread(self._open_failed, exc)
            return
        self.call_from_thread(self._opened, store, watcher, snapshot)
        try:
            store.daily_backup()
        except Exception as exc:  # noqa: BLE001 - the data is safe; say the backup failed
            self.call_from_thread(self.report_error, exc)

    def _open_with_retry(self, store_class: type[Store]) -> Store:
        """Open the Store; while another program holds the file, say so and keep trying."""
        import time

        from bounce_tui.store.db import BusyPolicy
        from bounce_tui.store.errors import DatabaseBusy

        policy = BusyPolicy(BUSY_STEP_MS, BUSY_RETRY_SECONDS, self._busy_retrying)
        started = time.monotonic()
        while True:
            try:
                return store_class(self.db_path, now=self.now, tz=self.tz, busy=policy)
            except DatabaseBusy:
                waited = time.monotonic() - started
                if waited >= BUSY_RETRY_SECONDS:
                    raise
                self._busy_retrying(waited)
                time.sleep(BUSY_STEP_MS / 1000)

    def _busy_retrying(self, _waited: float) -> None:
        """Called from a worker thread while a write waits for a lock: say it is retrying."""
        import time

        now = time.monotonic()
        if self._busy_said_at >= 0 and now - self._busy_said_at < BUSY_NOTICE_EVERY:
            return
        self._busy_said_at = now
        notice = partial(
            self.notify,
            "The database is busy in another program; retrying. What you entered is kept "
            "and saved as soon as the file is free.",
            title="Waiting for the database",
            severity="warning",
            timeout=BUSY_NOTICE_EVERY,
            markup=False,
        )
        try:
            self.call_from_thread(notice)
        except RuntimeError:  # called on the app's own thread
            notice()

    def _opened(self, store: Store, watcher: ChangeWatcher, snapshot: MainSnapshot) -> None:
        self.store = store
        self._watcher = watcher
        self.show_snapshot(snapshot)
        if self.start == "review":
            from bounce_tui.screens.review import ReviewScreen

            self.push_screen(ReviewScreen())

    def _open_failed(self, exc: Exception) -> None:
        from bounce_tui.screens.open_failed import OpenFailedScreen
        from bounce_tui.store.errors import (
            DamagedDatabase,
            ForeignDatabase,
            NewerSchema,
            NotADatabase,
        )

        self.open_error = describe_error(exc)
        restorable = isinstance(exc, (DamagedDatabase, ForeignDatabase, NewerSchema, NotADatabase))
        self.push_screen(OpenFailedScreen(self.db_path, self.open_error, restorable=restorable))

    def reopen(self) -> None:
        """Open the database again (after a restore), leaving the could-not-open screen."""
        from bounce_tui.screens.open_failed import OpenFailedScreen

        if isinstance(self.screen, OpenFailedScreen):
            self.pop_screen()
        self.open_error = None
        self._open_store()

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the main snapshot again (after a write, another process's write, midnight)."""
        if self.store is not None:
            self._load_snapshot()

    @work(thread=True, exclusive=True, group="load")
    def _load_snapshot(self) -> None:
        store = self.store
        if store is None:
            return
        try:
            snapshot = store.main_snapshot()
        except Exception as exc:  # noqa: BLE001 - reported, never raised into Textual
            from bounce_tui.store.errors import DatabaseBusy

            if isinstance(exc, DatabaseBusy):  # another program holds the file: read again soon
                self.call_from_thread(self.set_timer, BUSY_STEP_MS / 1000, self.reload)
                return
            self.call_from_thread(self.report_error, exc)
            return
        self.call_from_thread(self.show_snapshot, snapshot)

    def show_snapshot(self, snapshot: MainSnapshot) -> None:
        """Hand a fresh snapshot to every screen that shows one."""
        self.snapshot = snapshot
        if not self._theme_restored:
            self._theme_restored = True
            saved = snapshot.settings.get("theme")
            if saved and saved in self.available_themes and saved != self.theme:
                self.theme = saved
        for screen in self.screen_stack:
            show = getattr(screen, "show_snapshot", None)
            if show is not None:
                show(snapshot)

    # -- once a second -------------------------------------------------------------

    def every_second(self) -> None:
        """Tick timers, notice other writers, roll the day over, remind once a day."""
        now = self.now()
        if self._watcher is not None and self._watcher.changed():
            self.reload()
        snapshot = self.snapshot
        if snapshot is not None and local_time(now, self.tz).date() != snapshot.today.day:
            self.reload()
        for screen in self.screen_stack:
            tick = getattr(screen, "tick", None)
            if tick is not None:
                tick(now)
        self._maybe_remind(now)

    def _maybe_remind(self, now: datetime) -> None:
        snapshot = self.snapshot
        if snapshot is None or snapshot.today.moods:
            return
        local = local_time(now, self.tz)
        if local.date() != snapshot.today.day or self._reminded_on == local.date():
            return
        hour = _int(snapshot.settings.get("reminder_hour"), DEFAULT_REMINDER_HOUR)
        if local.hour < hour:
            return
        self._reminded_on = local.date()
        self.notify(
            "No check-in yet today. How are you, honestly? Press c — it takes ten seconds.",
            title="Check in",
            timeout=15,
            markup=False,
        )

    # -- errors, undo, theme -----------------------------------------------------------

    def report_error(self, exc: BaseException) -> None:
        """Show an error from a worker as a notification (no user text, no traceback)."""
        severity = "warning" if isinstance(exc, DomainError) else "error"
        self.notify(describe_error(exc), severity=severity, markup=False, timeout=8)

    def _remember_theme(self, theme: Any) -> None:
        name = getattr(theme, "name", str(theme))
        if self.store is not None and self._theme_restored:
            self._save_setting("theme", name)

    @work(thread=True, group="settings")
    def _save_setting(self, key: str, value: str) -> None:
        store = self.store
        if store is None:
            return
        try:
            store.set_setting(key, value)
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(self.report_error, exc)

    def _fatal_error(self) -> None:
        """On a crash, print where it happened but no values: notes must not reach a terminal."""
        import sys
        import traceback

        from rich.segment import Segments
        from rich.text import Text

        error = sys.exc_info()[1] or self._exception
        frames = traceback.extract_tb(error.__traceback__)[-6:] if error else []
        report = Text("bounce stopped after an unexpected error")
        report.append(f" ({type(error).__name__})" if error else "")
        report.append(". Everything you entered was saved when you entered it.\n")
        for frame in frames:
            report.append(f"  {frame.filename}:{frame.lineno} in {frame.name}\n", style="dim")
        self.bell()
        self._exit_renderables.append(Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()

    # -- help and palette --------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        from bounce_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action of the main screen, named "area: action", plus Textual's own."""
        yield from super().get_system_commands(screen)
        from bounce_tui.screens.main import PALETTE_COMMANDS

        for title, help_text, action in PALETTE_COMMANDS:
            yield SystemCommand(title, help_text, self._main_action(action))

    def _main_action(self, action: str) -> Callable[[], None]:
        def run() -> None:
            from bounce_tui.screens.main import MainScreen

            for screen in reversed(self.screen_stack):
                if isinstance(screen, MainScreen):
                    self.call_later(screen.run_action, action)
                    return

        return run


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def describe_error(exc: BaseException) -> str:
    """One line for an error shown to the user: its rule or storage message, never a traceback."""
    from bounce_tui.domain.text import one_line

    if isinstance(exc, DomainError):
        return one_line(str(exc))
    try:
        from bounce_tui.store.errors import StoreError
    except ImportError:  # pragma: no cover
        StoreError = ()  # type: ignore[assignment,misc]  # noqa: N806
    if isinstance(exc, StoreError):
        return one_line(str(exc))
    return f"Something went wrong ({type(exc).__name__}); nothing else was changed."

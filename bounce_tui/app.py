"""BounceApp: the full-screen face of bounce.

The first frame is painted before the database is touched: the main screen is
composed at once with "opening…" placeholders; a moment later the context
(`context.py`) opens the store in a thread worker (SQLModel is slow to import)
and announces the first snapshot. Once a second the context ticks the screens,
notices writes from other programs, rolls "today" over at local midnight and,
once a day, gently reminds about a missing check-in.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterable
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from bounce_tui.context import BounceContext, OpenFailure
from bounce_tui.screens.main import FIRST_FRAME_GRACE

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.repository import Store


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class BounceApp(App[None]):
    """The terminal app: screens, keys, palette and theme; the data lives in `self.ctx`."""

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
        self.tick_seconds = tick_seconds
        self.ctx = BounceContext(self, Path(db_path), now=now, tz=tz)
        self._theme_restored = False

    # -- start and stop ------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the first screen: no empty default screen is drawn first."""
        from bounce_tui.screens.main import MainScreen

        return MainScreen(self.ctx)

    def on_mount(self) -> None:
        self.ctx.open_failed.subscribe(self, self._open_failed)
        self.ctx.snapshot_changed.subscribe(self, self._restore_theme)
        if self.start == "review":
            self.ctx.store_ready.subscribe(self, self._start_review)
        # Paint first. Textual writes frames from a thread; importing SQLModel right after
        # the first refresh held the GIL and delayed that frame by ~150 ms (measured with
        # tests/benchmarks/first_frame.py), so the store opens a moment later.
        self.set_timer(FIRST_FRAME_GRACE + 0.05, self.ctx.open)
        self.set_interval(self.tick_seconds, self.ctx.every_second)
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
        self.ctx.close()

    def _start_review(self, _store: Store) -> None:
        from bounce_tui.screens.review import ReviewScreen

        self.ctx.store_ready.unsubscribe(self)
        self.push_screen(ReviewScreen(self.ctx))

    def _open_failed(self, failure: OpenFailure) -> None:
        from bounce_tui.screens.open_failed import OpenFailedScreen

        self.push_screen(
            OpenFailedScreen(self.ctx, failure.path, failure.reason, restorable=failure.restorable)
        )

    # -- theme -----------------------------------------------------------------------

    def _restore_theme(self, snapshot: MainSnapshot) -> None:
        """The first snapshot brings the theme chosen last time."""
        if self._theme_restored:
            return
        self._theme_restored = True
        saved = snapshot.settings.get("theme")
        if saved and saved in self.available_themes and saved != self.theme:
            self.theme = saved

    def _remember_theme(self, theme: Any) -> None:
        name = getattr(theme, "name", str(theme))
        snapshot = self.ctx.snapshot
        if snapshot is None or not self._theme_restored or snapshot.settings.get("theme") == name:
            return
        self.ctx.run(lambda store: store.settings.set_setting("theme", name))

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


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
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import WorkerFailed

from bounce_tui import collector_pause
from bounce_tui.configured import ConfiguredContext, load_settings
from bounce_tui.context import OpenFailure
from bounce_tui.keys import Key, bindings, palette_entries
from bounce_tui.stop_signals import StopOnSignal

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from bounce_tui.domain.snapshot import MainSnapshot
    from bounce_tui.store.read.early import EarlyRead
    from bounce_tui.store.repository import Store


#: How long held keys wait between checks, and between one replayed key and the next.
KEY_REPLAY_STEP = 0.03
#: The longest a key waits for the key before it, when the widget that key went to is gone.
KEY_SETTLE_MAX = 1.0
#: A screen on top with nothing focused takes keys this long after it came on top.
UNFOCUSED_READY = 0.3
#: After the first frame, and after the store opened, the collector settles this much
#: later (collector_pause.settle), when the start's work is done.
COLLECTOR_SETTLE_DELAY = 1.0


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class BounceApp(App[None]):
    """The terminal app: screens, keys, palette and theme; the data lives in `self.ctx`."""

    TITLE = "bounce"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        db_path: Path,
        *,
        now: Callable[[], datetime] = _utc_now,
        tz: tzinfo | None = None,
        tick_seconds: float = 1.0,
        start: str = "main",
        early: EarlyRead | None = None,
        sync_seconds: float | None = None,
    ) -> None:
        super().__init__()
        self.start = start
        self._review_started = False
        self.tick_seconds = tick_seconds
        #: config.toml (and keys.toml): read once; a wrong file is named once, never fatal.
        self.settings_file = load_settings(self.available_themes)
        config = self.settings_file.config
        #: `sync_seconds`: how often the open app looks whether a sync is due (None: never).
        self.ctx = ConfiguredContext(
            self, Path(db_path), now=now, tz=tz, config=config, early=early,
            sync_seconds=sync_seconds,
        )  # fmt: skip
        self._theme_restored = False
        #: Keys the person remapped (keys.toml, then config.toml's [keys]).
        self.remapped = self.settings_file.keymap
        self.set_keymap(self.remapped)
        #: SIGTERM and SIGHUP: a clean stop, forced after a grace period (stop_signals.py).
        self.stop_signals = StopOnSignal(self.exit)
        #: Keys typed before the screen they are meant for can take them (see `on_event`).
        self._held_keys: list[events.Key] = []
        self._settling = False
        self._settle_count = 0
        self._top_screen: Screen[Any] | None = None
        self._top_since = 0.0

    # -- start and stop ------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the first screen: no empty default screen is drawn first."""
        from bounce_tui.screens.main import MainScreen

        self.ctx.adopt_early()  # the snapshot read during the imports, if it is there

        return MainScreen(self.ctx)

    def on_mount(self) -> None:
        # The collector, paused while the app started (collector_pause.py), runs again
        # once the first frame is drawn; the timer covers a first frame that is late.
        self.call_after_refresh(self._collector_back)
        self.set_timer(2.0, self._collector_back)
        self.ctx.open_failed.subscribe(self, self._open_failed)
        self.ctx.snapshot_changed.subscribe(self, self._restore_theme, immediate=True)
        if self.ctx.snapshot is not None:  # read early, before anything could subscribe
            self._restore_theme(self.ctx.snapshot)
        self.ctx.store_ready.subscribe(self, self._store_opened)
        if self.start == "review":
            self.ctx.want_store()
        # At once: the content is what the person waits for, not an empty frame (with an
        # early read, the snapshot is usually in hand by now).
        self.ctx.open()
        self.set_interval(self.tick_seconds, self.ctx.every_second)
        self.ctx.sync.start()
        if not self.is_headless:  # tests run headless in pytest's own process
            self.stop_signals.install(asyncio.get_running_loop())
        config, problem = self.settings_file.config, self.settings_file.problem
        if config is not None and config.theme is not None:
            self.theme = config.theme  # before the first frame, so no other theme flashes
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for note in self.settings_file.keymap_notes:
            self.notify(note, title="keys.toml", severity="warning", timeout=12, markup=False)
        if problem is not None:
            self.notify(problem, title="config.toml", severity="warning", timeout=20, markup=False)

    def on_unmount(self) -> None:
        self.stop_signals.uninstall()
        self.ctx.sync.close()
        self.ctx.close()

    # -- keys typed at start-up -----------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Hold keys until the store is open and the screen on top has focus, then replay them.

        `c 4 ctrl+s` typed while bounce starts: `c` must wait for the store, and `4` and
        `ctrl+s` for the form `c` opens. A key that comes while earlier ones are held, or
        before the screen the last key opened has drawn, waits its turn; they are replayed
        one at a time, in order, so none is dropped or lands on the wrong screen.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held_keys or self._settling or not self._ready_for_keys():
                self._held_keys.append(event)
                if len(self._held_keys) == 1:
                    self.set_timer(KEY_REPLAY_STEP, self._replay_held_key)
                return
            await self._dispatch_key(event)
            return
        await super().on_event(event)

    async def _dispatch_key(self, event: events.Key) -> None:
        # The next key waits until this one has been handled (see `_follow_key`) and what
        # it changed has been drawn; the timer frees the queue if that never comes.
        self.ctx.want_store()  # a key starts work that may write: the ORM store opens now
        self._settling = True
        self._settle_count += 1
        settled = partial(self._settled, self._settle_count)
        target = self.focused or self.screen
        await super().on_event(event)
        self._follow_key(target, settled)
        self.set_timer(KEY_SETTLE_MAX, settled)

    def _follow_key(self, node: DOMNode, settled: Callable[[], None]) -> None:
        """Queue a step behind the key on `node`; each step queues the next on the parent.

        A key goes to the focused widget, bubbles up to the app, and the app runs the
        binding it matches; the last step runs after that, so the key is fully handled.
        """
        if node is self or not node.call_later(self._follow_key, node.parent or self, settled):
            self.call_after_refresh(settled)

    def _settled(self, count: int) -> None:
        if count == self._settle_count:
            self._settling = False

    def _ready_for_keys(self) -> bool:
        ctx = self.ctx
        if ctx.snapshot is None and ctx.open_error is None:
            return False
        if not self.screen_stack:  # closing: there is no screen left to take keys
            return False
        screen = self.screen
        if screen is not self._top_screen:
            self._top_screen, self._top_since = screen, time.monotonic()
        if not screen.is_mounted or not screen.children:
            return False
        # A screen is ready once its focus has landed; one that focuses nothing, a moment
        # after it came on top.
        return self.focused is not None or time.monotonic() - self._top_since > UNFOCUSED_READY

    async def _replay_held_key(self) -> None:
        if not self.is_running or not self.screen_stack:
            self._held_keys.clear()  # the app is closing; the keys have nowhere to go
            return
        if self._held_keys and not self._settling and self._ready_for_keys():
            await self._dispatch_key(self._held_keys.pop(0))
        if self._held_keys:
            self.set_timer(KEY_REPLAY_STEP, self._replay_held_key)

    def _store_opened(self, _store: Store) -> None:
        self._settle_collector_soon()  # opening the store imported the ORM
        if self.start == "review" and not self._review_started:
            from bounce_tui.screens.review import ReviewScreen

            self._review_started = True
            self.push_screen(ReviewScreen(self.ctx))

    def _collector_back(self) -> None:
        if collector_pause.resume():
            self._settle_collector_soon()

    def _settle_collector_soon(self) -> None:
        if self._settles_collector():
            self.set_timer(COLLECTOR_SETTLE_DELAY, collector_pause.settle)

    def _settles_collector(self) -> bool:
        """Whether this process's collector is the app's to settle: not in a test runner
        (tests run headless, in the runner's own process)."""
        return not self.is_headless

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
        chosen = self.settings_file.config.theme if self.settings_file.config else None
        if chosen is not None:
            self.notify(
                f"Your config.toml sets the theme {chosen}, so {name} lasts until you quit. "
                "Change it there to keep it.",
                markup=False,
            )
        self.ctx.run(lambda store: store.settings.set_setting("theme", name))

    def _handle_exception(self, error: Exception) -> None:
        """A worker that failed is reported in one line and the app goes on; the rest stops it.

        Textual stops the app when any worker raises (`exit_on_error`), its own too: the
        palette's search worker raised NoMatches when the palette closed under it.
        """
        if isinstance(error, WorkerFailed):
            cause = error.error
            self.log.error(f"worker failed: {type(cause).__name__}")
            if not _closing_race(cause):
                self.notify(
                    f"Something went wrong in the background ({type(cause).__name__}); "
                    "nothing else was changed.",
                    severity="error",
                    markup=False,
                )
            return
        super()._handle_exception(error)

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
        """Show every key (remapped ones as remapped)."""
        from bounce_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.remapped))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, then every command of the key table that fits `screen`.

        A command of a pane (a timer's "move on") is offered where that pane is on
        screen; when it does not apply to what is highlighted, running it says why.
        """
        yield from super().get_system_commands(screen)
        for key, target in palette_targets(screen):
            yield SystemCommand(
                key.palette, key.help or key.label, partial(self._run_command, key, target)
            )

    def _run_command(self, key: Key, target: Widget) -> None:
        _namespace, name, params = parse_action(key.action)
        if not target.is_attached:
            return
        if target.check_action(name, params) is False:
            self.notify(key.unavailable or "That does not apply here just now.", markup=False)
            return
        self.call_later(target.run_action, key.action)


def _closing_race(error: BaseException) -> bool:
    """A widget of a screen that has closed looked up one of its children: nothing to report.

    The palette's search worker does so when the palette is closed while it searches.
    """
    from textual.css.query import NoMatches

    if not isinstance(error, NoMatches):
        return False
    trace = error.__traceback__
    while trace is not None:
        node = trace.tb_frame.f_locals.get("self")
        if isinstance(node, Widget) and not node.is_attached:
            return True
        trace = trace.tb_next
    return False


def palette_targets(screen: Screen[Any]) -> list[tuple[Key, Widget]]:
    """The palette's commands for `screen`, each with the screen or pane that runs it.

    Screens and panes say which scopes of the key table they answer (KEY_SCOPES).
    """
    owners: dict[str, Widget] = {}
    for node in [screen, *screen.walk_children(Widget)]:
        for scope in getattr(node, "KEY_SCOPES", ()):
            owners.setdefault(scope, node)
    return [(key, owners[key.scope]) for key in palette_entries() if key.scope in owners]

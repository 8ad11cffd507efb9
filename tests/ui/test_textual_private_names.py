"""Workarounds that lean on Textual's private names fail here first when Textual changes them.

- KeyFooter (widgets/key_footer.py) prunes the watcher list Textual keeps under the
  attribute "__watchers" and reads each owner's `_closing` flag (Textual issue 6666).
- BounceApp._fatal_error (app.py) replaces Textual's crash report, which would print
  local variables, and uses `_exit_renderables` and `_close_messages_no_wait`.
- BounceApp._handle_exception (app.py) keeps the app going when a worker fails
  (Textual hands it a WorkerFailed and would stop the app).

If Textual renames any of these, the workaround would silently stop working; these
tests turn that into a failure. If Textual fixes issue 6666, the first test still
passes but `test_a_plain_footer_still_piles_up_watchers` fails: then drop KeyFooter.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Label

from bounce_tui.app import BounceApp
from bounce_tui.widgets.key_footer import KeyFooter


class FooterApp(App[None]):
    """Flips a binding on and off so the Footer rebuilds its keys many times."""

    BINDINGS = [Binding("a", "noop", "Alpha"), Binding("b", "noop", "Beta")]

    def __init__(self, footer_class: type[Footer]) -> None:
        super().__init__()
        self.footer_class = footer_class
        self.show_beta = True

    def compose(self) -> ComposeResult:
        yield Label("x")
        yield self.footer_class()

    @property
    def footer(self) -> Footer:
        return self.query_one(self.footer_class)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.show_beta or action != "noop"

    def action_noop(self) -> None:
        return None


async def _rebuild(app: FooterApp, pilot: Any, times: int) -> None:
    for _ in range(times):
        app.show_beta = not app.show_beta
        app.refresh_bindings()  # the Footer rebuilds its keys when the bindings change
        await pilot.pause()
        await pilot.pause()


def _bound(footer: Footer) -> int:
    """One set of keys, and at most one set still being replaced."""
    return 2 * len(footer.children) + 2


def _watchers(node: object) -> int:
    return sum(len(entries) for entries in getattr(node, "__watchers", {}).values())


async def test_the_footer_workaround_finds_textuals_watchers_and_prunes_them() -> None:
    app = FooterApp(KeyFooter)
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        assert footer.watcher_count() > 0, "Textual no longer keeps watchers in '__watchers'"
        assert all(hasattr(child, "_closing") for child in footer.children)
        await _rebuild(app, pilot, 30)
        assert footer.watcher_count() <= _bound(footer)


async def test_a_plain_footer_still_piles_up_watchers() -> None:
    app = FooterApp(Footer)
    async with app.run_test() as pilot:
        await pilot.pause()
        await _rebuild(app, pilot, 30)
        assert _watchers(app.footer) > _bound(app.footer), (
            "Textual fixed issue 6666: drop KeyFooter"
        )


def test_the_crash_report_override_still_has_what_it_uses(tmp_path: Any) -> None:
    app = BounceApp(tmp_path / "bounce.db")
    assert callable(getattr(App, "_fatal_error", None))
    assert isinstance(getattr(app, "_exit_renderables", None), list)
    assert callable(getattr(app, "_close_messages_no_wait", None))


def test_worker_failures_still_reach_handle_exception() -> None:
    import inspect

    from textual import worker

    assert callable(getattr(App, "_handle_exception", None))
    assert "_handle_exception(worker_failed)" in inspect.getsource(worker.Worker._run)

"""The Footer every bounce screen shows, made safe to keep open for weeks.

Textual's Footer rebuilds its keys whenever the bindings change (every cursor
move, every reload). Each new key binds itself to the Footer's `compact`
reactive, and that watcher entry stays on the Footer after the key is removed
until `compact` changes, which it never does (Textual issue 6666). Over a day
of use the list grew to tens of thousands of entries; each rebuild walks it,
so key presses slowed to seconds. `KeyFooter` drops the entries of removed keys
before each rebuild.

It also rebuilds once for any number of binding changes before the next refresh:
Textual queues a rebuild per change, and opening the main screen alone makes a
dozen (each focus move, each `refresh_bindings`), every one mounting and styling
all the keys again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

#: Where Reactive keeps the watchers other nodes set on an object (see textual.reactive).
_WATCHERS = "__watchers"


class KeyFooter(Footer):
    """Textual's Footer without the watcher build-up of removed keys, rebuilt once per change."""

    _rebuild_queued = False
    #: How many times the keys were rebuilt (for tests).
    rebuilds = 0

    def bindings_changed(self, screen: Screen) -> None:
        """As Footer's, but a rebuild already queued covers this change too."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._queued_rebuild)

    async def _queued_rebuild(self) -> None:
        self._rebuild_queued = False  # a change from here on queues the next rebuild
        await self.recompose()

    async def recompose(self) -> None:
        self.rebuilds += 1
        drop_closed_watchers(self)
        await super().recompose()

    def watcher_count(self) -> int:
        """How many watcher entries other nodes hold on this Footer (for tests)."""
        return sum(len(entries) for entries in getattr(self, _WATCHERS, {}).values())


def drop_closed_watchers(node: object) -> None:
    """Remove watcher entries whose owner has been removed from the DOM."""
    watchers: dict[str, list[tuple[object, object]]] = getattr(node, _WATCHERS, {})
    for entries in watchers.values():
        entries[:] = [
            (owner, callback)
            for owner, callback in entries
            if not getattr(owner, "_closing", False)
        ]

"""The Footer every bounce screen shows, made safe to keep open for weeks.

Textual's Footer rebuilds its keys whenever the bindings change (every cursor
move, every reload). Each new key binds itself to the Footer's `compact`
reactive, and that watcher entry stays on the Footer after the key is removed
until `compact` changes, which it never does (Textual issue 6666). Over a day
of use the list grew to tens of thousands of entries; each rebuild walks it,
so key presses slowed to seconds. `KeyFooter` drops the entries of removed keys
before each rebuild.
"""

from __future__ import annotations

from textual.widgets import Footer

#: Where Reactive keeps the watchers other nodes set on an object (see textual.reactive).
_WATCHERS = "__watchers"


class KeyFooter(Footer):
    """Textual's Footer without the watcher build-up of removed keys."""

    async def recompose(self) -> None:
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

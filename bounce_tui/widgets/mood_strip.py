"""The strip above the panes: today's check-in, the streak, lessons due, a calm notice."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from bounce_tui.domain.checkins import mood_label
from bounce_tui.domain.snapshot import TodayView
from bounce_tui.domain.sync_mark import SyncMark
from bounce_tui.domain.text import one_line

__all__ = ["MoodStrip"]

NOTE_LIMIT = 50
NOTICE_LIMIT = 200


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class MoodStrip(Static):
    """One line with today's mood, note, streak and lessons due; an optional notice below.

    The screen calls :meth:`show` with a :class:`TodayView`, :meth:`show_notice`
    with a calm one-line notice (or None) and :meth:`show_sync` with the sync mark,
    which sits at the right end of the line (or of the next, when the line is full).
    All user text is shown as plain text.
    """

    DEFAULT_CSS = """
    MoodStrip {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", name=name, id=id, classes=classes, markup=False)
        self._today: TodayView | None = None
        self._notice: str | None = None
        self._sync: SyncMark | None = None

    @property
    def today(self) -> TodayView | None:
        """The record shown, if any."""
        return self._today

    def show(self, today: TodayView) -> None:
        """Show today's check-in state."""
        self._today = today
        self._redraw()

    def show_notice(self, text: str | Sequence[str] | None) -> None:
        """Show calm notices, one line each, below the strip; None (or none) removes them."""
        lines = [text] if isinstance(text, str) else list(text or ())
        shown = [one_line(line, NOTICE_LIMIT) for line in lines if line]
        self._notice = "\n".join(shown) or None
        self._redraw()

    def show_sync(self, mark: SyncMark | None) -> None:
        """Show the sync mark (None: this database does not sync)."""
        if mark == self._sync:
            return
        self._sync = mark
        self._redraw()

    def on_resize(self) -> None:
        if self._sync is not None:
            self._redraw()

    def _with_sync(self, line: Content) -> Content:
        mark = self._sync
        if mark is None:
            return line
        style = "$text-warning" if mark.warn else "dim"
        width = self.content_region.width
        room = width - line.cell_length - len(mark.text)
        if room >= 3:
            return Content.assemble(line, " " * room, (mark.text, style))
        # No room at the end of the line: the mark goes whole to the right of the next,
        # never broken across two lines.
        pad = " " * max(0, width - len(mark.text))
        return Content.assemble(line, "\n", pad, (mark.text, style))

    def _tail(self, today: TodayView) -> list[tuple[str, str] | str]:
        parts: list[tuple[str, str] | str] = []
        if today.streak > 0:
            parts.append((f" · streak {_plural(today.streak, 'day')}", ""))
        if today.lessons_due > 0:
            parts.append((f" · {_plural(today.lessons_due, 'lesson')} due", "$text-accent"))
        return parts

    def _line(self, today: TodayView) -> Content:
        mood = today.mood
        if mood is None:
            return Content.assemble(("No check-in yet today — press c", "dim"), *self._tail(today))
        parts: list[tuple[str, str] | str] = [
            "Today: ",
            (mood_label(mood), "bold"),
            f" ({mood:.1f})",
        ]
        note = one_line(today.last_note, NOTE_LIMIT)
        if note:
            parts.append(" · ")
            parts.append((f"“{note}”", "italic"))
        return Content.assemble(*parts, *self._tail(today))

    def _redraw(self) -> None:
        line = self._line(self._today) if self._today is not None else Content("")
        line = self._with_sync(line)
        if self._notice:
            line = Content.assemble(line, "\n", (self._notice, "$text-secondary"))
        self.update(line)

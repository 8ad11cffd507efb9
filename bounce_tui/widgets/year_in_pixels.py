"""YearInPixels: a calendar heatmap of daily moods, weeks as columns and weekdays as rows.

One cell per day. A day's glyph grows with its mood (▁ awful … █ great) and is
coloured from red to green; a day without a check-in is a dim ·, a skipped day
a ×, and future days stay blank. Glyph and colour both carry the mood, so the
calendar reads under NO_COLOR too. A legend sits under the grid.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.content import Content
from textual.widgets import Static

from bounce_tui.domain.checkins import MOOD_LABELS
from bounce_tui.domain.progress import SKIPPED, PixelGrid, mood_level
from bounce_tui.widgets.mood_chart import MONTHS

__all__ = ["YearInPixels", "GLYPHS", "EMPTY", "SKIP", "week_columns", "cell_glyph"]

#: The glyph of each whole mood, 1 awful … 5 great.
GLYPHS = {1: "▁", 2: "▃", 3: "▅", 4: "▇", 5: "█"}
#: Red to green; readable on dark and light backgrounds alike.
COLOURS = {1: "#e05252", 2: "#e8904a", 3: "#d9c13f", 4: "#8cc152", 5: "#3fa34d"}
EMPTY = "·"
SKIP = "×"
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_LABEL_WIDTH = 3


def week_columns(grid: PixelGrid, first_weekday: int = 0) -> list[list[date | None]]:
    """Columns of seven days, `first_weekday` first (0 Monday … 6 Sunday); None pads before
    the start and after the end."""
    first = grid.start - timedelta(days=(grid.start.weekday() - first_weekday) % 7)
    columns: list[list[date | None]] = []
    while first <= grid.end:
        days = [first + timedelta(days=i) for i in range(7)]
        columns.append([d if grid.start <= d <= grid.end else None for d in days])
        first += timedelta(days=7)
    return columns


def cell_glyph(grid: PixelGrid, day: date | None) -> tuple[str, str]:
    """The glyph and style of one cell (blank outside the grid and in the future)."""
    if day is None or day > grid.today:
        return " ", ""
    pixel = grid.pixel(day)
    if pixel is None:
        return EMPTY, "$text-muted"
    if pixel == SKIPPED:
        return SKIP, "$text-secondary"
    level = mood_level(float(pixel))
    return GLYPHS[level], COLOURS[level]


def _month_row(columns: list[list[date | None]]) -> str:
    """Month names over the week in which each month begins (the first partial one if room)."""
    starts: list[tuple[int, int]] = []  # (column, month)
    for index, week in enumerate(columns):
        first = next((d for d in week if d is not None and d.day == 1), None)
        if first is not None:
            starts.append((index, first.month))
    lead = next((d for d in columns[0] if d is not None), None) if columns else None
    if lead is not None and lead.day != 1 and (not starts or starts[0][0] >= 4):
        starts.insert(0, (0, lead.month))
    row = [" "] * len(columns)
    for index, month in starts:
        name = MONTHS[month - 1]
        if index + len(name) <= len(columns):
            row[index : index + len(name)] = list(name)
    return " " * _LABEL_WIDTH + "".join(row)


def legend() -> Content:
    """What each glyph means."""
    parts: list[tuple[str, str] | str] = [(EMPTY, "$text-muted"), " none  "]
    parts.extend([(SKIP, "$text-secondary"), " skipped "])
    for level, label in MOOD_LABELS.items():
        parts.extend([" ", (GLYPHS[level], COLOURS[level]), f" {label}"])
    return Content.assemble(*parts)


class YearInPixels(Static):
    """The last 365 days (or a calendar year) as a heatmap; the screen calls :meth:`show`."""

    DEFAULT_CSS = """
    YearInPixels {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", name=name, id=id, classes=classes, markup=False)
        self._grid: PixelGrid | None = None
        self._first_weekday = 0

    @property
    def grid(self) -> PixelGrid | None:
        """The grid shown, if any."""
        return self._grid

    def show(self, grid: PixelGrid, first_weekday: int = 0) -> None:
        """Draw ``grid``, weeks starting on ``first_weekday`` (0 Monday … 6 Sunday)."""
        self._grid = grid
        self._first_weekday = first_weekday
        self.update(self.draw(grid, first_weekday))

    @staticmethod
    def draw(grid: PixelGrid, first_weekday: int = 0) -> Content:
        """The month row, seven weekday rows and the legend."""
        columns = week_columns(grid, first_weekday)
        lines: list[Content] = [Content(_month_row(columns)).stylize("$text-muted")]
        for row in range(7):
            label = WEEKDAYS[(first_weekday + row) % 7]
            cells = [cell_glyph(grid, week[row]) for week in columns]
            lines.append(Content.assemble((f"{label} ", "$text-muted"), *cells))
        lines.append(legend())
        return Content("\n").join(lines)

"""MoodChart: the daily mood as a line (1 awful … 5 great) over 30, 90 or 365 days.

Drawn by Plotext through `textual-plotext`. Each rejection is a vertical line
(with a tick on the time axis); mourning periods are shaded. Gaps in the
check-ins stay gaps: each run of consecutive days is its own line segment, and a
lone day is a dot. Over 90 or 365 days every day would blur into a band, so the
line is then the centred 7-day mean (the trend). The glyphs differ (braille
line, • dot, │ rejection, ░ mourning), so the chart also reads without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from bounce_tui.domain.checkins import MOOD_LABELS
from bounce_tui.domain.progress import MoodSeries

# fmt: off
__all__ = [
    "MoodChart", "ChartSpan", "MONTHS", "legend_for", "short_day", "smooth", "runs",
    "drawn_points",
]
# fmt: on

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Ranges longer than this many days draw a 7-day mean instead of every day.
DAILY_MAX_DAYS = 31
SMOOTH_RADIUS = 3  # the mean of day-3 .. day+3
#: What the glyphs mean; the screen shows it under the chart.
LEGEND = "⠉ daily mood  • lone day  │ rejection  ░ mourning"
LEGEND_SMOOTH = "⠉ 7-day mean mood  │ rejection  ░ mourning"
_SHADE = "░"
_FALLBACK = {"line": (1, 120, 212), "mark": (186, 60, 91), "shade": (70, 70, 90)}
_RGB = tuple[int, int, int]


def short_day(day: date) -> str:
    """A day as "3 Mar" (English month names whatever the locale, so snapshots repeat)."""
    return f"{day.day} {MONTHS[day.month - 1]}"


@dataclass(frozen=True)
class ChartSpan:
    """A mourning period drawn as a shaded band from ``start`` to ``end`` (local days)."""

    start: date
    end: date


def runs(points: Sequence[float | None]) -> list[tuple[int, list[float]]]:
    """Consecutive non-None points as (first index, values): each run is drawn on its own."""
    found: list[tuple[int, list[float]]] = []
    for index, value in enumerate(points):
        if value is None:
            continue
        if found and found[-1][0] + len(found[-1][1]) == index:
            found[-1][1].append(value)
        else:
            found.append((index, [value]))
    return found


def smooth(
    points: Sequence[float | None], radius: int = SMOOTH_RADIUS, min_points: int = 2
) -> list[float | None]:
    """The centred mean of each day and ``radius`` days either side, over the days with data.

    None where fewer than ``min_points`` of those days have data, so long gaps stay gaps,
    and None before the first day with data and after the last: the line never
    reaches past the check-ins it is made of.
    """
    known = [index for index, point in enumerate(points) if point is not None]
    smoothed: list[float | None] = []
    for index in range(len(points)):
        if not known or not known[0] <= index <= known[-1]:
            smoothed.append(None)
            continue
        near = [p for p in points[max(0, index - radius) : index + radius + 1] if p is not None]
        smoothed.append(sum(near) / len(near) if len(near) >= min_points else None)
    return smoothed


def drawn_points(series: MoodSeries, window: int | None = None) -> list[float | None]:
    """The values the line is drawn from: every day for a range up to a month, else the 7-day mean.

    ``window`` is the range asked for (a series may be shorter: it starts at the first
    check-in); by default the series' own length.
    """
    points = list(series.points)
    days = len(points) if window is None else window
    return points if days <= DAILY_MAX_DAYS else smooth(points)


def legend_for(days: int) -> str:
    """The legend of a chart over ``days`` days."""
    return LEGEND if days <= DAILY_MAX_DAYS else LEGEND_SMOOTH


def _ticks(series: MoodSeries, slots: int) -> tuple[list[int], list[str]]:
    count = len(series.points)
    wanted = max(2, min(slots, count))
    positions = sorted({round(i * (count - 1) / (wanted - 1)) for i in range(wanted)})
    return positions, [short_day(series.day(i)) for i in positions]


class MoodChart(PlotextPlot):
    """A line chart of daily moods with rejections marked and mourning periods shaded.

    The screen calls :meth:`show` with plain values; the chart never reads the store.
    """

    DEFAULT_CSS = """
    MoodChart {
        width: 1fr;
        height: 12;
    }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._series: MoodSeries | None = None
        self._rejections: tuple[date, ...] = ()
        self._spans: tuple[ChartSpan, ...] = ()
        self._window: int | None = None

    @property
    def series(self) -> MoodSeries | None:
        """The series shown, if any."""
        return self._series

    @property
    def rejection_days(self) -> tuple[date, ...]:
        """The rejection days inside the window, as drawn."""
        return self._rejections

    def show(
        self,
        series: MoodSeries,
        rejections: Sequence[date] = (),
        spans: Sequence[ChartSpan] = (),
        window: int | None = None,
    ) -> None:
        """Draw ``series``; rejections and spans outside its days are left out (spans clipped).

        ``window`` is the range asked for (it decides daily points or the 7-day mean).
        """
        self._series = series
        self._window = window
        self._rejections = tuple(
            sorted(d for d in set(rejections) if series.start <= d <= series.end)
        )
        self._spans = tuple(
            ChartSpan(max(s.start, series.start), min(s.end, series.end))
            for s in spans
            if s.start <= series.end and s.end >= series.start
        )
        self.refresh()

    def _colour(self, variable: str, key: str, fade: float = 0.0) -> _RGB:
        try:
            colour = Color.parse(self.app.theme_variables[variable])
            if fade:
                colour = colour.blend(Color.parse(self.app.theme_variables["surface"]), fade)
            return colour.rgb
        except Exception:  # noqa: BLE001 - an odd theme value must not break the chart
            return _FALLBACK[key]

    def render(self) -> RenderResult:
        """Rebuild the Plotext figure for the current size, then let Plotext draw it."""
        self._draw()
        return super().render()

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        series = self._series
        if series is None:
            return
        last = len(series.points) - 1
        shade = self._colour("primary", "shade", fade=0.7)
        mark = self._colour("error", "mark")
        line = self._colour("primary", "line")
        for span in self._spans:
            first = (span.start - series.start).days
            end = (span.end - series.start).days
            plt.plot([first, end], [5, 5], fillx=True, marker=_SHADE, color=shade)
        for day in self._rejections:
            x = (day - series.start).days
            plt.vline(x, mark)
            plt.plot([x, x], [1, 5], marker="│", color=mark)
        for first, values in runs(drawn_points(series, self._window)):
            xs = list(range(first, first + len(values)))
            if len(values) == 1:
                plt.scatter(xs, values, marker="•", color=line)
            else:
                plt.plot(xs, values, marker="braille", color=line)
        if not series.has_data:
            plt.text("no check-ins in these days", x=last / 2, y=3, alignment="center")
        plt.xlim(0, max(last, 1))
        plt.ylim(1, 5)
        plt.yticks(list(MOOD_LABELS), list(MOOD_LABELS.values()))
        width = max(self.size.width, 20)
        positions, labels = _ticks(series, max(2, min(10, width // 14)))
        plt.xticks([float(p) for p in positions], labels)

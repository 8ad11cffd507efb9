"""ProgressScreen: pictures and figures that show the person they bounce back.

The median bounce-back time comes first and big, with the streak beside it;
below, a mood chart (rejections marked, mourning shaded) over 30, 90 or 365
days, a year-in-pixels calendar, the rest of the figures and "Tags and your
days" (over the chart's range). The report is read in a thread worker after the
first frame ("loading…" until then); switching the range redraws from the report
already loaded. Narrow terminals stack the panels in a scrollable column; from
100 columns the figures and tags sit beside the pictures, from 150 in a wider
column. The chart grows with the terminal: it takes the height the calendar
leaves (between 12 and 50 rows) and the width the side column leaves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from bounce_tui.domain.config import week_start_index
from bounce_tui.domain.progress import GENTLE_PROMPT, WINDOWS, ProgressReport
from bounce_tui.keys import bindings
from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.store_screen import StoreScreen
from bounce_tui.widgets.figures_panel import BounceHeadline, FiguresPanel
from bounce_tui.widgets.key_footer import KeyFooter
from bounce_tui.widgets.mood_chart import ChartSpan, MoodChart, legend_for, short_day
from bounce_tui.widgets.tag_moods_panel import TagMoodsPanel
from bounce_tui.widgets.year_in_pixels import YearInPixels

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import MainSnapshot

__all__ = ["ProgressScreen", "WIDE_COLUMNS", "WIDER_COLUMNS", "LOAD_FAILED_TEXT"]

#: From this many columns the figures and tags sit beside the pictures …
WIDE_COLUMNS = 100
#: … and from this many in a wider column.
WIDER_COLUMNS = 150
#: The chart's height in rows: at least this …
CHART_MIN_ROWS = 12
#: … and at most this, however tall the terminal.
CHART_MAX_ROWS = 50
#: The year-in-pixels box: a month row, seven weekdays and the legend, in a border.
PIXELS_ROWS = 11
LOAD_FAILED_TEXT = "The figures could not be read just now. Press escape and try again."


class ProgressBody(VerticalScroll):
    """The scrolling body under the headline; says when its own size changes."""

    class Resized(Message):
        """The body was laid out at a new size (the chart's height follows it)."""

    def on_resize(self, _event: events.Resize) -> None:
        self.post_message(self.Resized())


class ProgressScreen(StoreScreen):
    """Mood chart, year in pixels and figures; `1` `2` `3` (or `[` `]`) pick the range."""

    DEFAULT_CSS = """
    ProgressScreen #progress-headline {
        background: $boost;
    }
    ProgressScreen #progress-prompt {
        display: none;
        height: auto;
        margin: 0 1;
        padding: 0 1;
        border: round $warning;
    }
    ProgressScreen.-prompt #progress-prompt {
        display: block;
    }
    ProgressScreen #progress-body {
        height: 1fr;
    }
    ProgressScreen #progress-grid {
        height: auto;
        layout: vertical;
    }
    ProgressScreen.-wide #progress-grid, ProgressScreen.-wider #progress-grid {
        layout: horizontal;
    }
    ProgressScreen #progress-pictures, ProgressScreen #progress-side {
        height: auto;
    }
    ProgressScreen.-wide #progress-pictures, ProgressScreen.-wider #progress-pictures {
        width: 1fr;
    }
    ProgressScreen #chart-box, ProgressScreen #year-pixels, ProgressScreen #progress-figures,
    ProgressScreen #progress-tags {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        height: auto;
    }
    ProgressScreen #year-pixels {
        padding: 0 1;
    }
    ProgressScreen.-wide #progress-side {
        width: 36;
    }
    ProgressScreen.-wider #progress-side {
        width: 48;
    }
    ProgressScreen.-empty #chart-box, ProgressScreen.-empty #progress-side {
        display: none;
    }
    """

    KEY_SCOPES = ("progress",)
    #: From WIDE_COLUMNS the figures and tags sit beside the pictures (wider from WIDER_COLUMNS).
    HORIZONTAL_BREAKPOINTS = [(WIDE_COLUMNS, "-wide"), (WIDER_COLUMNS, "-wider")]
    BINDINGS: ClassVar[list[BindingType]] = bindings("progress")

    def __init__(self, ctx: ScreenContext, window_days: int = WINDOWS[0]) -> None:
        super().__init__(ctx)
        if window_days not in WINDOWS:
            raise ValueError(f"window_days must be one of {WINDOWS}")
        self.window_days = window_days
        self.report: ProgressReport | None = None
        self._generation = 0
        #: True once the chart's height fits the body as it is laid out now.
        self.chart_settled = False

    def compose(self) -> ComposeResult:
        yield BounceHeadline(id="progress-headline")
        yield Static(Content(GENTLE_PROMPT), id="progress-prompt")
        with ProgressBody(id="progress-body"), Container(id="progress-grid"):
            with Vertical(id="progress-pictures"):
                with Vertical(id="chart-box"):
                    yield MoodChart(id="mood-chart")
                yield YearInPixels(id="year-pixels")
            with Vertical(id="progress-side"):
                yield FiguresPanel(id="progress-figures")
                yield TagMoodsPanel(id="progress-tags")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#year-pixels").border_title = Content("Year in pixels · last 365 days")
        self.query_one("#progress-figures").border_title = Content("Figures")
        self.query_one("#progress-tags").border_title = Content("Tags and your days")
        self.query_one("#progress-prompt").border_title = Content(
            "A gentle note · z hides it for a week"
        )
        self._title_chart()
        self.query_one("#progress-body").focus()
        self.ctx.snapshot_changed.subscribe(self, self.show_snapshot)
        self.load()

    # -- loading -----------------------------------------------------------------------

    def load(self) -> None:
        """Read the report in a worker (once the store has opened, if it has not yet)."""
        if self.ctx.open_error is not None:
            self.query_one(BounceHeadline).show_text(LOAD_FAILED_TEXT)
            return
        self._generation += 1
        generation = self._generation
        window = self.window_days
        self.call_store(
            lambda store: store.read.progress_report(window),
            lambda report: self._loaded(generation, report),
            failed=self._failed,
            writes=False,
        )

    def show_snapshot(self, snapshot: MainSnapshot) -> None:
        """A fresh snapshot (a write here or elsewhere, or midnight): read the figures again."""
        self.load()

    def _failed(self, _error: BaseException) -> None:
        if self.report is None:
            self.query_one(BounceHeadline).show_text(LOAD_FAILED_TEXT)

    def _loaded(self, generation: int, report: ProgressReport) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self.show_report(report)

    def show_report(self, report: ProgressReport) -> None:
        """Draw every panel from ``report``."""
        self.report = report
        self.set_class(report.is_empty, "-empty")
        self.set_class(report.gentle_prompt, "-prompt")
        self.query_one(BounceHeadline).show(report)
        settings = self.ctx.snapshot.settings if self.ctx.snapshot is not None else {}
        self.query_one(YearInPixels).show(
            report.pixels, week_start_index(settings.get("week_start"))
        )
        self.query_one(FiguresPanel).show(report)
        self._show_chart()
        self._refit()

    def _refit(self) -> None:
        self.chart_settled = False
        self.call_after_refresh(self._fit_chart)

    @on(ProgressBody.Resized)
    def _body_resized(self, _message: ProgressBody.Resized) -> None:
        self._refit()

    def _fit_chart(self) -> None:
        """Give the chart the height the body has left above the calendar (12 to 50 rows).

        Runs after each report, and whenever the body's own size changes (the headline
        above it can wrap to more lines once drawn); `chart_settled` says the chart has
        the height of the body as laid out now.
        """
        if not self.is_attached:
            return
        body = self.query_one(ProgressBody)
        box = self.query_one("#chart-box")
        # The calendar is always nine lines in a border; measured, it may not be laid out yet.
        spare = body.size.height - PIXELS_ROWS - box.styles.gutter.height
        rows = max(CHART_MIN_ROWS, min(CHART_MAX_ROWS, spare))
        chart = self.query_one(MoodChart)
        if chart.styles.height is None or chart.styles.height.value != rows:
            chart.styles.height = rows
        self.chart_settled = body.size.height > 0

    def _show_chart(self) -> None:
        self._title_chart()
        report = self.report
        if report is None:
            return
        self.query_one(MoodChart).show(
            report.series_for(self.window_days),
            [back.rejection.day for back in report.bounce_backs],
            [ChartSpan(p.start_day, p.end_day) for p in report.periods],
            window=self.window_days,
        )
        self.query_one(TagMoodsPanel).show(report.tags_for(self.window_days), self.window_days)

    def _title_chart(self) -> None:
        parts: list[str | tuple[str, str]] = [f"Mood · last {self.window_days} days  "]
        series = self.report.series_for(self.window_days) if self.report else None
        if series is not None and len(series.points) < self.window_days:
            parts = [f"Mood · since {short_day(series.start)} (first check-in)  "]
        for key, days in enumerate(WINDOWS, start=1):
            style = "bold $text-accent" if days == self.window_days else ""
            parts.append((f" {key}:{days}d", style))
        box = self.query_one("#chart-box")
        box.border_title = Content.assemble(*parts)
        box.border_subtitle = Content(legend_for(self.window_days))

    # -- keys --------------------------------------------------------------------------------

    def action_window(self, days: int) -> None:
        """Show the chart over the last ``days`` days (30, 90 or 365)."""
        if days not in WINDOWS:
            return
        self.window_days = days
        self._show_chart()

    def action_step(self, step: int) -> None:
        """A shorter (-1) or longer (+1) range."""
        index = WINDOWS.index(self.window_days) + step
        self.action_window(WINDOWS[max(0, min(index, len(WINDOWS) - 1))])

    def action_hide_prompt(self) -> None:
        """Hide the gentle note for a week."""
        if self.report is None or not self.report.gentle_prompt:
            return
        self.set_class(False, "-prompt")
        self.call_store(lambda store: store.settings.dismiss_gentle_prompt(7))

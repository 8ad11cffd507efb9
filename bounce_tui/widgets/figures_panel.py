"""The progress figures: the headline (median bounce-back, big) and the panel of the rest.

`BounceHeadline` shows the median bounce-back time in large digits with the
streak beside it; `FiguresPanel` lists bounce-back per rejection, mourning
planned vs actual, checklist completion, lessons reviewed this week and urges
per period, with small bars where a picture says it faster. Company names are
shown as plain text after `one_line` (control characters made visible).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Digits, Static

from bounce_tui.domain.bounce_back import BASELINE_TEXT
from bounce_tui.domain.progress import (
    Completion,
    PeriodFact,
    ProgressReport,
    RejectionBounce,
    mean_actual_days,
    mean_planned_days,
    mean_urges,
)
from bounce_tui.domain.text import one_line
from bounce_tui.widgets.mood_chart import short_day

__all__ = ["BounceHeadline", "FiguresPanel", "EMPTY_TEXT", "LOADING_TEXT", "days_text", "bar"]

LOADING_TEXT = "loading…"
EMPTY_TEXT = (
    "Nothing to show yet — and that's fine. Check in with c on the main screen once a day: "
    "your mood line and calendar fill in here, and after a rejection you'll see how many "
    "days it took you to bounce back."
)
#: Rows listed per section; older ones are summed up in one line.
LIST_LIMIT = 6
NAME_WIDTH = 14
BAR_WIDTH = 8


def days_text(days: float) -> str:
    """ "1 day", "3 days", "1.5 days"."""
    number = f"{days:.0f}" if abs(days - round(days)) < 0.05 else f"{days:.1f}"
    return f"{number} day" if number == "1" else f"{number} days"


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` cells, ``fraction`` of them full (█ done, ░ to do)."""
    full = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * full + "░" * (width - full)


def _name(company: str, fallback: str = "(no rejection)") -> str:
    return one_line(company, NAME_WIDTH) or fallback


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class BounceHeadline(Horizontal):
    """The median bounce-back time, big, with the streak beside it."""

    DEFAULT_CSS = """
    BounceHeadline {
        height: auto;
        padding: 0 1;
    }
    BounceHeadline > Digits {
        width: auto;
        margin-right: 2;
        color: $text-success;
    }
    BounceHeadline > #headline-label {
        width: 1fr;
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        yield Digits("", id="headline-digits")
        yield Static(Content(LOADING_TEXT), id="headline-label")

    def show_text(self, text: str) -> None:
        """Loading, empty or error: a line of text, no digits."""
        self.query_one(Digits).display = False
        self.query_one("#headline-label", Static).update(Content(text))

    def show(self, report: ProgressReport) -> None:
        """The headline of ``report``."""
        if report.is_empty:
            self.show_text(EMPTY_TEXT)
            return
        digits = self.query_one(Digits)
        summary = report.median
        median = report.median_bounce_back
        streak = Content.assemble(
            ("check-in streak ", "$text-muted"), (_plural(report.streak, "day"), "bold")
        )
        if median is not None and summary is not None:
            digits.update(f"{median:g}")
            digits.display = True
            title = "day to bounce back" if median == 1 else "days to bounce back"
            counted = [b.result for b in report.bounce_backs if b.result.status == "days"]
            if len(counted) == 1 and summary.counted == len(report.bounce_backs):
                detail = counted[0].describe()
            else:
                detail = summary.detail()
                if summary.usual and not summary.before:
                    detail += f" ({BASELINE_TEXT['usual']})"
            lines = [Content.assemble((title, "bold")), Content(detail).stylize("$text-muted")]
        else:
            digits.display = False
            if report.bounce_backs:
                newest = report.bounce_backs[-1].result
                waiting = newest.status == "not_yet"
                head = "Bounce-back: not yet" if waiting else "Bounce-back: —"
                why = newest.describe() if waiting else newest.missing
            else:
                head, why = "No rejection logged", "nothing to bounce back from"
            lines = [Content.assemble((head, "bold")), Content(why).stylize("$text-muted")]
        if report.trend is not None:
            lines.append(Content(report.trend.sentence()))
        lines.append(streak)
        self.query_one("#headline-label", Static).update(Content("\n").join(lines))


class FiguresPanel(Static):
    """Every figure below the headline, as a few short sections."""

    DEFAULT_CSS = """
    FiguresPanel {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", name=name, id=id, classes=classes, markup=False)

    def show(self, report: ProgressReport) -> None:
        """The figures of ``report``."""
        lines: list[Content] = []
        lines += _bounce_lines(report.bounce_backs)
        lines += _mourning_lines(report)
        lines += _checklist_lines(report.checklist, report.checklists)
        lines.append(
            Content.assemble(
                ("Lessons reviewed this week ", "bold"), (str(report.reviews_this_week), "bold")
            )
        )
        lines += _urge_lines(report)
        self.update(Content("\n").join(lines))


def _heading(text: str) -> Content:
    return Content.assemble((text, "bold"))


def _more(count: int, what: str) -> list[Content]:
    if count <= 0:
        return []
    return [Content(f"  … and {count} more {what}").stylize("$text-muted")]


def _bounce_lines(backs: tuple[RejectionBounce, ...]) -> list[Content]:
    if not backs:
        return []
    lines = [_heading("Bounce-back per rejection")]
    shown = backs[-LIST_LIMIT:]
    lines += _more(len(backs) - len(shown), "earlier rejections")
    for back in shown:
        result = back.result
        style = {"days": "$text-success", "not_yet": "$text-warning"}.get(result.status, "")
        mark = "*" if result.baseline == "usual" else ""
        lines.append(
            Content.assemble(
                f"  {short_day(back.rejection.day):>6} ",
                f"{_name(back.rejection.company):<{NAME_WIDTH}} ",
                (str(result) + mark, style),
            )
        )
    if any(b.result.baseline == "usual" for b in shown):
        lines.append(Content(f"  * {BASELINE_TEXT['usual']}").stylize("$text-muted"))
    missing = next((b.result.missing for b in reversed(shown) if b.result.missing), "")
    if missing:
        lines.append(Content(f"  — {missing}").stylize("$text-muted"))
    return lines


def _days_number(days: float) -> str:
    return f"{days:.0f}" if abs(days - round(days)) < 0.05 else f"{days:.1f}"


def _period_line(period: PeriodFact) -> Content:
    start = f"  {_name(period.company):<{NAME_WIDTH}} {period.planned_days:>3} → "
    if period.actual_days is None:
        return Content.assemble(start, ("running", "$text-accent"))
    return Content(start + _days_number(period.actual_days))


def _mourning_lines(report: ProgressReport) -> list[Content]:
    periods = report.periods
    if not periods:
        return []
    lines = [_heading("Mourning days: planned → took")]
    shown = periods[-LIST_LIMIT:]
    lines += _more(len(periods) - len(shown), "earlier periods")
    lines += [_period_line(p) for p in shown]
    planned, actual = mean_planned_days(periods), mean_actual_days(periods)
    if planned is not None and actual is not None:
        mean = f"  {'mean':<{NAME_WIDTH}} {_days_number(planned):>3} → {_days_number(actual)}"
        lines.append(Content(mean).stylize("$text-muted"))
    return lines


def _checklist_lines(overall: Completion, parts: tuple[Completion, ...]) -> list[Content]:
    if not overall.total:
        return []
    fraction = overall.fraction or 0.0
    lines = [
        Content.assemble(
            ("Checklist ", "bold"),
            (bar(fraction), "$text-success"),
            f" {overall.done}/{overall.total} · {fraction:.0%}",
        )
    ]
    for part in parts[:LIST_LIMIT]:
        name = _name(part.company, "whole hunt") if part.rejection_id else "whole hunt"
        lines.append(Content(f"  {name:<{NAME_WIDTH}} {part.done}/{part.total}"))
    lines += _more(len(parts) - LIST_LIMIT, "checklists")
    return lines


def _urge_lines(report: ProgressReport) -> list[Content]:
    mean = mean_urges(report.periods)
    if mean is None:
        return []
    lines = [_heading("Urges per mourning period")]
    shown = report.periods[-LIST_LIMIT:]
    lines += _more(len(report.periods) - len(shown), "earlier periods")
    for period in shown:
        lines.append(Content(f"  {_name(period.company):<{NAME_WIDTH}} {period.urges:>3}"))
    lines.append(Content(f"  {'mean':<{NAME_WIDTH}} {mean:>3.1f}").stylize("$text-muted"))
    return lines

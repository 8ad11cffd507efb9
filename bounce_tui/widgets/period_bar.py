"""PeriodBar: how much of a mourning period has passed, as a one-line bar."""

from __future__ import annotations

from rich.style import Style
from textual.app import RenderResult
from textual.renderables.bar import Bar
from textual.widget import Widget


class PeriodBar(Widget, can_focus=False):
    """A still bar filled to a fraction; it repaints only when shown a different fill.

    It draws like the bar of Textual's ProgressBar, without the ProgressBar around
    it, which wakes every second to estimate a finishing time that is never shown
    here (an idle app should not wake for nothing).
    """

    COMPONENT_CLASSES = {"bar--bar"}

    DEFAULT_CSS = """
    PeriodBar {
        width: 32;
        height: 1;
        &> .bar--bar { color: $primary; background: $surface; }
    }
    """

    def __init__(self, fraction: float = 0.0) -> None:
        super().__init__()
        self._fraction = _clamp(fraction)

    @property
    def fraction(self) -> float:
        """How much of the bar is filled, from 0 to 1."""
        return self._fraction

    def show(self, fraction: float) -> None:
        """Fill the bar to ``fraction``; nothing is repainted when the fill is the same."""
        fraction = _clamp(fraction)
        if fraction != self._fraction:
            self._fraction = fraction
            self.refresh()

    def render(self) -> RenderResult:
        """The bar, filled in half cells."""
        style = self.get_component_rich_style("bar--bar")
        return Bar(
            highlight_range=(0, self.size.width * self._fraction),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
        )


def _clamp(fraction: float) -> float:
    return min(1.0, max(0.0, fraction))

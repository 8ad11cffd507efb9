"""TagMoodsPanel: "Tags and your days" — the mean mood on days with and without each tag.

A small table (tag, mean mood with it, without it, days with it), the tags of
better days first, and one line saying that it shows what goes together, not what
causes what. When no tag is listed yet, one line says what is missing. Tags are
user text: shown with `Content` after `one_line`, never as markup. The tag column
takes the room the panel has (redrawn on resize).
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Static

from bounce_tui.domain.tag_moods import MIN_TAG_DAYS, MIN_WITHOUT_DAYS, TagMood, TagMoods
from bounce_tui.domain.text import one_line

__all__ = ["TagMoodsPanel", "NOTE", "NO_TAGS", "ROW_LIMIT", "tag_lines", "missing_line"]

#: Said under every list: association, not cause.
NOTE = "This shows what goes together, not what causes what."
NO_TAGS = (
    f"Tags show here once one is used on {MIN_TAG_DAYS} days. Add a tag or two when you "
    "check in (walk, slept well, applied) to see which go with your better days."
)
#: Rows shown at most; beyond it the best and the hardest are kept, the middle summed up.
ROW_LIMIT = 12
_NUMBERS = " with without days"  # the three number columns: 5 + 8 + 5 cells
_MIN_NAME, _MAX_NAME = 8, 24


def missing_line(moods: TagMoods, window: int) -> Content:
    """What is missing when no tag is listed yet."""
    if moods.nearest is None:
        return Content(NO_TAGS)
    tag, days = moods.nearest
    name = one_line(tag, _MAX_NAME)
    if moods.too_common:
        return Content.assemble(
            (name, "bold"),
            f" is on {days} of the {moods.days} days you checked in, so fewer than "
            f"{MIN_WITHOUT_DAYS} days without it are left to compare with.",
        )
    return Content.assemble(
        f"Tags show here once one is used on {MIN_TAG_DAYS} days; ",
        (name, "bold"),
        f" is on {days} {'day' if days == 1 else 'days'} of the last {window}.",
    )


def _row(tag: TagMood, name_width: int) -> Content:
    style = "$text-success" if tag.difference > 0 else "$text-warning"
    return Content.assemble(
        f"{one_line(tag.tag, name_width):<{name_width}}",
        (f"{tag.with_mean:>5.1f}", style),
        f"{tag.without_mean:>8.1f}",
        (f"{tag.with_days:>5}", "$text-muted"),
    )


def tag_lines(moods: TagMoods, window: int, width: int = 34) -> list[Content]:
    """The panel's lines for ``moods`` at ``width`` cells."""
    if not moods.tags:
        return [missing_line(moods, window).stylize("$text-muted")]
    longest = max(len(one_line(t.tag)) for t in moods.tags) + 1
    name_width = max(_MIN_NAME, min(longest, _MAX_NAME, width - len(_NUMBERS)))
    lines = [Content(f"{'tag':<{name_width}}{_NUMBERS}").stylize("$text-muted")]
    tags = moods.tags
    if len(tags) > ROW_LIMIT:
        top, bottom = tags[: ROW_LIMIT // 2], tags[-(ROW_LIMIT // 2) :]
        lines += [_row(t, name_width) for t in top]
        hidden = len(tags) - len(top) - len(bottom)
        lines.append(Content(f"… {hidden} more in between").stylize("$text-muted"))
        lines += [_row(t, name_width) for t in bottom]
    else:
        lines += [_row(t, name_width) for t in tags]
    lines.append(
        Content(
            "Mean mood on the days with each tag and on the days without it, over the "
            f"last {window} days ({moods.days} with a check-in). {NOTE}"
        ).stylize("$text-muted")
    )
    return lines


class TagMoodsPanel(Static):
    """The tags of a range with the mean mood on days with and without each."""

    DEFAULT_CSS = """
    TagMoodsPanel {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", name=name, id=id, classes=classes, markup=False)
        self._moods: TagMoods | None = None
        self._window = 30

    @property
    def moods(self) -> TagMoods | None:
        """The tag figures shown, if any."""
        return self._moods

    def show(self, moods: TagMoods, window: int) -> None:
        """Draw ``moods`` of the last ``window`` days."""
        self._moods, self._window = moods, window
        self._draw()

    def on_resize(self, _event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._moods is None:
            return
        width = self.content_size.width or 34
        self.update(Content("\n").join(tag_lines(self._moods, self._window, width)))

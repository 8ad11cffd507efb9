"""LessonScreen: one lesson in full — front, back, where it came from, every grade.

Opened with `enter` from the lessons pane or the lessons browser. `e` edits it
(the lesson form), `d` deletes it (asks first; `u` undoes it), `v` reviews it
now, `o` opens its rejection. It reads the lesson again after every change, and
leaves when the lesson is gone.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from bounce_tui.domain.browse import LessonDetail
from bounce_tui.domain.dates import local_time
from bounce_tui.domain.snapshot import MainSnapshot
from bounce_tui.domain.text import one_line, visible
from bounce_tui.keys import bindings
from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.pane_screen import PaneScreen
from bounce_tui.screens.review_summary import ago, from_line, plural, when
from bounce_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from bounce_tui.store.cases.undo import Deleted

__all__ = ["LessonScreen", "detail_text"]

_NAME = 60
_HEADING = "bold $text-accent"


def _moment(moment: datetime, tz: tzinfo | None) -> str:
    local = local_time(moment, tz)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def detail_text(detail: LessonDetail, now: datetime, tz: tzinfo | None = None) -> Text:
    """Everything below the front: the back in full, then the small print.

    User text is made visible and added as plain text, never as markup.
    """
    lesson = detail.lesson
    out = Text()
    out.append("What to do next time\n", style="bold")
    out.append(visible(lesson.text.strip()) or "(empty)")
    out.append("\n\n")
    facts = Text(style="dim")
    facts.append(one_line(lesson.category, 30))
    if lesson.tags:
        facts.append(" · " + " ".join("#" + one_line(tag, 40) for tag in lesson.tags))
    out.append_text(facts)
    out.append("\n")
    if lesson.rejection_id is not None:
        origin = from_line(detail.card, now, tz)  # "from Acme — role, final, 10 Mar"
        out.append(origin[:1].upper() + origin[1:] + "  (o opens it)\n")
    else:
        out.append("Not tied to a rejection.\n")
    if lesson.theme_id is not None:
        others = max(detail.theme_size - 1, 0)
        theme = "↻ Part of a recurring theme"
        theme += f" with {plural(others, 'other lesson')}." if others else "."
        out.append(theme + "\n", style="$text-warning")
    out.append("\n")
    due = "Due now" if lesson.due <= now else f"Due {when(lesson.due, now, tz)}"
    out.append(due + f" · kept {ago(lesson.created_at, now, tz)}\n")
    out.append("\n")
    if not detail.reviews:
        out.append("Not reviewed yet.", style="dim")
        return out
    out.append(f"Reviews ({len(detail.reviews)})\n", style="bold")
    for entry in detail.reviews:
        line = f"{_moment(entry.reviewed_at, tz)}  {entry.name}"
        out.append(line)
        if entry.drill:
            out.append("  (drill: the schedule was kept)", style="dim")
        out.append("\n")
    out.rstrip()
    return out


class LessonScreen(PaneScreen):
    """One lesson in full; see the module docstring."""

    DEFAULT_CSS = """
    LessonScreen { layout: vertical; }
    LessonScreen #lesson-top { height: 1; padding: 0 2; background: $boost; }
    LessonScreen #lesson-title { width: 1fr; text-style: bold; }
    LessonScreen #lesson-where { width: auto; color: $text-muted; }
    LessonScreen #lesson-body {
        height: 1fr; margin: 1 2 0 2; padding: 0 2;
        border: round $primary; background: $surface;
    }
    LessonScreen #lesson-front-label { color: $text-muted; margin-top: 1; }
    LessonScreen #lesson-front { text-style: bold; margin-bottom: 1; }
    LessonScreen #lesson-rest { height: auto; margin-bottom: 1; }
    """

    KEY_SCOPES = ("lesson",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("lesson")

    def __init__(self, ctx: ScreenContext, lesson_id: str) -> None:
        super().__init__(ctx)
        self.lesson_id = lesson_id
        #: The lesson as last read (None until the first read).
        self.detail: LessonDetail | None = None
        self._gone = False
        #: The small print as last drawn: a tick redraws it only when it reads differently.
        self._rest: Text | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="lesson-top"):
            yield Static(Text("Lesson"), id="lesson-title")
            yield Static(id="lesson-where")
        with VerticalScroll(id="lesson-body"):
            yield Static(id="lesson-front-label")
            yield Static(id="lesson-front")
            yield Static(Text("Opening the lesson…"), id="lesson-rest")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#lesson-body").focus()
        self.ctx.snapshot_changed.subscribe(self, self._changed)
        self.ctx.ticked.subscribe(self, self._tick)
        self.load()

    # -- reading -----------------------------------------------------------------------

    def load(self) -> None:
        """Read the lesson (again)."""
        lesson_id = self.lesson_id
        self.call_store(lambda store: store.read.lesson_detail(lesson_id), self.show_detail,
                        writes=False)  # fmt: skip

    def _changed(self, _snapshot: MainSnapshot) -> None:
        if not self._gone:
            self.load()

    def _leave(self) -> None:
        if self._gone:
            return
        self._gone = True
        self.close_self("lesson", self.lesson_id)

    def show_detail(self, detail: LessonDetail | None) -> None:
        """Draw the lesson (leave when it is gone)."""
        if not self.is_attached:
            return
        if detail is None:
            self._leave()
            return
        self.detail = detail
        self._draw()
        self.refresh_bindings()

    def _draw(self) -> None:
        detail = self.detail
        if detail is None:
            return
        tz = self.ctx.tz
        lesson = detail.lesson
        category = one_line(lesson.category, 30)
        self.query_one("#lesson-title", Static).update(Text(f"Lesson · {category}"))
        where = one_line(lesson.company, 40) if lesson.company else ""
        self.query_one("#lesson-where", Static).update(Text(where))
        label = Text("The situation (front)")
        if detail.generated:
            label.append(" — made from its context; e adds your own", style="italic")
        self.query_one("#lesson-front-label", Static).update(label)
        self.query_one("#lesson-front", Static).update(Text(visible(detail.front(tz))))
        self._rest = detail_text(detail, self.ctx.now(), tz)
        self.query_one("#lesson-rest", Static).update(self._rest)

    def _tick(self, _now: datetime) -> None:
        """Keep "due in 2 hours" up with the clock, repainting only when it reads differently."""
        detail, before = self.detail, self._rest
        if not self.is_current or detail is None or before is None:
            return
        rest = detail_text(detail, self.ctx.now(), self.ctx.tz)
        if rest == before:
            return
        self._rest = rest
        self.query_one("#lesson-rest", Static).update(rest)

    # -- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys for the lesson only once it is shown; `o` only with a rejection."""
        if action in ("edit", "delete", "review", "open_rejection"):
            if self.detail is None:
                return False
            if action == "open_rejection":
                return self.detail.lesson.rejection_id is not None
        return True

    def action_edit(self) -> None:
        """Edit this lesson in the lesson form."""
        if self.detail is not None:
            self.edit_lesson(self.detail.lesson)

    @work
    async def action_delete(self) -> None:
        """Ask, then delete this lesson with its review history (u undoes it)."""
        from bounce_tui.screens.confirm import ConfirmScreen

        if self.detail is None:
            return
        lesson = self.detail.lesson
        question = (
            f"Delete the lesson “{one_line(lesson.text, 50)}” and its review history? "
            "You can undo with u."
        )
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        lesson_id = lesson.lesson_id

        def gone(what: Deleted) -> None:
            self.deleted(what)
            self._leave()

        self.call_store(lambda store: store.lessons.delete_lesson(lesson_id), gone)

    def action_review(self) -> None:
        """Review this card now: a real review when it is due, else a drill."""
        from bounce_tui.screens.review import ReviewScreen

        if self.detail is None:
            return
        card = self.detail.card
        due = card.due <= self.ctx.now()
        title = "Review: this lesson" if due else "Drill: this lesson"
        self.app.push_screen(ReviewScreen(self.ctx, [card], title=title, drill=not due))

    def action_open_rejection(self) -> None:
        """Open the rejection this lesson came from."""
        from bounce_tui.screens.rejection_detail import RejectionDetailScreen

        detail = self.detail
        rejection_id = detail.lesson.rejection_id if detail is not None else None
        if rejection_id is None or self.rejection_view(rejection_id) is None:
            self.notify("This lesson is not tied to a rejection.", markup=False)
            return
        self.app.push_screen(RejectionDetailScreen(self.ctx, rejection_id))

"""ReviewScreen: lessons as flash cards, one at a time — `space` shows the back, `1`–`4` grade.

A round is a list of `ReviewCard`s: the lessons due now (loaded on mount), or
cards handed in (a drill for an interview). Grades go to the store in a thread
worker, one at a time; `u` takes the last one back. At the end a summary says
what was graded and when the next lesson is due; with nothing due the screen
says when that will be and offers a drill (`d`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from bounce_tui.domain.lessons import DrillFilter, Grade
from bounce_tui.domain.snapshot import ReviewCard
from bounce_tui.domain.text import one_line
from bounce_tui.keys import bindings
from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.drill_form import DrillForm, DrillRequest
from bounce_tui.screens.review_summary import (
    GRADE_LABELS,
    CardFace,
    Tally,
    grade_button,
    graded_line,
    nothing_due_text,
    summary_text,
)
from bounce_tui.screens.store_screen import StoreScreen
from bounce_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from bounce_tui.store.repository import Store

__all__ = ["ReviewScreen", "TOO_EARLY"]

T = TypeVar("T")
Showing = Literal["loading", "card", "summary", "empty"]
TOO_EARLY = "Press space to see the back first — then grade it."
CANNOT_GRADE = (
    "This card could not be graded: its stored schedule is damaged. It is skipped and left "
    "as it was; the rest of the round goes on. bounce doctor checks the file."
)


@dataclass(frozen=True)
class CannotGrade:
    """A grade was refused because the card's stored schedule is damaged (the error's name)."""

    error: str


_GRADE_VARIANTS = {1: "error", 2: "warning", 3: "success", 4: "primary"}


class ReviewScreen(StoreScreen):
    """Review lessons one card at a time (or drill them); see the module docstring.

    `cards=None` loads the lessons due now. `drill=True` records grades as drill
    grades (the schedule stays) unless `reschedule` is set.
    """

    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    ReviewScreen #review-top { height: 1; padding: 0 2; background: $boost; }
    ReviewScreen #review-title { width: 1fr; text-style: bold; }
    ReviewScreen #review-progress { width: auto; color: $text-muted; }
    ReviewScreen #review-card {
        height: 1fr; margin: 1 2 0 2; padding: 1 2;
        border: round $primary; background: $surface;
    }
    ReviewScreen #review-message { height: auto; }
    ReviewScreen #review-keys { height: 1; margin: 1 2 0 2; }
    ReviewScreen #review-keys > Button { margin-right: 1; min-width: 10; }
    ReviewScreen #review-keys > .hint { width: 1fr; color: $text-muted; }
    ReviewScreen #review-status { height: 1; padding: 0 2; color: $text-muted; }
    """

    KEY_SCOPES = ("review",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("review")

    def __init__(
        self,
        ctx: ScreenContext,
        cards: Sequence[ReviewCard] | None = None,
        *,
        title: str = "Review",
        drill: bool = False,
        reschedule: bool = False,
    ) -> None:
        super().__init__(ctx)
        self._given = None if cards is None else list(cards)
        self.heading = title
        self.drill = drill
        self.reschedule = reschedule
        self.cards: list[ReviewCard] = []
        self.position = 0
        self.revealed = False
        self.showing: Showing = "loading"
        self.tally = Tally()
        self.history: list[tuple[int, Grade]] = []
        self.next_due: datetime | None = None
        self.due_now: int | None = None
        self.last_filter: DrillFilter | None = None
        self._busy = False
        self._left = False
        self._last_message = ""

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-top"):
            yield Static(id="review-title")
            yield Static(id="review-progress")
        with VerticalScroll(id="review-card"):
            yield CardFace(id="review-face")
            yield Static(id="review-message")
        with Horizontal(id="review-keys"):
            yield self._key_button("space  show the back", "reveal", "default")
            for g in Grade:
                label = f"{g.value} {GRADE_LABELS[g]}"
                yield self._key_button(label, f"grade-{g.value}", _GRADE_VARIANTS[g.value])
            yield Static(Text("think of the answer first"), classes="hint", id="review-hint")
        yield Static(id="review-status")
        yield KeyFooter()

    @staticmethod
    def _key_button(label: str, button_id: str, variant: Any) -> Button:
        button = Button(Text(label), id=button_id, variant=variant, compact=True)
        button.can_focus = False  # keys go to the screen; the mouse can still click
        return button

    def on_mount(self) -> None:
        self.query_one("#review-card").focus()
        self.ctx.ticked.subscribe(self, self.tick)
        if self._given is not None:
            self._start(self._given)
        else:
            self._show()
            self._load_due()

    # -- starting a round ------------------------------------------------------------------

    def _load_due(self) -> None:
        self.when_store_ready(
            lambda: self._run(lambda s: (s.read.due_lessons(), s.read.next_due()), self._due_loaded)
        )

    def _due_loaded(self, loaded: tuple[list[ReviewCard], datetime | None]) -> None:
        cards, self.next_due = loaded
        self._start(cards, known_next_due=True)

    def _start(self, cards: Sequence[ReviewCard], *, known_next_due: bool = False) -> None:
        """Begin a round of `cards` (with the current title and drill settings)."""
        self.cards = list(cards)
        self.position = 0
        self.revealed = False
        self.tally = Tally()
        self.history = []
        self.due_now = None
        keep = self.drill and not self.reschedule
        self._status("A drill: grades are kept apart from the schedule." if keep else "")
        self.showing = "card" if self.cards else "empty"
        self._show()
        if not self.cards and not known_next_due:
            self._run(lambda s: s.read.next_due(), self._next_due_loaded)

    def _settings(self, title: str, *, drill: bool, reschedule: bool = False) -> None:
        self.heading, self.drill, self.reschedule = title, drill, reschedule

    def _next_due_loaded(self, next_due: datetime | None) -> None:
        self.next_due = next_due
        self._show()

    def start_drill(self, request: DrillRequest) -> None:
        """Load the lessons matching `request` and drill them here."""
        self.last_filter = request.filter

        def loaded(cards: list[ReviewCard]) -> None:
            if not cards:
                self.notify("No lessons match this drill — try a wider one.", markup=False)
                return
            self._settings(request.title, drill=True, reschedule=request.reschedule)
            self._start(cards)

        self._run(lambda s: s.read.drill_lessons(request.filter), loaded)

    # -- showing ---------------------------------------------------------------------------

    def _show(self) -> None:
        """Draw the current state: a card (front, or front and back) or a message."""
        on_card = self.showing == "card"
        for part in ("#review-face", "#review-keys"):
            self.query_one(part).display = on_card
        self.query_one("#review-message").display = not on_card
        self.query_one("#review-title", Static).update(Text(one_line(self.heading, 70)))
        progress = f"{self.position + 1} of {len(self.cards)}" if on_card else ""
        self.query_one("#review-progress", Static).update(Text(progress))
        if on_card:
            self._show_card(self.cards[self.position])
        else:
            message = self._message()
            self._last_message = message.plain
            self.query_one("#review-message", Static).update(message)
        self.refresh_bindings()

    def _show_card(self, card: ReviewCard) -> None:
        face = self.query_one(CardFace)
        face.show(card, revealed=self.revealed, now=self.app_now(), tz=self.ctx.tz)
        self.query_one("#reveal").display = not self.revealed
        self.query_one("#review-hint").display = not self.revealed
        comes_back = self._comes_back(card) if self.revealed else {}
        for g in Grade:
            button = self.query_one(f"#grade-{g.value}", Button)
            button.display = self.revealed
            if self.revealed:
                button.label = Text(grade_button(g, comes_back.get(g), self.app_now(), self.ctx.tz))
        self.query_one("#review-card", VerticalScroll).scroll_home(animate=False)

    def _comes_back(self, card: ReviewCard) -> dict[Grade, datetime]:
        """When each grade would bring the card back; nothing for a drill that keeps it."""
        from bounce_tui.domain import lessons
        from bounce_tui.domain.errors import DomainError

        if self.drill and not self.reschedule:
            return {}
        state = lessons.CardState(
            due=card.due,
            stability=card.stability,
            difficulty=card.difficulty,
            state=card.state,
            step=card.step,
            last_review=card.last_review,
        )
        try:
            return lessons.preview(state, self.app_now())
        except (DomainError, ValueError, OverflowError):  # a card whose state cannot be graded
            return {}

    def _message(self) -> Text:
        now = self.app_now()
        tz = self.ctx.tz
        if self.showing == "loading":
            return Text("Finding the lessons that are due…")
        if self.showing == "summary":
            keep_schedule = self.drill and not self.reschedule
            return summary_text(
                self.tally, self.next_due, self.due_now, now, tz, drill=keep_schedule
            )
        return nothing_due_text(self.next_due, now, tz, drill=self.drill)

    def _status(self, line: str) -> None:
        self.query_one("#review-status", Static).update(Text(line))

    @property
    def busy(self) -> bool:
        """True while a store call of this screen is running."""
        return self._busy

    def app_now(self) -> datetime:
        """The injected clock of the app."""
        return self.ctx.now()

    def tick(self, now: datetime) -> None:
        """Once a second: keep "in 2 hours" and "due now" current."""
        if self.is_current and self.showing in ("empty", "summary"):
            message = self._message().plain
            if message != self._last_message:
                self._show()

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that apply to what is shown."""
        on_card = self.showing == "card"
        if action in ("reveal", "too_early"):
            return on_card and not self.revealed
        if action == "skip":
            return on_card
        if action == "grade":
            return on_card and self.revealed
        if action == "undo":
            return bool(self.history) and self.showing in ("card", "summary")
        if action == "drill":
            return self.showing == "summary" or (
                self.showing == "empty" and self.next_due is not None
            )
        if action == "review_due":
            due = self.next_due is not None and self.next_due <= self.app_now()
            return self.showing in ("summary", "empty") and (bool(self.due_now) or due)
        return True

    def action_reveal(self) -> None:
        """Show the back of the card."""
        if self.showing == "card" and not self.revealed and not self._busy:
            self.revealed = True
            self._show()

    def action_skip(self) -> None:
        """Leave this card for later: no grade, it stays due, the round goes on."""
        if self.showing != "card" or self._busy:
            return
        self.tally.skipped += 1
        self._status("Left for later — it stays due.")
        self._next_card(self.position + 1)

    def action_too_early(self) -> None:
        """A grade key before the back was shown: say so, grade nothing."""
        self.notify(TOO_EARLY, markup=False, timeout=3)

    def action_grade(self, value: int) -> None:
        """Grade the card (1 again … 4 easy) and move on."""
        if self.showing != "card" or self._busy:
            return
        if not self.revealed:
            self.action_too_early()
            return
        grade = Grade(value)
        position = self.position
        card = self.cards[position]
        as_drill = self.drill and not self.reschedule

        def job(store: Store) -> datetime | None | CannotGrade:
            try:
                lesson = store.reviews.grade_lesson(card.lesson_id, int(grade), drill=as_drill)
            except (ValueError, ArithmeticError) as error:  # a damaged schedule, not a busy file
                return CannotGrade(type(error).__name__)
            return None if as_drill else lesson.due

        def graded(due: datetime | None | CannotGrade) -> None:
            if isinstance(due, CannotGrade):
                self._cannot_grade(position)
            else:
                self._graded(position, grade, due)

        self._run(job, graded, writes=True)

    def _cannot_grade(self, position: int) -> None:
        """One card's stored schedule is damaged: leave it as it is and go on with the round."""
        self.notify(CANNOT_GRADE, severity="warning", markup=False, timeout=8)
        self._status("Skipped a card that could not be graded; it is left as it was.")
        self._next_card(position + 1)

    def _graded(self, position: int, grade: Grade, due: datetime | None) -> None:
        self.history.append((position, grade))
        self.tally.add(grade)
        self._status(graded_line(grade, due, self.app_now(), self.ctx.tz))
        self._next_card(position + 1)

    def _next_card(self, position: int) -> None:
        """Show the card at `position`, or the summary after the last one."""
        self.position = position
        self.revealed = False
        if self.position < len(self.cards):
            self._show()
            return
        self.position = len(self.cards) - 1
        self.showing = "summary"
        self.next_due = self.due_now = None
        self._show()
        self._run(lambda s: (s.read.next_due(), len(s.read.due_lessons())), self._summary_loaded)

    def _summary_loaded(self, loaded: tuple[datetime | None, int]) -> None:
        self.next_due, self.due_now = loaded
        if self.showing == "summary":
            self._show()

    def action_undo(self) -> None:
        """Take back the last grade and show that card again."""
        if self._busy or not self.history:
            return
        position, grade = self.history[-1]
        lesson_id = self.cards[position].lesson_id
        self._run(
            lambda s: s.reviews.undo_last_grade(lesson_id),
            lambda _: self._undone(position, grade),
            writes=True,
        )

    def _undone(self, position: int, grade: Grade) -> None:
        self.history.pop()
        self.tally.remove(grade)
        self.position = position
        self.revealed = True
        self.showing = "card"
        self._status(f"Took back “{GRADE_LABELS[grade]}” — grade this card again.")
        self._show()

    @work
    async def action_drill(self) -> None:
        """Choose lessons to drill (company, stage, category or tag)."""
        if self._busy:
            return
        snapshot = self.ctx.snapshot
        companies: list[str] = []
        if snapshot is not None:
            companies = [i.company for i in snapshot.interviews]
            companies += [r.company for r in snapshot.rejections]
        form = DrillForm(companies, initial=self.last_filter)
        request = await self.app.push_screen_wait(form)
        if request is not None:
            self.start_drill(request)

    def action_review_due(self) -> None:
        """Review the lessons that are due now (after a round or a drill)."""
        if self._busy:
            return

        def loaded(cards: list[ReviewCard]) -> None:
            if not cards:
                self.notify("Nothing else is due yet.", markup=False)
                return
            self._settings("Review", drill=False)
            self._start(cards)

        self._run(lambda s: s.read.due_lessons(), loaded)

    def action_leave(self) -> None:
        """Back to the previous screen (each grade has already refreshed the main screen)."""
        if self._left:
            return
        self._left = True
        if self.is_current:
            self.dismiss()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "reveal":
            self.action_reveal()
        elif event.button.id and event.button.id.startswith("grade-"):
            self.action_grade(int(event.button.id.removeprefix("grade-")))

    # -- store calls, one at a time ------------------------------------------------------------

    def _run(
        self, job: Callable[[Store], T], done: Callable[[T], Any], *, writes: bool = False
    ) -> None:
        """Run a store job (nothing else until it finishes); `done` only while still shown."""
        if self.ctx.store is None:
            self.call_store(job, done, writes=writes)  # says the database is still opening
            return
        self._busy = True

        def finished(result: T) -> None:
            self._busy = False
            if not self._left and self.is_attached:
                done(result)

        def failed(_error: BaseException) -> None:
            self._busy = False

        self.call_store(job, finished, failed=failed, writes=writes)

"""The lessons pane: every lesson, newest first, with an incremental search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bounce_tui.domain.lesson_query import LessonFilter, parse_query
from bounce_tui.domain.search_terms import terms
from bounce_tui.domain.snapshot import LessonView
from bounce_tui.domain.text import one_line, visible
from bounce_tui.keys import bindings
from bounce_tui.widgets.lesson_line import lesson_prompt

__all__ = ["LessonFilter", "LessonsLog", "lesson_prompt", "parse_query"]

#: Ask for older lessons when the cursor comes this close to the end of the list.
MORE_MARGIN = 10
EMPTY_HINT = (
    "No lessons yet — press n to keep one (what would you do differently next time?). "
    "When one reads like an earlier lesson, bounce asks; lessons you call the same theme "
    "are marked ↻ with how many there are."
)
PLACEHOLDER = "search… (cat:interview at:acme)"
# Control and bidi-override characters cannot be typed or pasted into the search box.
_NO_CONTROLS = "[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*"


class _LessonMessage(Message):
    def __init__(self, log: LessonsLog, lesson: LessonView) -> None:
        super().__init__()
        self.log = log
        self.lesson = lesson

    @property
    def control(self) -> LessonsLog:
        """The pane that posted the message."""
        return self.log


class LessonsLog(Widget):
    """The lessons pane: a search box (shown by ``/``) above the list of lessons.

    The screen calls :meth:`set_lessons`; the pane posts its nested messages.
    The search filters the records it was given; :class:`SearchChanged` lets the
    screen search the database as well.
    """

    DEFAULT_CSS = """
    LessonsLog {
        height: 1fr;
    }
    LessonsLog > Input {
        display: none;
        margin: 0 0 1 0;
    }
    LessonsLog > Input.-shown {
        display: block;
    }
    LessonsLog > .hint {
        padding: 0 1;
        color: $text-muted;
    }
    LessonsLog > OptionList, LessonsLog > OptionList:focus {
        height: 1fr;
        border: none;
        padding: 0;
        background: transparent;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    KEY_SCOPES = ("lessons",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("lessons")

    class NewRequested(Message):
        """The user wants to write a new lesson."""

        def __init__(self, log: LessonsLog) -> None:
            super().__init__()
            self.log = log

        @property
        def control(self) -> LessonsLog:
            """The pane that posted the message."""
            return self.log

    class OpenRequested(_LessonMessage):
        """Show the highlighted lesson in full."""

    class EditRequested(_LessonMessage):
        """Edit the highlighted lesson."""

    class DeleteRequested(_LessonMessage):
        """Delete the highlighted lesson."""

    class SearchChanged(Message):
        """The search text changed (to ``query``; empty when cleared)."""

        def __init__(self, log: LessonsLog, query: str) -> None:
            super().__init__()
            self.log = log
            self.query = query

        @property
        def control(self) -> LessonsLog:
            """The pane that posted the message."""
            return self.log

    class MoreRequested(Message):
        """The cursor neared the end of a partial list: older lessons are wanted."""

        def __init__(self, log: LessonsLog, before: LessonView) -> None:
            super().__init__()
            self.log = log
            self.before = before

        @property
        def control(self) -> LessonsLog:
            """The pane that posted the message."""
            return self.log

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._lessons: list[LessonView] = []
        self._by_id: dict[str, LessonView] = {}
        self._options: dict[str, tuple[LessonView, Option]] = {}
        self._filter = LessonFilter()
        self._query = ""
        self._total: int | None = None
        self._given: tuple[tuple[LessonView, ...], int | None] | None = None
        self._asked_more_at: int | None = None
        self._results: list[LessonView] | None = None
        self._results_query: str | None = None
        #: The search the list was last filled for, and whether from the database's
        #: results: a new one starts at its best match.
        self._filled_for: tuple[str, bool] = ("", False)
        #: The lessons of the list now (all of them, also those `_add_rest` adds), by id.
        self._listed: dict[str, LessonView] = {}
        #: Counts the fills, so a held-back rest is only added to the fill it belongs to.
        self._generation = 0
        self._bindings_state: tuple[bool, bool] | None = None
        #: The search box, made and mounted when first wanted (`search_input`): most
        #: starts never search, and the first frame does not wait for styling it.
        self._input: Input | None = None
        self._hint = Static("", classes="hint", markup=False)
        self._list = OptionList(markup=False)

    def compose(self) -> ComposeResult:
        yield self._hint
        yield self._list

    def on_mount(self) -> None:
        self._refill()

    # -- data in --------------------------------------------------------------

    @property
    def option_list(self) -> OptionList:
        """The list of lessons."""
        return self._list

    @property
    def search_input(self) -> Input:
        """The search box (made and mounted above the list when first asked for)."""
        if self._input is None:
            self._input = Input(placeholder=PLACEHOLDER, compact=True, restrict=_NO_CONTROLS)
            self.mount(self._input, before=self._hint)
        return self._input

    @property
    def _searching(self) -> bool:
        """Whether the search box is shown."""
        return self._input is not None and self._input.has_class("-shown")

    @property
    def search_text(self) -> str:
        """The current search text."""
        return self._query

    @property
    def partial(self) -> bool:
        """True when more lessons exist than the pane was given."""
        return self._total is not None and len(self._lessons) < self._total

    @property
    def shown(self) -> list[LessonView]:
        """The lessons listed now (after the filter), in order."""
        return [self._listed[o.id] for o in self._list.options if o.id in self._listed]

    @property
    def highlighted(self) -> LessonView | None:
        """The lesson under the cursor, if any."""
        option = self._list.highlighted_option
        return self._listed.get(option.id) if option and option.id else None

    def set_lessons(self, lessons: Sequence[LessonView], *, total: int | None = None) -> None:
        """Show these lessons, newest first, keeping the highlighted one by lesson_id.

        `total` is how many lessons exist; when more exist than were given, moving
        near the end of the list posts `MoreRequested` for older ones.
        """
        given = (tuple(lessons), total)
        if given == self._given:
            return  # a reload with nothing new here: keep the list (and any older pages)
        self._given = given
        self._total = total
        self._asked_more_at = None
        self._store_lessons(lessons)
        self._refill()

    def add_older(self, lessons: Sequence[LessonView]) -> None:
        """Append an older page (after `MoreRequested`)."""
        self._asked_more_at = None
        self._store_lessons([*self._lessons, *lessons])
        self._refill()

    def set_results(self, query: str, lessons: Sequence[LessonView]) -> None:
        """Ranked database results for `query` (ignored if the search moved on)."""
        if query != self._query:
            return
        self._results_query = query
        self._results = list(lessons)
        self._refill()

    def _store_lessons(self, lessons: Sequence[LessonView]) -> None:
        self._by_id = {lesson.lesson_id: lesson for lesson in lessons}  # an id shows once
        self._lessons = sorted(self._by_id.values(), key=lambda le: le.created_at, reverse=True)

    def _options_for(self, lessons: Sequence[LessonView]) -> list[Option]:
        """The list's options for `lessons`, their matches of the search marked."""
        words = tuple(terms(" ".join(self._filter.words)))
        return [self._option(lesson, words) for lesson in lessons]

    def _option(self, lesson: LessonView, words: tuple[str, ...]) -> Option:
        cached = self._options.get(lesson.lesson_id)
        if cached is None or cached[0] != lesson or getattr(cached[1], "_words", ()) != words:
            option = Option(lesson_prompt(lesson, words), id=lesson.lesson_id)
            option._words = words  # type: ignore[attr-defined]
            cached = (lesson, option)
            self._options[lesson.lesson_id] = cached
        return cached[1]

    def focus(self, scroll_visible: bool = True) -> LessonsLog:
        """Focus the list (the pane itself takes no focus)."""
        self._list.focus(scroll_visible)
        return self

    # -- filtering ------------------------------------------------------------

    def _refill(self) -> None:
        keep = self.highlighted
        old_index = self._list.highlighted
        searched = not self._filter.is_empty and (bool(self._filter.words) or self.partial)
        ranked = searched and self._results_query == self._query and self._results is not None
        if ranked and self._results is not None:
            # The database's results (ranked for words; with only cat:/at: the newest
            # matches of all lessons); the cat:/at: parts still filter here.
            narrow = LessonFilter((), self._filter.categories, self._filter.companies)
            chosen = [lesson for lesson in self._results if narrow.matches(lesson)]
        else:
            chosen = [
                lesson
                for lesson in self._lessons
                if self._filter.is_empty or self._filter.matches(lesson)
            ]
        self._listed = {lesson.lesson_id: lesson for lesson in chosen}
        # Options are kept for the lessons given and those listed now, no others: a
        # long session of searches would otherwise keep every lesson it ever showed.
        self._options = {
            key: entry
            for key, entry in self._options.items()
            if key in self._listed or key in self._by_id
        }
        filled_for = (self._query.strip(), ranked)
        new_search = bool(filled_for[0]) and filled_for != self._filled_for
        self._filled_for = filled_for
        self._generation += 1
        rows = self.app.size.height
        if len(chosen) > rows and (new_search or not (searched or self._list.option_count)):
            # Into an empty list, or for a new search (which starts at its best match),
            # the lessons that fit on screen come first and the rest right after that
            # frame: measuring hundreds of lines would hold the frame back.
            rest = chosen[rows:]
            chosen = chosen[:rows]
            self.call_after_refresh(self._add_rest, self._generation, rest)
        matched = self._options_for(chosen)
        self._list.set_options(matched)
        if matched:
            ids = [option.id for option in matched]
            if new_search:  # the best match first, at the top: not the lesson the cursor was on
                self._list.highlighted = 0
                self._list.scroll_home(animate=False)
            elif keep is not None and keep.lesson_id in ids:
                self._list.highlighted = ids.index(keep.lesson_id)
            else:
                self._list.highlighted = min(old_index or 0, len(matched) - 1)
        elif self._lessons:
            query = one_line(self._query, 40)
            self._hint.update(Content(f"No lesson matches “{query}”"))
        else:
            self._hint.update(Content(EMPTY_HINT))
        self._hint.display = not matched
        self._refresh_bindings_if_changed()

    def _add_rest(self, generation: int, rest: list[LessonView]) -> None:
        """Append what `_refill` held back, unless the list was filled again since."""
        if generation == self._generation:
            self._list.add_options(self._options_for(rest))

    def _refresh_bindings_if_changed(self) -> None:
        """Refresh the Footer only when what `check_action` looks at has changed.

        Each refresh rebuilds the Footer (and lays out the screen), which at every key
        of a search or every cursor step was the larger part of the work.
        """
        # Focus moves refresh the Footer themselves (Textual does), so focus is left out.
        state = (self.highlighted is not None, self._searching)
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        event.stop()
        clean = visible(event.value).replace("\n", " ").replace("\t", " ")
        if clean != event.value:  # set in code with control characters: show them harmlessly
            self.search_input.value = clean
            return
        self._query = event.value
        self._filter = parse_query(event.value)
        self._results = None
        self._results_query = None
        if self._filter.is_empty or not self.partial:
            self._refill()
        # else: the lessons given are only the newest, so filtering them would say "no
        # match" for what older lessons hold; the rows shown stay until the screen's
        # database results arrive (`set_results`).
        self.post_message(self.SearchChanged(self, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: back to the list, keeping the filter."""
        event.stop()
        if not event.value.strip():
            self.search_input.remove_class("-shown")
        self._list.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the Footer in step with the cursor; near the end, ask for older lessons."""
        event.stop()
        self._refresh_bindings_if_changed()
        count = self._list.option_count
        index = self._list.highlighted
        if (
            self.partial
            and self._filter.is_empty
            and index is not None
            and index >= count - MORE_MARGIN
            and self._asked_more_at != count
            and self._lessons
        ):
            self._asked_more_at = count
            self.post_message(self.MoreRequested(self, self._lessons[-1]))

    # -- actions --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide edit/delete without a lesson, and "clear search" without a search."""
        if action == "open":  # enter in the search box still goes back to the list
            return self.highlighted is not None and self._list.has_focus
        if action in ("edit", "delete"):
            return self.highlighted is not None
        if action == "close_search":
            return self._searching
        return True

    def action_cursor_down(self) -> None:
        """Move the cursor down."""
        self._list.action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move the cursor up."""
        self._list.action_cursor_up()

    def action_search(self) -> None:
        """Show and focus the search box."""
        self.search_input.add_class("-shown")
        self.search_input.focus()
        self.refresh_bindings()

    def action_close_search(self) -> None:
        """Clear and hide the search box; focus returns to the list."""
        if self._input is not None:
            self._input.value = ""
            self._input.remove_class("-shown")
        self._list.focus()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click only highlights a lesson; `enter` (a binding of this pane) opens it."""
        event.stop()

    def action_open(self) -> None:
        """Ask to show the highlighted lesson in full."""
        if lesson := self.highlighted:
            self.post_message(self.OpenRequested(self, lesson))

    def action_new(self) -> None:
        """Ask for a new lesson."""
        self.post_message(self.NewRequested(self))

    def action_edit(self) -> None:
        """Ask to edit the highlighted lesson."""
        if lesson := self.highlighted:
            self.post_message(self.EditRequested(self, lesson))

    def action_delete(self) -> None:
        """Ask to delete the highlighted lesson."""
        if lesson := self.highlighted:
            self.post_message(self.DeleteRequested(self, lesson))

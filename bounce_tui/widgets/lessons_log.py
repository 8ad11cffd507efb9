"""The lessons pane: every lesson, newest first, with an incremental search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bounce_tui.domain.snapshot import LessonView
from bounce_tui.domain.text import one_line, visible

__all__ = ["LessonsLog", "LessonFilter", "parse_query"]

TEXT_LIMIT = 70
COMPANY_LIMIT = 30
EMPTY_HINT = "No lessons yet — press n to keep one (what would you do differently next time?)"
PLACEHOLDER = "search… (cat:interview at:acme)"
# Control and bidi-override characters cannot be typed or pasted into the search box.
_NO_CONTROLS = "[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*"


@dataclass(frozen=True)
class LessonFilter:
    """A parsed search: words that must all appear, plus category and company filters."""

    words: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every lesson through."""
        return not (self.words or self.categories or self.companies)

    def matches(self, lesson: LessonView) -> bool:
        """Whether ``lesson`` passes the filter (case-insensitive)."""
        category = lesson.category.casefold()
        company = lesson.company.casefold()
        if any(not category.startswith(c) for c in self.categories):
            return False
        if any(c not in company for c in self.companies):
            return False
        if self.words:
            haystack = "\n".join(
                (lesson.text.casefold(), category, company, *(t.casefold() for t in lesson.tags))
            )
            return all(word in haystack for word in self.words)
        return True


def parse_query(query: str) -> LessonFilter:
    """Parse a search: ``cat:X`` filters by category, ``at:X`` by company, the rest are words."""
    words: list[str] = []
    categories: list[str] = []
    companies: list[str] = []
    for token in query.casefold().split():
        if token.startswith("cat:"):
            if token[4:]:
                categories.append(token[4:])
        elif token.startswith("at:"):
            if token[3:]:
                companies.append(token[3:])
        else:
            words.append(token)
    return LessonFilter(tuple(words), tuple(categories), tuple(companies))


def lesson_prompt(lesson: LessonView) -> Content:
    """One line for a lesson: recurring marker, category, text and company."""
    parts: list[str | tuple[str, str]] = []
    if lesson.recurring:
        parts.append(("↻ ", "$text-warning bold"))
    category = one_line(lesson.category, 20)
    if category:
        parts.append((f"[{category}] ", "dim"))
    parts.append(one_line(lesson.text, TEXT_LIMIT))
    company = one_line(lesson.company, COMPANY_LIMIT)
    if company:
        parts.append((f" · {company}", "dim"))
    return Content.assemble(*parts)


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

    BINDINGS: list[BindingType] = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("escape", "close_search", "Clear search"),
        Binding("n", "new", "New lesson"),
        Binding("e", "edit", "Edit", show=False),
        Binding("d", "delete", "Delete", show=False),
    ]

    class NewRequested(Message):
        """The user wants to write a new lesson."""

        def __init__(self, log: LessonsLog) -> None:
            super().__init__()
            self.log = log

        @property
        def control(self) -> LessonsLog:
            """The pane that posted the message."""
            return self.log

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

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._lessons: list[LessonView] = []
        self._by_id: dict[str, LessonView] = {}
        self._options: dict[str, tuple[LessonView, Option]] = {}
        self._filter = LessonFilter()
        self._query = ""
        self._input = Input(placeholder=PLACEHOLDER, compact=True, restrict=_NO_CONTROLS)
        self._hint = Static("", classes="hint", markup=False)
        self._list = OptionList(markup=False)

    def compose(self) -> ComposeResult:
        yield self._input
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
        """The search box."""
        return self._input

    @property
    def query(self) -> str:
        """The current search text."""
        return self._query

    @property
    def shown(self) -> list[LessonView]:
        """The lessons listed now (after the filter), in order."""
        return [self._by_id[o.id] for o in self._list.options if o.id in self._by_id]

    @property
    def highlighted(self) -> LessonView | None:
        """The lesson under the cursor, if any."""
        option = self._list.highlighted_option
        return self._by_id.get(option.id) if option and option.id else None

    def set_lessons(self, lessons: Sequence[LessonView]) -> None:
        """Show these lessons, newest first, keeping the highlighted one by lesson_id."""
        self._by_id = {lesson.lesson_id: lesson for lesson in lessons}  # an id shows once
        self._lessons = sorted(self._by_id.values(), key=lambda le: le.created_at, reverse=True)
        options: dict[str, tuple[LessonView, Option]] = {}
        for lesson in self._lessons:
            cached = self._options.get(lesson.lesson_id)
            if cached is None or cached[0] != lesson:
                cached = (lesson, Option(lesson_prompt(lesson), id=lesson.lesson_id))
            options[lesson.lesson_id] = cached
        self._options = options
        self._refill()

    def focus(self, scroll_visible: bool = True) -> LessonsLog:
        """Focus the list (the pane itself takes no focus)."""
        self._list.focus(scroll_visible)
        return self

    # -- filtering ------------------------------------------------------------

    def _refill(self) -> None:
        keep = self.highlighted
        old_index = self._list.highlighted
        matched = [
            self._options[lesson.lesson_id][1]
            for lesson in self._lessons
            if self._filter.is_empty or self._filter.matches(lesson)
        ]
        self._list.set_options(matched)
        if matched:
            ids = [option.id for option in matched]
            if keep is not None and keep.lesson_id in ids:
                self._list.highlighted = ids.index(keep.lesson_id)
            else:
                self._list.highlighted = min(old_index or 0, len(matched) - 1)
        elif self._lessons:
            query = one_line(self._query, 40)
            self._hint.update(Content(f"No lesson matches “{query}”"))
        else:
            self._hint.update(Content(EMPTY_HINT))
        self._hint.display = not matched
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        event.stop()
        clean = visible(event.value).replace("\n", " ").replace("\t", " ")
        if clean != event.value:  # set in code with control characters: show them harmlessly
            self._input.value = clean
            return
        self._query = event.value
        self._filter = parse_query(event.value)
        self._refill()
        self.post_message(self.SearchChanged(self, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: back to the list, keeping the filter."""
        event.stop()
        if not event.value.strip():
            self._input.remove_class("-shown")
        self._list.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the Footer in step with the cursor."""
        event.stop()
        self.refresh_bindings()

    # -- actions --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide edit/delete without a lesson, and "clear search" without a search."""
        if action in ("edit", "delete"):
            return self.highlighted is not None
        if action == "close_search":
            return self._input.has_class("-shown")
        return True

    def action_cursor_down(self) -> None:
        """Move the cursor down."""
        self._list.action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move the cursor up."""
        self._list.action_cursor_up()

    def action_search(self) -> None:
        """Show and focus the search box."""
        self._input.add_class("-shown")
        self._input.focus()
        self.refresh_bindings()

    def action_close_search(self) -> None:
        """Clear and hide the search box; focus returns to the list."""
        self._input.value = ""
        self._input.remove_class("-shown")
        self._list.focus()
        self.refresh_bindings()

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

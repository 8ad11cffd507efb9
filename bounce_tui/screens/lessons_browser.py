"""LessonsBrowser: every lesson in one table, sorted and filtered, a page at a time.

The database sorts, filters and pages (`Store.read.browse_lessons`); the screen
holds one page of rows. `/` filters with the same words as the main screen's
search (`cat:` and `at:` too), `s`/`S` sort, `[`/`]` page, `enter` opens a
lesson in full. A newer answer always wins: each request has a number, and an
answer to an older one is dropped.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from bounce_tui.domain.browse import GRADE_NAMES, BrowsePage, BrowseQuery, BrowseRow, Sort
from bounce_tui.domain.dates import local_time
from bounce_tui.domain.lesson_query import parse_query
from bounce_tui.domain.text import one_line, visible
from bounce_tui.keys import bindings
from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.pane_screen import PaneScreen
from bounce_tui.widgets.key_footer import KeyFooter

__all__ = ["LessonsBrowser", "due_words", "COLUMNS"]

#: Seconds the filter waits after a key before it asks the database.
FILTER_DELAY = 0.02
PLACEHOLDER = "filter… words, cat:interview, at:acme"
# Control and bidi-override characters cannot be typed or pasted into the filter.
_NO_CONTROLS = "[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*"

#: (sort column, heading, width at 80 columns, whether it takes the spare width).
COLUMNS: tuple[tuple[Sort | None, str, int, bool], ...] = (
    (Sort.FRONT, "Front", 17, True),
    (Sort.BACK, "Back", 17, True),
    (Sort.CATEGORY, "Category", 10, False),
    (Sort.COMPANY, "Company", 10, False),
    (Sort.DUE, "Due", 10, False),
    (Sort.REVIEWS, "Rev", 4, False),
    (Sort.LAST_GRADE, "Last", 6, False),
    (None, "↻", 2, False),
)
#: The spare width (beyond 80 columns) goes to the front and the back, at most this much each.
_WIDE = 70


def due_words(due: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """When a card is due, short enough for a column: "now", "in 5 h", "tomorrow", "in 12 d"."""
    delta = due - now
    if delta <= timedelta(0):
        return "now"
    if delta < timedelta(hours=1):
        return f"in {max(delta // timedelta(minutes=1), 1)} min"
    days = (local_time(due, tz).date() - local_time(now, tz).date()).days
    if days <= 0:
        return f"in {delta // timedelta(hours=1)} h"
    if days == 1:
        return "tomorrow"
    if days < 100:
        return f"in {days} d"
    local = local_time(due, tz)
    return f"{local:%b %Y}"


class LessonsBrowser(PaneScreen):
    """Every lesson, sorted and filtered in the database, one page at a time."""

    DEFAULT_CSS = """
    LessonsBrowser { layout: vertical; }
    LessonsBrowser #browse-top { height: 1; padding: 0 1; background: $boost; }
    LessonsBrowser #browse-title { width: auto; text-style: bold; margin-right: 2; }
    LessonsBrowser #browse-status { width: 1fr; color: $text-muted; text-align: right; }
    LessonsBrowser #browse-filter { margin: 0 1; }
    LessonsBrowser #browse-table { height: 1fr; margin: 0 1; }
    LessonsBrowser #browse-empty { height: auto; padding: 1 2; color: $text-muted; }
    """

    KEY_SCOPES = ("browse",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("browse")

    def __init__(self, ctx: ScreenContext, query: BrowseQuery | None = None) -> None:
        super().__init__(ctx)
        self.query_now = query or BrowseQuery()
        #: The page shown (None until the first answer).
        self.page: BrowsePage | None = None
        self._asked = 0
        self._answered = 0
        self._filter_timer: Timer | None = None
        self._cursor_to_end = False
        self._widths: tuple[int, ...] = ()

    def compose(self) -> ComposeResult:
        with Horizontal(id="browse-top"):
            yield Static(Text("Lessons"), id="browse-title")
            yield Static(Text("opening…"), id="browse-status")
        yield Input(
            placeholder=PLACEHOLDER,
            compact=True,
            restrict=_NO_CONTROLS,
            id="browse-filter",
            select_on_focus=False,
        )
        table: DataTable[Text] = DataTable(
            id="browse-table", cursor_type="row", zebra_stripes=True, cell_padding=0
        )
        yield table
        yield Static(id="browse-empty")
        yield KeyFooter()

    @property
    def table(self) -> DataTable[Text]:
        """The table of lessons."""
        return self.query_one("#browse-table", DataTable)

    def action_cursor_down(self) -> None:
        """`j`, as in every list of the app (the table has ↓ itself)."""
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        """`k`, as in every list of the app (the table has ↑ itself)."""
        self.table.action_cursor_up()

    @property
    def busy(self) -> bool:
        """True while a page is being read."""
        return self._answered < self._asked

    def on_mount(self) -> None:
        self.query_one("#browse-empty").display = False
        self._set_columns(self.size.width)
        self.table.focus()
        self.reload_on_change(self._again)
        self.when_store_ready(lambda: self.ask(self.query_now))

    # -- asking the database ---------------------------------------------------------------

    def ask(self, query: BrowseQuery) -> None:
        """Read the page `query` describes; show it when it is still the latest asked."""
        self.query_now = query
        self._asked += 1
        number = self._asked

        def answered(page: BrowsePage) -> None:
            self._answered = max(self._answered, number)
            if number == self._asked and self.is_attached:
                self.show_page(page)

        def failed(_error: BaseException) -> None:
            self._answered = max(self._answered, number)

        self.call_store(
            lambda store: store.read.browse_lessons(query), answered, failed=failed, writes=False
        )

    def _again(self) -> None:
        """Read the page shown again (after a write here or elsewhere)."""
        self.ask(self.page.again() if self.page is not None else self.query_now)

    # -- showing -----------------------------------------------------------------------------

    def show_page(self, page: BrowsePage) -> None:
        """Fill the table with a page, keeping the cursor on the same lesson where it can."""
        table = self.table
        keep = self.highlighted
        row_before = table.cursor_row
        self.page = page
        table.clear()
        now = self.ctx.now()
        for row in page.rows:
            table.add_row(*self._cells(row, now), key=row.lesson_id)
        empty = self.query_one("#browse-empty", Static)
        empty.display = not page.rows
        if not page.rows:
            if page.query.filter.is_empty:
                empty.update(Text("No lessons yet. Keep one from the main screen with n."))
            else:
                wanted = one_line(self.query_one("#browse-filter", Input).value, 40)
                empty.update(Text(f"No lesson matches “{wanted}”. Try fewer words."))
        ids = [row.lesson_id for row in page.rows]
        if self._cursor_to_end and ids:
            table.move_cursor(row=len(ids) - 1, animate=False)
        elif keep is not None and keep.lesson_id in ids:
            table.move_cursor(row=ids.index(keep.lesson_id), animate=False)
        elif ids:
            table.move_cursor(row=min(row_before, len(ids) - 1), animate=False)
        self._cursor_to_end = False
        self._show_status()
        self.refresh_bindings()

    def _cells(self, row: BrowseRow, now: datetime) -> list[Text]:
        tz = self.ctx.tz
        widths = self._widths
        front = Text(one_line(row.front(tz), widths[0] - 1))
        if row.generated:
            front.stylize("italic dim")
        grade = GRADE_NAMES.get(row.last_grade, "") if row.last_grade is not None else "—"
        values = (
            one_line(row.text, widths[1] - 1),
            one_line(row.category, widths[2] - 1),
            one_line(row.company, widths[3] - 1) or "—",
            due_words(row.due, now, tz),
            str(row.reviews),
            grade,
        )
        theme = Text("↻", style="bold $text-warning") if row.theme_id else Text("")
        return [front, *(Text(value) for value in values), theme]

    def _show_status(self) -> None:
        page = self.page
        query = self.query_now
        arrow = "↓" if query.descending else "↑"
        order = f"sorted by {query.sort.value} {arrow}"
        if page is None:
            status = f"reading… · {order}"
        elif not page.rows:
            status = f"0 of {page.total:,} · {order}"
        else:
            status = f"{page.first:,}–{page.last:,} of {page.total:,} · {order}"
        self.query_one("#browse-status", Static).update(Text(status))

    def _set_columns(self, width: int) -> None:
        """Column widths for the terminal's width: front and back take what is spare."""
        spare = max(width - 80, 0)
        share = min(spare // 2, _WIDE)
        widths = tuple(w + (share if grows else 0) for _, _, w, grows in COLUMNS)
        if widths == self._widths:
            return
        self._widths = widths
        table = self.table
        table.clear(columns=True)
        for (sort, heading, _, _), column_width in zip(COLUMNS, widths, strict=True):
            key = sort.value if sort is not None else "theme"
            table.add_column(Text(heading, style="bold"), width=column_width, key=key)
        if self.page is not None:
            self.show_page(self.page)

    def on_resize(self, event: Resize) -> None:
        self._set_columns(event.size.width)

    @property
    def highlighted(self) -> BrowseRow | None:
        """The lesson under the cursor, if any."""
        page = self.page
        table = self.table
        if page is None or not page.rows or table.row_count == 0:
            return None
        row = table.cursor_row
        return page.rows[row] if 0 <= row < len(page.rows) else None

    # -- the filter ----------------------------------------------------------------------------

    @on(Input.Changed, "#browse-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        clean = visible(event.value).replace("\n", " ").replace("\t", " ")
        if clean != event.value:
            event.input.value = clean
            return
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    def _apply_filter(self) -> None:
        self._filter_timer = None
        wanted = parse_query(self.query_one("#browse-filter", Input).value)
        if wanted != self.query_now.filter:
            self.ask(self.query_now.filtered(wanted))

    @on(Input.Submitted, "#browse-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the page keys only where there is a page to go to."""
        page = self.page
        if action == "open":
            return self.highlighted is not None
        if action == "page":
            if page is None:
                return False
            step = parameters[0] if parameters else 1
            return page.has_next if step == 1 else page.has_previous
        if action == "first_page":
            return page is not None and page.has_previous
        if action == "last_page":
            return page is not None and page.has_next
        return True

    @on(DataTable.RowSelected, "#browse-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted lesson in full."""
        row = self.highlighted
        if row is None:
            self.notify("There is no lesson here to open.", markup=False)
            return
        self.open_lesson(row.lesson_id)

    def action_filter(self) -> None:
        """Move to the filter."""
        self.query_one("#browse-filter", Input).focus()

    def action_sort(self) -> None:
        """Sort by the next column."""
        self.ask(self.query_now.next_sort())
        self._show_status()

    def action_turn(self) -> None:
        """Turn the order of the column sorted by."""
        self.ask(self.query_now.flipped())
        self._show_status()

    @on(DataTable.HeaderSelected, "#browse-table")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        chosen = str(event.column_key.value)
        if chosen in {sort.value for sort in Sort}:
            self.ask(self.query_now.sorted_by(Sort(chosen)))
            self._show_status()

    def action_page(self, step: int) -> None:
        """The next (1) or previous (-1) page."""
        page = self.page
        if page is None:
            return
        if step > 0 and page.has_next:
            self.ask(page.next_page())
        elif step < 0 and page.has_previous:
            self.ask(page.previous_page())

    def action_first_page(self) -> None:
        """The first page."""
        self.ask(self.query_now.first_page())

    def action_last_page(self) -> None:
        """The last page (the cursor goes to the last lesson)."""
        self._cursor_to_end = True
        self.ask(self.query_now.last_page())

"""CheckInHistory: every day of the last weeks, newest first, with its check-ins.

Each day shows its check-ins (mood in words and figure, energy in words, the
note on one line, tags); a day with two or more says it counts as their mean; a
skipped day shows its reason; a day with neither shows a dash, and `s` skips it.
`enter` corrects a check-in in the check-in form (it keeps its day), `d` deletes
one after asking, `u` undoes, `o` reaches 60 days further back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import DataTable, Static

from bounce_tui.domain.checkins import energy_label, mood_label
from bounce_tui.domain.dates import local_time
from bounce_tui.domain.text import one_line
from bounce_tui.keys import bindings
from bounce_tui.screens.context import ScreenContext
from bounce_tui.screens.pane_base import PaneBase
from bounce_tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from bounce_tui.domain.snapshot import CheckInView
    from bounce_tui.screens.checkin_form import CheckInInput
    from bounce_tui.store.cases.undo import Deleted
    from bounce_tui.store.repository import Store

__all__ = ["CheckInHistory", "HistoryRow", "history_rows", "PAGE_DAYS"]

#: Days shown at first, and how many more `o` adds.
PAGE_DAYS = 60

#: (heading, width at 80 columns, share of the spare width).
COLUMNS: tuple[tuple[str, int, int], ...] = (
    ("Day", 10, 0),
    ("Time", 5, 0),
    ("Mood", 8, 0),
    ("Energy", 11, 0),
    ("Note", 19, 2),
    ("Tags", 10, 1),
)


@dataclass(frozen=True)
class HistoryRow:
    """One line of the table: a check-in, a day's mean, a skipped day or an empty day."""

    day: date
    checkin: CheckInView | None = None
    #: "checkin", "mean", "skipped" or "empty".
    kind: str = "checkin"
    #: For "mean": the day's mean mood and how many check-ins make it.
    mean: float = 0.0
    count: int = 0
    reason: str = ""

    @property
    def key(self) -> str:
        """A key unique in the table."""
        if self.checkin is not None:
            return self.checkin.checkin_id
        return f"{self.kind}:{self.day.isoformat()}"


def history_rows(
    checkins: list[CheckInView], skipped: dict[date, str], today: date, first: date
) -> list[HistoryRow]:
    """The table's rows from `today` back to `first`: every day, newest first."""
    by_day: dict[date, list[CheckInView]] = {}
    for entry in checkins:
        by_day.setdefault(entry.day, []).append(entry)
    rows: list[HistoryRow] = []
    day = today
    while day >= first:
        found = by_day.get(day, [])
        rows.extend(HistoryRow(day, entry) for entry in found)
        if len(found) > 1:
            mean = sum(entry.mood for entry in found) / len(found)
            rows.append(HistoryRow(day, kind="mean", mean=mean, count=len(found)))
        if day in skipped:
            rows.append(HistoryRow(day, kind="skipped", reason=skipped[day]))
        elif not found:
            rows.append(HistoryRow(day, kind="empty"))
        day -= timedelta(days=1)
    return rows


@dataclass
class _Loaded:
    first: date
    today: date
    rows: list[HistoryRow] = field(default_factory=list)
    checkins: int = 0
    skipped: int = 0


def _styled(text: str, style: str) -> Text:
    """Text with `style` on its characters."""
    return Text.assemble((text, style))


class CheckInHistory(PaneBase):
    """The check-ins of the last weeks, day by day: correct, delete, undo, skip a day."""

    DEFAULT_CSS = """
    CheckInHistory { layout: vertical; }
    CheckInHistory #history-top { height: 1; padding: 0 1; background: $boost; }
    CheckInHistory #history-title { width: auto; text-style: bold; margin-right: 2; }
    CheckInHistory #history-status { width: 1fr; color: $text-muted; text-align: right; }
    CheckInHistory #history-table { height: 1fr; margin: 0 1; }
    """

    KEY_SCOPES = ("history",)
    BINDINGS: ClassVar[list[BindingType]] = bindings("history")

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__(ctx)
        self.days = PAGE_DAYS
        #: What is shown (None until the first answer).
        self.loaded: _Loaded | None = None
        self._widths: tuple[int, ...] = ()

    def compose(self) -> ComposeResult:
        with Horizontal(id="history-top"):
            yield Static(Text("Check-ins"), id="history-title")
            yield Static(Text("reading…"), id="history-status")
        yield DataTable(id="history-table", cursor_type="row", cell_padding=1)
        yield KeyFooter()

    @property
    def table(self) -> DataTable[Text]:
        """The table of days."""
        return self.query_one("#history-table", DataTable)

    def action_cursor_down(self) -> None:
        """`j`, as in every list of the app (the table has ↓ itself)."""
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        """`k`, as in every list of the app (the table has ↑ itself)."""
        self.table.action_cursor_up()

    def on_mount(self) -> None:
        self._set_columns(self.size.width)
        self.table.focus()
        self.reload_on_change(self.load)
        self.when_store_ready(self.load)

    # -- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the days shown (a thread; the table is refilled when the answer comes)."""
        today = self._today()
        first = today - timedelta(days=self.days - 1)

        def job(store: Store) -> _Loaded:
            checkins = store.checkins.since(first)
            skipped = store.checkins.skipped_since(first)
            rows = history_rows(checkins, skipped, today, first)
            return _Loaded(first, today, rows, len(checkins), len(skipped))

        self.call_store(job, self._show, writes=False)

    def _show(self, loaded: _Loaded) -> None:
        if not self.is_attached:
            return
        table = self.table
        keep = self.highlighted
        row_before = table.cursor_row
        self.loaded = loaded
        table.clear()
        previous: date | None = None
        for entry in loaded.rows:
            table.add_row(*self._cells(entry, entry.day != previous), key=entry.key)
            previous = entry.day
        keys = [entry.key for entry in loaded.rows]
        if keep is not None and keep.key in keys:
            table.move_cursor(row=keys.index(keep.key), animate=False)
        elif keys:
            table.move_cursor(row=min(max(row_before, 0), len(keys) - 1), animate=False)
        count = "no check-ins" if not loaded.checkins else f"{loaded.checkins} check-ins"
        if loaded.checkins == 1:
            count = "1 check-in"
        if loaded.skipped:
            count += f", {loaded.skipped} skipped"
        span = f"{loaded.today:%a %d %b} back to {loaded.first:%a %d %b %Y}"
        self.query_one("#history-status", Static).update(Text(f"{span} · {count}"))
        self.refresh_bindings()

    def _cells(self, entry: HistoryRow, first_of_day: bool) -> list[Text]:
        widths = self._widths
        day = _styled(f"{entry.day:%a %d %b}" if first_of_day else "", "bold")
        blank = Text("")
        if entry.checkin is not None:
            got = entry.checkin
            energy = got.energy
            tags = " ".join("#" + one_line(tag, 20) for tag in got.tags)
            return [
                day,
                Text(f"{local_time(got.at, self.ctx.tz):%H:%M}"),
                Text(f"{got.mood} {mood_label(got.mood)}"),
                Text(f"{energy} {energy_label(energy)}") if energy else _styled("—", "dim"),
                Text(one_line(got.note, widths[4])),
                _styled(one_line(tags, widths[5]), "italic"),
            ]
        if entry.kind == "mean":
            note = f"the day counts as the mean of these {entry.count}"
            if len(note) > widths[4]:
                note = f"mean of these {entry.count}"
            mean = _styled(f"{entry.mean:.1f} {mood_label(entry.mean)}", "bold")
            return [day, blank, mean, blank, _styled(note, "dim"), blank]
        if entry.kind == "skipped":
            reason = one_line(entry.reason, widths[4]) if entry.reason else "(no reason given)"
            skipped = _styled("skipped", "italic")
            return [day, blank, skipped, blank, _styled(reason, "dim"), blank]
        return [day, blank, _styled("—", "dim"), blank, blank, blank]

    def _set_columns(self, width: int) -> None:
        spare = max(width - 80, 0)
        shares = sum(share for _, _, share in COLUMNS)
        widths = tuple(w + spare * share // shares for _, w, share in COLUMNS)
        if widths == self._widths:
            return
        self._widths = widths
        table = self.table
        table.clear(columns=True)
        for (heading, _, _), column_width in zip(COLUMNS, widths, strict=True):
            table.add_column(Text(heading, style="bold"), width=column_width, key=heading)
        if self.loaded is not None:
            self._show(self.loaded)

    def on_resize(self, event: Resize) -> None:
        self._set_columns(event.size.width)

    @property
    def highlighted(self) -> HistoryRow | None:
        """The row under the cursor, if any."""
        loaded = self.loaded
        row = self.table.cursor_row
        if loaded is None or not 0 <= row < len(loaded.rows):
            return None
        return loaded.rows[row]

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Correct and delete need a check-in under the cursor; skip a day without one."""
        row = self.highlighted
        if action in ("edit", "delete"):
            return row is not None and row.checkin is not None
        if action == "skip":
            return row is not None and row.kind == "empty"
        return True

    @on(DataTable.RowHighlighted, "#history-table")
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#history-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.check_action("edit", ()):
            self.action_edit()

    def action_edit(self) -> None:
        """Correct the highlighted check-in in the check-in form; it keeps its day."""
        from bounce_tui.screens.checkin_form import CheckInForm, CheckInInput
        from bounce_tui.screens.edit_fields import checkin_entry_fields, checkin_view_fields
        from bounce_tui.screens.edit_guard import EditGuard

        row = self.highlighted
        if row is None or row.checkin is None:
            return
        got = row.checkin
        start = CheckInInput(got.mood, got.energy, got.note, got.tags, day=got.day)
        form = CheckInForm(start, today=self._today())

        guard: EditGuard[CheckInInput] = EditGuard(
            "check-in",
            got.checkin_id,
            got,
            fields_of_view=checkin_view_fields,
            fields_of_entry=checkin_entry_fields,
            add=lambda store, data: store.checkins.check_in(
                data.mood, energy=data.energy, note=data.note, tags=data.tags, at=got.at
            ),
        )

        def job(store: Store, data: CheckInInput) -> CheckInView:
            return store.checkins.edit_checkin(
                got.checkin_id,
                mood=data.mood,
                energy=data.energy,
                clear_energy=data.energy is None,
                note=data.note,
                tags=data.tags,
                expected_updated_at=guard.version,
            )

        def saved(view: CheckInView) -> None:
            self.notify(f"Corrected the check-in of {view.day:%a %d %b}.", markup=False)

        self.open_form(form, job, saved, guard=guard)

    @work
    async def action_delete(self) -> None:
        """Ask, then delete the highlighted check-in (u undoes it)."""
        from bounce_tui.screens.confirm import ConfirmScreen

        row = self.highlighted
        if row is None or row.checkin is None:
            return
        got = row.checkin
        about = f"{got.day:%a %d %b}, {got.mood} {mood_label(got.mood)}"
        if got.note:
            about += f", “{one_line(got.note, 40)}”"
        question = f"Delete the check-in of {about}? You can undo with u."
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        checkin_id = got.checkin_id

        def gone(what: Deleted) -> None:
            self.deleted(what)

        self.call_store(lambda store: store.checkins.delete_checkin(checkin_id), gone)

    def action_skip(self) -> None:
        """Mark the highlighted day (one with no check-in) as skipped, with a reason if given."""
        from bounce_tui.screens.skip_form import SkipForm

        row = self.highlighted
        if row is None or row.kind != "empty":
            return
        day = row.day

        def save(store: Store, reason: str) -> str:
            return store.checkins.skip_day(day, reason)

        def done(_mark: str) -> None:
            self.notify(
                f"{day:%a %d %b} is marked as skipped; your streak holds. Rest counts too.",
                markup=False,
            )

        self.open_form(SkipForm(day), save, done)

    def action_older(self) -> None:
        """Reach PAGE_DAYS days further back."""
        self.days += PAGE_DAYS
        self.load()

"""Exports for people: a timeline CSV for spreadsheets and a Markdown journal.

CSV cells that a spreadsheet would run as a formula are neutralised with a
leading apostrophe; Markdown escapes HTML so a note cannot become markup.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, tzinfo

from sqlmodel import Session, select

from bounce_tui.domain.dates import local_time
from bounce_tui.domain.text import visible
from bounce_tui.store.models import CheckIn, Interview, Lesson, Rejection
from bounce_tui.store.read.export_since import Since

CSV_COLUMNS = (
    "kind", "id", "when", "company", "role", "stage", "mood", "energy", "category", "tags", "text",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell that spreadsheets show as text, never evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _when(moment: datetime, tz: tzinfo | None) -> str:
    return local_time(moment, tz).strftime("%Y-%m-%d %H:%M")


def timeline_csv(session: Session, tz: tzinfo | None, since: Since | None = None) -> str:
    """Rejections, check-ins, lessons and interviews as one time-ordered table.

    A lesson's row carries the company of the rejection it was learned from. With
    `since`, only the rows from that day on (`export_since`).
    """

    def kept(moment: datetime) -> bool:
        return since is None or since.keeps(moment)

    rows: list[tuple[datetime, list[object]]] = []
    company: dict[str, str] = {}
    for r in session.exec(select(Rejection)):
        company[r.id] = r.company
        if kept(r.received_at):
            rows.append((r.received_at, ["rejection", r.id, _when(r.received_at, tz), r.company,
                                         r.role, r.stage, "", "", "", "", r.notes]))  # fmt: skip
    for c in session.exec(select(CheckIn)):
        if since is None or since.keeps_day(c.day):
            rows.append((c.at, ["checkin", c.id, _when(c.at, tz), "", "", "", c.mood,
                                c.energy or "", "", " ".join(c.tags), c.note]))  # fmt: skip
    for x in session.exec(select(Lesson)):
        if kept(x.created_at):
            at = company.get(x.rejection_id, "") if x.rejection_id else ""
            rows.append((x.created_at, ["lesson", x.id, _when(x.created_at, tz), at, "", "", "",
                                        "", x.category, " ".join(x.tags), x.text]))  # fmt: skip
    for i in session.exec(select(Interview)):
        if kept(i.at):
            rows.append((i.at, ["interview", i.id, _when(i.at, tz), i.company, i.role, i.stage,
                                "", "", "", "", ""]))  # fmt: skip
    rows.sort(key=lambda pair: pair[0])
    out = io.StringIO()
    # Rows end in "\r\n" (RFC 4180): the writer quotes a cell holding any character of the
    # line terminator. With "\n" alone a lone "\r" in a note went out unquoted, and a
    # spreadsheet would start a new row there (with a cell that escaped the formula check).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for _, cells in rows:
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()


def md_escape(text: str) -> str:
    """Escape HTML and the Markdown characters that would restyle a line."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|#":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\r", " ").replace("\n", "  \n")


def terminal_safe(text: str, fmt: str) -> str:
    """An export about to be shown on a terminal: no control character of a note reaches it.

    JSON is re-encoded with every non-ASCII character escaped (it parses to the
    same data); CSV and Markdown show control characters as visible placeholders.
    Output that goes to a file or a pipe is left exact.
    """
    if fmt == "json":
        return json.dumps(json.loads(text), ensure_ascii=True, indent=1) + "\n"
    return visible(text)

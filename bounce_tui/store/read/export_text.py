"""Exports for people: a timeline CSV for spreadsheets and a Markdown journal.

CSV cells that a spreadsheet would run as a formula are neutralised with a
leading apostrophe; Markdown escapes HTML so a note cannot become markup.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime, tzinfo

from sqlmodel import Session, col, select

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_time
from bounce_tui.domain.status import Status, summary_lines
from bounce_tui.domain.text import visible
from bounce_tui.store.models import CheckIn, ChecklistItem, Interview, Lesson, Rejection

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


def timeline_csv(session: Session, tz: tzinfo | None) -> str:
    """Rejections, check-ins, lessons and interviews as one time-ordered table."""
    rows: list[tuple[datetime, list[object]]] = []
    for r in session.exec(select(Rejection)):
        rows.append((r.received_at, ["rejection", r.id, _when(r.received_at, tz), r.company,
                                     r.role, r.stage, "", "", "", "", r.notes]))  # fmt: skip
    for c in session.exec(select(CheckIn)):
        rows.append((c.at, ["checkin", c.id, _when(c.at, tz), "", "", "", c.mood,
                            c.energy or "", "", " ".join(c.tags), c.note]))  # fmt: skip
    for lesson in session.exec(select(Lesson)):
        rows.append((lesson.created_at, ["lesson", lesson.id, _when(lesson.created_at, tz), "",
                                         "", "", "", "", lesson.category, " ".join(lesson.tags),
                                         lesson.text]))  # fmt: skip
    for i in session.exec(select(Interview)):
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


def journal_markdown(session: Session, status: Status, tz: tzinfo | None) -> str:
    """A readable journal: the summary, then each rejection with its lessons and checklist."""
    out = ["# bounce journal", "", *(f"- {md_escape(line.strip())}" for line in
                                      summary_lines(status)), ""]  # fmt: skip
    rejections = session.exec(select(Rejection).order_by(col(Rejection.received_at).desc())).all()
    lessons = session.exec(select(Lesson).order_by(col(Lesson.created_at))).all()
    items = session.exec(
        select(ChecklistItem).order_by(col(ChecklistItem.rejection_id), col(ChecklistItem.position))
    ).all()
    out += ["## Rejections", ""] if rejections else []
    for r in rejections:
        title = md_escape(r.company) + (f" — {md_escape(r.role)}" if r.role else "")
        out += [f"### {title}", "", f"{_when(r.received_at, tz)} · {r.stage} · {r.channel}", ""]
        if r.notes:
            out += [md_escape(r.notes), ""]
        out += _bullets("Lessons", (f"({x.category}) {md_escape(x.text)}"
                                    for x in lessons if x.rejection_id == r.id))  # fmt: skip
        out += _bullets("Checklist", (f"[{'x' if i.done_at else ' '}] {md_escape(i.title)}"
                                      + (f" — {md_escape(i.choice)}" if i.choice else "")
                                      for i in items if i.rejection_id == r.id))  # fmt: skip
    loose = [x for x in lessons if x.rejection_id is None]
    out += _bullets("## Other lessons", (f"({x.category}) {md_escape(x.text)}" for x in loose))
    entries = session.exec(select(CheckIn).order_by(col(CheckIn.at))).all()
    if entries:
        out += ["## Check-ins", "", "| when | mood | energy | note |", "| --- | --- | --- | --- |"]
        out += [
            f"| {_when(c.at, tz)} | {c.mood} {checkins.MOOD_LABELS[c.mood]} | {c.energy or ''} "
            f"| {md_escape(c.note).replace('  ' + chr(10), ' ')} |"
            for c in entries
        ]
        out.append("")
    return "\n".join(out)


def terminal_safe(text: str, fmt: str) -> str:
    """An export about to be shown on a terminal: no control character of a note reaches it.

    JSON is re-encoded with every non-ASCII character escaped (it parses to the
    same data); CSV and Markdown show control characters as visible placeholders.
    Output that goes to a file or a pipe is left exact.
    """
    if fmt == "json":
        return json.dumps(json.loads(text), ensure_ascii=True, indent=1) + "\n"
    return visible(text)


def _bullets(heading: str, lines: Iterable[str]) -> list[str]:
    items = [f"- {line}" for line in lines]
    if not items:
        return []
    label = heading if heading.startswith("#") else f"**{heading}**"
    return [label, "", *items, ""]

"""The Markdown journal export: the summary, each rejection with what followed, the check-ins.

Under each rejection: when, stage, channel and contact; its notes; the mourning
period with its close-out line; the urges logged during it; its lessons and its
regroup checklist. Then the lessons kept on their own, and a table of check-ins
with their tags. User text is escaped (`export_text.md_escape`): a note never
becomes markup. With `since`, only what happened from that day on (`export_since`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, tzinfo

from sqlmodel import Session, col, select

from bounce_tui.domain import checkins
from bounce_tui.domain.dates import local_time
from bounce_tui.domain.status import Status, summary_lines
from bounce_tui.store.models import (
    CheckIn,
    ChecklistItem,
    Lesson,
    MourningPeriod,
    Rejection,
    Urge,
)
from bounce_tui.store.read.export_since import Since
from bounce_tui.store.read.export_text import md_escape

__all__ = ["journal_markdown"]


def _when(moment: datetime, tz: tzinfo | None) -> str:
    return local_time(moment, tz).strftime("%Y-%m-%d %H:%M")


def _bullets(heading: str, lines: Iterable[str]) -> list[str]:
    items = [f"- {line}" for line in lines]
    if not items:
        return []
    label = heading if heading.startswith("#") else f"**{heading}**"
    return [label, "", *items, ""]


def _cell(text: str) -> str:
    """Text for one table cell: escaped, on one line."""
    return md_escape(text).replace("  \n", " ")


def _mourning_lines(period: MourningPeriod, tz: tzinfo | None) -> list[str]:
    days = f"{period.days} day{'s' if period.days != 1 else ''}"
    line = f"{days} from {_when(period.started_at, tz)} to {_when(period.planned_end, tz)}"
    if period.extensions:
        line += f" (one more day asked for {period.extensions}×)"
    lines = [line]
    if period.moved_on_at is not None:
        lines.append(f"moved on {_when(period.moved_on_at, tz)}")
    if period.close_note:
        lines.append(f"close-out: {md_escape(period.close_note)}")
    return lines


def journal_markdown(
    session: Session, status: Status, tz: tzinfo | None, since: Since | None = None
) -> str:
    """A readable journal: the summary, then each rejection with what followed it."""
    out = ["# bounce journal", ""]
    if since is not None:
        out += [f"From {since.day:%d %b %Y} on.", ""]
    out += [*(f"- {md_escape(line.strip())}" for line in summary_lines(status)), ""]
    every = session.exec(select(Rejection).order_by(col(Rejection.received_at).desc())).all()
    company = {r.id: r.company for r in every}
    rejections = [r for r in every if since is None or since.keeps(r.received_at)]
    lessons = [
        x
        for x in session.exec(select(Lesson).order_by(col(Lesson.created_at))).all()
        if since is None or since.keeps(x.created_at)
    ]
    items = session.exec(
        select(ChecklistItem).order_by(col(ChecklistItem.rejection_id), col(ChecklistItem.position))
    ).all()
    periods = session.exec(select(MourningPeriod).order_by(col(MourningPeriod.started_at))).all()
    urges: dict[str | None, list[Urge]] = defaultdict(list)
    for urge in session.exec(select(Urge).order_by(col(Urge.at))):
        urges[urge.mourning_id].append(urge)
    out += ["## Rejections", ""] if rejections else []
    shown = {r.id for r in rejections}
    for r in rejections:
        title = md_escape(r.company) + (f" — {md_escape(r.role)}" if r.role else "")
        meta = f"{_when(r.received_at, tz)} · {r.stage} · {r.channel}"
        if r.contact:
            meta += f" · contact: {md_escape(r.contact)}"
        out += [f"### {title}", "", meta, ""]
        if r.notes:
            out += [md_escape(r.notes), ""]
        mine = [p for p in periods if p.rejection_id == r.id]
        out += _bullets("Mourning", (line for p in mine for line in _mourning_lines(p, tz)))
        out += _bullets("Urges", (f"{_when(u.at, tz)} {md_escape(u.kind)}"
                                  for p in mine for u in urges.get(p.id, [])))  # fmt: skip
        out += _bullets("Lessons", (f"({x.category}) {md_escape(x.text)}"
                                    for x in lessons if x.rejection_id == r.id))  # fmt: skip
        out += _bullets("Checklist", (f"[{'x' if i.done_at else ' '}] {md_escape(i.title)}"
                                      + (f" — {md_escape(i.choice)}" if i.choice else "")
                                      for i in items if i.rejection_id == r.id))  # fmt: skip
    loose = [x for x in lessons if x.rejection_id not in shown]
    out += _bullets("## Other lessons", (
        f"({x.category}) {md_escape(x.text)}"
        + (f" — after {md_escape(company[x.rejection_id])}" if x.rejection_id in company else "")
        for x in loose))  # fmt: skip
    query = select(CheckIn).order_by(col(CheckIn.at))
    entries = [c for c in session.exec(query) if since is None or since.keeps_day(c.day)]
    if entries:
        out += ["## Check-ins", "", "| when | mood | energy | tags | note |",
                "| --- | --- | --- | --- | --- |"]  # fmt: skip
        out += [
            f"| {_when(c.at, tz)} | {c.mood} {checkins.MOOD_LABELS[c.mood]} | {c.energy or ''} "
            f"| {_cell(', '.join(c.tags))} | {_cell(c.note)} |"
            for c in entries
        ]
        out.append("")
    return "\n".join(out)

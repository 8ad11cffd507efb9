"""The progress screen's report and the gentle prompt, read from an open session.

Every figure comes from one query (grouped in SQL where it can be), never one
query per day, so the report stays fast with ten years of check-ins; the
figures themselves are computed by the pure functions of `domain/progress.py`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from sqlmodel import Session, col, func, select

from bounce_tui.domain import mourning, progress
from bounce_tui.domain.dates import from_local, local_day, to_utc
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.settings import DISMISSED_UNTIL_KEY
from bounce_tui.store.models import (
    CheckIn,
    ChecklistItem,
    LessonReview,
    MourningPeriod,
    Rejection,
    Setting,
    SkipDay,
    Urge,
)
from bounce_tui.store.read.status import as_date, day_moods
from bounce_tui.store.read.views import period_value


def _dismissed_until(session: Session) -> date | None:
    row = session.get(Setting, DISMISSED_UNTIL_KEY)
    if row is None or not row.value:
        return None
    try:
        return date.fromisoformat(row.value.strip())
    except ValueError:
        return None  # a hand-edited, unreadable value does not hide the prompt


def _periods(
    session: Session, companies: dict[str, str], now: datetime, tz: tzinfo | None
) -> list[progress.PeriodFact]:
    """Every mourning period with its urges: two queries (periods, urges grouped)."""
    urges = dict(
        session.exec(select(Urge.mourning_id, func.count()).group_by(col(Urge.mourning_id))).all()
    )
    facts = []
    for period in session.exec(select(MourningPeriod)):
        value = period_value(period)
        facts.append(
            progress.PeriodFact(
                period_id=period.id,
                rejection_id=period.rejection_id,
                company=companies.get(period.rejection_id or "", ""),
                start_day=local_day(period.started_at, tz),
                end_day=local_day(mourning.ended_at(value), tz),
                planned_days=period.days,
                actual_days=progress.actual_days(value, now),
                urges=urges.get(period.id, 0),
            )
        )
    return facts


def _checklists(session: Session, companies: dict[str, str]) -> list[progress.Completion]:
    """Done / total per rejection (None: hunt-wide items), one grouped query."""
    rows = session.exec(
        select(
            ChecklistItem.rejection_id, func.count(), func.count(col(ChecklistItem.done_at))
        ).group_by(col(ChecklistItem.rejection_id))
    ).all()
    parts = [
        progress.Completion(rejection_id, companies.get(rejection_id or "", ""), done, total)
        for rejection_id, total, done in rows
    ]
    return sorted(parts, key=lambda c: (c.rejection_id is None, c.company.lower(), c.company))


def _review_days(session: Session, today: date, tz: tzinfo | None) -> list[date]:
    """Local days of this week's graded (non-drill) reviews, one query.

    The SQL bound is a day wider than the week so that no offset can cut a review
    off; the exact local days are decided in Python.
    """
    first = today - timedelta(days=progress.WEEK_DAYS)
    bound = from_local(datetime.combine(first, time.min), tz)
    moments = session.exec(
        select(LessonReview.reviewed_at).where(
            col(LessonReview.drill).is_(False), LessonReview.reviewed_at >= bound
        )
    ).all()
    return [local_day(moment, tz) for moment in moments]


def _day_tags(session: Session, first: date) -> dict[date, list[str]]:
    """The tags of each day's check-ins from ``first`` on, one query (tagged rows only).

    Only the longest chart range is read (the tag figures follow the chart), so
    years of older check-ins cost nothing here. A hand-edited value that is not a
    list of text is passed over.
    """
    rows = session.exec(
        select(col(CheckIn.day), col(CheckIn.tags)).where(
            CheckIn.day >= first, func.json_array_length(col(CheckIn.tags)) > 0
        )
    ).all()
    found: dict[date, list[str]] = {}
    for day, tags in rows:
        if isinstance(tags, list):
            found.setdefault(as_date(day), []).extend(t for t in tags if isinstance(t, str))
    return found


def progress_report(
    session: Session, now: datetime, tz: tzinfo | None, window_days: int = 365
) -> progress.ProgressReport:
    """Every figure the progress screen shows.

    One query per figure: day moods (grouped), skipped days, rejections,
    periods, urges (grouped), checklist counts (grouped), this week's
    reviews, the tags of the last year's check-ins and the prompt's dismissal setting.
    """
    if window_days < 1:
        raise DomainError("the chart needs at least one day")
    now = to_utc(now)
    today = local_day(now, tz)
    moods = day_moods(session)
    skipped = [as_date(day) for day in session.exec(select(col(SkipDay.day))).all()]
    rows = session.exec(
        select(Rejection.id, Rejection.company, Rejection.received_at, col(Rejection.day))
    ).all()
    companies = {rejection_id: company for rejection_id, company, _, _ in rows}
    rejections = [  # the day it was logged for, the same in every zone
        progress.RejectionFact(
            rejection_id, company, as_date(day) if day is not None else local_day(at, tz)
        )
        for rejection_id, company, at, day in rows
    ]
    return progress.build_report(
        today=today,
        window_days=window_days,
        moods=moods,
        skipped=skipped,
        rejections=rejections,
        periods=_periods(session, companies, now, tz),
        checklists=_checklists(session, companies),
        review_days=_review_days(session, today, tz),
        dismissed_until=_dismissed_until(session),
        day_tags=_day_tags(session, progress.window_start(today, max(progress.WINDOWS))),
    )

"""A realistic sample job hunt, for `bounce demo` and the README's screenshots.

Three rejections over three months (a screen, an interview, a final round), daily
check-ins that dip after each one and come back, lessons with fronts and a theme
that keeps coming back, ticked checklist items, a few reviews, and an interview
tomorrow. Everything is written through the `Store` with a clock that walks from
three months ago up to `now`, so the sample always ends "today".
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from bounce_tui.domain.checklist import TemplateItem
from bounce_tui.domain.dates import local_day, to_utc
from bounce_tui.store.repository import Store

__all__ = ["build_demo", "DEMO_DAYS"]

#: How far back the sample starts, in days.
DEMO_DAYS = 92

#: The mood of an ordinary day, before any rejection: 3 okay to 4 good.
_USUAL = (3, 4, 4, 4, 3, 4, 5)
#: The days after a rejection (0 is the day it came): a dip, then the way back.
_DIP = {
    "screen": (2, 3, 3),
    "interview": (2, 2, 3, 3, 3),
    "final": (1, 2, 2, 3),
}
_GOOD_TAGS = ("walk", "friends", "gym", "cooking")
_HARD_TAGS = ("poor sleep", "inbox")
_NOTES = {
    1: ("gutted", "could not stop checking my email"),
    2: ("flat day", "rough, but I went outside", "talked it through with Sam"),
    3: ("okay", "tired but okay", "sent two applications"),
    4: ("good call with a recruiter", "a long walk helped", ""),
    5: ("great run this morning", ""),
}


@dataclass(frozen=True)
class _Rejection:
    days_ago: int
    company: str
    role: str
    stage: str
    channel: str
    contact: str
    notes: str
    close_out: str = ""


_REJECTIONS = (
    _Rejection(80, "Northwind Analytics", "Data analyst", "screen", "email", "Maya",
               "Recruiter screen went well; they chose someone with more SQL."),
    _Rejection(44, "Lumen Health", "Product analyst", "interview", "call", "Priya",
               "Second round with the team. They wanted more stakeholder stories.",
               close_out="Good people; the take-home taught me a lot."),
    _Rejection(1, "Acme Robotics", "Senior data analyst", "final", "call", "Dana",
               "Final panel. Close call between me and one other person."),
)  # fmt: skip

#: (rejection index, front, back, category, tags); the two "stories" lessons are one theme.
_LESSONS = (
    (0, "Asked why I want this role", "Tie the answer to one thing in their product, "
     "not to my career plan", "interview", ("motivation",)),
    (0, "Salary came up in the first call", "Give a researched range and ask about their "
     "band first", "interview", ("salary",)),
    (1, "Asked about a conflict with a stakeholder", "Tell one real story in two minutes: "
     "the situation, what I did, the outcome", "interview", ("stories",)),
    (1, "The take-home ran past its time box", "Agree the scope in writing, stop at the "
     "time box and note what I would do next", "task", ()),
    (1, "I did not know who their main customers were", "Read their last annual report "
     "and one customer story before the call", "research", ()),
    (2, "Asked about a time I disagreed with my manager", "Prepare two stakeholder stories "
     "with a clear outcome", "interview", ("stories",)),
    (2, "The panel asked how I prioritise", "Show one real backlog and the trade-off I "
     "made, with numbers", "interview", ()),
    (2, "", "A final-round no means I was close; the next one starts from there",
     "mindset", ()),
)  # fmt: skip


class _WalkingClock:
    """The moment the sample is being written at; moved forward by hand."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment


def build_demo(path: Path, now: datetime, tz: tzinfo | None = None, *, seed: int = 7) -> None:
    """Write the sample into a new database at `path`, ending at `now` (local zone `tz`).

    The same `now`, `tz` and `seed` always give the same entries (ids aside).
    """
    now = to_utc(now)
    today = local_day(now, tz)
    rng = random.Random(seed)
    clock = _WalkingClock(now - timedelta(days=DEMO_DAYS + 1))
    store = Store(path, now=clock, tz=tz, template=_packaged_template)
    try:
        with _closing(store):
            _fill(store, clock, now, today, tz, rng)
    finally:
        clock.moment = now


@contextmanager
def _closing(store: Store) -> Iterator[Store]:
    try:
        yield store
    finally:
        store.close()


def _packaged_template() -> list[TemplateItem]:
    """The built-in regroup template, whatever the person keeps in their config folder."""
    from bounce_tui.resources import regroup_template

    return regroup_template(None)


def _at(day: date, hour: int, minute: int, tz: tzinfo | None) -> datetime:
    """A local moment on `day`, in UTC."""
    zone = tz if tz is not None else datetime.now().astimezone().tzinfo
    return to_utc(datetime.combine(day, time(hour, minute), tzinfo=zone))


def _fill(
    store: Store,
    clock: _WalkingClock,
    now: datetime,
    today: date,
    tz: tzinfo | None,
    rng: random.Random,
) -> None:
    dips: dict[date, int] = {}
    for r in _REJECTIONS:
        start = today - timedelta(days=r.days_ago)
        for offset, mood in enumerate(_DIP[r.stage]):
            dips[start + timedelta(days=offset)] = mood
    rejection_ids: list[str] = []
    stories: list[str] = []
    pending = list(_REJECTIONS)
    for back in range(DEMO_DAYS, -1, -1):
        day = today - timedelta(days=back)
        if pending and day == today - timedelta(days=pending[0].days_ago):
            rejection_ids.append(_log_rejection(store, clock, pending.pop(0), day, now, tz))
            _add_lessons(store, clock, rejection_ids, stories, day, now, tz)
            if len(rejection_ids) > 1:
                _tick_checklist(store, rejection_ids[-2], done_all=True)
        if back and rng.random() < 0.06 and day not in dips:
            continue  # a day without a check-in, as real weeks have
        if not back and (now - _at(day, 7, 20, tz)).total_seconds() < 0:
            continue  # too early today for a check-in
        _check_in(store, clock, day, dips.get(day), now, tz, rng)
        if back in (78, 70, 60, 42, 35, 20, 9, 5, 3):
            _review(store, back)
    store.lessons.join_theme(stories[-1], stories[0])
    _tick_checklist(store, rejection_ids[-1], done_all=False)
    clock.moment = now
    first = store.read.mourning_for(rejection_ids[-1])
    store.mourning.log_urge(first.period_id)
    tomorrow = today + timedelta(days=1)
    store.interviews.add_interview(
        "Brightline", _at(tomorrow, 10, 30, tz), role="Analytics engineer", stage="interview"
    )


def _log_rejection(
    store: Store, clock: _WalkingClock, r: _Rejection, day: date, now: datetime, tz: tzinfo | None
) -> str:
    clock.moment = min(_at(day, 16, 40, tz), now)
    rejection_id = store.rejections.log_rejection(
        r.company, role=r.role, stage=r.stage, channel=r.channel, contact=r.contact, notes=r.notes
    )
    if r.close_out:
        period = store.read.mourning_for(rejection_id)
        clock.moment = min(_at(day + timedelta(days=1), 20, 15, tz), now)
        store.mourning.log_urge(period.period_id)
        clock.moment = min(_at(day + timedelta(days=2), 9, 0, tz), now)
        store.mourning.end_mourning(period.period_id, r.close_out)
    return rejection_id


def _check_in(
    store: Store,
    clock: _WalkingClock,
    day: date,
    dip: int | None,
    now: datetime,
    tz: tzinfo | None,
    rng: random.Random,
) -> None:
    mood = dip if dip is not None else rng.choice(_USUAL)
    tags = [rng.choice(_HARD_TAGS)] if mood <= 2 and rng.random() < 0.7 else []
    if mood >= 4 and rng.random() < 0.6:
        tags.append(rng.choice(_GOOD_TAGS))
    if rng.random() < 0.35:
        tags.append("applications")
    note = rng.choice(_NOTES[mood]) if rng.random() < 0.5 else ""
    at = _at(day, 21, rng.randrange(0, 50), tz)
    if at > now:  # today, before the evening: a check-in a little while ago
        at = now - timedelta(minutes=20)
    clock.moment = max(at, clock.moment)
    energy = max(1, min(5, mood + rng.choice((-1, 0, 0, 1))))
    store.checkins.check_in(mood, energy=energy, note=note, tags=tags, at=at)


def _add_lessons(
    store: Store,
    clock: _WalkingClock,
    rejection_ids: list[str],
    stories: list[str],
    day: date,
    now: datetime,
    tz: tzinfo | None,
) -> None:
    """The lessons of the rejection just logged, written down that evening."""
    index = len(rejection_ids) - 1
    for number, (of, prompt, text, category, tags) in enumerate(_LESSONS):
        if of != index:
            continue
        clock.moment = min(_at(day, 19, number, tz), now)
        lesson_id = store.lessons.add_lesson(
            text, prompt=prompt, category=category, tags=tags, rejection_id=rejection_ids[index]
        )
        if "stories" in tags:
            stories.append(lesson_id)


def _review(store: Store, back: int) -> None:
    """Grade the lessons due at this point of the hunt, as someone keeping up would."""
    for card in store.read.due_lessons()[:3]:
        store.reviews.grade_lesson(card.lesson_id, 3 if back % 2 else 4)


def _tick_checklist(store: Store, rejection_id: str, *, done_all: bool) -> None:
    """Tick a rejection's items: all but one of an older one, the first two of the newest."""
    items = [i for i in store.read.main_snapshot().items if i.rejection_id == rejection_id]
    chosen = items[:-1] if done_all else items[:2]
    for item in chosen:
        if item.done:
            continue
        if item.kind == "decision" and item.choices:
            store.checklist.choose(item.item_id, item.choices[0])
        else:
            store.checklist.toggle_item(item.item_id)

"""The main snapshot read through plain sqlite3 equals the one the ORM read.

`store/read/snapshot.py` reads rows with `store/rows.py` instead of SQLModel; on
random histories made through the Store's use cases (rejections at every stage,
lessons with and without rejections and themes, check-ins over weeks, skipped
days, interviews, urges, ticked items, settings) both give the same snapshot.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.mourning import STAGES
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock
from tests.store.orm_snapshot import load_main_snapshot as orm_snapshot

WORDS = st.text(alphabet="abcdeé {}ß", min_size=1, max_size=12).filter(str.strip)

CHECKIN = st.tuples(
    st.just("checkin"), st.integers(1, 5), st.sampled_from([0, 1, 2, 30, 200]), WORDS
)
STEP = st.one_of(
    CHECKIN,
    CHECKIN,
    st.tuples(st.just("reject"), WORDS, st.sampled_from(STAGES), st.integers(0, 40)),
    st.tuples(st.just("lesson"), WORDS, st.booleans(), st.integers(0, 40)),
    st.tuples(st.just("theme"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("skip"), st.integers(1, 20)),
    st.tuples(st.just("interview"), WORDS, st.sampled_from(STAGES), st.integers(0, 30)),
    st.tuples(st.just("urge"), st.integers(0, 50)),
    st.tuples(st.just("tick"), st.integers(0, 50)),
    st.tuples(st.just("setting"), st.sampled_from(["reminder_hour", "theme"]), WORDS),
    st.tuples(st.just("dismiss"), st.integers(1, 9)),
    st.tuples(st.just("later"), st.integers(1, 30)),
)


def _apply(store: Store, clock: Clock, step: tuple) -> None:  # type: ignore[type-arg]
    kind, *args = step
    snap = store.read.main_snapshot()
    if kind == "reject":
        name, stage, days_ago = args
        store.rejections.log_rejection(
            name, stage=stage, received_at=clock() - timedelta(days=days_ago)
        )
    elif kind == "lesson":
        text, linked, days_ago = args
        rejection = snap.rejections[0].rejection_id if linked and snap.rejections else None
        store.lessons.add_lesson(
            text, rejection_id=rejection, at=clock() - timedelta(days=days_ago)
        )
    elif kind == "theme" and len(snap.lessons) >= 2:
        a, b = args
        one, other = snap.lessons[a % len(snap.lessons)], snap.lessons[b % len(snap.lessons)]
        if one.lesson_id != other.lesson_id:
            store.lessons.join_theme(one.lesson_id, other.lesson_id)
    elif kind == "checkin":
        mood, hours_ago, note = args
        store.checkins.check_in(mood, note=note, at=clock() - timedelta(hours=hours_ago))
    elif kind == "skip":
        store.checkins.skip_day(clock().date() - timedelta(days=args[0]))
    elif kind == "interview":
        name, stage, hours = args
        store.interviews.add_interview(name, clock() + timedelta(hours=hours), stage=stage)
    elif kind == "urge" and snap.timers:
        store.mourning.log_urge(snap.timers[args[0] % len(snap.timers)].period_id)
    elif kind == "tick" and snap.items:
        store.checklist.toggle_item(snap.items[args[0] % len(snap.items)].item_id)
    elif kind == "setting":
        store.settings.set_setting(*args)
    elif kind == "dismiss":
        store.settings.dismiss_gentle_prompt(args[0])
    elif kind == "later":
        clock.advance(hours=args[0])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=5, max_size=30))
def test_the_plain_snapshot_equals_the_orm_snapshot(
    tmp_path_factory: object,
    steps: list[tuple],  # type: ignore[type-arg]
) -> None:
    folder = Path(tmp_path_factory.mktemp("plain"))  # type: ignore[attr-defined]
    clock = Clock(NOW)
    store = Store(folder / "b.db", now=clock, tz=BERLIN)
    try:
        for step in steps:
            # A step the rules refuse (a past interview, a bad setting) adds nothing.
            with suppress(DomainError):
                _apply(store, clock, step)
        plain = store.read.main_snapshot()
        with store.db.reading() as session:
            expected = orm_snapshot(session, clock(), BERLIN)
        assert plain == expected
    finally:
        store.close()

"""Random sequences of quick entries leave the same rows on the quick path and the ORM path.

Check-ins, skipped days, rejections (any stage and channel, back-dated or not,
with or without a mourning length), lessons (with and without a rejection, kept
late or now) and interviews run through `store.quick` on one copy of a database
and through the `Store` use cases on another, with one fixed clock and the same
ids drawn (uuid4 is replaced by a counter restarted for each entry on both
paths). Every row of every table must match, and so must what each command
prints from: the rejection's timer, the similar lessons, the status, the search
and the check-in list.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounce_tui import resources
from bounce_tui.domain.errors import DomainError
from bounce_tui.domain.status import summary_lines
from bounce_tui.store import quick
from bounce_tui.store.clock import Clock as StoreClock
from bounce_tui.store.errors import NotFound
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, NOW, Clock


def _template() -> list:  # type: ignore[type-arg]
    return resources.regroup_template(None)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with a rejection, a lesson, an open hunt-wide item and a setting."""
    path = tmp_path_factory.mktemp("quick-entries") / "template.db"
    moving = Clock(NOW - timedelta(days=20))
    store = Store(path, now=moving, tz=BERLIN, template=_template)
    first = store.rejections.log_rejection("Acme", stage="final")
    store.lessons.add_lesson("Prepare two stakeholder stories", rejection_id=first)
    store.settings.set_setting("mourning.screen", "4")
    moving.set(NOW)
    store.checkins.skip_day((NOW - timedelta(days=3)).date())
    store.close()
    return path


WORDS = st.sampled_from(
    ["prepare", "stakeholder", "stories", "salary", "negotiate", "camera", "test", "early"]
)
TEXT = st.lists(WORDS, min_size=1, max_size=5).map(" ".join) | st.sampled_from(
    ["", "  ", "'); DROP TABLE lesson; --", "\x1b[31mred", "a\u202eb", "ä\n\tb", '"quoted" *']
)
STAGE = st.sampled_from(["applied", "screen", "interview", "final", "Final ", "lunch"])
CHANNEL = st.sampled_from(["email", "call", "silence", "pigeon"])
BACK = st.none() | st.integers(-30, 60 * 24 * 30)  # minutes before now (negative: future)

ENTRY = st.one_of(
    st.fixed_dictionaries(
        {"kind": st.just("checkin"), "mood": st.integers(0, 6), "note": TEXT, "back": BACK}
    ),
    st.fixed_dictionaries({"kind": st.just("skip"), "days": st.integers(-1, 20), "note": TEXT}),
    st.fixed_dictionaries(
        {
            "kind": st.just("reject"),
            "company": TEXT,
            "role": TEXT,
            "stage": STAGE,
            "channel": CHANNEL,
            "back": BACK,
            "mourn": st.none() | st.integers(0, 15),
            "notes": TEXT,
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("lesson"),
            "text": TEXT,
            "prompt": TEXT,
            "category": st.sampled_from(["interview", "mindset", "Resume", "nope"]),
            "tags": st.lists(WORDS, max_size=2),
            "rejection": st.none() | st.sampled_from(["last", "0000", "zzzz"]),
            "back": BACK,
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("interview"),
            "company": TEXT,
            "ahead": st.integers(-60 * 24 * 2, 60 * 24 * 20),
            "stage": STAGE,
        }
    ),
)


@contextmanager
def _ids(start: int) -> Iterator[None]:
    """uuid4 drawn from a counter, so the two paths give the same rows the same ids."""
    counter = itertools.count(start)
    with mock.patch.object(uuid, "uuid4", lambda: uuid.UUID(int=next(counter))):
        yield


def _at(entry: dict, clock: Clock):  # type: ignore[no-untyped-def]
    return None if entry["back"] is None else clock() - timedelta(minutes=entry["back"])


def _by_orm(store: Store, entry: dict, clock: Clock) -> object:
    kind = entry["kind"]
    if kind == "checkin":
        return store.checkins.check_in(entry["mood"], note=entry["note"], at=_at(entry, clock)).day
    if kind == "skip":
        day = (clock() - timedelta(days=entry["days"])).date()
        return store.checkins.skip_day(day, entry["note"])
    if kind == "reject":
        rejection_id = store.rejections.log_rejection(
            entry["company"], role=entry["role"], stage=entry["stage"], channel=entry["channel"],
            received_at=_at(entry, clock), mourn_days=entry["mourn"], notes=entry["notes"],
        )  # fmt: skip
        timer = store.read.mourning_for(rejection_id)
        return (rejection_id, timer.company, timer.stage, timer.days, timer.planned_end)
    if kind == "lesson":
        ref = entry["rejection"]
        rejection_id = store.rejections.resolve_rejection(ref) if ref is not None else None
        lesson_id = store.lessons.add_lesson(
            entry["text"], category=entry["category"], tags=entry["tags"],
            rejection_id=rejection_id, prompt=entry["prompt"], at=_at(entry, clock),
        )  # fmt: skip
        return lesson_id, store.lessons.similar_lessons(
            entry["prompt"], entry["text"], exclude_id=lesson_id
        )
    at = clock() + timedelta(minutes=entry["ahead"])
    return store.interviews.add_interview(entry["company"], at, stage=entry["stage"])


def _by_quick(path: Path, entry: dict, clock: Clock) -> object:
    zone = StoreClock(clock, BERLIN)
    kind = entry["kind"]
    if kind == "checkin":
        at = _at(entry, clock)
        return quick.check_in(path, entry["mood"], note=entry["note"], at=at, clock=zone)
    if kind == "skip":
        day = (clock() - timedelta(days=entry["days"])).date()
        return quick.skip_day(path, day, entry["note"], clock=zone)
    if kind == "reject":
        logged = quick.log_rejection(
            path, entry["company"], role=entry["role"], stage=entry["stage"],
            channel=entry["channel"], received_at=_at(entry, clock), mourn_days=entry["mourn"],
            notes=entry["notes"], clock=zone, template=_template,
        )  # fmt: skip
        assert logged is not None
        return (logged.rejection_id, logged.company, logged.stage, logged.days, logged.planned_end)
    if kind == "lesson":
        lesson_id = quick.add_lesson(
            path, entry["text"], category=entry["category"], tags=entry["tags"],
            rejection=entry["rejection"], prompt=entry["prompt"], at=_at(entry, clock),
            clock=zone,
        )  # fmt: skip
        assert lesson_id is not None
        return lesson_id, quick.similar_lessons(
            path, entry["prompt"], entry["text"], exclude_id=lesson_id
        )
    at = clock() + timedelta(minutes=entry["ahead"])
    return quick.add_interview(path, entry["company"], at, stage=entry["stage"], clock=zone)


def _outcome(run: Callable[[], object]) -> object:
    try:
        return run()
    except (DomainError, NotFound) as exc:
        return f"refused: {type(exc).__name__}: {exc}"


def _all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index's own storage aside), sorted."""
    conn = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("lesson_fts_") and not name.startswith("sqlite_")
        ]
        return {
            name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
            for name in names
        }
    finally:
        conn.close()


QUERIES = ("stories", "prepare stake", "cat:int", "cat:mind salary", "at:acme", "at:a% test", "")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(ENTRY, min_size=1, max_size=6), step=st.integers(1, 6 * 3600))
def test_random_quick_entries_leave_the_same_rows_on_both_paths(
    template: Path, tmp_path_factory: pytest.TempPathFactory, entries: list[dict], step: int
) -> None:
    folder = tmp_path_factory.mktemp("run")
    orm_path, quick_path = folder / "orm.db", folder / "quick.db"
    shutil.copy(template, orm_path)
    shutil.copy(template, quick_path)
    clock = Clock(NOW)
    store = Store(orm_path, now=clock, tz=BERLIN, template=_template)
    try:
        for number, entry in enumerate(entries):
            with _ids(1000 * (number + 1)):
                by_orm = _outcome(lambda e=entry: _by_orm(store, e, clock))
            with _ids(1000 * (number + 1)):
                by_quick = _outcome(lambda e=entry: _by_quick(quick_path, e, clock))
            assert by_quick == by_orm, entry
            clock.advance(seconds=step)
        assert _all_rows(quick_path) == _all_rows(orm_path)
        zone = StoreClock(clock, BERLIN)
        status = quick.read_status(quick_path, zone)
        assert status == store.read.status()
        assert status is not None and summary_lines(status) == summary_lines(store.read.status())
        since = (NOW - timedelta(days=40)).date()
        assert quick.since(quick_path, since) == store.checkins.since(since)
        for query in QUERIES:
            found = quick.search_lessons(quick_path, query, limit=50)
            assert found is not None
            assert [(f.lesson_id, f.category, f.prompt, f.text, f.company) for f in found] == [
                (v.lesson_id, v.category, v.prompt, v.text, v.company)
                for v in store.read.search_lessons(query, limit=50)
            ], query
    finally:
        store.close()

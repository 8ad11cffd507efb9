"""The regroup checklist fits the rejection: stages, channels, hunt-wide items once, calm dates."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bounce_tui.domain.checklist import MAX_TEMPLATE_ITEMS, parse_template
from bounce_tui.domain.errors import DomainError
from bounce_tui.resources import regroup_template
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, Clock


def _open_items(path: Path) -> list[tuple[str | None, str, date | None]]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT rejection_id, template_key, due_on FROM checklist_item WHERE done_at IS NULL"
        ).fetchall()
    finally:
        conn.close()
    return [(r, k, date.fromisoformat(d) if d else None) for r, k, d in rows]


@pytest.fixture
def real(db_path: Path, clock: Clock) -> Store:
    """A store with the packaged template (the real advice)."""
    s = Store(db_path, now=clock, tz=BERLIN, template=lambda: regroup_template(None))
    yield s
    s.close()


def test_an_auto_reply_gets_no_interviewer_items(real: Store) -> None:
    rid = real.rejections.log_rejection("Acme", stage="applied", channel="email")
    own = {k for r, k, _ in _open_items(real.path) if r == rid}
    assert own == set()
    hunt = {k for r, k, _ in _open_items(real.path) if r is None}
    assert "resume_pass" in hunt and "mock_interview" not in hunt


def test_a_silence_gets_one_follow_up_instead_of_a_thank_you(real: Store) -> None:
    rid = real.rejections.log_rejection("Acme", stage="interview", channel="silence")
    own = {k for r, k, _ in _open_items(real.path) if r == rid}
    assert "follow_up_once" in own and "thank_you_reply" not in own


def test_ten_rejections_keep_the_open_items_bounded(real: Store, clock: Clock) -> None:
    stages = ["applied", "screen", "interview", "final"]
    channels = ["email", "call", "silence"]
    for n in range(10):
        clock.advance(days=2)
        real.rejections.log_rejection(f"Company {n}", stage=stages[n % 4], channel=channels[n % 3])
    items = _open_items(real.path)
    hunt = [k for r, k, _ in items if r is None]
    assert len(hunt) == len(set(hunt))  # each hunt-wide item once while open
    per_rejection = len(items) - len(hunt)
    assert per_rejection <= 10 * 4
    assert len(items) <= 10 * 4 + 6  # it was 100 with every item copied for each rejection


def test_a_new_rejection_reuses_an_open_hunt_item_and_may_bring_it_forward(
    real: Store, clock: Clock
) -> None:
    real.rejections.log_rejection("Acme", stage="final")  # mourning 3 days: résumé due later
    (first,) = [d for r, k, d in _open_items(real.path) if k == "resume_pass"]
    real.rejections.log_rejection("Globex", stage="applied", mourn_days=1)
    (again,) = [d for r, k, d in _open_items(real.path) if k == "resume_pass"]
    assert again is not None and first is not None and again < first


def test_a_done_hunt_item_comes_back_with_the_next_rejection(real: Store) -> None:
    real.rejections.log_rejection("Acme", stage="final")
    snapshot = real.read.main_snapshot()
    resume = next(i for i in snapshot.items if i.title.startswith("Give your résumé"))
    real.checklist.toggle_item(resume.item_id)
    real.rejections.log_rejection("Globex", stage="screen")
    keys = [k for r, k, _ in _open_items(real.path) if k == "resume_pass"]
    assert keys == ["resume_pass"]


def test_a_back_dated_rejection_is_not_a_wall_of_overdue(real: Store, clock: Clock) -> None:
    rid = real.rejections.log_rejection(
        "Acme", stage="final", received_at=clock() - timedelta(days=40)
    )
    today = clock().astimezone(BERLIN).date()
    dues = [d for r, k, d in _open_items(real.path) if d is not None and r in (rid, None)]
    assert dues and min(dues) >= today


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[[item]]\nkey = "a"\ntitle = "A"\nstages = ["boss"]\n', "unknown stage 'boss'"),
        ('[[item]]\nkey = "a"\ntitle = "A"\nchannels = ["fax"]\n', "unknown channel 'fax'"),
        ('[[item]]\nkey = "a"\ntitle = "A"\nscope = "team"\n', "scope must be one of"),
        ('[[item]]\nkey = "a"\ntitle = "A"\nstages = "final"\n', "must be a list"),
        ("".join(f'[[item]]\nkey = "k{n}"\ntitle = "T"\n' for n in range(10_000)), "at most"),
    ],
)
def test_a_malformed_template_is_refused_in_one_line(text: str, says: str) -> None:
    with pytest.raises(DomainError, match=says) as raised:
        parse_template(text)
    assert "\n" not in str(raised.value)
    assert MAX_TEMPLATE_ITEMS < 10_000

"""Fixtures for store tests: a settable clock and a Store on a temp file."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bounce_tui.domain.checklist import TemplateItem
from bounce_tui.store.repository import Store

BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc))


TEMPLATE = [
    TemplateItem(key="thank_you", title="Say thanks", why="keep the door open", due_after_days=0),
    TemplateItem(
        key="feedback",
        title="Ask for feedback?",
        why="a choice",
        kind="decision",
        views=("for", "against"),
        choices=("ask", "don't ask"),
    ),
    TemplateItem(key="contact", title="Check back", why="roles reopen", due_after_days=30),
]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bounce.db"


@pytest.fixture
def store(db_path: Path, clock: Clock) -> Store:
    s = Store(db_path, now=clock, tz=BERLIN, template=lambda: list(TEMPLATE))
    yield s
    s.close()

"""Fixtures for store tests: a Store on a temp file with a small checklist template.

The clock (`clock`, standing at NOW) and `db_path` come from tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_tui.domain.checklist import TemplateItem
from bounce_tui.store.repository import Store
from tests.conftest import BERLIN, Clock

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
def store(db_path: Path, clock: Clock) -> Store:
    s = Store(db_path, now=clock, tz=BERLIN, template=lambda: list(TEMPLATE))
    yield s
    s.close()
